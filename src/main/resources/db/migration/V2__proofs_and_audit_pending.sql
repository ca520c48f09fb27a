-- E-proofs, query records, and the audit trail's intake.

-- Every e-proof the hub sealed: the content exactly as sealed, its detached CMS, the PDF once rendered.
create table eproof (
    proof_id          varchar(40)  primary key,
    proof_type        varchar(64)  not null,
    method            varchar(32)  not null,
    service_item_code varchar(64)  not null,
    application_id    varchar(128) not null,
    subject_hash      char(64)     not null,
    content           bytea        not null,
    content_digest    varchar(64)  not null,
    signature         bytea        not null,
    pdf               bytea,
    seal_id           varchar(64)  not null,
    issued_at         timestamptz  not null,
    valid_until       date         not null,
    issued_by         varchar(64)  not null,
    issued_unit       varchar(32)  not null,
    status            varchar(16)  not null default 'VALID' check (status in ('VALID', 'REVOKED')),
    revoked_at        timestamptz,
    revoked_by        varchar(64),
    revocation_reason text
);
create index eproof_subject on eproof (subject_hash, issued_at);
create index eproof_application on eproof (service_item_code, application_id);

-- The canonical records a proof was made from (lineage), and records linked later (data later, SPEC §4.7).
create table eproof_source (
    proof_id   varchar(40)  not null references eproof (proof_id),
    kind       varchar(32)  not null,
    record_key varchar(128) not null,
    version    bigint,
    linked_at  timestamptz  not null,
    relation   varchar(16)  not null default 'SOURCE',
    primary key (proof_id, kind, record_key)
);

-- 谁查询、谁负责: every data query, whatever its result, with the subject only as a keyed hash.
create table query_record (
    id                bigserial    primary key,
    at                timestamptz  not null,
    account           varchar(64)  not null,
    unit_code         varchar(32)  not null,
    subject_hash      char(64)     not null,
    subject_type      varchar(16)  not null,
    service_item_code varchar(64)  not null,
    application_id    varchar(128) not null,
    proof_type        varchar(64)  not null,
    purpose           text         not null,
    result            varchar(32)  not null,
    reason            text,
    proof_id          varchar(40)
);
create index query_record_subject on query_record (subject_hash, at);
create index query_record_account on query_record (account, at);

-- Audit events are written here in the transaction of what they record (cheap, no chain lock);
-- one writer moves them, in order, into the hash chain.
create table audit_pending (
    id           bigserial    primary key,
    at           timestamptz  not null,
    actor        varchar(64)  not null,
    unit_code    varchar(32),
    action       varchar(64)  not null,
    subject_hash varchar(64),
    purpose      text,
    detail       text         not null
);
