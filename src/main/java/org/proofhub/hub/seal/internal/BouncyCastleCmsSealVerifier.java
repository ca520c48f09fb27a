package org.proofhub.hub.seal.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.SignerId;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.DefaultCMSSignatureAlgorithmNameGenerator;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.jcajce.io.OutputStreamFactory;
import org.bouncycastle.operator.ContentVerifier;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.RuntimeOperatorException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.util.Selector;
import org.bouncycastle.util.Store;
import org.proofhub.hub.seal.SealAlgorithm;
import org.proofhub.hub.seal.SealCheck;
import org.proofhub.hub.platform.LocalisedReason;
import org.proofhub.hub.seal.SealPurpose;
import org.proofhub.hub.seal.SealReason;
import org.proofhub.hub.seal.SealVerification;
import org.proofhub.hub.seal.SealVerification.CheckResult;
import org.proofhub.hub.seal.SealVerification.Status;
import org.proofhub.hub.seal.SealVerifier;
import org.proofhub.hub.seal.TrustAnchors;

/**
 * Verifies the detached CMS seals of {@link BouncyCastleCmsSealer} (and any CAdES-BES-like signature of
 * the same shape). Each check is computed on its own, so a report says exactly what is wrong: an altered
 * proof fails only the content digest, an altered signature only the signature.
 */
public final class BouncyCastleCmsSealVerifier implements SealVerifier {

    @Override
    public SealVerification verify(byte[] content, byte[] cmsDer, TrustAnchors anchors, Collection<X509CRL> crls,
                                   Instant now) {
        return new Verification(content, anchors, crls, now).run(cmsDer);
    }

    /** The state of one verification; the checks fill in the report fields as they learn them. */
    private static final class Verification {
        private final byte[] content;
        private final TrustAnchors anchors;
        private final Collection<X509CRL> crls;
        private final Instant now;
        private final Map<SealCheck, CheckResult> results = new EnumMap<>(SealCheck.class);

        private CMSSignedData signedData;
        private SignerInformation signer;
        private SealAlgorithm algorithm;
        private List<X509Certificate> certificates = List.of();
        private X509Certificate sealCertificate;
        private String sealId;
        private String unitCode;
        private SealPurpose purpose;
        private Instant signingTime;
        private Instant timeStampTime;
        private PkixValidation.Result sealCertificatePath;
        /** The path that validated when these bytes were checked before, against the same anchors at the same time. */
        private PkixValidation.Result knownPath;

        @FunctionalInterface
        private interface CheckedStep {
            void run() throws Exception;
        }

        Verification(byte[] content, TrustAnchors anchors, Collection<X509CRL> crls, Instant now) {
            this.content = content;
            this.anchors = anchors;
            this.crls = crls;
            this.now = now;
        }

        SealVerification run(byte[] cmsDer) {
            ByteBuffer key = VerifiedSeals.key(content, cmsDer, anchors.certificates());
            VerifiedSeals.Facts known = VerifiedSeals.get(key);
            if (known != null && !known.timeStampTime().isAfter(now)) {
                recall(known);
                guarded(SealCheck.CERTIFICATE_CHAIN, this::checkChain);
                guarded(SealCheck.REVOCATION, this::checkRevocation);
            } else {
                guarded(SealCheck.FORMAT, () -> checkFormat(cmsDer));
                if (results.get(SealCheck.FORMAT).status() == Status.PASSED) {
                    guarded(SealCheck.SIGNATURE, this::checkSignature);
                    guarded(SealCheck.CONTENT_DIGEST, this::checkContentDigest);
                    guarded(SealCheck.SIGNING_CERTIFICATE, this::checkSigningCertificate);
                    guarded(SealCheck.TIME_STAMP, this::checkTimeStamp);
                    guarded(SealCheck.CERTIFICATE_CHAIN, this::checkChain);
                    guarded(SealCheck.SEAL_PURPOSE, this::checkPurpose);
                    guarded(SealCheck.REVOCATION, this::checkRevocation);
                    remember(key);
                }
            }
            List<CheckResult> checks = new ArrayList<>();
            for (SealCheck check : SealCheck.values()) {
                checks.add(results.getOrDefault(check, new CheckResult(check, Status.INDETERMINATE,
                        LocalisedReason.of(SealReason.NOT_CHECKED_UNREADABLE, SealCheck.FORMAT))));
            }
            boolean valid = checks.stream().allMatch(c -> c.status() == Status.PASSED);
            return new SealVerification(valid, checks, sealId, purpose, unitCode, algorithm, signingTime, timeStampTime);
        }

