package org.proofhub.hub.proof.pdf;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * Checks a PAdES signature the way a third party would, sharing no code with the hub's sealer or verifier:
 * PDFBox only finds {@code /ByteRange} and {@code /Contents}; the signed bytes are cut out here; Bouncy
 * Castle's CMS classes check the signature, the signed attributes and the time-stamp; the JDK's PKIX
 * validator checks the certificate path to the given roots at the time-stamp's time.
 */
final class IndependentPadesCheck {
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    /** What was checked, and the first thing that failed (null when none did). */
    record Outcome(String failure, String subFilter, int[] byteRange, int contentsLength, X509Certificate signer,
                   Date timeStampTime) {
        boolean valid() {
            return failure == null;
        }
    }

    private IndependentPadesCheck() {
    }

    static Outcome check(byte[] pdf, List<X509Certificate> roots) {
        String subFilter = null;
        int[] byteRange = null;
        int contentsLength = -1;
        X509Certificate signer = null;
        Date timeStampTime = null;
        try {
            byte[] contents;
            try (PDDocument document = Loader.loadPDF(pdf)) {
                List<PDSignature> signatures = document.getSignatureDictionaries();
                if (signatures.size() != 1) {
                    return new Outcome(signatures.size() + " signatures, expected one", null, null, -1, null, null);
                }
                PDSignature signature = signatures.get(0);
                subFilter = signature.getSubFilter();
                byteRange = signature.getByteRange();
                contents = signature.getContents();
            }
            contentsLength = contents.length;
            if (byteRange.length != 4 || byteRange[0] != 0 || byteRange[2] + byteRange[3] != pdf.length) {
                return new Outcome("byte range does not cover the whole file", subFilter, byteRange, contentsLength, null, null);
            }
            ByteArrayOutputStream signed = new ByteArrayOutputStream();
            signed.write(pdf, byteRange[0], byteRange[1]);
            signed.write(pdf, byteRange[2], byteRange[3]);

            // /Contents is zero-padded: read the first DER object only
            ContentInfo contentInfo;
            try (ASN1InputStream in = new ASN1InputStream(contents)) {
                contentInfo = ContentInfo.getInstance(in.readObject());
            }
            CMSSignedData cms = new CMSSignedData(new CMSProcessableByteArray(signed.toByteArray()), contentInfo);
            Collection<SignerInformation> signers = cms.getSignerInfos().getSigners();
            if (signers.size() != 1) {
                return new Outcome(signers.size() + " signers", subFilter, byteRange, contentsLength, null, null);
            }
            SignerInformation info = signers.iterator().next();
            @SuppressWarnings("unchecked")
            Collection<X509CertificateHolder> matches = cms.getCertificates().getMatches(info.getSID());
            X509CertificateHolder holder = matches.iterator().next();
            signer = new JcaX509CertificateConverter().setProvider(BC).getCertificate(holder);
            // verifies the message-digest against the signed bytes and the signature over the signed attributes
            if (!info.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(BC).build(holder))) {
                return new Outcome("CMS signature does not verify", subFilter, byteRange, contentsLength, signer, null);
            }
            AttributeTable attributes = info.getSignedAttributes();
            if (!CMSObjectIdentifiers.data.equals(attributes.get(CMSAttributes.contentType).getAttrValues().getObjectAt(0))) {
                return new Outcome("content-type is not id-data", subFilter, byteRange, contentsLength, signer, null);
            }
            if (attributes.get(CMSAttributes.signingTime) != null) {
                return new Outcome("signing-time present; PAdES forbids it", subFilter, byteRange, contentsLength, signer, null);
            }
            Attribute certificateAttribute = attributes.get(PKCSObjectIdentifiers.id_aa_signingCertificateV2);
            byte[] certificateHash = SigningCertificateV2.getInstance(certificateAttribute.getAttrValues().getObjectAt(0))
                    .getCerts()[0].getCertHash();
            if (!MessageDigest.isEqual(certificateHash, MessageDigest.getInstance("SHA-256").digest(signer.getEncoded()))
                    && !MessageDigest.isEqual(certificateHash, MessageDigest.getInstance("SM3", BC).digest(signer.getEncoded()))) {
                return new Outcome("signing-certificate-v2 names another certificate", subFilter, byteRange, contentsLength,
                        signer, null);
            }

            Attribute tokenAttribute = info.getUnsignedAttributes().get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
            TimeStampToken token = new TimeStampToken(new CMSSignedData(
                    tokenAttribute.getAttrValues().getObjectAt(0).toASN1Primitive().getEncoded()));
            @SuppressWarnings("unchecked")
            X509CertificateHolder tsa = (X509CertificateHolder) token.getCertificates().getMatches(token.getSID()).iterator().next();
            token.validate(new JcaSimpleSignerInfoVerifierBuilder().setProvider(BC).build(tsa));
            String imprintAlgorithm = token.getTimeStampInfo().getMessageImprintAlgOID().getId();
            byte[] expectedImprint = MessageDigest.getInstance(imprintAlgorithm, BC).digest(info.getSignature());
            if (!MessageDigest.isEqual(expectedImprint, token.getTimeStampInfo().getMessageImprintDigest())) {
                return new Outcome("time-stamp covers other data", subFilter, byteRange, contentsLength, signer, null);
            }
            timeStampTime = token.getTimeStampInfo().getGenTime();

            List<X509Certificate> chain = new ArrayList<>();
            chain.add(signer);
            for (Object other : cms.getCertificates().getMatches(null)) {
                X509Certificate certificate = new JcaX509CertificateConverter().setProvider(BC)
                        .getCertificate((X509CertificateHolder) other);
                if (!certificate.equals(signer) && !roots.contains(certificate)) {
                    chain.add(certificate);
                }
            }
            PKIXParameters parameters = new PKIXParameters(roots.stream().map(r -> new TrustAnchor(r, null))
                    .collect(Collectors.toSet()));
            parameters.setRevocationEnabled(false);
            parameters.setDate(timeStampTime);
            CertPathValidator.getInstance("PKIX").validate(
                    CertificateFactory.getInstance("X.509").generateCertPath(chain), parameters);
            return new Outcome(null, subFilter, byteRange, contentsLength, signer, timeStampTime);
        } catch (Exception e) {
            return new Outcome(e.getClass().getSimpleName() + ": " + e.getMessage(), subFilter, byteRange, contentsLength,
                    signer, timeStampTime);
        }
    }
}
