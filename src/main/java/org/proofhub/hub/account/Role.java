package org.proofhub.hub.account;

/** What an account may do. A person may hold several roles; every account belongs to one unit. */
public enum Role {
    /** 代办员: handles queries and verification requests for the account's unit. */
    AGENT,
    /** 督办员: one per unit; answers escalations of overdue requests. */
    SUPERVISOR,
    /** watches routes, connectors, quarantine and SLA state; sees no personal data. */
    OPERATOR,
    /** answers "who looked at this person's data, when and why". */
    AUDITOR,
    /** adds and validates sources, mappings and departments. */
    INTEGRATOR,
    /** manages accounts, units, seals and the certificate-free list. */
    ADMIN
}
