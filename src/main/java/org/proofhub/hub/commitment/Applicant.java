package org.proofhub.hub.commitment;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Locale;

/**
 * The applicant as the commitment letter names them (000 appendix B.2): a person by name and citizen ID,
 * or an organisation by full name and USCC with its legal representative; address and phone as given.
 */
public record Applicant(String name, String citizenId, String uscc, String legalRepresentative, String address, String phone) {

    @JsonIgnore
    public boolean isOrganisation() {
        return uscc != null && !uscc.isBlank();
    }

    /** The citizen ID or USCC, upper case. */
    @JsonIgnore
    public String id() {
        String id = isOrganisation() ? uscc : citizenId;
        return id == null ? null : id.strip().toUpperCase(Locale.ROOT);
    }

    @JsonIgnore
    public String subjectType() {
        return isOrganisation() ? "ORGANISATION" : "PERSON";
    }
}
