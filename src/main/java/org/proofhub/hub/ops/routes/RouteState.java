package org.proofhub.hub.ops.routes;

import java.time.Instant;

/**
 * One of the hub's own Camel routes (routes/*.yaml: replies, findings, data-later subscriptions, the ingest hand-over)
 * as operators see it: its state ({@code Started}, {@code Stopped}, {@code Suspended}, ...), whether it should run, the
 * exchanges it completed and failed since the hub started, those in flight, when the last one completed and failed, and
 * the last failure or failed attempt (its type and message with identifiers masked); and for a route that retries, its
 * redelivery attempts since the hub started, the highest attempt among the exchanges it is retrying now (0 when it retries
 * none: a route retrying an exchange for ever shows a rising number here and the cause in {@code lastError}, also while its
 * other consumers complete other exchanges) and when it last retried.
 */
public record RouteState(String id, String description, String state, boolean required, long exchanges, long failed, long inflight,
                         Instant lastCompletedAt, Instant lastFailedAt, String lastError, long redeliveries, int retrying,
                         Instant lastRetryAt) {

    /** Running, or not meant to run by itself (not started automatically). */
    public boolean up() {
        return !required || "Started".equals(state);
    }
}