        /** The checks that depend on the presented bytes alone, when all of them passed (see {@link VerifiedSeals}). */
        private static final List<SealCheck> BYTES_ONLY = List.of(SealCheck.FORMAT, SealCheck.SIGNATURE, SealCheck.CONTENT_DIGEST,
                SealCheck.SIGNING_CERTIFICATE, SealCheck.TIME_STAMP, SealCheck.SEAL_PURPOSE);

        private void remember(ByteBuffer key) {
            Map<SealCheck, CheckResult> established = new EnumMap<>(SealCheck.class);
            for (SealCheck check : BYTES_ONLY) {
                CheckResult r = results.get(check);
                if (r == null || r.status() != Status.PASSED) {
                    return;
                }
                established.put(check, r);
            }
            if (sealCertificate == null || timeStampTime == null) {
                return;
            }
            VerifiedSeals.remember(key, new VerifiedSeals.Facts(established, sealCertificate, certificates, sealId, unitCode, purpose,
                    algorithm, signingTime, timeStampTime, sealCertificatePath));
        }

        private void recall(VerifiedSeals.Facts known) {
            results.putAll(known.results());
            sealCertificate = known.sealCertificate();
            certificates = known.certificates();
            sealId = known.sealId();
            unitCode = known.unitCode();
            purpose = known.purpose();
            algorithm = known.algorithm();
            signingTime = known.signingTime();
            timeStampTime = known.timeStampTime();
            knownPath = known.sealCertificatePath();
        }

