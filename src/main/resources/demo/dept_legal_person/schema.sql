-- 市场监管局法人库 (dept_legal_person). English snake_case, the department's own type and status codes,
-- registered capital in 万元.

CREATE TABLE IF NOT EXISTS enterprise (
    id                 bigint PRIMARY KEY,
    uscc               varchar(18),
    enterprise_name    varchar(200),
    enterprise_type    varchar(8),
    legal_rep_name     varchar(50),
    registered_capital numeric(18, 2),
    established_on     date,
    reg_status         varchar(2),
    registered_address varchar(300),
    reg_authority      varchar(100),
    business_scope     text,
    updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS enterprise_uscc_idx ON enterprise (uscc);

COMMENT ON TABLE enterprise IS '企业登记信息';
COMMENT ON COLUMN enterprise.id IS '内部编号';
COMMENT ON COLUMN enterprise.uscc IS '统一社会信用代码（GB 32100）';
COMMENT ON COLUMN enterprise.enterprise_name IS '企业名称';
COMMENT ON COLUMN enterprise.enterprise_type IS '企业类型（LLC 有限责任公司，JSC 股份有限公司，SOLE 个人独资企业，PART 合伙企业，IND 个体工商户，BRANCH 分公司，SOE 国有企业）';
COMMENT ON COLUMN enterprise.legal_rep_name IS '法定代表人（负责人、经营者）姓名';
COMMENT ON COLUMN enterprise.registered_capital IS '注册资本（万元）';
COMMENT ON COLUMN enterprise.established_on IS '成立日期';
COMMENT ON COLUMN enterprise.reg_status IS '登记状态（10 存续，20 吊销未注销，30 注销，40 迁出，50 停业）';
COMMENT ON COLUMN enterprise.registered_address IS '住所';
COMMENT ON COLUMN enterprise.reg_authority IS '登记机关';
COMMENT ON COLUMN enterprise.business_scope IS '经营范围';
COMMENT ON COLUMN enterprise.updated_at IS '更新时间';
