package org.proofhub.hub.proof;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.proofhub.hub.account.Accounts;
import org.proofhub.hub.account.HubUser;
import org.proofhub.hub.audit.AuditLog;
import org.proofhub.hub.canonical.CanonicalRecord;
import org.proofhub.hub.canonical.CanonicalRecords;
import org.proofhub.hub.catalog.CertificateFreeList;
import org.proofhub.hub.catalog.ListEntry;
import org.proofhub.hub.catalog.PublishedList;
import org.proofhub.hub.catalog.Method;
import org.proofhub.hub.catalog.ServiceItem;
import org.proofhub.hub.ingest.ConnectorDefinition;
import org.proofhub.hub.ingest.IngestPipeline;
import org.proofhub.hub.ingest.check.CitizenIds;
import org.proofhub.hub.ingest.check.Usccs;
import org.proofhub.hub.platform.BeijingTime;
import org.proofhub.hub.platform.DataProtection;
import org.proofhub.hub.platform.HubException;
import org.proofhub.hub.seal.Seal;
import org.proofhub.hub.seal.SealPurpose;
import org.proofhub.hub.seal.SealProperties;
import org.proofhub.hub.seal.SealRegistry;
import org.proofhub.hub.seal.Sealer;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Data query → sealed e-proof (SPEC §3): checks the list allows a data query for the item and proof,
 * finds the facts in the canonical store, states only the proof type's facts, annotates extracting
 * unit, producing unit and extraction time, seals with the data-sharing seal, archives, and leaves a
 * query record for every query, answered or refused.
 */
public class ProofService {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ID_CHARS = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private final ProofTypes types;
    private final PublishedList list;
    private final CanonicalRecords records;
    private final IngestPipeline ingest;
    private final Accounts accounts;
    private final Sealer sealer;
    private final SealRegistry seals;
    private final SealProperties sealProperties;
    private final DataProtection protection;
    private final AuditLog audit;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ProofProperties properties;
    private final ProofArchiveWriter archive;
    private io.micrometer.core.instrument.MeterRegistry meters = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    /** The issued counter of each proof type, found once (a registry look-up builds the meter's id on every call). */
    private final Map<String, io.micrometer.core.instrument.Counter> issuedCounters = new java.util.concurrent.ConcurrentHashMap<>();

    /** Counts issued and refused queries as {@code hub_proofs_issued_total} / {@code hub_proofs_refused_total}. */
    public void meterWith(io.micrometer.core.instrument.MeterRegistry registry) {
        this.meters = registry;
        issuedCounters.clear();
        // present from the start, so dashboards and alerts see zeros rather than nothing
        types.all().values().stream().filter(ProofType::isDataQuery)
                .forEach(t -> registry.counter("hub.proofs.issued", "type", t.id(), "method", "DATA_QUERY"));
        for (String result : new String[]{"NO_DATA", "SUBJECT_MISMATCH", "WRONG_METHOD", "NOT_ON_LIST", "INVALID", "ERROR"}) {
            registry.counter("hub.proofs.refused", "result", result);
        }
    }

    public ProofService(ProofTypes types, PublishedList list, CanonicalRecords records, IngestPipeline ingest, Accounts accounts,
                        Sealer sealer, SealRegistry seals, SealProperties sealProperties, DataProtection protection, AuditLog audit,
                        JdbcTemplate jdbc, TransactionTemplate tx, Clock clock, ProofProperties properties, ProofArchiveWriter archive) {
        this.types = types;
        this.list = list;
        this.records = records;
        this.ingest = ingest;
        this.accounts = accounts;
        this.sealer = sealer;
        this.seals = seals;
        this.sealProperties = sealProperties;
        this.protection = protection;
        this.audit = audit;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.properties = properties;
        this.archive = archive;
    }

    /** The published list that governs queries now. */
    public CertificateFreeList list() {
        return list.current().list();
    }

    public ProofTypes types() {
        return types;
    }

    /** Answers a data query with a sealed proof, or refuses with a problem a window agent can act on. */
    public IssuedProof query(HubUser agent, ProofQuery q) {
        Instant now = clock.instant();
        String subjectHash = protection.keyedHash(q.subject() == null || q.subject().id() == null ? "" : q.subject().id());
        try {
            IssuedProof p = issue(agent, q, now, subjectHash);
            issuedCounters.computeIfAbsent(p.proofType(), t -> meters.counter("hub.proofs.issued", "type", t, "method", "DATA_QUERY"))
                    .increment();
            return p;
        } catch (HubException refused) {
            String result = String.valueOf(refused.properties().getOrDefault("result", "REFUSED"));
            record(agent, q, now, subjectHash, result, refused.getMessage(), null);
            meters.counter("hub.proofs.refused", "result", result).increment();
            throw refused;
        } catch (RuntimeException failed) {
            record(agent, q, now, subjectHash, "ERROR", failed.getClass().getSimpleName(), null);
            throw failed;
        }
    }