        /** The seal is untrusted input: whatever breaks while checking it is a verdict, never an exception. */
        private void guarded(SealCheck check, CheckedStep step) {
            try {
                step.run();
            } catch (Exception e) {
                fail(check, SealReason.UNREADABLE, e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
            }
        }

        private boolean checkFormat(byte[] cmsDer) throws CMSException {
            signedData = new CMSSignedData(cmsDer);
            if (!signedData.isDetachedSignature()) {
                return fail(SealCheck.FORMAT, SealReason.FORMAT_ENCAPSULATED);
            }
            if (!CMSObjectIdentifiers.data.getId().equals(signedData.getSignedContentTypeOID())) {
                return fail(SealCheck.FORMAT, SealReason.FORMAT_CONTENT_TYPE, signedData.getSignedContentTypeOID());
            }
            Collection<SignerInformation> signers = signedData.getSignerInfos().getSigners();
            if (signers.size() != 1) {
                return fail(SealCheck.FORMAT, SealReason.FORMAT_SIGNER_COUNT, signers.size());
            }
            signer = signers.iterator().next();
            Optional<SealAlgorithm> found = SealAlgorithm.fromSignatureOid(signer.getEncryptionAlgOID());
            if (found.isEmpty()) {
                return fail(SealCheck.FORMAT, SealReason.FORMAT_ALGORITHM_UNSUPPORTED, signer.getEncryptionAlgOID());
            }
            algorithm = found.get();
            if (!algorithm.digestOid().equals(signer.getDigestAlgOID())) {
                return fail(SealCheck.FORMAT, SealReason.FORMAT_DIGEST_ALGORITHM, algorithm, algorithm.digestAlgorithmName(),
                        signer.getDigestAlgOID());
            }
            if (signer.getSignedAttributes() == null) {
                return fail(SealCheck.FORMAT, SealReason.FORMAT_NO_SIGNED_ATTRIBUTES);
            }
            certificates = toX509(signedData.getCertificates());
            sealCertificate = findCertificate(signedData.getCertificates(), signer).orElse(null);
            signingTime = signedAttribute(CMSAttributes.signingTime).map(v -> Time.getInstance(v).getDate().toInstant())
                    .orElse(null);
            if (sealCertificate != null) {
                readSubject(sealCertificate);
            }
            return pass(SealCheck.FORMAT, SealReason.FORMAT_OK, algorithm);
        }

        private void checkSignature() {
            if (sealCertificate == null) {
                fail(SealCheck.SIGNATURE, SealReason.SIGNATURE_NO_CERTIFICATE);
                return;
            }
            if (BouncyCastleAlgorithms.algorithmOf(sealCertificate.getPublicKey()).orElse(null) != algorithm) {
                fail(SealCheck.SIGNATURE, SealReason.SIGNATURE_KEY_TYPE, algorithm.curveName());
                return;
            }
            try {
                byte[] signedAttributes = signer.getEncodedSignedAttributes();
                ByteBuffer checked = VerifiedSignatures.key("cms-signer", sealCertificate.getEncoded(), signedAttributes,
                        signer.getSignature());
                if (VerifiedSignatures.contains(checked)) {
                    pass(SealCheck.SIGNATURE, SealReason.SIGNATURE_OK, algorithm, sealId);
                    return;
                }
                Signature verifier = BouncyCastleAlgorithms.newSignature(algorithm);
                verifier.initVerify(sealCertificate.getPublicKey());
                verifier.update(signedAttributes);
                if (verifier.verify(signer.getSignature())) {
                    VerifiedSignatures.remember(checked);
                    pass(SealCheck.SIGNATURE, SealReason.SIGNATURE_OK, algorithm, sealId);
                } else {
                    fail(SealCheck.SIGNATURE, SealReason.SIGNATURE_INVALID, algorithm, sealId);
                }
            } catch (GeneralSecurityException | IOException e) {
                fail(SealCheck.SIGNATURE, SealReason.SIGNATURE_MALFORMED, e.getMessage());
            }
        }

        private void checkContentDigest() {
            Optional<ASN1Encodable> contentType = signedAttribute(CMSAttributes.contentType);
            if (contentType.isEmpty() || !CMSObjectIdentifiers.data.equals(contentType.get())) {
                fail(SealCheck.CONTENT_DIGEST, SealReason.CONTENT_DIGEST_NO_CONTENT_TYPE);
                return;
            }
            Optional<ASN1Encodable> messageDigest = signedAttribute(CMSAttributes.messageDigest);
            if (messageDigest.isEmpty()) {
                fail(SealCheck.CONTENT_DIGEST, SealReason.CONTENT_DIGEST_NO_MESSAGE_DIGEST);
                return;
            }
            byte[] sealed = ASN1OctetString.getInstance(messageDigest.get()).getOctets();
            byte[] actual = BouncyCastleAlgorithms.digest(algorithm, content);
            String name = algorithm.digestAlgorithmName();
            if (MessageDigest.isEqual(sealed, actual)) {
                pass(SealCheck.CONTENT_DIGEST, SealReason.CONTENT_DIGEST_MATCHES, name, hex(actual));
            } else {
                fail(SealCheck.CONTENT_DIGEST, SealReason.CONTENT_DIGEST_DIFFERS, name, hex(actual), hex(sealed));
            }
        }

        private void checkSigningCertificate() {
            if (sealCertificate == null) {
                indeterminate(SealCheck.SIGNING_CERTIFICATE, SealReason.SIGNING_CERTIFICATE_NOTHING_TO_COMPARE);
                return;
            }
            Optional<ASN1Encodable> attribute = signedAttribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2);
            if (attribute.isEmpty()) {
                fail(SealCheck.SIGNING_CERTIFICATE, SealReason.SIGNING_CERTIFICATE_MISSING);
                return;
            }
            try {
                ESSCertIDv2 certId = SigningCertificateV2.getInstance(attribute.get()).getCerts()[0];
                byte[] hash = BouncyCastleAlgorithms.digest(certId.getHashAlgorithm().getAlgorithm(),
                        sealCertificate.getEncoded());
                boolean serialMatches = certId.getIssuerSerial() == null
                        || certId.getIssuerSerial().getSerial().hasValue(sealCertificate.getSerialNumber());
                if (MessageDigest.isEqual(hash, certId.getCertHash()) && serialMatches) {
                    pass(SealCheck.SIGNING_CERTIFICATE, SealReason.SIGNING_CERTIFICATE_OK, sealCertificate.getSerialNumber().toString(16));
                } else {
                    fail(SealCheck.SIGNING_CERTIFICATE, SealReason.SIGNING_CERTIFICATE_SUBSTITUTED);
                }
            } catch (GeneralSecurityException | RuntimeException e) {
                fail(SealCheck.SIGNING_CERTIFICATE, SealReason.SIGNING_CERTIFICATE_UNREADABLE, e.getMessage());
            }
        }

