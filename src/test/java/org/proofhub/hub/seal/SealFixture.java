package org.proofhub.hub.seal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.proofhub.hub.support.MutableClock;

/** A seal module over a temporary directory, with a clock the test controls. */
final class SealFixture {
    static final Instant START = Instant.parse("2026-03-02T01:30:00Z");
    static final char[] PASSWORD = "test-only-password".toCharArray();

    final Path directory;
    final MutableClock clock;
    SealModule module;

    SealFixture(Path directory) {
        TestKeyStores.useCheapKeyDerivation();
        this.directory = directory;
        this.clock = new MutableClock(START);
        this.module = SealModule.open(SealSettings.of(directory, PASSWORD), clock);
    }

    /** Opens the same directory again, as a restarted hub would. */
    SealModule reopen() {
        module = SealModule.open(SealSettings.of(directory, PASSWORD), clock);
        return module;
    }

    /** Verifies now, with this hub's roots and its current CRLs. */
    SealVerification verify(byte[] content, byte[] cms) {
        return module.verifier().verify(content, cms, module.trustAnchors(),
                module.certificateAuthority().currentCrls(), clock.instant());
    }

    static byte[] proof(String subject) {
        return ("{\"proof\":\"无犯罪记录证明\",\"subject\":\"" + subject + "\",\"issuer\":\"SJJ\"}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
