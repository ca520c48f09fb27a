package org.proofhub.hub.ops.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.proofhub.hub.account.HubUser;
import org.proofhub.hub.commitment.PostCheckOverview;
import org.proofhub.hub.verification.UnitSla;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The SLA board's live counts as server-sent events ({@code event: sla}, a JSON array of {@link UnitSla}; {@code event:
 * post-checks}, a JSON array of the post-checks without a finding per unit). While anyone watches, the board is counted
 * again every {@code hub.console.sla-refresh} at the hub's clock, once per scope however many watch it (the post-checks
 * once for all scopes), and sent only when it changed: a deadline passing shows without a reload, whether or not a timer
 * has fired yet.
 */
@Component
class SlaBoardStream implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(SlaBoardStream.class);

    private final SlaBoard board;
    private final ObjectMapper json;
    private final ConsoleProperties properties;
    // one entry per scope ever watched: at most the number of units plus one, so entries are never removed
    private final Map<String, Watchers> byScope = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService executor;

    /** The streams of one scope; {@code viewer} is any of its accounts, for they all see the same board. */
    private static final class Watchers {
        final HubUser viewer;
        final List<SseEmitter> emitters = new CopyOnWriteArrayList<>();
        volatile String lastSent;
        volatile String lastPostChecks;

        Watchers(HubUser viewer) {
            this.viewer = viewer;
        }
    }

    SlaBoardStream(SlaBoard board, ObjectMapper json, ConsoleProperties properties) {
        this.board = board;
        this.json = json;
        this.properties = properties;
    }

    /** A stream for {@code u}, starting with the board as it is now. */
    SseEmitter subscribe(HubUser u) {
        SseEmitter emitter = new SseEmitter(properties.slaStreamTimeout().toMillis());
        Watchers watchers = byScope.computeIfAbsent(SlaBoard.scope(u), scope -> new Watchers(u));
        emitter.onCompletion(() -> watchers.emitters.remove(emitter));
        emitter.onError(e -> watchers.emitters.remove(emitter));
        // completing on time-out ends the response normally; EventSource then reconnects
        emitter.onTimeout(emitter::complete);
        watchers.emitters.add(emitter);
        send(emitter, watchers, "sla", snapshot(u));
        return emitter;
    }

    private String snapshot(HubUser viewer) {
        try {
            return json.writeValueAsString(board.rows(viewer));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("SLA board of " + SlaBoard.scope(viewer) + " cannot be written as JSON", e);
        }
    }

    private void refresh() {
        if (byScope.values().stream().allMatch(w -> w.emitters.isEmpty())) {
            return;
        }
        List<PostCheckOverview.UnitPostChecks> postChecks;
        try {
            postChecks = board.postChecksNow();
        } catch (RuntimeException e) {
            log.warn("post-checks not counted for the SLA board, trying again in {}: {}", properties.slaRefresh(), e.getMessage());
            postChecks = null;
        }
        List<PostCheckOverview.UnitPostChecks> counted = postChecks;
        byScope.forEach((scope, watchers) -> {
            if (watchers.emitters.isEmpty()) {
                return;
            }
            try {
                String now = snapshot(watchers.viewer);
                if (!now.equals(watchers.lastSent)) {
                    watchers.lastSent = now;
                    watchers.emitters.forEach(emitter -> send(emitter, watchers, "sla", now));
                }
                if (counted != null) {
                    String checks = json.writeValueAsString(SlaBoard.postChecks(watchers.viewer, counted));
                    if (!checks.equals(watchers.lastPostChecks)) {
                        watchers.lastPostChecks = checks;
                        watchers.emitters.forEach(emitter -> send(emitter, watchers, "post-checks", checks));
                    }
                }
            } catch (RuntimeException | JsonProcessingException e) {
                log.warn("SLA board of scope {} not refreshed, trying again in {}: {}", scope, properties.slaRefresh(), e.getMessage());
            }
        });
    }

    private static void send(SseEmitter emitter, Watchers watchers, String event, String data) {
        try {
            emitter.send(SseEmitter.event().name(event).data(data));
        } catch (IOException | IllegalStateException e) {
            // the browser went away (or the stream ended): the container completes the emitter, forget it now
            watchers.emitters.remove(emitter);
        }
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sla-board-stream");
            t.setDaemon(true);
            return t;
        });
        long every = properties.slaRefresh().toMillis();
        executor.scheduleWithFixedDelay(this::refresh, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = executor;
        if (running != null) {
            running.shutdownNow();
            try {
                running.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // open streams would hold the web server's graceful shutdown until they time out
        byScope.values().forEach(w -> w.emitters.forEach(SseEmitter::complete));
    }

    @Override
    public boolean isRunning() {
        ScheduledExecutorService running = executor;
        return running != null && !running.isShutdown();
    }

    @Override
    public int getPhase() {
        // stop before the web server's graceful shutdown, the pool and the database
        return Integer.MAX_VALUE - 200;
    }
}
