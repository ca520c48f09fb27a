package org.proofhub.hub.catalog.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.proofhub.hub.account.HubUser;
import org.proofhub.hub.audit.AuditLog;
import org.proofhub.hub.catalog.CertificateFreeList;
import org.proofhub.hub.catalog.CertificateFreeLists;
import org.proofhub.hub.catalog.KnownProofTypes;
import org.proofhub.hub.catalog.ListEntry;
import org.proofhub.hub.catalog.ListVersion;
import org.proofhub.hub.catalog.Method;
import org.proofhub.hub.catalog.PublishedList;
import org.proofhub.hub.catalog.ServiceItem;
import org.proofhub.hub.catalog.WorkingDayCalendar;
import org.proofhub.hub.platform.BeijingTime;
import org.proofhub.hub.platform.ConfigProblem;
import org.proofhub.hub.platform.HubException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The list's versions in PostgreSQL: the seed on first start, one open draft at a time edited item by
 * item, publication with cause, cause date and who (flagged when late), and every change in
 * {@code list_change}. A published version never changes; the next one replaces it.
 */
public final class ListVersions implements PublishedList, org.proofhub.hub.catalog.ListMaintenance {
    private static final Logger log = LoggerFactory.getLogger(ListVersions.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = """
            version, status, based_on, created_by, created_at, cause, cause_date, published_at, published_by, published_on,
            working_days_late, late, changes::text""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final KnownProofTypes proofTypes;
    private final WorkingDayCalendar calendar;
    private final int dueWorkingDays;
    private final AuditLog audit;
    private final Clock clock;
    /** The published version as last read, and when; null after a publication on this instance. */
    private volatile Seen published;

    /**
     * How long the published version last read is taken as current without asking the database. Every data query and
     * verification request checks the list, and asking cost each of them a round trip; a publication on this instance
     * governs at once, one on another instance of the same database within this time.
     */
    static final long PUBLISHED_FRESH_NANOS = 1_000_000_000L;

    private record Seen(ListVersion version, long atNanos) {
    }

    public ListVersions(JdbcTemplate jdbc, TransactionTemplate tx, KnownProofTypes proofTypes, WorkingDayCalendar calendar,
                        int dueWorkingDays, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.proofTypes = proofTypes;
        this.calendar = calendar;
        this.dueWorkingDays = dueWorkingDays;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * On first start the file becomes the first published version; later starts keep what the database
     * holds and only warn when the published version no longer fits the proof types.
     */
    public void seedIfEmpty(java.util.function.Supplier<CertificateFreeList> seed, String source) {
        Long versions = jdbc.queryForObject("select count(*) from list_version", Long.class);
        if (versions != null && versions > 0) {
            ListVersion current = current();
            List<ConfigProblem> problems = CertificateFreeLists.check(current.list(), proofTypes.ids(), "list version " + current.version());
            problems.forEach(p -> log.warn("published list: {}", p));
            return;
        }
        CertificateFreeList list = seed.get();
        Instant now = clock.instant();
        Instant publishedAt = BeijingTime.startOf(list.publishedOn());
        tx.executeWithoutResult(s -> {
            int inserted = jdbc.update("""
                    insert into list_version (version, status, content, created_at, created_by, updated_at, cause, cause_date, published_at,
                        published_by, published_on, working_days_late, late, changes)
                    values (?, 'PUBLISHED', ?::jsonb, ?, 'system', ?, ?, ?, ?, ?, ?, 0, false, ?::jsonb)
                    on conflict do nothing""",
                    list.version(), itemsJson(list), Timestamp.from(now), Timestamp.from(now), list.cause(), list.publishedOn(),
                    Timestamp.from(publishedAt), source, list.publishedOn(),
                    json(new ListVersion.Changes(list.items().stream().map(ServiceItem::code).toList(), List.of(), List.of())));
            if (inserted == 1) {
                change(list.version(), now, "system", "SEEDED", null, null, null, list.cause(), list.publishedOn());
            }
        });
        log.info("certificate-free list {} ({} items) published from {}", list.version(), list.items().size(), source);
    }

    // ---- the published list --------------------------------------------------------------------------

    @Override
    public ListVersion current() {
        Seen seen = published;
        long now = System.nanoTime();
        if (seen != null && now - seen.atNanos() < PUBLISHED_FRESH_NANOS) {
            return seen.version();
        }
        String version = jdbc.query("select version from list_version where status = 'PUBLISHED'", rs -> rs.next() ? rs.getString(1) : null);
        if (version == null) {
            throw new HubException(HttpStatus.SERVICE_UNAVAILABLE, "no-published-list", "No published list",
                    "no certificate-free list is published yet; an administrator publishes one (POST /api/list/drafts/{version}/publish)");
        }
        // published versions never change: the version id is enough to know the one read before is current
        ListVersion current = seen != null && seen.version().version().equals(version) ? seen.version() : find(version).orElseThrow();
        published = new Seen(current, now);
        return current;
    }

    @Override
    public ListEntry requireMethod(String itemCode, String proofType, Set<Method> methods) {
        ListEntry entry = requireEntry(itemCode, proofType);
        if (!methods.contains(entry.method())) {
            throw new HubException(HttpStatus.CONFLICT, "method-mismatch", "The list says another method",
                    "for " + entry.item().name() + " the certificate-free list (version " + entry.listVersion() + ") obtains " + proofType
                            + " by " + entry.method() + " (" + entry.method().label() + "), not by "
                            + methods.stream().map(Method::name).sorted().collect(Collectors.joining(" or ")) + ": " + entry.method().nextStep())
                    .with("result", "WRONG_METHOD").with("method", entry.method().name()).with("listVersion", entry.listVersion());
        }
        return entry;
    }

    @Override
    public ListEntry requireEntry(String itemCode, String proofType) {
        ListVersion v = current();
        ServiceItem item = v.list().item(itemCode).orElseThrow(() -> new HubException(HttpStatus.NOT_FOUND, "item-not-on-list",
                "Not on the list", "service item " + itemCode + " is not on the certificate-free list (version " + v.version() + ")")
                .with("result", "NOT_ON_LIST").with("listVersion", v.version()));
        ServiceItem.Entry entry = item.entry(proofType).orElseThrow(() -> new HubException(HttpStatus.UNPROCESSABLE_ENTITY, "proof-not-waived",
                "Proof not waived", "the list (version " + v.version() + ") does not waive " + proofType + " for " + item.name()
                + "; the item needs " + item.proofs().stream().map(ServiceItem.Entry::proofType).toList())
                .with("result", "NOT_ON_LIST").with("listVersion", v.version()));
        return new ListEntry(v.version(), v.publishedOn(), item, entry);
    }

    // ---- versions and drafts ---------------------------------------------------------------------------

    public List<ListVersion> versions() {
        return jdbc.query("select " + COLUMNS + " from list_version order by created_at, version", (rs, i) -> version(rs, null));
    }

    public Optional<ListVersion> find(String version) {
        return jdbc.query("select " + COLUMNS + ", content::text from list_version where version = ?",
                (rs, i) -> version(rs, rs.getString(14)), version).stream().findFirst();
    }

    public ListVersion require(String version) {
        return find(version).orElseThrow(() -> HubException.notFound("list-version", "there is no list version " + version));
    }

    /** Opens a draft as a copy of the published version. */
    public ListVersion draft(String version, HubUser by) {
        if (version == null || !version.matches("[0-9A-Za-z][0-9A-Za-z.\\-]{0,31}")) {
            throw HubException.badRequest("list-version-invalid", "name the draft's version with letters, digits, '.' and '-' (at most 32), e.g. 2026.2");
        }
        ListVersion base = current();
        Instant now = clock.instant();
        tx.executeWithoutResult(s -> {
            String open = jdbc.query("select version from list_version where status = 'DRAFT' for update", rs -> rs.next() ? rs.getString(1) : null);
            if (open != null) {
                throw HubException.conflict("list-draft-open", "draft " + open + " is still open: publish or discard it before opening another");
            }
            if (find(version).isPresent()) {
                throw HubException.conflict("list-version-exists", "version " + version + " exists already; choose another name");
            }
            CertificateFreeList copy = new CertificateFreeList(version, today(now), null, base.list().items());
            jdbc.update("""
                    insert into list_version (version, status, based_on, content, created_at, created_by, updated_at)
                    values (?, 'DRAFT', ?, ?::jsonb, ?, ?, ?)""",
                    version, base.version(), itemsJson(copy), Timestamp.from(now), by.username(), Timestamp.from(now));
            change(version, now, by.username(), "DRAFTED", null, null, null, null, null);
            audit.append(new AuditLog.Entry(by.username(), by.unitCode(), "LIST_DRAFTED", null, null, Map.of("version", version, "basedOn", base.version())));
        });
        return require(version);
    }

    /** Adds or replaces one item of a draft; the whole draft must keep the list's rules. */
    public ListVersion saveItem(String version, ServiceItem item, HubUser by) {
        if (item == null || item.code() == null || item.code().isBlank()) {
            throw HubException.badRequest("list-item-invalid", "a service item needs its code");
        }
        return edit(version, by, "ITEM_SAVED", item.code(), items -> {
            List<ServiceItem> next = new ArrayList<>(items);
            int at = indexOf(next, item.code());
            if (at >= 0) {
                next.set(at, item);
            } else {
                next.add(item);
            }
            return next;
        });
    }

    public ListVersion removeItem(String version, String code, HubUser by) {
        return edit(version, by, "ITEM_REMOVED", code, items -> {
            if (indexOf(items, code) < 0) {
                throw HubException.notFound("list-item", "draft " + version + " has no item " + code);
            }
            return items.stream().filter(i -> !i.code().equals(code)).toList();
        });
    }

    private ListVersion edit(String version, HubUser by, String action, String code, UnaryOperator<List<ServiceItem>> change) {
        Instant now = clock.instant();
        tx.executeWithoutResult(s -> {
            ListVersion draft = lockDraft(version);
            List<ServiceItem> before = draft.list().items();
            List<ServiceItem> after = change.apply(before);
            CertificateFreeList next = new CertificateFreeList(version, draft.list().publishedOn(), null, after);
            requireValid(next, version);
            jdbc.update("update list_version set content = ?::jsonb, updated_at = ? where version = ?", itemsJson(next), Timestamp.from(now), version);
            change(version, now, by.username(), action, code, item(before, code), item(after, code), null, null);
            audit.append(new AuditLog.Entry(by.username(), by.unitCode(), "LIST_" + action, null, null, Map.of("version", version, "item", code)));
        });
        return require(version);
    }

    /**
     * Publishes a draft: it governs from now on, the version before is superseded. The change is late
     * when the publication day is more than {@code hub.catalog.change-due-working-days} working days after
     * the cause date; it is published anyway (the list must be right) and the flag stays in its history.
     */
    public ListVersion publish(String version, String cause, LocalDate causeDate, HubUser by) {
        if (cause == null || cause.isBlank()) {
            throw HubException.badRequest("list-cause-required", "say why the list changes (调整事由), e.g. the new regulation or decision");
        }
        if (causeDate == null) {
            throw HubException.badRequest("list-cause-date-required", "give the date the cause arose (causeDate, yyyy-mm-dd): the change is due within "
                    + dueWorkingDays + " working days of it");
        }
        Instant now = clock.instant();
        LocalDate today = today(now);
        if (causeDate.isAfter(today)) {
            throw HubException.badRequest("list-cause-date-future", "the cause date " + causeDate + " is after today (" + today + ")");
        }
        tx.executeWithoutResult(s -> {
            ListVersion draft = lockDraft(version);
            CertificateFreeList list = new CertificateFreeList(version, today, cause, draft.list().items());
            requireValid(list, version);
            String previous = jdbc.query("select version from list_version where status = 'PUBLISHED' for update", rs -> rs.next() ? rs.getString(1) : null);
            ListVersion.Changes changes = diff(previous == null ? List.of() : require(previous).list().items(), list.items());
            if (changes.isEmpty()) {
                throw HubException.conflict("list-unchanged", "draft " + version + " does not change the published list " + previous
                        + ": edit it, or discard it");
            }
            int days = calendar.workingDaysBetween(causeDate, today);
            boolean late = days > dueWorkingDays;
            if (previous != null) {
                jdbc.update("update list_version set status = 'SUPERSEDED', updated_at = ? where version = ?", Timestamp.from(now), previous);
            }
            jdbc.update("""
                    update list_version set status = 'PUBLISHED', content = ?::jsonb, updated_at = ?, cause = ?, cause_date = ?, published_at = ?,
                        published_by = ?, published_on = ?, working_days_late = ?, late = ?, changes = ?::jsonb
                    where version = ?""",
                    itemsJson(list), Timestamp.from(now), cause, causeDate, Timestamp.from(now), by.username(), today, days, late, json(changes), version);
            change(version, now, by.username(), "PUBLISHED", null, null, null, cause, causeDate);
            Map<String, Object> detail = new TreeMap<>();
            detail.put("version", version);
            detail.put("replaces", String.valueOf(previous));
            detail.put("causeDate", causeDate.toString());
            detail.put("workingDays", days);
            detail.put("late", late);
            audit.append(new AuditLog.Entry(by.username(), by.unitCode(), "LIST_PUBLISHED", null, cause, detail));
            Map<String, Object> event = new LinkedHashMap<>(detail);
            event.put("cause", cause);
            event.put("publishedOn", today.toString());
            event.put("changes", changes);
            jdbc.update("insert into outbox (address, multicast, body, properties) values ('hub.catalog.events', true, ?, ?::jsonb)",
                    json(event).getBytes(StandardCharsets.UTF_8),
                    json(Map.of("type", "list-published", "version", version, "changeId", "list-published-" + version)));
        });
        published = null;
        ListVersion result = require(version);
        if (Boolean.TRUE.equals(result.late())) {
            log.warn("list version {} published {} working days after its cause (due within {})", version, result.workingDaysToPublish(), dueWorkingDays);
        }
        return result;
    }

    public void discard(String version, HubUser by) {
        Instant now = clock.instant();
        tx.executeWithoutResult(s -> {
            lockDraft(version);
            jdbc.update("update list_version set status = 'DISCARDED', updated_at = ? where version = ?", Timestamp.from(now), version);
            change(version, now, by.username(), "DISCARDED", null, null, null, null, null);
            audit.append(new AuditLog.Entry(by.username(), by.unitCode(), "LIST_DISCARDED", null, null, Map.of("version", version)));
        });
    }

    /** One recorded change of the list. */
    public record Change(long id, String version, Instant at, String actor, String action, String itemCode, JsonNode before, JsonNode after,
                         String cause, LocalDate causeDate) {
    }

    public List<Change> changes(String version) {
        String where = version == null ? "" : " where version = ?";
        Object[] args = version == null ? new Object[0] : new Object[]{version};
        return jdbc.query("select id, version, at, actor, action, item_code, before::text, after::text, cause, cause_date from list_change"
                + where + " order by id", (rs, i) -> new Change(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getString(4),
                rs.getString(5), rs.getString(6), tree(rs.getString(7)), tree(rs.getString(8)), rs.getString(9),
                rs.getObject(10, LocalDate.class)), args);
    }

    /** The day that a change caused on {@code causeDate} is due (the last working day still on time). */
    public LocalDate dueBy(LocalDate causeDate) {
        return calendar.plusWorkingDays(causeDate, dueWorkingDays);
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    private ListVersion lockDraft(String version) {
        String status = jdbc.query("select status from list_version where version = ? for update", rs -> rs.next() ? rs.getString(1) : null, version);
        if (status == null) {
            throw HubException.notFound("list-version", "there is no list version " + version);
        }
        if (!"DRAFT".equals(status)) {
            throw HubException.conflict("list-version-not-draft", "version " + version + " is " + status + ": only a draft can change; open a new draft");
        }
        return require(version);
    }

    private void requireValid(CertificateFreeList list, String version) {
        Set<String> units = new java.util.HashSet<>(jdbc.queryForList("select code from unit", String.class));
        List<ConfigProblem> problems = CertificateFreeLists.validate(list, proofTypes.ids(), units, "draft " + version);
        if (!problems.isEmpty()) {
            throw new HubException(HttpStatus.UNPROCESSABLE_ENTITY, "list-rule-violated", "The list's rules refuse this",
                    problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("; ")))
                    .with("problems", problems.stream().map(ConfigProblem::toString).toList());
        }
    }

    static ListVersion.Changes diff(List<ServiceItem> before, List<ServiceItem> after) {
        Map<String, ServiceItem> old = new LinkedHashMap<>();
        before.forEach(i -> old.put(i.code(), i));
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (ServiceItem i : after) {
            seen.add(i.code());
            ServiceItem was = old.get(i.code());
            if (was == null) {
                added.add(i.code());
            } else if (!itemJson(was).equals(itemJson(i))) {
                changed.add(i.code());
            }
        }
        List<String> removed = old.keySet().stream().filter(c -> !seen.contains(c)).toList();
        return new ListVersion.Changes(added, changed, removed);
    }

    private void change(String version, Instant at, String actor, String action, String code, ServiceItem before, ServiceItem after,
                        String cause, LocalDate causeDate) {
        jdbc.update("""
                insert into list_change (version, at, actor, action, item_code, before, after, cause, cause_date)
                values (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?)""",
                version, Timestamp.from(at), actor, action, code, itemJson(before), itemJson(after), cause, causeDate);
    }

    private ListVersion version(ResultSet rs, String content) throws SQLException {
        String version = rs.getString(1);
        LocalDate publishedOn = rs.getObject(10, LocalDate.class);
        Timestamp created = rs.getTimestamp(5);
        CertificateFreeList list = null;
        if (content != null) {
            JsonNode items = tree(content);
            com.fasterxml.jackson.databind.node.ObjectNode node = JSON.createObjectNode();
            node.put("version", version);
            node.put("publishedOn", (publishedOn != null ? publishedOn : today(created.toInstant())).toString());
            if (rs.getString(6) != null) {
                node.put("cause", rs.getString(6));
            }
            node.set("items", items);
            list = CertificateFreeLists.fromTree(node, "list version " + version);
        }
        Timestamp publishedAt = rs.getTimestamp(8);
        return new ListVersion(version, ListVersion.Status.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4), created.toInstant(),
                rs.getString(6), rs.getObject(7, LocalDate.class), publishedAt == null ? null : publishedAt.toInstant(), rs.getString(9),
                publishedOn, (Integer) rs.getObject(11), (Boolean) rs.getObject(12), readChanges(rs.getString(13)), list);
    }

    private static ListVersion.Changes readChanges(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readValue(json, ListVersion.Changes.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored list changes are unreadable", e);
        }
    }

    private static int indexOf(List<ServiceItem> items, String code) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).code().equals(code)) {
                return i;
            }
        }
        return -1;
    }

    private static ServiceItem item(List<ServiceItem> items, String code) {
        return items.stream().filter(i -> Objects.equals(i.code(), code)).findFirst().orElse(null);
    }

    private LocalDate today(Instant now) {
        return BeijingTime.date(now);
    }

    private static String itemsJson(CertificateFreeList list) {
        return CertificateFreeLists.toTree(list).get("items").toString();
    }

    private static String itemJson(ServiceItem item) {
        return item == null ? null : CertificateFreeLists.toTree(new CertificateFreeList("x", LocalDate.EPOCH, null, List.of(item)))
                .get("items").get(0).toString();
    }

    private static JsonNode tree(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored list JSON is unreadable", e);
        }
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + o.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
