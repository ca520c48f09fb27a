package org.proofhub.hub.verification.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import org.proofhub.hub.account.Accounts;
import org.proofhub.hub.verification.Answer;
import org.proofhub.hub.verification.Breach;
import org.proofhub.hub.verification.RequestDetail;
import org.proofhub.hub.verification.RequestSummary;
import org.proofhub.hub.verification.Rosters;
import org.proofhub.hub.verification.Submitted;
import org.proofhub.hub.verification.Supervision;
import org.proofhub.hub.verification.SupervisorAlert;
import org.proofhub.hub.verification.UnitSla;
import org.proofhub.hub.verification.VerificationSubmission;
import org.proofhub.hub.verification.Verifications;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Department verification over HTTP: the requesting unit's agents ask and follow their outbox, the issuing
 * unit's agents and supervisor work their inbox. A request is visible only to the two units; others get 404.
 */
@RestController
@RequestMapping("/api/verification")
@Tag(name = "Department verification", description = "部门核验: requests between units, answers, SLA timers and escalation")
class VerificationController {
    private final Verifications verifications;
    private final Supervision supervision;
    private final Rosters rosters;
    private final Accounts accounts;

    VerificationController(Verifications verifications, Supervision supervision, Rosters rosters, Accounts accounts) {
        this.verifications = verifications;
        this.supervision = supervision;
        this.rosters = rosters;
        this.accounts = accounts;
    }

    /** The unit to send a returned request to; empty = the unit the issuing unit suggested. */
    record Readdress(String unit) {
    }

    /** Whether an agent is on duty. */
    record Availability(boolean available) {
    }

    /** A supervisor's note on taking an alert up; may be empty. */
    record Acknowledgement(String note) {
    }

    /** Who is to answer a request now, and why (optional). */
    record Assignment(String agent, String note) {
    }

    @PostMapping("/requests")
    @PreAuthorize("hasRole('AGENT')")
    @Operation(summary = "Ask another unit to verify a fact (核验申请); accepted durably before the call returns")
    ResponseEntity<Submitted> submit(@RequestBody VerificationSubmission submission) {
        Submitted s = verifications.submit(submission, accounts.current());
        return ResponseEntity.created(URI.create("/api/verification/requests/" + s.requestId())).body(s);
    }

    @GetMapping("/inbox")
    @PreAuthorize("hasAnyRole('AGENT','SUPERVISOR')")
    @Operation(summary = "Requests addressed to your unit, newest first (subjects masked)")
    List<RequestSummary> inbox(@RequestParam(defaultValue = "false") boolean awaitingAnswer, @RequestParam(defaultValue = "100") int limit) {
        return verifications.inbox(accounts.current(), awaitingAnswer, limit);
    }

    @GetMapping("/outbox")
    @PreAuthorize("hasAnyRole('AGENT','SUPERVISOR')")
    @Operation(summary = "Requests your unit sent, with the answers as they arrive (subjects masked)")
    List<RequestSummary> outbox(@RequestParam(defaultValue = "100") int limit) {
        return verifications.outbox(accounts.current(), limit);
    }

    @GetMapping("/requests/{id}")
    @PreAuthorize("hasAnyRole('AGENT','SUPERVISOR')")
    @Operation(summary = "One request with its timeline; the subject is in clear and the read is audited")
    RequestDetail detail(@PathVariable String id) {
        return verifications.detail(id, accounts.current());
    }

