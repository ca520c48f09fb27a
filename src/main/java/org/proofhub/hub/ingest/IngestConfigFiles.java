package org.proofhub.hub.ingest;

import java.nio.file.Path;
import java.util.List;
import org.proofhub.hub.platform.ConfigProblem;
import org.proofhub.hub.ingest.internal.IngestConfigLoader;
import org.springframework.core.env.PropertyResolver;

/** Validation of the integrator's connector and mapping files, for tools that run without a hub. */
public final class IngestConfigFiles {
    private IngestConfigFiles() {
    }

    /** Every problem in {@code directory}'s connectors/ and mappings/, each naming file and key; empty when valid. */
    public static List<ConfigProblem> validate(Path directory, PropertyResolver placeholders) {
        return new IngestConfigLoader(placeholders).validate(directory);
    }
}
