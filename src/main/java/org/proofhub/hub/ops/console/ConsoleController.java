package org.proofhub.hub.ops.console;

import java.util.List;
import java.util.Map;
import org.proofhub.hub.account.Accounts;
import org.proofhub.hub.account.HubUser;
import org.proofhub.hub.audit.AuditLog;
import org.proofhub.hub.ingest.ConnectorStatus;
import org.proofhub.hub.ingest.Connectors;
import org.proofhub.hub.ingest.Quarantine;
import org.proofhub.hub.ops.routes.HubRoutes;
import org.proofhub.hub.ops.routes.RouteState;
import org.proofhub.hub.seal.SealProperties;
import org.proofhub.hub.seal.SealRegistry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's pages. Each shows only what the role may: operators see states and masked keys,
 * never personal data; auditors search the trail through keyed hashes.
 */
@Controller
class ConsoleController {
    private static final com.fasterxml.jackson.databind.ObjectMapper ROWS = new com.fasterxml.jackson.databind.ObjectMapper()
            .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final Accounts accounts;
    private final Connectors connectors;
    private final org.proofhub.hub.ingest.ConfigInstances configInstances;
    private final Quarantine quarantine;
    private final SealRegistry seals;
    private final SealProperties sealProperties;
    private final AuditLog audit;
    private final JdbcTemplate jdbc;
    private final java.time.Clock clock;
    private final org.proofhub.hub.ingest.ConfigFiles configFiles;
    private final HubRoutes routes;
    private final ConnectorRates rates = new ConnectorRates();