        private void checkTimeStamp() throws TSPException, IOException, OperatorCreationException, CertificateException {
            AttributeTable unsigned = signer.getUnsignedAttributes();
            Attribute attribute = unsigned == null ? null : unsigned.get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
            if (attribute == null) {
                fail(SealCheck.TIME_STAMP, SealReason.TIME_STAMP_MISSING);
                return;
            }
            TimeStampToken token = new TimeStampToken(ContentInfo.getInstance(attribute.getAttrValues().getObjectAt(0)));
            X509CertificateHolder tsaCertificate = matching(token.getCertificates(), token.getSID()).orElse(null);
            if (tsaCertificate == null) {
                fail(SealCheck.TIME_STAMP, SealReason.TIME_STAMP_NO_TSA_CERTIFICATE);
                return;
            }
            X509Certificate tsa = toX509(tsaCertificate);
            // what validate() checks depends on the token's and the certificate's bytes alone
            ByteBuffer validated = VerifiedSignatures.key("time-stamp", token.getEncoded(), tsaCertificate.getEncoded());
            if (!VerifiedSignatures.contains(validated)) {
                try {
                    // signature, ESS binding to the TSA certificate, its validity at genTime, EKU timeStamping
                    token.validate(timeStampVerifier(tsa));
                } catch (TSPException e) {
                    fail(SealCheck.TIME_STAMP, SealReason.TIME_STAMP_INVALID, e.getMessage());
                    return;
                }
                VerifiedSignatures.remember(validated);
            }
            byte[] imprint;
            try {
                imprint = BouncyCastleAlgorithms.digest(token.getTimeStampInfo().getMessageImprintAlgOID(),
                        signer.getSignature());
            } catch (GeneralSecurityException e) {
                fail(SealCheck.TIME_STAMP, SealReason.TIME_STAMP_UNKNOWN_IMPRINT_ALGORITHM, token.getTimeStampInfo().getMessageImprintAlgOID());
                return;
            }
            if (!MessageDigest.isEqual(imprint, token.getTimeStampInfo().getMessageImprintDigest())) {
                fail(SealCheck.TIME_STAMP, SealReason.TIME_STAMP_OTHER_DATA);
                return;
            }
            Instant genTime = token.getTimeStampInfo().getGenTime().toInstant();
            if (genTime.isAfter(now)) {
                fail(SealCheck.TIME_STAMP, SealReason.TIME_STAMP_IN_THE_FUTURE, genTime, now);
                return;
            }
            PkixValidation.Result path = PkixValidation.validate(tsa, certificates(token), anchors, genTime);
            if (!path.valid()) {
                fail(SealCheck.TIME_STAMP, SealReason.TIME_STAMP_TSA_UNTRUSTED, subject(tsa), genTime, path.problem());
                return;
            }
            timeStampTime = genTime;
            pass(SealCheck.TIME_STAMP, SealReason.TIME_STAMP_OK, genTime, subject(tsa));
        }

        private void checkChain() {
            if (sealCertificate == null) {
                indeterminate(SealCheck.CERTIFICATE_CHAIN, SealReason.NO_SEAL_CERTIFICATE);
                return;
            }
            PkixValidation.Result path = knownPath != null ? knownPath
                    : PkixValidation.validate(sealCertificate, certificates, anchors, validationTime());
            if (!path.valid()) {
                fail(SealCheck.CERTIFICATE_CHAIN, SealReason.CERTIFICATE_CHAIN_NO_PATH, validationTimeReason(), path.problem());
                return;
            }
            sealCertificatePath = path;
            Instant notAfter = notAfter(sealCertificate);
            if (notAfter.isBefore(now)) {
                pass(SealCheck.CERTIFICATE_CHAIN, SealReason.CERTIFICATE_CHAIN_OK_EXPIRED_SINCE, subject(path.anchor()),
                        validationTimeReason(), notAfter);
            } else {
                pass(SealCheck.CERTIFICATE_CHAIN, SealReason.CERTIFICATE_CHAIN_OK, subject(path.anchor()), validationTimeReason());
            }
        }

