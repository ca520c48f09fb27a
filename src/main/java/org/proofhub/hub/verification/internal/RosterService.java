package org.proofhub.hub.verification.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.proofhub.hub.account.Accounts;
import org.proofhub.hub.audit.AuditLog;
import org.proofhub.hub.account.HubUser;
import org.proofhub.hub.account.Role;
import org.proofhub.hub.platform.HubException;
import org.proofhub.hub.verification.NoticeType;
import org.proofhub.hub.verification.Rosters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ResourceLoader;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Roster files, availability, and handing open requests on when an agent leaves. */
final class RosterService implements Rosters {
    private static final Logger log = LoggerFactory.getLogger(RosterService.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final RosterStore rosters;
    private final RequestStore requests;
    private final Accounts accounts;
    private final ResourceLoader resources;
    private final Clock clock;
    private final List<String> warnings = new CopyOnWriteArrayList<>();

    private final AuditLog audit;

    RosterService(JdbcTemplate jdbc, TransactionTemplate tx, RosterStore rosters, RequestStore requests, Accounts accounts,
                  ResourceLoader resources, Clock clock, AuditLog audit) {
        this.audit = audit;
        this.jdbc = jdbc;
        this.tx = tx;
        this.rosters = rosters;
        this.requests = requests;
        this.accounts = accounts;
        this.resources = resources;
        this.clock = clock;
    }

    @Override
    public RosterReport apply(String location) {
        RosterFile file = RosterFile.read(location, resources, accounts);
        replace(file, "roster-file:" + file.name(), null);
        file.warnings().forEach(w -> log.warn("verification roster: {}", w));
        log.info("verification roster {} applied: units {}", file.name(), file.posts().keySet());
        return report();
    }

    @Override
    public RosterReport apply(String name, byte[] yaml, boolean checkOnly, HubUser by) {
        String label = name == null || name.isBlank() ? "roster" : name.strip().substring(0, Math.min(name.strip().length(), 64));
        RosterFile file = RosterFile.read(new org.springframework.core.io.ByteArrayResource(yaml == null ? new byte[0] : yaml), label, accounts);
        if (checkOnly) {
            RosterReport now = report();
            return new RosterReport(now.units(), now.unitsWithoutDuty(), now.unitsWithoutSupervisor(), file.warnings());
        }
        replace(file, by.username(), new AuditLog.Entry(by.username(), by.unitCode(), "ROSTER_APPLIED", null, null,
                java.util.Map.of("roster", label, "units", List.copyOf(file.posts().keySet()))));
        log.info("verification roster {} applied by {}: units {}", label, by.username(), file.posts().keySet());
        return report();
    }

    /** Replaces the posts of the units a checked roster names (and records {@code entry} with it), and keeps its warnings. */
    private void replace(RosterFile file, String changedBy, AuditLog.Entry entry) {
        tx.executeWithoutResult(st -> {
            rosters.replace(file.posts(), changedBy);
            if (entry != null) {
                audit.append(entry);
            }
        });
        rosters.forgetReads();
        warnings.removeIf(w -> w.startsWith(file.name() + ":"));
        warnings.addAll(file.warnings());
    }

    @Override
    public RosterReport report() {
        return rosters.report(List.copyOf(warnings));
    }

    @Override
    public RosterReport setAvailable(String username, boolean available, HubUser by) {
        RosterStore.PostRow post = rosters.post(username)
                .orElseThrow(() -> HubException.notFound("post", "account " + username + " holds no verification post"));
        boolean self = by.username().equals(username);
        boolean supervisorOfUnit = by.has(Role.SUPERVISOR) && by.unitCode().equals(post.unit());
        if (!self && !supervisorOfUnit && !by.has(Role.ADMIN)) {
            throw new HubException(HttpStatus.FORBIDDEN, "verification-roster-forbidden", "Not allowed",
                    "only " + username + ", the supervisor of " + post.unit() + " or an admin may change this availability");
        }
        tx.executeWithoutResult(st -> {
            rosters.setAvailable(username, available, by.username());
            audit.append(new AuditLog.Entry(by.username(), by.unitCode(), "ROSTER_AVAILABILITY", null, null,
                    java.util.Map.of("account", username, "unit", post.unit(), "available", available)));
            if (!available) {
                handOn(post, by);
            }
        });
        rosters.forgetReads();
        return report();
    }

    /**
     * An account that no longer holds its post — disabled, moved to another unit, or without the post's role — leaves it as if
     * marked away (by the administrator who changed it): its open requests go to the backup, or to the supervisor when nobody
     * is left on duty, which is alerted. A vacant supervisor post is reported ({@link RosterReport#unitsWithoutSupervisor()},
     * health, the roster page) until a roster names a new supervisor.
     */
    @org.springframework.context.event.EventListener
    void accountChanged(org.proofhub.hub.account.AccountChanged changed) {
        rosters.forgetReads();
        Optional<RosterStore.PostRow> post = rosters.post(changed.username()).filter(p -> !p.held());
        if (post.filter(p -> p.isAgent() && p.available()).isPresent()) {
            log.info("verification: account {} leaves its post in unit {}: {}", changed.username(), post.get().unit(), post.get().vacancyReason());
            setAvailable(changed.username(), false, changed.by());
        } else if (post.filter(p -> !p.isAgent()).isPresent()) {
            log.warn("verification: the supervisor post of unit {} is vacant ({}: {}); give the unit a new supervisor in its roster",
                    post.get().unit(), changed.username(), post.get().vacancyReason());
        }
    }

    /** The open requests of an agent who leaves go to the backup, or to the supervisor when nobody is on duty. */
    private void handOn(RosterStore.PostRow leaving, HubUser by) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        List<RosterStore.PostRow> posts = rosters.posts(leaving.unit());
        Optional<RosterStore.PostRow> backup = RosterStore.backupFor(posts, leaving.username());
        String to = backup.map(RosterStore.PostRow::username).orElse(RosterStore.supervisorOf(posts));
        String toPost = backup.map(RosterStore.PostRow::post).orElse(RosterStore.SUPERVISOR);
        Changes c = new Changes();
        if (RosterStore.onDuty(posts).isEmpty()) {
            log.warn("verification: nobody is on duty in unit {} any more; its requests go to the supervisor", leaving.unit());
            c.alert(null, leaving.unit(), to, "NO_ONE_ON_DUTY", now, null);
            c.outbox(Messages.alert(NoticeType.NO_ONE_ON_DUTY, null, leaving.unit(), now, to, b -> {
            }));
        }
        List<String> open = jdbc.queryForList("""
                select id from verification_request where assigned_agent = ? and issuing_unit = ?
                and status in ('RECEIVED', 'OPENED', 'DELAYED') order by id""", String.class, leaving.username(), leaving.unit());
        for (String id : open) {
            RequestRow r = requests.lock(id).orElseThrow();
            if (!leaving.username().equals(r.assignedAgent()) || !r.status().awaitsAnswer()) {
                continue;
            }
            c.update("update verification_request set assigned_agent = ?, assigned_post = ?, updated_at = ? where id = ?",
                    to, toPost, Timestamp.from(now), id);
            c.event(id, now, "REASSIGNED", Actor.of(by), Map.of("from", leaving.username(), "to", String.valueOf(to), "post", toPost,
                    "reason", "AWAY"));
        }
        c.flush(jdbc);
    }
}
