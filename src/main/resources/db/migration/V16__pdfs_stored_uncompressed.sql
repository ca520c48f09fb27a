-- PDFs are compressed already (their content streams and the embedded font subset): zlib saves 13-19 % on the sample
-- PDFs in docs/samples, and pglz keeps a compressed value only if it saves 25 %. PostgreSQL's default storage for a large
-- value (EXTENDED) still ran pglz over every stored PDF before keeping it out of line uncompressed. EXTERNAL keeps them
-- out of line without that attempt. Applies to values stored from now on.
alter table eproof alter column pdf set storage external;
alter table commitment alter column notification_pdf set storage external;
alter table commitment alter column letter_pdf set storage external;
