-- The supervisor's desk (督办): a supervisor takes an alert up with a note; the open alerts of a unit are read often
-- (the console's desk, the gauge of alerts nobody has taken up), the acknowledged ones rarely.
alter table verification_alert add column acknowledged_note text;
create index verification_alert_unacknowledged on verification_alert (unit_code, raised_at desc) where acknowledged_at is null;