    @GetMapping("/requests/{id}/id-scan")
    @PreAuthorize("hasAnyRole('AGENT','SUPERVISOR')")
    @Operation(summary = "The subject's ID scan; the read is audited")
    ResponseEntity<byte[]> idScan(@PathVariable String id) {
        VerificationSubmission.IdScan scan = verifications.idScan(id, accounts.current());
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(scan.contentType())).body(scan.content());
    }

    @PostMapping("/requests/{id}/open")
    @PreAuthorize("hasAnyRole('AGENT','SUPERVISOR')")
    @Operation(summary = "Take the request (its AB backup is then not called in)")
    RequestSummary open(@PathVariable String id) {
        return verifications.answer(id, Answer.opened(), accounts.current());
    }

    @PostMapping("/requests/{id}/answer")
    @PreAuthorize("hasAnyRole('AGENT','SUPERVISOR')")
    @Operation(summary = "Answer: CONFIRMED with content, DELAYED with reason and newDeadline, REJECTED with reason, "
            + "RETURNED with reason and suggestedUnit (within 30 minutes of receipt)")
    RequestSummary answer(@PathVariable String id, @RequestBody Answer answer) {
        return verifications.answer(id, answer, accounts.current());
    }

    @PostMapping("/requests/{id}/readdress")
    @PreAuthorize("hasRole('AGENT')")
    @Operation(summary = "Send a returned request to another unit (by default the one suggested); creates a new request")
    ResponseEntity<Submitted> readdress(@PathVariable String id, @RequestBody(required = false) Readdress body) {
        Submitted s = verifications.readdress(id, body == null ? null : body.unit(), accounts.current());
        return ResponseEntity.created(URI.create("/api/verification/requests/" + s.requestId())).body(s);
    }

    @GetMapping("/breaches")
    @PreAuthorize("hasAnyRole('AGENT','SUPERVISOR','OPERATOR','AUDITOR','ADMIN')")
    @Operation(summary = "SLA breaches: your unit's, or every unit's for operators, auditors and admins")
    List<Breach> breaches(@RequestParam(required = false) String unit, @RequestParam(defaultValue = "100") int limit) {
        return verifications.breaches(accounts.current(), unit, limit);
    }

    @GetMapping("/alerts")
    @PreAuthorize("hasAnyRole('SUPERVISOR','OPERATOR','AUDITOR','ADMIN')")
    @Operation(summary = "The supervisor's inbox (督办): escalations, breaches, nobody on duty; open=true: those still needing the supervisor")
    List<SupervisorAlert> alerts(@RequestParam(defaultValue = "false") boolean open, @RequestParam(defaultValue = "100") int limit) {
        return supervision.alerts(accounts.current(), open, limit);
    }

    @PostMapping("/alerts/{id}/acknowledge")
    @PreAuthorize("hasRole('SUPERVISOR')")
    @Operation(summary = "The unit's supervisor takes an alert up (签收), with an optional note; again changes nothing")
    SupervisorAlert acknowledge(@PathVariable long id, @RequestBody(required = false) Acknowledgement body) {
        return supervision.acknowledge(id, body == null ? null : body.note(), accounts.current());
    }

    @PostMapping("/requests/{id}/assign")
    @PreAuthorize("hasRole('SUPERVISOR')")
    @Operation(summary = "The issuing unit's supervisor gives an unanswered request to an agent on duty (督办); its open alerts count as taken up")
    RequestSummary assign(@PathVariable String id, @RequestBody Assignment body) {
        return supervision.assign(id, body.agent(), body.note(), accounts.current());
    }

    @GetMapping("/sla")
    @PreAuthorize("hasAnyRole('AGENT','SUPERVISOR','OPERATOR','AUDITOR','ADMIN')")
    @Operation(summary = "SLA state per issuing unit: awaiting, due soon, overdue, escalated, breached")
    List<UnitSla> sla() {
        return verifications.sla(accounts.current());
    }

    @GetMapping("/roster")
    @PreAuthorize("hasAnyRole('AGENT','SUPERVISOR','OPERATOR','ADMIN')")
    @Operation(summary = "Agents, AB pairs and supervisors per unit; units without anyone on duty")
    Rosters.RosterReport roster() {
        return rosters.report();
    }

    @PutMapping(value = "/roster", consumes = {"application/yaml", "application/x-yaml", "text/yaml", "text/plain"})
    @PreAuthorize("hasAnyRole('ADMIN','INTEGRATOR')")
    @Operation(summary = "Check and apply a roster (the YAML of a roster file: units, supervisor, A/B pairs); ?check=true only checks",
            description = "The posts of the units it names are replaced; people already in post keep their availability. 400 invalid-roster "
                    + "names every problem (unknown unit or account, missing role, an account in two posts).")
    Rosters.RosterReport applyRoster(@RequestBody String yaml, @RequestParam(defaultValue = "false") boolean check,
                                     @RequestParam(required = false) String name) {
        return rosters.apply(name, yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8), check, accounts.current());
    }

    @PutMapping("/roster/{username}/availability")
    @PreAuthorize("hasAnyRole('AGENT','SUPERVISOR','ADMIN')")
    @Operation(summary = "Mark an agent away or back; an absent agent's open requests go to the AB backup")
    Rosters.RosterReport availability(@PathVariable String username, @RequestBody Availability body) {
        return rosters.setAvailable(username, body.available(), accounts.current());
    }
}
