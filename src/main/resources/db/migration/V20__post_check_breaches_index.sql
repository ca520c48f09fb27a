-- The operators' gauge of post-check breaches per unit (hub_commitment_post_check_breaches) counts them every 30 s:
-- through this index it reads the breaches only, not every post-check ever opened.
create index post_check_breached on post_check (unit_code) where breached_at is not null;
