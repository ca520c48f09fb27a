package org.proofhub.hub.seal;

import java.util.Map;
import org.proofhub.hub.account.HubUser;
import org.proofhub.hub.audit.AuditLog;
import org.springframework.stereotype.Service;

/**
 * An administrator's changes to the seals, each written to the audit trail ({@code SEAL_CREATED}, {@code SEAL_ROTATED},
 * {@code SEAL_REVOKED}): what the REST API ({@code /api/seals}) and the console's seal page do.
 */
@Service
public class SealAdministration {
    private final SealRegistry registry;
    private final AuditLog audit;
    private final SealExpiryGauges gauges;

    public SealAdministration(SealRegistry registry, AuditLog audit, SealExpiryGauges gauges) {
        this.registry = registry;
        this.audit = audit;
        this.gauges = gauges;
    }

    public Seal create(SealPurpose purpose, String unitCode, SealAlgorithm algorithm, HubUser by) {
        return record("SEAL_CREATED", registry.create(purpose, unitCode, algorithm), by);
    }

    /** A new key and certificate take over, with the seal's algorithm or {@code algorithm}; proofs sealed before keep verifying. */
    public Seal rotate(String sealId, SealAlgorithm algorithm, HubUser by) {
        return record("SEAL_ROTATED", algorithm == null ? registry.rotate(sealId) : registry.rotate(sealId, algorithm), by);
    }

    /** The seal's certificate goes on the CRL; proofs time-stamped before stay valid. */
    public Seal revoke(String sealId, RevocationReason reason, HubUser by) {
        return record("SEAL_REVOKED", registry.revoke(sealId, reason == null ? RevocationReason.UNSPECIFIED : reason), by);
    }

    private Seal record(String action, Seal s, HubUser by) {
        audit.append(new AuditLog.Entry(by.username(), by.unitCode(), action, null, null,
                Map.of("seal", s.id(), "purpose", s.purpose().name(), "algorithm", s.algorithm().name())));
        // the expiry gauge follows at once: a rotated seal's successor is reported, the retired one no longer
        gauges.refresh();
        return s;
    }
}
