package org.proofhub.hub.seal.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.proofhub.hub.seal.SealAlgorithm;
import org.proofhub.hub.seal.SigningToken;
import org.proofhub.hub.seal.SigningTokenException;
import org.proofhub.hub.seal.TestKeyStores;

class Pkcs12SigningTokenTest {
    private static final char[] PASSWORD = "token-test".toCharArray();
    private static final byte[] DATA = "data to sign".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path directory;

    @BeforeAll
    static void cheapKeyDerivation() {
        TestKeyStores.useCheapKeyDerivation();
    }

    @ParameterizedTest
    @EnumSource(SealAlgorithm.class)
    void aGeneratedKeySignsAndSurvivesReopeningTheFile(SealAlgorithm algorithm) throws Exception {
        Path file = directory.resolve("token.p12");
        SigningToken token = Pkcs12SigningToken.open(file, PASSWORD);

        List<X509Certificate> chain = token.generateKey("seal-1", algorithm, key -> List.of(selfSigned(token, "seal-1", algorithm, key)));
        SigningToken reopened = Pkcs12SigningToken.open(file, PASSWORD);

        assertThat(reopened.aliases()).containsExactly("seal-1");
        assertThat(reopened.certificateChain("seal-1")).isEqualTo(chain);
        assertThat(verifies(algorithm, chain.get(0).getPublicKey(), reopened.sign("seal-1", algorithm, DATA))).isTrue();
    }

    @Test
    void aKeySignsOnlyWithItsOwnAlgorithm() {
        SigningToken token = Pkcs12SigningToken.open(directory.resolve("token.p12"), PASSWORD);
        token.generateKey("ec", SealAlgorithm.ECDSA_P256_SHA256,
                key -> List.of(selfSigned(token, "ec", SealAlgorithm.ECDSA_P256_SHA256, key)));

        assertThatThrownBy(() -> token.sign("ec", SealAlgorithm.SM2_SM3, DATA))
                .isInstanceOfSatisfying(SigningTokenException.class, e -> assertThat(e.alias()).isEqualTo("ec"))
                .hasMessageContaining("cannot sign SM2_SM3");
        assertThatThrownBy(() -> token.sign("missing", SealAlgorithm.ECDSA_P256_SHA256, DATA))
                .isInstanceOf(SigningTokenException.class).hasMessageContaining("missing");
    }

    @Test
    void aTakenOrMalformedAliasIsRefused() {
        SigningToken token = Pkcs12SigningToken.open(directory.resolve("token.p12"), PASSWORD);
        token.generateKey("ec", SealAlgorithm.DEFAULT, key -> List.of(selfSigned(token, "ec", SealAlgorithm.DEFAULT, key)));

        assertThatThrownBy(() -> token.generateKey("ec", SealAlgorithm.DEFAULT, key -> List.of()))
                .isInstanceOf(SigningTokenException.class).hasMessageContaining("already holds a key");
        assertThatThrownBy(() -> token.generateKey("Upper Case", SealAlgorithm.DEFAULT, key -> List.of()))
                .isInstanceOf(SigningTokenException.class).hasMessageContaining("alias");
    }

    @Test
    void aChainForAnotherKeyIsRefusedAndNothingIsKept() {
        Path file = directory.resolve("token.p12");
        SigningToken token = Pkcs12SigningToken.open(file, PASSWORD);
        List<X509Certificate> otherChain = token.generateKey("other", SealAlgorithm.DEFAULT,
                key -> List.of(selfSigned(token, "other", SealAlgorithm.DEFAULT, key)));

        assertThatThrownBy(() -> token.generateKey("wrong", SealAlgorithm.DEFAULT, key -> otherChain))
                .isInstanceOf(SigningTokenException.class).hasMessageContaining("does not belong to the key");
        assertThat(token.aliases()).containsExactly("other");
        assertThat(Pkcs12SigningToken.open(file, PASSWORD).aliases()).containsExactly("other");
        assertThatThrownBy(() -> token.sign("wrong", SealAlgorithm.DEFAULT, DATA)).isInstanceOf(SigningTokenException.class);
    }

