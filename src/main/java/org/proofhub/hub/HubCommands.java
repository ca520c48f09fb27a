package org.proofhub.hub;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.proofhub.hub.platform.ConfigProblem;
import org.proofhub.hub.ingest.IngestConfigFiles;
import org.springframework.core.env.StandardEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Offline tools of the hub's jar: {@code java -jar proof-hub.jar validate --dir .}. */
@Command(name = "proof-hub", mixinStandardHelpOptions = true, subcommands = {HubCommands.Validate.class},
        description = "Proof Hub offline tools")
final class HubCommands {
    private static final Set<String> COMMANDS = Set.of("validate", "help", "--help", "-h");

    private HubCommands() {
    }

    static boolean isCommand(String arg) {
        return COMMANDS.contains(arg);
    }

    static int run(String[] args) {
        return new CommandLine(new HubCommands()).execute(args);
    }

    /** The environment a real start would see for placeholders: system properties, environment, application.yml. */
    static StandardEnvironment defaults() {
        StandardEnvironment env = new StandardEnvironment();
        try {
            new org.springframework.boot.env.YamlPropertySourceLoader()
                    .load("application.yml", new org.springframework.core.io.ClassPathResource("application.yml"))
                    .forEach(env.getPropertySources()::addLast);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("application.yml missing from the hub's jar", e);
        }
        return env;
    }

    @Command(name = "validate", description = "Validate connectors/ and mappings/ without starting the hub; exit 1 on any problem.")
    static final class Validate implements Callable<Integer> {
        @Option(names = "--dir", defaultValue = ".", description = "directory holding connectors/ and mappings/ (default: .)")
        Path dir;

        @Override
        public Integer call() {
            // placeholders keep their defaults; environment variables override them as in a real start
            List<ConfigProblem> problems = IngestConfigFiles.validate(dir.toAbsolutePath().normalize(), defaults());
            if (problems.isEmpty()) {
                System.out.println("OK: connectors and mappings in " + dir.toAbsolutePath().normalize() + " are valid");
                return 0;
            }
            problems.forEach(p -> System.out.println("ERROR " + p));
            System.out.println(problems.size() + " problem(s)");
            return 1;
        }
    }
}
