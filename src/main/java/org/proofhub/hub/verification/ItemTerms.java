package org.proofhub.hub.verification;

import java.time.Duration;

/**
 * The service item terms a request is timed by.
 *
 * @param promisedLimit a commitment item's promised time limit (承诺时限), null for an instant item
 * @param dataBacked    the proof has a database behind it that is not yet shared
 * @param listedIssuingUnit the unit the published list names as the proof's issuer, null when the request's terms decide
 */
public record ItemTerms(ItemKind kind, Duration promisedLimit, boolean dataBacked, String listedIssuingUnit) {
}
