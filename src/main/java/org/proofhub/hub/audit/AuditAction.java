package org.proofhub.hub.audit;

import java.util.List;

/**
 * What audit actions mean to an auditor's search, in one place.
 * <ul>
 *   <li>{@link #READS}: the actions that are reads of personal data — someone saw a citizen's or an organisation's data, or a
 *   document naming them. "Who looked at this citizen" ({@link AuditSearch#reads}) answers with exactly these, not with what
 *   happened to the subject otherwise (a request accepted, assigned or answered, a proof issued or revoked) nor with
 *   auditors' own searches ({@code AUDIT_SEARCHED}, {@code QUERY_RECORDS_SEARCHED}), which name the subject but read no
 *   data about it. Verifying a presented proof ({@code PROOF_VERIFIED}) is not a read either: the verifier learns whether
 *   the proof it holds is valid, nothing from the hub's data.</li>
 *   <li>{@link #PROOF_ISSUED}: a proof issued by department verification is recorded as {@code PROOF_ISSUED}; one issued by a
 *   data query is recorded once, as the query's {@code DATA_QUERY} entry carrying the proof's id (so the issuance hot path
 *   appends one audit row, not two). A search for {@code PROOF_ISSUED} finds both.</li>
 * </ul>
 */
public final class AuditAction {
    private AuditAction() {
    }

    /** A proof issued (department verification); see {@link #ISSUED_CONDITION} for the data-query ones. */
    public static final String PROOF_ISSUED = "PROOF_ISSUED";

    /**
     * Reads of personal data: a canonical record or its history ({@code RECORD_READ}, {@code RECORD_HISTORY_READ}), a data
     * query (answered with a proof or refused: the hub looked the subject up, {@code DATA_QUERY}), an archived proof
     * ({@code PROOF_READ}), a verification request or its ID scan ({@code VERIFICATION_REQUEST_READ},
     * {@code VERIFICATION_ID_SCAN_READ}), a commitment letter ({@code COMMITMENT_LETTER_READ}) and an applicant's credit
     * checked for a commitment ({@code COMMITMENT_ELIGIBILITY}).
     */
    public static final List<String> READS = List.of("RECORD_READ", "RECORD_HISTORY_READ", "DATA_QUERY", "PROOF_READ",
            "VERIFICATION_REQUEST_READ", "VERIFICATION_ID_SCAN_READ", "COMMITMENT_LETTER_READ", "COMMITMENT_ELIGIBILITY");

    /** The SQL condition on {@code audit_log} of a proof's issuance, by either method. */
    static final String ISSUED_CONDITION = "(action = '" + PROOF_ISSUED + "' or (action = 'DATA_QUERY' and detail::jsonb->>'proofId' is not null))";

    /** The SQL condition on {@code audit_log} of the reads of personal data. */
    static final String READS_CONDITION = "action in ('" + String.join("', '", READS) + "')";
}
