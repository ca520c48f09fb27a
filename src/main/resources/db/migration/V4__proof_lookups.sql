-- Data queries find records by a payload field (credit records and ratings by subject, licences by
-- holder); the hub runs custom plans, so these expression indexes serve "payload ->> ? = ?".
create index canonical_credit_subject on canonical_record ((payload ->> 'subjectId')) where kind in ('CreditRecord', 'CreditRating');
create index canonical_licence_holder on canonical_record ((payload ->> 'holderId')) where kind = 'Licence';
