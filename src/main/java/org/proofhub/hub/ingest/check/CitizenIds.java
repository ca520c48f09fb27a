package org.proofhub.hub.ingest.check;

/**
 * Citizen identity numbers (公民身份号码) after GB 11643-1999: 17 digits and an
 * ISO 7064 MOD 11-2 check character ({@code 0-9} or {@code X}).
 */
public final class CitizenIds {
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    private CitizenIds() {
    }

    /** The check character for the first 17 digits of an ID. */
    public static char checkCharacter(CharSequence first17) {
        if (first17.length() < 17) {
            throw new IllegalArgumentException("a citizen ID body has 17 digits, got " + first17.length());
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            char c = first17.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("a citizen ID body has digits only, position " + (i + 1) + " is not");
            }
            sum += (c - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11];
    }

    /** Explains what is wrong with {@code id}, or returns {@code null} when it is a well-formed ID with a correct check character. */
    public static String problem(String id) {
        if (id == null || id.isEmpty()) {
            return "is empty";
        }
        if (id.length() != 18) {
            return "has " + id.length() + " characters, a citizen ID has 18";
        }
        for (int i = 0; i < 17; i++) {
            if (!Character.isDigit(id.charAt(i)) || id.charAt(i) > '9') {
                return "has a non-digit at position " + (i + 1);
            }
        }
        String birth = id.substring(6, 14);
        if (!Dates.isValidYyyyMmDd(birth)) {
            return "has an impossible birth date in positions 7-14";
        }
        char expected = checkCharacter(id);
        char actual = id.charAt(17);
        if (actual != expected) {
            return "check character does not match (GB 11643 MOD 11-2)";
        }
        return null;
    }

    public static boolean isValid(String id) {
        return problem(id) == null;
    }
}
