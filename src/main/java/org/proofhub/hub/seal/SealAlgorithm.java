package org.proofhub.hub.seal;

import java.util.Arrays;
import java.util.Optional;

/**
 * Signature algorithm of a seal: the curve of its key, the signature and the digest.
 * {@link #ECDSA_P256_SHA256} is the default; {@link #SM2_SM3} follows GM/T 0009 and GM/T 0010.
 */
public enum SealAlgorithm {
    ECDSA_P256_SHA256("secp256r1", "1.2.840.10045.3.1.7",
            "SHA256withECDSA", "1.2.840.10045.4.3.2", "SHA-256", "2.16.840.1.101.3.4.2.1"),
    SM2_SM3("sm2p256v1", "1.2.156.10197.1.301",
            "SM3withSM2", "1.2.156.10197.1.501", "SM3", "1.2.156.10197.1.401");

    /** The algorithm used when none is named. */
    public static final SealAlgorithm DEFAULT = ECDSA_P256_SHA256;

    /** GM/T 0009 default signer ID, hashed into SM2's Z value; verifiers assume it when none is agreed. */
    public static final String SM2_DEFAULT_USER_ID = "1234567812345678";

    private final String curveName;
    private final String curveOid;
    private final String signatureAlgorithmName;
    private final String signatureOid;
    private final String digestAlgorithmName;
    private final String digestOid;

    SealAlgorithm(String curveName, String curveOid, String signatureAlgorithmName, String signatureOid,
                  String digestAlgorithmName, String digestOid) {
        this.curveName = curveName;
        this.curveOid = curveOid;
        this.signatureAlgorithmName = signatureAlgorithmName;
        this.signatureOid = signatureOid;
        this.digestAlgorithmName = digestAlgorithmName;
        this.digestOid = digestOid;
    }

    public String curveName() {
        return curveName;
    }

    public String curveOid() {
        return curveOid;
    }

    /** The JCA name of the signature algorithm. */
    public String signatureAlgorithmName() {
        return signatureAlgorithmName;
    }

    public String signatureOid() {
        return signatureOid;
    }

    /** The JCA name of the digest used for content, certificate hashes and time-stamp imprints. */
    public String digestAlgorithmName() {
        return digestAlgorithmName;
    }

    public String digestOid() {
        return digestOid;
    }

    public static Optional<SealAlgorithm> fromSignatureOid(String oid) {
        return Arrays.stream(values()).filter(a -> a.signatureOid.equals(oid)).findFirst();
    }

    public static Optional<SealAlgorithm> fromCurveOid(String oid) {
        return Arrays.stream(values()).filter(a -> a.curveOid.equals(oid)).findFirst();
    }
}
