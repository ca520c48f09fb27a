package org.proofhub.hub.verification.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.proofhub.hub.platform.HubException;
import org.proofhub.hub.verification.Rosters;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The posts of {@code verification_post} and who gets a request. Reads go to the database every time, except the
 * assignment of a new request: it uses a unit's posts read at most {@link #ASSIGNMENT_READS_FOR} before (a look-up on
 * every acceptance was a third of its database round trips). Changes made through this store are seen at once; a change
 * made by another hub instance sharing the table, within that second. An agent who leaves hands on the open requests
 * (see {@code RosterService}), and the AB take-over timer catches a request given to them in that second.
 */
final class RosterStore {
    static final String A = "A";
    static final String B = "B";
    static final String SUPERVISOR = "SUPERVISOR";

    /** How long the posts read for assigning a new request are used again. */
    static final Duration ASSIGNMENT_READS_FOR = Duration.ofSeconds(1);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Map<String, AtomicInteger> turns = new ConcurrentHashMap<>();
    private final Map<String, Read> readForAssignment = new ConcurrentHashMap<>();

    private record Read(long nanoTime, List<PostRow> posts) {
    }

    RosterStore(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** One person's post in a unit. */
    record PostRow(String unit, String username, String post, String partner, boolean available) {
        boolean isAgent() {
            return !SUPERVISOR.equals(post);
        }
    }

    /** Who gets a new request: an agent on duty, or the supervisor when nobody is. */
    record Assignment(String username, String post, boolean noOneOnDuty) {
    }

    List<PostRow> posts(String unit) {
        return jdbc.query("select unit_code, username, post, partner, available from verification_post where unit_code = ? order by post, username",
                (rs, i) -> new PostRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5)), unit);
    }

    private List<PostRow> postsForAssignment(String unit) {
        long now = System.nanoTime();
        Read read = readForAssignment.get(unit);
        if (read != null && now - read.nanoTime() < ASSIGNMENT_READS_FOR.toNanos()) {
            return read.posts();
        }
        List<PostRow> posts = List.copyOf(posts(unit));
        if (!posts.isEmpty()) {
            // only units with a roster: a name typed in a request must not grow the map
            readForAssignment.put(unit, new Read(now, posts));
        }
        return posts;
    }

    /** The next assignment reads the posts again: called on every change, and after the transaction that made it. */
    void forgetReads() {
        readForAssignment.clear();
    }

    Map<String, List<PostRow>> all() {
        Map<String, List<PostRow>> byUnit = new LinkedHashMap<>();
        jdbc.query("select unit_code, username, post, partner, available from verification_post order by unit_code, post, username",
                rs -> {
                    PostRow p = new PostRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5));
                    byUnit.computeIfAbsent(p.unit(), k -> new ArrayList<>()).add(p);
                });
        return byUnit;
    }

    Optional<PostRow> post(String username) {
        return jdbc.query("select unit_code, username, post, partner, available from verification_post where username = ?",
                (rs, i) -> new PostRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5)), username)
                .stream().findFirst();
    }

    /**
     * Chooses who gets a new request of {@code unit}: A posts on duty take turns; with every A away the B
     * posts do; with nobody on duty the supervisor gets it and the unit is reported.
     *
     * @param unitExists asked only when the unit has no posts, to tell an unknown unit from one without a roster
     * @throws HubException 422 when the unit is unknown or has no roster: it takes no verification requests
     */
    Assignment assign(String unit, Predicate<String> unitExists) {
        List<PostRow> posts = postsForAssignment(unit);
        if (posts.isEmpty() && !unitExists.test(unit)) {
            throw new HubException(HttpStatus.UNPROCESSABLE_ENTITY, "verification-unknown-unit", "Unknown unit",
                    "there is no unit " + unit + " to ask").with("unit", unit);
        }
        if (posts.isEmpty()) {
            throw new HubException(HttpStatus.UNPROCESSABLE_ENTITY, "verification-unit-without-roster", "Unit takes no verification requests",
                    "unit " + unit + " has no verification roster (agents and supervisor); ask the unit or an admin to set one up")
                    .with("unit", unit);
        }
        for (String post : List.of(A, B)) {
            List<PostRow> onDuty = posts.stream().filter(p -> post.equals(p.post()) && p.available()).toList();
            if (!onDuty.isEmpty()) {
                int turn = Math.floorMod(turns.computeIfAbsent(unit, k -> new AtomicInteger()).getAndIncrement(), onDuty.size());
                PostRow chosen = onDuty.get(turn);
                return new Assignment(chosen.username(), chosen.post(), false);
            }
        }
        return new Assignment(supervisorOf(posts), SUPERVISOR, true);
    }

    /** Who takes over from {@code username}: the AB partner if on duty, else any other agent on duty; empty if nobody. */
    static Optional<PostRow> backupFor(List<PostRow> unitPosts, String username) {
        Optional<PostRow> me = unitPosts.stream().filter(p -> p.username().equals(username)).findFirst();
        String partner = me.map(PostRow::partner).orElse(null);
        Optional<PostRow> partnerOnDuty = unitPosts.stream()
                .filter(p -> p.username().equals(partner) && p.available() && p.isAgent()).findFirst();
        if (partnerOnDuty.isPresent()) {
            return partnerOnDuty;
        }
        return unitPosts.stream().filter(p -> p.isAgent() && p.available() && !p.username().equals(username))
                .min(Comparator.comparing(PostRow::post).thenComparing(PostRow::username));
    }

    static String supervisorOf(List<PostRow> unitPosts) {
        return unitPosts.stream().filter(p -> SUPERVISOR.equals(p.post())).map(PostRow::username).findFirst().orElse(null);
    }

    static List<String> onDuty(List<PostRow> unitPosts) {
        return unitPosts.stream().filter(p -> p.isAgent() && p.available()).map(PostRow::username).toList();
    }

    void setAvailable(String username, boolean available, String by) {
        forgetReads();
        jdbc.update("update verification_post set available = ?, changed_at = ?, changed_by = ? where username = ?",
                available, Timestamp.from(clock.instant()), by, username);
    }

    Rosters.RosterReport report(List<String> warnings) {
        List<Rosters.UnitRoster> units = new ArrayList<>();
        List<String> withoutDuty = new ArrayList<>();
        all().forEach((unit, posts) -> {
            List<String> onDuty = onDuty(posts);
            units.add(new Rosters.UnitRoster(unit, supervisorOf(posts),
                    posts.stream().map(p -> new Rosters.Post(p.username(), p.post(), p.partner(), p.available())).toList(), onDuty));
            if (onDuty.isEmpty()) {
                withoutDuty.add(unit);
            }
        });
        return new Rosters.RosterReport(units, withoutDuty, warnings);
    }

    /** Replaces the posts of the units in {@code posts}; people already in post keep their availability. */
    void replace(Map<String, List<PostRow>> posts, String by) {
        forgetReads();
        Timestamp now = Timestamp.from(clock.instant());
        posts.forEach((unit, unitPosts) -> {
            String[] keep = unitPosts.stream().map(PostRow::username).toArray(String[]::new);
            jdbc.update("delete from verification_post where unit_code = ? and not (username = any(?))", unit, keep);
            for (PostRow p : unitPosts) {
                jdbc.update("""
                        insert into verification_post (unit_code, username, post, partner, available, changed_at, changed_by)
                        values (?, ?, ?, ?, true, ?, ?)
                        on conflict (unit_code, username) do update set post = excluded.post, partner = excluded.partner""",
                        unit, p.username(), p.post(), p.partner(), now, by);
            }
        });
    }
}
