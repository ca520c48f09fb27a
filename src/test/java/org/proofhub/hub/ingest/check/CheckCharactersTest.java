package org.proofhub.hub.ingest.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CheckCharactersTest {

    @Test
    void publishedCitizenIdExampleIsValid() {
        // GB 11643-1999 appendix example
        assertThat(CitizenIds.problem("11010519491231002X")).isNull();
        assertThat(CitizenIds.checkCharacter("11010519491231002")).isEqualTo('X');
    }

    @ParameterizedTest
    @ValueSource(strings = {"110105194912310021", "11010519491231003X", "21010519491231002X", "1101051949123100X", "11010519491331002X", "1101051949123100AX"})
    void alteredCitizenIdsAreRejected(String altered) {
        assertThat(CitizenIds.problem(altered)).isNotNull();
    }

    @Test
    void publishedUsccExampleIsValid() {
        // the example printed in GB 32100-2015
        assertThat(Usccs.problem("91350100M000100Y43")).isNull();
        assertThat(Usccs.checkCharacter("91350100M000100Y4")).isEqualTo('3');
    }

    @ParameterizedTest
    @ValueSource(strings = {"91350100M000100Y44", "91350100M000100Y4", "91350100M000I00Y43", "92350100M000100Y43", "91350100M000100Z43"})
    void alteredUsccsAreRejected(String altered) {
        assertThat(Usccs.problem(altered)).isNotNull();
    }

    @Test
    void licenceIdsCarryAVerifiableCheckCharacter() {
        String id = LicenceIds.withCheck("YYZZ", "91350100M000100Y43", 2024, 123);
        assertThat(LicenceIds.problem(id)).isNull();
        String altered = id.replace("000123", "000124");
        assertThat(LicenceIds.problem(altered)).contains("check character");
        assertThat(LicenceIds.problem("YYZZ.91350100M000100Y44.2024.000123.X")).contains("issuer");
    }

    @Test
    void mod3736CatchesEverySingleCharacterSubstitution() {
        String body = "SPJY.91350100M000100Y43.2023.004711";
        char check = LicenceIds.checkCharacter(body);
        for (int i = 0; i < body.length(); i++) {
            if (body.charAt(i) == '.') {
                continue;
            }
            for (char c : "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray()) {
                if (c == body.charAt(i)) {
                    continue;
                }
                String changed = body.substring(0, i) + c + body.substring(i + 1);
                assertThat(LicenceIds.checkCharacter(changed)).as(changed).isNotEqualTo(check);
            }
        }
    }
}
