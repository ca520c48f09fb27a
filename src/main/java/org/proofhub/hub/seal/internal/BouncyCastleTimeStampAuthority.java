package org.proofhub.hub.seal.internal;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.SignerInfoGeneratorBuilder;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import org.bouncycastle.tsp.TSPValidationException;
import org.bouncycastle.util.Store;
import org.proofhub.hub.seal.CertificateAuthority;
import org.proofhub.hub.seal.ProofHubOids;
import org.proofhub.hub.seal.SealAlgorithm;
import org.proofhub.hub.seal.SigningToken;
import org.proofhub.hub.seal.TimeStampAuthority;
import org.proofhub.hub.seal.TimeStampException;

/**
 * The hub's RFC 3161 TSA on Bouncy Castle's TSP generators; its key sits in the hub's signing token
 * under {@link #KEY_ALIAS} and is reached only through the token. Time comes from the injected clock.
 */
public final class BouncyCastleTimeStampAuthority implements TimeStampAuthority {

    static final String KEY_ALIAS = "tsa";
    static final String NAME = "Proof Hub Time-Stamping Authority";
    private static final SealAlgorithm ALGORITHM = SealAlgorithm.ECDSA_P256_SHA256;
    private static final ASN1ObjectIdentifier POLICY = new ASN1ObjectIdentifier(ProofHubOids.TIME_STAMP_POLICY);

    private final SigningToken token;
    private final Clock clock;
    private final X509CertificateHolder certificate;
    private final Store<X509CertificateHolder> chain;
    private final List<X509Certificate> chainCertificates;
    private final DigestCalculatorProvider digestCalculators;

    private BouncyCastleTimeStampAuthority(SigningToken token, Clock clock) {
        this.token = token;
        this.clock = clock;
        List<X509Certificate> certificates = token.certificateChain(KEY_ALIAS);
        this.certificate = DerCertificates.holder(certificates.get(0));
        this.chain = DerCertificates.store(certificates);
        this.chainCertificates = List.copyOf(certificates);
        this.digestCalculators = BouncyCastleAlgorithms.digestCalculators();
    }

    @Override
    public List<X509Certificate> certificateChain() {
        return chainCertificates;
    }

    /** The TSA of {@code token}, whose key and certificate are made on first use. */
    public static BouncyCastleTimeStampAuthority open(SigningToken token, CertificateAuthority authority, Clock clock) {
        if (!token.aliases().contains(KEY_ALIAS)) {
            token.generateKey(KEY_ALIAS, ALGORITHM, publicKey -> authority.issueTimeStampingCertificate(NAME, publicKey));
        }
        return new BouncyCastleTimeStampAuthority(token, clock);
    }

    /**
     * The hub's own time-stamps (one per seal): the request is checked as {@link #respond} checks one and the token made
     * straight away, without the response a client over HTTP gets, its encoding and its parsing back (a sixth of a
     * seal's CPU went there).
     */
    @Override
    public byte[] timestamp(byte[] digest, ASN1ObjectIdentifier digestAlgorithm) {
        try {
            return token(digest, digestAlgorithm).getEncoded();
        } catch (IOException e) {
            throw new TimeStampException("token cannot be encoded", e);
        }
    }

    @Override
    public ASN1Encodable timestampToken(byte[] digest, ASN1ObjectIdentifier digestAlgorithm) {
        return token(digest, digestAlgorithm).toCMSSignedData().toASN1Structure();
    }

    private TimeStampToken token(byte[] digest, ASN1ObjectIdentifier digestAlgorithm) {
        TimeStampRequestGenerator requestGenerator = new TimeStampRequestGenerator();
        requestGenerator.setCertReq(true);
        TimeStampRequest request = requestGenerator.generate(digestAlgorithm, digest);
        try {
            // as TimeStampResponseGenerator checks one: digest algorithm, policy, no unknown extension
            request.validate(TSPAlgorithms.ALLOWED, Set.of(POLICY), null);
        } catch (TSPValidationException e) {
            throw new TimeStampException("refused to time-stamp a " + digestAlgorithm + " digest: " + e.getMessage(), e);
        } catch (TSPException e) {
            throw new TimeStampException("cannot check the request", e);
        }
        try {
            return tokenGenerator().generate(request, SerialNumbers.next(), Date.from(clock.instant()));
        } catch (TSPException e) {
            throw new TimeStampException("cannot make the token", e);
        }
    }

    @Override
    public byte[] respond(byte[] timeStampRequestDer) {
        try {
            TimeStampRequest request;
            try {
                request = new TimeStampRequest(timeStampRequestDer);
            } catch (IOException | IllegalArgumentException e) {
                return responseGenerator().generateFailResponse(PKIStatus.REJECTION, PKIFailureInfo.badDataFormat,
                        "not a DER TimeStampReq").getEncoded();
            }
            return answer(request).getEncoded();
        } catch (IOException | TSPException e) {
            throw new TimeStampException("response cannot be encoded", e);
        }
    }

    private TimeStampResponse answer(TimeStampRequest request) {
        try {
            // a rejection (unknown digest, foreign policy) comes back as a response, not as an exception
            return responseGenerator().generate(request, SerialNumbers.next(), Date.from(clock.instant()));
        } catch (TSPException e) {
            throw new TimeStampException("cannot answer the request", e);
        }
    }

    private TimeStampResponseGenerator responseGenerator() throws TSPException {
        return new TimeStampResponseGenerator(tokenGenerator(), TSPAlgorithms.ALLOWED, Set.of(POLICY));
    }

    private TimeStampTokenGenerator tokenGenerator() throws TSPException {
        // new per request: the content signer and digest calculator inside hold one signature's state
        try {
            TimeStampTokenGenerator tokens = new TimeStampTokenGenerator(
                    new SignerInfoGeneratorBuilder(digestCalculators)
                            .build(new SigningTokenContentSigner(token, KEY_ALIAS, ALGORITHM), certificate),
                    digestCalculators.get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)),
                    POLICY);
            tokens.addCertificates(chain);
            return tokens;
        } catch (OperatorCreationException e) {
            throw new TimeStampException("signer cannot be set up", e);
        }
    }
}
