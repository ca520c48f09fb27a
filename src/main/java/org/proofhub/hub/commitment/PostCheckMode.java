package org.proofhub.hub.commitment;

/** How a credit level decides the post-check of a commitment (事中事后核查, 000 6.2.4.2.1). */
public enum PostCheckMode {
    /** 免予核查: no check task; daily supervision only (6.2.4.2.2). */
    EXEMPT,
    /** 抽查: a deterministic share of commitments is checked. */
    SAMPLE,
    /** 全面核查: every commitment is checked. */
    FULL,
    /** The level never allows a commitment. */
    INELIGIBLE
}