    private IssuedProof issue(HubUser agent, ProofQuery q, Instant now, String subjectHash) {
        requireText(q.serviceItemCode(), "serviceItemCode");
        requireText(q.proofType(), "proofType");
        requireText(q.applicationId(), "applicationId");
        requireText(q.purpose(), "purpose");
        if (q.subject() == null || q.subject().id() == null) {
            throw refuse(HttpStatus.BAD_REQUEST, "subject-required", "INVALID",
                    "name the subject: a USCC, or a name and citizen ID (SPEC §3.1)");
        }
        ProofType type = types.find(q.proofType()).orElseThrow(() -> refuse(HttpStatus.NOT_FOUND, "unknown-proof-type", "INVALID",
                "no proof type '" + q.proofType() + "'; known: " + types.all().keySet()));
        // the published version at the time of the query governs (the problems carry "result" for the query record)
        ListEntry listed = list.requireMethod(q.serviceItemCode(), type.id(), Method.DATA_QUERY);
        ServiceItem item = listed.item();
        if (!type.isDataQuery()) {
            throw refuse(HttpStatus.CONFLICT, "method-not-data-query", "WRONG_METHOD", "the list says data query for " + type.title()
                    + " in " + item.name() + ", but the proof type names no data source (proofs/" + type.id() + ".proof-type.yaml)");
        }
        checkSubject(type, q.subject());
        // a proof about the identity register's own records (a person's household registration) finds the identity record
        // among its facts: one read instead of two, checked in the same order as before
        List<CanonicalRecord> candidates = records.findBy(type.source().kind(), type.source().match(), q.subject().id());
        List<CanonicalRecord> used = new ArrayList<>();
        String subjectName = checkIdentity(q.subject(), used, candidates);
        List<CanonicalRecord> found = facts(type, q, candidates);
        used.addAll(found);
        Seal seal = seals.activeSeal(SealPurpose.DATA_SHARING, sealProperties.hubUnit()).orElseThrow(() -> new HubException(
                HttpStatus.SERVICE_UNAVAILABLE, "no-data-sharing-seal", "No data-sharing seal",
                "the hub has no active data-sharing seal for unit " + sealProperties.hubUnit() + "; an administrator must create or rotate it"));

        String proofId = newProofId(now);
        LocalDate validUntil = BeijingTime.date(now).plusDays(type.validityDays());
        ObjectNode content = content(proofId, type, item, q, subjectName, found, agent, now, validUntil, seal);
        byte[] bytes = CanonicalJson.canonicalBytes(content);
        byte[] signature = sealer.seal(bytes, SealPurpose.DATA_SHARING, seal.id());
        String digest = VerificationLink.digestOf(bytes);
        String url = new VerificationLink(java.net.URI.create(properties.publicUrl()), proofId, digest).uri().toString();
        archive(agent, q, now, subjectHash, type, item, proofId, bytes, digest, signature, seal, validUntil, dedupe(used));
        return new IssuedProof(proofId, type.id(), content, bytes, signature, digest, seal.id(), now, validUntil, url);
    }

    private static List<CanonicalRecord> dedupe(List<CanonicalRecord> used) {
        Map<String, CanonicalRecord> byKey = new java.util.LinkedHashMap<>();
        used.forEach(r -> byKey.putIfAbsent(r.kind() + "/" + r.key(), r));
        return new ArrayList<>(byKey.values());
    }

    /**
     * The archive row, its lineage, the query record and its audit entry of an issued proof, committed together (with the
     * hub's synchronous commit, durable when the client gets the proof) by the archive writer, which groups concurrent
     * proofs into one statement and one commit. The rows are those {@link #record} and {@link AuditLog#append} write.
     */
    private void archive(HubUser agent, ProofQuery q, Instant now, String subjectHash, ProofType type, ServiceItem item, String proofId,
                         byte[] bytes, String digest, byte[] signature, Seal seal, LocalDate validUntil, List<CanonicalRecord> sources) {
        archive.write(new ProofArchiveWriter.Row(proofId, type.id(), item.code(), q.applicationId(), subjectHash, bytes, digest, signature,
                seal.id(), now, validUntil, agent.username(), agent.unitCode(),
                sources.stream().map(r -> new ProofArchiveWriter.Source(r.kind(), r.key(), r.version())).toList(),
                queryRecord(agent, q, now, subjectHash, "ISSUED", null, proofId),
                audit.pending(auditEntry(agent, q, subjectHash, "ISSUED", proofId))));
    }

