package org.proofhub.hub.ledger;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.proofhub.hub.account.Accounts;
import org.proofhub.hub.account.HubUser;
import org.proofhub.hub.audit.AuditLog;
import org.proofhub.hub.catalog.CertificateFreeList;
import org.proofhub.hub.catalog.ListEntry;
import org.proofhub.hub.catalog.PublishedList;
import org.proofhub.hub.catalog.ServiceItem;
import org.proofhub.hub.platform.BeijingTime;
import org.proofhub.hub.platform.HubException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The paper-proof ledger (台账, SPEC §6.2; 001 art. 2): a unit that accepts a paper proof the published list
 * waives records the item, proof, date and reason. Reports per unit and per item show where the list is
 * not yet lived. The ledger holds no personal data: the application id is enough to find the file.
 */
@Service
public class PaperProofLedger {

    private final JdbcTemplate jdbc;
    private final PublishedList list;
    private final Accounts accounts;
    private final AuditLog audit;
    private final Clock clock;

    public PaperProofLedger(JdbcTemplate jdbc, PublishedList list, Accounts accounts, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.list = list;
        this.accounts = accounts;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * A paper proof as received.
     *
     * @param receivedOn the day it was handed in; today when left out
     * @param note       required for OTHER
     */
    public record Receipt(String serviceItemCode, String proofType, String applicationId, LocalDate receivedOn, PaperProofReason reason,
                          String note) {
    }

    /** A ledger line. */
    public record Line(long id, String serviceItemCode, String proofType, String listMethod, String listVersion, String unitCode,
                       String applicationId, LocalDate receivedOn, PaperProofReason reason, String note, Instant recordedAt, String recordedBy) {
    }

    /**
     * One row of a report.
     *
     * @param key      the unit code or item code
     * @param byReason how many per reason
     * @param byMethod how many per method the list names for the proof (what should have happened instead)
     */
    public record ReportRow(String key, String name, long count, Map<String, Long> byReason, Map<String, Long> byMethod) {
    }

    @Transactional
    public Line record(Receipt r, HubUser by) {
        if (r == null || r.serviceItemCode() == null || r.proofType() == null) {
            throw HubException.badRequest("ledger-item-required", "name the service item and the proof received on paper");
        }
        if (r.reason() == null) {
            throw HubException.badRequest("ledger-reason-required", "say why a paper proof was taken: one of " + List.of(PaperProofReason.values()));
        }
        if (r.reason() == PaperProofReason.OTHER && (r.note() == null || r.note().isBlank())) {
            throw HubException.badRequest("ledger-note-required", "reason OTHER needs a note saying what happened");
        }
        // only proofs the published list waives belong in the ledger: the others are simply required
        ListEntry entry = list.requireEntry(r.serviceItemCode(), r.proofType());
        Instant now = clock.instant();
        LocalDate today = BeijingTime.date(now);
        LocalDate received = r.receivedOn() == null ? today : r.receivedOn();
        if (received.isAfter(today)) {
            throw HubException.badRequest("ledger-date-future", "receivedOn " + received + " is after today (" + today + ")");
        }
        Long id = jdbc.queryForObject("""
                insert into paper_proof (service_item_code, proof_type, list_method, list_version, unit_code, application_id, received_on, reason,
                    note, recorded_at, recorded_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""", Long.class,
                entry.item().code(), r.proofType(), entry.method().name(), entry.listVersion(), by.unitCode(), r.applicationId(), received,
                r.reason().name(), r.note(), Timestamp.from(now), by.username());
        audit.append(new AuditLog.Entry(by.username(), by.unitCode(), "PAPER_PROOF_RECORDED", null, "无证明事项纸质证明台账",
                new TreeMap<>(Map.of("ledger", id, "serviceItem", entry.item().code(), "proofType", r.proofType(), "reason", r.reason().name()))));
        return new Line(id, entry.item().code(), r.proofType(), entry.method().name(), entry.listVersion(), by.unitCode(), r.applicationId(),
                received, r.reason(), r.note(), now, by.username());
    }

    public List<Line> lines(String unit, String item, LocalDate from, LocalDate to) {
        return jdbc.query("""
                select id, service_item_code, proof_type, list_method, list_version, unit_code, application_id, received_on, reason, note,
                    recorded_at, recorded_by from paper_proof
                where (?::text is null or unit_code = ?) and (?::text is null or service_item_code = ?)
                  and (?::date is null or received_on >= ?) and (?::date is null or received_on <= ?)
                order by received_on desc, id desc limit 1000""",
                (rs, i) -> new Line(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getString(7), rs.getObject(8, LocalDate.class), PaperProofReason.valueOf(rs.getString(9)), rs.getString(10),
                        rs.getTimestamp(11).toInstant(), rs.getString(12)),
                unit, unit, item, item, from, from, to, to);
    }

    /** Counts per unit ({@code byUnit}) or per service item, most paper first. */
    public List<ReportRow> report(boolean byUnit, LocalDate from, LocalDate to) {
        String key = byUnit ? "unit_code" : "service_item_code";
        Map<String, long[]> totals = new LinkedHashMap<>();
        Map<String, Map<String, Long>> reasons = new TreeMap<>();
        Map<String, Map<String, Long>> methods = new TreeMap<>();
        jdbc.query("select " + key + ", reason, list_method, count(*) from paper_proof where (?::date is null or received_on >= ?) "
                + "and (?::date is null or received_on <= ?) group by 1, 2, 3", rs -> {
            String k = rs.getString(1);
            long n = rs.getLong(4);
            totals.computeIfAbsent(k, x -> new long[1])[0] += n;
            reasons.computeIfAbsent(k, x -> new TreeMap<>()).merge(rs.getString(2), n, Long::sum);
            methods.computeIfAbsent(k, x -> new TreeMap<>()).merge(rs.getString(3), n, Long::sum);
        }, from, from, to, to);
        CertificateFreeList current = list.current().list();
        List<ReportRow> rows = new ArrayList<>();
        totals.forEach((k, n) -> rows.add(new ReportRow(k, byUnit ? accounts.unitName(k) : current.item(k).map(ServiceItem::name).orElse(k), n[0],
                reasons.get(k), methods.get(k))));
        rows.sort((a, b) -> Long.compare(b.count(), a.count()) != 0 ? Long.compare(b.count(), a.count()) : a.key().compareTo(b.key()));
        return rows;
    }
}
