-- The certificate-free list as published versions with their history (SPEC §6.1), commitments with
-- their letters, proxy authorisations, post-checks and false-commitment entries (SPEC §5), the
-- paper-proof ledger (SPEC §6.2) and service ratings (好差评, SPEC §7.4).

-- Every version of the list: the seed, drafts, the one published version and those it replaced. A
-- version's content is the whole list as JSON: a published version never changes again.
create table list_version (
    version             varchar(32)  primary key,
    status              varchar(16)  not null check (status in ('DRAFT', 'PUBLISHED', 'SUPERSEDED', 'DISCARDED')),
    based_on            varchar(32)  references list_version (version),
    content             jsonb        not null,
    created_at          timestamptz  not null,
    created_by          varchar(64)  not null,
    updated_at          timestamptz  not null,
    cause               text,
    cause_date          date,
    published_at        timestamptz,
    published_by        varchar(64),
    published_on        date,
    working_days_late   int,
    late                boolean,
    changes             jsonb
);
create unique index list_version_one_published on list_version ((status)) where status = 'PUBLISHED';
create unique index list_version_one_draft on list_version ((status)) where status = 'DRAFT';

-- What changed, by whom and when: drafts opened, items saved or removed, publication, discarding.
create table list_change (
    id          bigserial    primary key,
    version     varchar(32)  not null references list_version (version),
    at          timestamptz  not null,
    actor       varchar(64)  not null,
    action      varchar(16)  not null check (action in ('SEEDED', 'DRAFTED', 'ITEM_SAVED', 'ITEM_REMOVED', 'PUBLISHED', 'DISCARDED')),
    item_code   varchar(64),
    before      jsonb,
    after       jsonb,
    cause       text,
    cause_date  date
);
create index list_change_version on list_change (version, id);

-- 代为承诺的特别授权: who (authoriser) lets whom (proxy) commit, for which items, on which document.
create table commitment_authorisation (
    id              varchar(40)  primary key,
    authoriser_hash char(64)     not null,
    authoriser_type varchar(16)  not null check (authoriser_type in ('PERSON', 'ORGANISATION')),
    proxy_hash      char(64)     not null,
    scope           text[]       not null,
    document_ref    text         not null,
    valid_from      date         not null,
    valid_until     date         not null,
    recorded_at     timestamptz  not null,
    recorded_by     varchar(64)  not null,
    recorded_unit   varchar(32)  not null
);
create index commitment_authorisation_pair on commitment_authorisation (authoriser_hash, proxy_hash);

-- A commitment in place of one proof of one application: OFFERED → SIGNED → DECIDED → (REVOKED), or
-- DECLINED, or WITHDRAWN before the decision. The applicant is kept encrypted (letters are made again
-- from it, the credit department needs it after a false finding) and searched by keyed hash.
create table commitment (
    id                   varchar(40)  primary key,
    status               varchar(16)  not null check (status in ('OFFERED', 'SIGNED', 'DECLINED', 'WITHDRAWN', 'DECIDED', 'REVOKED')),
    service_item_code    varchar(64)  not null,
    service_item_name    text         not null,
    proof_type           varchar(64)  not null,
    proof_title          text         not null,
    method               varchar(32)  not null check (method in ('DECLARATION_COMMITMENT', 'NOTIFICATION_COMMITMENT')),
    responsible_unit     varchar(32)  not null,
    issuing_unit         varchar(32)  not null,
    list_version         varchar(32)  not null references list_version (version),
    -- the list entry as offered: the letters are made from the version the applicant was told, even if a newer one is published
    list_entry           jsonb        not null,
    application_id       varchar(128) not null,
    subject_type         varchar(16)  not null check (subject_type in ('PERSON', 'ORGANISATION')),
    subject_hash         char(64)     not null,
    applicant_enc        bytea        not null,
    credit_level         varchar(8)   not null,
    offered_at           timestamptz  not null,
    offered_by           varchar(64)  not null,
    offered_unit         varchar(32)  not null,
    notification         bytea        not null,
    notification_cms     bytea        not null,
    notification_pdf     bytea        not null,
    letter               bytea,
    letter_cms           bytea,
    letter_pdf           bytea,
    signed_at            timestamptz,
    signed_by            varchar(16)  check (signed_by in ('APPLICANT', 'PROXY')),
    proxy_hash           char(64),
    authorisation_id     varchar(40)  references commitment_authorisation (id),
    signature_method     varchar(32),
    signature_sha256     char(64),
    signature_evidence   bytea,
    declined_at          timestamptz,
    withdrawn_at         timestamptz,
    decided_at           timestamptz,
    decided_by           varchar(64),
    decision_ref         text,
    revoked_at           timestamptz,
    reason               text,
    updated_at           timestamptz  not null
);
create index commitment_subject on commitment (subject_hash, offered_at);
create index commitment_application on commitment (service_item_code, application_id);

