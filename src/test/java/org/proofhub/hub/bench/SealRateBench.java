package org.proofhub.hub.bench;

import static org.proofhub.hub.bench.Rates.rate;
import static org.proofhub.hub.bench.Rates.report;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proofhub.hub.seal.SealAlgorithm;
import org.proofhub.hub.seal.SealModule;
import org.proofhub.hub.seal.SealPurpose;
import org.proofhub.hub.seal.SealSettings;
import org.proofhub.hub.seal.TestKeyStores;

/**
 * One-thread rates of raw Bouncy Castle CMS signing and of the hub's sealer, printed and not asserted.
 * Excluded from the normal run (pom: {@code **}{@code /bench/**}); run with
 * {@code mvn -q -B test -Dtest=SealRateBench -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class SealRateBench {
    private static final byte[] CONTENT = ("{\"proof\":\"无犯罪记录证明\",\"subject\":\"110101199003071234\","
            + "\"issuer\":\"SJJ\",\"extractedAt\":\"2026-03-02T09:30:00Z\"}").getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path directory;

    @Test
    void measure() throws Exception {
        TestKeyStores.useCheapKeyDerivation();
        BouncyCastleProvider provider = new BouncyCastleProvider();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", provider);
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keyPair = generator.generateKeyPair();
        X500Name name = new X500Name("CN=bench");
        X509Certificate certificate = new JcaX509CertificateConverter().setProvider(provider).getCertificate(
                new JcaX509v3CertificateBuilder(name, BigInteger.ONE, new Date(), new Date(System.currentTimeMillis() + 86_400_000L),
                        name, keyPair.getPublic()).build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(provider)
                        .build(keyPair.getPrivate())));
        var digests = new JcaDigestCalculatorProviderBuilder().setProvider(provider).build();

        report("raw BC CMS, ECDSA P-256, detached, default signed attributes", rate(() -> {
            CMSSignedDataGenerator cms = new CMSSignedDataGenerator();
            cms.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(digests).build(
                    new JcaContentSignerBuilder("SHA256withECDSA").setProvider(provider).build(keyPair.getPrivate()),
                    certificate));
            cms.addCertificates(new JcaCertStore(List.of(certificate)));
            cms.generate(new CMSProcessableByteArray(CONTENT), false).getEncoded();
        }));

        SealModule hub = SealModule.open(SealSettings.of(directory, "bench".toCharArray()), Clock.systemUTC());
        for (SealAlgorithm algorithm : SealAlgorithm.values()) {
            String unit = algorithm == SealAlgorithm.SM2_SM3 ? "SM" : "EC";
            String sealId = hub.registry().create(SealPurpose.DATA_SHARING, unit, algorithm).id();
            report("hub sealer, " + algorithm + " (CAdES-BES-like + TSA token, both signed through the token)",
                    rate(() -> hub.sealer().seal(CONTENT, SealPurpose.DATA_SHARING, sealId)));
            byte[] sealed = hub.sealer().seal(CONTENT, SealPurpose.DATA_SHARING, sealId);
            var crls = hub.certificateAuthority().currentCrls();
            report("hub verifier, " + algorithm + " (all checks incl. two PKIX paths and a CRL)",
                    rate(() -> hub.verifier().verify(CONTENT, sealed, hub.trustAnchors(), crls, Instant.now())));
        }
    }
}
