package org.proofhub.hub.verification;

import java.time.Duration;
import java.util.Map;
import org.proofhub.hub.canonical.SubjectType;

/**
 * A verification request as the requesting unit's agent fills it in (SPEC §4.1, {@code 000} 6.2.2.3).
 *
 * @param serviceItemCode   the service item (政务服务事项) the proof is for
 * @param applicationId     the application (办件) the proof is for
 * @param itemKind          instant (即办件) or commitment (承诺件) item
 * @param itemPromisedLimit a commitment item's promised time limit (承诺时限), e.g. {@code PT4H}; none for instant items
 * @param proofType         the proof asked for, e.g. {@code household-registration}
 * @param dataBacked        the proof has a database behind it that the hub does not share yet (30-minute rule)
 * @param issuingUnit       the unit asked (证明出具单位)
 * @param subject           whom the proof is about
 * @param queryLetter       the query letter (查询函): what is asked and why
 * @param idScan            optional scan of the subject's ID
 * @param declared          optional: what the applicant declared, field to value; compared with a confirmed answer
 */
public record VerificationSubmission(
        String serviceItemCode,
        String applicationId,
        ItemKind itemKind,
        Duration itemPromisedLimit,
        String proofType,
        boolean dataBacked,
        String issuingUnit,
        Subject subject,
        String queryLetter,
        IdScan idScan,
        Map<String, String> declared) {

    /**
     * The subject: an organisation by its USCC, or a person by name and citizen ID.
     *
     * @param type PERSON or ORGANISATION
     * @param id   citizen ID (GB 11643) or USCC (GB 32100), check character verified
     * @param name the person's or organisation's name; required for a person
     */
    public record Subject(SubjectType type, String id, String name) {
        @Override
        public String toString() {
            // records print their components: never a citizen ID or a name
            return "Subject[" + type + "]";
        }
    }

    /**
     * A scan of the subject's ID (6.2.2.3.3).
     *
     * @param contentType image/jpeg, image/png or application/pdf (see {@code hub.verification.id-scan-types})
     * @param content     the file; base64 in JSON
     */
    public record IdScan(String contentType, byte[] content) {
        @Override
        public String toString() {
            return "IdScan[" + contentType + ", " + (content == null ? 0 : content.length) + " bytes]";
        }
    }

    @Override
    public String toString() {
        return "VerificationSubmission[item=" + serviceItemCode + ", proofType=" + proofType + ", issuingUnit=" + issuingUnit + "]";
    }
}
