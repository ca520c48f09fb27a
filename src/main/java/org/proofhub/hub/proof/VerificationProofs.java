package org.proofhub.hub.proof;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.proofhub.hub.account.Accounts;
import org.proofhub.hub.audit.AuditLog;
import org.proofhub.hub.catalog.Method;
import org.proofhub.hub.catalog.PublishedList;
import org.proofhub.hub.platform.BeijingTime;
import org.proofhub.hub.platform.DataProtection;
import org.proofhub.hub.seal.Seal;
import org.proofhub.hub.seal.SealProperties;
import org.proofhub.hub.seal.SealPurpose;
import org.proofhub.hub.seal.SealRegistry;
import org.proofhub.hub.seal.Sealer;
import org.proofhub.hub.verification.ConfirmedVerification;
import org.proofhub.hub.verification.IssuedProof;
import org.proofhub.hub.verification.VerificationProofIssuer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Department verification's confirmed answers become e-proofs sealed with the issuing unit's
 * verification seal (电子证明核实信息专用章), annotated like data-query proofs: the issuing unit is the
 * producing unit, the requesting unit the extracting unit. Idempotent per request: the hub may call
 * again after a crash and gets the proof it already made.
 */
class VerificationProofs implements VerificationProofIssuer {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProofTypes types;
    private final PublishedList list;
    private final Accounts accounts;
    private final Sealer sealer;
    private final SealRegistry seals;
    private final SealProperties sealProperties;
    private final DataProtection protection;
    private final AuditLog audit;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final MeterRegistry meters;

    /** Counts the proofs it issues as {@code hub_proofs_issued_total{type, method="DEPARTMENT_VERIFICATION"}}. */
    VerificationProofs(ProofTypes types, PublishedList list, Accounts accounts, Sealer sealer, SealRegistry seals, SealProperties sealProperties,
                       DataProtection protection, AuditLog audit, JdbcTemplate jdbc, TransactionTemplate tx, Clock clock, MeterRegistry meters) {
        this.types = types;
        this.list = list;
        this.accounts = accounts;
        this.sealer = sealer;
        this.seals = seals;
        this.sealProperties = sealProperties;
        this.protection = protection;
        this.audit = audit;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.meters = meters;
        // present from the start, so dashboards and alerts see zeros rather than nothing
        types.all().values().stream().filter(t -> !t.isDataQuery())
                .forEach(t -> meters.counter("hub.proofs.issued", "type", t.id(), "method", Method.DEPARTMENT_VERIFICATION.name()));
    }

    @Override
    public IssuedProof issue(ConfirmedVerification c) {
        List<IssuedProof> done = jdbc.query("select proof_id, seal_id, issued_at from eproof where verification_request_id = ?",
                (rs, i) -> new IssuedProof(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()), c.requestId());
        if (!done.isEmpty()) {
            return done.get(0);
        }
        ProofType type = types.find(c.proofType()).orElse(null);
        String title = type == null ? c.proofType() : type.title();
        int validityDays = type == null ? 90 : type.validityDays();
        Seal seal = verificationSeal(c.producingUnit());
        Instant now = clock.instant();
        String proofId = ProofService.newProofId(now);
        LocalDate validUntil = BeijingTime.date(now).plusDays(validityDays);
        String itemName = list.current().list().item(c.serviceItemCode()).map(i -> i.name()).orElse(c.serviceItemCode());

        ObjectNode content = JSON.createObjectNode();
        content.put("proofId", proofId);
        content.put("proofType", c.proofType());
        content.put("title", title);
        content.put("method", Method.DEPARTMENT_VERIFICATION.name());
        content.putObject("serviceItem").put("code", c.serviceItemCode()).put("name", itemName);
        content.put("applicationId", c.applicationId());
        content.putObject("subject").put("type", c.subjectType().name()).put("name", c.subjectName()).put("id", c.subjectId());
        facts(content.putArray("facts"), type, c.content());
        ProofService.annotate(content, accounts, c.extractingUnit(), c.producingUnit(), c.confirmedAt());
        content.putObject("verification").put("requestId", c.requestId()).put("answeredBy", c.answeredBy())
                .put("confirmedAt", c.confirmedAt().toString());
        ProofService.close(content, accounts, now, validUntil, seal, itemName, c.serviceItemCode(), c.applicationId());

        byte[] bytes = CanonicalJson.canonicalBytes(content);
        byte[] signature = sealer.seal(bytes, SealPurpose.VERIFICATION, seal.id());
        String digest = VerificationLink.digestOf(bytes);
        String subjectHash = protection.keyedHash(c.subjectId());
        tx.executeWithoutResult(s -> {
            jdbc.update("""
                    insert into eproof (proof_id, proof_type, method, service_item_code, application_id, subject_hash, content, content_digest,
                        signature, seal_id, issued_at, valid_until, issued_by, issued_unit, verification_request_id)
                    values (?, ?, 'DEPARTMENT_VERIFICATION', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    proofId, c.proofType(), c.serviceItemCode(), c.applicationId(), subjectHash, bytes, digest, signature, seal.id(),
                    Timestamp.from(now), validUntil, c.answeredBy(), c.extractingUnit(), c.requestId());
            audit.append(new AuditLog.Entry(c.answeredBy(), c.producingUnit(), "PROOF_ISSUED", subjectHash, "部门核验",
                    Map.of("proofId", proofId, "request", c.requestId(), "method", "DEPARTMENT_VERIFICATION")));
        });
        meters.counter("hub.proofs.issued", "type", c.proofType(), "method", Method.DEPARTMENT_VERIFICATION.name()).increment();
        return new IssuedProof(proofId, seal.id(), now);
    }

    /**
     * The answered facts as the proof shows them: those the proof type lists first, in its order, with its labels and
     * the labels of coded values; any others after them by name, labelled with their name.
     */
    private static void facts(ArrayNode facts, ProofType type, Map<String, String> answered) {
        Map<String, String> rest = new TreeMap<>(answered);
        if (type != null && type.facts() != null) {
            for (ProofType.Fact f : type.facts()) {
                String v = f.field() == null ? null : rest.remove(f.field());
                if (v != null) {
                    String display = f.values() == null ? v : f.values().getOrDefault(v, v);
                    facts.addObject().put("key", f.field()).put("label", f.label() == null ? f.field() : f.label()).put("display", display)
                            .put("value", v);
                }
            }
        }
        rest.forEach((k, v) -> facts.addObject().put("key", k).put("label", k).put("display", v).put("value", v));
    }

    /** The unit's verification seal; its first confirmed answer creates it (one at a time: a unit has one active seal per purpose). */
    private synchronized Seal verificationSeal(String unit) {
        return seals.activeSeal(SealPurpose.VERIFICATION, unit)
                .orElseGet(() -> seals.create(SealPurpose.VERIFICATION, unit, sealProperties.algorithm()));
    }
}
