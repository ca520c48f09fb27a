package org.proofhub.hub.seal.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Date;
import java.util.Map;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSAttributeTableGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.SignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.util.Store;
import org.proofhub.hub.seal.Seal;
import org.proofhub.hub.seal.SealAlgorithm;
import org.proofhub.hub.seal.SealAssemblyException;
import org.proofhub.hub.seal.SealPurpose;
import org.proofhub.hub.seal.SealPurposeMismatchException;
import org.proofhub.hub.seal.SealRegistry;
import org.proofhub.hub.seal.SealRequest;
import org.proofhub.hub.seal.SealStateException;
import org.proofhub.hub.seal.SealStatus;
import org.proofhub.hub.seal.Sealer;
import org.proofhub.hub.seal.SigningToken;
import org.proofhub.hub.seal.TimeStampAuthority;

/**
 * A {@link Sealer} that produces detached CMS SignedData with Bouncy Castle. The signed attributes are
 * fixed in {@link #prepare} and the token signs them between the steps; {@link #assemble} only replays
 * that signature into Bouncy Castle's generator, so no private key is ever handed to it.
 */
public final class BouncyCastleCmsSealer implements Sealer {

    private final SealRegistry registry;
    private final SigningToken token;
    private final TimeStampAuthority timeStampAuthority;
    private final Clock clock;
    private final DigestCalculatorProvider digestCalculators;
    /**
     * What a seal's certificate adds to every signature — its signing-certificate-v2 attribute, the certificate holder and
     * the chain to embed — made once per certificate instead of once per seal (their parsing, hashing and DER sorting
     * were a twentieth of a seal's CPU). Keyed by seal and certificate serial, so a rotated certificate gets its own.
     */
    private final Map<String, CertificateParts> certificateParts = new java.util.concurrent.ConcurrentHashMap<>();
    /** Size of the last signature encoded: the next one's buffer starts a little larger. */
    private volatile int lastEncodedSize = 4096;

    private record CertificateParts(Attribute signingCertificate, X509CertificateHolder holder, Store<X509CertificateHolder> chain) {
    }

    public BouncyCastleCmsSealer(SealRegistry registry, SigningToken token, TimeStampAuthority timeStampAuthority,
                                 Clock clock) {
        this.registry = registry;
        this.token = token;
        this.timeStampAuthority = timeStampAuthority;
        this.clock = clock;
        this.digestCalculators = BouncyCastleAlgorithms.digestCalculators();
    }

    @Override
    public SealRequest prepare(byte[] content, SealPurpose purpose) {
        return prepareWith(content, registry.activeSeal(purpose), SigningTimeAttribute.INCLUDED);
    }

    @Override
    public SealRequest prepare(byte[] content, SealPurpose purpose, String sealId) {
        Seal seal = registry.seal(sealId);
        if (seal.purpose() != purpose) {
            throw new SealPurposeMismatchException(sealId, seal.purpose(), purpose);
        }
        return prepareWith(content, seal, SigningTimeAttribute.INCLUDED);
    }

    @Override
    public SealRequest preparePades(byte[] signedByteRanges, SealPurpose purpose) {
        return prepareWith(signedByteRanges, registry.activeSeal(purpose), SigningTimeAttribute.LEFT_OUT);
    }

    /** CAdES signatures carry the claimed signing time as a signed attribute; PAdES ones must not. */
    private enum SigningTimeAttribute { INCLUDED, LEFT_OUT }

    private SealRequest prepareWith(byte[] content, Seal seal, SigningTimeAttribute signingTimeAttribute) {
        if (seal.status() != SealStatus.ACTIVE) {
            throw new SealStateException(seal.id(), seal.purpose(), "is " + seal.status()
                    + " and seals nothing new; it only verifies proofs sealed before");
        }
        // signing-time is encoded in whole seconds; the request reports what is encoded
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        if (!seal.isCertificateValidAt(now)) {
            throw new SealStateException(seal.id(), seal.purpose(), "certificate is valid from " + seal.notBefore()
                    + " to " + seal.notAfter() + ", not now (" + now + "): rotate the seal");
        }
        AttributeTable signedAttributes = signedAttributes(seal, BouncyCastleAlgorithms.digest(seal.algorithm(), content),
                now, signingTimeAttribute);
        return new SealRequest(seal, content, encode(seal, new DERSet(signedAttributes.toASN1EncodableVector())), now);
    }

