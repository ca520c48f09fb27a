package org.proofhub.hub.proof;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.proofhub.hub.account.Accounts;
import org.proofhub.hub.audit.AuditLog;
import org.proofhub.hub.audit.KeysetPages;
import org.proofhub.hub.canonical.CanonicalRecords;
import org.proofhub.hub.catalog.KnownProofTypes;
import org.proofhub.hub.catalog.PublishedList;
import org.proofhub.hub.ingest.IngestPipeline;
import org.proofhub.hub.ingest.IngestProperties;
import org.proofhub.hub.platform.DataProtection;
import org.proofhub.hub.proof.pdf.LetterDocument;
import org.proofhub.hub.proof.pdf.ProofDocument;
import org.proofhub.hub.rating.RatedServices;
import org.proofhub.hub.seal.SealModule;
import org.proofhub.hub.seal.SealProperties;
import org.proofhub.hub.verification.VerificationProofIssuer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Proof types are read (and validated) at start-up; a bad file stops the start naming file and key. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProofProperties.class)
public class ProofConfiguration {

    @Bean
    ProofTypes proofTypes(ProofProperties properties, IngestProperties ingest) {
        return ProofTypes.load(properties.typesDirectory().isBlank() ? ingest.configPath().resolve("proofs")
                : Path.of(properties.typesDirectory()).toAbsolutePath());
    }

    /** What the certificate-free list checks its entries against. */
    @Bean
    KnownProofTypes knownProofTypes(ProofTypes types) {
        return () -> types.all().keySet();
    }

    @Bean
    ProofDocument proofDocument(SealModule seals, Clock clock, ProofProperties properties) {
        return ProofDocument.pdfBox(seals, clock, properties.pdfValidationData());
    }

    @Bean
    LetterDocument letterDocument(SealModule seals, Clock clock, ProofProperties properties) {
        return LetterDocument.pdfBox(seals, clock, properties.pdfValidationData());
    }

    @Bean(destroyMethod = "close")
    VerificationRecorder verificationRecorder(JdbcTemplate jdbc, ProofProperties properties, io.micrometer.core.instrument.MeterRegistry meters) {
        return new VerificationRecorder(jdbc, properties.archiveWriters(), properties.archiveGroup(), meters);
    }

    @Bean(destroyMethod = "close")
    ProofArchiveWriter proofArchiveWriter(JdbcTemplate jdbc, ProofProperties properties, io.micrometer.core.instrument.MeterRegistry meters) {
        return new ProofArchiveWriter(jdbc, properties.archiveWriters(), properties.archiveGroup(), meters);
    }

    @Bean
    ProofService proofService(ProofTypes types, PublishedList list, CanonicalRecords records, IngestPipeline ingest, Accounts accounts,
                              SealModule seals, SealProperties sealProperties, DataProtection protection, AuditLog audit, JdbcTemplate jdbc,
                              TransactionTemplate tx, Clock clock, ProofProperties properties, ProofArchiveWriter archive,
                              io.micrometer.core.instrument.MeterRegistry meters) {
        ProofService service = new ProofService(types, list, records, ingest, accounts, seals.sealer(), seals.registry(), sealProperties,
                protection, audit, jdbc, tx, clock, properties, archive);
        service.meterWith(meters);
        return service;
    }

    /**
     * Confirmed department verifications become e-proofs sealed with the issuing unit's verification seal
     * (SPEC §4.2), in the same archive as data-query proofs, so the same verification, PDF and bundle apply.
     */
    @Bean
    VerificationProofIssuer verificationProofIssuer(ProofTypes types, PublishedList list, Accounts accounts, SealModule seals,
                                                    SealProperties sealProperties, DataProtection protection, AuditLog audit,
                                                    JdbcTemplate jdbc, TransactionTemplate tx, Clock clock,
                                                    io.micrometer.core.instrument.MeterRegistry meters) {
        return new VerificationProofs(types, list, accounts, seals.sealer(), seals.registry(), sealProperties, protection, audit, jdbc, tx,
                clock, meters);
    }

    /**
     * Data queries are rated (好差评) as a service of the querying unit, answered or refused alike; the target is
     * the proof id, or the query record id of a refused query.
     */
    @Bean
    RatedServices queryRatings(JdbcTemplate jdbc) {
        return new RatedServices() {
            @Override
            public String targetType() {
                return "QUERY";
            }

            @Override
            public Optional<RatedService> find(String id) {
                // an issued query's record and its proof name the same unit and item (ProofArchiveWriter writes both in one
                // statement): the proof is found on its key, where query_record would need one more index on every issuance
                String sql = id.matches("\\d{1,18}") ? "select unit_code, service_item_code, result from query_record where id = ?::bigint"
                        : "select issued_unit, service_item_code, 'ISSUED' from eproof where proof_id = ? and method = 'DATA_QUERY'";
                return jdbc.query(sql, (rs, i) -> new RatedService(rs.getString(1), rs.getString(2), true, rs.getString(3)), id)
                        .stream().findFirst();
            }
        };
    }

    @Bean
    QueryRecords queryRecords(KeysetPages pages) {
        return new QueryRecords(pages);
    }

    @Bean
    ProofArchive proofArchive(JdbcTemplate jdbc, SealModule seals, ProofDocument document, AuditLog audit, Clock clock, ProofProperties properties,
                              VerificationRecorder recorder, io.micrometer.core.instrument.MeterRegistry meters) {
        ProofArchive archive = new ProofArchive(jdbc, seals, document, audit, clock, properties, recorder);
        archive.meterWith(meters);
        return archive;
    }
}
