package org.proofhub.hub.seal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.List;
import org.proofhub.hub.account.Accounts;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Managing seals: list with expiry, create, rotate (optionally to SM2), revoke. */
@RestController
@RequestMapping("/api/seals")
@Tag(name = "Seals", description = "Dedicated seals (专用章): data-sharing and verification seals, rotation, revocation")
class SealController {
    private final SealRegistry registry;
    private final SealAdministration administration;
    private final SealProperties properties;
    private final Accounts accounts;
    private final Clock clock;

    SealController(SealRegistry registry, SealAdministration administration, SealProperties properties, Accounts accounts, Clock clock) {
        this.registry = registry;
        this.administration = administration;
        this.properties = properties;
        this.accounts = accounts;
        this.clock = clock;
    }

    /** A seal with its certificate's expiry state. */
    record SealView(String id, SealPurpose purpose, String label, String unit, SealAlgorithm algorithm, SealStatus status,
                    String notBefore, String notAfter, boolean expiringSoon) {
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    @Operation(summary = "Every seal; expiringSoon marks certificates that end within hub.seal.expiry-warning")
    List<SealView> seals() {
        return registry.seals().stream().map(this::view).toList();
    }

    private SealView view(Seal s) {
        boolean expiring = registry.expiringWithin(properties.expiryWarning(), clock.instant()).stream().anyMatch(e -> e.id().equals(s.id()));
        return new SealView(s.id(), s.purpose(), s.purpose().label(), s.unitCode(), s.algorithm(), s.status(), s.notBefore().toString(),
                s.notAfter().toString(), expiring);
    }

    /** A new seal of a purpose for a unit. */
    record NewSeal(SealPurpose purpose, String unitCode, SealAlgorithm algorithm) {
    }

    @PostMapping
    @PreAuthorize("hasRole('ADMIN')")
    SealView create(@RequestBody NewSeal s) {
        return view(administration.create(s.purpose(), s.unitCode(), s.algorithm() == null ? properties.algorithm() : s.algorithm(),
                accounts.current()));
    }

    /** Rotation, optionally to another algorithm. */
    record Rotation(SealAlgorithm algorithm) {
    }

    @PostMapping("/{sealId}/rotate")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "A new key and certificate take over; proofs sealed before keep verifying")
    SealView rotate(@PathVariable String sealId, @RequestBody(required = false) Rotation r) {
        return view(administration.rotate(sealId, r == null ? null : r.algorithm(), accounts.current()));
    }

    /** Why a seal is revoked. */
    record Revocation(RevocationReason reason) {
    }

    @PostMapping("/{sealId}/revoke")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Revoke a seal: its certificate goes on the CRL; proofs time-stamped before stay valid")
    SealView revoke(@PathVariable String sealId, @RequestBody Revocation r) {
        return view(administration.revoke(sealId, r.reason(), accounts.current()));
    }
}
