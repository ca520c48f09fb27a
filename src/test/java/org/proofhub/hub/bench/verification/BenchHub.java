package org.proofhub.hub.bench.verification;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.proofhub.hub.HubApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The real hub in this JVM for a verification benchmark: embedded PostgreSQL and Artemis under
 * {@code directory}, the smallest demo (its units, accounts and rosters), no live changes.
 */
final class BenchHub {
    private BenchHub() {
    }

    static ConfigurableApplicationContext start(Path directory, Map<String, String> properties) {
        List<String> args = new ArrayList<>(List.of(
                "--hub.data-dir=" + directory,
                "--server.port=0",
                "--hub.demo.persons=200", "--hub.demo.legal-entities=50", "--hub.demo.live-changes-per-second=0",
                "--logging.level.org.proofhub.hub.verification=WARN"));
        properties.forEach((k, v) -> args.add("--" + k + "=" + v));
        return new SpringApplicationBuilder(HubApplication.class).run(args.toArray(String[]::new));
    }
}
