package org.proofhub.hub.verification.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.proofhub.hub.platform.Masking;
import org.proofhub.hub.verification.ConfirmedVerification;
import org.proofhub.hub.verification.IssuedProof;
import org.proofhub.hub.verification.NoticeType;
import org.proofhub.hub.verification.PostCheckDeadlines;
import org.proofhub.hub.verification.VerificationProofIssuer;
import org.proofhub.hub.verification.VerificationProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fires the verification deadlines kept in {@code verification_deadline}, the only record of every timer.
 * Each round claims the due rows with {@code FOR UPDATE SKIP LOCKED} and fires them in the same transaction
 * as the state changes and outbox messages they cause, so a deadline fires exactly once however many hub
 * instances share the database, and a crash before the commit leaves it pending for the next round. The
 * thread sleeps until the earliest pending deadline (at most {@code scheduler-interval}); nothing but the
 * current batch is ever held in memory.
 */
public final class DeadlineScheduler implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(DeadlineScheduler.class);
    private static final Duration LONGEST_SEAL_BACKOFF = Duration.ofMinutes(5);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final RequestStore store;
    private final RosterStore rosters;
    private final Clock clock;
    private final VerificationProperties props;
    private final String instanceId;
    private final ObjectProvider<VerificationProofIssuer> issuers;
    private final ObjectProvider<PostCheckDeadlines> postChecks;
    private final Map<DeadlineKind, Timer> lateness = new EnumMap<>(DeadlineKind.class);
    private final Map<DeadlineKind, Counter> fired = new EnumMap<>(DeadlineKind.class);
    private final Object monitor = new Object();
    private boolean wakeRequested;
    private volatile Instant plannedWake;
    private volatile boolean running;
    private final List<Thread> threads = new ArrayList<>();

    /**
     * @param dataSource the hub database; a scheduler of its own pool stands for another hub instance
     * @param instanceId written into the rows this scheduler fires
     * @param postChecks fires the post-checks' timers (the commitment capability); none: they are marked fired with a warning
     * @param registry   for lateness and counts; null for none
     * @param protection the hub's data protection key: requests' personal data are stored encrypted
     */
    public DeadlineScheduler(DataSource dataSource, Clock clock, VerificationProperties props, String instanceId,
                             ObjectProvider<VerificationProofIssuer> issuers, ObjectProvider<PostCheckDeadlines> postChecks,
                             MeterRegistry registry, org.proofhub.hub.platform.DataProtection protection) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.store = new RequestStore(jdbc, clock, protection);
        this.rosters = new RosterStore(jdbc, clock);
        this.clock = clock;
        this.props = props;
        this.instanceId = instanceId;
        this.issuers = issuers;
        this.postChecks = postChecks;
        if (registry != null) {
            for (DeadlineKind k : DeadlineKind.values()) {
                lateness.put(k, Timer.builder("hub.verification.deadline.lateness").tag("kind", k.name())
                        .description("how late a deadline fired after it fell due").publishPercentiles(0.5, 0.99).register(registry));
                fired.put(k, Counter.builder("hub.verification.deadlines.fired").tag("kind", k.name()).register(registry));
            }
        }
    }

    public String instanceId() {
        return instanceId;
    }

    /** Fires every deadline due now, in batches, and returns how many it fired; tests call it after moving the clock. */
    public int fireDue() {
        int total = 0;
        int n;
        do {
            n = fireBatch();
            total += n;
        } while (n >= props.schedulerBatchSize());
        while (fireSeal(null)) {
            total++;
        }
        return total;
    }

    /** Tries to seal one confirmed request's proof now; the SEAL deadline retries later if this fails. */
    void sealNow(String requestId) {
        try {
            fireSeal(requestId);
        } catch (RuntimeException e) {
            log.warn("sealing the proof of verification request {} now failed: {}; the SEAL timer retries", requestId,
                    Masking.maskIdentifiers(e.getMessage()));
        }
    }

    /** A deadline due at {@code due} was added: wake up for it if it falls before the planned wake-up. */
    void wakeBy(Instant due) {
        if (due == null) {
            return;
        }
        Instant planned = plannedWake;
        if (planned == null || due.isBefore(planned) || due.isBefore(clock.instant().plus(props.schedulerInterval()))) {
            synchronized (monitor) {
                wakeRequested = true;
                monitor.notifyAll();
            }
        }
    }

    private record Due(long id, String requestId, DeadlineKind kind, Instant dueAt, int attempts) {
        static Due map(ResultSet rs, int row) throws SQLException {
            return new Due(rs.getLong(1), rs.getString(2), DeadlineKind.valueOf(rs.getString(3)), rs.getTimestamp(4).toInstant(), rs.getInt(5));
        }
    }

    private int fireBatch() {
        List<Due> fired = new ArrayList<>();
        Integer n = tx.execute(st -> {
            Instant now = now();
            List<Due> due = jdbc.query("""
                    select id, request_id, kind, due_at, attempts from verification_deadline
                    where state = 'PENDING' and due_at <= ? and kind <> 'SEAL' order by due_at limit ? for update skip locked""",
                    Due::map, Timestamp.from(now), props.schedulerBatchSize());
            if (due.isEmpty()) {
                return 0;
            }
            Map<String, RequestRow> requests = store.lockAll(due.stream().filter(d -> d.kind().ofRequest()).map(Due::requestId).distinct().toList())
                    .stream().collect(Collectors.toMap(RequestRow::id, Function.identity()));
            Map<String, List<RosterStore.PostRow>> posts = rosters.all();
            Changes c = new Changes();
            List<Object[]> doneRows = new ArrayList<>();
            // a takeover before an escalation of the same request, when a long stop made both due
            List<Due> ordered = new ArrayList<>(due);
            ordered.sort(Comparator.comparing(Due::kind));
            for (Due d : ordered) {
                if (!d.kind().ofRequest()) {
                    firePostCheck(d, posts, now, c);
                    continue;
                }
                RequestRow r = requests.get(d.requestId());
                if (r != null) {
                    List<RosterStore.PostRow> unitPosts = posts.getOrDefault(r.issuingUnit(), List.of());
                    switch (d.kind()) {
                        case AB_TAKEOVER -> takeOver(r, unitPosts, now, c);
                        case DEADLINE -> escalate(d, r, unitPosts, now, c);
                        case ESCALATION -> breach(r, unitPosts, now, c);
                        default -> log.warn("deadline {} of kind {} is not fired in batches", d.id(), d.kind());
                    }
                }
            }
            c.flush(jdbc);
            // fired_at is when the batch's work is done, so that lateness counts the work, not only the claim
            Timestamp claimed = Timestamp.from(now);
            Timestamp done = Timestamp.from(now());
            for (Due d : due) {
                doneRows.add(new Object[]{instanceId, claimed, done, d.id()});
            }
            jdbc.batchUpdate("""
                    update verification_deadline set state = 'FIRED', claimed_by = ?, claimed_at = ?, fired_at = ?, attempts = attempts + 1
                    where id = ?""", doneRows);
            fired.addAll(due);
            return due.size();
        });
        Instant committed = clock.instant();
        fired.forEach(d -> record(d, committed));
        return n == null ? 0 : n;
    }

    /**
     * A post-check's timer: at its due date the commitment capability escalates an open check and the supervisor gets it in
     * the inbox with a timer for the window; at the window's end an open check is breached and the supervisor told so.
     */
    private void firePostCheck(Due d, Map<String, List<RosterStore.PostRow>> posts, Instant now, Changes c) {
        PostCheckDeadlines handler = postChecks == null ? null : postChecks.getIfAvailable();
        if (handler == null) {
            log.warn("post-check timer {} ({}) fell due but no post-check capability runs here; marked fired", d.id(), d.kind());
            return;
        }
        if (d.kind() == DeadlineKind.POST_CHECK) {
            PostCheckDeadlines.Escalated e = handler.due(jdbc, d.requestId(),
                    unit -> RosterStore.supervisorOf(posts.getOrDefault(unit, List.of())), now);
            if (e != null) {
                c.postCheckAlert(d.requestId(), e.unitCode(), e.supervisor(), "ESCALATION", now, e.respondBy());
                c.outbox(Messages.postCheckAlert(NoticeType.ESCALATED, d.requestId(), e.unitCode(), now, e.supervisor(), e.respondBy()));
                c.deadline(d.requestId(), DeadlineKind.POST_CHECK_ESCALATION, e.respondBy());
            }
        } else {
            PostCheckDeadlines.Breached b = handler.windowOver(jdbc, d.requestId(), now);
            if (b != null) {
                c.postCheckAlert(d.requestId(), b.unitCode(), b.supervisor(), "BREACH", now, null);
                c.outbox(Messages.postCheckAlert(NoticeType.BREACHED, d.requestId(), b.unitCode(), now, b.supervisor(), null));
            }
        }
    }

    /** AB 岗: the assigned agent has not opened the request in time; the partner (or another agent on duty) takes it. */
    private void takeOver(RequestRow r, List<RosterStore.PostRow> unitPosts, Instant now, Changes c) {
        if (!r.status().awaitsAnswer() || r.openedAt() != null || r.assignedAgent() == null) {
            return;
        }
        RosterStore.backupFor(unitPosts, r.assignedAgent()).ifPresent(backup -> {
            c.update("update verification_request set assigned_agent = ?, assigned_post = ?, updated_at = ? where id = ?",
                    backup.username(), backup.post(), Timestamp.from(now), r.id());
            c.event(r.id(), now, "REASSIGNED", Actor.TIMER, Map.of("from", r.assignedAgent(), "to", backup.username(),
                    "post", backup.post(), "reason", "NOT_OPENED"));
        });
    }

    /** The answer is due: the supervisor is alerted and has the supervisor window to see it answered. */
    private void escalate(Due d, RequestRow r, List<RosterStore.PostRow> unitPosts, Instant now, Changes c) {
        if (!r.status().awaitsAnswer() || r.escalatedAt() != null) {
            return;
        }
        String supervisor = RosterStore.supervisorOf(unitPosts);
        Instant respondBy = d.dueAt().plus(props.scaled(props.supervisorWindow()));
        c.update("update verification_request set escalated_at = ?, escalation_due_at = ?, updated_at = ? where id = ?",
                Timestamp.from(now), Timestamp.from(respondBy), Timestamp.from(now), r.id());
        c.alert(r.id(), r.issuingUnit(), supervisor, "ESCALATION", now, respondBy);
        c.outbox(Messages.alert(NoticeType.ESCALATED, r, r.issuingUnit(), now, supervisor, b -> b.setRespondBy(respondBy)));
        c.deadline(r.id(), DeadlineKind.ESCALATION, respondBy);
        Map<String, Object> detail = new java.util.LinkedHashMap<>();
        detail.put("deadline", r.deadline().toString());
        detail.put("supervisor", supervisor);
        detail.put("respondBy", respondBy.toString());
        detail.put("assignedAgent", r.assignedAgent());
        c.event(r.id(), now, "ESCALATED", Actor.TIMER, detail);
    }

    /** Still unanswered after the supervisor's window: an SLA breach, with unit, agent, supervisor and times. */
    private void breach(RequestRow r, List<RosterStore.PostRow> unitPosts, Instant now, Changes c) {
        if (!r.status().awaitsAnswer() || r.breachedAt() != null || r.escalatedAt() == null) {
            return;
        }
        String supervisor = RosterStore.supervisorOf(unitPosts);
        c.update("update verification_request set breached_at = ?, updated_at = ? where id = ?", Timestamp.from(now), Timestamp.from(now), r.id());
        c.breach(r, supervisor, now);
        c.alert(r.id(), r.issuingUnit(), supervisor, "BREACH", now, null);
        c.outbox(Messages.alert(NoticeType.BREACHED, r, r.issuingUnit(), now, supervisor, b -> b.setRespondBy(r.escalationDueAt())));
        Map<String, Object> detail = new java.util.LinkedHashMap<>();
        detail.put("supervisor", supervisor);
        detail.put("assignedAgent", r.assignedAgent());
        detail.put("escalatedAt", r.escalatedAt().toString());
        c.event(r.id(), now, "BREACHED", Actor.TIMER, detail);
    }

    /** Seals one due confirmed proof (of {@code requestId}, or the earliest); false when none was due. */
    private boolean fireSeal(String requestId) {
        Boolean did = tx.execute(st -> {
            Instant now = now();
            // "kind || ''" keeps the kind out of the index conditions: for the rare SEAL rows the planner would otherwise
            // scan verification_deadline_one_pending (request_id, kind) for them, i.e. every pending timer's entry, every
            // round (with 100,000 pending, most of the database's work while they fired: bench/run deadline). As a filter
            // on the due-time index it reads only the timers due now.
            List<Due> due = requestId == null
                    ? jdbc.query("""
                            select id, request_id, kind, due_at, attempts from verification_deadline
                            where state = 'PENDING' and due_at <= ? and kind || '' = 'SEAL' order by due_at limit 1 for update skip locked""",
                            Due::map, Timestamp.from(now))
                    : jdbc.query("""
                            select id, request_id, kind, due_at, attempts from verification_deadline
                            where state = 'PENDING' and kind = 'SEAL' and request_id = ? for update skip locked""", Due::map, requestId);
            if (due.isEmpty()) {
                return false;
            }
            Due d = due.get(0);
            RequestRow r = store.lockAll(List.of(d.requestId())).get(0);
            Changes c = new Changes();
            VerificationProofIssuer issuer = issuers.getIfAvailable();
            if (issuer == null) {
                c.update("update verification_request set proof_status = 'AWAITING_SEAL', updated_at = ? where id = ?", Timestamp.from(now), r.id());
                c.event(r.id(), now, "AWAITING_SEAL", Actor.HUB, Map.of("reason", "no verification proof issuer is configured"));
                markFired(d, now);
            } else {
                Object savepoint = st.createSavepoint();
                try {
                    IssuedProof proof = issuer.issue(confirmed(r));
                    c.update("""
                            update verification_request set proof_status = 'SEALED', proof_id = ?, seal_id = ?, sealed_at = ?, updated_at = ?
                            where id = ?""", proof.proofId(), proof.sealId(), Timestamp.from(proof.sealedAt()), Timestamp.from(now), r.id());
                    c.event(r.id(), now, "SEALED", Actor.HUB, Map.of("proofId", proof.proofId(), "sealId", String.valueOf(proof.sealId())));
                    c.outbox(Messages.answer(NoticeType.SEALED, r, now, "hub", b -> b.setProofId(proof.proofId()).setProofStatus("SEALED")));
                    markFired(d, now);
                } catch (RuntimeException e) {
                    // whatever the issuer wrote is undone; the timer stays pending and comes back later
                    st.rollbackToSavepoint(savepoint);
                    int attempts = d.attempts() + 1;
                    Duration wait = Duration.ofSeconds(1L << Math.min(attempts - 1, 8));
                    Instant retry = now.plus(wait.compareTo(LONGEST_SEAL_BACKOFF) > 0 ? LONGEST_SEAL_BACKOFF : wait);
                    String error = Masking.maskIdentifiers(String.valueOf(e.getMessage()));
                    jdbc.update("update verification_deadline set attempts = ?, due_at = ?, last_error = ? where id = ?",
                            attempts, Timestamp.from(retry), error, d.id());
                    if (attempts == 1) {
                        c.event(r.id(), now, "SEAL_FAILED", Actor.HUB, Map.of("error", error, "retryAt", retry.toString()));
                    }
                    log.warn("sealing the proof of verification request {} failed (attempt {}): {}; retrying at {}", r.id(), attempts, error, retry);
                }
            }
            c.flush(jdbc);
            return true;
        });
        return Boolean.TRUE.equals(did);
    }

    private static ConfirmedVerification confirmed(RequestRow r) {
        return new ConfirmedVerification(r.id(), r.serviceItemCode(), r.applicationId(), r.proofType(), r.subjectType(), r.subjectId(),
                r.subjectName(), r.content(), r.issuingUnit(), r.requestingUnit(), r.answeredBy(), r.answeredAt());
    }

    private void markFired(Due d, Instant now) {
        jdbc.update("update verification_deadline set state = 'FIRED', claimed_by = ?, claimed_at = ?, fired_at = ?, attempts = attempts + 1 where id = ?",
                instanceId, Timestamp.from(now), Timestamp.from(now), d.id());
        record(d, now);
    }

    private void record(Due d, Instant now) {
        Timer t = lateness.get(d.kind());
        if (t != null) {
            t.record(Duration.between(d.dueAt(), now).isNegative() ? Duration.ZERO : Duration.between(d.dueAt(), now));
            fired.get(d.kind()).increment();
        }
    }

    /** Confirmed answers stored while no issuer was configured are sealed once one is. */
    private void sealWhatAwaits() {
        if (issuers.getIfAvailable() == null) {
            return;
        }
        Integer n = tx.execute(st -> {
            Timestamp now = Timestamp.from(now());
            int added = jdbc.update("""
                    insert into verification_deadline (request_id, kind, due_at)
                    select id, 'SEAL', ? from verification_request where proof_status = 'AWAITING_SEAL' on conflict do nothing""", now);
            jdbc.update("update verification_request set proof_status = 'PENDING', updated_at = ? where proof_status = 'AWAITING_SEAL'", now);
            return added;
        });
        if (n != null && n > 0) {
            log.info("verification: {} confirmed answers awaited a seal; sealing them now", n);
        }
    }

    // ---- the thread ----------------------------------------------------------------------------------------

    @Override
    public void start() {
        sealWhatAwaits();
        running = true;
        if (!props.schedulerEnabled()) {
            return;
        }
        for (int i = 0; i < props.schedulerThreads(); i++) {
            Thread t = new Thread(this::loop, "verification-deadlines-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
    }

    @Override
    public void stop() {
        running = false;
        synchronized (monitor) {
            wakeRequested = true;
            monitor.notifyAll();
        }
        for (Thread t : threads) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // stops with the outbox relay, before the broker and the connection pool go
        return Integer.MAX_VALUE - 100;
    }

    private void loop() {
        long backoff = 100;
        while (running) {
            try {
                fireDue();
                backoff = 100;
                pause(untilNextDue());
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("deadline scheduler {}: {}; retrying in {} ms", instanceId, Masking.maskIdentifiers(e.getMessage()), backoff);
                pause(backoff);
                backoff = Math.min(backoff * 2, 5_000);
            }
        }
    }

    private long untilNextDue() {
        long interval = props.schedulerInterval().toMillis();
        Timestamp next = jdbc.queryForObject("select min(due_at) from verification_deadline where state = 'PENDING'", Timestamp.class);
        if (next == null) {
            return interval;
        }
        long until = Duration.between(clock.instant(), next.toInstant()).toMillis();
        // due but not claimable: another instance holds it right now
        return until <= 0 ? 5 : Math.min(until, interval);
    }

    private void pause(long millis) {
        synchronized (monitor) {
            if (wakeRequested) {
                wakeRequested = false;
                return;
            }
            plannedWake = clock.instant().plusMillis(millis);
            try {
                monitor.wait(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            } finally {
                wakeRequested = false;
                plannedWake = null;
            }
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
