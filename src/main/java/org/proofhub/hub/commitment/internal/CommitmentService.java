package org.proofhub.hub.commitment.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.proofhub.hub.account.Accounts;
import org.proofhub.hub.account.HubUser;
import org.proofhub.hub.account.Role;
import org.proofhub.hub.audit.AuditLog;
import org.proofhub.hub.catalog.ListEntry;
import org.proofhub.hub.catalog.Method;
import org.proofhub.hub.catalog.PublishedList;
import org.proofhub.hub.commitment.Applicant;
import org.proofhub.hub.commitment.CommitmentProperties;
import org.proofhub.hub.commitment.CommitmentRequests;
import org.proofhub.hub.commitment.CommitmentStatus;
import org.proofhub.hub.commitment.CommitmentView;
import org.proofhub.hub.commitment.Commitments;
import org.proofhub.hub.commitment.Eligibility;
import org.proofhub.hub.commitment.PostCheckPolicy;
import org.proofhub.hub.ingest.check.CitizenIds;
import org.proofhub.hub.ingest.check.Usccs;
import org.proofhub.hub.platform.BeijingTime;
import org.proofhub.hub.platform.DataProtection;
import org.proofhub.hub.platform.HubException;
import org.proofhub.hub.platform.Masking;
import org.proofhub.hub.proof.CanonicalJson;
import org.proofhub.hub.proof.ProofDisplay;
import org.proofhub.hub.proof.ProofType;
import org.proofhub.hub.proof.ProofTypes;
import org.proofhub.hub.proof.pdf.LetterDocument;
import org.proofhub.hub.seal.Seal;
import org.proofhub.hub.seal.SealPurpose;
import org.proofhub.hub.seal.SealRegistry;
import org.proofhub.hub.seal.Sealer;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Commitments (SPEC §5.1–5.3): the offer with the sealed notification letter, the signature stored with the
 * sealed commitment letter as receipt, decline with the alternatives, withdrawal before the decision, the
 * decision that starts the post-check, and proxy signatures only under a recorded special authorisation.
 * Every change of state is one transaction with its timeline event and audit entry.
 * <p>
 * Letters are sealed with the hub's data-sharing seal: it is the seal the hub holds for this work
 * (001 art. 9), and the letter names the responsible unit as the 政务部门 in its text.
 */
public final class CommitmentService implements Commitments {
    /** How a commitment letter can be signed, with the label printed on the sealed receipt. */
    static final Map<String, String> SIGNATURE_METHODS = java.util.Collections.unmodifiableMap(new LinkedHashMap<>() {{
        put("HANDWRITTEN_PAD", "手写签名板");
        put("MOBILE_APP", "移动端电子签名");
        put("PAPER_SCANNED", "纸质签署扫描");
    }});
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ID_CHARS = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final String COLUMNS = """
            id, status, service_item_code, service_item_name, proof_type, proof_title, method, responsible_unit, issuing_unit, list_version,
            application_id, subject_type, credit_level, offered_at, offered_by, signed_at, signed_by, authorisation_id, declined_at,
            withdrawn_at, decided_at, decision_ref, revoked_at, reason, applicant_enc, list_entry::text, offered_unit""";

    private final PublishedList list;
    private final ProofTypes types;
    private final CreditStanding credit;
    private final PostChecks postChecks;
    private final LetterDocument letters;
    private final Sealer sealer;
    private final SealRegistry seals;
    private final String hubUnit;
    private final Accounts accounts;
    private final DataProtection protection;
    private final AuditLog audit;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final CommitmentProperties properties;

    CommitmentService(PublishedList list, ProofTypes types, CreditStanding credit, PostChecks postChecks, LetterDocument letters,
                      Sealer sealer, SealRegistry seals, String hubUnit, Accounts accounts, DataProtection protection, AuditLog audit,
                      JdbcTemplate jdbc, TransactionTemplate tx, Clock clock, CommitmentProperties properties) {
        this.list = list;
        this.types = types;
        this.credit = credit;
        this.postChecks = postChecks;
        this.letters = letters;
        this.sealer = sealer;
        this.seals = seals;
        this.hubUnit = hubUnit;
        this.accounts = accounts;
        this.protection = protection;
        this.audit = audit;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.properties = properties;
    }

    /** What is stored of the applicant, encrypted: the letters are made again from it. */
    record Stored(Applicant applicant, Map<String, String> declared) {
    }

