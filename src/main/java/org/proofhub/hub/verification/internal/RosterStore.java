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

    /**
     * One person's post in a unit.
     *
     * @param available the agent's own mark: on duty or away
     * @param vacancy   why the account no longer holds the post ({@code DISABLED}, {@code MOVED} to another unit,
     *                  {@code LOST_ROLE} of the post, {@code GONE}), null while it does: such a post takes no request, backs
     *                  nobody up and supervises nothing until the unit's roster is sent again or the account is restored
     */
    record PostRow(String unit, String username, String post, String partner, boolean available, String vacancy) {
        /** A post as a roster names it, held by an account that was checked. */
        PostRow(String unit, String username, String post, String partner, boolean available) {
            this(unit, username, post, partner, available, null);
        }

        boolean isAgent() {
            return !SUPERVISOR.equals(post);
        }

        boolean held() {
            return vacancy == null;
        }

        /** Why the post is vacant, in words; null while it is held. */
        String vacancyReason() {
            return vacancy == null ? null : switch (vacancy) {
                case "DISABLED" -> "the account is disabled";
                case "MOVED" -> "the account moved to another unit";
                case "LOST_ROLE" -> "the account lost the role " + (isAgent() ? "AGENT" : "SUPERVISOR");
                default -> "the account no longer exists";
            };
        }

        /** An agent who takes requests now: in post and not away. */
        boolean onDuty() {
            return isAgent() && available && held();
        }
    }

    /**
     * The posts with their accounts: a post is held while its account is enabled, in the post's unit and has the post's role
     * (the rules a roster is checked by when it is applied, {@code RosterFile}), so a later change of the account vacates it.
     */
    private static final String POSTS = """
            select p.unit_code, p.username, p.post, p.partner, p.available,
                case when a.username is null then 'GONE'
                     when not a.enabled then 'DISABLED'
                     when a.unit_code <> p.unit_code then 'MOVED'
                     when not ((case when p.post = 'SUPERVISOR' then 'SUPERVISOR' else 'AGENT' end) = any(a.roles)) then 'LOST_ROLE'
                end as vacancy
            from verification_post p left join account a on a.username = p.username
            """;

    private static PostRow postRow(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new PostRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5), rs.getString(6));
    }

    /** Who gets a new request: an agent on duty, or the supervisor when nobody is. */
    record Assignment(String username, String post, boolean noOneOnDuty) {
    }

    List<PostRow> posts(String unit) {
        return jdbc.query(POSTS + "where p.unit_code = ? order by p.post, p.username", (rs, i) -> postRow(rs), unit);
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
        jdbc.query(POSTS + "order by p.unit_code, p.post, p.username", rs -> {
            PostRow p = postRow(rs);
            byUnit.computeIfAbsent(p.unit(), k -> new ArrayList<>()).add(p);
        });
        return byUnit;
    }

    Optional<PostRow> post(String username) {
        return jdbc.query(POSTS + "where p.username = ?", (rs, i) -> postRow(rs), username).stream().findFirst();
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
            List<PostRow> onDuty = posts.stream().filter(p -> post.equals(p.post()) && p.onDuty()).toList();
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
                .filter(p -> p.username().equals(partner) && p.onDuty()).findFirst();
        if (partnerOnDuty.isPresent()) {
            return partnerOnDuty;
        }
        return unitPosts.stream().filter(p -> p.onDuty() && !p.username().equals(username))
                .min(Comparator.comparing(PostRow::post).thenComparing(PostRow::username));
    }

    /** The unit's supervisor; null when the post is vacant (its account disabled, moved or without the role). */
    static String supervisorOf(List<PostRow> unitPosts) {
        return unitPosts.stream().filter(p -> SUPERVISOR.equals(p.post()) && p.held()).map(PostRow::username).findFirst().orElse(null);
    }

    static List<String> onDuty(List<PostRow> unitPosts) {
        return unitPosts.stream().filter(PostRow::onDuty).map(PostRow::username).toList();
    }

    void setAvailable(String username, boolean available, String by) {
        forgetReads();
        jdbc.update("update verification_post set available = ?, changed_at = ?, changed_by = ? where username = ?",
                available, Timestamp.from(clock.instant()), by, username);
    }

    Rosters.RosterReport report(List<String> warnings) {
        List<Rosters.UnitRoster> units = new ArrayList<>();
        List<String> withoutDuty = new ArrayList<>();
        List<String> withoutSupervisor = new ArrayList<>();
        all().forEach((unit, posts) -> {
            List<String> onDuty = onDuty(posts);
            String supervisor = supervisorOf(posts);
            units.add(new Rosters.UnitRoster(unit, supervisor,
                    posts.stream().map(p -> new Rosters.Post(p.username(), p.post(), p.partner(), p.available(), p.vacancy())).toList(), onDuty));
            if (onDuty.isEmpty()) {
                withoutDuty.add(unit);
            }
            if (supervisor == null) {
                withoutSupervisor.add(unit);
            }
        });
        return new Rosters.RosterReport(units, withoutDuty, withoutSupervisor, warnings);
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
