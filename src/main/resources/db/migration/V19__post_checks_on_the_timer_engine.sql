-- Post-checks (事中事后核查, SPEC §5.4) on the verification timer engine (SPEC §4.3–4.5), as issue 6 asks ("through
-- the same queues and SLA timers as verification requests"): a post-check's due date is a verification_deadline row
-- (kind POST_CHECK, request_id = the post-check's id), claimed with FOR UPDATE SKIP LOCKED and fired once like a
-- request's. Due without a finding, the check is escalated: the responsible unit's supervisor gets it in the inbox
-- (verification_alert, now naming the post-check) and has the post-check supervisor window (a POST_CHECK_ESCALATION
-- timer); still without a finding then, the check is breached (breached_at, with unit, supervisor and times on the row).
-- Until now a sweep of the commitment capability's own marked due checks overdue and told the unit, and nobody above it.
alter table verification_deadline drop constraint verification_deadline_kind_check;
-- a wider varchar is binary-coercible: no rewrite of the table or its indexes
alter table verification_deadline alter column kind type varchar(32);
alter table verification_deadline add constraint verification_deadline_kind_check
    check (kind in ('AB_TAKEOVER', 'DEADLINE', 'ESCALATION', 'SEAL', 'POST_CHECK', 'POST_CHECK_ESCALATION'));

alter table post_check add column supervisor   varchar(64);
alter table post_check add column escalated_at timestamptz;
alter table post_check add column respond_by   timestamptz;
alter table post_check add column breached_at  timestamptz;

alter table verification_alert add column post_check_id varchar(40);

-- the open checks the sweep watched get their timers; one it already reported overdue is escalated at once
insert into verification_deadline (request_id, kind, due_at)
select id, 'POST_CHECK', case when overdue_at is null then due_at else now() end
from post_check where status = 'PENDING' and due_at is not null;

-- the sweep's index
drop index if exists post_check_due;
