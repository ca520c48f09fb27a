package org.proofhub.hub.verification;

import org.proofhub.hub.support.TestClock;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** The hub with a clock the tests move and a proof issuer that really seals with the verification seal. */
@TestConfiguration(proxyBeanMethods = false)
public class VerificationTestConfiguration {

    @Bean
    @Primary
    TestClock testClock() {
        return new TestClock();
    }

    @Bean
    SealingProofIssuer sealingProofIssuer(TestClock clock) {
        return new SealingProofIssuer(clock);
    }
}