    /** A commitment row as read. */
    record Row(String id, CommitmentStatus status, String itemCode, String itemName, String proofType, String proofTitle, Method method,
               String responsibleUnit, String issuingUnit, String listVersion, String applicationId, String subjectType, String creditLevel,
               Instant offeredAt, String offeredBy, Instant signedAt, String signedBy, String authorisationId, Instant declinedAt,
               Instant withdrawnAt, Instant decidedAt, String decisionRef, Instant revokedAt, String reason, byte[] applicantEnc,
               String listEntry, String offeredUnit) {
    }

    // ---- eligibility ---------------------------------------------------------------------------------------

    /** Checks the applicant against the credit source; the read of their credit data is audited. */
    @Override
    public Eligibility eligibility(Applicant applicant, HubUser by) {
        requireApplicant(applicant);
        Eligibility e = credit.check(applicant.id());
        audit.append(new AuditLog.Entry(by.username(), by.unitCode(), "COMMITMENT_ELIGIBILITY", protection.keyedHash(applicant.id()),
                "告知承诺适用条件核查", Map.of("eligible", e.eligible(), "creditLevel", e.creditLevel())));
        return e;
    }

    // ---- offer ----------------------------------------------------------------------------------------------

    @Override
    public CommitmentView offer(CommitmentRequests.Offer o, HubUser by) {
        requireText(o.serviceItemCode(), "serviceItemCode");
        requireText(o.proofType(), "proofType");
        requireText(o.applicationId(), "applicationId");
        requireApplicant(o.applicant());
        ListEntry entry = list.requireMethod(o.serviceItemCode(), o.proofType(), Set.of(Method.DECLARATION_COMMITMENT, Method.NOTIFICATION_COMMITMENT));
        ProofType type = types.find(o.proofType()).orElseThrow(() -> HubException.notFound("proof-type", "no proof type " + o.proofType()));
        if (type.subject() == ProofType.SubjectKind.PERSON && o.applicant().isOrganisation()) {
            throw HubException.badRequest("commitment-subject-kind", type.title() + " is about a person: the applicant is named by name and citizen ID");
        }
        if (type.subject() == ProofType.SubjectKind.ORGANISATION && !o.applicant().isOrganisation()) {
            throw HubException.badRequest("commitment-subject-kind", type.title() + " is about an organisation: the applicant is named by its USCC");
        }
        String subjectHash = protection.keyedHash(o.applicant().id());
        Eligibility eligibility = credit.check(o.applicant().id());
        if (!eligibility.eligible()) {
            tx.executeWithoutResult(s -> audit.append(new AuditLog.Entry(by.username(), by.unitCode(), "COMMITMENT_REFUSED", subjectHash,
                    "告知承诺适用条件核查", Map.of("serviceItem", entry.item().code(), "proofType", o.proofType(),
                    "reasons", eligibility.reasons().stream().map(Eligibility.Reason::code).toList()))));
            throw notEligible(eligibility, entry);
        }
        Instant now = now();
        String id = newId("CM", now);
        CommitmentLetters.Context context = context(id, o.applicationId(), entry, type.title(), now);
        CommitmentLetters.Made notification = CommitmentLetters.notification(context);
        Sealed sealedNotification = seal(notification);
        Stored stored = new Stored(o.applicant(), o.declared() == null ? Map.of() : new TreeMap<>(o.declared()));
        tx.executeWithoutResult(s -> {
            jdbc.update("""
                    insert into commitment (id, status, service_item_code, service_item_name, proof_type, proof_title, method, responsible_unit,
                        issuing_unit, list_version, list_entry, application_id, subject_type, subject_hash, applicant_enc, credit_level,
                        offered_at, offered_by, offered_unit, notification, notification_cms, notification_pdf, updated_at)
                    values (?, 'OFFERED', ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    id, entry.item().code(), entry.item().name(), type.id(), type.title(), entry.method().name(), entry.item().responsibleUnit(),
                    entry.entry().issuingUnit(), entry.listVersion(), json(entry), o.applicationId(), o.applicant().subjectType(), subjectHash,
                    protection.encrypt(json(stored).getBytes(StandardCharsets.UTF_8)), eligibility.creditLevel(), Timestamp.from(now),
                    by.username(), by.unitCode(), sealedNotification.content(), sealedNotification.cms(), sealedNotification.pdf(), Timestamp.from(now));
            event(id, now, by.username(), null, CommitmentStatus.OFFERED, "告知书已生成并加盖电子印章");
            audit(by, "COMMITMENT_OFFERED", subjectHash, id, entry.item().code());
        });
        CommitmentLetters.Made draft = CommitmentLetters.commitment(context, o.applicant(), stored.declared(), null);
        return view(id).with(null, Map.of("notification", notification.data(), "commitment", draft.data()));
    }

    // ---- sign, decline, withdraw, decide ---------------------------------------------------------------------

    @Override
    public CommitmentView sign(String id, CommitmentRequests.Signature sig, HubUser by) {
        Row row = require(id);
        requireActor(row, by, "sign");
        requireStatus(row, "sign", CommitmentStatus.OFFERED);
        if (sig == null || sig.method() == null || !SIGNATURE_METHODS.containsKey(sig.method())) {
            throw HubException.badRequest("commitment-signature-method", "say how the letter was signed: one of " + SIGNATURE_METHODS.keySet());
        }
        Stored stored = stored(row);
        Eligibility eligibility = credit.check(stored.applicant().id());
        if (!eligibility.eligible()) {
            throw notEligible(eligibility, entry(row));
        }
        boolean proxy = "PROXY".equals(sig.signedBy());
        if (!proxy && sig.signedBy() != null && !"APPLICANT".equals(sig.signedBy())) {
            throw HubException.badRequest("commitment-signed-by", "signedBy is APPLICANT or PROXY, not " + sig.signedBy());
        }
        String proxyHash = null;
        Authorisation authorisation = null;
        if (proxy) {
            authorisation = requireAuthorisation(row, sig);
            proxyHash = protection.keyedHash(sig.proxy().citizenId().strip().toUpperCase(java.util.Locale.ROOT));
        }
        byte[] evidence = decodeEvidence(sig.evidence());
        String evidenceSha = evidence == null ? null : sha256(evidence);
        Instant now = now();
        CommitmentLetters.Signing signing = new CommitmentLetters.Signing(now, proxy ? "PROXY" : "APPLICANT", sig.method(), evidenceSha,
                proxy ? sig.proxy().name().strip() : null, proxy ? sig.proxy().citizenId().strip().toUpperCase(java.util.Locale.ROOT) : null,
                proxy ? authorisation.id() : null, proxy ? authorisation.documentRef() : null);
        CommitmentLetters.Made letter = CommitmentLetters.commitment(context(row, now), stored.applicant(), stored.declared(), signing);
        Sealed sealed = seal(letter);
        String finalProxyHash = proxyHash;
        String authorisationId = proxy ? authorisation.id() : null;
        tx.executeWithoutResult(s -> {
            int changed = jdbc.update("""
                    update commitment set status = 'SIGNED', letter = ?, letter_cms = ?, letter_pdf = ?, signed_at = ?, signed_by = ?, proxy_hash = ?,
                        authorisation_id = ?, signature_method = ?, signature_sha256 = ?, signature_evidence = ?, credit_level = ?, updated_at = ?
                    where id = ? and status = 'OFFERED'""",
                    sealed.content(), sealed.cms(), sealed.pdf(), Timestamp.from(now), signing.signedBy(), finalProxyHash, authorisationId,
                    sig.method(), evidenceSha, evidence, eligibility.creditLevel(), Timestamp.from(now), id);
            if (changed != 1) {
                throw raced(id);
            }
            event(id, now, by.username(), CommitmentStatus.OFFERED, CommitmentStatus.SIGNED,
                    (signing.proxyName() != null ? "代为承诺（授权登记编号" + authorisationId + "）" : "申请人签署") + "，承诺书已存档并加盖电子印章");
            audit(by, "COMMITMENT_SIGNED", protection.keyedHash(stored.applicant().id()), id, row.itemCode());
        });
        return view(id).with(null, Map.of("commitment", letter.data()));
    }

    /** The applicant does not commit: the response says how to get the proof instead. */
    @Override
    public CommitmentView decline(String id, String reason, HubUser by) {
        Row row = require(id);
        requireActor(row, by, "decline");
        requireStatus(row, "decline", CommitmentStatus.OFFERED);
        transition(row, CommitmentStatus.OFFERED, CommitmentStatus.DECLINED, "declined_at", reason == null || reason.isBlank() ? "申请人不愿作出承诺" : reason,
                by, "COMMITMENT_DECLINED");
        return view(id).with(alternatives(row), null);
    }

    /** Before the decision the applicant may take the commitment back, with a reason (003 三(六)). */
    @Override
    public CommitmentView withdraw(String id, String reason, HubUser by) {
        Row row = require(id);
        requireActor(row, by, "withdraw");
        if (row.status() == CommitmentStatus.DECIDED || row.status() == CommitmentStatus.REVOKED) {
            throw HubException.conflict("commitment-already-decided", "commitment " + id + " is " + row.status()
                    + ": a commitment can be withdrawn only before the item is decided");
        }
        requireStatus(row, "withdraw", CommitmentStatus.OFFERED, CommitmentStatus.SIGNED);
        if (reason == null || reason.isBlank()) {
            throw HubException.badRequest("commitment-withdrawal-reason", "a withdrawal needs the applicant's reason (有合理理由的，可以撤回承诺)");
        }
        transition(row, row.status(), CommitmentStatus.WITHDRAWN, "withdrawn_at", reason, by, "COMMITMENT_WITHDRAWN");
        return view(id).with(alternatives(row), null);
    }

    /** The item was decided on the signed commitment: the credit level now decides the post-check. */
    @Override
    public CommitmentView decide(String id, String decisionRef, HubUser by) {
        Row row = require(id);
        requireActor(row, by, "decide");
        requireStatus(row, "decide", CommitmentStatus.SIGNED);
        requireText(decisionRef, "decisionRef");
        Stored stored = stored(row);
        Instant now = now();
        String level = credit.level(stored.applicant().id());
        tx.executeWithoutResult(s -> {
            int changed = jdbc.update("update commitment set status = 'DECIDED', decided_at = ?, decided_by = ?, decision_ref = ?, updated_at = ? "
                    + "where id = ? and status = 'SIGNED'", Timestamp.from(now), by.username(), decisionRef, Timestamp.from(now), id);
            if (changed != 1) {
                throw raced(id);
            }
            event(id, now, by.username(), CommitmentStatus.SIGNED, CommitmentStatus.DECIDED, "依据承诺作出决定：" + decisionRef);
            postChecks.open(row, stored.applicant(), level, now);
            audit(by, "COMMITMENT_DECIDED", protection.keyedHash(stored.applicant().id()), id, row.itemCode());
        });
        return view(id);
    }

    // ---- authorisations -----------------------------------------------------------------------------------

    @Override
    public Authorisation authorise(CommitmentRequests.Authorisation a, HubUser by) {
        if (a == null) {
            throw HubException.badRequest("authorisation-required", "give the authoriser, the proxy, the scope and the authorisation document");
        }
        requireApplicant(a.authoriser());
        requireProxy(a.proxy());
        requireText(a.documentRef(), "documentRef");
        if (a.scope() == null || a.scope().isEmpty()) {
            throw HubException.badRequest("authorisation-scope", "name the service items the authorisation covers, or \"*\" for all");
        }
        for (String code : a.scope()) {
            if (!"*".equals(code) && list.current().list().item(code).isEmpty()) {
                throw HubException.badRequest("authorisation-scope", "service item " + code + " is not on the published list");
            }
        }
        Instant now = now();
        LocalDate today = BeijingTime.date(now);
        LocalDate from = a.validFrom() == null ? today : a.validFrom();
        if (a.validUntil() == null || a.validUntil().isBefore(from) || a.validUntil().isBefore(today)) {
            throw HubException.badRequest("authorisation-validity", "validUntil must be given, not before validFrom and not in the past");
        }
        String id = newId("AU", now);
        tx.executeWithoutResult(s -> {
            jdbc.update("""
                    insert into commitment_authorisation (id, authoriser_hash, authoriser_type, proxy_hash, scope, document_ref, valid_from,
                        valid_until, recorded_at, recorded_by, recorded_unit) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    id, protection.keyedHash(a.authoriser().id()), a.authoriser().subjectType(),
                    protection.keyedHash(a.proxy().citizenId().strip().toUpperCase(java.util.Locale.ROOT)), a.scope().toArray(String[]::new),
                    a.documentRef(), from, a.validUntil(), Timestamp.from(now), by.username(), by.unitCode());
            audit.append(new AuditLog.Entry(by.username(), by.unitCode(), "COMMITMENT_AUTHORISATION", protection.keyedHash(a.authoriser().id()),
                    "代为承诺特别授权登记", Map.of("authorisation", id, "scope", a.scope())));
        });
        return new Authorisation(id, List.copyOf(a.scope()), a.documentRef(), from, a.validUntil(), now, by.username());
    }

