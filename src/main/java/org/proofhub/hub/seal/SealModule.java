package org.proofhub.hub.seal;

import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.security.auth.x500.X500Principal;

import org.proofhub.hub.seal.internal.BouncyCastleCmsSealVerifier;
import org.proofhub.hub.seal.internal.BouncyCastleCmsSealer;
import org.proofhub.hub.seal.internal.BouncyCastleTimeStampAuthority;
import org.proofhub.hub.seal.internal.JsonFileSealRegistry;
import org.proofhub.hub.seal.internal.LocalCertificateAuthority;
import org.proofhub.hub.seal.internal.Pkcs12SigningToken;

/**
 * The seal capability wired together over one directory; what a Spring configuration will do later.
 * Opening a directory a second time reuses its keys, seals, CA and TSA.
 *
 * <pre>
 * directory/
 *   seals.p12    signing token: seal keys (alias = seal id in lower case) and the TSA key ("tsa")
 *   seals.json   seal index: id, purpose, algorithm, unit, key alias, status
 *   ca/ca.p12    local CA keys: "root-ecdsa", "root-sm2"
 *   ca/ca.json   certificates issued, revocations, last CRL number
 *   ca/roots.pem the roots, for offline verifiers (openssl -CAfile)
 * </pre>
 */
public final class SealModule {

    public static final String TOKEN_FILE = "seals.p12";
    public static final String CA_DIRECTORY = "ca";

    private final SigningToken token;
    private final CertificateAuthority certificateAuthority;
    private final TimeStampAuthority timeStampAuthority;
    private final SealRegistry registry;
    private final Sealer sealer;
    private final SealVerifier verifier;
    private final Map<SealPurpose, CachedValidation> validation = new java.util.concurrent.ConcurrentHashMap<>();

    private SealModule(SigningToken token, CertificateAuthority certificateAuthority,
                       TimeStampAuthority timeStampAuthority, SealRegistry registry, Sealer sealer,
                       SealVerifier verifier) {
        this.token = token;
        this.certificateAuthority = certificateAuthority;
        this.timeStampAuthority = timeStampAuthority;
        this.registry = registry;
        this.sealer = sealer;
        this.verifier = verifier;
    }

    public static SealModule open(SealSettings settings, Clock clock) {
        Path directory = settings.directory();
        CertificateAuthority authority = LocalCertificateAuthority.open(directory.resolve(CA_DIRECTORY),
                settings.caPassword(), clock, settings.sealCertificateValidity(), settings.crlValidity());
        SigningToken token = Pkcs12SigningToken.open(directory.resolve(TOKEN_FILE), settings.tokenPassword());
        TimeStampAuthority timeStampAuthority = BouncyCastleTimeStampAuthority.open(token, authority, clock);
        SealRegistry registry = JsonFileSealRegistry.open(directory, token, authority);
        return new SealModule(token, authority, timeStampAuthority, registry,
                new BouncyCastleCmsSealer(registry, token, timeStampAuthority, clock),
                new BouncyCastleCmsSealVerifier());
    }

    public SigningToken token() {
        return token;
    }

    public CertificateAuthority certificateAuthority() {
        return certificateAuthority;
    }

    public TimeStampAuthority timeStampAuthority() {
        return timeStampAuthority;
    }

    public SealRegistry registry() {
        return registry;
    }

    public Sealer sealer() {
        return sealer;
    }

    public SealVerifier verifier() {
        return verifier;
    }

    /**
     * The validation data of a seal made now for {@code purpose} (its active seal): the seal's chain, the TSA's chain and
     * the current CRL of every issuer in them, each once.
     */
    public ValidationData validationData(SealPurpose purpose) {
        Seal seal = registry.activeSeal(purpose);
        List<X509CRL> current = certificateAuthority.currentCrls();
        CachedValidation cached = validation.get(purpose);
        // the CA hands out the same CRL objects until it issues new ones (on a revocation, or when they age)
        if (cached != null && cached.sealId().equals(seal.id()) && sameObjects(cached.crls(), current)) {
            return cached.data();
        }
        // a certificate is named by its issuer and serial number
        Map<String, X509Certificate> certificates = new LinkedHashMap<>();
        Set<X500Principal> issuers = new HashSet<>();
        for (List<X509Certificate> chain : List.of(seal.certificateChain(), timeStampAuthority.certificateChain())) {
            for (X509Certificate c : chain) {
                certificates.putIfAbsent(c.getIssuerX500Principal().getName() + "#" + c.getSerialNumber(), c);
                if (!c.getIssuerX500Principal().equals(c.getSubjectX500Principal())) {
                    issuers.add(c.getIssuerX500Principal());
                }
            }
        }
        List<X509CRL> crls = current.stream().filter(crl -> issuers.contains(crl.getIssuerX500Principal())).toList();
        ValidationData data = new ValidationData(List.copyOf(certificates.values()), crls);
        validation.put(purpose, new CachedValidation(seal.id(), current, data));
        return data;
    }

    private record CachedValidation(String sealId, List<X509CRL> crls, ValidationData data) {
    }

    private static boolean sameObjects(List<X509CRL> a, List<X509CRL> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }

    /** The roots that verify this hub's seals and time-stamps. */
    public TrustAnchors trustAnchors() {
        return certificateAuthority.trustAnchors();
    }
}
