-- Department verification (SPEC §4): requests between units with their timeline, the durable SLA
-- deadlines, supervisors' alerts, breaches, the on-duty roster with AB posts, replies received from
-- departments' systems (deduplicated) and links to facts that arrived later in the canonical store.

-- Who answers in each unit: A and B agents (AB 岗, partners back each other up) and one supervisor.
create table verification_post (
    unit_code  varchar(32) not null references unit (code),
    username   varchar(64) not null references account (username),
    post       varchar(16) not null check (post in ('A', 'B', 'SUPERVISOR')),
    partner    varchar(64) references account (username),
    available  boolean     not null default true,
    changed_at timestamptz not null,
    changed_by varchar(64) not null,
    primary key (unit_code, username)
);
create unique index verification_post_one_supervisor on verification_post (unit_code) where post = 'SUPERVISOR';
create unique index verification_post_person on verification_post (username);

create table verification_request (
    id                     varchar(40)  primary key,
    status                 varchar(16)  not null check (status in ('RECEIVED', 'OPENED', 'DELAYED', 'CONFIRMED', 'REJECTED', 'RETURNED')),
    requesting_unit        varchar(32)  not null references unit (code),
    requesting_agent       varchar(64)  not null,
    issuing_unit           varchar(32)  not null references unit (code),
    assigned_agent         varchar(64),
    assigned_post          varchar(16),
    service_item_code      varchar(64)  not null,
    application_id         varchar(64)  not null,
    item_kind              varchar(16)  not null check (item_kind in ('INSTANT', 'COMMITMENT')),
    item_promised_limit_s  bigint,
    data_backed            boolean      not null,
    proof_type             varchar(64)  not null,
    data_kind              varchar(32),
    -- the subject as given: the issuing unit needs it; searched only through the keyed hash
    subject_type           varchar(16)  not null check (subject_type in ('PERSON', 'ORGANISATION')),
    subject_id             varchar(32)  not null,
    subject_name           text,
    subject_hash           varchar(64)  not null,
    query_letter           text         not null,
    declared               jsonb,
    received_at            timestamptz  not null,
    deadline_at            timestamptz  not null,
    first_deadline_at      timestamptz  not null,
    latest_deadline_at     timestamptz  not null,
    return_until           timestamptz  not null,
    opened_at              timestamptz,
    opened_by              varchar(64),
    escalated_at           timestamptz,
    escalation_due_at      timestamptz,
    breached_at            timestamptz,
    answered_at            timestamptz,
    answered_by            varchar(64),
    answer_channel         varchar(8),
    answer_reason          text,
    suggested_unit         varchar(32),
    content                jsonb,
    verification_ms        bigint,
    proof_status           varchar(16)  check (proof_status in ('PENDING', 'AWAITING_SEAL', 'SEALED')),
    proof_id               varchar(128),
    seal_id                varchar(128),
    sealed_at              timestamptz,
    supplementary_required boolean      not null default false,
    discrepant_fields      text[],
    data_linked_at         timestamptz,
    readdressed_from       varchar(40)  references verification_request (id),
    readdressed_to         varchar(40),
    updated_at             timestamptz  not null
);
create index verification_request_inbox on verification_request (issuing_unit, received_at desc);
create index verification_request_outbox on verification_request (requesting_unit, received_at desc);
create index verification_request_assignee on verification_request (assigned_agent) where status in ('RECEIVED', 'OPENED', 'DELAYED');
create index verification_request_data_later on verification_request (data_kind, subject_hash)
    where status = 'CONFIRMED' and data_linked_at is null;

create table verification_attachment (
    request_id   varchar(40) primary key references verification_request (id),
    content_type varchar(64) not null,
    size_bytes   int         not null,
    sha256       char(64)    not null,
    content      bytea       not null
);

-- Every state change of a request: who, when, through which channel.
create table verification_event (
    id         bigserial   primary key,
    request_id varchar(40) not null references verification_request (id),
    at         timestamptz not null,
    type       varchar(32) not null,
    actor      varchar(64) not null,
    actor_unit varchar(32),
    channel    varchar(8)  not null check (channel in ('REST', 'JMS', 'TIMER', 'HUB')),
    detail     jsonb       not null default '{}'
);
create index verification_event_request on verification_event (request_id, id);

-- The source of truth of every timer: fired by whichever hub instance claims the row first.
create table verification_deadline (
    id         bigserial   primary key,
    request_id varchar(40) not null references verification_request (id),
    kind       varchar(16) not null check (kind in ('AB_TAKEOVER', 'DEADLINE', 'ESCALATION', 'SEAL')),
    due_at     timestamptz not null,
    state      varchar(10) not null default 'PENDING' check (state in ('PENDING', 'FIRED', 'CANCELLED')),
    attempts   int         not null default 0,
    claimed_by varchar(64),
    claimed_at timestamptz,
    fired_at   timestamptz,
    last_error text
);
create index verification_deadline_due on verification_deadline (due_at) where state = 'PENDING';
create unique index verification_deadline_one_pending on verification_deadline (request_id, kind) where state = 'PENDING';

-- Supervisors' inbox: escalations, breaches, a unit left without anyone on duty.
create table verification_alert (
    id              bigserial   primary key,
    request_id      varchar(40) references verification_request (id),
    unit_code       varchar(32) not null,
    supervisor      varchar(64),
    kind            varchar(16) not null check (kind in ('ESCALATION', 'BREACH', 'NO_ONE_ON_DUTY')),
    raised_at       timestamptz not null,
    respond_by      timestamptz,
    acknowledged_at timestamptz,
    acknowledged_by varchar(64)
);
create index verification_alert_unit on verification_alert (unit_code, raised_at desc);

-- Still unanswered when the supervisor's half hour ran out (accountability, 000 8.1 e).
create table verification_breach (
    request_id     varchar(40) primary key references verification_request (id),
    issuing_unit   varchar(32) not null,
    assigned_agent varchar(64),
    supervisor     varchar(64),
    received_at    timestamptz not null,
    deadline_at    timestamptz not null,
    escalated_at   timestamptz not null,
    breached_at    timestamptz not null
);
create index verification_breach_unit on verification_breach (issuing_unit, breached_at desc);

-- Replies from departments' systems, once each: a redelivered reply finds its id here and changes nothing.
create table verification_reply (
    reply_id     varchar(64) primary key,
    request_id   varchar(40) not null,
    issuing_unit varchar(32),
    kind         varchar(16),
    received_at  timestamptz not null,
    accepted     boolean     not null,
    problem      text
);

-- Verification first, data later (000 6.2.2.1.5): the canonical record that later backed a confirmed proof.
create table verification_data_link (
    request_id     varchar(40)  not null references verification_request (id),
    kind           varchar(32)  not null,
    record_key     varchar(128) not null,
    record_version bigint       not null,
    change_id      varchar(200),
    linked_at      timestamptz  not null,
    primary key (request_id, kind, record_key)
);