    private Authorisation requireAuthorisation(Row row, CommitmentRequests.Signature sig) {
        if (sig.proxy() == null || sig.authorisationId() == null || sig.authorisationId().isBlank()) {
            throw proxyRefused(row.id(), "committing on the applicant's behalf needs the proxy (name, citizen ID) and the recorded special "
                    + "authorisation (authorisationId); record it first: POST /api/commitments/authorisations");
        }
        requireProxy(sig.proxy());
        record Found(Authorisation authorisation, String authoriserHash, String proxyHash) {
        }
        List<Found> found = jdbc.query("""
                select id, authoriser_hash, proxy_hash, scope, document_ref, valid_from, valid_until, recorded_at, recorded_by
                from commitment_authorisation where id = ?""", (rs, i) -> new Found(new Authorisation(rs.getString(1),
                List.of((String[]) rs.getArray(4).getArray()), rs.getString(5), rs.getObject(6, LocalDate.class), rs.getObject(7, LocalDate.class),
                rs.getTimestamp(8).toInstant(), rs.getString(9)), rs.getString(2), rs.getString(3)), sig.authorisationId());
        if (found.isEmpty()) {
            throw proxyRefused(row.id(), "there is no recorded authorisation " + sig.authorisationId());
        }
        Authorisation a = found.get(0).authorisation();
        String subjectHash = jdbc.queryForObject("select subject_hash from commitment where id = ?", String.class, row.id());
        if (!found.get(0).authoriserHash().equals(subjectHash)) {
            throw proxyRefused(row.id(), "authorisation " + a.id() + " was given by someone else than this applicant");
        }
        if (!found.get(0).proxyHash().equals(protection.keyedHash(sig.proxy().citizenId().strip().toUpperCase(java.util.Locale.ROOT)))) {
            throw proxyRefused(row.id(), "authorisation " + a.id() + " names another proxy");
        }
        if (!a.scope().contains("*") && !a.scope().contains(row.itemCode())) {
            throw proxyRefused(row.id(), "authorisation " + a.id() + " does not cover service item " + row.itemCode());
        }
        LocalDate today = BeijingTime.today(clock);
        if (today.isBefore(a.validFrom()) || today.isAfter(a.validUntil())) {
            throw proxyRefused(row.id(), "authorisation " + a.id() + " is valid from " + a.validFrom() + " to " + a.validUntil() + ", not today");
        }
        return a;
    }

