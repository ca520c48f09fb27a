package org.proofhub.hub.verification;

import org.proofhub.hub.support.TestClock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The hub with a clock the tests move and a proof issuer that really seals with the verification seal.
 * Deliberately not annotated: hubs that tests start by hand scan {@code org.proofhub.hub} and must not pick it up.
 */
public class VerificationTestConfiguration {

    @Bean
    @Primary
    TestClock testClock() {
        return new TestClock();
    }

    /** Preferred over the hub's own issuer, so the tests read what was sealed; VerificationProofsIT uses the hub's. */
    @Bean
    @Primary
    SealingProofIssuer sealingProofIssuer(TestClock clock) {
        return new SealingProofIssuer(clock);
    }
}
