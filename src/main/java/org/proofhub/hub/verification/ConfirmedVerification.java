package org.proofhub.hub.verification;

import java.time.Instant;
import java.util.Map;
import org.proofhub.hub.canonical.SubjectType;

/**
 * A confirmed verification, ready to be sealed into an e-proof bound to one service item and application.
 *
 * @param content        the facts as the issuing unit confirmed them; they prevail over the applicant's declaration
 * @param producingUnit  the issuing unit (出具单位), the proof's producing unit
 * @param extractingUnit the requesting unit (需求单位), the proof's extracting unit
 * @param answeredBy     who confirmed it in the issuing unit
 * @param confirmedAt    when the hub received the confirmation
 */
public record ConfirmedVerification(String requestId, String serviceItemCode, String applicationId, String proofType,
                                    SubjectType subjectType, String subjectId, String subjectName, Map<String, String> content,
                                    String producingUnit, String extractingUnit, String answeredBy, Instant confirmedAt) {

    @Override
    public String toString() {
        return "ConfirmedVerification[" + requestId + ", " + proofType + ", " + producingUnit + " -> " + extractingUnit + "]";
    }
}
