package org.proofhub.hub.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.proofhub.hub.proof.ProofTypes;

/** The shipped list is realistic and keeps the rules; a draft is checked by the same rules as the file. */
class CertificateFreeListFileTest {
    static final Set<String> TYPES = ProofTypes.load(Path.of("proofs")).all().keySet();
    static final CertificateFreeList SHIPPED = CertificateFreeLists.load(Path.of("list/certificate-free-list.yaml"), TYPES);

    @Test
    void theShippedListHasAtLeastTwentyItemsAcrossAllFourMethods() {
        assertThat(SHIPPED.items()).hasSizeGreaterThanOrEqualTo(20);
        assertThat(SHIPPED.items().stream().flatMap(i -> i.proofs().stream()).map(ServiceItem.Entry::method).distinct())
                .containsExactlyInAnyOrder(Method.values());
        assertThat(SHIPPED.items()).allSatisfy(i -> assertThat(i.name()).matches(".*\\p{IsHan}.*"));
    }

    @Test
    void anExcludedDomainCommitmentIsRefusedByTheSameRulesAsTheFile() {
        ServiceItem dangerous = SHIPPED.item("350100-YJ-0001").orElseThrow();
        ServiceItem.Commitment elements = new ServiceItem.Commitment("《危险化学品经营许可证管理办法》", "有合法经营场所", "事后核查", "无");
        ServiceItem changed = new ServiceItem(dangerous.code(), dangerous.name(), dangerous.kind(), dangerous.promisedLimit(), dangerous.domain(),
                dangerous.responsibleUnit(), List.of(new ServiceItem.Entry("premises-use", "ZJJ", Method.NOTIFICATION_COMMITMENT, "同上", elements)));
        List<ServiceItem> items = SHIPPED.items().stream().map(i -> i.code().equals(changed.code()) ? changed : i).toList();
        var problems = CertificateFreeLists.validate(new CertificateFreeList("draft", SHIPPED.publishedOn(), null, items), TYPES, "draft x");
        assertThat(problems).extracting(Object::toString).singleElement().asString()
                .startsWith("draft x: items[").contains("excluded domain PUBLIC_SAFETY").contains("never be replaced by a commitment");
        assertThat(CertificateFreeLists.validate(SHIPPED, TYPES, "shipped")).isEmpty();
        assertThat(Arrays.stream(Method.values()).filter(Method::isCommitment)).hasSize(2);
    }

    static CertificateFreeList withItem(String code, java.util.function.UnaryOperator<ServiceItem> change) {
        List<ServiceItem> items = SHIPPED.items().stream().map(i -> i.code().equals(code) ? change.apply(i) : i).toList();
        return new CertificateFreeList("draft", SHIPPED.publishedOn(), null, items);
    }

    static ServiceItem inDomain(ServiceItem i, String domain) {
        return new ServiceItem(i.code(), i.name(), i.kind(), i.promisedLimit(), domain, i.responsibleUnit(), i.proofs());
    }

    @Test
    void aDomainIsOneOfAClosedVocabularySoAnExcludedDomainCannotSlipThroughUnderAnotherSpelling() {
        // 危险化学品经营许可 (PUBLIC_SAFETY) with a commitment method, its domain written otherwise
        ServiceItem dangerous = SHIPPED.item("350100-YJ-0001").orElseThrow();
        ServiceItem.Commitment elements = new ServiceItem.Commitment("《危险化学品经营许可证管理办法》", "有合法经营场所", "事后核查", "无");
        for (String spelling : List.of("公共安全", "public_safety", "SAFETY", "PUBLIC-SAFETY")) {
            CertificateFreeList list = withItem(dangerous.code(), i -> new ServiceItem(i.code(), i.name(), i.kind(), i.promisedLimit(), spelling,
                    i.responsibleUnit(), List.of(new ServiceItem.Entry("premises-use", "ZJJ", Method.NOTIFICATION_COMMITMENT, "同上", elements))));
            // the rules themselves (the schema's enum says the same for a file or a draft)
            assertThat(CertificateFreeLists.check(list, TYPES, "draft x")).extracting(Object::toString).singleElement().asString()
                    .contains(".domain").contains("unknown domain " + spelling).contains("one of SOCIAL_ASSISTANCE").contains("PUBLIC_SAFETY");
            assertThat(CertificateFreeLists.validate(list, TYPES, "draft x")).extracting(Object::toString).singleElement().asString()
                    .contains("domain").contains("PUBLIC_SAFETY");
        }
        // every domain of the shipped list is known, and the excluded ones are those of SPEC §5.5
        assertThat(SHIPPED.items()).allSatisfy(i -> assertThat(Domain.of(i.domain())).as(i.code()).isPresent());
        assertThat(Arrays.stream(Domain.values()).filter(Domain::excluded).map(Domain::name)).containsExactlyInAnyOrder("NATIONAL_SECURITY",
                "STATE_SECRETS", "PUBLIC_SAFETY", "FINANCIAL_SUPERVISION", "ECOLOGY", "HEALTH_AND_LIFE_SAFETY", "FOREIGN_AFFAIRS");
        assertThat(Arrays.stream(Domain.values())).allSatisfy(d -> assertThat(d.label()).matches("\\p{IsHan}.*"));
        assertThat(CertificateFreeLists.check(withItem("350100-MZ-0001", i -> inDomain(i, "EDUCATION")), TYPES, "draft x")).isEmpty();
    }

