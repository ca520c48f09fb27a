-- Alerts that leave the hub (SPEC §7.1): one row per alert from firing to resolved, so that a restart neither
-- repeats nor forgets one, and the webhook deliveries still owed, retried until the receiver takes them.
create table ops_alert (
    id          bigserial    primary key,
    alert_key   varchar(200) not null,
    name        varchar(64)  not null,
    severity    varchar(16)  not null check (severity in ('WARNING', 'CRITICAL')),
    subject     varchar(128) not null,
    summary     text         not null,
    fired_at    timestamptz  not null,
    resolved_at timestamptz
);
create unique index ops_alert_open on ops_alert (alert_key) where resolved_at is null;
create index ops_alert_recent on ops_alert (fired_at desc);

create table ops_alert_delivery (
    id              bigserial   primary key,
    alert_id        bigint      not null references ops_alert (id),
    body            text        not null,
    created_at      timestamptz not null,
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null,
    delivered_at    timestamptz,
    last_error      text
);
create index ops_alert_delivery_due on ops_alert_delivery (next_attempt_at) where delivered_at is null;
