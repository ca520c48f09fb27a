package org.proofhub.hub.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TotpTest {
    private static final byte[] RFC_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    /** RFC 6238 appendix B, the SHA-1 column (8 digits there; authenticator apps show the last 6). */
    @ParameterizedTest
    @CsvSource({"59,94287082", "1111111109,07081804", "1111111111,14050471", "1234567890,89005924", "2000000000,69279037",
            "20000000000,65353130"})
    void matchesTheRfcTestVectors(long seconds, String expected) {
        long step = Totp.step(Instant.ofEpochSecond(seconds));
        assertThat(Totp.code(RFC_SECRET, step, 8)).isEqualTo(expected);
        assertThat(Totp.code(RFC_SECRET, step)).isEqualTo(expected.substring(2));
    }

    @Test
    void acceptsTheCodeOfNowAndOfOneStepEitherSideOnly() {
        Instant now = Instant.ofEpochSecond(1_111_111_111L);
        long step = Totp.step(now);
        assertThat(Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, step), now)).isEqualTo(step);
        assertThat(Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, step - 1), now)).isEqualTo(step - 1);
        assertThat(Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, step + 1), now)).isEqualTo(step + 1);
        assertThat(Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, step - 2), now)).isEqualTo(-1);
        assertThat(Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, step + 2), now)).isEqualTo(-1);
        // typed with a space in the middle, as apps show it
        String code = Totp.code(RFC_SECRET, step);
        assertThat(Totp.matchingStep(RFC_SECRET, code.substring(0, 3) + " " + code.substring(3), now)).isEqualTo(step);
    }

    @Test
    void refusesMalformedCodesAndOtherKeys() {
        Instant now = Instant.ofEpochSecond(1_234_567_890L);
        String code = Totp.code(RFC_SECRET, Totp.step(now));
        assertThat(Totp.matchingStep(RFC_SECRET, null, now)).isEqualTo(-1);
        assertThat(Totp.matchingStep(RFC_SECRET, "", now)).isEqualTo(-1);
        assertThat(Totp.matchingStep(RFC_SECRET, code + "0", now)).isEqualTo(-1);
        assertThat(Totp.matchingStep(RFC_SECRET, "12a456", now)).isEqualTo(-1);
        assertThat(Totp.newSecret()).hasSize(Totp.SECRET_BYTES).isNotEqualTo(Totp.newSecret());
        // another key's code (fixed, so that the answer is known): none of the three codes of the window
        byte[] other = "abcdefghijabcdefghij".getBytes(StandardCharsets.US_ASCII);
        assertThat(Totp.matchingStep(other, code, now)).isEqualTo(-1);
    }

    /** RFC 4648 section 10, without the padding authenticator apps do without. */
    @ParameterizedTest
    @CsvSource({"'',''", "f,MY", "fo,MZXQ", "foo,MZXW6", "foob,MZXW6YQ", "fooba,MZXW6YTB", "foobar,MZXW6YTBOI"})
    void encodesBase32AsRfc4648(String plain, String encoded) {
        assertThat(Totp.base32(plain.getBytes(StandardCharsets.US_ASCII))).isEqualTo(encoded);
    }

    @Test
    void theUriNamesIssuerAccountAndKey() {
        assertThat(Totp.otpauthUri("证明枢纽 Proof Hub", "admin", RFC_SECRET)).isEqualTo(
                "otpauth://totp/%E8%AF%81%E6%98%8E%E6%9E%A2%E7%BA%BD%20Proof%20Hub:admin?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
                        + "&issuer=%E8%AF%81%E6%98%8E%E6%9E%A2%E7%BA%BD%20Proof%20Hub&algorithm=SHA1&digits=6&period=30");
    }
}