    /** CAdES-BES: content-type, message-digest, signing-time (unless left out) and signing-certificate-v2 (RFC 5035). */
    private AttributeTable signedAttributes(Seal seal, byte[] contentDigest, Instant signingTime,
                                            SigningTimeAttribute signingTimeAttribute) {
        ASN1EncodableVector attributes = new ASN1EncodableVector(4);
        attributes.add(attribute(CMSAttributes.contentType, CMSObjectIdentifiers.data));
        attributes.add(attribute(CMSAttributes.messageDigest, new DEROctetString(contentDigest)));
        if (signingTimeAttribute == SigningTimeAttribute.INCLUDED) {
            attributes.add(attribute(CMSAttributes.signingTime, new Time(Date.from(signingTime))));
        }
        attributes.add(partsOf(seal).signingCertificate());
        return new AttributeTable(attributes);
    }

    private CertificateParts partsOf(Seal seal) {
        String key = seal.id() + '/' + seal.certificate().getSerialNumber();
        CertificateParts parts = certificateParts.get(key);
        if (parts == null) {
            parts = certificateParts(seal);
            // bounded: seals and their rotations are few; a full map is dropped whole
            if (certificateParts.size() >= 256) {
                certificateParts.clear();
            }
            certificateParts.put(key, parts);
        }
        return parts;
    }

