package org.proofhub.hub.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * "Who looked at this citizen" (SPEC §7.3, issue 7): the reads of a subject's personal data as the trail holds them —
 * who (account and unit), when, why, which kind of read and what was read — and nothing else: not the other things that
 * happened to the subject, not auditors' searches for it ({@link AuditAction#READS}). The API ({@code POST /api/audit/reads})
 * and the console's audit page ("who looked") list the same, a page at a time and newest first unless asked otherwise
 * ({@link AuditPaging}).
 */
@Component
public class AuditReads {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final AuditEntries entries;

    AuditReads(AuditEntries entries) {
        this.entries = entries;
    }

    /**
     * One read of personal data.
     *
     * @param what the entry's detail: the record's kind, the proof, the request, the letter …
     */
    public record Read(long seq, Instant at, String account, String unit, String action, String purpose, Map<String, Object> what) {
    }

    /** The page {@code paging} asks for of the reads {@code search} finds (narrowed to reads whatever else it asks). */
    public AuditPage<Read> find(AuditSearch search, AuditPaging paging) {
        return entries.page("seq, at, actor, unit_code, action, purpose, detail", search.onlyReads(), paging, (rs, i) -> new Read(rs.getLong(1),
                rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), detail(rs.getString(7))),
                Read::seq);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> detail(String json) {
        try {
            return json == null ? Map.of() : new java.util.TreeMap<>(JSON.readValue(json, Map.class));
        } catch (JsonProcessingException e) {
            return Map.of("detail", json);
        }
    }
}