    @Test
    void anItemCodeAppearsOnceACommitmentItemHasItsTimeLimitAndACommitmentMethodItsLetterElements() {
        ServiceItem first = SHIPPED.items().get(0);
        List<ServiceItem> twice = new java.util.ArrayList<>(SHIPPED.items());
        twice.add(first);
        assertThat(CertificateFreeLists.check(new CertificateFreeList("draft", SHIPPED.publishedOn(), null, twice), TYPES, "draft x"))
                .extracting(Object::toString).singleElement().asString()
                .contains("items[" + SHIPPED.items().size() + "].code").contains("service item code " + first.code() + " appears twice");

        ServiceItem commitmentItem = SHIPPED.items().stream().filter(i -> i.kind() == ServiceItem.Kind.COMMITMENT).findFirst().orElseThrow();
        CertificateFreeList noLimit = withItem(commitmentItem.code(), i -> new ServiceItem(i.code(), i.name(), i.kind(), null, i.domain(),
                i.responsibleUnit(), i.proofs()));
        assertThat(CertificateFreeLists.check(noLimit, TYPES, "draft x")).extracting(Object::toString).singleElement().asString()
                .contains(".promisedLimit").contains("a commitment item (承诺件) needs its promised time limit");

        ServiceItem withCommitment = SHIPPED.items().stream().filter(i -> i.proofs().stream().anyMatch(e -> e.method().isCommitment()))
                .findFirst().orElseThrow();
        CertificateFreeList noElements = withItem(withCommitment.code(), i -> new ServiceItem(i.code(), i.name(), i.kind(), i.promisedLimit(),
                i.domain(), i.responsibleUnit(), i.proofs().stream().map(e -> e.method().isCommitment()
                        ? new ServiceItem.Entry(e.proofType(), e.issuingUnit(), e.method(), e.legalBasis(), null) : e).toList()));
        assertThat(CertificateFreeLists.check(noElements, TYPES, "draft x")).extracting(Object::toString).isNotEmpty()
                .allSatisfy(p -> assertThat(p).contains(".commitment").contains("a commitment method needs the letter's elements"));
    }

    @Test
    void aDraftNamesOnlyUnitsOfTheHub() {
        Set<String> units = SHIPPED.items().stream().flatMap(i -> java.util.stream.Stream.concat(java.util.stream.Stream.of(i.responsibleUnit()),
                i.proofs().stream().map(ServiceItem.Entry::issuingUnit))).collect(java.util.stream.Collectors.toSet());
        assertThat(CertificateFreeLists.validate(SHIPPED, TYPES, units, "draft x")).isEmpty();
        CertificateFreeList misspelt = withItem("350100-MZ-0001", i -> new ServiceItem(i.code(), i.name(), i.kind(), i.promisedLimit(), i.domain(),
                "MZ", i.proofs().stream().map(e -> new ServiceItem.Entry(e.proofType(), "GAJJ", e.method(), e.legalBasis(), e.commitment())).toList()));
        assertThat(CertificateFreeLists.validate(misspelt, TYPES, units, "draft x")).extracting(Object::toString)
                .anySatisfy(p -> assertThat(p).contains("items[0].responsibleUnit").contains("unknown unit MZ"))
                .anySatisfy(p -> assertThat(p).contains("items[0].proofs[0].issuingUnit").contains("unknown unit GAJJ"))
                .allSatisfy(p -> assertThat(p).contains("not a unit of the hub"));
        // the file loaded on a first start is not checked against units (they are registered after it)
        assertThat(CertificateFreeLists.validate(misspelt, TYPES, "draft x")).isEmpty();
    }
}
