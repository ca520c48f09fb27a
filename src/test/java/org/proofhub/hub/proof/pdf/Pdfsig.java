package org.proofhub.hub.proof.pdf;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * poppler's {@code pdfsig} (Debian {@code poppler-utils}): a PDF signature checker that shares no code with
 * the hub, PDFBox or Bouncy Castle (it verifies with NSS).
 */
final class Pdfsig {
    private static final Path PDFSIG = Path.of("/usr/bin/pdfsig");

    private Pdfsig() {
    }

    /** Skips the calling test, saying how to install pdfsig, when it is not installed. */
    static void assumeInstalled() {
        assumeTrue(Files.isExecutable(PDFSIG), "pdfsig is not installed, so poppler's check is skipped (the plain"
                + " Bouncy Castle check is not); install it with: apt-get install -y --no-install-recommends poppler-utils");
    }

    /** pdfsig's report on {@code pdf}; it exits non-zero for an invalid signature, so the exit code is not used. */
    static String report(Path pdf) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(PDFSIG.toString(), pdf.toString()).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("pdfsig did not finish within 60 s on " + pdf);
        }
        return new String(output, StandardCharsets.UTF_8);
    }
}
