package org.proofhub.hub.ingest.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.proofhub.hub.account.HubUser;
import org.proofhub.hub.audit.AuditLog;
import org.proofhub.hub.ingest.ConfigFiles;
import org.proofhub.hub.ingest.IngestConfig;
import org.proofhub.hub.ingest.IngestProperties;
import org.proofhub.hub.platform.ConfigProblem;

/** {@link ConfigFiles} over the loader and the reloads of this instance; a reload is recorded in the audit trail. */
final class ConfigFilesService implements ConfigFiles {
    private final IngestConfigLoader loader;
    private final IngestProperties properties;
    private final ConfigReloads reloads;
    private final IngestService ingest;
    private final AuditLog audit;

    ConfigFilesService(IngestConfigLoader loader, IngestProperties properties, ConfigReloads reloads, IngestService ingest, AuditLog audit) {
        this.loader = loader;
        this.properties = properties;
        this.reloads = reloads;
        this.ingest = ingest;
        this.audit = audit;
    }

    @Override
    public Validation validate() {
        List<ConfigProblem> problems = loader.validate(IngestConfiguration.resolve(properties));
        return new Validation(problems.isEmpty(), IngestConfiguration.resolve(properties).toString(),
                problems.stream().map(ConfigProblem::toString).toList());
    }

    @Override
    public Validation reload(HubUser by) {
        IngestConfig current = ingest.config();
        IngestConfig next = reloads.reloadHere(by.username());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("mappings", next.mappings().size());
        details.put("connectors", next.connectors().size());
        details.put("connectorsAdded", next.connectors().keySet().stream().filter(id -> !current.connectors().containsKey(id)).sorted().toList());
        details.put("connectorsRemoved", current.connectors().keySet().stream().filter(id -> !next.connectors().containsKey(id)).sorted().toList());
        audit.append(new AuditLog.Entry(by.username(), by.unitCode(), "CONFIGURATION_RELOADED", null, null, details));
        return new Validation(true, next.directory().toString(), List.of());
    }
}
