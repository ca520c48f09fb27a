package org.proofhub.hub.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import org.proofhub.hub.proof.ProofDisplay;
import org.proofhub.hub.proof.pdf.ProofDocument;
import org.proofhub.hub.proof.pdf.ProofPdfFixture;
import org.proofhub.hub.seal.SealAlgorithm;

/**
 * PDF-only micro-benchmark for profiling: renders and seals proofs in this JVM on one thread with the real
 * {@link ProofDocument} and seal module, and prints the thread's CPU per PDF (render only, then render + seal).
 * {@code java -cp target/test-classes:target/classes:$(cat target/bench-test.classpath)
 * org.proofhub.hub.bench.ProofPdfCpuMain [count] [out.pdf]}; add {@code -XX:StartFlightRecording=...} to profile.
 */
public final class ProofPdfCpuMain {
    private ProofPdfCpuMain() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        Path directory = Files.createTempDirectory("proof-pdf-cpu");
        ProofPdfFixture hub = new ProofPdfFixture(directory, SealAlgorithm.DEFAULT);
        ProofDocument documents = ProofDocument.pdfBox(hub.seals, Clock.systemUTC());
        ProofDisplay proof = ProofPdfFixture.residenceProof();
        byte[] sample = documents.renderSealed(proof);
        if (args.length > 1) {
            Files.write(Path.of(args[1]), sample);
        }
        System.out.printf("sealed PDF %d bytes, unsigned %d bytes%n", sample.length, documents.render(proof).length);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 2; round++) {
            String what = round == 0 ? "warm-up" : "measured";
            long cpu = threads.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            for (int i = 0; i < count / 2; i++) {
                documents.render(proof);
            }
            report(what + " render only", count / 2, threads.getCurrentThreadCpuTime() - cpu, System.nanoTime() - wall);
            cpu = threads.getCurrentThreadCpuTime();
            wall = System.nanoTime();
            for (int i = 0; i < count; i++) {
                documents.renderSealed(proof);
            }
            report(what + " render + seal", count, threads.getCurrentThreadCpuTime() - cpu, System.nanoTime() - wall);
        }
        System.out.println("load average: " + Files.readString(Path.of("/proc/loadavg")).trim());
        System.exit(0);
    }

    private static void report(String what, int n, long cpuNanos, long wallNanos) {
        System.out.printf("%-28s %6d PDFs  %7.3f ms CPU/PDF (this thread)  %7.1f PDFs/s wall%n", what, n, cpuNanos / 1e6 / n,
                n / (wallNanos / 1e9));
    }
}
