-- Foundation: units and accounts, the canonical store with lineage, quarantine, the outbox towards
-- Artemis, connector state, the data catalog's objections and the audit trail.

create table unit (
    code        varchar(32) primary key,
    name        text        not null,
    name_en     text        not null,
    kind        varchar(32) not null,
    created_at  timestamptz not null default now()
);

create table account (
    username      varchar(64) primary key,
    password_hash text        not null,
    display_name  text        not null,
    unit_code     varchar(32) not null references unit (code),
    roles         text[]      not null,
    enabled       boolean     not null default true,
    created_at    timestamptz not null default now()
);

-- Current state of each canonical record, merged from its authoritative sources.
create table canonical_record (
    kind            varchar(32)  not null,
    record_key      varchar(128) not null,
    payload         jsonb        not null,
    field_sources   jsonb        not null,
    source_lineage  jsonb        not null,
    owner_connector varchar(64)  not null,
    deleted         boolean      not null default false,
    version         bigint       not null,
    connector_id    varchar(64)  not null,
    source_table    varchar(128) not null,
    source_key      varchar(256) not null,
    source_position bigint       not null,
    captured_at     timestamptz  not null,
    normalised_at   timestamptz  not null,
    mapping_id      varchar(128) not null,
    mapping_version int          not null,
    created_at      timestamptz  not null,
    updated_at      timestamptz  not null,
    primary key (kind, record_key)
);
create index canonical_record_updated on canonical_record (kind, updated_at);

-- Every applied change, once: the unique key absorbs redelivered source events.
create table canonical_history (
    id              bigserial    primary key,
    kind            varchar(32)  not null,
    record_key      varchar(128) not null,
    version         bigint       not null,
    operation       char(1)      not null check (operation in ('U', 'D')),
    payload         jsonb        not null,
    connector_id    varchar(64)  not null,
    source_table    varchar(128) not null,
    source_key      varchar(256) not null,
    source_position bigint       not null,
    captured_at     timestamptz  not null,
    normalised_at   timestamptz  not null,
    mapping_id      varchar(128) not null,
    mapping_version int          not null,
    recorded_at     timestamptz  not null,
    unique (kind, connector_id, source_table, source_key, source_position)
);
create index canonical_history_record on canonical_history (kind, record_key, version);

-- Which canonical record a source row feeds, and the last source position applied from it.
create table source_link (
    connector_id  varchar(64)  not null,
    source_table  varchar(128) not null,
    source_key    varchar(256) not null,
    kind          varchar(32)  not null,
    record_key    varchar(128) not null,
    last_position bigint       not null,
    deleted       boolean      not null default false,
    updated_at    timestamptz  not null,
    primary key (connector_id, source_table, source_key, kind)
);
create index source_link_record on source_link (kind, record_key);

-- One number, one source: a value offered by a non-authoritative source that differs.
create table field_conflict (
    id                      bigserial    primary key,
    kind                    varchar(32)  not null,
    record_key              varchar(128) not null,
    field                   varchar(64)  not null,
    authoritative_connector varchar(64)  not null,
    authoritative_value     text,
    offered_connector       varchar(64)  not null,
    offered_source_table    varchar(128) not null,
    offered_source_key      varchar(256) not null,
    offered_position        bigint       not null,
    offered_value           text,
    detected_at             timestamptz  not null,
    unique (kind, record_key, field, offered_connector, offered_source_key, offered_position)
);

-- The latest value each non-authoritative source offered for a field: compared again whenever the
-- authoritative value arrives or changes, whichever comes first.
create table field_offer (
    kind         varchar(32)  not null,
    record_key   varchar(128) not null,
    field        varchar(64)  not null,
    connector_id varchar(64)  not null,
    value        text,
    source_table varchar(128) not null,
    source_key   varchar(256) not null,
    position     bigint       not null,
    offered_at   timestamptz  not null,
    primary key (kind, record_key, field, connector_id)
);

create table quarantine (
    id              bigserial    primary key,
    connector_id    varchar(64)  not null,
    mapping_id      varchar(128) not null default '',
    mapping_version int,
    source_table    varchar(128) not null,
    source_key_hash varchar(64)  not null,
    source_position bigint       not null,
    operation       char(1)      not null,
    reason          text         not null,
    payload_enc     bytea        not null,
    status          varchar(16)  not null default 'PENDING' check (status in ('PENDING', 'REPLAYED', 'SUPERSEDED', 'DISCARDED')),
    attempts        int          not null default 1,
    first_seen_at   timestamptz  not null,
    last_attempt_at timestamptz  not null,
    resolved_at     timestamptz,
    resolved_by     varchar(64),
    unique (connector_id, source_table, source_key_hash, source_position, mapping_id)
);
create index quarantine_pending on quarantine (connector_id, status);

-- Messages to Artemis, written in the same transaction as the state they announce.
create table outbox (
    id          bigserial    primary key,
    address     varchar(200) not null,
    multicast   boolean      not null,
    body        bytea        not null,
    properties  jsonb        not null default '{}',
    created_at  timestamptz  not null default now()
);

-- Debezium offsets (Kafka Connect offset store) per connector.
create table connector_offset (
    connector_id varchar(64) not null,
    offset_key   bytea       not null,
    offset_value bytea       not null,
    updated_at   timestamptz not null default now(),
    primary key (connector_id, offset_key)
);

-- Adapter positions: the jdbc-poll watermark, the files a file-drop connector has taken in.
create table connector_state (
    connector_id varchar(64)  not null,
    state_key    varchar(256) not null,
    state_value  text         not null,
    updated_at   timestamptz  not null default now(),
    primary key (connector_id, state_key)
);

create table dataset_objection (
    id              bigserial    primary key,
    kind            varchar(32)  not null,
    record_key_hash varchar(64)  not null,
    record_key      varchar(128) not null,
    field           varchar(64)  not null,
    source_connector varchar(64) not null,
    claimed_value   text,
    reason          text         not null,
    status          varchar(16)  not null default 'SENT',
    raised_by       varchar(64)  not null,
    raised_unit     varchar(32)  not null,
    raised_at       timestamptz  not null
);

-- Append-only audit trail; each entry carries the hash of the one before.
create table audit_log (
    seq          bigint       primary key,
    at           timestamptz  not null,
    actor        varchar(64)  not null,
    unit_code    varchar(32),
    action       varchar(64)  not null,
    subject_hash varchar(64),
    purpose      text,
    detail       text         not null default '{}',
    prev_hash    char(64)     not null,
    hash         char(64)     not null
);
create index audit_subject on audit_log (subject_hash, at);
create index audit_actor on audit_log (actor, at);