    private static final String QUERY_RECORD_COLUMNS = ProofArchiveWriter.QUERY_RECORD_COLUMNS;

    private static Object[] queryRecord(HubUser agent, ProofQuery q, Instant at, String subjectHash, String result, String reason, String proofId) {
        String subjectType = q.subject() == null ? "NONE" : q.subject().isOrganisation() ? "ORGANISATION" : "PERSON";
        return new Object[]{Timestamp.from(at), agent.username(), agent.unitCode(), subjectHash, subjectType, String.valueOf(q.serviceItemCode()),
                String.valueOf(q.applicationId()), String.valueOf(q.proofType()), String.valueOf(q.purpose()), result, reason, proofId};
    }

    private static AuditLog.Entry auditEntry(HubUser agent, ProofQuery q, String subjectHash, String result, String proofId) {
        Map<String, Object> detail = new java.util.TreeMap<>();
        detail.put("result", result);
        detail.put("serviceItem", String.valueOf(q.serviceItemCode()));
        detail.put("application", String.valueOf(q.applicationId()));
        detail.put("proofType", String.valueOf(q.proofType()));
        if (proofId != null) {
            detail.put("proofId", proofId);
        }
        return new AuditLog.Entry(agent.username(), agent.unitCode(), "DATA_QUERY", subjectHash, q.purpose(), detail);
    }

    /** The query record (谁查询、谁负责) and its audit entry of a refused query, on their own. */
    private void record(HubUser agent, ProofQuery q, Instant at, String subjectHash, String result, String reason, String proofId) {
        tx.executeWithoutResult(s -> {
            jdbc.update("insert into query_record (" + QUERY_RECORD_COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    queryRecord(agent, q, at, subjectHash, result, reason, proofId));
            audit.append(auditEntry(agent, q, subjectHash, result, proofId));
        });
    }

    private static void checkSubject(ProofType type, ProofQuery.Subject s) {
        if (s.isOrganisation()) {
            if (type.subject() == ProofType.SubjectKind.PERSON) {
                throw refuse(HttpStatus.BAD_REQUEST, "subject-kind", "INVALID", type.title() + " is about a person: give a name and citizen ID");
            }
            String problem = Usccs.problem(s.id());
            if (problem != null) {
                throw refuse(HttpStatus.BAD_REQUEST, "invalid-uscc", "INVALID", "the USCC " + problem);
            }
        } else {
            if (type.subject() == ProofType.SubjectKind.ORGANISATION) {
                throw refuse(HttpStatus.BAD_REQUEST, "subject-kind", "INVALID", type.title() + " is about an organisation: give its USCC");
            }
            if (s.name() == null || s.name().isBlank()) {
                throw refuse(HttpStatus.BAD_REQUEST, "subject-name-required", "INVALID", "a person is named by name and citizen ID together");
            }
            String problem = CitizenIds.problem(s.id());
            if (problem != null) {
                throw refuse(HttpStatus.BAD_REQUEST, "invalid-citizen-id", "INVALID", "the citizen ID " + problem);
            }
        }
    }

    /**
     * The subject must be the one the identity registers know under that ID, with that name; the
     * answer never reveals the registered name.
     */
    private String checkIdentity(ProofQuery.Subject s, List<CanonicalRecord> used, List<CanonicalRecord> candidates) {
        String kind = s.isOrganisation() ? "LegalEntity" : "Person";
        // the record with that key, deleted or not, as records.find reads it: from the facts' read when it is among them
        Optional<CanonicalRecord> read = candidates.stream().filter(r -> r.kind().equals(kind) && r.key().equals(s.id())).findFirst();
        CanonicalRecord identity = (read.isPresent() ? read : records.find(kind, s.id())).filter(r -> !r.deleted()).orElseThrow(() -> noData(
                s.isOrganisation() ? "法人库 (the legal person register)" : "人口库 (the population register)"));
        String registered = String.valueOf(identity.payload().get("name"));
        if (s.isOrganisation()) {
            if (s.name() != null && !s.name().isBlank() && !normalise(s.name()).equals(normalise(registered))) {
                throw mismatch();
            }
            return registered;
        }
        if (!normalise(s.name()).equals(normalise(registered))) {
            throw mismatch();
        }
        used.add(identity);
        return registered;
    }

