package org.proofhub.hub.commitment;

import org.proofhub.hub.commitment.internal.CommitmentWiring;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Commitments, their letters and post-checks; the policy is checked at start-up. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CommitmentProperties.class)
@Import(CommitmentWiring.class)
public class CommitmentConfiguration {

    @Bean
    PostCheckPolicy postCheckPolicy(CommitmentProperties properties) {
        return PostCheckPolicy.of(properties);
    }
}
