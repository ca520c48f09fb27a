-- An alert about a request or a post-check stops needing the supervisor when its request is answered or its post-check has
-- its finding: it is closed then (closed_at), taken up or not. The desk and the first page read only alerts neither taken up
-- nor closed, so years of answered requests whose alerts nobody acknowledged no longer lie in their way.
alter table verification_alert add column closed_at timestamptz;

update verification_alert a set closed_at = coalesce(r.answered_at, r.updated_at)
from verification_request r
where r.id = a.request_id and r.status not in ('RECEIVED', 'OPENED', 'DELAYED');
update verification_alert a set closed_at = coalesce(p.found_at, now())
from post_check p
where p.id = a.post_check_id and p.status in ('CONFIRMED', 'FOUND_FALSE');

drop index verification_alert_unacknowledged;
create index verification_alert_unacknowledged on verification_alert (unit_code, raised_at desc)
    where acknowledged_at is null and closed_at is null;
-- the alerts of one request or post-check (taken up by a reassignment, closed by an answer)
create index verification_alert_request on verification_alert (request_id) where request_id is not null and closed_at is null;
create index verification_alert_post_check on verification_alert (post_check_id) where post_check_id is not null and closed_at is null;

create function verification_alert_close_on_answer() returns trigger language plpgsql as $$
begin
    update verification_alert set closed_at = coalesce(new.answered_at, new.updated_at)
    where request_id = new.id and closed_at is null;
    return null;
end $$;
create trigger verification_alert_close_on_answer after update of status on verification_request
    for each row when (old.status in ('RECEIVED', 'OPENED', 'DELAYED') and new.status not in ('RECEIVED', 'OPENED', 'DELAYED'))
    execute function verification_alert_close_on_answer();

create function verification_alert_close_on_finding() returns trigger language plpgsql as $$
begin
    update verification_alert set closed_at = coalesce(new.found_at, now())
    where post_check_id = new.id and closed_at is null;
    return null;
end $$;
create trigger verification_alert_close_on_finding after update of status on post_check
    for each row when (new.status in ('CONFIRMED', 'FOUND_FALSE') and old.status is distinct from new.status)
    execute function verification_alert_close_on_finding();
