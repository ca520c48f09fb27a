package org.proofhub.hub.platform;

import java.text.MessageFormat;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A reason in the words of both i18n bundles: its stable {@link ReasonCode} and its facts, rendered once in English
 * (what the API's {@code reason} has always said) and in Chinese (for the citizen and the person at the window).
 * <p>
 * Facts are rendered for each language: an {@link Instant} or {@link java.util.Date} as it always printed in English
 * (ISO-8601 in UTC) and as Beijing time ({@code 2026-11-20 11:04}) in Chinese; a nested {@code LocalisedReason} in the
 * same language; {@code null} as "null" and "—"; anything else as its string. Rendering needs no Spring context: the
 * offline {@code verify} command and the seal verifier use it too.
 *
 * @param code    the {@link ReasonCode}'s name
 * @param english the English wording, from {@code messages_en.properties}
 * @param chinese the Chinese wording, from {@code messages.properties}
 */
public record LocalisedReason(String code, String english, String chinese) {
    // the bundles' base name, as spring.messages.basename has it
    private static final String BUNDLE = "i18n/messages";
    // no fallback to the JVM's locale: English is messages_en, Chinese the default file, wherever the command runs
    private static final ResourceBundle.Control EXACT = ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
    private static final Language ENGLISH = new Language(ResourceBundle.getBundle(BUNDLE, Locale.ENGLISH, EXACT), false);
    private static final Language CHINESE = new Language(ResourceBundle.getBundle(BUNDLE, Locale.ROOT, EXACT), true);

    /** The reason {@code code} gives with these facts, in both languages. */
    public static LocalisedReason of(ReasonCode code, Object... facts) {
        assert facts.length == code.arity() : code.name() + " takes " + code.arity() + " facts, not " + facts.length;
        return new LocalisedReason(code.name(), ENGLISH.render(code, facts), CHINESE.render(code, facts));
    }

    /** The bundle key of {@code code}'s wording. */
    public static String key(ReasonCode code) {
        return "reason." + code.name();
    }

    /** The wording in {@code locale}: English for English, Chinese otherwise (the hub's default). */
    public String in(Locale locale) {
        return "en".equals(locale.getLanguage()) ? english : chinese;
    }

    /**
     * A plain wording without facts — the name of a check, say — from the same bundles, chosen as {@link #in} chooses:
     * English for English, Chinese otherwise; empty when that bundle has no {@code key}.
     */
    public static Optional<String> label(String key, Locale locale) {
        ResourceBundle bundle = ("en".equals(locale.getLanguage()) ? ENGLISH : CHINESE).bundle();
        return bundle.containsKey(key) ? Optional.of(bundle.getString(key)) : Optional.empty();
    }

    /** One bundle, with its patterns parsed once (a verification renders some twenty reasons in each language). */
    private record Language(ResourceBundle bundle, boolean chinese, Map<String, MessageFormat> formats) {
        Language(ResourceBundle bundle, boolean chinese) {
            this(bundle, chinese, new ConcurrentHashMap<>());
        }

        String render(ReasonCode code, Object[] facts) {
            Object[] words = new Object[facts.length];
            for (int i = 0; i < facts.length; i++) {
                words[i] = word(facts[i]);
            }
            MessageFormat format;
            try {
                format = formats.computeIfAbsent(key(code), k -> new MessageFormat(bundle.getString(k), Locale.ROOT));
            } catch (MissingResourceException e) {
                // a verdict is never lost for want of words: the code and its facts still say what happened
                return code.name() + (facts.length == 0 ? "" : " " + java.util.Arrays.toString(words));
            }
            // MessageFormat is not thread-safe; a clone shares the parsed pattern
            return ((MessageFormat) format.clone()).format(words);
        }

        private String word(Object fact) {
            if (fact instanceof LocalisedReason nested) {
                return chinese ? nested.chinese() : nested.english();
            }
            if (fact == null) {
                return chinese ? "—" : "null";
            }
            if (chinese && fact instanceof Instant at) {
                return BeijingTime.TO_MINUTE.format(at);
            }
            if (chinese && fact instanceof java.util.Date date) {
                return BeijingTime.TO_MINUTE.format(date.toInstant());
            }
            return fact.toString();
        }
    }
}