    private List<CanonicalRecord> facts(ProofType type, ProofQuery q, List<CanonicalRecord> read) {
        ProofType.Source src = type.source();
        List<CanonicalRecord> found = new ArrayList<>(read);
        found.removeIf(CanonicalRecord::deleted);
        if (src.where() != null) {
            src.where().forEach((f, v) -> found.removeIf(r -> !String.valueOf(v).equals(String.valueOf(r.payload().get(f)))));
        }
        if (src.select() != null) {
            if (q.select() != null && !q.select().isBlank()) {
                found.removeIf(r -> !q.select().strip().equalsIgnoreCase(String.valueOf(r.payload().get(src.select()))));
            } else if (found.size() > 1) {
                throw refuse(HttpStatus.UNPROCESSABLE_ENTITY, "select-required", "AMBIGUOUS", "the subject has " + found.size()
                        + " matching records: name the one wanted in 'select' (" + src.select() + ")");
            }
            if (found.isEmpty()) {
                throw noData("the shared data (" + src.kind() + ")");
            }
        } else if (!src.isMany() && found.isEmpty()) {
            throw noData("the shared data (" + src.kind() + ")");
        }
        return found;
    }

    private ObjectNode content(String proofId, ProofType type, ServiceItem item, ProofQuery q, String subjectName,
                               List<CanonicalRecord> found, HubUser agent, Instant now, LocalDate validUntil, Seal seal) {
        ObjectNode c = JSON.createObjectNode();
        c.put("proofId", proofId);
        c.put("proofType", type.id());
        c.put("title", type.title());
        c.put("method", Method.DATA_QUERY.name());
        c.putObject("serviceItem").put("code", item.code()).put("name", item.name());
        c.put("applicationId", q.applicationId());
        ObjectNode subject = c.putObject("subject");
        subject.put("type", q.subject().isOrganisation() ? "ORGANISATION" : "PERSON");
        subject.put("name", subjectName);
        subject.put("id", q.subject().id());
        ArrayNode facts = c.putArray("facts");
        Map<String, String> display = new java.util.HashMap<>();
        for (ProofType.Fact f : type.facts()) {
            JsonNode value = factValue(f, found, now);
            String text = display(f, value);
            display.put(f.key(), text);
            facts.addObject().put("key", f.key()).put("label", f.label()).put("display", text).set("value", value);
        }
        display.put("extractionTime", BeijingTime.WRITTEN_TO_MINUTE.format(now));
        display.put("subjectName", subjectName);
        display.put("subjectId", q.subject().id());
        display.put("subjectIdLabel", q.subject().isOrganisation() ? "统一社会信用代码" : "公民身份号码");
        display.putIfAbsent("count", String.valueOf(found.size()));
        String template = found.isEmpty() && type.statementNone() != null ? type.statementNone() : type.statement();
        if (template != null) {
            c.put("statement", fill(template, display));
        }
        annotate(c, accounts, agent.unitCode(), producingUnit(type, found), now);
        ArrayNode lineage = c.putArray("lineage");
        for (CanonicalRecord r : found) {
            Map<String, Object> l = r.sourceLineage().getOrDefault(r.ownerConnector(), Map.of());
            lineage.addObject().put("kind", r.kind()).put("recordKey", r.key()).put("version", r.version())
                    .put("connectorId", r.ownerConnector()).put("sourceUnit", String.valueOf(l.get("sourceUnit")))
                    .put("capturedAt", String.valueOf(l.get("capturedAt"))).put("mappingId", String.valueOf(l.get("mappingId")))
                    .put("mappingVersion", String.valueOf(l.get("mappingVersion")));
        }
        close(c, accounts, now, validUntil, seal, item.name(), item.code(), q.applicationId());
        return c;
    }

    /** The SPEC §3.3 annotation every proof carries: extracting unit, producing unit and extraction time. */
    static void annotate(ObjectNode c, Accounts accounts, String extractingUnit, String producingUnit, Instant extractedAt) {
        ObjectNode annotation = c.putObject("annotation");
        annotation.putObject("extractingUnit").put("code", extractingUnit).put("name", accounts.unitName(extractingUnit));
        annotation.putObject("producingUnit").put("code", producingUnit).put("name", accounts.unitName(producingUnit));
        annotation.put("extractionTime", extractedAt.toString());
    }

