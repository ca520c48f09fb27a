package org.proofhub.hub;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
@Command(name = "proof-hub", mixinStandardHelpOptions = true, subcommands = {HubCommands.Validate.class, HubCommands.Verify.class, HubCommands.AuditVerify.class},
        description = "Proof Hub offline tools")
final class HubCommands {
    private static final Set<String> COMMANDS = Set.of("validate", "verify", "audit-verify", "help", "--help", "-h");

    private HubCommands() {
    }

    static boolean isCommand(String arg) {
        return COMMANDS.contains(arg);
    }

    static int run(String[] args) {
        return new CommandLine(new HubCommands()).execute(args);
    }

    /**
     * Standard output in UTF-8, whatever the locale: the tools print Chinese (reasons, verdicts, unit names), and on JDK 17
     * {@code System.out} writes the locale's charset, where under {@code LANG=C} each Chinese character is a "?".
     */
    static PrintStream utf8Out() {
        return new PrintStream(System.out, true, StandardCharsets.UTF_8);
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
            PrintStream out = utf8Out();
            // placeholders keep their defaults; environment variables override them as in a real start
            List<ConfigProblem> problems = IngestConfigFiles.validate(dir.toAbsolutePath().normalize(), defaults());
            if (problems.isEmpty()) {
                out.println("OK: connectors and mappings in " + dir.toAbsolutePath().normalize() + " are valid");
                return 0;
            }
            problems.forEach(p -> out.println("ERROR " + p));
            out.println(problems.size() + " problem(s)");
            return 1;
        }
    }

    @Command(name = "verify", description = "Verify an exported e-proof bundle offline; exit 0 when valid, 1 when not.")
    static final class Verify implements Callable<Integer> {
        @Option(names = "--bundle", required = true, description = "the bundle zip exported by the hub")
        Path bundle;
        @Option(names = "--trust", description = "PEM of the trust anchors (the hub publishes them at /api/public/seals/roots.pem); "
                + "without it the bundle's own roots.pem is used and its fingerprints are printed to compare")
        Path trust;
        @Option(names = "--item", description = "the service item code the proof is presented for")
        String item;
        @Option(names = "--application", description = "the application id the proof is presented for")
        String application;

        @Override
        public Integer call() throws Exception {
            PrintStream out = utf8Out();
            java.util.Map<String, byte[]> files = org.proofhub.hub.proof.OfflineVerification.readBundle(bundle);
            byte[] roots = trust != null ? java.nio.file.Files.readAllBytes(trust) : files.get("roots.pem");
            org.proofhub.hub.seal.TrustAnchors anchors = org.proofhub.hub.proof.OfflineVerification.anchors(roots);
            if (trust == null) {
                out.println("WARNING trust anchors taken from the bundle itself; compare their SHA-256 fingerprints with the hub's published ones:");
                anchors.certificates().forEach(c -> out.println("  " + c.getSubjectX500Principal().getName() + "  "
                        + org.proofhub.hub.proof.OfflineVerification.fingerprint(c)));
            }
            org.proofhub.hub.proof.ProofVerificationReport r = org.proofhub.hub.proof.OfflineVerification.verify(files, anchors,
                    java.time.Instant.now(), item, application);
            // each reason in English, then in Chinese below it
            r.checks().forEach(c -> out.printf("%-12s %-26s %s%n%40s%s%n", c.status(), c.name(), c.reason(), "", c.reasonZh()));
            out.println(r.summary());
            return r.valid() ? 0 : 1;
        }
    }

    @Command(name = "audit-verify", description = "Check the audit trail's hash chain and signed checkpoints in a database; "
            + "exit 0 when intact, 1 naming the first broken entry.")
    static final class AuditVerify implements Callable<Integer> {
        @Option(names = "--jdbc-url", required = true, description = "e.g. jdbc:postgresql://host:5432/hub (a copy or read replica is fine)")
        String url;
        @Option(names = "--user", defaultValue = "postgres")
        String user;
        @Option(names = "--password", defaultValue = "", description = "or the environment variable HUB_AUDIT_PASSWORD")
        String password;
        @Option(names = "--table", defaultValue = "audit_log")
        String table;
        @Option(names = "--trust", required = true, description = "PEM of the hub's trust anchors (/api/public/seals/roots.pem)")
        Path trust;

        @Override
        public Integer call() throws Exception {
            PrintStream out = utf8Out();
            String pw = password.isEmpty() ? System.getenv().getOrDefault("HUB_AUDIT_PASSWORD", "") : password;
            org.proofhub.hub.seal.TrustAnchors anchors = org.proofhub.hub.proof.OfflineVerification.anchors(java.nio.file.Files.readAllBytes(trust));
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, user, pw)) {
                org.proofhub.hub.audit.AuditVerification.Report r = org.proofhub.hub.audit.AuditVerification.verify(c, table, anchors,
                        org.proofhub.hub.seal.SealVerifier.standard(), java.time.Instant.now());
                r.checkpoints().forEach(out::println);
                out.println(r.summary());
                return r.intact() ? 0 : 1;
            }
        }
    }
}