        private void checkPurpose() {
            if (sealCertificate == null) {
                indeterminate(SealCheck.SEAL_PURPOSE, SealReason.NO_SEAL_CERTIFICATE);
                return;
            }
            Extensions extensions = holder(sealCertificate).getExtensions();
            List<SealPurpose> byPolicy = new ArrayList<>();
            CertificatePolicies policies = extensions == null ? null : CertificatePolicies.fromExtensions(extensions);
            if (policies != null) {
                for (PolicyInformation policy : policies.getPolicyInformation()) {
                    SealPurpose.fromPolicyOid(policy.getPolicyIdentifier().getId()).ifPresent(byPolicy::add);
                }
            }
            if (byPolicy.size() != 1) {
                fail(SealCheck.SEAL_PURPOSE, SealReason.SEAL_PURPOSE_POLICY_COUNT, byPolicy.size());
                return;
            }
            SealPurpose policyPurpose = byPolicy.get(0);
            purpose = policyPurpose;
            ExtendedKeyUsage usages = ExtendedKeyUsage.fromExtensions(extensions);
            List<SealPurpose> byUsage = new ArrayList<>();
            if (usages != null) {
                for (KeyPurposeId usage : usages.getUsages()) {
                    SealPurpose.fromExtendedKeyUsageOid(usage.toOID().getId()).ifPresent(byUsage::add);
                }
            }
            if (!byUsage.equals(List.of(policyPurpose))) {
                fail(SealCheck.SEAL_PURPOSE, SealReason.SEAL_PURPOSE_EXTENDED_KEY_USAGE, policyPurpose, byUsage);
                return;
            }
            KeyUsage keyUsage = KeyUsage.fromExtensions(extensions);
            if (keyUsage == null || !keyUsage.hasUsages(KeyUsage.digitalSignature | KeyUsage.nonRepudiation)) {
                fail(SealCheck.SEAL_PURPOSE, SealReason.SEAL_PURPOSE_KEY_USAGE);
                return;
            }
            pass(SealCheck.SEAL_PURPOSE, SealReason.SEAL_PURPOSE_OK, policyPurpose, policyPurpose.label(), policyPurpose.policyOid(),
                    policyPurpose.extendedKeyUsageOid());
        }

        private void checkRevocation() {
            if (sealCertificatePath == null) {
                indeterminate(SealCheck.REVOCATION, SealReason.REVOCATION_ISSUER_UNKNOWN, SealCheck.CERTIFICATE_CHAIN);
                return;
            }
            X509Certificate issuer = sealCertificatePath.issuer();
            Optional<X509CRL> newest = crlsOf(issuer).stream().max(Comparator.comparing(BouncyCastleCmsSealVerifier::thisUpdate));
            if (newest.isEmpty()) {
                indeterminate(SealCheck.REVOCATION, SealReason.REVOCATION_NO_CRL, subject(issuer));
                return;
            }
            X509CRL crl = newest.get();
            Instant at = validationTime();
            X509CRLEntry entry = ByIdentity.of("entry", crl, sealCertificate,
                    () -> Optional.ofNullable(crl.getRevokedCertificate(sealCertificate))).orElse(null);
            if (entry != null) {
                Instant revokedAt = entry.getRevocationDate().toInstant();
                LocalisedReason reason = crlReason(entry.getRevocationReason());
                if (timeStampTime != null && revokedAt.isAfter(timeStampTime)) {
                    pass(SealCheck.REVOCATION, SealReason.REVOCATION_REVOKED_AFTER_TIME_STAMP, revokedAt, reason, timeStampTime);
                } else {
                    fail(SealCheck.REVOCATION, SealReason.REVOCATION_REVOKED, revokedAt, reason, validationTimeReason());
                }
                return;
            }
            Instant thisUpdate = thisUpdate(crl);
            Instant nextUpdate = ByIdentity.<Instant>of("nextUpdate", crl, null,
                    () -> Optional.ofNullable(crl.getNextUpdate()).map(java.util.Date::toInstant)).orElse(null);
            boolean current = nextUpdate != null && nextUpdate.isAfter(now);
            if (thisUpdate.isBefore(at) && !current) {
                indeterminate(SealCheck.REVOCATION, SealReason.REVOCATION_CRL_OUT_OF_DATE, thisUpdate, nextUpdate,
                        validationTimeReason());
                return;
            }
            pass(SealCheck.REVOCATION, SealReason.REVOCATION_NOT_REVOKED, thisUpdate, subject(issuer));
        }

