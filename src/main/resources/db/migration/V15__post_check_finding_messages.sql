-- Findings that departments' systems send over JMS (hub.commitment.findings): each message once, with whether it was
-- taken and, if not, why (unknown check, another unit's check, a finding already recorded, a malformed message).
create table post_check_finding_message (
    message_id  varchar(128) primary key,
    check_id    varchar(64),
    unit_code   varchar(32),
    result      varchar(16),
    received_at timestamptz  not null,
    accepted    boolean      not null,
    problem     text,
    body        bytea
);
create index post_check_finding_message_refused on post_check_finding_message (received_at) where not accepted;