    private static HubException proxyRefused(String id, String why) {
        return new HubException(HttpStatus.FORBIDDEN, "commitment-proxy-not-authorised", "No authorisation to commit on the applicant's behalf",
                "commitment " + id + ": " + why + " (代为承诺须取得申请人的特别授权)");
    }

    // ---- reading -----------------------------------------------------------------------------------------------

    @Override
    public CommitmentView view(String id, HubUser by) {
        requireReader(require(id), by, "who applied for what is for those units");
        return view(id);
    }

    /**
     * The units a commitment concerns — the one that offered it at its window, the one responsible for the item (which decides
     * it and checks it afterwards) and the proof's issuing unit — read it; auditors and administrators too. Even masked, a
     * commitment tells who applied for what: nobody else reads it.
     */
    private static void requireReader(Row row, HubUser by, String why) {
        if (!by.has(Role.AUDITOR) && !by.has(Role.ADMIN)) {
            requireUnit(row, by, why, row.offeredUnit(), row.responsibleUnit(), row.issuingUnit());
        }
    }

    /** Signing, declining, withdrawing and deciding are for the unit that offered the commitment and the one responsible for the item. */
    private static void requireActor(Row row, HubUser by, String action) {
        requireUnit(row, by, "only they " + action + " it", row.offeredUnit(), row.responsibleUnit());
    }

