package org.proofhub.hub.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Predicate;
import org.proofhub.hub.demo.Codes.Authority;
import org.proofhub.hub.demo.Codes.District;
import org.proofhub.hub.demo.Rows.CreditRecord;
import org.proofhub.hub.demo.Rows.Enterprise;
import org.proofhub.hub.demo.Rows.Household;
import org.proofhub.hub.demo.Rows.Licence;
import org.proofhub.hub.demo.Rows.Person;
import org.proofhub.hub.demo.Rows.Subject;
import org.proofhub.hub.ingest.check.LicenceIds;

/**
 * The one source of plausible values, shared by the seeded world and the live simulator so that
 * a row made at seeding time and one made later look alike. Every choice comes from one seeded
 * {@link Random}: the same seed and the same calls give the same values.
 */
final class Synth {
    static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Choice SURNAMES = Choice.of("陈", 12, "林", 10, "黄", 6, "张", 5, "李", 5, "王", 5, "吴", 4,
            "刘", 4, "郑", 4, "蔡", 3, "杨", 3, "许", 2, "谢", 2, "郭", 2, "洪", 2, "邱", 2, "曾", 2, "廖", 2, "赖", 2, "徐", 2,
            "周", 2, "叶", 2, "苏", 2, "庄", 2, "吕", 1, "江", 1, "何", 1, "罗", 1, "高", 1, "潘", 1, "朱", 1, "游", 1, "卢", 1,
            "方", 1, "傅", 1, "肖", 1, "詹", 1, "施", 1, "沈", 1, "余", 1, "欧阳", 1);
    // a few characters beyond GB 2312 (GBK / GB 18030: 喆 堃 昇 彧, 珺 琍 旻), as real names have them
    private static final String MALE_CHARS = "伟强磊军勇杰涛斌超明辉鹏华飞鑫波宇浩俊凯健文建志国平东海峰晨阳宏亮林锦榕炜翔毅铭昊煜喆堃昇彧";
    private static final String FEMALE_CHARS = "芳娜敏静丽艳娟霞燕玲婷雪慧琳颖莉萍红梅琴蓉欣怡佳悦月云洁晶倩秀英凤兰珊珺琍旻";
    private static final String TRADE_FIRST = "鑫恒华宏金瑞永福闽榕海东天百嘉盛新兴中博泰源丰达安信诚德隆佳";
    private static final String TRADE_SECOND = "源达信图辉丰安华江城峡方成川和世业联远泰晟润盈祥美邦创";
    private static final String USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final Choice ENTERPRISE_TYPES = Choice.of("LLC", 55, "JSC", 5, "SOLE", 6, "PART", 4, "IND", 22,
            "BRANCH", 5, "SOE", 3);
    private static final Choice REG_STATUSES = Choice.of("10", 85, "20", 3, "30", 7, "40", 2, "50", 3);
    private static final Choice PERSON_CREDIT_CATEGORIES = Choice.of("SX01", 50, "SX02", 20, "CF01", 30);
    private static final Choice ORGANISATION_CREDIT_CATEGORIES = Choice.of("SX01", 10, "SX02", 20, "SX03", 15,
            "SX04", 15, "CF01", 40);
    private static final List<String> ETHNIC_MINORITIES = Codes.ETHNIC_GROUP.keySet().stream()
            .filter(code -> !"01".equals(code)).toList();
    private static final Choice DRIVING_CLASSES = Choice.of("C1", 70, "C2", 15, "B2", 6, "A2", 3, "D", 6);

    /** A line of business: the word in the enterprise name, the shop an individual business runs, its scope. */
    record Industry(String word, String shop, String scope, boolean food, boolean construction) {
    }

