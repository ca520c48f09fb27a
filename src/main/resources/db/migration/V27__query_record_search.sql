-- An auditor's search of the query records (POST /api/proofs/query-records/search, QueryRecords) pages on id, newest
-- first: "where unit_code = ? ... and id < ? order by id desc limit ?" (KeysetPages). V2 indexed only the subject and the
-- account, so a search by unit or by service item alone read the table backwards on its key until a page of matches
-- turned up, or all of it for a unit or item with few records. With id last, the index gives the matches already in the
-- page's order (a b-tree reads backwards as well as forwards) and the page stops after limit + 1 of them.
-- No index on result: nearly every record is ISSUED (the key's backward scan finds those at once) and the statement's
-- value is a parameter, so a partial index on the rare refusals would not be chosen by a generic plan.
create index query_record_unit on query_record (unit_code, id);
create index query_record_service_item on query_record (service_item_code, id);

-- V2's subject and account indexes ended on "at", not the search's order: a busy agent's page fetched and sorted all of
-- that account's records. Nothing else reads them (the search is the only reader by subject or account).
drop index query_record_subject;
drop index query_record_account;
create index query_record_subject on query_record (subject_hash, id);
create index query_record_account on query_record (account, id);

-- A rating of a data query names the proof (ProofConfiguration.queryRatings: "where proof_id = ? order by id limit 1"),
-- which walked the table on its key; only issued queries have a proof id.
create index query_record_proof on query_record (proof_id) where proof_id is not null;
