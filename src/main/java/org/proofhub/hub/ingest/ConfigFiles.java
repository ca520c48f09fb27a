package org.proofhub.hub.ingest;

import java.util.List;
import org.proofhub.hub.account.HubUser;

/**
 * The connector and mapping files an integrator edits (SPEC §7.2: validated before they run): checked as they are on disk
 * without applying them, and applied here and on every hub instance on the database. What the REST API and the console
 * call.
 */
public interface ConfigFiles {

    /**
     * The outcome of validating or applying the files.
     *
     * @param problems each with its file and what is wrong; empty when valid
     */
    record Validation(boolean valid, String directory, List<String> problems) {
    }

    /** Validates {@code connectors/} and {@code mappings/} as they are on disk now, without applying them. */
    Validation validate();

    /**
     * Applies changed connectors, mappings, code tables and authority rules (recorded in the audit trail as
     * {@code CONFIGURATION_RELOADED} by {@code by}); files that do not validate change nothing.
     *
     * @throws org.proofhub.hub.platform.HubException when the files do not validate, naming the problems
     */
    Validation reload(HubUser by);
}
