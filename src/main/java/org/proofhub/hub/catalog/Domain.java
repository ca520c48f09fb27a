package org.proofhub.hub.catalog;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The fields of administration (领域) a service item on the certificate-free list belongs to: a closed vocabulary, so that
 * an excluded domain cannot slip through under another spelling. The excluded ones never allow a commitment (SPEC §5.5;
 * seeds 001 art. 2, 003 三(一)). A list (file or draft) naming another code is refused.
 */
public enum Domain {
    SOCIAL_ASSISTANCE("社会救助", false),
    SOCIAL_SECURITY("社会保障", false),
    EDUCATION("教育", false),
    QUALIFICATION_EXAMINATION("职业资格考试", false),
    PUBLIC_SERVICE("公共服务", false),
    MARKET_ACCESS("市场准入", false),
    CONSTRUCTION("工程建设", false),
    HOUSING("住房保障", false),
    PUBLIC_PROCUREMENT("政府采购", false),
    NATIONAL_SECURITY("国家安全", true),
    STATE_SECRETS("国家秘密", true),
    PUBLIC_SAFETY("公共安全", true),
    FINANCIAL_SUPERVISION("金融审慎监管", true),
    ECOLOGY("生态环境保护", true),
    HEALTH_AND_LIFE_SAFETY("直接涉及人身健康、生命财产安全", true),
    FOREIGN_AFFAIRS("重大涉外事项", true);

    private final String label;
    private final boolean excluded;

    Domain(String label, boolean excluded) {
        this.label = label;
        this.excluded = excluded;
    }

    /** The Chinese name, e.g. 社会救助. */
    public String label() {
        return label;
    }

    /** Whether no proof of an item in this domain may ever be replaced by a commitment. */
    public boolean excluded() {
        return excluded;
    }

    /** The domain a list names by its code (exactly, e.g. PUBLIC_SAFETY); empty for anything else. */
    public static Optional<Domain> of(String code) {
        return Arrays.stream(values()).filter(d -> d.name().equals(code)).findFirst();
    }

    /** Code → Chinese name of every domain, in declaration order (for pages that show a list). */
    public static Map<String, String> labels() {
        return Arrays.stream(values()).collect(Collectors.toMap(Domain::name, Domain::label, (a, b) -> a, LinkedHashMap::new));
    }

    /** The allowed codes, for a refusal's message. */
    static String allowed() {
        return Arrays.stream(values()).map(Domain::name).collect(Collectors.joining(", "));
    }
}
