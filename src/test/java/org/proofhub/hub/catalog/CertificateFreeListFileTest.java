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
}