        private List<X509CRL> crlsOf(X509Certificate issuer) {
            List<X509CRL> matching = new ArrayList<>();
            for (X509CRL crl : crls) {
                // the hub hands every verification the same CRL and certificate objects: known by identity, no encoding
                ByIdentity.<X509CRL>of("issuedAndSignedBy", crl, issuer, () -> checked(crl, issuer)).ifPresent(matching::add);
            }
            return matching;
        }

        private Instant validationTime() {
            return timeStampTime != null ? timeStampTime : now;
        }

        /** When certificates are judged, as part of a reason. */
        private LocalisedReason validationTimeReason() {
            return timeStampTime != null ? LocalisedReason.of(SealReason.AT_TIME_STAMP_TIME, timeStampTime)
                    : LocalisedReason.of(SealReason.AT_VERIFICATION_TIME, now);
        }

        private static LocalisedReason crlReason(java.security.cert.CRLReason reason) {
            if (reason == null) {
                return LocalisedReason.of(SealReason.CRL_REASON_NONE);
            }
            return switch (reason) {
                case UNSPECIFIED -> LocalisedReason.of(SealReason.CRL_REASON_UNSPECIFIED);
                case KEY_COMPROMISE -> LocalisedReason.of(SealReason.CRL_REASON_KEY_COMPROMISE);
                case AFFILIATION_CHANGED -> LocalisedReason.of(SealReason.CRL_REASON_AFFILIATION_CHANGED);
                case SUPERSEDED -> LocalisedReason.of(SealReason.CRL_REASON_SUPERSEDED);
                case CESSATION_OF_OPERATION -> LocalisedReason.of(SealReason.CRL_REASON_CESSATION_OF_OPERATION);
                default -> LocalisedReason.of(SealReason.CRL_REASON_OTHER, reason.name());
            };
        }

        private Optional<ASN1Encodable> signedAttribute(ASN1ObjectIdentifier type) {
            Attribute attribute = signer.getSignedAttributes().get(type);
            if (attribute == null || attribute.getAttrValues().size() != 1) {
                return Optional.empty();
            }
            return Optional.of(attribute.getAttrValues().getObjectAt(0));
        }

        private void readSubject(X509Certificate certificate) {
            X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
            sealId = rdnValue(subject, BCStyle.CN);
            unitCode = rdnValue(subject, BCStyle.ORGANIZATION_IDENTIFIER);
        }

        private boolean pass(SealCheck check, SealReason reason, Object... facts) {
            results.put(check, new CheckResult(check, Status.PASSED, LocalisedReason.of(reason, facts)));
            return true;
        }

        private boolean fail(SealCheck check, SealReason reason, Object... facts) {
            results.put(check, new CheckResult(check, Status.FAILED, LocalisedReason.of(reason, facts)));
            return false;
        }

        private void indeterminate(SealCheck check, SealReason reason, Object... facts) {
            results.put(check, new CheckResult(check, Status.INDETERMINATE, LocalisedReason.of(reason, facts)));
        }
    }

    /** {@code crl} when {@code issuer} issued and signed it; empty otherwise, or when either cannot be encoded. */
    private static Optional<X509CRL> checked(X509CRL crl, X509Certificate issuer) {
        try {
            CrlKey key = new CrlKey(ByteBuffer.wrap(crl.getEncoded()), ByteBuffer.wrap(issuer.getEncoded()));
            Optional<X509CRL> known = CHECKED_CRLS.get(key);
            if (known == null) {
                known = issuedAndSignedBy(key.crl().array(), issuer);
                // bounded: CRLs and issuers come from outside too
                if (CHECKED_CRLS.size() >= REMEMBERED_CRLS) {
                    CHECKED_CRLS.clear();
                }
                CHECKED_CRLS.put(key, known);
            }
            return known;
        } catch (GeneralSecurityException e) {
            // a CRL or issuer that cannot be encoded is not evidence about this certificate
            return Optional.empty();
        }
    }

