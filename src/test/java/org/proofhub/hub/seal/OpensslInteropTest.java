package org.proofhub.hub.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §3.5: a proof verifies offline with standard tools. openssl checks the ECDSA seal, the content and
 * the chain to the exported roots; it does not accept Bouncy Castle's SM2 CMS (see STACK.md), so SM2 is
 * left to the hub's own verifier.
 */
class OpensslInteropTest {
    private static final Path OPENSSL = Path.of("/usr/bin/openssl");

    @TempDir
    Path directory;

    @Test
    void opensslVerifiesAnExportedEcdsaProofAndRejectsAnAlteredOne() throws Exception {
        assumeTrue(Files.isExecutable(OPENSSL), "openssl is not installed at " + OPENSSL);
        SealFixture hub = new SealFixture(directory.resolve("hub"));
        hub.module.registry().create(SealPurpose.DATA_SHARING, "SJJ", SealAlgorithm.ECDSA_P256_SHA256);
        byte[] proof = SealFixture.proof("张三");
        Path content = Files.write(directory.resolve("x.json"), proof);
        Path signature = Files.write(directory.resolve("x.p7s"), hub.module.sealer().seal(proof, SealPurpose.DATA_SHARING));
        Path roots = hub.directory.resolve("ca").resolve("roots.pem");
        long at = hub.clock.instant().getEpochSecond() + 60;

        Result good = openssl(signature, content, roots, at);
        Path altered = Files.writeString(directory.resolve("altered.json"),
                new String(proof, StandardCharsets.UTF_8).replace("张三", "张四"));
        Result bad = openssl(signature, altered, roots, at);

        assertThat(good.exitCode()).as(good.output()).isZero();
        assertThat(good.output()).contains("Verification successful");
        assertThat(bad.exitCode()).as(bad.output()).isNotZero();
        assertThat(bad.output()).contains("Verification failure");
    }

    private record Result(int exitCode, String output) {
    }

    private Result openssl(Path signature, Path content, Path roots, long at) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(OPENSSL.toString(), "cms", "-verify", "-binary", "-inform", "DER",
                "-in", signature.toString(), "-content", content.toString(), "-CAfile", roots.toString(),
                "-purpose", "any", "-attime", Long.toString(at), "-out", directory.resolve("out.bin").toString()))
                .redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("openssl finished").isTrue();
        return new Result(process.exitValue(), output);
    }
}
