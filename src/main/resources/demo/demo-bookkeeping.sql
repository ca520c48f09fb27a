-- Demo bookkeeping, present in every demo department database. Not part of any department's
-- real schema: it tells tests which rows were spoiled or made to disagree on purpose.

CREATE TABLE IF NOT EXISTS _demo_defect (
    source_table varchar(64)  NOT NULL,
    source_key   varchar(64)  NOT NULL,
    defect       varchar(32)  NOT NULL,
    detail       varchar(200)
);
COMMENT ON TABLE _demo_defect IS '演示数据：故意制造的脏数据清单，每行都应被枢纽隔离';
COMMENT ON COLUMN _demo_defect.source_table IS '来源表';
COMMENT ON COLUMN _demo_defect.source_key IS '来源表主键值（文本）';
COMMENT ON COLUMN _demo_defect.defect IS '缺陷类型：BAD_CHECK_CHARACTER 校验位错误，UNKNOWN_CODE 未知代码，MISSING_REQUIRED 必填项缺失，IMPOSSIBLE_DATE 不可能的日期';
COMMENT ON COLUMN _demo_defect.detail IS '字段名及说明';

CREATE TABLE IF NOT EXISTS _demo_conflict (
    source_table         varchar(64)  NOT NULL,
    source_key           varchar(64)  NOT NULL,
    field                varchar(64)  NOT NULL,
    authoritative_source varchar(128) NOT NULL
);
COMMENT ON TABLE _demo_conflict IS '演示数据：与权威来源（一数一源）故意不一致的干净数据，枢纽应记录冲突而非隔离';
COMMENT ON COLUMN _demo_conflict.field IS '不一致的字段（照面信息键名）';
COMMENT ON COLUMN _demo_conflict.authoritative_source IS '权威来源：库.表:主键';