    /** What every proof ends with: when it was issued, until when it is valid, the seal, and the one use it is for. */
    static void close(ObjectNode c, Accounts accounts, Instant issuedAt, LocalDate validUntil, Seal seal, String itemName, String itemCode,
                      String applicationId) {
        c.put("issuedAt", issuedAt.toString());
        c.put("validUntil", validUntil.toString());
        c.putObject("seal").put("id", seal.id()).put("purpose", seal.purpose().name()).put("label", seal.purpose().label())
                .put("unit", seal.unitCode()).put("unitName", accounts.unitName(seal.unitCode()));
        c.put("usage", "本证明仅用于" + itemName + "（事项编码" + itemCode + "，申请编号" + applicationId + "），不得挪作他用。");
    }

    private static JsonNode factValue(ProofType.Fact f, List<CanonicalRecord> found, Instant now) {
        if ("count".equals(f.aggregate())) {
            return JSON.getNodeFactory().numberNode(found.size());
        }
        if ("validToday".equals(f.computed())) {
            LocalDate today = BeijingTime.date(now);
            boolean valid = !found.isEmpty() && found.stream().allMatch(r -> "VALID".equals(r.payload().get("status"))
                    && (r.payload().get("validUntil") == null || !LocalDate.parse((String) r.payload().get("validUntil")).isBefore(today))
                    && (r.payload().get("validFrom") == null || !LocalDate.parse((String) r.payload().get("validFrom")).isAfter(today)));
            return JSON.getNodeFactory().booleanNode(valid);
        }
        if (f.isList()) {
            ArrayNode a = JSON.createArrayNode();
            Set<String> seen = new LinkedHashSet<>();
            found.forEach(r -> {
                Object v = r.payload().get(f.field());
                if (v != null && seen.add(String.valueOf(v))) {
                    a.add(String.valueOf(v));
                }
            });
            return a;
        }
        Object v = found.isEmpty() ? null : found.get(0).payload().get(f.field());
        return JSON.valueToTree(v);
    }

    private static String display(ProofType.Fact f, JsonNode value) {
        if (value == null || value.isNull() || (value.isArray() && value.isEmpty())) {
            return f.empty() != null ? f.empty() : value != null && value.isArray() ? "无" : "—";
        }
        if (value.isArray()) {
            List<String> parts = new ArrayList<>();
            value.forEach(v -> parts.add(label(f, v.asText())));
            return String.join("、", parts);
        }
        return label(f, value.asText());
    }

    private static String label(ProofType.Fact f, String raw) {
        return f.values() != null && f.values().containsKey(raw) ? f.values().get(raw) : raw;
    }

    private static String fill(String template, Map<String, String> values) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([A-Za-z]+)}").matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(values.getOrDefault(m.group(1), "—")));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String producingUnit(ProofType type, List<CanonicalRecord> found) {
        String connector = found.isEmpty() ? ingest.config().authority().owners(type.source().kind()).stream().findFirst().orElse(null)
                : found.get(0).ownerConnector();
        ConnectorDefinition c = connector == null ? null : ingest.config().connectors().get(connector);
        return c == null ? "UNKNOWN" : c.unit();
    }

    static String newProofId(Instant now) {
        StringBuilder b = new StringBuilder("EP-").append(BeijingTime.DAY_DIGITS.format(now)).append('-');
        for (int i = 0; i < 12; i++) {
            b.append(ID_CHARS[RANDOM.nextInt(ID_CHARS.length)]);
        }
        return b.toString();
    }

    private static String normalise(String name) {
        return name == null ? "" : name.strip().replaceAll("[\\s\u3000]+", "");
    }

    private static HubException noData(String where) {
        return refuse(HttpStatus.NOT_FOUND, "no-data", "NO_DATA", "the facts for this proof are not in " + where
                + "; ask the issuing unit by department verification (部门核验)").with("next", "department-verification");
    }

    private static HubException mismatch() {
        return refuse(HttpStatus.UNPROCESSABLE_ENTITY, "subject-mismatch", "SUBJECT_MISMATCH",
                "the name does not match the name registered for this identifier; check both with the applicant's ID document");
    }

    private static HubException refuse(HttpStatus status, String type, String result, String detail) {
        return new HubException(status, type, status.getReasonPhrase(), detail).with("result", result);
    }

    private static void requireText(String v, String field) {
        if (v == null || v.isBlank()) {
            throw refuse(HttpStatus.BAD_REQUEST, "field-required", "INVALID", field + " is required");
        }
    }

    static Optional<String> text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isMissingNode() || v.isNull() ? Optional.empty() : Optional.of(v.asText());
    }

    static boolean same(Object a, Object b) {
        return Objects.equals(a == null ? null : String.valueOf(a), b == null ? null : String.valueOf(b));
    }
}