create table commitment_event (
    id            bigserial    primary key,
    commitment_id varchar(40)  not null references commitment (id),
    at            timestamptz  not null,
    actor         varchar(64)  not null,
    from_status   varchar(16),
    to_status     varchar(16)  not null,
    note          text
);
create index commitment_event_commitment on commitment_event (commitment_id, id);

-- 事中事后核查: one row per decided commitment, saying how the credit level decided it; tasks that must
-- be done carry a due date and go to the responsible unit's queue.
create table post_check (
    id             varchar(40)  primary key,
    commitment_id  varchar(40)  not null unique references commitment (id),
    unit_code      varchar(32)  not null,
    credit_level   varchar(8)   not null,
    mode           varchar(16)  not null check (mode in ('EXEMPT', 'SAMPLE', 'FULL')),
    sample_value   double precision,
    status         varchar(16)  not null check (status in ('EXEMPT', 'NOT_SAMPLED', 'PENDING', 'CONFIRMED', 'FOUND_FALSE')),
    created_at     timestamptz  not null,
    due_at         timestamptz,
    overdue_at     timestamptz,
    found_at       timestamptz,
    found_by       varchar(64),
    finding        text
);
create index post_check_unit on post_check (unit_code, status, due_at);
create index post_check_due on post_check (due_at) where status = 'PENDING' and overdue_at is null;

-- A commitment found false (承诺不实), recorded in the hub at once and sent to the credit department,
-- which records it in its own database; its record there (and its repair) then governs.
create table false_commitment (
    id             varchar(40)  primary key,
    commitment_id  varchar(40)  not null unique references commitment (id),
    post_check_id  varchar(40)  not null references post_check (id),
    subject_type   varchar(16)  not null,
    subject_hash   char(64)     not null,
    service_item_code varchar(64) not null,
    proof_type     varchar(64)  not null,
    unit_code      varchar(32)  not null,
    found_on       date         not null,
    found_at       timestamptz  not null,
    found_by       varchar(64)  not null,
    description    text         not null
);
create index false_commitment_subject on false_commitment (subject_hash);

-- 台账: a paper proof accepted although the list waives it (001 art. 2): where the list is not yet lived.
create table paper_proof (
    id                bigserial    primary key,
    service_item_code varchar(64)  not null,
    proof_type        varchar(64)  not null,
    list_method       varchar(32)  not null,
    list_version      varchar(32)  not null references list_version (version),
    unit_code         varchar(32)  not null,
    application_id    varchar(128),
    received_on       date         not null,
    reason            varchar(32)  not null,
    note              text,
    recorded_at       timestamptz  not null,
    recorded_by       varchar(64)  not null
);
create index paper_proof_unit on paper_proof (unit_code, received_on);
create index paper_proof_item on paper_proof (service_item_code, received_on);

-- 好差评: one rating per handled query, verification request or commitment.
create table service_rating (
    id                bigserial    primary key,
    target_type       varchar(16)  not null check (target_type in ('QUERY', 'VERIFICATION', 'COMMITMENT')),
    target_id         varchar(64)  not null,
    unit_code         varchar(32)  not null,
    service_item_code varchar(64)  not null,
    score             smallint     not null check (score between 1 and 5),
    comment           text,
    channel           varchar(16)  not null,
    rated_at          timestamptz  not null,
    recorded_by       varchar(64)  not null,
    unique (target_type, target_id)
);
create index service_rating_unit on service_rating (unit_code);
create index service_rating_item on service_rating (service_item_code);
