-- The hottest writes insert a parent row and its children in one statement: an accepted verification request
-- with its ACCEPTED and ASSIGNED events and its DEADLINE (and AB_TAKEOVER) timers (issue 5: 1,000/s, p99 ≤ 20 ms),
-- an issued e-proof with its source records (issue 4). A foreign-key check per child row looks the parent up
-- again and takes a KEY SHARE lock on it: a tuple lock written to the heap and to the WAL, three or four times
-- per acceptance, on a row the same statement has just written.
--
-- The hub writes these children only together with their parent (the same statement) or under the parent's
-- row lock (FOR UPDATE in RequestStore.lock / lockAll), and it never deletes requests or proofs; the checks
-- could not fail.
alter table verification_event drop constraint if exists verification_event_request_id_fkey;
alter table verification_deadline drop constraint if exists verification_deadline_request_id_fkey;
alter table eproof_source drop constraint if exists eproof_source_proof_id_fkey;
