package org.proofhub.hub.verification.internal;

import java.sql.Timestamp;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.proofhub.hub.account.Accounts;
import org.proofhub.hub.account.HubUser;
import org.proofhub.hub.account.Role;
import org.proofhub.hub.audit.AuditLog;
import org.proofhub.hub.canonical.SubjectType;
import org.proofhub.hub.ingest.check.CitizenIds;
import org.proofhub.hub.ingest.check.Usccs;
import org.proofhub.hub.platform.DataProtection;
import org.proofhub.hub.platform.HubException;
import org.proofhub.hub.platform.Masking;
import org.proofhub.hub.verification.Answer;
import org.proofhub.hub.verification.Breach;
import org.proofhub.hub.verification.ItemKind;
import org.proofhub.hub.verification.ItemTerms;
import org.proofhub.hub.verification.NoticeType;
import org.proofhub.hub.verification.RequestDetail;
import org.proofhub.hub.verification.RequestStatus;
import org.proofhub.hub.verification.RequestSummary;
import org.proofhub.hub.verification.RequestTimeline;
import org.proofhub.hub.verification.ServiceItemPolicy;
import org.proofhub.hub.verification.Submitted;
import org.proofhub.hub.verification.TimelineEvent;
import org.proofhub.hub.verification.UnitSla;
import org.proofhub.hub.verification.VerificationProofIssuer;
import org.proofhub.hub.verification.VerificationProperties;
import org.proofhub.hub.verification.VerificationSubmission;
import org.proofhub.hub.verification.Verifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The verification state machine. Each change happens in one database transaction together with its
 * timeline event, its deadlines and its outbox messages, so that what the units see, what the timers do
 * and what travels over Artemis never disagree, whichever part restarts.
 */
final class VerificationService implements Verifications {
    private static final Logger log = LoggerFactory.getLogger(VerificationService.class);
    private static final Set<String> VIEWERS = Set.of(Role.AGENT.name(), Role.SUPERVISOR.name());
    private static final int MAX_TEXT = 20_000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final RequestStore store;
    private final RosterStore rosters;
    private final Accounts accounts;
    private final AuditLog audit;
    private final DataProtection protection;
    private final Clock clock;
    private final VerificationProperties props;
    private final ObjectProvider<ServiceItemPolicy> policies;
    private final ObjectProvider<VerificationProofIssuer> issuers;
    private final BrokerHandOver handOver;
    private final DeadlineScheduler scheduler;
    private final DataLaterLinker dataLater;
    private final ServiceItemPolicy defaultPolicy = new RequestCarriedServiceItemPolicy();
    // the context's policy (or, without one, the request-carried default), resolved on first use: resolving it through
    // the provider parsed the injection point's annotations on every acceptance. Whether the context has one is settled
    // when its bean definitions are read, so the first answer stays right.
    private volatile ServiceItemPolicy policy;
    private final SharedCount<List<UnitSla>> allUnitsSla;

