package org.proofhub.hub.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class VerificationLinkTest {

    @Test
    void digestIsOfTheCanonicalFormSoKeyOrderAndSpacingDoNotMatter() throws Exception {
        VerificationLink a = VerificationLink.of(URI.create("https://hub.example.gov.cn"), "PH-1",
                CanonicalJson.parse("{\"b\": 2, \"a\": \"户籍证明\"}"));
        VerificationLink b = VerificationLink.of(URI.create("https://hub.example.gov.cn/"), "PH-1",
                CanonicalJson.parse("{\"a\":\"户籍证明\",\"b\":2.0}"));

        byte[] sha256 = MessageDigest.getInstance("SHA-256")
                .digest("{\"a\":\"户籍证明\",\"b\":2}".getBytes(StandardCharsets.UTF_8));
        assertThat(a.contentDigest()).isEqualTo(b.contentDigest())
                .isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(sha256)).hasSize(43);
        assertThat(a.uri()).isEqualTo(b.uri())
                .hasToString("https://hub.example.gov.cn/verify/PH-1?d=" + a.contentDigest());
    }

    @Test
    void refusesWhatWouldNeedEscapingOrIsNoDigest() {
        URI hub = URI.create("https://hub.example.gov.cn/");
        String digest = VerificationLink.digestOf(new byte[0]);

        assertThatThrownBy(() -> new VerificationLink(hub, "PH 1/../x", digest))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("proof id");
        assertThatThrownBy(() -> new VerificationLink(hub, "PH-1", "abc"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PH-1");
        assertThatThrownBy(() -> new VerificationLink(URI.create("/relative/"), "PH-1", digest))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("absolute");
    }
}
