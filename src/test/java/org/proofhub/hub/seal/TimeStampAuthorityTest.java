package org.proofhub.hub.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.util.Selector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimeStampAuthorityTest {

    @TempDir
    Path directory;

    private SealFixture hub;
    private byte[] digest;

    @BeforeEach
    void openHub() throws Exception {
        hub = new SealFixture(directory);
        hub.clock.advance(Duration.ofSeconds(42));
        digest = MessageDigest.getInstance("SHA-256").digest("signature value".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void answersAnRfc3161RequestWithAGrantedTokenFromTheClock() throws Exception {
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(true);
        TimeStampRequest request = generator.generate(TSPAlgorithms.SHA256, digest, BigInteger.valueOf(4711));

        TimeStampResponse response = new TimeStampResponse(hub.module.timeStampAuthority().respond(request.getEncoded()));

        response.validate(request);
        assertThat(response.getStatus()).isEqualTo(PKIStatus.GRANTED);
        TimeStampToken token = response.getTimeStampToken();
        X509CertificateHolder tsa = certificateOf(token);
        token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(tsa));
        assertThat(token.getTimeStampInfo().getGenTime().toInstant()).isEqualTo(hub.clock.instant());
        assertThat(token.getTimeStampInfo().getNonce()).isEqualTo(BigInteger.valueOf(4711));
        assertThat(token.getTimeStampInfo().getPolicy().getId()).isEqualTo(ProofHubOids.TIME_STAMP_POLICY);
        assertThat(token.getTimeStampInfo().getMessageImprintDigest()).isEqualTo(digest);
    }

    @Test
    void theTsaCertificateIsForTimeStampingOnlyAndChainsToTheEcdsaRoot() throws Exception {
        byte[] tokenDer = hub.module.timeStampAuthority().timestamp(digest, TSPAlgorithms.SHA256);
        X509Certificate tsa = new JcaX509CertificateConverter()
                .getCertificate(certificateOf(new TimeStampToken(new CMSSignedData(tokenDer))));

        assertThat(tsa.getExtendedKeyUsage()).containsExactly(KeyPurposeId.id_kp_timeStamping.getId());
        assertThat(tsa.getCriticalExtensionOIDs()).contains("2.5.29.37");
        tsa.verify(hub.module.trustAnchors().certificates().get(0).getPublicKey());
    }

    @Test
    void rejectsGarbageUnknownDigestsAndForeignPoliciesWithAResponse() throws Exception {
        TimeStampResponse garbage = new TimeStampResponse(hub.module.timeStampAuthority().respond(new byte[] {1, 2, 3}));
        assertThat(garbage.getStatus()).isEqualTo(PKIStatus.REJECTION);
        assertThat(garbage.getFailInfo().intValue()).isEqualTo(PKIFailureInfo.badDataFormat);

        TimeStampRequest unknownDigest = new TimeStampRequestGenerator().generate(new ASN1ObjectIdentifier("1.2.3.4"), digest);
        assertThat(new TimeStampResponse(hub.module.timeStampAuthority().respond(unknownDigest.getEncoded())).getStatus())
                .isEqualTo(PKIStatus.REJECTION);

        TimeStampRequestGenerator foreign = new TimeStampRequestGenerator();
        foreign.setReqPolicy(new ASN1ObjectIdentifier("1.2.3.4.5"));
        assertThat(new TimeStampResponse(hub.module.timeStampAuthority()
                .respond(foreign.generate(TSPAlgorithms.SHA256, digest).getEncoded())).getStatus())
                .isEqualTo(PKIStatus.REJECTION);

        // the hub's own time-stamps skip the response, not its checks
        assertThatThrownBy(() -> hub.module.timeStampAuthority().timestamp(digest, new ASN1ObjectIdentifier("1.2.3.4")))
                .isInstanceOf(TimeStampException.class).hasMessageContaining("refused to time-stamp");
    }

    @SuppressWarnings("unchecked") // SignerId is a raw Selector in Bouncy Castle's API
    private static X509CertificateHolder certificateOf(TimeStampToken token) {
        Selector<X509CertificateHolder> signer = token.getSID();
        return token.getCertificates().getMatches(signer).iterator().next();
    }
}