    /** A 403 naming the units a commitment is for; the problem handler records the refusal in the audit trail. */
    private static void requireUnit(Row row, HubUser by, String why, String... units) {
        if (by.unitCode() == null || !java.util.Arrays.asList(units).contains(by.unitCode())) {
            throw new HubException(HttpStatus.FORBIDDEN, "other-unit", "Not your unit's commitment",
                    "commitment " + row.id() + " was offered by " + row.offeredUnit() + " for an item of " + row.responsibleUnit() + "; " + why);
        }
    }

    private CommitmentView view(String id) {
        Row row = require(id);
        List<CommitmentView.Event> timeline = jdbc.query("select at, actor, from_status, to_status, note from commitment_event "
                + "where commitment_id = ? order by id", (rs, i) -> new CommitmentView.Event(rs.getTimestamp(1).toInstant(), rs.getString(2),
                rs.getString(3) == null ? null : CommitmentStatus.valueOf(rs.getString(3)), CommitmentStatus.valueOf(rs.getString(4)),
                rs.getString(5)), id);
        Stored stored = stored(row);
        Map<String, String> links = new LinkedHashMap<>();
        links.put("notification", "/api/commitments/" + id + "/letters/notification");
        links.put("notificationPdf", "/api/commitments/" + id + "/letters/notification.pdf");
        links.put("commitment", "/api/commitments/" + id + "/letters/commitment");
        links.put("commitmentPdf", "/api/commitments/" + id + "/letters/commitment.pdf");
        return new CommitmentView(row.id(), row.status(), row.itemCode(), row.itemName(), row.proofType(), row.proofTitle(), row.method(),
                row.responsibleUnit(), row.issuingUnit(), row.listVersion(), row.applicationId(), row.subjectType(),
                Masking.name(stored.applicant().name()) + " " + Masking.identifier(stored.applicant().id()), row.creditLevel(), row.offeredAt(),
                row.offeredBy(), row.offeredUnit(), row.signedAt(), row.signedBy(), row.authorisationId(), row.declinedAt(), row.withdrawnAt(), row.decidedAt(),
                row.decisionRef(), row.revokedAt(), row.reason(), postChecks.of(id).orElse(null), timeline, null, null, links);
    }