    private static CertificateParts certificateParts(Seal seal) {
        SealAlgorithm algorithm = seal.algorithm();
        try {
            byte[] certificateHash = BouncyCastleAlgorithms.digest(algorithm, seal.certificate().getEncoded());
            IssuerSerial issuerSerial = new IssuerSerial(
                    new GeneralNames(new GeneralName(X500Name.getInstance(seal.certificate().getIssuerX500Principal().getEncoded()))),
                    seal.certificate().getSerialNumber());
            ESSCertIDv2 certId = new ESSCertIDv2(BouncyCastleAlgorithms.digestAlgorithmIdentifier(algorithm), certificateHash,
                    issuerSerial);
            return new CertificateParts(attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2, new SigningCertificateV2(certId)),
                    DerCertificates.holder(seal.certificate()), DerCertificates.store(seal.certificateChain()));
        } catch (CertificateEncodingException e) {
            throw new SealAssemblyException(seal.id(), "seal certificate cannot be encoded", e);
        }
    }

    @Override
    public byte[] assemble(SealRequest request, byte[] signatureValue) {
        Seal seal = request.seal();
        byte[] dataToSign = request.dataToSign();
        AttributeTable signedAttributes = new AttributeTable(ASN1Set.getInstance(decode(seal, dataToSign)));
        byte[] expectedDigest = ((DEROctetString) signedAttributes.get(CMSAttributes.messageDigest).getAttrValues()
                .getObjectAt(0)).getOctets();
        CertificateParts parts = partsOf(seal);
        try {
            SignerInfoGenerator signerInfo = new SignerInfoGeneratorBuilder(digestCalculators)
                    .setSignedAttributeGenerator(parameters -> {
                        requireUnchangedContent(seal, parameters, expectedDigest);
                        return signedAttributes;
                    })
                    .setUnsignedAttributeGenerator(parameters -> signatureTimeStamp(seal,
                            (byte[]) parameters.get(CMSAttributeTableGenerator.SIGNATURE)))
                    .build(new PresignedContentSigner(seal, dataToSign, signatureValue), parts.holder());
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(signerInfo);
            generator.addCertificates(parts.chain());
            return der(generator.generate(new CMSProcessableByteArray(request.content()), false).toASN1Structure());
        } catch (CMSException | OperatorCreationException | IOException e) {
            throw new SealAssemblyException(seal.id(), "CMS signature cannot be assembled", e);
        }
    }

    @Override
    public byte[] seal(byte[] content, SealPurpose purpose) {
        return signAndAssemble(prepare(content, purpose));
    }

    @Override
    public byte[] seal(byte[] content, SealPurpose purpose, String sealId) {
        return signAndAssemble(prepare(content, purpose, sealId));
    }

    private byte[] signAndAssemble(SealRequest request) {
        Seal seal = request.seal();
        return assemble(request, token.sign(seal.keyAlias(), seal.algorithm(), request.dataToSign()));
    }

    private static void requireUnchangedContent(Seal seal, Map<?, ?> parameters, byte[] expectedDigest) {
        // SealRequest does not copy the content; this catches a caller changing it between the steps
        AlgorithmIdentifier digestAlgorithm = (AlgorithmIdentifier) parameters.get(CMSAttributeTableGenerator.DIGEST_ALGORITHM_IDENTIFIER);
        if (!digestAlgorithm.getAlgorithm().getId().equals(seal.algorithm().digestOid())
                || !MessageDigest.isEqual(expectedDigest, (byte[]) parameters.get(CMSAttributeTableGenerator.DIGEST))) {
            throw new SealAssemblyException(seal.id(), "the content changed between prepare and assemble", null);
        }
    }

    /** RFC 3161 appendix A: a time-stamp over the signature value proves the signature existed at that time. */
    private AttributeTable signatureTimeStamp(Seal seal, byte[] signatureValue) {
        SealAlgorithm algorithm = seal.algorithm();
        ASN1Encodable token = timeStampAuthority.timestampToken(BouncyCastleAlgorithms.digest(algorithm, signatureValue),
                new ASN1ObjectIdentifier(algorithm.digestOid()));
        return new AttributeTable(attribute(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken, token));
    }

    private static Attribute attribute(ASN1ObjectIdentifier type, ASN1Encodable value) {
        return new Attribute(type, new DERSet(value));
    }

    /**
     * The DER of a finished signature. Bouncy Castle's {@code getEncoded} writes into a {@link ByteArrayOutputStream} that
     * starts at 32 bytes, grows by copying and takes a lock on every one of a few hundred small writes.
     */
    private byte[] der(ASN1Encodable value) throws IOException {
        Buffer out = new Buffer(lastEncodedSize + 512);
        value.toASN1Primitive().encodeTo(out, ASN1Encoding.DER);
        lastEncodedSize = out.size;
        return out.toByteArray();
    }

    /** An unsynchronised, growing byte buffer for one encoding. */
    private static final class Buffer extends OutputStream {
        private byte[] bytes;
        private int size;

        Buffer(int capacity) {
            bytes = new byte[capacity];
        }

        @Override
        public void write(int b) {
            if (size == bytes.length) {
                bytes = Arrays.copyOf(bytes, 2 * bytes.length);
            }
            bytes[size++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (size + len > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(2 * bytes.length, size + len));
            }
            System.arraycopy(b, off, bytes, size, len);
            size += len;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, size);
        }
    }

    private static byte[] encode(Seal seal, ASN1Encodable value) {
        try {
            return value.toASN1Primitive().getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new SealAssemblyException(seal.id(), "signed attributes cannot be encoded", e);
        }
    }

    private static ASN1Primitive decode(Seal seal, byte[] der) {
        try {
            return ASN1Primitive.fromByteArray(der);
        } catch (IOException e) {
            throw new SealAssemblyException(seal.id(), "not valid DER", e);
        }
    }

    /**
     * Hands Bouncy Castle the signature the token already made, after checking that the generator asks
     * for a signature over exactly the prepared data to sign.
     */
    private static final class PresignedContentSigner implements ContentSigner {
        private final Seal seal;
        private final byte[] dataToSign;
        private final byte[] signatureValue;
        private final ByteArrayOutputStream toBeSigned = new ByteArrayOutputStream();

        PresignedContentSigner(Seal seal, byte[] dataToSign, byte[] signatureValue) {
            this.seal = seal;
            this.dataToSign = dataToSign;
            this.signatureValue = signatureValue.clone();
        }

        @Override
        public AlgorithmIdentifier getAlgorithmIdentifier() {
            return BouncyCastleAlgorithms.signatureAlgorithmIdentifier(seal.algorithm());
        }

        @Override
        public OutputStream getOutputStream() {
            return toBeSigned;
        }

        @Override
        public byte[] getSignature() {
            if (!MessageDigest.isEqual(dataToSign, toBeSigned.toByteArray())) {
                throw new SealAssemblyException(seal.id(), "the generator would sign other data than was prepared", null);
            }
            return signatureValue.clone();
        }
    }
}