    ConsoleController(Accounts accounts, Connectors connectors, Quarantine quarantine, SealRegistry seals,
                      SealProperties sealProperties, AuditLog audit, JdbcTemplate jdbc,
                      java.time.Clock clock, org.proofhub.hub.ingest.ConfigInstances configInstances,
                      org.proofhub.hub.ingest.ConfigFiles configFiles, HubRoutes routes) {
        this.routes = routes;
        this.configFiles = configFiles;
        this.configInstances = configInstances;
        this.accounts = accounts;
        this.connectors = connectors;
        this.quarantine = quarantine;
        this.seals = seals;
        this.sealProperties = sealProperties;
        this.audit = audit;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @GetMapping("/login")
    String login() {
        return "console/login";
    }

    /** Any method: a refused form post is forwarded here as it came (a GET-only page would answer it 405). */
    @org.springframework.web.bind.annotation.RequestMapping("/console/forbidden")
    String forbidden(Model model) {
        user(model);
        return "console/forbidden";
    }

    @GetMapping("/console/connectors")
    @PreAuthorize("hasAnyRole('OPERATOR','INTEGRATOR','ADMIN')")
    String connectors(Model model) {
        user(model);
        List<ConnectorStatus> statuses = connectors.statuses();
        model.addAttribute("connectors", statuses);
        model.addAttribute("rates", rates.sample(statuses, clock.instant()));
        Map<String, String> backlogs = new java.util.HashMap<>();
        statuses.forEach(c -> backlogs.put(c.id(), sourceBacklog(c, clock.instant())));
        model.addAttribute("backlogs", backlogs);
        model.addAttribute("routes", routes.states());
        java.util.List<org.proofhub.hub.ingest.ConfigInstances.Instance> instances = configInstances.instances();
        model.addAttribute("instances", instances);
        model.addAttribute("instancesAgree", org.proofhub.hub.ingest.ConfigInstances.digestsAmongRunning(instances) <= 1);
        HubUser u = accounts.current();
        model.addAttribute("mayConfigure", u.has(org.proofhub.hub.account.Role.INTEGRATOR) || u.has(org.proofhub.hub.account.Role.ADMIN));
        return "console/connectors";
    }

    /** The integrator checks the connector and mapping files on disk before applying them (SPEC §7.2). */
    @PostMapping("/console/config/validate")
    @PreAuthorize("hasAnyRole('INTEGRATOR','ADMIN')")
    String validateConfig(RedirectAttributes redirect) {
        redirect.addFlashAttribute("validation", configFiles.validate());
        return "redirect:/console/connectors";
    }

    /** Applies the files here and on every instance; files that do not validate change nothing and the page says why. */
    @PostMapping("/console/config/reload")
    @PreAuthorize("hasAnyRole('INTEGRATOR','ADMIN')")
    String reloadConfig(RedirectAttributes redirect) {
        try {
            redirect.addFlashAttribute("reloaded", configFiles.reload(accounts.current()));
        } catch (org.proofhub.hub.platform.HubException e) {
            redirect.addFlashAttribute("validation", configFiles.validate());
            redirect.addFlashAttribute("reloadRefused", e.getMessage());
        }
        return "redirect:/console/connectors";
    }

    /** The page polls this to refresh lag, counts, rates (changes per second over the last minute) and state without a reload. */
    @GetMapping("/console/connectors.json")
    @PreAuthorize("hasAnyRole('OPERATOR','INTEGRATOR','ADMIN')")
    @ResponseBody
    List<Map<String, Object>> connectorsJson() {
        List<ConnectorStatus> statuses = connectors.statuses();
        Map<String, ConnectorRates.Rate> now = rates.sample(statuses, clock.instant());
        return statuses.stream().map(c -> {
            Map<String, Object> row = ROWS.convertValue(c, new com.fasterxml.jackson.core.type.TypeReference<java.util.LinkedHashMap<String, Object>>() { });
            ConnectorRates.Rate r = now.get(c.id());
            row.put("receivedPerSecond", r == null ? null : r.received());
            row.put("appliedPerSecond", r == null ? null : r.applied());
            row.put("sourceBacklog", sourceBacklog(c, clock.instant()));
            return row;
        }).toList();
    }

    /**
     * How far the connector is behind its source seen from the source: a CDC slot's unconfirmed WAL ("3.2 MB WAL"), or
     * the seconds since a poll last read the source to its end ("12 s"); "—" when neither is known.
     */
    static String sourceBacklog(ConnectorStatus c, java.time.Instant now) {
        if (c.sourceBehindBytes() != null) {
            double b = c.sourceBehindBytes();
            String size = b >= 1 << 30 ? String.format(java.util.Locale.ROOT, "%.1f GB", b / (1 << 30))
                    : b >= 1 << 20 ? String.format(java.util.Locale.ROOT, "%.1f MB", b / (1 << 20))
                    : String.format(java.util.Locale.ROOT, "%.0f KB", Math.ceil(b / 1024));
            return size + " WAL";
        }
        if (c.sourceReadAt() != null) {
            return Math.max(0, java.time.Duration.between(c.sourceReadAt(), now).toSeconds()) + " s";
        }
        return "—";
    }

    /** The hub's own routes (not connectors) for the page's live refresh: state, exchanges, failures, last exchange. */
    @GetMapping("/console/routes.json")
    @PreAuthorize("hasAnyRole('OPERATOR','INTEGRATOR','ADMIN')")
    @ResponseBody
    List<RouteState> routesJson() {
        return routes.states();
    }

    /** An operator pauses or resumes a connector (audited as {@code CONNECTOR_PAUSED} / {@code CONNECTOR_RESUMED}); any other action is 400. */
    @PostMapping("/console/connectors/{id}/{action}")
    @PreAuthorize("hasAnyRole('OPERATOR','ADMIN')")
    String connectorAction(@PathVariable String id, @PathVariable String action) {
        HubUser u = accounts.current();
        String audited = switch (action) {
            case "pause" -> {
                connectors.pause(id);
                yield "CONNECTOR_PAUSED";
            }
            case "resume" -> {
                connectors.resume(id);
                yield "CONNECTOR_RESUMED";
            }
            default -> throw new org.springframework.web.server.ResponseStatusException(org.springframework.http.HttpStatus.BAD_REQUEST,
                    "a connector is paused or resumed, not " + action);
        };
        audit.append(new AuditLog.Entry(u.username(), u.unitCode(), audited, null, null, Map.of("connector", id, "via", "console")));
        return "redirect:/console/connectors";
    }

    @GetMapping("/console/quarantine")
    @PreAuthorize("hasAnyRole('OPERATOR','INTEGRATOR','ADMIN')")
    String quarantine(@RequestParam(required = false) String connector, Model model) {
        user(model);
        model.addAttribute("connector", connector);
        model.addAttribute("connectorIds", connectors.statuses().stream().map(ConnectorStatus::id).toList());
        model.addAttribute("entries", quarantine.list(connector, "PENDING", 500));
        return "console/quarantine";
    }

    @PostMapping("/console/quarantine/replay")
    @PreAuthorize("hasAnyRole('OPERATOR','INTEGRATOR','ADMIN')")
    String replay(@RequestParam(required = false) List<Long> ids, @RequestParam(required = false) String connector,
                  RedirectAttributes redirect) {
        HubUser u = accounts.current();
        Quarantine.ReplayResult r = ids != null && !ids.isEmpty() ? quarantine.replay(ids, u.username())
                : connector != null && !connector.isBlank() ? quarantine.replayConnector(connector, u.username())
                : new Quarantine.ReplayResult(0, 0, 0, 0, 0, List.of());
        audit.append(new AuditLog.Entry(u.username(), u.unitCode(), "QUARANTINE_REPLAYED", null, null,
                Map.of("requested", r.requested(), "replayed", r.replayed(), "via", "console")));
        redirect.addFlashAttribute("replayed", r);
        return "redirect:/console/quarantine" + (connector == null || connector.isBlank() ? "" : "?connector=" + connector);
    }

    @GetMapping("/console/seals")
    @PreAuthorize("hasAnyRole('OPERATOR','ADMIN','AUDITOR')")
    String seals(Model model) {
        HubUser u = user(model);
        List<String> expiring = seals.expiringWithin(sealProperties.expiryWarning(), clock.instant()).stream().map(s -> s.id()).toList();
        model.addAttribute("seals", seals.seals());
        model.addAttribute("expiring", expiring);
        model.addAttribute("administers", u.has(org.proofhub.hub.account.Role.ADMIN));
        model.addAttribute("algorithms", org.proofhub.hub.seal.SealAlgorithm.values());
        model.addAttribute("reasons", org.proofhub.hub.seal.RevocationReason.values());
        return "console/seals";
    }

    private HubUser user(Model model) {
        return ConsoleUser.addTo(model, accounts);
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