    /** A letter: its structured data as sealed, the CMS over it, and the PDF. */
    /** The sealed notification letter; the commitment letter sealed once signed, unsigned (to sign) before. */
    @Override
    public LetterFiles letter(String id, String which, HubUser by, String purpose) {
        Row row = require(id);
        // the letters name the applicant in clear
        requireReader(row, by, "its letters name the applicant and are for those units");
        LetterFiles files;
        if ("notification".equals(which)) {
            files = jdbc.queryForObject("select notification, notification_cms, notification_pdf from commitment where id = ?",
                    (rs, i) -> new LetterFiles(rs.getBytes(1), rs.getBytes(2), rs.getBytes(3)), id);
        } else if ("commitment".equals(which)) {
            files = jdbc.queryForObject("select letter, letter_cms, letter_pdf from commitment where id = ?",
                    (rs, i) -> new LetterFiles(rs.getBytes(1), rs.getBytes(2), rs.getBytes(3)), id);
            if (files.content() == null) {
                Stored stored = stored(row);
                CommitmentLetters.Made draft = CommitmentLetters.commitment(context(row, row.offeredAt()), stored.applicant(), stored.declared(), null);
                files = new LetterFiles(CanonicalJson.canonicalBytes(draft.data()), null, letters.render(draft.letter()));
            }
        } else {
            throw HubException.notFound("letter", "a commitment has a 'notification' and a 'commitment' letter, not '" + which + "'");
        }
        // the commitment letter names the applicant: reading it is recorded like any read of personal data
        audit.append(new AuditLog.Entry(by.username(), by.unitCode(), "COMMITMENT_LETTER_READ",
                jdbc.queryForObject("select subject_hash from commitment where id = ?", String.class, id), purpose,
                Map.of("commitment", id, "letter", which)));
        return files;
    }

    // ---- public templates --------------------------------------------------------------------------------------

    /** The letter templates of one list entry as published, with the list's version and date. */
    public record Templates(String serviceItemCode, String serviceItemName, String proofType, String proofTitle, Method method,
                            String listVersion, LocalDate publishedOn, com.fasterxml.jackson.databind.JsonNode notification,
                            com.fasterxml.jackson.databind.JsonNode commitment, Map<String, String> links) {
    }

    /** Every commitment entry of the published list, with its templates' addresses. */
    public List<Templates> templateIndex() {
        var current = list.current();
        return current.list().items().stream().flatMap(item -> item.proofs().stream().filter(e -> e.method().isCommitment())
                .map(e -> new Templates(item.code(), item.name(), e.proofType(), types.find(e.proofType()).map(ProofType::title).orElse(e.proofType()),
                        e.method(), current.version(), current.publishedOn(), null, null, templateLinks(item.code(), e.proofType())))).toList();
    }

    public Templates templates(String itemCode, String proofType) {
        ListEntry entry = list.requireMethod(itemCode, proofType, Set.of(Method.DECLARATION_COMMITMENT, Method.NOTIFICATION_COMMITMENT));
        CommitmentLetters.Context c = templateContext(entry);
        return new Templates(itemCode, entry.item().name(), proofType, c.proofTitle(), entry.method(), entry.listVersion(), entry.publishedOn(),
                CommitmentLetters.notification(c).data(), CommitmentLetters.commitment(c, null, null, null).data(),
                templateLinks(itemCode, proofType));
    }

    /** A template as PDF: unnumbered, unsealed, with blanks for the applicant. */
    public byte[] templatePdf(String itemCode, String proofType, String which) {
        ListEntry entry = list.requireMethod(itemCode, proofType, Set.of(Method.DECLARATION_COMMITMENT, Method.NOTIFICATION_COMMITMENT));
        CommitmentLetters.Context c = templateContext(entry);
        if ("notification".equals(which)) {
            return letters.render(CommitmentLetters.notification(c).letter());
        }
        if ("commitment".equals(which)) {
            return letters.render(CommitmentLetters.commitment(c, null, null, null).letter());
        }
        throw HubException.notFound("letter", "a commitment has a 'notification' and a 'commitment' letter, not '" + which + "'");
    }