    static final List<Industry> INDUSTRIES = List.of(
            new Industry("科技", "电脑维修部", "一般项目：技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广；软件开发；信息系统集成服务。", false, false),
            new Industry("贸易", "百货商行", "一般项目：日用百货销售；五金产品批发；电子产品销售；货物进出口；技术进出口。", false, false),
            new Industry("建筑工程", "水电安装部", "许可项目：建设工程施工；建设工程设计。一般项目：园林绿化工程施工；土石方工程施工。", false, true),
            new Industry("装饰工程", "装饰材料店", "许可项目：住宅室内装饰装修。一般项目：建筑装饰材料销售。", false, true),
            new Industry("餐饮管理", "小吃店", "许可项目：餐饮服务；食品销售。一般项目：餐饮管理；外卖递送服务。", true, false),
            new Industry("食品", "便利店", "许可项目：食品生产；食品销售。一般项目：食用农产品零售。", true, false),
            new Industry("茶业", "茶叶店", "许可项目：食品销售。一般项目：茶具销售；农副产品销售。", true, false),
            new Industry("物业管理", "家政服务部", "一般项目：物业管理；停车场服务；家政服务。", false, false),
            new Industry("文化传媒", "图文广告部", "一般项目：组织文化艺术交流活动；广告设计、代理；会议及展览服务。", false, false),
            new Industry("物流", "货运部", "许可项目：道路货物运输（不含危险货物）。一般项目：国内货物运输代理；普通货物仓储服务。", false, false),
            new Industry("教育咨询", "书店", "一般项目：教育咨询服务（不含涉许可审批的教育培训活动）；业务培训。", false, false),
            new Industry("汽车服务", "汽车修理部", "一般项目：汽车零配件零售；机动车修理和维护；洗车服务。", false, false),
            new Industry("电子", "电器维修部", "一般项目：电子元器件制造；电子产品销售；通信设备制造。", false, false));

    /** Hands out licence serial numbers, unique per licence type, issuer and year. */
    interface Serials {
        int next(String type, String issuerUscc, int year);
    }

    final Random random;

    Synth(long seed) {
        this.random = new Random(seed);
    }

    // ---- primitives

    int between(int low, int highInclusive) {
        return low + random.nextInt(highInclusive - low + 1);
    }

    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    char pick(String chars) {
        return chars.charAt(random.nextInt(chars.length()));
    }

    LocalDate dateBetween(LocalDate from, LocalDate toInclusive) {
        long days = ChronoUnit.DAYS.between(from, toInclusive);
        return days <= 0 ? from : from.plusDays(random.nextInt((int) days + 1));
    }

    LocalDateTime timeOn(LocalDate day) {
        return day.atTime(LocalTime.of(between(8, 18), between(0, 59), between(0, 59)));
    }

    OffsetDateTime officeTimeOn(LocalDate day) {
        return timeOn(day).atOffset(CHINA);
    }

