package org.proofhub.hub.ingest.check;

import java.time.DateTimeException;
import java.time.LocalDate;

final class Dates {
    private Dates() {
    }

    static boolean isValidYyyyMmDd(String s) {
        if (s.length() != 8) {
            return false;
        }
        try {
            LocalDate.of(Integer.parseInt(s.substring(0, 4)), Integer.parseInt(s.substring(4, 6)), Integer.parseInt(s.substring(6, 8)));
            return true;
        } catch (NumberFormatException | DateTimeException e) {
            return false;
        }
    }
}
