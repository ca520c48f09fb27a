-- 大数据局电子证照库 (dept_license). This department offers no CDC: its own export job writes
-- NDJSON files of every row whose change_seq passed the exporter's mark in export_state.

CREATE SEQUENCE IF NOT EXISTS license_change_seq;

CREATE TABLE IF NOT EXISTS license_document (
    doc_id       uuid PRIMARY KEY,
    license_code varchar(64),
    license_type varchar(8),
    license_name varchar(100),
    holder_type  varchar(1),
    holder_id    varchar(18),
    holder_name  varchar(200),
    issuer_code  varchar(18),
    issuer_name  varchar(100),
    issue_date   date,
    valid_from   date,
    valid_to     date,
    status       varchar(2),
    surface      jsonb,
    change_seq   bigint NOT NULL,
    updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS license_document_change_seq_idx ON license_document (change_seq);
CREATE INDEX IF NOT EXISTS license_document_holder_idx ON license_document (holder_id);

CREATE TABLE IF NOT EXISTS license_tombstone (
    doc_id     uuid,
    change_seq bigint,
    deleted_at timestamptz
);
CREATE INDEX IF NOT EXISTS license_tombstone_change_seq_idx ON license_tombstone (change_seq);

CREATE TABLE IF NOT EXISTS export_state (
    exporter        varchar(64) PRIMARY KEY,
    last_change_seq bigint NOT NULL
);

-- Sequence numbers are drawn when a row changes but become visible only at commit, so a
-- reader could pass a number whose transaction commits later and lose that change. Every
-- writer therefore holds this lock shared until it commits, and the exporter takes it
-- exclusively (license_wait_for_writers) before reading: it then sees every number drawn so far.
CREATE OR REPLACE FUNCTION license_writer_lock() RETURNS void LANGUAGE sql AS $$
    SELECT pg_advisory_xact_lock_shared(hashtext('license_change_seq'))
$$;
CREATE OR REPLACE FUNCTION license_wait_for_writers() RETURNS void LANGUAGE sql AS $$
    SELECT pg_advisory_xact_lock(hashtext('license_change_seq'))
$$;

CREATE OR REPLACE FUNCTION license_stamp_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM license_writer_lock();
    NEW.change_seq := nextval('license_change_seq');
    RETURN NEW;
END
$$;
CREATE OR REPLACE TRIGGER license_document_change BEFORE INSERT OR UPDATE ON license_document
    FOR EACH ROW EXECUTE FUNCTION license_stamp_change();

CREATE OR REPLACE FUNCTION license_record_tombstone() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM license_writer_lock();
    INSERT INTO license_tombstone (doc_id, change_seq, deleted_at)
    VALUES (OLD.doc_id, nextval('license_change_seq'), now());
    RETURN NULL;
END
$$;
CREATE OR REPLACE TRIGGER license_document_tombstone AFTER DELETE ON license_document
    FOR EACH ROW EXECUTE FUNCTION license_record_tombstone();

COMMENT ON TABLE license_document IS '电子证照';
COMMENT ON COLUMN license_document.doc_id IS '证照文档ID';
COMMENT ON COLUMN license_document.license_code IS '证照标识（类型.签发机构代码.年份.流水号.校验位）';
COMMENT ON COLUMN license_document.license_type IS '证照类型（YYZZ 营业执照，SPJY 食品经营许可证，JZZZ 建筑业企业资质证书，JSZ 机动车驾驶证，JSZG 教师资格证书，YSZG 医师执业证书）';
COMMENT ON COLUMN license_document.license_name IS '证照名称';
COMMENT ON COLUMN license_document.holder_type IS '持证主体类型（P 自然人，O 组织）';
COMMENT ON COLUMN license_document.holder_id IS '持证主体代码（公民身份号码或统一社会信用代码）';
COMMENT ON COLUMN license_document.holder_name IS '持证主体名称';
COMMENT ON COLUMN license_document.issuer_code IS '颁证单位统一社会信用代码';
COMMENT ON COLUMN license_document.issuer_name IS '颁证单位名称';
COMMENT ON COLUMN license_document.issue_date IS '颁证日期';
COMMENT ON COLUMN license_document.valid_from IS '有效期起始日期';
COMMENT ON COLUMN license_document.valid_to IS '有效期截止日期（空为长期）';
COMMENT ON COLUMN license_document.status IS '证照状态（01 有效，02 注销，03 吊销，04 撤销）';
COMMENT ON COLUMN license_document.surface IS '照面信息（按证照类型）';
COMMENT ON COLUMN license_document.change_seq IS '变更序号（触发器取自 license_change_seq）';
COMMENT ON COLUMN license_document.updated_at IS '更新时间';
COMMENT ON TABLE license_tombstone IS '已删除证照（由删除触发器写入）';
COMMENT ON TABLE export_state IS '导出作业进度';
COMMENT ON COLUMN export_state.last_change_seq IS '已导出的最大变更序号';
