package org.proofhub.hub.seal.internal;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.jcajce.spec.SM2ParameterSpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.proofhub.hub.seal.SealAlgorithm;

/**
 * How each {@link SealAlgorithm} maps onto Bouncy Castle: one place for key generation, signature
 * objects, digests and algorithm identifiers, so signer and verifier cannot drift apart.
 */
public final class BouncyCastleAlgorithms {

    private static final Provider PROVIDER = registeredProvider();

    private BouncyCastleAlgorithms() {
    }

    private static Provider registeredProvider() {
        // The JDK's own providers know neither SM2 nor SM3; some BC classes (PKCS#12, certificate objects)
        // look the provider up by name, so it is registered once as well as passed explicitly.
        Provider existing = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
        if (existing != null) {
            return existing;
        }
        Provider provider = new BouncyCastleProvider();
        Security.addProvider(provider);
        return provider;
    }

    public static Provider provider() {
        return PROVIDER;
    }

    public static KeyPair generateKeyPair(SealAlgorithm algorithm) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", PROVIDER);
        generator.initialize(new ECGenParameterSpec(algorithm.curveName()));
        return generator.generateKeyPair();
    }

    /** A fresh, not yet initialised {@link Signature}; SM2 carries the default user ID. */
    public static Signature newSignature(SealAlgorithm algorithm) throws GeneralSecurityException {
        Signature signature = Signature.getInstance(algorithm.signatureAlgorithmName(), PROVIDER);
        if (algorithm == SealAlgorithm.SM2_SM3) {
            signature.setParameter(new SM2ParameterSpec(
                    SealAlgorithm.SM2_DEFAULT_USER_ID.getBytes(StandardCharsets.US_ASCII)));
        }
        return signature;
    }

    public static byte[] digest(SealAlgorithm algorithm, byte[] data) {
        try {
            return messageDigest(algorithm.digestOid(), algorithm.digestAlgorithmName()).digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Bouncy Castle lacks " + algorithm.digestAlgorithmName(), e);
        }
    }

    /** Digests with the algorithm {@code digestOid} names, e.g. a time-stamp imprint or an ESSCertIDv2 hash. */
    public static byte[] digest(ASN1ObjectIdentifier digestOid, byte[] data) throws GeneralSecurityException {
        // Bouncy Castle registers its digests under their OIDs as well as their names
        return messageDigest(digestOid.getId(), digestOid.getId()).digest(data);
    }

    private static final String SHA256_OID = "2.16.840.1.101.3.4.2.1";

    /**
     * SHA-256 from the JDK, whose implementation the JIT replaces by the processor's SHA instructions: several times
     * faster than Bouncy Castle's Java one over a PDF's signed byte ranges (a fifteenth of the CPU of a sealed PDF went
     * there). The digest is the same; everything else (SM3) comes from Bouncy Castle.
     */
    private static MessageDigest messageDigest(String oid, String name) throws GeneralSecurityException {
        return SHA256_OID.equals(oid) ? MessageDigest.getInstance("SHA-256") : MessageDigest.getInstance(name, PROVIDER);
    }

    /**
     * Digest calculators for CMS generators and verifiers: SHA-256 from the JDK (see {@link #messageDigest}), every other
     * digest (SM3) from Bouncy Castle. A sealer's CMS generator digests the content again to check it against the
     * prepared message-digest attribute: for a PDF that is the whole signed byte range.
     */
    public static DigestCalculatorProvider digestCalculators() {
        try {
            DigestCalculatorProvider jdk = new JcaDigestCalculatorProviderBuilder().build();
            DigestCalculatorProvider bouncyCastle = new JcaDigestCalculatorProviderBuilder().setProvider(PROVIDER).build();
            return algorithm -> SHA256_OID.equals(algorithm.getAlgorithm().getId()) ? jdk.get(algorithm) : bouncyCastle.get(algorithm);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("digest calculators are not available", e);
        }
    }

    /** Without parameters, as RFC 5758 (ECDSA) and GM/T 0010 (SM2) encode them. */
    public static AlgorithmIdentifier signatureAlgorithmIdentifier(SealAlgorithm algorithm) {
        return new AlgorithmIdentifier(new ASN1ObjectIdentifier(algorithm.signatureOid()));
    }

    /** Without parameters, so that SHA-256 matches the ESSCertIDv2 default and is left out of its encoding. */
    public static AlgorithmIdentifier digestAlgorithmIdentifier(SealAlgorithm algorithm) {
        return new AlgorithmIdentifier(new ASN1ObjectIdentifier(algorithm.digestOid()));
    }

    /** The algorithm whose curve a public key lies on, if it is one of ours. */
    public static Optional<SealAlgorithm> algorithmOf(PublicKey publicKey) {
        AlgorithmIdentifier keyAlgorithm = SubjectPublicKeyInfo.getInstance(publicKey.getEncoded()).getAlgorithm();
        if (!(keyAlgorithm.getParameters() instanceof ASN1ObjectIdentifier curve)) {
            return Optional.empty();
        }
        return SealAlgorithm.fromCurveOid(curve.getId());
    }
}
