-- A reload of connectors/ and mappings/ reaches every hub instance on this database: the instance asked counts it here,
-- the others see the count move and read their own files (ConfigReloads).
create table ingest_config_reload (
    id           smallint primary key default 1 check (id = 1),
    generation   bigint      not null,
    requested_by text        not null,
    requested_at timestamptz not null
);

-- What each instance runs: the last reload it applied, a digest of the files it read, or why it could not apply them.
create table ingest_config_instance (
    instance_id  text primary key,
    generation   bigint      not null,
    files_digest text,
    problem      text,
    applied_at   timestamptz not null
);
