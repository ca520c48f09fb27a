package org.proofhub.hub.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.proofhub.hub.proof.ProofReason;
import org.proofhub.hub.seal.SealReason;

/**
 * Every reason code of the hub — every constant of every enum implementing {@link ReasonCode}, found in the compiled
 * classes, so a new code or a new enum of codes is covered without touching this test — is worded in both bundles,
 * uses only the facts it declares, and all of them in one language or the other.
 */
class ReasonMessagesTest {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)}");
    static List<ReasonCode> codes;
    static Properties chinese;
    static Properties english;

    @BeforeAll
    static void load() throws IOException {
        codes = new ArrayList<>();
        for (JavaClass c : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.proofhub.hub")) {
            if (c.isEnum() && c.isAssignableTo(ReasonCode.class)) {
                for (Object constant : c.reflect().getEnumConstants()) {
                    codes.add((ReasonCode) constant);
                }
            }
        }
        chinese = bundle("i18n/messages.properties");
        english = bundle("i18n/messages_en.properties");
    }

    static Properties bundle(String path) throws IOException {
        Properties p = new Properties();
        try (InputStream in = ReasonMessagesTest.class.getClassLoader().getResourceAsStream(path)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void theCodesAreFoundAndUnique() {
        assertThat(codes).contains(ProofReason.OUT_OF_PURPOSE, SealReason.CONTENT_DIGEST_DIFFERS, SealReason.REVOCATION_REVOKED);
        assertThat(codes.stream().map(ReasonCode::name)).doesNotHaveDuplicates();
    }

    @Test
    void everyCodeIsWordedInBothBundlesWithTheFactsItTakes() {
        SoftAssertions soft = new SoftAssertions();
        for (ReasonCode code : codes) {
            String key = LocalisedReason.key(code);
            String zh = chinese.getProperty(key);
            String en = english.getProperty(key);
            soft.assertThat(zh).as("%s in messages.properties", key).isNotBlank();
            soft.assertThat(en).as("%s in messages_en.properties", key).isNotBlank();
            if (zh == null || en == null) {
                continue;
            }
            Set<Integer> used = new TreeSet<>();
            used.addAll(placeholders(zh));
            used.addAll(placeholders(en));
            Set<Integer> declared = new HashSet<>();
            for (int i = 0; i < code.arity(); i++) {
                declared.add(i);
            }
            soft.assertThat(used).as("the facts %s's wordings use: %s takes %d", key, code, code.arity()).isEqualTo(declared);
            if (!zh.matches("(\\{\\d+})+")) {
                soft.assertThat(zh).as("%s in Chinese", key).containsPattern("\\p{IsHan}");
            }

            Object[] facts = new Object[code.arity()];
            for (int i = 0; i < facts.length; i++) {
                facts[i] = "‹fact" + i + "›";
            }
            LocalisedReason rendered = LocalisedReason.of(code, facts);
            soft.assertThat(rendered.code()).isEqualTo(code.name());
            // an unpaired apostrophe would swallow the rest of the pattern, its facts with it
            for (int i : placeholders(zh)) {
                soft.assertThat(rendered.chinese()).as("%s in Chinese", key).contains("‹fact" + i + "›");
            }
            for (int i : placeholders(en)) {
                soft.assertThat(rendered.english()).as("%s in English", key).contains("‹fact" + i + "›");
            }
            soft.assertThat(rendered.chinese()).as("%s in Chinese", key).doesNotContain("{").doesNotContain("'");
            soft.assertThat(rendered.english()).as("%s in English", key).doesNotContain("{").doesNotContain("''");
        }
        soft.assertAll();
    }

    @Test
    void factsAreWordedForEachLanguage() {
        Instant revoked = Instant.parse("2026-11-20T03:04:05.123Z");
        LocalisedReason r = LocalisedReason.of(SealReason.REVOCATION_REVOKED, revoked, LocalisedReason.of(SealReason.CRL_REASON_KEY_COMPROMISE),
                LocalisedReason.of(SealReason.AT_TIME_STAMP_TIME, Instant.parse("2026-11-20T16:30:00Z")));
        assertThat(r.english()).isEqualTo("seal certificate was revoked on 2026-11-20T03:04:05.123Z (KEY_COMPROMISE), not after the"
                + " time-stamp time 2026-11-20T16:30:00Z");
        // Beijing time: the time-stamp is on the 21st there
        assertThat(r.chinese()).isEqualTo("印章证书已于 2026-11-20 11:04 被吊销（密钥泄露），不晚于签章时（2026-11-21 00:30），该印章不可信");
        assertThat(r.in(java.util.Locale.ENGLISH)).isEqualTo(r.english());
        assertThat(r.in(java.util.Locale.SIMPLIFIED_CHINESE)).isEqualTo(r.chinese());
    }

    static List<Integer> placeholders(String pattern) {
        List<Integer> found = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(pattern);
        while (m.find()) {
            found.add(Integer.parseInt(m.group(1)));
        }
        return found;
    }
}
