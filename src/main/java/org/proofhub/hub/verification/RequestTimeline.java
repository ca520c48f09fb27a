package org.proofhub.hub.verification;

import java.util.List;

/** A request as people who may not see its subject see it: the masked summary and what happened, in order. */
public record RequestTimeline(RequestSummary request, List<TimelineEvent> events) {
}
