package org.proofhub.hub.commitment.internal;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Optional;
import org.proofhub.hub.account.Accounts;
import org.proofhub.hub.audit.AuditLog;
import org.proofhub.hub.canonical.CanonicalRecords;
import org.proofhub.hub.catalog.PublishedList;
import org.proofhub.hub.commitment.CommitmentProperties;
import org.proofhub.hub.commitment.PostCheckPolicy;
import org.proofhub.hub.platform.DataProtection;
import org.proofhub.hub.proof.ProofTypes;
import org.proofhub.hub.proof.pdf.LetterDocument;
import org.proofhub.hub.rating.RatedServices;
import org.proofhub.hub.seal.SealModule;
import org.proofhub.hub.seal.SealProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The commitment capability's parts; only {@code CommitmentConfiguration} imports it. */
@Configuration(proxyBeanMethods = false)
public class CommitmentWiring {

    @Bean
    PostChecks postChecks(PostCheckPolicy policy, CommitmentProperties properties, Accounts accounts, DataProtection protection, AuditLog audit,
                          JdbcTemplate jdbc, TransactionTemplate tx, Clock clock) {
        return new PostChecks(policy, properties, accounts, protection, audit, jdbc, tx, clock);
    }

    @Bean
    PostCheckGauges postCheckGauges(JdbcTemplate jdbc, Accounts accounts, ObjectProvider<MeterRegistry> registry) {
        MeterRegistry meters = registry.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new);
        return new PostCheckGauges(jdbc, () -> accounts.units().stream().map(u -> u.code()).toList(), meters);
    }

    /** Route {@code post-check-findings} (routes/commitment.yaml) hands it the findings departments' systems send. */
    @Bean
    FindingReceiver postCheckFindings(PostChecks postChecks, JdbcTemplate jdbc, TransactionTemplate tx, Clock clock) {
        return new FindingReceiver(postChecks, jdbc, tx, clock);
    }

    /** Commitments are rated (好差评) as a service of the window that handled them, once the applicant signed, declined or withdrew. */
    @Bean
    RatedServices commitmentRatings(JdbcTemplate jdbc) {
        return new RatedServices() {
            @Override
            public String targetType() {
                return "COMMITMENT";
            }

            @Override
            public Optional<RatedService> find(String id) {
                return jdbc.query("select offered_unit, service_item_code, status from commitment where id = ?",
                        (rs, i) -> new RatedService(rs.getString(1), rs.getString(2), !"OFFERED".equals(rs.getString(3)), rs.getString(3)), id)
                        .stream().findFirst();
            }
        };
    }

    @Bean
    CommitmentService commitmentService(PublishedList list, ProofTypes types, CanonicalRecords records, PostCheckPolicy policy, PostChecks postChecks,
                                        LetterDocument letters, SealModule seals, SealProperties sealProperties, Accounts accounts,
                                        DataProtection protection, AuditLog audit, JdbcTemplate jdbc, TransactionTemplate tx, Clock clock,
                                        CommitmentProperties properties) {
        return new CommitmentService(list, types, new CreditStanding(records, jdbc, protection, policy), postChecks, letters, seals.sealer(),
                seals.registry(), sealProperties.hubUnit(), accounts, protection, audit, jdbc, tx, clock, properties);
    }
}
