package org.proofhub.hub.bench;

import java.util.List;
import org.proofhub.hub.bench.audit.AuditBenchmark;
import org.proofhub.hub.bench.cdc.CdcBenchmark;
import org.proofhub.hub.bench.console.ConsoleBenchmark;
import org.proofhub.hub.bench.proof.ProofBenchmark;
import org.proofhub.hub.bench.start.StartBenchmark;
import org.proofhub.hub.bench.verification.DeadlineBenchmark;
import org.proofhub.hub.bench.verification.VerificationBenchmark;

/** Every benchmark {@code bench/run} knows, in the order a full run takes them. Add new ones here. */
final class Benchmarks {

    private Benchmarks() {
    }

    static List<Benchmark> all() {
        return List.of(
                new CdcBenchmark(),
                new ProofBenchmark(),
                new AuditBenchmark(),
                new ConsoleBenchmark(),
                new VerificationBenchmark(),
                new DeadlineBenchmark(),
                // last, as the issue asks: a cold start measured once the heavier runs and their servers are gone
                new StartBenchmark());
    }
}
