package org.proofhub.hub.seal;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a seal may be used for. Each purpose has its own certificate policy and extended key usage,
 * so a verifier can tell from the certificate alone which kind of seal made a signature, and a key
 * made for one purpose is never accepted for another (SPEC §3.6).
 */
public enum SealPurpose {
    /** Seals e-proofs produced from shared data. */
    DATA_SHARING("证照数据共享查询核验专用章", 1),
    /** Seals e-proofs produced by a department verification. */
    VERIFICATION("电子证明核实信息专用章", 2),
    /** Signs the audit trail. */
    AUDIT("审计日志签名", 3),
    /**
     * Seals the letters of the commitment methods (告知书, 承诺书) that the hub makes from the list: neither of the
     * two proof seals may, as their keys serve nothing but their proofs (SPEC §3.6).
     */
    COMMITMENT_LETTER("告知承诺文书专用章", 4);

    private final String label;
    private final String policyOid;
    private final String extendedKeyUsageOid;

    SealPurpose(String label, int arcNumber) {
        this.label = label;
        this.policyOid = ProofHubOids.CERTIFICATE_POLICY_ARC + "." + arcNumber;
        this.extendedKeyUsageOid = ProofHubOids.EXTENDED_KEY_USAGE_ARC + "." + arcNumber;
    }

    /** The Chinese name of the seal, as printed on proofs and shown in the UI. */
    public String label() {
        return label;
    }

    /** The certificate policy OID that seal certificates of this purpose carry. */
    public String policyOid() {
        return policyOid;
    }

    /** The extended key usage OID that seal certificates of this purpose carry. */
    public String extendedKeyUsageOid() {
        return extendedKeyUsageOid;
    }

    public static Optional<SealPurpose> fromPolicyOid(String oid) {
        return Arrays.stream(values()).filter(p -> p.policyOid.equals(oid)).findFirst();
    }

    public static Optional<SealPurpose> fromExtendedKeyUsageOid(String oid) {
        return Arrays.stream(values()).filter(p -> p.extendedKeyUsageOid.equals(oid)).findFirst();
    }
}
