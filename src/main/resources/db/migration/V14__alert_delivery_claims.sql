-- A webhook delivery is claimed for the length of one post instead of being locked in an open transaction while the
-- receiver answers: the post holds no database connection, and a claim left by a stopped instance runs out.
alter table ops_alert_delivery add column claimed_until timestamptz;