    @Test
    void keysMadeInOneWriteReachTheFileTogetherAndNoneStaysWhenTheWorkFails() throws Exception {
        Path file = directory.resolve("token.p12");
        Pkcs12SigningToken token = Pkcs12SigningToken.open(file, PASSWORD);

        token.inOneWrite(() -> {
            token.generateKey("a", SealAlgorithm.DEFAULT, key -> List.of(selfSigned(token, "a", SealAlgorithm.DEFAULT, key)));
            token.generateKey("b", SealAlgorithm.SM2_SM3, key -> List.of(selfSigned(token, "b", SealAlgorithm.SM2_SM3, key)));
            assertThat(token.sign("a", SealAlgorithm.DEFAULT, DATA)).as("a key signs before its write").isNotEmpty();
            assertThat(file).as("nothing is written until the work is done").doesNotExist();
            return null;
        });
        assertThat(Pkcs12SigningToken.open(file, PASSWORD).aliases()).containsExactly("a", "b");

        assertThatThrownBy(() -> token.inOneWrite(() -> {
            token.generateKey("c", SealAlgorithm.DEFAULT, key -> List.of(selfSigned(token, "c", SealAlgorithm.DEFAULT, key)));
            throw new IllegalStateException("the work failed after its key");
        })).hasMessageContaining("the work failed");
        assertThat(token.aliases()).containsExactly("a", "b");
        token.generateKey("d", SealAlgorithm.DEFAULT, key -> List.of(selfSigned(token, "d", SealAlgorithm.DEFAULT, key)));

        Pkcs12SigningToken reopened = Pkcs12SigningToken.open(file, PASSWORD);
        assertThat(reopened.aliases()).as("the failed work's key is not smuggled into a later write").containsExactly("a", "b", "d");
        for (String alias : List.of("a", "d")) {
            assertThat(verifies(SealAlgorithm.DEFAULT, reopened.certificateChain(alias).get(0).getPublicKey(),
                    reopened.sign(alias, SealAlgorithm.DEFAULT, DATA))).isTrue();
        }
    }

    @Test
    void keysReadFromTheFileSignOnManyThreadsAtOnceRightAfterOpening() throws Exception {
        Path file = directory.resolve("token.p12");
        Pkcs12SigningToken token = Pkcs12SigningToken.open(file, PASSWORD);
        List<String> aliases = List.of("k1", "k2", "k3", "k4");
        token.inOneWrite(() -> aliases.stream().map(alias -> token.generateKey(alias, SealAlgorithm.DEFAULT,
                key -> List.of(selfSigned(token, alias, SealAlgorithm.DEFAULT, key)))).toList());

        Pkcs12SigningToken reopened = Pkcs12SigningToken.open(file, PASSWORD);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Boolean>> signed = new java.util.ArrayList<>();
            for (int i = 0; i < 32; i++) {
                String alias = aliases.get(i % aliases.size());
                signed.add(pool.submit(() -> verifies(SealAlgorithm.DEFAULT, reopened.certificateChain(alias).get(0).getPublicKey(),
                        reopened.sign(alias, SealAlgorithm.DEFAULT, DATA))));
            }
            for (java.util.concurrent.Future<Boolean> f : signed) {
                assertThat(f.get(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anExistingKeyCanBeImported() throws Exception {
        SigningToken source = Pkcs12SigningToken.open(directory.resolve("source.p12"), PASSWORD);
        List<X509Certificate> chain = source.generateKey("outside", SealAlgorithm.SM2_SM3,
                key -> List.of(selfSigned(source, "outside", SealAlgorithm.SM2_SM3, key)));
        KeyStore store = KeyStore.getInstance("PKCS12", BouncyCastleAlgorithms.provider());
        try (InputStream in = Files.newInputStream(directory.resolve("source.p12"))) {
            store.load(in, PASSWORD);
        }
        Pkcs12SigningToken target = Pkcs12SigningToken.open(directory.resolve("target.p12"), PASSWORD);

        target.addKeyEntry("imported", (PrivateKey) store.getKey("outside", PASSWORD), chain);

        assertThat(verifies(SealAlgorithm.SM2_SM3, chain.get(0).getPublicKey(),
                target.sign("imported", SealAlgorithm.SM2_SM3, DATA))).isTrue();
    }

    private static X509Certificate selfSigned(SigningToken token, String alias, SealAlgorithm algorithm, PublicKey key) {
        try {
            X500Name name = new X500Name("CN=" + alias);
            Instant now = Instant.parse("2026-01-01T00:00:00Z");
            return new JcaX509CertificateConverter().setProvider(BouncyCastleAlgorithms.provider()).getCertificate(
                    new JcaX509v3CertificateBuilder(name, BigInteger.ONE, Date.from(now), Date.from(now.plusSeconds(3600)),
                            name, key).build(new SigningTokenContentSigner(token, alias, algorithm)));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean verifies(SealAlgorithm algorithm, PublicKey key, byte[] signature) throws GeneralSecurityException {
        Signature verifier = BouncyCastleAlgorithms.newSignature(algorithm);
        verifier.initVerify(key);
        verifier.update(DATA);
        return verifier.verify(signature);
    }
}
