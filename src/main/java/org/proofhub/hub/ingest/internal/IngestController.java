package org.proofhub.hub.ingest.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.proofhub.hub.account.Accounts;
import org.proofhub.hub.account.HubUser;
import org.proofhub.hub.audit.AuditLog;
import org.proofhub.hub.ingest.ConfigFiles;
import org.proofhub.hub.ingest.ConnectorDefinition;
import org.proofhub.hub.ingest.ConnectorStatus;
import org.proofhub.hub.platform.HubException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Connectors, quarantine and configuration, for operators and integrators. */
@RestController
@RequestMapping("/api/ingest")
@Tag(name = "Ingest", description = "Department sources: connectors, quarantine, configuration (数据归集)")
class IngestController {
    private final ConnectorOperations connectors;
    private final ConfigReloads reloads;
    private final IngestService ingest;
    private final QuarantineService quarantine;
    private final Accounts accounts;
    private final AuditLog audit;
    private final JdbcTemplate jdbc;
    private final ConfigFiles files;

    IngestController(ConnectorOperations connectors, IngestService ingest, QuarantineService quarantine, Accounts accounts, AuditLog audit,
                     JdbcTemplate jdbc, ConfigReloads reloads, ConfigFiles files) {
        this.files = files;
        this.reloads = reloads;
        this.connectors = connectors;
        this.ingest = ingest;
        this.quarantine = quarantine;
        this.accounts = accounts;
        this.audit = audit;
        this.jdbc = jdbc;
    }

    @GetMapping("/connectors")
    @PreAuthorize("hasAnyRole('OPERATOR','INTEGRATOR','ADMIN')")
    @Operation(summary = "Every connector with its state, lag, errors and quarantine size")
    List<ConnectorStatus> connectors() {
        return connectors.statuses();
    }

    @GetMapping("/connectors/{id}")
    @PreAuthorize("hasAnyRole('OPERATOR','INTEGRATOR','ADMIN')")
    ConnectorStatus connector(@PathVariable String id) {
        return connectors.status(id);
    }

    @PostMapping("/connectors/{id}/pause")
    @PreAuthorize("hasAnyRole('OPERATOR','ADMIN')")
    @Operation(summary = "Stop a connector's route; its position is kept and it resumes where it stopped")
    ConnectorStatus pause(@PathVariable String id) {
        connectors.pause(id);
        record("CONNECTOR_PAUSED", Map.of("connector", id));
        return connector(id);
    }

    @PostMapping("/connectors/{id}/resume")
    @PreAuthorize("hasAnyRole('OPERATOR','ADMIN')")
    ConnectorStatus resume(@PathVariable String id) {
        connectors.resume(id);
        record("CONNECTOR_RESUMED", Map.of("connector", id));
        return connector(id);
    }

    @GetMapping("/quarantine")
    @PreAuthorize("hasAnyRole('OPERATOR','INTEGRATOR','ADMIN')")
    @Operation(summary = "Quarantined source changes with their reasons (source keys masked, payloads never shown)")
    List<org.proofhub.hub.ingest.Quarantine.Entry> quarantine(@RequestParam(required = false) String connector,
                                             @RequestParam(required = false, defaultValue = "PENDING") String status,
                                             @RequestParam(required = false, defaultValue = "200") int limit) {
        return quarantine.list(connector, "ALL".equalsIgnoreCase(status) ? null : status, Math.min(limit, 10_000));
    }

    /** Which entries to replay: the listed ids, or every pending entry of a connector. */
    record ReplayRequest(List<Long> ids, String connectorId) {
    }

    @PostMapping("/quarantine/replay")
    @PreAuthorize("hasAnyRole('OPERATOR','INTEGRATOR','ADMIN')")
    @Operation(summary = "Run quarantined changes through the current mappings again; idempotent")
    org.proofhub.hub.ingest.Quarantine.ReplayResult replay(@RequestBody ReplayRequest request) {
        HubUser user = accounts.current();
        org.proofhub.hub.ingest.Quarantine.ReplayResult r;
        if (request.ids() != null && !request.ids().isEmpty()) {
            r = quarantine.replay(request.ids(), user.username());
        } else if (request.connectorId() != null) {
            connectors.definition(request.connectorId());
            r = quarantine.replayConnector(request.connectorId(), user.username());
        } else {
            throw HubException.badRequest("replay-what", "name the quarantine entries to replay (ids) or a connectorId");
        }
        record("QUARANTINE_REPLAYED", Map.of("requested", r.requested(), "replayed", r.replayed(), "stillFailing", r.stillFailing()));
        return r;
    }

    @PostMapping("/quarantine/{id}/discard")
    @PreAuthorize("hasAnyRole('INTEGRATOR','ADMIN')")
    void discard(@PathVariable long id) {
        quarantine.discard(id, accounts.current().username());
        record("QUARANTINE_DISCARDED", Map.of("id", id));
    }

    @PostMapping("/config/validate")
    @PreAuthorize("hasAnyRole('INTEGRATOR','ADMIN')")
    @Operation(summary = "Validate connectors/ and mappings/ as they are on disk now, without applying them")
    ConfigFiles.Validation validate() {
        return files.validate();
    }

    @PostMapping("/config/reload")
    @PreAuthorize("hasAnyRole('INTEGRATOR','ADMIN')")
    @Operation(summary = "Apply changed connectors, mappings, code tables and authority rules; refuses if anything is invalid",
            description = "New connector files start, removed or disabled ones stop, changed ones restart from their stored "
                    + "offsets. Every other hub instance on the database then reads and applies its own files within "
                    + "hub.ingest.leadership-interval; GET /api/ingest/config/instances shows where each stands.")
    ConfigFiles.Validation reload() {
        return files.reload(accounts.current());
    }

    @GetMapping("/config/instances")
    @PreAuthorize("hasAnyRole('OPERATOR','INTEGRATOR','ADMIN')")
    @Operation(summary = "Each hub instance's configuration: the reload it applied, a digest of its files, or why it could not",
            description = "Instances whose filesDigest differs read different files: deploy the same connectors/ and mappings/ to all.")
    List<org.proofhub.hub.ingest.ConfigInstances.Instance> instances() {
        return reloads.instances();
    }

    /** A one-number-one-source conflict, values of personal fields masked. */
    record Conflict(long id, String kind, String field, String authoritativeConnector, String offeredConnector,
                    String offeredSourceTable, Instant detectedAt) {
    }

    @GetMapping("/conflicts")
    @PreAuthorize("hasAnyRole('OPERATOR','INTEGRATOR','ADMIN')")
    @Operation(summary = "Values offered by a non-authoritative source that differ from the authoritative one (一数一源)")
    List<Conflict> conflicts(@RequestParam(required = false, defaultValue = "200") int limit) {
        return jdbc.query("""
                select id, kind, field, authoritative_connector, offered_connector, offered_source_table, detected_at
                from field_conflict order by id desc limit ?""",
                (rs, i) -> new Conflict(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getTimestamp(7).toInstant()), Math.min(limit, 10_000));
    }

    private void record(String action, Map<String, Object> detail) {
        HubUser u = accounts.current();
        audit.append(new AuditLog.Entry(u.username(), u.unitCode(), action, null, null, detail));
    }
}
