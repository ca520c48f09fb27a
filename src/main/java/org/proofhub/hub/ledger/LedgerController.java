package org.proofhub.hub.ledger;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.List;
import org.proofhub.hub.account.Accounts;
import org.proofhub.hub.account.HubUser;
import org.proofhub.hub.account.Role;
import org.proofhub.hub.platform.HubException;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The paper-proof ledger: record a paper proof taken anyway, list and report per unit and per item. */
@RestController
@RequestMapping("/api/ledger")
@Tag(name = "Paper-proof ledger", description = "纸质证明台账: where the certificate-free list is not yet lived")
class LedgerController {
    private final PaperProofLedger ledger;
    private final Accounts accounts;

    LedgerController(PaperProofLedger ledger, Accounts accounts) {
        this.ledger = ledger;
        this.accounts = accounts;
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('AGENT','SUPERVISOR')")
    @Operation(summary = "Record a paper proof the applicant handed in although the published list waives it (item, proof, date, reason)")
    ResponseEntity<PaperProofLedger.Line> record(@RequestBody PaperProofLedger.Receipt receipt) {
        return ResponseEntity.status(HttpStatus.CREATED).body(ledger.record(receipt, accounts.current()));
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('AGENT','SUPERVISOR','AUDITOR','ADMIN')")
    @Operation(summary = "Ledger lines, newest first; agents and supervisors see their own unit's")
    List<PaperProofLedger.Line> lines(@RequestParam(required = false) String unit, @RequestParam(required = false) String item,
                                      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        HubUser user = accounts.current();
        boolean everyUnit = user.has(Role.AUDITOR) || user.has(Role.ADMIN);
        if (!everyUnit && unit != null && !unit.equals(user.unitCode())) {
            throw new HubException(HttpStatus.FORBIDDEN, "ledger-other-unit", "Another unit's ledger",
                    "you see your own unit's ledger (" + user.unitCode() + "); the per-unit report covers every unit");
        }
        return ledger.lines(everyUnit ? unit : user.unitCode(), item, from, to);
    }

    @GetMapping("/report")
    @PreAuthorize("hasAnyRole('SUPERVISOR','AUDITOR','ADMIN','OPERATOR')")
    @Operation(summary = "Paper proofs per unit (by=unit) or per service item (by=item): count, by reason, by the method the list names")
    List<PaperProofLedger.ReportRow> report(@RequestParam(defaultValue = "unit") String by,
                                            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        if (!"unit".equals(by) && !"item".equals(by)) {
            throw HubException.badRequest("report-by", "by is 'unit' or 'item', not '" + by + "'");
        }
        return ledger.report("unit".equals(by), from, to);
    }
}
