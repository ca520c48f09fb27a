package org.proofhub.hub.support;

import java.util.concurrent.atomic.AtomicInteger;
import org.proofhub.hub.ingest.check.CitizenIds;
import org.proofhub.hub.ingest.check.Usccs;

/** Valid identifiers for rows the tests add, distinct from the demo world's. */
public final class TestData {
    private static final AtomicInteger SEQ = new AtomicInteger((int) (System.nanoTime() % 500));

    private TestData() {
    }

    /** A citizen ID born 1990-01-01 in 福州市鼓楼区 with a valid check character. */
    public static String citizenId() {
        String body = "350102" + "19900101" + String.format("%03d", 500 + SEQ.incrementAndGet() % 499);
        return body + CitizenIds.checkCharacter(body);
    }

    /** A USCC of a company registered in 福州市鼓楼区 with a valid check character. */
    public static String uscc() {
        String body = "91350102MA" + String.format("%07d", 3_000_000 + SEQ.incrementAndGet());
        return body + Usccs.checkCharacter(body);
    }

    /** The USCC of a government organ (issuing authority), valid. */
    public static String issuerUscc() {
        String body = "11350100MB0012345";
        return body + Usccs.checkCharacter(body);
    }

    public static int next() {
        return SEQ.incrementAndGet();
    }
}
