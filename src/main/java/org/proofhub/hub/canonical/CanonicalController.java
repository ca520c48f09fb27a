package org.proofhub.hub.canonical;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.proofhub.hub.account.Accounts;
import org.proofhub.hub.account.HubUser;
import org.proofhub.hub.audit.AuditLog;
import org.proofhub.hub.platform.DataProtection;
import org.proofhub.hub.platform.HubException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reading canonical records. Every read names its purpose and is written to the audit trail before
 * the data leaves ("谁查询、谁负责").
 */
@RestController
@RequestMapping("/api/canonical")
@Tag(name = "Canonical records", description = "Normalised records with lineage (规范化数据)")
class CanonicalController {
    private final CanonicalRecords records;
    private final Accounts accounts;
    private final AuditLog audit;
    private final DataProtection protection;

    CanonicalController(CanonicalRecords records, Accounts accounts, AuditLog audit, DataProtection protection) {
        this.records = records;
        this.accounts = accounts;
        this.audit = audit;
        this.protection = protection;
    }

    @GetMapping("/{kind}/{key}")
    @PreAuthorize("hasAnyRole('AGENT','SUPERVISOR','INTEGRATOR')")
    @Transactional
    @Operation(summary = "One record with lineage; purpose is required and recorded")
    CanonicalRecord get(@PathVariable String kind, @PathVariable String key, @RequestParam String purpose) {
        HubUser user = read(kind, key, purpose, "RECORD_READ");
        CanonicalRecord r = records.find(kind, key)
                .orElseThrow(() -> HubException.notFound("record", "no " + kind + " with that key in the shared data"));
        return user.has(org.proofhub.hub.account.Role.INTEGRATOR) && !user.has(org.proofhub.hub.account.Role.AGENT) ? masked(r) : r;
    }

    @GetMapping("/{kind}/{key}/history")
    @PreAuthorize("hasAnyRole('AGENT','SUPERVISOR','INTEGRATOR')")
    @Transactional
    List<CanonicalRecords.HistoryEntry> history(@PathVariable String kind, @PathVariable String key, @RequestParam String purpose) {
        read(kind, key, purpose, "RECORD_HISTORY_READ");
        return records.history(kind, key);
    }

    private HubUser read(String kind, String key, String purpose, String action) {
        if (!CanonicalSchemas.kinds().contains(kind)) {
            throw HubException.badRequest("unknown-kind", "unknown record kind '" + kind + "'; known: " + CanonicalSchemas.kinds());
        }
        if (purpose == null || purpose.isBlank()) {
            throw HubException.badRequest("purpose-required", "say why you read this record (purpose): every read is recorded");
        }
        HubUser user = accounts.current();
        audit.append(new AuditLog.Entry(user.username(), user.unitCode(), action, protection.keyedHash(key), purpose, Map.of("kind", kind)));
        return user;
    }

    /** Integrators check lineage and quality, not people: personal fields are masked for them. */
    private static CanonicalRecord masked(CanonicalRecord r) {
        Map<String, Object> payload = new java.util.LinkedHashMap<>(r.payload());
        CanonicalSchemas.personalFields(r.kind()).forEach(f -> payload.computeIfPresent(f, (k, v) ->
                f.toLowerCase().contains("name") ? org.proofhub.hub.platform.Masking.name(String.valueOf(v))
                        : org.proofhub.hub.platform.Masking.identifier(String.valueOf(v))));
        return new CanonicalRecord(r.kind(), org.proofhub.hub.platform.Masking.maskIdentifiers(r.key()), payload, r.fieldSources(),
                Map.of(), r.ownerConnector(), r.deleted(), r.version(), Map.of(), r.createdAt(), r.updatedAt());
    }
}
