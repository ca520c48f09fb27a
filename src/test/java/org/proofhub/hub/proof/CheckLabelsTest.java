package org.proofhub.hub.proof;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.proofhub.hub.platform.LocalisedReason;
import org.proofhub.hub.seal.SealCheck;

/**
 * Every check a verification can report has a name in both bundles ({@code check.<name>}), as the reasons have theirs
 * (see {@code ReasonMessagesTest}). The names are found where they are made — each {@code new Check("…")} in the main
 * sources, and every {@link SealCheck} under the two prefixes a seal's checks carry — so a new check is covered without
 * touching this test.
 */
class CheckLabelsTest {
    private static final Pattern NEW_CHECK = Pattern.compile("new (?:ProofVerificationReport\\.)?Check\\(\"([^\"]+)\"\\s*(\\+)?");
    static Set<String> names;

    @BeforeAll
    static void findTheChecks() throws IOException {
        names = new TreeSet<>();
        Set<String> sealPrefixes = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = NEW_CHECK.matcher(Files.readString(file));
                while (m.find()) {
                    // "seal." + c.check().name(): a prefix, the rest is a SealCheck
                    (m.group(2) == null ? names : sealPrefixes).add(m.group(1));
                }
            }
        }
        for (String prefix : sealPrefixes) {
            for (SealCheck c : SealCheck.values()) {
                names.add(prefix + c.name());
            }
        }
    }

    @Test
    void theChecksAreFound() {
        assertThat(names).contains("CONTENT_FORMAT", "ISSUED_BY_THIS_HUB", "PDF_IS_THIS_PROOF", "seal.TIME_STAMP", "pdf.seal.REVOCATION");
    }

    @Test
    void everyCheckIsNamedInBothBundles() {
        SoftAssertions soft = new SoftAssertions();
        for (String name : names) {
            int dot = name.lastIndexOf('.');
            Set<String> keys = new TreeSet<>(Set.of("check." + name.substring(dot + 1)));
            if (dot > 0) {
                keys.add("check." + name.substring(0, dot));
            }
            for (String key : keys) {
                soft.assertThat(LocalisedReason.label(key, Locale.SIMPLIFIED_CHINESE)).as("%s in messages.properties", key)
                        .hasValueSatisfying(zh -> assertThat(zh).containsPattern("\\p{IsHan}"));
                soft.assertThat(LocalisedReason.label(key, Locale.ENGLISH)).as("%s in messages_en.properties", key)
                        .hasValueSatisfying(en -> assertThat(en).isNotBlank().doesNotContainPattern("\\p{IsHan}"));
            }
            soft.assertThat(VerifyPageController.checkLabel(name)).as("the verify page's name of %s", name).endsWith("（" + name + "）");
        }
        soft.assertAll();
    }

    @Test
    void everyOutcomeIsWordedInBothBundles() {
        for (ProofVerificationReport.Status status : ProofVerificationReport.Status.values()) {
            assertThat(VerifyPageController.statusLabel(status)).as("%s on the verify page", status).containsPattern("\\p{IsHan}");
            assertThat(LocalisedReason.label("check.status." + status.name(), Locale.ENGLISH)).as("%s in messages_en.properties", status)
                    .hasValueSatisfying(en -> assertThat(en).isNotBlank().doesNotContainPattern("\\p{IsHan}"));
        }
        assertThat(VerifyPageController.statusLabel(ProofVerificationReport.Status.PASSED)).isEqualTo("通过");
    }

    @Test
    void theVerifyPageNamesAChecksSeal() {
        assertThat(VerifyPageController.checkLabel("VALIDITY")).isEqualTo("有效期（VALIDITY）");
        assertThat(VerifyPageController.checkLabel("seal.REVOCATION")).isEqualTo("电子印章 · 撤销状态（seal.REVOCATION）");
        assertThat(VerifyPageController.checkLabel("pdf.seal.FORMAT")).isEqualTo("版式文件印章 · 印章格式（pdf.seal.FORMAT）");
        assertThat(VerifyPageController.checkLabel("SOMETHING_NEW")).isEqualTo("SOMETHING_NEW");
    }
}
