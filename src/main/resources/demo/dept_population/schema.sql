-- 公安局人口库 (dept_population). Oracle heritage: upper-case quoted names, pinyin abbreviations,
-- dates of birth as yyyyMMdd text, the department's own status codes.

CREATE TABLE IF NOT EXISTS "RK_JBXX" (
    "RKBH"        varchar(32) PRIMARY KEY,
    "GMSFHM"      varchar(18),
    "XM"          varchar(50),
    "XBDM"        varchar(2),
    "MZDM"        varchar(2),
    "CSRQ"        varchar(8),
    "HH"          varchar(20),
    "YHZGXDM"     varchar(2),
    "HJDZ_XZQHDM" varchar(6),
    "HJDZ"        varchar(200),
    "DJJG"        varchar(100),
    "RYZTDM"      varchar(2),
    "GXSJ"        timestamp
);
-- not unique on purpose: the source tolerates duplicates, the hub must not
CREATE INDEX IF NOT EXISTS "IDX_RK_JBXX_GMSFHM" ON "RK_JBXX" ("GMSFHM");
CREATE INDEX IF NOT EXISTS "IDX_RK_JBXX_HH" ON "RK_JBXX" ("HH");

COMMENT ON TABLE "RK_JBXX" IS '人口基本信息';
COMMENT ON COLUMN "RK_JBXX"."RKBH" IS '人口编号';
COMMENT ON COLUMN "RK_JBXX"."GMSFHM" IS '公民身份号码（GB 11643）';
COMMENT ON COLUMN "RK_JBXX"."XM" IS '姓名';
COMMENT ON COLUMN "RK_JBXX"."XBDM" IS '性别代码（GB/T 2261.1：0 未知，1 男，2 女，9 未说明）';
COMMENT ON COLUMN "RK_JBXX"."MZDM" IS '民族代码（GB/T 3304）';
COMMENT ON COLUMN "RK_JBXX"."CSRQ" IS '出生日期（yyyyMMdd 文本）';
COMMENT ON COLUMN "RK_JBXX"."HH" IS '户号';
COMMENT ON COLUMN "RK_JBXX"."YHZGXDM" IS '与户主关系（GB/T 4761：02 户主，10 配偶，20 子，30 女，51 父亲，52 母亲，99 其他）';
COMMENT ON COLUMN "RK_JBXX"."HJDZ_XZQHDM" IS '户籍地行政区划代码';
COMMENT ON COLUMN "RK_JBXX"."HJDZ" IS '户籍地址';
COMMENT ON COLUMN "RK_JBXX"."DJJG" IS '登记机关（派出所）';
COMMENT ON COLUMN "RK_JBXX"."RYZTDM" IS '人员状态（0 正常，1 死亡，2 迁出，3 注销）';
COMMENT ON COLUMN "RK_JBXX"."GXSJ" IS '更新时间';
