package org.proofhub.hub.demo;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import org.proofhub.hub.ingest.check.CitizenIds;
import org.proofhub.hub.ingest.check.Usccs;

/** Builds identifiers with correct check characters, and spoils them on purpose. */
final class Ids {
    static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;
    private static final int[] ORG_CODE_WEIGHTS = {3, 7, 9, 10, 5, 8, 4, 2};
    private static final String ORG_CODE_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private Ids() {
    }

    /** GB 11643: area, birth date, a sequence whose parity tells the sex, and the check character. */
    static String citizenId(String areaCode, LocalDate birthDate, int sequence) {
        String body = areaCode + YYYYMMDD.format(birthDate) + String.format("%03d", sequence);
        return body + CitizenIds.checkCharacter(body);
    }

    /**
     * GB 32100: registration authority and kind ({@code "91"} enterprise, {@code "92"} individual business,
     * {@code "11"} government organ), area, a GB 11714 organisation code built from {@code orgBody}
     * (eight characters) and the check character.
     */
    static String uscc(String authorityAndKind, String areaCode, String orgBody) {
        String body = authorityAndKind + areaCode + orgBody + orgCodeCheck(orgBody);
        return body + Usccs.checkCharacter(body);
    }

    /** The same identifier with a different, hence wrong, last character. */
    static String withWrongCheck(String id) {
        char last = id.charAt(id.length() - 1);
        return id.substring(0, id.length() - 1) + (last == '0' ? '1' : '0');
    }

    // GB 11714 organisation code check: MOD 11 with 10 written as 'X'
    private static char orgCodeCheck(String body) {
        int sum = 0;
        for (int i = 0; i < ORG_CODE_WEIGHTS.length; i++) {
            sum += ORG_CODE_ALPHABET.indexOf(body.charAt(i)) * ORG_CODE_WEIGHTS[i];
        }
        int c = 11 - sum % 11;
        return c == 10 ? 'X' : c == 11 ? '0' : (char) ('0' + c);
    }
}
