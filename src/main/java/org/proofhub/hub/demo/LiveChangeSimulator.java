package org.proofhub.hub.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.proofhub.hub.demo.Rows.CreditRecord;
import org.proofhub.hub.demo.Rows.Enterprise;
import org.proofhub.hub.demo.Rows.Licence;
import org.proofhub.hub.demo.Rows.Person;
import org.proofhub.hub.demo.Rows.Subject;
import org.proofhub.hub.platform.BeijingTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the demo departments moving while the hub runs: at a fixed rate (across all four
 * databases, taking turns) it makes one realistic change in its own transaction — people move,
 * die, are born into households, are purged; enterprises change status or address or are
 * founded; credit records are added, repaired, soft-deleted and ratings change; licences are
 * issued, revoked and deleted. New rows are always clean and refer to existing, clean rows.
 * Given a seed, a clock and the same database contents, it makes the same changes.
 */
public final class LiveChangeSimulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LiveChangeSimulator.class);
    private static final Synth.Choice POPULATION_CHANGES = Synth.Choice.of("move", 40, "death", 20, "birth", 30,
            "purge", 10);
    private static final Synth.Choice LEGAL_PERSON_CHANGES = Synth.Choice.of("status", 30, "address", 40, "found", 30);
    private static final Synth.Choice CREDIT_CHANGES = Synth.Choice.of("record", 35, "repair", 25, "withdraw", 10,
            "rating", 30);
    private static final Synth.Choice LICENCE_CHANGES = Synth.Choice.of("issue", 60, "revoke", 25, "delete", 15);
    private static final String CLEAN_PERSON = " \"RKBH\" NOT IN (SELECT source_key FROM _demo_defect) ";
    private static final String CLEAN_ENTERPRISE = " id::text NOT IN (SELECT source_key FROM _demo_defect) ";

    private final Map<DemoDepartment, DataSource> departments;
    private final double changesPerSecond;
    private final Clock clock;
    private final Synth synth;
    private final Map<DemoDepartment, AtomicLong> counters = new EnumMap<>(DemoDepartment.class);
    private final AtomicLong failures = new AtomicLong();
    private long ticks;
    private ScheduledExecutorService scheduler;

    /** A simulator on China's clock; {@code changesPerSecond} 0 leaves the departments still. */
    public LiveChangeSimulator(Map<DemoDepartment, DataSource> departments, long seed, double changesPerSecond) {
        this(departments, seed, changesPerSecond, Clock.system(BeijingTime.ZONE));
    }

    public LiveChangeSimulator(Map<DemoDepartment, DataSource> departments, long seed, double changesPerSecond,
                               Clock clock) {
        if (!(changesPerSecond >= 0 && changesPerSecond <= 10_000)) {
            throw new IllegalArgumentException("changes per second must be within 0..10000, got " + changesPerSecond);
        }
        this.departments = DemoDepartment.requireAll(departments);
        for (DemoDepartment d : DemoDepartment.values()) {
            counters.put(d, new AtomicLong());
        }
        this.changesPerSecond = changesPerSecond;
        this.clock = clock;
        this.synth = new Synth(seed);
    }

    /** Starts changing at the configured rate; does nothing when the rate is 0. */
    public synchronized void start() {
        if (scheduler != null || changesPerSecond == 0) {
            return;
        }
        scheduler = DemoScheduler.start("demo-change-simulator");
        long periodNanos = Math.max(1, Math.round(1_000_000_000L / changesPerSecond));
        // fixed rate: the schedule, not the duration of each change, sets the pace
        scheduler.scheduleAtFixedRate(this::tick, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
    }

    /** Changes made so far in one department. */
    public long changes(DemoDepartment department) {
        return counters.get(department).get();
    }

    public Map<DemoDepartment, Long> changeCounts() {
        Map<DemoDepartment, Long> counts = new EnumMap<>(DemoDepartment.class);
        counters.forEach((d, n) -> counts.put(d, n.get()));
        return counts;
    }

    /** Changes that failed (and were rolled back). */
    public long failures() {
        return failures.get();
    }

    @Override
    public void close() {
        ScheduledExecutorService running;
        synchronized (this) {
            running = scheduler;
            scheduler = null;
        }
        DemoScheduler.stop(running);
    }

    /** Makes the next change, in the department whose turn it is. */
    void tick() {
        DemoDepartment department = DemoDepartment.values()[(int) (ticks++ % DemoDepartment.values().length)];
        String kind = switch (department) {
            case POPULATION -> POPULATION_CHANGES.pick(synth.random);
            case LEGAL_PERSON -> LEGAL_PERSON_CHANGES.pick(synth.random);
            case CREDIT -> CREDIT_CHANGES.pick(synth.random);
            case LICENCE -> LICENCE_CHANGES.pick(synth.random);
        };
        try {
            boolean changed = switch (department) {
                case POPULATION -> population(kind);
                case LEGAL_PERSON -> legalPerson(kind);
                case CREDIT -> credit(kind);
                case LICENCE -> licence(kind);
            };
            if (changed) {
                counters.get(department).incrementAndGet();
            }
        } catch (SQLException | RuntimeException e) {
            failures.incrementAndGet();
            log.warn("demo change '{}' in {} failed: {}", kind, department.databaseName(), Pg.describe(e));
        }
    }

    private boolean population(String kind) throws SQLException {
        return Pg.inTransaction(departments.get(DemoDepartment.POPULATION), c -> switch (kind) {
            case "move" -> {
                Person head = randomPerson(c, "\"YHZGXDM\" = '02' AND \"RYZTDM\" = '0'");
                Codes.District to = synth.district();
                yield head != null && Pg.update(c, """
                        UPDATE "RK_JBXX" SET "HJDZ" = ?, "HJDZ_XZQHDM" = ?, "DJJG" = ?, "GXSJ" = ? WHERE "HH" = ?""",
                        synth.homeAddress(to), to.code(), to.policeRegistry(synth.pick(to.policeStations())), now(),
                        head.household().number()) > 0;
            }
            case "death" -> {
                Person p = randomPerson(c, "\"YHZGXDM\" <> '02' AND \"RYZTDM\" = '0'");
                yield p != null && Pg.update(c, "UPDATE \"RK_JBXX\" SET \"RYZTDM\" = '1', \"GXSJ\" = ? WHERE \"RKBH\" = ?",
                        now(), p.rkbh()) == 1;
            }
            case "birth" -> {
                Person head = randomPerson(c, "\"YHZGXDM\" = '02' AND \"RYZTDM\" = '0'");
                if (head == null) {
                    yield false;
                }
                boolean son = synth.chance(0.5);
                long last = Long.parseLong(Pg.queryString(c, "SELECT max(\"RKBH\") FROM \"RK_JBXX\" WHERE \"RKBH\" LIKE ?",
                        "RK" + Codes.CITY_CODE + "%").substring(2 + Codes.CITY_CODE.length()));
                Person baby = synth.person("RK" + Codes.CITY_CODE + String.format("%06d", last + 1), head.household(),
                        son ? "20" : "30", head.surname(), son, today(), head.household().areaCode(), head.ethnicGroup(),
                        Codes.ALIVE, now(), id -> Pg.unchecked("is the citizen ID taken",
                                () -> Pg.exists(c, "SELECT 1 FROM \"RK_JBXX\" WHERE \"GMSFHM\" = ?", id)));
                Pg.insert(c, Rows.PERSON_TABLE, Rows.PERSON_COLUMNS, baby.values());
                yield true;
            }
            default -> {
                Person p = randomPerson(c, "\"YHZGXDM\" <> '02' AND \"RYZTDM\" <> '0'");
                yield p != null && Pg.update(c, "DELETE FROM \"RK_JBXX\" WHERE \"RKBH\" = ?", p.rkbh()) == 1;
            }
        });
    }

    private boolean legalPerson(String kind) throws SQLException {
        String legalRep = "found".equals(kind) ? adultName() : null;
        return Pg.inTransaction(departments.get(DemoDepartment.LEGAL_PERSON), c -> switch (kind) {
            case "status" -> {
                Enterprise e = randomEnterprise(c, "reg_status IN ('10', '20', '50')");
                if (e == null) {
                    yield false;
                }
                String next = switch (e.status()) {
                    case "10" -> synth.pick(List.of("50", "30", "20", "40"));
                    case "50" -> synth.pick(List.of("10", "30"));
                    default -> "30";
                };
                yield Pg.update(c, "UPDATE enterprise SET reg_status = ?, updated_at = ? WHERE id = ?", next,
                        nowWithOffset(), e.id()) == 1;
            }
            case "address" -> {
                Enterprise e = randomEnterprise(c, "reg_status = '10'");
                yield e != null && Pg.update(c, "UPDATE enterprise SET registered_address = ?, updated_at = ? WHERE id = ?",
                        synth.businessAddress(synth.district()), nowWithOffset(), e.id()) == 1;
            }
            default -> {
                if (legalRep == null) {
                    yield false;
                }
                long id = Pg.queryLong(c, "SELECT coalesce(max(id), 0) + 1 FROM enterprise");
                Enterprise e = synth.enterprise(id, synth.enterpriseType(), today(), Codes.OPERATING, legalRep,
                        nowWithOffset(),
                        uscc -> Pg.unchecked("is the USCC taken",
                                () -> Pg.exists(c, "SELECT 1 FROM enterprise WHERE uscc = ?", uscc)),
                        name -> Pg.unchecked("is the enterprise name taken",
                                () -> Pg.exists(c, "SELECT 1 FROM enterprise WHERE btrim(enterprise_name) = ?", name)));
                Pg.insert(c, Rows.ENTERPRISE_TABLE, Rows.ENTERPRISE_COLUMNS, e.values());
                yield true;
            }
        });
    }

    private boolean credit(String kind) throws SQLException {
        Subject subject = "record".equals(kind) ? randomSubject() : null;
        String clean = " AND jlid::text NOT IN (SELECT source_key FROM _demo_defect) ";
        return Pg.inTransaction(departments.get(DemoDepartment.CREDIT), c -> switch (kind) {
            case "record" -> {
                if (subject == null) {
                    yield false;
                }
                long id = Pg.queryLong(c, "SELECT coalesce(max(jlid), 0) + 1 FROM xy_sxjl");
                CreditRecord r = synth.creditRecord(id, subject, today(), today());
                Pg.insert(c, Rows.CREDIT_RECORD_TABLE, Rows.CREDIT_RECORD_COLUMNS, r.values());
                yield true;
            }
            case "repair" -> {
                Long id = Pg.pickRow(c, synth.random, "jlid", "FROM xy_sxjl WHERE xfzt = '0' AND scbz = '0'" + clean,
                        "jlid", rs -> rs.getLong(1));
                yield id != null && Pg.update(c, "UPDATE xy_sxjl SET xfzt = '1', xfrq = ? WHERE jlid = ?", today(), id) == 1;
            }
            case "withdraw" -> {
                Long id = Pg.pickRow(c, synth.random, "jlid", "FROM xy_sxjl WHERE scbz = '0'" + clean, "jlid",
                        rs -> rs.getLong(1));
                yield id != null && Pg.update(c, "UPDATE xy_sxjl SET scbz = '1' WHERE jlid = ?", id) == 1;
            }
            default -> {
                String[] rating = Pg.pickRow(c, synth.random, "ztbm, xydj", "FROM xy_pjjg WHERE scbz = '0' AND ztbm"
                        + " NOT IN (SELECT source_key FROM _demo_defect)", "ztbm",
                        rs -> new String[] {rs.getString(1), rs.getString(2)});
                if (rating == null) {
                    yield false;
                }
                List<String> others = Codes.CREDIT_GRADE.keySet().stream().filter(g -> !g.equals(rating[1])).toList();
                yield Pg.update(c, "UPDATE xy_pjjg SET xydj = ?, pjrq = ? WHERE ztbm = ?", synth.pick(others), today(),
                        rating[0]) == 1;
            }
        });
    }

    private boolean licence(String kind) throws SQLException {
        // the holder comes from its own department, read before the licence transaction starts
        boolean forEnterprise = synth.chance(0.5);
        Enterprise enterprise = "issue".equals(kind) && forEnterprise ? operatingEnterprise() : null;
        Person person = "issue".equals(kind) && !forEnterprise ? adult() : null;
        String clean = " AND doc_id::text NOT IN (SELECT source_key FROM _demo_defect) ";
        return Pg.inTransaction(departments.get(DemoDepartment.LICENCE), c -> switch (kind) {
            case "issue" -> {
                Synth.Serials serials = (type, issuer, year) -> Pg.unchecked("next licence serial",
                        () -> (int) Pg.queryLong(c, """
                                SELECT coalesce(max(split_part(license_code, '.', 4)::int), 0) + 1
                                FROM license_document WHERE license_code LIKE ?""", type + "." + issuer + "." + year + ".%"));
                Licence l;
                if (enterprise != null) {
                    Synth.Industry industry = Synth.industryOf(enterprise);
                    boolean hasYyzz = Pg.exists(c,
                            "SELECT 1 FROM license_document WHERE holder_id = ? AND license_type = 'YYZZ'", enterprise.uscc());
                    if (hasYyzz && (industry.food() || industry.construction())) {
                        l = industry.food() ? synth.spjy(enterprise, today(), serials)
                                : synth.jzzz(enterprise, today(), serials);
                    } else {
                        // a first business licence, or a renewed one (换发) that replaces the valid one
                        Pg.update(c, """
                                UPDATE license_document SET status = '02', updated_at = ?
                                WHERE holder_id = ? AND license_type = 'YYZZ' AND status = '01'""",
                                nowWithOffset(), enterprise.uscc());
                        l = synth.yyzz(enterprise, today(), serials);
                    }
                } else if (person != null) {
                    l = synth.chance(0.8) ? synth.jsz(person, today(), serials) : synth.jszg(person, today(), serials);
                } else {
                    yield false;
                }
                Pg.insert(c, Rows.LICENCE_TABLE, Rows.LICENCE_COLUMNS, l.withUpdatedAt(nowWithOffset()).values());
                yield true;
            }
            case "revoke" -> {
                String docId = Pg.pickRow(c, synth.random, "doc_id::text", "FROM license_document WHERE status = '01'"
                        + clean, "doc_id", rs -> rs.getString(1));
                yield docId != null && Pg.update(c,
                        "UPDATE license_document SET status = '03', updated_at = ? WHERE doc_id = ?::uuid",
                        nowWithOffset(), docId) == 1;
            }
            default -> {
                String docId = Pg.pickRow(c, synth.random, "doc_id::text", "FROM license_document WHERE true" + clean,
                        "doc_id", rs -> rs.getString(1));
                yield docId != null && Pg.update(c, "DELETE FROM license_document WHERE doc_id = ?::uuid", docId) == 1;
            }
        });
    }

    private Person randomPerson(Connection c, String where) throws SQLException {
        return Pg.pickRow(c, synth.random, "*", "FROM \"RK_JBXX\" WHERE " + where + " AND" + CLEAN_PERSON, "\"RKBH\"",
                Person::read);
    }

    private Enterprise randomEnterprise(Connection c, String where) throws SQLException {
        return Pg.pickRow(c, synth.random, "*", "FROM enterprise WHERE " + where + " AND" + CLEAN_ENTERPRISE, "id",
                Enterprise::read);
    }

    private Person adult() throws SQLException {
        String bornBefore = Ids.YYYYMMDD.format(today().minusYears(18));
        try (Connection c = departments.get(DemoDepartment.POPULATION).getConnection()) {
            return randomPerson(c, "\"RYZTDM\" = '0' AND \"CSRQ\" <= '" + bornBefore + "'");
        }
    }

    private String adultName() throws SQLException {
        Person p = adult();
        return p == null ? null : p.name().strip();
    }

    private Enterprise operatingEnterprise() throws SQLException {
        try (Connection c = departments.get(DemoDepartment.LEGAL_PERSON).getConnection()) {
            return randomEnterprise(c, "reg_status = '10'");
        }
    }

    private Subject randomSubject() throws SQLException {
        if (synth.chance(0.5)) {
            Person p = adult();
            return p == null ? null : Subject.of(p);
        }
        Enterprise e = operatingEnterprise();
        return e == null ? null : Subject.of(e);
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock);
    }

    private OffsetDateTime nowWithOffset() {
        return OffsetDateTime.now(clock);
    }
}
