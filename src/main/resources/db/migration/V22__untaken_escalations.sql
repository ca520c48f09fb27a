-- The gauge of escalations nobody has taken up (hub_verification_escalations_untaken) counts those whose supervisor's
-- window is still running: through this index it reads only them, however many old alerts were never taken up.
create index verification_alert_window on verification_alert (respond_by) where acknowledged_at is null and kind = 'ESCALATION';
