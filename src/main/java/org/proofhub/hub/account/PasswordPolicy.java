package org.proofhub.hub.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a password must be (等保 二级/三级 identity checks: length and mixed character kinds): at least the configured length, three of
 * the four kinds — lower-case letters, upper-case letters, digits, other characters (Chinese characters count as other) — and
 * not the user name inside it.
 */
public final class PasswordPolicy {
    private final int minLength;

    public PasswordPolicy(int minLength) {
        this.minLength = minLength;
    }

    /** Why {@code password} may not be {@code username}'s; empty when it may. */
    public List<String> problems(String username, String password) {
        List<String> problems = new ArrayList<>();
        if (password == null || password.isEmpty()) {
            problems.add("give a password");
            return problems;
        }
        if (password.codePointCount(0, password.length()) < minLength) {
            problems.add("at least " + minLength + " characters");
        }
        boolean lower = false, upper = false, digit = false, other = false;
        for (int i = 0; i < password.length(); ) {
            int c = password.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isLowerCase(c) && c < 128) {
                lower = true;
            } else if (Character.isUpperCase(c) && c < 128) {
                upper = true;
            } else if (c >= '0' && c <= '9') {
                digit = true;
            } else {
                other = true;
            }
        }
        int kinds = (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
        if (kinds < 3) {
            problems.add("three of: lower-case letters, upper-case letters, digits, other characters (has " + kinds + ")");
        }
        if (username != null && username.length() >= 3 && password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
            problems.add("not the user name");
        }
        return problems;
    }

    public int minLength() {
        return minLength;
    }
}
