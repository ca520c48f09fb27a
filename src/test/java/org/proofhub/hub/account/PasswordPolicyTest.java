package org.proofhub.hub.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {
    private final PasswordPolicy policy = new PasswordPolicy(10);

    @Test
    void aLongPasswordOfThreeKindsWithoutTheUserNamePasses() {
        assertThat(policy.problems("gaj.agent2", "Fuzhou-2026-window")).isEmpty();
        assertThat(policy.problems("gaj.agent2", "榕城窗口2026abc")).as("Chinese characters count as other characters").isEmpty();
    }

    @Test
    void eachWeaknessIsNamed() {
        assertThat(policy.problems("gaj.agent2", "Ab1!")).containsExactly("at least 10 characters");
        assertThat(policy.problems("gaj.agent2", "onlylowercaseletters")).singleElement().asString().startsWith("three of:").contains("has 1");
        assertThat(policy.problems("gaj.agent2", "lowercase123456")).singleElement().asString().contains("has 2");
        assertThat(policy.problems("gaj.agent2", "My-GAJ.Agent2-pw")).containsExactly("not the user name");
        assertThat(policy.problems("gaj.agent2", "")).containsExactly("give a password");
        assertThat(policy.problems("gaj.agent2", null)).containsExactly("give a password");
    }

    @Test
    void lengthCountsCharactersNotBytes() {
        assertThat(policy.problems("x.y", "证明枢纽窗口Ab1")).as("9 characters").contains("at least 10 characters");
        assertThat(policy.problems("x.y", "证明枢纽窗口Ab12")).isEmpty();
    }
}
