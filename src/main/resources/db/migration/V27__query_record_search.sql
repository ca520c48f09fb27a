-- An auditor's search of the query records (POST /api/proofs/query-records/search, QueryRecords) pages on id, newest
-- first: "where unit_code = ? ... and id < ? order by id desc limit ?" (KeysetPages). With id last, an index gives the
-- matches already in the page's order (a b-tree reads backwards as well as forwards) and the page stops after limit + 1.
-- V2's subject and account indexes ended on "at": a busy agent's page fetched and sorted all of the account's records.
-- Nothing else reads them (the search is the only reader by subject or account).
drop index query_record_subject;
drop index query_record_account;
create index query_record_subject on query_record (subject_hash, id);
create index query_record_account on query_record (account, id);
-- "Who queried is responsible": a search by unit read the table backwards on its key until a page of the unit's records
-- turned up, or all of it for a unit with few.
create index query_record_unit on query_record (unit_code, id);
-- Not indexed, on purpose: every issuance writes a record, and each index costs it (three more were +65 µs of PostgreSQL
-- CPU per proof in the proof benchmark, ~3 % of a proof). A search by service item alone reads backwards on the key (quick
-- for a busy item, as long as the table for a rare one; with a unit it uses the unit's index); result is nearly always
-- ISSUED and a parameter, so a partial index on the refusals would not be chosen by a generic plan.
