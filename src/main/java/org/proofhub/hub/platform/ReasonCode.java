package org.proofhub.hub.platform;

/**
 * One kind of reason a check gives, by a stable code that API clients may rely on. Its words live in the i18n bundles
 * under {@code reason.<code>} — Chinese in {@code messages.properties}, English in {@code messages_en.properties} —
 * with {@code {0}}, {@code {1}}, … for its facts ({@link java.text.MessageFormat}: an apostrophe is written twice).
 * Implemented by enums; {@code ReasonMessagesTest} finds every one and checks both bundles word it.
 */
public interface ReasonCode {

    /** The stable code: the enum constant's name. */
    String name();

    /** How many facts its wording takes. */
    int arity();
}