    UUID uuid() {
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    // ---- people and places

    String surname() {
        return SURNAMES.pick(random);
    }

    String name(String surname, boolean male) {
        String chars = male ? MALE_CHARS : FEMALE_CHARS;
        char first = pick(chars);
        String given = chance(0.3) ? String.valueOf(first) : chance(0.1) ? "" + first + first : "" + first + pick(chars);
        return surname + given;
    }

    /** Some clerks leave spaces (half- or full-width) around names; the hub has to strip them. */
    String withStraySpaces(String name) {
        if (!chance(0.004)) {
            return name;
        }
        return switch (random.nextInt(3)) {
            case 0 -> " " + name;
            case 1 -> name + " ";
            default -> "\u3000" + name;
        };
    }

    String ethnicGroup() {
        return chance(0.95) ? "01" : pick(ETHNIC_MINORITIES);
    }

    District district() {
        return pick(Codes.DISTRICTS);
    }

    String homeAddress(District d) {
        String address = "福建省福州市" + d.name() + pick(d.streets()) + between(1, 399) + "号";
        return chance(0.7) ? address + between(1, 30) + "座" + between(1, 33) + String.format("%02d", between(1, 8)) + "室"
                : address;
    }

    String businessAddress(District d) {
        return "福建省福州市" + d.name() + pick(d.streets()) + between(1, 399) + "号"
                + pick(TRADE_FIRST) + pick(TRADE_SECOND) + "大厦" + between(1, 28) + "层" + between(1, 20) + "室";
    }

    Household household(String number, District d) {
        return new Household(number, d.code(), homeAddress(d), d.policeRegistry(pick(d.policeStations())));
    }

    /** A person of {@code household} with a citizen ID that {@code idTaken} does not know yet. */
    Person person(String rkbh, Household household, String relation, String surname, boolean male, LocalDate birthDate,
                  String birthArea, String ethnicGroup, String status, LocalDateTime updated,
                  Predicate<String> idTaken) {
        String id;
        do {
            // the 17th digit is odd for men, even for women
            id = Ids.citizenId(birthArea, birthDate, random.nextInt(500) * 2 + (male ? 1 : 0));
        } while (idTaken.test(id));
        return new Person(rkbh, id, withStraySpaces(name(surname, male)), male ? "1" : "2", ethnicGroup, birthDate,
                household, relation, status, updated);
    }

    // ---- enterprises

    String enterpriseType() {
        return ENTERPRISE_TYPES.pick(random);
    }

    String regStatus() {
        return REG_STATUSES.pick(random);
    }

    /** Established dates lean towards recent years, as registrations do. */
    LocalDate establishedOn(LocalDate today) {
        double r = random.nextDouble();
        return today.minusDays((long) (11_000 * r * r));
    }

    Enterprise enterprise(long id, String type, LocalDate established, String status, String legalRep,
                          OffsetDateTime updatedAt, Predicate<String> usccTaken, Predicate<String> nameTaken) {
        District district = district();
        Industry industry = pick(INDUSTRIES);
        String uscc;
        do {
            // organisation codes issued since the 2015 reform start with "MA"
            String orgBody = established.getYear() >= 2015 ? "MA" + chars(USCC_CHARS, 6) : chars("0123456789", 8);
            uscc = Ids.uscc("IND".equals(type) ? "92" : "91", district.code(), orgBody);
        } while (usccTaken.test(uscc));
        String name;
        do {
            name = enterpriseName(type, district, industry);
        } while (nameTaken.test(name));
        Authority authority = "JSC".equals(type) || "SOE".equals(type) ? Codes.CITY_MARKET : district.market();
        return new Enterprise(id, uscc, withStraySpaces(name), type, legalRep, capital(type), established, status,
                businessAddress(district), authority.name(), industry.scope(), updatedAt);
    }

    private String enterpriseName(String type, District d, Industry industry) {
        String trade = "" + pick(TRADE_FIRST) + pick(TRADE_SECOND);
        String districtShort = d.name().substring(0, d.name().length() - 1);
        return switch (type) {
            case "JSC" -> "福建" + trade + industry.word() + "股份有限公司";
            case "SOLE" -> "福州市" + d.name() + trade + industry.word() + "经营部";
            case "PART" -> "福州" + trade + "投资合伙企业（有限合伙）";
            case "IND" -> "福州市" + d.name() + trade + industry.shop();
            case "BRANCH" -> "福建" + trade + industry.word() + "有限公司" + districtShort + "分公司";
            case "SOE" -> "福州市" + trade + industry.word() + "集团有限公司";
            default -> "福州" + trade + industry.word() + "有限公司";
        };
    }

    /** The kind of name an enterprise had before a renaming, still printed on an old licence. */
    static String formerName(String name) {
        if (name.startsWith("福州") && !name.startsWith("福州市")) {
            return "福州市" + name.substring(2);
        }
        return name.endsWith("有限公司") ? name.replace("有限公司", "有限责任公司") : name + "经营部";
    }

    private BigDecimal capital(String type) {
        int[] choices = switch (type) {
            case "JSC" -> new int[] {1000, 3000, 5000, 10000, 20000};
            case "SOLE" -> new int[] {1, 3, 5, 10, 20};
            case "PART" -> new int[] {100, 500, 1000, 3000};
            case "IND" -> new int[] {1, 2, 3, 5, 10};
            case "BRANCH" -> new int[] {0};
            case "SOE" -> new int[] {5000, 10000, 50000, 100000};
            default -> new int[] {10, 50, 100, 200, 300, 500, 1000, 2000, 5000};
        };
        return BigDecimal.valueOf(choices[random.nextInt(choices.length)]).setScale(2);
    }

    static Industry industryOf(Enterprise e) {
        return INDUSTRIES.stream().filter(i -> i.scope().equals(e.scope())).findFirst().orElse(INDUSTRIES.get(0));
    }

    private String chars(String alphabet, int count) {
        StringBuilder sb = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            sb.append(pick(alphabet));
        }
        return sb.toString();
    }

