package org.proofhub.hub.ingest.check;

/**
 * Licence identifiers in the style of GB/T 36904-2018 (电子证照 标识规范): a licence type code,
 * the issuing authority's USCC, a four-digit year, a six-digit serial and an ISO 7064 MOD 37,36
 * check character, joined by dots, e.g. {@code YYZZ.11350100MB0000002R.2024.000123.X}.
 * <p>
 * The hub's demo departments use this structure; it follows the standard's parts and check
 * method but is not a certified implementation of it.
 */
public final class LicenceIds {
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private LicenceIds() {
    }

    /** ISO 7064 MOD 37,36 hybrid check character over the characters of {@code body} that are letters or digits. */
    public static char checkCharacter(CharSequence body) {
        int m = 36;
        int p = m;
        for (int i = 0; i < body.length(); i++) {
            char ch = Character.toUpperCase(body.charAt(i));
            int v = ALPHABET.indexOf(ch);
            if (v < 0) {
                continue;
            }
            p = (p + v) % m;
            if (p == 0) {
                p = m;
            }
            p = (p * 2) % (m + 1);
        }
        int c = (m + 1 - p) % m;
        return ALPHABET.charAt(c);
    }

    public static String withCheck(String typeCode, String issuerUscc, int year, int serial) {
        String body = typeCode + "." + issuerUscc + "." + year + "." + String.format("%06d", serial);
        return body + "." + checkCharacter(body);
    }

    /** Explains what is wrong with {@code id}, or returns {@code null} when it is valid. */
    public static String problem(String id) {
        if (id == null || id.isEmpty()) {
            return "is empty";
        }
        String[] parts = id.split("\\.", -1);
        if (parts.length != 5) {
            return "has " + parts.length + " dot-separated parts, a licence ID has 5 (type.issuer.year.serial.check)";
        }
        if (!parts[0].matches("[A-Z0-9]{2,8}")) {
            return "licence type code is not 2-8 capital letters or digits";
        }
        String issuerProblem = Usccs.problem(parts[1]);
        if (issuerProblem != null) {
            return "issuer code " + issuerProblem;
        }
        if (!parts[2].matches("(19|20)\\d\\d")) {
            return "year part is not a year";
        }
        if (!parts[3].matches("\\d{6}")) {
            return "serial part is not six digits";
        }
        if (parts[4].length() != 1) {
            return "check part is not one character";
        }
        String body = id.substring(0, id.length() - 2);
        if (parts[4].charAt(0) != checkCharacter(body)) {
            return "check character does not match (ISO 7064 MOD 37,36)";
        }
        return null;
    }

    public static boolean isValid(String id) {
        return problem(id) == null;
    }
}
