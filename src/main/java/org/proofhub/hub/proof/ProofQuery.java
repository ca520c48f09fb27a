package org.proofhub.hub.proof;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A window agent's data query (SPEC §3.1): for which service item, application and proof, why, and
 * about whom — a USCC, or a name and citizen ID.
 *
 * @param select for proof types that can match several records, the one wanted (e.g. a licence ID)
 */
public record ProofQuery(
        @Schema(example = "350100-MZ-0001") String serviceItemCode,
        @Schema(example = "household-registration") String proofType,
        @Schema(example = "ZWFW-2026-000123") String applicationId,
        @Schema(example = "办理最低生活保障申请，核验申请人户籍") String purpose,
        Subject subject,
        String select) {

    /** Whom the proof is about: an organisation by USCC, or a person by name and citizen ID. */
    public record Subject(String uscc, String name, String citizenId) {
        public boolean isOrganisation() {
            return uscc != null && !uscc.isBlank();
        }

        /** The identifier the proof is about. */
        public String id() {
            return isOrganisation() ? uscc.strip().toUpperCase(java.util.Locale.ROOT)
                    : citizenId == null ? null : citizenId.strip().toUpperCase(java.util.Locale.ROOT);
        }
    }
}