    // ---- credit

    /** A dishonesty or penalty record decided on {@code decided}, repaired by {@code today} in some cases. */
    CreditRecord creditRecord(long id, Subject subject, LocalDate decided, LocalDate today) {
        boolean person = "1".equals(subject.type());
        String category = (person ? PERSON_CREDIT_CATEGORIES : ORGANISATION_CREDIT_CATEGORIES).pick(random);
        String severity = switch (category) {
            case "SX02" -> chance(0.3) ? "3" : "2";
            case "CF01" -> chance(0.3) ? "2" : "1";
            default -> "3";
        };
        Authority authority = switch (category) {
            case "SX01" -> Codes.COURT;
            case "SX02" -> Codes.DEVELOPMENT;
            case "SX03" -> Codes.TAX;
            default -> Codes.CITY_MARKET;
        };
        LocalDate repaired = decided.plusDays(between(90, 720));
        boolean isRepaired = !repaired.isAfter(today) && chance("SX01".equals(category) ? 0.1 : 0.3);
        return new CreditRecord(id, subject.type(), subject.id(), subject.name(), category, severity, authority.name(),
                decided, dishonestyContent(category, decided), isRepaired ? "1" : "0", isRepaired ? repaired : null);
    }

    private String dishonestyContent(String category, LocalDate decided) {
        int year = decided.getYear();
        return switch (category) {
            case "SX01" -> "未履行（" + year + "）闽01执" + between(100, 9999) + "号生效法律文书确定的给付义务";
            case "SX02" -> "在办理" + pick(List.of("食品经营许可", "户籍迁入", "居住证", "建筑业企业资质认定", "个体工商户登记"))
                    + "时以告知承诺方式替代的" + pick(List.of("无犯罪记录证明", "学历证明", "场所使用证明", "纳税证明"))
                    + "经核查与实际情况不符";
            case "SX03" -> (year - 1) + "年度虚开增值税专用发票，涉及税款" + between(20, 800) + "万元";
            case "SX04" -> "被列入严重违法失信名单：" + pick(List.of("提交虚假材料取得公司登记", "通过登记的住所无法联系且满三年",
                    "因食品安全违法行为受到较重行政处罚"));
            default -> "违反《" + pick(List.of("中华人民共和国食品安全法", "中华人民共和国广告法", "福建省消防条例",
                    "中华人民共和国道路交通安全法")) + "》，被处以罚款" + between(1, 50) * 1000 + "元";
        };
    }

    // ---- licences

    Licence yyzz(Enterprise e, LocalDate issued, Serials serials) {
        ObjectNode surface = JSON.createObjectNode()
                .put("enterpriseName", e.name().strip())
                .put("legalRepresentative", e.legalRep())
                .put("registeredCapital", e.capital().toPlainString() + "万元")
                .put("address", e.address())
                .put("businessScope", e.scope());
        String status = switch (e.status()) {
            case "20" -> "03";
            case "30", "40" -> "02";
            default -> "01";
        };
        LocalDate validTo = chance(0.7) ? null : e.established().plusYears(30).minusDays(1);
        return licence("YYZZ", Subject.of(e), Codes.authorityNamed(e.authority()), issued, e.established(), validTo,
                status, surface, serials);
    }

    Licence spjy(Enterprise e, LocalDate issued, Serials serials) {
        ObjectNode surface = JSON.createObjectNode()
                .put("operatorName", e.name().strip())
                .put("legalRepresentative", e.legalRep())
                .put("businessPremises", e.address())
                .put("mainBusiness", e.scope().contains("餐饮") ? "餐饮服务经营者" : "食品销售经营者");
        return licence("SPJY", Subject.of(e), Codes.authorityNamed(e.authority()), issued, issued,
                issued.plusYears(5).minusDays(1), "01", surface, serials);
    }

