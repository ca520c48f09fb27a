-- Only proofs sealed from a department verification name their request (V9). The unique index on that column also
-- took an entry for every proof issued by data query, where the column is empty: an index insert per issued proof for
-- nothing. A partial unique index keeps the rule for the proofs that do name a request, and finds them as before.
alter table eproof drop constraint eproof_verification_request_id_key;
create unique index eproof_verification_request on eproof (verification_request_id) where verification_request_id is not null;