    private static Instant thisUpdate(X509CRL crl) {
        return ByIdentity.<Instant>of("thisUpdate", crl, null, () -> Optional.of(crl.getThisUpdate().toInstant())).orElseThrow();
    }

    private static Instant notAfter(X509Certificate certificate) {
        return ByIdentity.<Instant>of("notAfter", certificate, null, () -> Optional.of(certificate.getNotAfter().toInstant())).orElseThrow();
    }

    /**
     * Every verification meets the same current CRL and the same issuer: reading the CRL again with Bouncy Castle and
     * checking its signature was a third signature check per verification. The result depends on nothing but the two
     * encodings (a CRL's content, signature and issuer name are in its bytes, the key in the issuer's), so it is
     * remembered by them; whether the CRL is current or lists the certificate is still judged on every verification.
     */
    private static final int REMEMBERED_CRLS = 64;
    private static final Map<CrlKey, Optional<X509CRL>> CHECKED_CRLS = new ConcurrentHashMap<>();

    private record CrlKey(ByteBuffer crl, ByteBuffer issuer) {
    }

    /** The CRL read with Bouncy Castle when {@code issuer} issued and signed it, else empty. */
    private static Optional<X509CRL> issuedAndSignedBy(byte[] encodedCrl, X509Certificate issuer) {
        try {
            // re-read with Bouncy Castle: a JDK-parsed CRL cannot verify an SM2 signature
            X509CRL bcCrl = (X509CRL) CertificateFactory.getInstance("X.509", BouncyCastleAlgorithms.provider())
                    .generateCRL(new ByteArrayInputStream(encodedCrl));
            if (!bcCrl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
                return Optional.empty();
            }
            bcCrl.verify(issuer.getPublicKey(), BouncyCastleAlgorithms.provider());
            return Optional.of(bcCrl);
        } catch (GeneralSecurityException e) {
            // a CRL that does not verify with the issuer's key is not evidence about this certificate
            return Optional.empty();
        }
    }

    private static Optional<X509Certificate> findCertificate(Store<X509CertificateHolder> store, SignerInformation signer) {
        return matching(store, signer.getSID()).map(BouncyCastleCmsSealVerifier::toX509);
    }

    @SuppressWarnings("unchecked") // SignerId is a raw Selector in Bouncy Castle's API
    private static Optional<X509CertificateHolder> matching(Store<X509CertificateHolder> store, SignerId signerId) {
        Collection<X509CertificateHolder> matches = store.getMatches((Selector<X509CertificateHolder>) signerId);
        return matches.stream().findFirst();
    }

    private static List<X509Certificate> certificates(TimeStampToken token) {
        return toX509(token.getCertificates());
    }

    private static List<X509Certificate> toX509(Store<X509CertificateHolder> store) {
        return store.getMatches(null).stream().map(BouncyCastleCmsSealVerifier::toX509).toList();
    }

    /**
     * What {@code JcaSimpleSignerInfoVerifierBuilder.build(certificate)} makes, except that for the seal algorithms the
     * signature is checked by a plain {@link Signature}: Bouncy Castle's own content verifier for ECDSA ("raw" capable)
     * verifies every signature twice, the second time only to release a PKCS#11 session, which doubled the cost of the
     * time-stamp check. The signature is checked once, with the same key and algorithm; everything else
     * {@code TimeStampToken.validate} checks is unchanged. Other algorithms go to Bouncy Castle's verifier as before.
     */
    private static SignerInformationVerifier timeStampVerifier(X509Certificate tsa) throws OperatorCreationException, CertificateException {
        ContentVerifierProvider standard = new JcaContentVerifierProviderBuilder().setProvider(BouncyCastleAlgorithms.provider()).build(tsa);
        ContentVerifierProvider once = new ContentVerifierProvider() {
            @Override
            public boolean hasAssociatedCertificate() {
                return standard.hasAssociatedCertificate();
            }

            @Override
            public X509CertificateHolder getAssociatedCertificate() {
                return standard.getAssociatedCertificate();
            }

            @Override
            public ContentVerifier get(AlgorithmIdentifier algorithm) throws OperatorCreationException {
                Optional<SealAlgorithm> known = SealAlgorithm.fromSignatureOid(algorithm.getAlgorithm().getId());
                boolean noParameters = algorithm.getParameters() == null || DERNull.INSTANCE.equals(algorithm.getParameters());
                if (known.isEmpty() || !noParameters) {
                    return standard.get(algorithm);
                }
                try {
                    Signature signature = BouncyCastleAlgorithms.newSignature(known.get());
                    signature.initVerify(tsa.getPublicKey());
                    return new SignatureVerifier(algorithm, signature);
                } catch (GeneralSecurityException e) {
                    throw new OperatorCreationException("cannot verify " + known.get() + ": " + e.getMessage(), e);
                }
            }
        };
        return new SignerInformationVerifier(SIGNATURE_NAMES, SIGNATURE_ALGORITHMS, once, DIGESTS);
    }

