package org.proofhub.hub.bench.proof;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.proofhub.hub.bench.Rates;
import org.proofhub.hub.seal.SealAlgorithm;
import org.proofhub.hub.seal.SealModule;
import org.proofhub.hub.seal.SealPurpose;
import org.proofhub.hub.seal.SealSettings;

/**
 * In-process signing rates on the same threads count, for comparison with the hub's HTTP figures: raw Bouncy
 * Castle CMS signing (the baseline of {@code proof.ratio_to_raw}), and the hub's own sealer and verifier for
 * each seal algorithm without HTTP or database (formerly the JUnit-style {@code SealRateBench}).
 */
final class SealRates {
    private final int threads;
    private final Duration warmUp;
    private final Duration measure;

    SealRates(int threads, Duration warmUp, Duration measure) {
        this.threads = threads;
        this.warmUp = warmUp;
        this.measure = measure;
    }

    /**
     * Detached CMS SignedData over {@code content} with ECDSA P-256 / SHA-256 and Bouncy Castle's default signed
     * attributes (content-type, signing-time, message-digest, algorithm protection), the certificate included, no
     * time-stamp: built per signature from the builders, as a program using Bouncy Castle directly writes it.
     */
    double rawCmsPerSecond(byte[] content) throws Exception {
        Provider provider = new BouncyCastleProvider();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", provider);
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keyPair = generator.generateKeyPair();
        X500Name name = new X500Name("CN=bench raw CMS");
        long now = System.currentTimeMillis();
        X509Certificate certificate = new JcaX509CertificateConverter().setProvider(provider).getCertificate(
                new JcaX509v3CertificateBuilder(name, BigInteger.ONE, new Date(now), new Date(now + 86_400_000L), name,
                        keyPair.getPublic()).build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(provider)
                        .build(keyPair.getPrivate())));
        DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().setProvider(provider).build();
        JcaCertStore certificates = new JcaCertStore(List.of(certificate));
        PrivateKey key = keyPair.getPrivate();
        return Rates.parallel(threads, warmUp, measure, () -> {
            CMSSignedDataGenerator cms = new CMSSignedDataGenerator();
            cms.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(digests).build(
                    new JcaContentSignerBuilder("SHA256withECDSA").setProvider(provider).build(key), certificate));
            cms.addCertificates(certificates);
            cms.generate(new CMSProcessableByteArray(content), false).getEncoded();
        });
    }

    /**
     * The hub's sealer (CMS with signing-certificate-v2 and a time-stamp token from the hub's TSA: two signatures,
     * both through the signing token) and verifier (signature, content digest, two PKIX paths, purpose,
     * time-stamp, CRL) per algorithm, on a seal module of their own in {@code directory}.
     */
    /** Seals and verifications per second of one algorithm. */
    record SealerRates(double sealPerSecond, double verifyPerSecond) {
    }

    Map<String, SealerRates> hubSealer(Path directory, byte[] content) throws Exception {
        SealModule seals = SealModule.open(SealSettings.of(directory, "bench-seal-rates".toCharArray()), Clock.systemUTC());
        List<X509CRL> crls = seals.certificateAuthority().currentCrls();
        Map<String, SealerRates> out = new LinkedHashMap<>();
        for (SealAlgorithm algorithm : SealAlgorithm.values()) {
            String sealId = seals.registry().create(SealPurpose.DATA_SHARING, algorithm == SealAlgorithm.SM2_SM3 ? "SM" : "EC", algorithm).id();
            double sealPerSecond = Rates.parallel(threads, warmUp, measure, () -> seals.sealer().seal(content, SealPurpose.DATA_SHARING, sealId));
            byte[] sealed = seals.sealer().seal(content, SealPurpose.DATA_SHARING, sealId);
            if (!seals.verifier().verify(content, sealed, seals.trustAnchors(), crls, Instant.now()).valid()) {
                throw new IllegalStateException("the hub's own " + algorithm + " seal does not verify");
            }
            // the CRLs fetched once, as a verifier holding current CRLs does
            double verifyPerSecond = Rates.parallel(threads, warmUp, measure,
                    () -> seals.verifier().verify(content, sealed, seals.trustAnchors(), crls, Instant.now()));
            out.put(algorithm.name(), new SealerRates(Math.round(sealPerSecond), Math.round(verifyPerSecond)));
        }
        return out;
    }
}
