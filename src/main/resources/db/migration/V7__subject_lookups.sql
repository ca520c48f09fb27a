-- Data queries find the subject's own facts by a payload field as well: household registration by citizenId,
-- registration status by uscc. V4 indexed the other kinds only, so each such query read every person or
-- enterprise: 341 buffer blocks and more than half of the hub database's statement time per proof with 2,000
-- demo persons (bench proof with pg_stat_statements), growing with the register. "payload ->> ? = ?" runs with
-- custom plans (plan_cache_mode), so the planner sees the field name and uses these.
create index canonical_person_citizen on canonical_record ((payload ->> 'citizenId')) where kind = 'Person';
create index canonical_legal_entity_uscc on canonical_record ((payload ->> 'uscc')) where kind = 'LegalEntity';
