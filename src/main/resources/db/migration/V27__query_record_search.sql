-- An auditor's search of the query records (POST /api/proofs/query-records/search, QueryRecords) pages on id, newest
-- first: "where unit_code = ? ... and id < ? order by id desc limit ?" (KeysetPages). V2 indexed only the subject and the
-- account, so a search by unit or by service item alone read the table backwards on its key until a page of matches
-- turned up, or all of it for a unit or item with few records. With id last, the index gives the matches already in the
-- page's order (a b-tree reads backwards as well as forwards) and the page stops after limit + 1 of them.
-- No index on result: nearly every record is ISSUED (the key's backward scan finds those at once) and the statement's
-- value is a parameter, so a partial index on the rare refusals would not be chosen by a generic plan.
create index query_record_unit on query_record (unit_code, id);
create index query_record_service_item on query_record (service_item_code, id);
