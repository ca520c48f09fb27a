package org.proofhub.hub.seal.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.proofhub.hub.seal.CertificateAuthority;
import org.proofhub.hub.seal.CertificateAuthorityException;
import org.proofhub.hub.seal.RevocationReason;
import org.proofhub.hub.seal.SealAlgorithm;
import org.proofhub.hub.seal.SealPurpose;
import org.proofhub.hub.seal.SigningToken;
import org.proofhub.hub.seal.TrustAnchors;
import org.proofhub.hub.seal.internal.CertificateAuthorityIndex.IssuedCertificate;

/**
 * A CA run by the hub itself, for development, tests and demonstrations: on first use it makes one
 * self-signed root per algorithm family and keeps their keys in {@code ca/ca.p12}. In production the
 * seal certificates come from a licensed e-seal CA instead; this class is what stands in for it.
 */
public final class LocalCertificateAuthority implements CertificateAuthority {

    static final String KEY_STORE_FILE = "ca.p12";
    static final String INDEX_FILE = "ca.json";
    static final String ROOTS_FILE = "roots.pem";

    private static final Duration ROOT_VALIDITY = Duration.ofDays(20 * 365);
    private static final Duration TIME_STAMPING_VALIDITY = Duration.ofDays(10 * 365);
    /** How long a CRL is handed out again before a new one is signed, unless a revocation makes it wrong first. */
    private static final Duration CRL_REISSUE_INTERVAL = Duration.ofHours(1);

    private final SigningToken token;
    private final Path indexFile;
    private final Clock clock;
    private final Duration sealCertificateValidity;
    private final Duration crlValidity;
    private final JcaX509ExtensionUtils extensionUtils;
    private final Duration crlReissueInterval;
    // every verification asks for the current CRLs: signing two CRLs and rewriting ca.json each time, under this
    // object's lock, made verification the CA's queue; a CRL stays correct until the next revocation. The last CRL of
    // each root (by ordinal) is kept with its thisUpdate in an array replaced whole, so that a recent one is returned
    // without the lock and without parsing its date again
    private volatile IssuedCrl[] lastCrls = new IssuedCrl[Root.values().length];

    private record IssuedCrl(X509CRL crl, Instant thisUpdate) {
    }
    private CertificateAuthorityIndex index;

    private enum Root {
        ECDSA("root-ecdsa", SealAlgorithm.ECDSA_P256_SHA256, "Proof Hub Demo Root CA (ECDSA P-256)"),
        SM2("root-sm2", SealAlgorithm.SM2_SM3, "Proof Hub Demo Root CA (SM2)");

        final String alias;
        final SealAlgorithm algorithm;
        final String commonName;

        Root(String alias, SealAlgorithm algorithm, String commonName) {
            this.alias = alias;
            this.algorithm = algorithm;
            this.commonName = commonName;
        }

        static Root of(SealAlgorithm algorithm) {
            return Arrays.stream(values()).filter(r -> r.algorithm == algorithm).findFirst()
                    .orElseThrow(() -> new CertificateAuthorityException(algorithm.name(), "no root for this algorithm", null));
        }
    }

    private LocalCertificateAuthority(SigningToken token, Path indexFile, Clock clock, Duration sealCertificateValidity,
                                      Duration crlValidity) {
        this.token = token;
        this.indexFile = indexFile;
        this.clock = clock;
        this.sealCertificateValidity = sealCertificateValidity;
        this.crlValidity = crlValidity;
        // a verifier accepts a CRL until its next update, so reissuing well before that keeps every handed-out CRL current
        Duration halfValidity = crlValidity.dividedBy(2);
        this.crlReissueInterval = halfValidity.compareTo(CRL_REISSUE_INTERVAL) < 0 ? halfValidity : CRL_REISSUE_INTERVAL;
        try {
            this.extensionUtils = new JcaX509ExtensionUtils();
        } catch (GeneralSecurityException e) {
            throw new CertificateAuthorityException("key identifiers", "SHA-1 is not available", e);
        }
        this.index = JsonFiles.read(indexFile, CertificateAuthorityIndex.class).orElse(CertificateAuthorityIndex.empty());
    }

    /**
     * Opens the CA kept in {@code directory}, creating its roots on first use and writing them to
     * {@code roots.pem} for offline verifiers.
     */
    public static LocalCertificateAuthority open(Path directory, char[] password, Clock clock,
                                                 Duration sealCertificateValidity, Duration crlValidity) {
        SigningToken token = Pkcs12SigningToken.open(directory.resolve(KEY_STORE_FILE), password);
        LocalCertificateAuthority authority = new LocalCertificateAuthority(token, directory.resolve(INDEX_FILE), clock,
                sealCertificateValidity, crlValidity);
        // the roots of a new CA in one write of its key store (each write encrypts every key in it again)
        token.inOneWrite(() -> {
            for (Root root : Root.values()) {
                if (!token.aliases().contains(root.alias)) {
                    token.generateKey(root.alias, root.algorithm, publicKey -> List.of(authority.selfSign(root, publicKey)));
                }
            }
            return null;
        });
        authority.writeRootsIfChanged(directory.resolve(ROOTS_FILE));
        return authority;
    }

