package org.proofhub.hub.ingest.check;

/**
 * Unified social credit codes (统一社会信用代码) after GB 32100-2015: 17 characters from a
 * 31-character alphabet (no I, O, S, V, Z) and a MOD 31 check character.
 */
public final class Usccs {
    static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private Usccs() {
    }

    /** The check character for the first 17 characters of a code. */
    public static char checkCharacter(CharSequence first17) {
        if (first17.length() < 17) {
            throw new IllegalArgumentException("a USCC body has 17 characters, got " + first17.length());
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int v = ALPHABET.indexOf(first17.charAt(i));
            if (v < 0) {
                throw new IllegalArgumentException("position " + (i + 1) + " is not in the GB 32100 alphabet");
            }
            sum += v * WEIGHTS[i];
        }
        int c = 31 - sum % 31;
        return ALPHABET.charAt(c == 31 ? 0 : c);
    }

    /** Explains what is wrong with {@code code}, or returns {@code null} when it is valid. */
    public static String problem(String code) {
        if (code == null || code.isEmpty()) {
            return "is empty";
        }
        if (code.length() != 18) {
            return "has " + code.length() + " characters, a USCC has 18";
        }
        for (int i = 0; i < 18; i++) {
            if (ALPHABET.indexOf(code.charAt(i)) < 0) {
                return "position " + (i + 1) + " is not in the GB 32100 alphabet";
            }
        }
        if (code.charAt(17) != checkCharacter(code)) {
            return "check character does not match (GB 32100 MOD 31)";
        }
        return null;
    }

    public static boolean isValid(String code) {
        return problem(code) == null;
    }
}
