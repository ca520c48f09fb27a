-- Account administration (等保 login-failure handling): wrong passwords in a row lock an account for a while, a password
-- an administrator set must be changed at the next login, and an account row says when it last changed.
alter table account add column failed_logins int not null default 0;
alter table account add column locked_until timestamptz;
alter table account add column must_change_password boolean not null default false;
alter table account add column password_changed_at timestamptz;
alter table account add column updated_at timestamptz;
