package org.proofhub.hub.canonical;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** findBy writes the kind and the field name into its SQL (for the plan cache): only plain names get there. */
class CanonicalRecordsTest {

    @Test
    void aFieldOrKindThatIsNotAPlainNameNeverReachesSql() {
        // no database: the names are refused before any statement is made
        CanonicalRecords records = new CanonicalRecords(null);
        assertThatThrownBy(() -> records.findBy("Person", "citizenId' or '1' = '1", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a kind or field name");
        assertThatThrownBy(() -> records.findBy("Person; drop table eproof", "citizenId", "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> records.findBy(null, "citizenId", "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
