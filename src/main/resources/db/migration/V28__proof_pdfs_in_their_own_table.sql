-- A proof's signed PDF is made on its first request and kept, so that every later request gets the same file
-- (ProofArchive.pdf). It was stored by an UPDATE of the proof's eproof row: every first PDF wrote a whole new version of
-- that row (content, signature and an entry in each of its four indexes) and left the old one for vacuum. In a table
-- of its own, keeping a PDF is one insert of the PDF and its key.
create table eproof_pdf (
    proof_id varchar(40) primary key references eproof (proof_id),
    pdf      bytea       not null
);
-- compressed already (V16): kept out of line without pglz's attempt
alter table eproof_pdf alter column pdf set storage external;

insert into eproof_pdf (proof_id, pdf) select proof_id, pdf from eproof where pdf is not null;
alter table eproof drop column pdf;