    /** Stateless or read-only once built: shared by all verifications (building the name generator was 3 % of one). */
    private static final DefaultCMSSignatureAlgorithmNameGenerator SIGNATURE_NAMES = new DefaultCMSSignatureAlgorithmNameGenerator();
    private static final DefaultSignatureAlgorithmIdentifierFinder SIGNATURE_ALGORITHMS = new DefaultSignatureAlgorithmIdentifierFinder();
    private static final DigestCalculatorProvider DIGESTS = BouncyCastleAlgorithms.digestCalculators();

    /** A {@link ContentVerifier} over one {@link Signature}: the data written to it, checked once. */
    private static final class SignatureVerifier implements ContentVerifier {
        private final AlgorithmIdentifier algorithm;
        private final Signature signature;
        private final OutputStream out;

        SignatureVerifier(AlgorithmIdentifier algorithm, Signature signature) {
            this.algorithm = algorithm;
            this.signature = signature;
            this.out = OutputStreamFactory.createStream(signature);
        }

        @Override
        public AlgorithmIdentifier getAlgorithmIdentifier() {
            return algorithm;
        }

        @Override
        public OutputStream getOutputStream() {
            return out;
        }

        @Override
        public boolean verify(byte[] expected) {
            try {
                return signature.verify(expected);
            } catch (SignatureException e) {
                throw new RuntimeOperatorException("signature cannot be checked: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Certificates met in seals, by their encoding: a seal carries the same seal, CA and TSA certificates as thousands of
     * others, and reading them again was a tenth of a verification. A certificate is immutable and decided by its bytes;
     * keeping the object also keeps its public key, so signature checks do not decode the key again.
     */
    private static final int REMEMBERED_CERTIFICATES = 256;
    private static final Map<ByteBuffer, X509Certificate> READ_CERTIFICATES = new ConcurrentHashMap<>();

    private static X509Certificate toX509(X509CertificateHolder holder) {
        try {
            ByteBuffer encoded = ByteBuffer.wrap(holder.getEncoded());
            X509Certificate known = READ_CERTIFICATES.get(encoded);
            if (known != null) {
                return known;
            }
            X509Certificate read = (X509Certificate) CertificateFactory.getInstance("X.509", BouncyCastleAlgorithms.provider())
                    .generateCertificate(new ByteArrayInputStream(encoded.array()));
            // bounded: certificates come from outside too
            if (READ_CERTIFICATES.size() >= REMEMBERED_CERTIFICATES) {
                READ_CERTIFICATES.clear();
            }
            READ_CERTIFICATES.put(encoded, read);
            return read;
        } catch (GeneralSecurityException | IOException e) {
            // reaches the report through the guarded check that met the certificate
            throw new MalformedSealException("certificate " + holder.getSubject() + " cannot be read: " + e.getMessage());
        }
    }

    private static X509CertificateHolder holder(X509Certificate certificate) {
        try {
            return new X509CertificateHolder(certificate.getEncoded());
        } catch (GeneralSecurityException | IOException e) {
            throw new MalformedSealException("certificate " + certificate.getSubjectX500Principal() + " cannot be read: "
                    + e.getMessage());
        }
    }

    /** Something inside the seal cannot be read; only ever caught by the guard around each check. */
    private static final class MalformedSealException extends RuntimeException {
        MalformedSealException(String message) {
            super(message, null, false, false);
        }
    }

    private static String rdnValue(X500Name name, ASN1ObjectIdentifier type) {
        RDN[] rdns = name.getRDNs(type);
        return rdns.length == 0 ? null : IETFUtils.valueToString(rdns[0].getFirst().getValue());
    }

    private static String subject(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName();
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
