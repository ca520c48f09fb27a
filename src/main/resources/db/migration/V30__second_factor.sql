-- 等保 (GB/T 22239) asks administrators to log in with two factors: a password and, here, a time-based one-time code
-- (RFC 6238) from an authenticator app. The key is kept encrypted under the hub's data protection key.
create table account_second_factor (
    username     varchar(64) primary key references account (username) on delete cascade,
    secret       bytea       not null,
    -- null while enrolment waits for the first code from the app
    confirmed_at timestamptz,
    -- the newest time step whose code a login used: a login code is accepted once
    last_step    bigint      not null default -1,
    created_at   timestamptz not null
);
