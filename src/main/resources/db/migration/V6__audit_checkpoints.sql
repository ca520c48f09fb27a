-- Signed checkpoints of the audit chain: the hash at a sequence number, sealed with the audit seal and
-- time-stamped, so rewriting the chain (even recomputing every hash) shows.
create table audit_checkpoint (
    seq       bigint      primary key,
    hash      char(64)    not null,
    at        timestamptz not null,
    content   bytea       not null,
    signature bytea       not null
);
create index audit_unit on audit_log (unit_code, at);
create index audit_at on audit_log (at);
