package org.proofhub.hub.proof.pdf.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import org.junit.jupiter.api.Test;

/** The QR code's own mask choice gives exactly ZXing's symbol. */
class VectorQrCodeTest {

    @Test
    void sameSymbolAsZxingForManyLinks() throws Exception {
        Random random = new Random(20261126);
        Set<Integer> sizes = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            byte[] digest = new byte[32];
            random.nextBytes(digest);
            // verification links as the hub makes them, with hub addresses of varied length (other versions)
            String hub = "https://" + "h".repeat(1 + random.nextInt(i % 50 == 0 ? 400 : i % 10 == 0 ? 120 : 30)) + ".example.gov.cn/";
            String link = hub + "verify/PH-20260302-" + String.format("%06d", random.nextInt(1_000_000)) + "?d="
                    + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
            assertSame(link);
            sizes.add(VectorQrCode.encode(link).size());
        }
        assertSame("");
        assertSame("A");
        // several versions, some beyond 11 where ZXing chooses the mask itself
        assertThat(sizes).hasSizeGreaterThan(4).anyMatch(n -> n > 64).anyMatch(n -> n < 64);
    }

    private static void assertSame(String text) throws Exception {
        ByteMatrix expected = Encoder.encode(text, ErrorCorrectionLevel.M).getMatrix();
        VectorQrCode actual = VectorQrCode.encode(text);
        assertThat(actual.size()).as(text).isEqualTo(expected.getWidth());
        for (int y = 0; y < expected.getHeight(); y++) {
            for (int x = 0; x < expected.getWidth(); x++) {
                assertThat(actual.get(x, y)).as("%s: module (%d, %d)", text, x, y).isEqualTo(expected.get(x, y));
            }
        }
    }
}
