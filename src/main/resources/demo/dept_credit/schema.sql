-- 发改委信用库 (dept_credit). Lower-case pinyin names, soft deletes. This department offers no CDC:
-- the hub polls on gxsj, which a trigger keeps at the time of the last insert or update.

CREATE TABLE IF NOT EXISTS xy_sxjl (
    jlid bigint PRIMARY KEY,
    ztlx varchar(1),
    ztbm varchar(18),
    ztmc varchar(200),
    sxlb varchar(4),
    yzcd varchar(1),
    rdjg varchar(100),
    rdrq date,
    sxnr text,
    xfzt varchar(1),
    xfrq date,
    scbz varchar(1) NOT NULL DEFAULT '0',
    gxsj timestamp(6) NOT NULL
);
CREATE INDEX IF NOT EXISTS xy_sxjl_gxsj_idx ON xy_sxjl (gxsj);
CREATE INDEX IF NOT EXISTS xy_sxjl_ztbm_idx ON xy_sxjl (ztbm);

CREATE TABLE IF NOT EXISTS xy_pjjg (
    ztbm varchar(18) PRIMARY KEY,
    ztlx varchar(1),
    ztmc varchar(200),
    xydj varchar(2),
    pjrq date,
    scbz varchar(1) NOT NULL DEFAULT '0',
    gxsj timestamp(6) NOT NULL
);
CREATE INDEX IF NOT EXISTS xy_pjjg_gxsj_idx ON xy_pjjg (gxsj);

-- clock_timestamp, not now(): rows of one long transaction must not share a stale poll position
CREATE OR REPLACE FUNCTION xy_touch_gxsj() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.gxsj := clock_timestamp();
    RETURN NEW;
END
$$;
CREATE OR REPLACE TRIGGER xy_sxjl_gxsj BEFORE INSERT OR UPDATE ON xy_sxjl
    FOR EACH ROW EXECUTE FUNCTION xy_touch_gxsj();
CREATE OR REPLACE TRIGGER xy_pjjg_gxsj BEFORE INSERT OR UPDATE ON xy_pjjg
    FOR EACH ROW EXECUTE FUNCTION xy_touch_gxsj();

COMMENT ON TABLE xy_sxjl IS '失信记录';
COMMENT ON COLUMN xy_sxjl.jlid IS '记录ID';
COMMENT ON COLUMN xy_sxjl.ztlx IS '主体类型（1 自然人，2 法人及其他组织）';
COMMENT ON COLUMN xy_sxjl.ztbm IS '主体标识码（公民身份号码或统一社会信用代码）';
COMMENT ON COLUMN xy_sxjl.ztmc IS '主体名称';
COMMENT ON COLUMN xy_sxjl.sxlb IS '失信类别（SX01 失信被执行人，SX02 虚假承诺，SX03 重大税收违法，SX04 严重违法失信，CF01 一般行政处罚）';
COMMENT ON COLUMN xy_sxjl.yzcd IS '严重程度（1 一般，2 较重，3 严重）';
COMMENT ON COLUMN xy_sxjl.rdjg IS '认定机关';
COMMENT ON COLUMN xy_sxjl.rdrq IS '认定日期';
COMMENT ON COLUMN xy_sxjl.sxnr IS '失信内容';
COMMENT ON COLUMN xy_sxjl.xfzt IS '修复状态（0 未修复，1 已修复）';
COMMENT ON COLUMN xy_sxjl.xfrq IS '修复日期';
COMMENT ON COLUMN xy_sxjl.scbz IS '删除标志（0 正常，1 已删除）';
COMMENT ON COLUMN xy_sxjl.gxsj IS '更新时间（触发器维护）';

COMMENT ON TABLE xy_pjjg IS '信用评价结果';
COMMENT ON COLUMN xy_pjjg.ztbm IS '主体标识码';
COMMENT ON COLUMN xy_pjjg.ztlx IS '主体类型（1 自然人，2 法人及其他组织）';
COMMENT ON COLUMN xy_pjjg.ztmc IS '主体名称';
COMMENT ON COLUMN xy_pjjg.xydj IS '信用等级（A 守信，B 基本守信，C 失信，D 严重失信）';
COMMENT ON COLUMN xy_pjjg.pjrq IS '评价日期';
COMMENT ON COLUMN xy_pjjg.scbz IS '删除标志（0 正常，1 已删除）';
COMMENT ON COLUMN xy_pjjg.gxsj IS '更新时间（触发器维护）';
