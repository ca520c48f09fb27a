package org.proofhub.hub.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proofhub.hub.platform.InvalidConfigurationException;

class ProofTypesTest {

    @TempDir
    Path dir;

    @Test
    void theShippedVerificationTypesNameTheFactsTheIssuingUnitAnswers() {
        ProofType kinship = ProofTypes.load(Path.of("proofs")).find("kinship").orElseThrow();
        assertThat(kinship.isDataQuery()).isFalse();
        assertThat(kinship.facts()).extracting(ProofType.Fact::field).contains("relation", "relativeName");
        assertThat(kinship.facts()).allSatisfy(f -> assertThat(f.label()).isNotBlank());
    }

    @Test
    void aTypeWithoutSourceListsPlainLabelledFieldsAndNoStatement() throws IOException {
        write("answered", """
                id: answered
                title: 测试证明
                subject: PERSON
                issuingUnit: MZJ
                validityDays: 30
                facts:
                  - {field: relation, label: 亲属关系}
                """);
        assertThat(ProofTypes.load(dir).find("answered").orElseThrow().facts()).hasSize(1);

        write("counted", """
                id: counted
                title: 测试证明
                subject: PERSON
                validityDays: 30
                facts:
                  - {aggregate: count, label: 记录数}
                  - {field: relation, label: 亲属关系}
                  - {field: relation, label: 关系}
                statement: "{relation}"
                """);
        InvalidConfigurationException e = catchThrowableOfType(() -> ProofTypes.load(dir), InvalidConfigurationException.class);
        assertThat(e.problems()).extracting(p -> p.toString())
                .anySatisfy(p -> assertThat(p).contains("counted", "facts[0]", "no aggregate"))
                .anySatisfy(p -> assertThat(p).contains("facts[2].field", "listed twice"))
                .anySatisfy(p -> assertThat(p).contains("statement", "needs a source"))
                .noneSatisfy(p -> assertThat(p).contains("answered.proof-type.yaml"));
    }

    private void write(String id, String yaml) throws IOException {
        Files.writeString(dir.resolve(id + ".proof-type.yaml"), yaml);
    }
}