    private void writeRootsIfChanged(Path rootsFile) {
        byte[] pem = trustAnchors().toPem().getBytes(StandardCharsets.US_ASCII);
        if (!Files.exists(rootsFile) || !Arrays.equals(AtomicFiles.read(rootsFile), pem)) {
            AtomicFiles.write(rootsFile, pem);
        }
    }

    private X509Certificate selfSign(Root root, PublicKey publicKey) {
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "CN").addRDN(BCStyle.O, "Proof Hub").addRDN(BCStyle.CN, root.commonName).build();
        Instant notBefore = now();
        return build(name, name, null, root, publicKey, notBefore, notBefore.plus(ROOT_VALIDITY), List.of(
                new Extension(Extension.basicConstraints, true, encode(new BasicConstraints(true))),
                new Extension(Extension.keyUsage, true, encode(new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)))));
    }

    @Override
    public synchronized List<X509Certificate> issueSealCertificate(String sealId, SealPurpose purpose, String unitCode,
                                                                   SealAlgorithm algorithm, PublicKey publicKey) {
        requireKeyFits(sealId, algorithm, publicKey);
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "CN")
                .addRDN(BCStyle.ORGANIZATION_IDENTIFIER, unitCode)
                .addRDN(BCStyle.OU, purpose.label())
                .addRDN(BCStyle.CN, sealId)
                .build();
        return issue(subject, Root.of(algorithm), publicKey, sealCertificateValidity, List.of(
                new Extension(Extension.basicConstraints, true, encode(new BasicConstraints(false))),
                new Extension(Extension.keyUsage, true,
                        encode(new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation))),
                // critical: software that does not know the purpose must not accept the key for anything else
                new Extension(Extension.extendedKeyUsage, true, encode(new ExtendedKeyUsage(
                        KeyPurposeId.getInstance(new ASN1ObjectIdentifier(purpose.extendedKeyUsageOid()))))),
                new Extension(Extension.certificatePolicies, false, encode(new CertificatePolicies(
                        new PolicyInformation(new ASN1ObjectIdentifier(purpose.policyOid())))))));
    }

    @Override
    public synchronized List<X509Certificate> issueTimeStampingCertificate(String name, PublicKey publicKey) {
        requireKeyFits(name, Root.ECDSA.algorithm, publicKey);
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "CN").addRDN(BCStyle.O, "Proof Hub").addRDN(BCStyle.CN, name).build();
        return issue(subject, Root.ECDSA, publicKey, TIME_STAMPING_VALIDITY, List.of(
                new Extension(Extension.basicConstraints, true, encode(new BasicConstraints(false))),
                new Extension(Extension.keyUsage, true,
                        encode(new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation))),
                // RFC 3161 §2.3: exactly this one purpose, critical
                new Extension(Extension.extendedKeyUsage, true,
                        encode(new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping)))));
    }

    private List<X509Certificate> issue(X500Name subject, Root root, PublicKey publicKey, Duration validity,
                                        List<Extension> extensions) {
        X509Certificate rootCertificate = rootCertificate(root);
        Instant notBefore = now();
        Instant rootEnd = rootCertificate.getNotAfter().toInstant();
        Instant notAfter = notBefore.plus(validity).isAfter(rootEnd) ? rootEnd : notBefore.plus(validity);
        X509Certificate certificate = build(subject, X500Name.getInstance(rootCertificate.getSubjectX500Principal().getEncoded()),
                rootCertificate, root, publicKey, notBefore, notAfter, extensions);
        index = index.withIssued(new IssuedCertificate(certificate.getSerialNumber().toString(16), subject.toString(),
                root.alias, notAfter, null, null));
        JsonFiles.write(indexFile, index);
        return List.of(certificate, rootCertificate);
    }

    private X509Certificate build(X500Name subject, X500Name issuer, X509Certificate issuerCertificate, Root root,
                                  PublicKey publicKey, Instant notBefore, Instant notAfter, List<Extension> extensions) {
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, SerialNumbers.next(),
                    Date.from(notBefore), Date.from(notAfter), subject, publicKey);
            for (Extension extension : extensions) {
                builder.addExtension(extension);
            }
            builder.addExtension(Extension.subjectKeyIdentifier, false, extensionUtils.createSubjectKeyIdentifier(publicKey));
            if (issuerCertificate != null) {
                builder.addExtension(Extension.authorityKeyIdentifier, false,
                        extensionUtils.createAuthorityKeyIdentifier(issuerCertificate));
            }
            return new JcaX509CertificateConverter().setProvider(BouncyCastleAlgorithms.provider())
                    .getCertificate(builder.build(new SigningTokenContentSigner(token, root.alias, root.algorithm)));
        } catch (CertIOException | GeneralSecurityException e) {
            throw new CertificateAuthorityException(subject.toString(), "certificate cannot be built", e);
        }
    }

    @Override
    public synchronized void revoke(BigInteger serialNumber, RevocationReason reason) {
        String serial = serialNumber.toString(16);
        IssuedCertificate issued = index.issued().stream().filter(c -> c.serialNumber().equals(serial)).findFirst()
                .orElseThrow(() -> new CertificateAuthorityException("serial " + serial, "was not issued by this CA", null));
        if (issued.isRevoked()) {
            return;
        }
        index = index.withReplaced(issued, issued.revoked(now(), reason));
        JsonFiles.write(indexFile, index);
        // the last CRLs do not list this revocation: the next request signs new ones
        lastCrls = new IssuedCrl[Root.values().length];
    }

    @Override
    public X509CRL currentCrl(SealAlgorithm algorithm) {
        Root root = Root.of(algorithm);
        IssuedCrl last = lastCrls[root.ordinal()];
        if (last != null && isRecent(last, now())) {
            return last.crl();
        }
        return newCrl(root);
    }

    private synchronized X509CRL newCrl(Root root) {
        Instant thisUpdate = now();
        IssuedCrl last = lastCrls[root.ordinal()];
        if (last != null && isRecent(last, thisUpdate)) {
            return last.crl();
        }
        X509Certificate rootCertificate = rootCertificate(root);
        long crlNumber = index.lastCrlNumber() + 1;
        try {
            X509v2CRLBuilder builder = new JcaX509v2CRLBuilder(rootCertificate, Date.from(thisUpdate));
            builder.setNextUpdate(Date.from(thisUpdate.plus(crlValidity)));
            // expired certificates stay on the CRL: old proofs are judged at their time-stamp time
            for (IssuedCertificate issued : index.issued()) {
                if (issued.isRevoked() && issued.issuerAlias().equals(root.alias)) {
                    builder.addCRLEntry(new BigInteger(issued.serialNumber(), 16), Date.from(issued.revokedAt()),
                            issued.reason().code());
                }
            }
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(crlNumber)));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    extensionUtils.createAuthorityKeyIdentifier(rootCertificate));
            X509CRL crl = new JcaX509CRLConverter().setProvider(BouncyCastleAlgorithms.provider())
                    .getCRL(builder.build(new SigningTokenContentSigner(token, root.alias, root.algorithm)));
            index = index.withLastCrlNumber(crlNumber);
            JsonFiles.write(indexFile, index);
            IssuedCrl[] crls = lastCrls.clone();
            crls[root.ordinal()] = new IssuedCrl(crl, crl.getThisUpdate().toInstant());
            lastCrls = crls;
            return crl;
        } catch (CertIOException | GeneralSecurityException e) {
            throw new CertificateAuthorityException(root.commonName, "CRL cannot be built", e);
        }
    }

    private boolean isRecent(IssuedCrl crl, Instant now) {
        Instant issued = crl.thisUpdate();
        // a clock set back (a corrected server clock, a test) gets a new CRL rather than one issued in its future
        return !now.isBefore(issued) && now.isBefore(issued.plus(crlReissueInterval));
    }

    @Override
    public List<X509CRL> currentCrls() {
        List<X509CRL> crls = new ArrayList<>();
        for (Root root : Root.values()) {
            crls.add(currentCrl(root.algorithm));
        }
        return List.copyOf(crls);
    }

    @Override
    public TrustAnchors trustAnchors() {
        return new TrustAnchors(Arrays.stream(Root.values()).map(this::rootCertificate).toList());
    }

    private X509Certificate rootCertificate(Root root) {
        return token.certificateChain(root.alias).get(0);
    }

    private void requireKeyFits(String subject, SealAlgorithm algorithm, PublicKey publicKey) {
        SealAlgorithm keyAlgorithm = BouncyCastleAlgorithms.algorithmOf(publicKey).orElse(null);
        if (keyAlgorithm != algorithm) {
            throw new CertificateAuthorityException(subject, "a " + algorithm + " certificate needs a key on "
                    + algorithm.curveName() + ", got " + (keyAlgorithm == null ? publicKey.getAlgorithm() : keyAlgorithm), null);
        }
    }


    private Instant now() {
        // X.509 and CRL times have whole seconds; truncating here keeps the stored and the encoded times equal
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private static byte[] encode(org.bouncycastle.asn1.ASN1Object value) {
        try {
            return value.getEncoded();
        } catch (IOException e) {
            throw new CertificateAuthorityException(value.getClass().getSimpleName(), "cannot be encoded", e);
        }
    }
}
