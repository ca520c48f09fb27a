-- ID scans are sensitive personal information (PIPL art. 28): encrypted at rest with the hub's data-protection key from
-- now on, and deleted once their request has been closed for hub.verification.id-scan-retention (what was sent stays
-- known: type, size, SHA-256, and when the image was deleted).
alter table verification_attachment add column encrypted boolean not null default false;
alter table verification_attachment alter column content drop not null;
alter table verification_attachment add column purged_at timestamptz;
create index verification_request_closed on verification_request (answered_at) where status in ('CONFIRMED', 'REJECTED', 'RETURNED');
