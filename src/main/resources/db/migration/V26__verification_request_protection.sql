-- A verification request's subject (citizen ID or USCC, name), its query letter and what the applicant declared, and the
-- facts the issuing unit confirmed, are personal data: from now on they are stored encrypted with the hub's data protection
-- key (AES-GCM, as the ID scans and the commitment applicants), as JSON in "personal" and "content_sealed"; the clear
-- columns stay empty. Rows written before keep their clear columns until the hub seals them after its start
-- (VerificationConfiguration: RequestStore.sealClearRows). The subject is found by its keyed hash (subject_hash) only.
alter table verification_request add column personal bytea, add column content_sealed bytea;
alter table verification_request alter column subject_id drop not null, alter column query_letter drop not null;
alter table verification_request add constraint verification_request_subject_kept check (personal is not null or subject_id is not null);
create index verification_request_clear on verification_request (id) where personal is null;
