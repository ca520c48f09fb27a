package org.proofhub.hub.demo;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The departments' code tables and the authorities that appear in the demo data. */
final class Codes {

    /** GB/T 2261.1 sex codes. */
    static final Map<String, String> SEX = ordered("0", "未知的性别", "1", "男", "2", "女", "9", "未说明的性别");
    /** GB/T 3304 ethnic group codes used in the demo (汉族 dominates, 畲族 is Fujian's largest minority). */
    static final Map<String, String> ETHNIC_GROUP = ordered("01", "汉族", "22", "畲族", "03", "回族", "15", "土家族",
            "08", "壮族", "06", "苗族", "11", "满族");
    /** GB/T 4761 relations to the head of household. */
    static final Map<String, String> HOUSEHOLD_RELATION = ordered("02", "户主", "10", "配偶", "20", "子", "30", "女",
            "51", "父亲", "52", "母亲", "99", "其他");
    /** The police department's own person status codes. */
    static final Map<String, String> PERSON_STATUS = ordered("0", "正常", "1", "死亡", "2", "迁出", "3", "注销");

    static final Map<String, String> ENTERPRISE_TYPE = ordered("LLC", "有限责任公司", "JSC", "股份有限公司",
            "SOLE", "个人独资企业", "PART", "合伙企业", "IND", "个体工商户", "BRANCH", "分公司", "SOE", "国有企业");
    static final Map<String, String> REG_STATUS = ordered("10", "存续", "20", "吊销未注销", "30", "注销", "40", "迁出",
            "50", "停业");

    static final Map<String, String> SUBJECT_TYPE = ordered("1", "自然人", "2", "法人及其他组织");
    static final Map<String, String> DISHONESTY_CATEGORY = ordered("SX01", "失信被执行人", "SX02", "虚假承诺",
            "SX03", "重大税收违法", "SX04", "严重违法失信", "CF01", "一般行政处罚");
    static final Map<String, String> SEVERITY = ordered("1", "一般", "2", "较重", "3", "严重");
    static final Map<String, String> REPAIR_STATUS = ordered("0", "未修复", "1", "已修复");
    static final Map<String, String> CREDIT_GRADE = ordered("A", "守信", "B", "基本守信", "C", "失信", "D", "严重失信");
    static final Map<String, String> DELETED_FLAG = ordered("0", "正常", "1", "已删除");

    static final Map<String, String> LICENCE_TYPE = ordered("YYZZ", "营业执照", "SPJY", "食品经营许可证",
            "JZZZ", "建筑业企业资质证书", "JSZ", "机动车驾驶证", "JSZG", "教师资格证书", "YSZG", "医师执业证书");
    static final Map<String, String> HOLDER_TYPE = ordered("P", "自然人", "O", "组织");
    static final Map<String, String> LICENCE_STATUS = ordered("01", "有效", "02", "注销", "03", "吊销", "04", "撤销");

    /** Head of household, the one relation every household has exactly once. */
    static final String HEAD = "02";
    static final String ALIVE = "0";
    static final String OPERATING = "10";

    /** A government organ with its place in the demo city. */
    record Authority(String name, String uscc) {
    }

    /** Fuzhou's urban districts, with real streets and police stations. */
    record District(String code, String name, List<String> streets, List<String> policeStations, Authority market) {
        String policeRegistry(String station) {
            return "福州市公安局" + name.substring(0, name.length() - 1) + "分局" + station;
        }
    }

    static final String CITY_CODE = "350100";
    static final Authority CITY_MARKET = organ("福州市市场监督管理局", CITY_CODE, 1);
    static final Authority CONSTRUCTION = organ("福州市城乡建设局", CITY_CODE, 2);
    static final Authority TRAFFIC_POLICE = organ("福州市公安局交通警察支队", CITY_CODE, 3);
    static final Authority EDUCATION = organ("福州市教育局", CITY_CODE, 4);
    static final Authority HEALTH = organ("福州市卫生健康委员会", CITY_CODE, 5);
    static final Authority COURT = organ("福州市中级人民法院", CITY_CODE, 6);
    static final Authority TAX = organ("国家税务总局福州市税务局", CITY_CODE, 7);
    static final Authority DEVELOPMENT = organ("福州市发展和改革委员会", CITY_CODE, 8);

    static final List<District> DISTRICTS = List.of(
            district("350102", "鼓楼区", List.of("五四路", "杨桥中路", "湖东路", "东街", "鼓屏路", "铜盘路", "西二环中路"),
                    List.of("东街派出所", "温泉派出所", "鼓东派出所", "华大派出所", "五凤派出所")),
            district("350103", "台江区", List.of("八一七中路", "工业路", "江滨中大道", "国货西路", "六一中路"),
                    List.of("茶亭派出所", "上海派出所", "宁化派出所")),
            district("350104", "仓山区", List.of("则徐大道", "首山路", "南江滨西大道", "金山大道", "建新南路"),
                    List.of("金山派出所", "仓前派出所", "建新派出所")),
            district("350105", "马尾区", List.of("江滨东大道", "罗星东路", "马江路"), List.of("罗星派出所", "马尾派出所")),
            district("350111", "晋安区", List.of("福新中路", "王庄路", "岳峰路", "福马路", "长乐北路"),
                    List.of("王庄派出所", "岳峰派出所", "茶园派出所")),
            district("350112", "长乐区", List.of("郑和中路", "吴航路", "首占路"), List.of("吴航派出所", "首占派出所")));

    /** Birth places outside the city, for residents who moved in. */
    static final List<String> OTHER_BIRTH_AREAS = List.of("350121", "350122", "350181", "350203", "350502", "350702",
            "360102", "430102", "420106", "510104");

    private Codes() {
    }

    static Authority authorityNamed(String name) {
        return Stream.concat(Stream.of(CITY_MARKET, CONSTRUCTION, TRAFFIC_POLICE, EDUCATION, HEALTH, COURT, TAX, DEVELOPMENT),
                        DISTRICTS.stream().map(District::market))
                .filter(a -> a.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no demo authority named " + name));
    }

    private static District district(String code, String name, List<String> streets, List<String> stations) {
        return new District(code, name, streets, stations, organ("福州市" + name + "市场监督管理局", code, 1));
    }

    /** Government organs carry USCCs beginning with '11' (机构编制, 机关). */
    private static Authority organ(String name, String area, int serial) {
        return new Authority(name, Ids.uscc("11", area, String.format("MB%06d", serial)));
    }

    private static Map<String, String> ordered(String... codeLabelPairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < codeLabelPairs.length; i += 2) {
            map.put(codeLabelPairs[i], codeLabelPairs[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }
}
