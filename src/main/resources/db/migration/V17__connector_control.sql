-- A connector paused by an operator stays paused for every hub instance on this database and across restarts: the
-- instance that runs the connector (the one holding its advisory lock, see ConnectorLeadership) reads this table.
create table connector_control (
    connector_id text primary key,
    paused       boolean     not null,
    changed_at   timestamptz not null
);