    VerificationService(JdbcTemplate jdbc, TransactionTemplate tx, RequestStore store, RosterStore rosters, Accounts accounts,
                        AuditLog audit, DataProtection protection, Clock clock, VerificationProperties props,
                        ObjectProvider<ServiceItemPolicy> policies, ObjectProvider<VerificationProofIssuer> issuers,
                        BrokerHandOver handOver, DeadlineScheduler scheduler, DataLaterLinker dataLater, Duration allUnitsSlaMaxAge) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.store = store;
        this.rosters = rosters;
        this.accounts = accounts;
        this.audit = audit;
        this.protection = protection;
        this.clock = clock;
        this.props = props;
        this.policies = policies;
        this.issuers = issuers;
        this.handOver = handOver;
        this.scheduler = scheduler;
        this.dataLater = dataLater;
        this.allUnitsSla = new SharedCount<>(() -> List.copyOf(slaOf(null, props.scaled(props.instantItemLimit()))), clock, allUnitsSlaMaxAge);
    }

    private ServiceItemPolicy policy() {
        ServiceItemPolicy p = policy;
        if (p == null) {
            p = policies.getIfAvailable(() -> defaultPolicy);
            policy = p;
        }
        return p;
    }

    /** What a committed change leaves to do: hand the request to the broker, wake the timers, seal. */
    record Applied(String requestId, long outboxId, Instant earliestDeadline, boolean seal) {
    }

    // ---- submission ------------------------------------------------------------------------------------

    @Override
    public Submitted submit(VerificationSubmission submission, HubUser by) {
        requireRole(by, Role.AGENT, "ask for a verification");
        Accepted a = accept(submission, by, null, false);
        return submitted(a);
    }

    @Override
    public Submitted readdress(String requestId, String unit, HubUser by) {
        requireRole(by, Role.AGENT, "re-address a request");
        Accepted a = otherUnitsRequestRefused(requestId, by, "re-address", () -> tx.execute(st -> {
            RequestRow old = store.lock(requestId).orElseThrow(() -> notFound(requestId));
            if (!old.requestingUnit().equals(by.unitCode())) {
                throw new OtherUnitsRequest();
            }
            if (old.status() != RequestStatus.RETURNED) {
                throw illegal(old, "re-address", "only a RETURNED request can be re-addressed");
            }
            if (old.readdressedTo() != null) {
                throw HubException.conflict("verification-already-readdressed",
                        "request " + requestId + " was re-addressed already, as request " + old.readdressedTo())
                        .with("requestId", requestId).with("readdressedTo", old.readdressedTo());
            }
            String target = unit == null || unit.isBlank() ? old.suggestedUnit() : unit.strip();
            VerificationSubmission again = new VerificationSubmission(old.serviceItemCode(), old.applicationId(), old.itemKind(),
                    old.itemPromisedLimit(), old.proofType(), old.dataBacked(), target,
                    new VerificationSubmission.Subject(old.subjectType(), old.subjectId(), old.subjectName()), old.queryLetter(),
                    store.attachment(old.id()).map(RequestStore.StoredScan::scan).orElse(null), old.declared());
            Accepted accepted = accept(again, by, old, true);
            Instant now = now();
            jdbc.update("update verification_request set readdressed_to = ?, updated_at = ? where id = ?",
                    accepted.row().id(), Timestamp.from(now), old.id());
            Changes c = new Changes();
            c.event(old.id(), now, "READDRESSED", Actor.of(by), Map.of("to", accepted.row().id(), "unit", target));
            c.flush(jdbc);
            return accepted;
        }));
        return submitted(a);
    }

    private record Accepted(RequestRow row, long outboxId, OutboxMessage message, Instant earliestDeadline) {
    }

    private Submitted submitted(Accepted a) {
        Submitted.Dispatch dispatch = props.sendOnAccept() ? handOver.handOver(a.outboxId(), a.message()) : Submitted.Dispatch.QUEUED;
        scheduler.wakeBy(a.earliestDeadline());
        RequestRow r = a.row();
        return new Submitted(r.id(), r.status(), r.issuingUnit(), r.assignedAgent(), r.receivedAt(), r.deadline(), r.returnUntil(), dispatch);
    }

    /**
     * Checks, assigns and writes a new request. Outside a caller's transaction, an acceptance without an ID scan and
     * with someone on duty is one statement (request, events, timers, outbox row, audit entry): it commits on its own,
     * sparing the round trips of a transaction's begin and commit; with a scan or an alert it runs in a transaction.
     */
    private Accepted accept(VerificationSubmission s, HubUser by, RequestRow readdressedFrom, boolean inCallersTransaction) {
        validate(s, by);
        ItemTerms terms = policy().terms(s);
        if (readdressedFrom == null && terms.listedIssuingUnit() != null && !terms.listedIssuingUnit().equals(s.issuingUnit().strip())) {
            throw new HubException(HttpStatus.UNPROCESSABLE_ENTITY, "verification-issuing-unit-mismatch", "Issuing unit differs from the list",
                    "the published list obtains " + s.proofType().strip() + " for item " + s.serviceItemCode().strip() + " from "
                            + terms.listedIssuingUnit() + ", the request is addressed to " + s.issuingUnit().strip()
                            + "; address it to " + terms.listedIssuingUnit() + " (a unit that returns it may suggest another)")
                    .with("listedIssuingUnit", terms.listedIssuingUnit());
        }
        Instant now = now();
        RosterStore.Assignment who = rosters.assign(s.issuingUnit(), unit -> accounts.units().stream().anyMatch(u -> u.code().equals(unit)));
        Duration limit = limitFor(terms);
        Instant deadline = now.plus(limit);
        Instant latest = now.plus(terms.kind() == ItemKind.COMMITMENT && terms.promisedLimit() != null
                ? props.scaled(terms.promisedLimit()) : props.scaled(props.instantDelayLimit()));
        if (latest.isBefore(deadline)) {
            latest = deadline;
        }
        VerificationProperties.ProofData data = props.proofData().get(s.proofType());
        VerificationSubmission.Subject subject = s.subject();
        RequestRow r = new RequestRow("VR-" + UUID.randomUUID(), RequestStatus.RECEIVED, by.unitCode(), by.username(), s.issuingUnit(),
                who.username(), who.post(), s.serviceItemCode().strip(), s.applicationId().strip(), terms.kind(), terms.promisedLimit(),
                terms.dataBacked(), s.proofType().strip(), data == null ? null : data.kind(), subject.type(), subject.id().strip(),
                subject.name() == null ? null : subject.name().strip(), protection.keyedHash(subject.id().strip()),
                s.queryLetter().strip(), s.declared() == null || s.declared().isEmpty() ? null : s.declared(), now, deadline, deadline,
                latest, now.plus(props.scaled(props.returnWindow())), null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, false, List.of(), null,
                readdressedFrom == null ? null : readdressedFrom.id(), null);
        Map<String, Object> accepted = new LinkedHashMap<>();
        accepted.put("deadline", deadline.toString());
        accepted.put("limit", limit.toString());
        accepted.put("itemKind", terms.kind().name());
        accepted.put("dataBacked", terms.dataBacked());
        if (readdressedFrom != null) {
            accepted.put("readdressedFrom", readdressedFrom.id());
        }
        Instant takeOver = who.noOneOnDuty() ? null : now.plus(props.scaled(props.openWithin()));
        OutboxMessage message = Messages.request(r, s.idScan(), now);
        java.util.function.Supplier<Long> write = () -> {
            long id = store.insertAccepted(r, s.idScan(), Actor.of(by), accepted, takeOver, message,
                    props.sendOnAccept() ? BrokerHandOver.RELAY_AFTER : java.time.Duration.ZERO);
            if (who.noOneOnDuty()) {
                Changes c = new Changes();
                log.warn("verification request {}: nobody on duty in unit {}, given to its supervisor", r.id(), r.issuingUnit());
                c.alert(r.id(), r.issuingUnit(), who.username(), "NO_ONE_ON_DUTY", now, null);
                c.outbox(Messages.alert(NoticeType.NO_ONE_ON_DUTY, r, r.issuingUnit(), now, who.username(), b -> {
                }));
                c.flush(jdbc);
            }
            return id;
        };
        boolean oneStatement = s.idScan() == null && !who.noOneOnDuty();
        long outboxId = inCallersTransaction || oneStatement ? write.get() : tx.execute(st -> write.get());
        Instant earliest = takeOver == null ? deadline : takeOver;
        return new Accepted(r, outboxId, message, earliest);
    }

    /** SPEC §4.3: 30 minutes for an instant item, 24 hours but never past the promised limit for a commitment item, 30 minutes for data-backed proofs. */
    private Duration limitFor(ItemTerms terms) {
        Duration limit = terms.kind() == ItemKind.INSTANT ? props.instantItemLimit() : props.commitmentItemLimit();
        if (terms.kind() == ItemKind.COMMITMENT && terms.promisedLimit() != null && terms.promisedLimit().compareTo(limit) < 0) {
            limit = terms.promisedLimit();
        }
        if (terms.dataBacked() && props.dataBackedLimit().compareTo(limit) < 0) {
            limit = props.dataBackedLimit();
        }
        return props.scaled(limit);
    }

    private void validate(VerificationSubmission s, HubUser by) {
        if (s == null) {
            throw HubException.badRequest("verification-request-missing", "send the verification request as JSON");
        }
        text("serviceItemCode", s.serviceItemCode(), 64);
        text("applicationId", s.applicationId(), 64);
        text("proofType", s.proofType(), 64);
        text("issuingUnit", s.issuingUnit(), 32);
        text("queryLetter", s.queryLetter(), MAX_TEXT);
        if (s.issuingUnit().equals(by.unitCode())) {
            throw new HubException(HttpStatus.UNPROCESSABLE_ENTITY, "verification-own-unit", "Ask another unit",
                    "a verification request goes to another unit; " + s.issuingUnit() + " is your own");
        }
        subject(s.subject());
        idScan(s.idScan());
        if (s.declared() != null) {
            if (s.declared().size() > 100) {
                throw HubException.badRequest("verification-declared-too-large", "declared: at most 100 fields");
            }
            s.declared().forEach((k, v) -> text("declared field name", k, 64));
        }
    }

    private static void subject(VerificationSubmission.Subject subject) {
        if (subject == null || subject.type() == null) {
            throw HubException.badRequest("verification-subject-missing",
                    "subject: give type PERSON with name and citizen ID, or ORGANISATION with its USCC");
        }
        String id = subject.id() == null ? "" : subject.id().strip();
        String problem = subject.type() == SubjectType.PERSON ? CitizenIds.problem(id) : Usccs.problem(id);
        if (problem != null) {
            throw HubException.badRequest("verification-subject-invalid", "subject.id: the "
                    + (subject.type() == SubjectType.PERSON ? "citizen ID" : "USCC") + " " + problem);
        }
        if (subject.type() == SubjectType.PERSON && (subject.name() == null || subject.name().isBlank())) {
            throw HubException.badRequest("verification-subject-invalid", "subject.name: a person is named by name and citizen ID");
        }
    }

    private void idScan(VerificationSubmission.IdScan scan) {
        if (scan == null) {
            return;
        }
        if (scan.content() == null || scan.content().length == 0) {
            throw HubException.badRequest("verification-id-scan-invalid", "idScan.content is empty");
        }
        if (!props.idScanTypes().contains(scan.contentType())) {
            throw HubException.badRequest("verification-id-scan-invalid",
                    "idScan.contentType '" + scan.contentType() + "' is not accepted; use one of " + props.idScanTypes());
        }
        if (scan.content().length > props.idScanMaxSize().toBytes()) {
            throw HubException.badRequest("verification-id-scan-invalid", "idScan is " + scan.content().length
                    + " bytes; at most " + props.idScanMaxSize().toBytes() + " are accepted");
        }
        if (!FileSignatures.matches(scan.contentType(), scan.content())) {
            throw HubException.badRequest("verification-id-scan-invalid",
                    "idScan.content is not a " + scan.contentType() + " file (its first bytes say otherwise)");
        }
    }

    private static void text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw HubException.badRequest("verification-field-missing", field + " is required");
        }
        if (value.length() > max) {
            throw HubException.badRequest("verification-field-too-long", field + " is longer than " + max + " characters");
        }
    }

    // ---- answers -----------------------------------------------------------------------------------------

    @Override
    public RequestSummary answer(String requestId, Answer answer, HubUser by) {
        requireAnyRole(by, "answer a verification request");
        if (answer == null || answer.kind() == null) {
            throw HubException.badRequest("verification-answer-missing", "kind is required: OPENED, CONFIRMED, DELAYED, REJECTED or RETURNED");
        }
        Applied applied = otherUnitsRequestRefused(requestId, by, "answer", () -> tx.execute(st -> {
            RequestRow r = store.lock(requestId).orElseThrow(() -> notFound(requestId));
            if (!r.issuingUnit().equals(by.unitCode())) {
                if (r.requestingUnit().equals(by.unitCode())) {
                    throw new HubException(HttpStatus.FORBIDDEN, "verification-not-issuing-unit", "Only the issuing unit answers",
                            "request " + requestId + " is answered by " + r.issuingUnit() + "; your unit asked it").with("requestId", requestId);
                }
                throw new OtherUnitsRequest();
            }
            return apply(r, answer, Actor.of(by));
        }));
        afterCommit(applied);
        return RequestStore.summary(store.find(requestId).orElseThrow(), clock.instant());
    }

    /** Applies {@code answer} to a request locked by the caller's transaction. */
    Applied apply(RequestRow r, Answer answer, Actor actor) {
        Instant now = now();
        Changes c = new Changes();
        boolean seal = false;
        switch (answer.kind()) {
            case OPENED -> open(r, actor, now, c);
            case CONFIRMED -> seal = confirm(r, answer, actor, now, c);
            case DELAYED -> delay(r, answer, actor, now, c);
            case REJECTED -> reject(r, answer, actor, now, c);
            case RETURNED -> giveBack(r, answer, actor, now, c);
            default -> throw HubException.badRequest("verification-answer-unknown", "unknown answer kind " + answer.kind());
        }
        c.flush(jdbc);
        return new Applied(r.id(), -1, c.earliestDeadline(), seal);
    }

    /** After the commit: seal a confirmed proof at once (the SEAL timer retries if this fails) and wake the timers. */
    void afterCommit(Applied applied) {
        if (applied == null) {
            return;
        }
        if (applied.seal()) {
            scheduler.sealNow(applied.requestId());
        }
        scheduler.wakeBy(applied.earliestDeadline());
    }

    private void open(RequestRow r, Actor actor, Instant now, Changes c) {
        requireAwaiting(r, "OPENED");
        if (r.openedAt() != null) {
            return;
        }
        c.update("""
                update verification_request set status = case when status = 'RECEIVED' then 'OPENED' else status end,
                    opened_at = ?, opened_by = ?, updated_at = ? where id = ?""", Timestamp.from(now), actor.name(), Timestamp.from(now), r.id());
        store.cancelDeadlines(r.id(), DeadlineKind.AB_TAKEOVER);
        c.event(r.id(), now, "OPENED", actor, Map.of());
    }

    private boolean confirm(RequestRow r, Answer a, Actor actor, Instant now, Changes c) {
        requireAwaiting(r, "CONFIRMED");
        Map<String, String> content = a.content();
        if (content == null || content.isEmpty()) {
            throw HubException.badRequest("verification-content-missing", "a CONFIRMED answer carries the proof's facts (content)");
        }
        if (content.size() > 200 || content.keySet().stream().anyMatch(k -> k == null || k.isBlank() || k.length() > 64)) {
            throw HubException.badRequest("verification-content-invalid", "content: at most 200 fields with names of 1 to 64 characters");
        }
        List<String> discrepant = discrepancies(r.declared(), content);
        boolean issuer = issuers.getIfAvailable() != null;
        String proofStatus = issuer ? "PENDING" : "AWAITING_SEAL";
        long ms = Duration.between(r.receivedAt(), now).toMillis();
        finalAnswer(r, RequestStatus.CONFIRMED, actor, now, null, null, content, proofStatus, discrepant, c);
        c.event(r.id(), now, "CONFIRMED", actor, Map.of("fields", new ArrayList<>(content.keySet()), "verificationMillis", ms));
        if (!discrepant.isEmpty()) {
            // 001 art. 11: the issuing unit's data prevail; the application needs supplementary material
            c.event(r.id(), now, "DISCREPANCY", Actor.HUB, Map.of("fields", discrepant, "supplementaryRequired", true));
        }
        if (issuer) {
            c.deadline(r.id(), DeadlineKind.SEAL, now);
        } else {
            c.event(r.id(), now, "AWAITING_SEAL", Actor.HUB, Map.of("reason", "no verification proof issuer is configured"));
        }
        c.outbox(Messages.answer(NoticeType.CONFIRMED, r, now, actor.name(), b -> b.setContent(content).setDiscrepantFields(discrepant)
                .setProofStatus(proofStatus).setVerificationMillis(ms)));
        dataLater.linkExisting(r, now, c);
        return issuer;
    }

    private void delay(RequestRow r, Answer a, Actor actor, Instant now, Changes c) {
        requireAwaiting(r, "DELAYED");
        requireReason(a, "DELAYED");
        if (a.newDeadline() == null) {
            throw HubException.badRequest("verification-new-deadline-missing", "a DELAYED answer names the new time (newDeadline)");
        }
        if (r.escalatedAt() != null || !now.isBefore(r.deadline())) {
            throw HubException.conflict("verification-delay-too-late", "request " + r.id() + " was due at " + r.deadline()
                    + "; a delay is registered before the deadline (000 6.2.2.5.1 b); now only an answer helps")
                    .with("requestId", r.id()).with("deadline", r.deadline().toString());
        }
        Instant newDeadline = a.newDeadline().truncatedTo(ChronoUnit.MILLIS);
        if (!newDeadline.isAfter(now)) {
            throw HubException.badRequest("verification-new-deadline-past", "newDeadline " + newDeadline + " is not in the future");
        }
        if (newDeadline.isAfter(r.latestDeadline())) {
            throw HubException.conflict("verification-delay-past-item-limit", "newDeadline " + newDeadline
                    + " is past the item's limit " + r.latestDeadline() + " for request " + r.id())
                    .with("requestId", r.id()).with("latestDeadline", r.latestDeadline().toString());
        }
        c.update("update verification_request set status = 'DELAYED', deadline_at = ?, answer_reason = ?, updated_at = ? where id = ?",
                Timestamp.from(newDeadline), a.reason().strip(), Timestamp.from(now), r.id());
        if (!store.moveDeadline(r.id(), DeadlineKind.DEADLINE, newDeadline)) {
            c.deadline(r.id(), DeadlineKind.DEADLINE, newDeadline);
        }
        c.event(r.id(), now, "DELAYED", actor, Map.of("reason", a.reason().strip(), "from", r.deadline().toString(), "to", newDeadline.toString()));
        c.outbox(Messages.answer(NoticeType.DELAYED, r, now, actor.name(), b -> b.setDeadline(newDeadline).setReason(a.reason().strip())));
    }

    private void reject(RequestRow r, Answer a, Actor actor, Instant now, Changes c) {
        requireAwaiting(r, "REJECTED");
        requireReason(a, "REJECTED");
        finalAnswer(r, RequestStatus.REJECTED, actor, now, a.reason().strip(), null, null, null, List.of(), c);
        c.event(r.id(), now, "REJECTED", actor, Map.of("reason", a.reason().strip()));
        c.outbox(Messages.answer(NoticeType.REJECTED, r, now, actor.name(), b -> b.setReason(a.reason().strip())));
    }

    private void giveBack(RequestRow r, Answer a, Actor actor, Instant now, Changes c) {
        requireAwaiting(r, "RETURNED");
        requireReason(a, "RETURNED");
        if (now.isAfter(r.returnUntil())) {
            throw HubException.conflict("verification-return-window-closed", "request " + r.id() + " was received at " + r.receivedAt()
                    + "; it could be returned only within " + props.scaled(props.returnWindow()).toMinutes()
                    + " minutes of receipt (until " + r.returnUntil() + "); answer it, or reject it with the reason")
                    .with("requestId", r.id()).with("returnUntil", r.returnUntil().toString());
        }
        String suggested = a.suggestedUnit() == null ? "" : a.suggestedUnit().strip();
        if (suggested.isEmpty()) {
            throw HubException.badRequest("verification-transfer-suggestion-missing", "a RETURNED answer suggests the unit to ask instead (suggestedUnit)");
        }
        if (suggested.equals(r.issuingUnit()) || accounts.units().stream().noneMatch(u -> u.code().equals(suggested))) {
            throw HubException.badRequest("verification-transfer-suggestion-invalid", "suggestedUnit " + suggested + " is not another unit of the hub");
        }
        finalAnswer(r, RequestStatus.RETURNED, actor, now, a.reason().strip(), suggested, null, null, List.of(), c);
        c.event(r.id(), now, "RETURNED", actor, Map.of("reason", a.reason().strip(), "suggestedUnit", suggested));
        c.outbox(Messages.answer(NoticeType.RETURNED, r, now, actor.name(), b -> b.setReason(a.reason().strip()).setSuggestedUnit(suggested)));
    }

    private void finalAnswer(RequestRow r, RequestStatus status, Actor actor, Instant now, String reason, String suggested, Map<String, String> content,
                             String proofStatus, List<String> discrepant, Changes c) {
        c.update("""
                update verification_request set status = ?, answered_at = ?, answered_by = ?, answer_channel = ?, answer_reason = ?,
                    suggested_unit = ?, content_sealed = ?, verification_ms = ?, proof_status = ?, supplementary_required = ?,
                    discrepant_fields = ?, updated_at = ? where id = ?""",
                status.name(), Timestamp.from(now), actor.name(), actor.channel().name(), reason, suggested, store.sealContent(content),
                Duration.between(r.receivedAt(), now).toMillis(), proofStatus, !discrepant.isEmpty(),
                discrepant.toArray(String[]::new), Timestamp.from(now), r.id());
        store.cancelDeadlines(r.id(), DeadlineKind.AB_TAKEOVER, DeadlineKind.DEADLINE, DeadlineKind.ESCALATION);
    }

    /** Declared fields whose value differs from the confirmed one, compared after Unicode and space normalisation. */
    static List<String> discrepancies(Map<String, String> declared, Map<String, String> confirmed) {
        if (declared == null) {
            return List.of();
        }
        Map<String, String> byName = confirmed.entrySet().stream().collect(Collectors.toMap(
                e -> e.getKey().toLowerCase(Locale.ROOT), e -> e.getValue() == null ? "" : e.getValue(), (x, y) -> x));
        List<String> differing = new ArrayList<>();
        declared.forEach((field, value) -> {
            String official = byName.get(field.toLowerCase(Locale.ROOT));
            if (official != null && !normalised(official).equals(normalised(value))) {
                differing.add(field);
            }
        });
        return differing;
    }

    private static String normalised(String v) {
        return v == null ? "" : Normalizer.normalize(v, Normalizer.Form.NFKC).strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private static void requireAwaiting(RequestRow r, String answer) {
        if (!r.status().awaitsAnswer()) {
            throw illegal(r, answer, "it was answered " + r.status() + " already");
        }
    }

    private static void requireReason(Answer a, String kind) {
        if (a.reason() == null || a.reason().isBlank()) {
            throw HubException.badRequest("verification-reason-missing", "a " + kind + " answer gives the reason");
        }
        if (a.reason().length() > MAX_TEXT) {
            throw HubException.badRequest("verification-field-too-long", "reason is longer than " + MAX_TEXT + " characters");
        }
    }

    static HubException illegal(RequestRow r, String attempted, String why) {
        return HubException.conflict("verification-illegal-transition", "request " + r.id() + " is " + r.status() + ": " + attempted
                        + " is not possible, " + why + " (answers are possible while RECEIVED, OPENED or DELAYED)")
                .with("requestId", r.id()).with("status", r.status().name()).with("attempted", attempted);
    }

    static HubException notFound(String requestId) {
        return HubException.notFound("verification-request", "no verification request " + requestId + " for your unit")
                .with("requestId", requestId);
    }

    // ---- reading -----------------------------------------------------------------------------------------

    @Override
    public RequestDetail detail(String requestId, HubUser by) {
        requireAnyRole(by, "read a verification request");
        RequestRow r = visible(requestId, by);
        audit.append(new AuditLog.Entry(by.username(), by.unitCode(), "VERIFICATION_REQUEST_READ", r.subjectHash(),
                "department verification " + r.id(), Map.of("requestId", r.id(), "issuingUnit", r.issuingUnit())));
        return new RequestDetail(r.id(), r.status(), r.requestingUnit(), r.requestingAgent(), r.issuingUnit(), r.assignedAgent(),
                r.assignedPost(), r.serviceItemCode(), r.applicationId(), r.itemKind(), r.itemPromisedLimit(), r.dataBacked(),
                r.proofType(), r.subjectType(), r.subjectId(), r.subjectName(), r.queryLetter(), r.declared(), r.receivedAt(),
                r.deadline(), r.firstDeadline(), r.latestDeadline(), r.returnUntil(), r.openedAt(), r.openedBy(), r.escalatedAt(),
                r.escalationDueAt(), r.breachedAt(), r.answeredAt(), r.answeredBy(), r.answerChannel(), r.answerReason(),
                r.suggestedUnit(), r.content(), r.verificationMillis(), r.proofStatus(), r.proofId(), r.sealId(), r.sealedAt(),
                r.supplementaryRequired(), r.discrepantFields(), r.readdressedFrom(), r.readdressedTo(),
                store.attachmentSummary(r.id()).orElse(null), store.dataLinks(r.id()), store.timeline(r.id()));
    }

    @Override
    public VerificationSubmission.IdScan idScan(String requestId, HubUser by) {
        requireAnyRole(by, "read an ID scan");
        RequestRow r = visible(requestId, by);
        RequestStore.StoredScan stored = store.attachment(requestId)
                .orElseThrow(() -> HubException.notFound("id-scan", "request " + requestId + " came without an ID scan"));
        if (stored.scan() == null) {
            throw new HubException(HttpStatus.GONE, "id-scan-deleted", "ID scan deleted", "the ID scan of request " + requestId
                    + " was deleted on " + stored.purgedAt() + ", " + props.idScanRetention().toDays()
                    + " days after the request was answered (hub.verification.id-scan-retention); its type, size and SHA-256 remain");
        }
        VerificationSubmission.IdScan scan = stored.scan();
        audit.append(new AuditLog.Entry(by.username(), by.unitCode(), "VERIFICATION_ID_SCAN_READ", r.subjectHash(),
                "department verification " + r.id(), Map.of("requestId", r.id())));
        return scan;
    }

    private RequestRow visible(String requestId, HubUser by) {
        RequestRow r = store.find(requestId).orElseThrow(() -> notFound(requestId));
        if (!r.issuingUnit().equals(by.unitCode()) && !r.requestingUnit().equals(by.unitCode())) {
            throw refusedAsNotFound(requestId, by, "read");
        }
        return r;
    }

    /** Another unit's request, found inside a transaction: the refusal is recorded after the rollback. */
    private static final class OtherUnitsRequest extends RuntimeException {
        OtherUnitsRequest() {
            super(null, null, false, false);
        }
    }

    private <T> T otherUnitsRequestRefused(String requestId, HubUser by, String attempt, java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (OtherUnitsRequest e) {
            throw refusedAsNotFound(requestId, by, attempt);
        }
    }

    /**
     * Another unit's request is answered like an id that does not exist, so nobody probes for ids; the audit trail
     * records the attempt ({@code ACCESS_DENIED}, with what was tried).
     */
    private HubException refusedAsNotFound(String requestId, HubUser by, String attempt) {
        return refusedAsNotFound(audit, requestId, by, attempt);
    }

    static HubException refusedAsNotFound(AuditLog audit, String requestId, HubUser by, String attempt) {
        audit.append(new AuditLog.Entry(by.username(), by.unitCode(), "ACCESS_DENIED", null, null, Map.of("resource",
                "verification request " + requestId, "attempt", attempt, "by", "hub rule",
                "reason", "another unit's request (answered as not found)")));
        return notFound(requestId);
    }

    @Override
    public List<RequestSummary> inbox(HubUser by, boolean awaitingAnswerOnly, int limit) {
        requireAnyRole(by, "read the unit's inbox");
        return store.summaries("issuing_unit = ?" + (awaitingAnswerOnly ? " and status in ('RECEIVED', 'OPENED', 'DELAYED')" : ""),
                clamp(limit), by.unitCode());
    }

    @Override
    public List<RequestSummary> awaitingByDeadline(HubUser by, int limit) {
        requireAnyRole(by, "read the unit's inbox");
        return store.summaries("issuing_unit = ? and status in ('RECEIVED', 'OPENED', 'DELAYED')", "deadline_at, id", clamp(limit),
                by.unitCode());
    }

    @Override
    public List<RequestSummary> outbox(HubUser by, int limit) {
        requireAnyRole(by, "read the unit's outbox");
        return store.summaries("requesting_unit = ?", clamp(limit), by.unitCode());
    }

    @Override
    public List<Breach> breaches(HubUser by, String unit, int limit) {
        String scope = overseer(by) ? unit : by.unitCode();
        if (!overseer(by)) {
            requireAnyRole(by, "read breaches");
        }
        return jdbc.query("""
                select b.request_id, b.issuing_unit, b.assigned_agent, b.supervisor, b.received_at, b.deadline_at, b.escalated_at,
                    b.breached_at, r.answered_at from verification_breach b join verification_request r on r.id = b.request_id
                where (?::text is null or b.issuing_unit = ?) order by b.breached_at desc limit ?""",
                (rs, i) -> new Breach(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), RequestRow.instant(rs, "received_at"),
                        RequestRow.instant(rs, "deadline_at"), RequestRow.instant(rs, "escalated_at"), RequestRow.instant(rs, "breached_at"),
                        RequestRow.instant(rs, "answered_at")), scope, scope, clamp(limit));
    }

    @Override
    public List<UnitSla> sla(HubUser by) {
        return sla(by, props.scaled(props.instantItemLimit()));
    }

    @Override
    public List<UnitSla> sla(HubUser by, Duration dueSoonWithin) {
        if (!overseer(by)) {
            requireAnyRole(by, "read the SLA overview");
        }
        return slaOf(overseer(by) ? null : by.unitCode(), dueSoonWithin);
    }

    @Override
    public List<UnitSla> slaOfAllUnits() {
        return allUnitsSla.get();
    }

    private List<UnitSla> slaOf(String scope, Duration dueSoonWithin) {
        Instant now = clock.instant();
        Timestamp t = Timestamp.from(now);
        Timestamp soon = Timestamp.from(now.plus(dueSoonWithin));
        // the console's board asks every second while someone watches: count only the requests still awaiting an answer
        // (the partial index verification_request_assignee has the same predicate, so the answered history can be skipped)
        // and take the totals from the breaches
        return jdbc.query("""
                with awaiting as (
                    select issuing_unit,
                        count(*) as awaiting,
                        count(*) filter (where deadline_at > ? and deadline_at <= ?) as due_soon,
                        count(*) filter (where deadline_at <= ? and escalated_at is null) as overdue,
                        count(*) filter (where escalated_at is not null and breached_at is null) as escalated,
                        count(*) filter (where breached_at is not null) as breached_open
                    from verification_request
                    where status in ('RECEIVED', 'OPENED', 'DELAYED') and (?::text is null or issuing_unit = ?)
                    group by issuing_unit),
                breaches as (
                    select issuing_unit, count(*) as total from verification_breach
                    where (?::text is null or issuing_unit = ?) group by issuing_unit),
                alerts as (
                    -- neither taken up nor closed (V25's partial index): escalations, breaches, nobody on duty
                    select unit_code, count(*) as open from verification_alert
                    where acknowledged_at is null and closed_at is null and (?::text is null or unit_code = ?) group by unit_code)
                select coalesce(a.issuing_unit, b.issuing_unit, l.unit_code), coalesce(a.awaiting, 0), coalesce(a.due_soon, 0),
                    coalesce(a.overdue, 0), coalesce(a.escalated, 0), coalesce(a.breached_open, 0), coalesce(b.total, 0), coalesce(l.open, 0)
                from awaiting a full join breaches b on b.issuing_unit = a.issuing_unit
                    full join alerts l on l.unit_code = coalesce(a.issuing_unit, b.issuing_unit)
                order by 1""",
                (rs, i) -> new UnitSla(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
                        rs.getLong(7), rs.getLong(8)), t, soon, t, scope, scope, scope, scope, scope, scope);
    }

    @Override
    public RequestTimeline timeline(String requestId, HubUser by) {
        RequestRow r;
        if (overseer(by)) {
            r = store.find(requestId).orElseThrow(() -> notFound(requestId));
        } else {
            requireAnyRole(by, "read a verification request");
            r = visible(requestId, by);
        }
        List<TimelineEvent> events = store.timeline(r.id()).stream()
                .map(e -> new TimelineEvent(e.at(), e.type(), e.actor(), e.actorUnit(), e.channel(), masked(e.detail())))
                .toList();
        return new RequestTimeline(RequestStore.summary(r, clock.instant()), events);
    }

    /** Reasons are free text a person typed: an identifier in them is masked like everywhere else outside the two units. */
    private static Map<String, Object> masked(Map<String, Object> detail) {
        Map<String, Object> out = new LinkedHashMap<>();
        detail.forEach((k, v) -> out.put(k, v instanceof String text ? Masking.maskIdentifiers(text) : v));
        return out;
    }

    static boolean overseer(HubUser by) {
        return by.has(Role.OPERATOR) || by.has(Role.AUDITOR) || by.has(Role.ADMIN);
    }

    private static int clamp(int limit) {
        return Math.max(1, Math.min(limit, 1000));
    }

    private static void requireRole(HubUser by, Role role, String what) {
        if (!by.has(role)) {
            throw forbidden(by, what);
        }
    }

    private static void requireAnyRole(HubUser by, String what) {
        if (by.roles().stream().noneMatch(r -> VIEWERS.contains(r.name()))) {
            throw forbidden(by, what);
        }
    }

    static HubException forbidden(HubUser by, String what) {
        return new HubException(HttpStatus.FORBIDDEN, "verification-forbidden", "Not allowed",
                "account " + by.username() + " (" + by.roles() + ") may not " + what);
    }

    private Instant now() {
        // the Avro contract carries milliseconds: keep every stored time at that precision so both agree
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