    private CommitmentLetters.Context templateContext(ListEntry entry) {
        String title = types.find(entry.entry().proofType()).map(ProofType::title).orElse(entry.entry().proofType());
        Instant at = entry.publishedOn() == null ? clock.instant() : BeijingTime.startOf(entry.publishedOn());
        return new CommitmentLetters.Context(null, null, entry, title, accounts::unitName, properties.creditUnit(), null, at);
    }

    private static Map<String, String> templateLinks(String itemCode, String proofType) {
        String base = "/api/public/commitment-letters/" + itemCode + "/" + proofType;
        Map<String, String> links = new LinkedHashMap<>();
        links.put("templates", base);
        links.put("notificationPdf", base + "/notification.pdf");
        links.put("commitmentPdf", base + "/commitment.pdf");
        return links;
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private record Sealed(byte[] content, byte[] cms, byte[] pdf) {
    }

    /** The structured letter in canonical JSON with the hub's CMS over it, and the PDF signed as PAdES. */
    private Sealed seal(CommitmentLetters.Made made) {
        Seal seal = hubSeal();
        byte[] content = CanonicalJson.canonicalBytes(made.data());
        return new Sealed(content, sealer.seal(content, SealPurpose.COMMITMENT_LETTER, seal.id()), letters.renderSealed(made.letter()));
    }

    private Seal hubSeal() {
        return seals.activeSeal(SealPurpose.COMMITMENT_LETTER, hubUnit).orElseThrow(() -> new HubException(HttpStatus.SERVICE_UNAVAILABLE,
                "no-commitment-letter-seal", "No commitment-letter seal", "the hub has no active commitment-letter seal for unit " + hubUnit
                + " to seal commitment letters with; an administrator must create or rotate it"));
    }

    private CommitmentLetters.Context context(String id, String applicationId, ListEntry entry, String proofTitle, Instant at) {
        return new CommitmentLetters.Context(id, applicationId, entry, proofTitle, accounts::unitName, properties.creditUnit(),
                new ProofDisplay.SealMark(accounts.unitName(hubUnit), SealPurpose.COMMITMENT_LETTER), at);
    }

    private CommitmentLetters.Context context(Row row, Instant at) {
        return context(row.id(), row.applicationId(), entry(row), row.proofTitle(), at);
    }

    ListEntry entry(Row row) {
        try {
            return JSON.readValue(row.listEntry(), ListEntry.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("commitment " + row.id() + ": stored list entry is unreadable", e);
        }
    }

    Stored stored(Row row) {
        return stored(protection, row);
    }

    static Stored stored(DataProtection protection, Row row) {
        try {
            return JSON.readValue(protection.decrypt(row.applicantEnc()), Stored.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("commitment " + row.id() + ": stored applicant is unreadable", e);
        }
    }

    private void transition(Row row, CommitmentStatus from, CommitmentStatus to, String timeColumn, String reason, HubUser by, String action) {
        Instant now = now();
        tx.executeWithoutResult(s -> {
            int changed = jdbc.update("update commitment set status = ?, " + timeColumn + " = ?, reason = ?, updated_at = ? where id = ? and status = ?",
                    to.name(), Timestamp.from(now), reason, Timestamp.from(now), row.id(), from.name());
            if (changed != 1) {
                throw raced(row.id());
            }
            event(row.id(), now, by.username(), from, to, reason);
            audit(by, action, jdbc.queryForObject("select subject_hash from commitment where id = ?", String.class, row.id()), row.id(), row.itemCode());
        });
    }

    private List<CommitmentView.Alternative> alternatives(Row row) {
        return List.of(
                new CommitmentView.Alternative(Method.DEPARTMENT_VERIFICATION.name(), Method.DEPARTMENT_VERIFICATION.label(), row.issuingUnit(),
                        "ask " + accounts.unitName(row.issuingUnit()) + " to verify " + row.proofTitle() + " (POST /api/verification/requests)"),
                new CommitmentView.Alternative("PAPER_PROOF", "提交证明材料", row.issuingUnit(),
                        "accept the applicant's " + row.proofTitle() + " on paper and record it in the ledger (POST /api/ledger, reason "
                                + "DECLINED_COMMITMENT or WITHDRAWN_COMMITMENT)"));
    }

    private HubException notEligible(Eligibility e, ListEntry entry) {
        return new HubException(HttpStatus.UNPROCESSABLE_ENTITY, "commitment-not-eligible", "Commitment not allowed for this applicant",
                String.join(" ", e.reasons().stream().map(Eligibility.Reason::en).toList()))
                .with("reasons", e.reasons()).with("creditLevel", e.creditLevel())
                .with("alternatives", List.of(Method.DEPARTMENT_VERIFICATION.name(), "PAPER_PROOF"))
                .with("issuingUnit", entry.entry().issuingUnit());
    }

    private void event(String id, Instant at, String actor, CommitmentStatus from, CommitmentStatus to, String note) {
        event(jdbc, id, at, actor, from, to, note);
    }

    static void event(JdbcTemplate jdbc, String id, Instant at, String actor, CommitmentStatus from, CommitmentStatus to, String note) {
        jdbc.update("insert into commitment_event (commitment_id, at, actor, from_status, to_status, note) values (?, ?, ?, ?, ?, ?)",
                id, Timestamp.from(at), actor, from == null ? null : from.name(), to.name(), note);
    }

    private void audit(HubUser by, String action, String subjectHash, String id, String item) {
        audit.append(new AuditLog.Entry(by.username(), by.unitCode(), action, subjectHash, "告知承诺办理",
                Map.of("commitment", id, "serviceItem", item)));
    }

    Row require(String id) {
        return find(id).orElseThrow(() -> HubException.notFound("commitment", "there is no commitment " + id));
    }

    Optional<Row> find(String id) {
        return find(jdbc, id);
    }

    static Optional<Row> find(JdbcTemplate jdbc, String id) {
        return jdbc.query("select " + COLUMNS + " from commitment where id = ?", CommitmentService::row, id).stream().findFirst();
    }

    static Row row(ResultSet rs, int i) throws SQLException {
        return new Row(rs.getString(1), CommitmentStatus.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), Method.valueOf(rs.getString(7)), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
                rs.getString(12), rs.getString(13), instant(rs, 14), rs.getString(15), instant(rs, 16), rs.getString(17), rs.getString(18),
                instant(rs, 19), instant(rs, 20), instant(rs, 21), rs.getString(22), instant(rs, 23), rs.getString(24), rs.getBytes(25),
                rs.getString(26), rs.getString(27));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static void requireStatus(Row row, String action, CommitmentStatus... allowed) {
        for (CommitmentStatus s : allowed) {
            if (row.status() == s) {
                return;
            }
        }
        throw HubException.conflict("commitment-state", "commitment " + row.id() + " is " + row.status() + ": cannot " + action + " it (only when "
                + String.join(" or ", java.util.Arrays.stream(allowed).map(Enum::name).toList()) + ")").with("status", row.status().name());
    }

    private static HubException raced(String id) {
        return HubException.conflict("commitment-changed", "commitment " + id + " changed meanwhile; read it again and retry");
    }

    static void requireApplicant(Applicant a) {
        if (a == null || a.name() == null || a.name().isBlank()) {
            throw HubException.badRequest("commitment-applicant", "name the applicant: name and citizen ID, or full name and USCC");
        }
        String problem = a.isOrganisation() ? Usccs.problem(a.id()) : a.id() == null ? "is missing" : CitizenIds.problem(a.id());
        if (problem != null) {
            throw HubException.badRequest("commitment-applicant", "the applicant's " + (a.isOrganisation() ? "USCC " : "citizen ID ") + problem);
        }
    }

    private static void requireProxy(CommitmentRequests.Proxy p) {
        if (p == null || p.name() == null || p.name().isBlank() || p.citizenId() == null) {
            throw HubException.badRequest("commitment-proxy", "name the proxy by name and citizen ID");
        }
        String problem = CitizenIds.problem(p.citizenId().strip().toUpperCase(java.util.Locale.ROOT));
        if (problem != null) {
            throw HubException.badRequest("commitment-proxy", "the proxy's citizen ID " + problem);
        }
    }

    private static void requireText(String v, String field) {
        if (v == null || v.isBlank()) {
            throw HubException.badRequest("field-required", field + " is required");
        }
    }

    private static byte[] decodeEvidence(String base64) {
        if (base64 == null || base64.isBlank()) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw HubException.badRequest("commitment-signature-evidence", "evidence must be base64");
        }
    }


    /** PostgreSQL keeps microseconds: times are cut to them, so that what is returned equals what is stored and sealed. */
    private Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    static String newId(String prefix, Instant now) {
        StringBuilder b = new StringBuilder(prefix).append('-')
                .append(BeijingTime.DAY_DIGITS.format(now)).append('-');
        for (int i = 0; i < 10; i++) {
            b.append(ID_CHARS[RANDOM.nextInt(ID_CHARS.length)]);
        }
        return b.toString();
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + o.getClass().getSimpleName() + " as JSON", e);
        }
    }

}