    Licence jzzz(Enterprise e, LocalDate issued, Serials serials) {
        ObjectNode surface = JSON.createObjectNode()
                .put("enterpriseName", e.name().strip())
                .put("legalRepresentative", e.legalRep())
                .put("qualification", pick(List.of("建筑工程施工总承包三级", "建筑工程施工总承包二级",
                        "建筑装修装饰工程专业承包二级", "市政公用工程施工总承包三级")));
        return licence("JZZZ", Subject.of(e), Codes.CONSTRUCTION, issued, issued, issued.plusYears(5).minusDays(1), "01",
                surface, serials);
    }

    Licence jsz(Person p, LocalDate issued, Serials serials) {
        ObjectNode surface = personalSurface(p)
                .put("nationality", "中国")
                .put("address", p.household().address())
                .put("quasiDrivingType", DRIVING_CLASSES.pick(random));
        int period = pick(List.of(6, 10, 0));
        return licence("JSZ", Subject.of(p), Codes.TRAFFIC_POLICE, issued, issued,
                period == 0 ? null : issued.plusYears(period), "01", surface, serials);
    }

    Licence jszg(Person p, LocalDate issued, Serials serials) {
        ObjectNode surface = personalSurface(p)
                .put("qualificationType", pick(List.of("幼儿园教师资格", "小学教师资格", "初级中学教师资格", "高级中学教师资格")))
                .put("subject", pick(List.of("语文", "数学", "英语", "物理", "化学", "历史", "音乐", "体育")));
        return licence("JSZG", Subject.of(p), Codes.EDUCATION, issued, issued, null, "01", surface, serials);
    }

    Licence yszg(Person p, LocalDate issued, Serials serials) {
        ObjectNode surface = personalSurface(p)
                .put("practiceCategory", pick(List.of("临床", "中医", "口腔", "公共卫生")))
                .put("practiceScope", pick(List.of("内科专业", "外科专业", "儿科专业", "妇产科专业", "全科医学专业")))
                .put("practiceInstitution", pick(List.of("福建医科大学附属协和医院", "福建省立医院", "福州市第一医院",
                        "福州市鼓楼区鼓东街道社区卫生服务中心")));
        return licence("YSZG", Subject.of(p), Codes.HEALTH, issued, issued, null, "01", surface, serials);
    }

    private ObjectNode personalSurface(Person p) {
        return JSON.createObjectNode()
                .put("name", p.name().strip())
                .put("sex", Codes.SEX.get(p.sex()))
                .put("birthDate", p.birthDate().toString());
    }

    private Licence licence(String type, Subject holder, Authority issuer, LocalDate issued, LocalDate validFrom,
                            LocalDate validTo, String status, ObjectNode surface, Serials serials) {
        int year = issued.getYear();
        String code = LicenceIds.withCheck(type, issuer.uscc(), year,
                serials.next(type, issuer.uscc(), year));
        return new Licence(uuid(), code, type, holder.holderType(), holder.id(), holder.name(), issuer, issued,
                validFrom, validTo, status, surface, officeTimeOn(issued));
    }

    /** A weighted choice among strings. */
    static final class Choice {
        private final List<String> values = new ArrayList<>();
        private final List<Integer> cumulative = new ArrayList<>();

        static Choice of(Object... valueWeightPairs) {
            Choice c = new Choice();
            int total = 0;
            for (int i = 0; i < valueWeightPairs.length; i += 2) {
                total += (Integer) valueWeightPairs[i + 1];
                c.values.add((String) valueWeightPairs[i]);
                c.cumulative.add(total);
            }
            return c;
        }

        String pick(Random random) {
            int r = random.nextInt(cumulative.get(cumulative.size() - 1));
            for (int i = 0; ; i++) {
                if (r < cumulative.get(i)) {
                    return values.get(i);
                }
            }
        }
    }
}
