-- Every state change of a verification request (SPEC §7.3) goes into the audit trail's intake in the same
-- transaction as the timeline event that records it, whichever code path wrote the event (an agent's answer, a
-- department's reply over JMS, a timer): the database does it, so no path can forget it. The subject is the
-- request's keyed hash, never the citizen ID.
create function audit_verification_event() returns trigger language plpgsql as $$
begin
    insert into audit_pending (at, actor, unit_code, action, subject_hash, purpose, detail)
    select new.at, coalesce(new.actor, 'hub'), new.actor_unit, 'VERIFICATION_' || new.type, r.subject_hash, '部门核验',
           json_build_object('channel', new.channel, 'detail', new.detail, 'issuingUnit', r.issuing_unit,
                             'request', new.request_id, 'requestingUnit', r.requesting_unit)::text
    from verification_request r where r.id = new.request_id;
    return null;
end $$;

create trigger verification_event_audit after insert on verification_event
    for each row execute function audit_verification_event();
