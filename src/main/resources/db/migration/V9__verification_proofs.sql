-- An e-proof sealed from a confirmed department verification names its request: the hub may ask the proof
-- capability again for the same request after a crash and must get the same proof back (SPEC §4.2).
alter table eproof add column verification_request_id varchar(64) unique;
