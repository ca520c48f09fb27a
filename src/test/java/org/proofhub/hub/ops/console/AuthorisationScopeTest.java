package org.proofhub.hub.ops.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.proofhub.hub.platform.HubException;

/** The scope of a proxy's special authorisation as an agent types it on the commitment page. */
class AuthorisationScopeTest {
    private static final String THIS = "350100-GA-0002";

    @Test
    void nothingTypedCoversThisItem() {
        assertThat(CommitmentConsoleController.scope(null, THIS)).containsExactly(THIS);
        assertThat(CommitmentConsoleController.scope("  ", THIS)).containsExactly(THIS);
    }

    @Test
    void theItemsOfTheDeedSeparatedAsPeopleTypeThem() {
        assertThat(CommitmentConsoleController.scope(THIS + "，350100-MZ-0001; 350100-RS-0003 " + THIS, THIS))
                .containsExactly(THIS, "350100-MZ-0001", "350100-RS-0003");
        assertThat(CommitmentConsoleController.scope("*", THIS)).containsExactly("*");
    }

    @Test
    void aScopeWithoutThisItemIsRefusedWithTheReason() {
        assertThatThrownBy(() -> CommitmentConsoleController.scope("350100-MZ-0001", THIS))
                .isInstanceOf(HubException.class).hasMessageContaining("must cover this item " + THIS);
    }
}
