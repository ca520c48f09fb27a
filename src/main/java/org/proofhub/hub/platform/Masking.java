package org.proofhub.hub.platform;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal identifiers in free text (log lines, error messages) and offers masked forms of
 * names and identifiers for screens of people who may not see them in clear.
 */
public final class Masking {
    // 18-character citizen IDs and USCCs, and 15-digit legacy IDs, standing alone in the text
    private static final Pattern IDENTIFIER = Pattern.compile(
            "(?<![0-9A-Za-z])([0-9A-HJ-NPQRTUWXY]{2}[0-9A-Z]{14}[0-9A-Z]{2}|\\d{15})(?![0-9A-Za-z])");

    private Masking() {
    }

    /** Replaces every identifier-shaped token in {@code text} by its masked form. */
    public static String maskIdentifiers(String text) {
        if (text == null || text.length() < 15) {
            return text;
        }
        Matcher m = IDENTIFIER.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        do {
            m.appendReplacement(out, Matcher.quoteReplacement(identifier(m.group(1))));
        } while (m.find());
        m.appendTail(out);
        return out.toString();
    }

    /** {@code 11010519491231002X} becomes {@code 110***********002X}: the region stays for orientation, the person does not. */
    public static String identifier(String id) {
        if (id == null) {
            return null;
        }
        if (id.length() <= 7) {
            return "*".repeat(id.length());
        }
        return id.substring(0, 3) + "*".repeat(id.length() - 7) + id.substring(id.length() - 4);
    }

    /** {@code 张三丰} becomes {@code 张**}. */
    public static String name(String name) {
        if (name == null || name.isEmpty()) {
            return name;
        }
        int first = name.offsetByCodePoints(0, 1);
        return name.substring(0, first) + "*".repeat(Math.max(1, name.codePointCount(first, name.length())));
    }
}
