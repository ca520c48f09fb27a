package org.proofhub.hub.seal.internal;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.nio.ByteBuffer;
import java.security.cert.CertStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.proofhub.hub.seal.TrustAnchors;

/**
 * RFC 5280 path validation (Bouncy Castle's PKIX, which knows SM2 and accepts the critical extended key
 * usage of seal and TSA certificates) at a chosen time, without revocation: the verifier judges CRLs
 * itself, against the time-stamp time.
 * <p>
 * Every verification validates the same few paths again (the hub's seal and TSA certificates to its roots), and
 * building and checking them was over a third of a verification's CPU. A path that validated is remembered
 * with the time span in which all its certificates are valid: everything else PKIX checks here (signatures,
 * constraints, key usage, policies) does not depend on the time, so the same certificates validated at another
 * time inside that span give the same result. Failures are not remembered.
 */
final class PkixValidation {
    private static final int REMEMBERED_PATHS = 256;
    private static final Map<PathKey, Validated> VALIDATED = new ConcurrentHashMap<>();

    /** The inputs that decide a path, apart from the time: certificates by their encodings. */
    private record PathKey(ByteBuffer target, Set<ByteBuffer> intermediates, Set<ByteBuffer> anchors) {
    }

    /** A valid result and when it holds: from the latest notBefore to the earliest notAfter on the path, anchor included. */
    private record Validated(Result result, Instant from, Instant until) {
        boolean holdsAt(Instant at) {
            return !at.isBefore(from) && !at.isAfter(until);
        }
    }

    /**
     * @param issuer  the certificate that signed the target (possibly the anchor), when valid
     * @param problem why there is no valid path, when not valid
     */
    record Result(boolean valid, X509Certificate issuer, X509Certificate anchor, String problem) {
    }

    private PkixValidation() {
    }

    static Result validate(X509Certificate target, Collection<X509Certificate> intermediates, TrustAnchors anchors,
                           Instant at) {
        if (anchors.certificates().isEmpty()) {
            return new Result(false, null, null, "no trust anchors were given");
        }
        PathKey key;
        try {
            key = new PathKey(encoded(target), encodings(intermediates), encodings(anchors.certificates()));
        } catch (CertificateEncodingException e) {
            return new Result(false, null, null, "a certificate cannot be encoded: " + messages(e));
        }
        Validated known = VALIDATED.get(key);
        if (known != null && known.holdsAt(at)) {
            return known.result();
        }
        Set<TrustAnchor> trustAnchors = anchors.certificates().stream()
                .map(c -> new TrustAnchor(c, null)).collect(Collectors.toSet());
        X509CertSelector selector = new X509CertSelector();
        selector.setCertificate(target);
        List<X509Certificate> candidates = new ArrayList<>(intermediates);
        candidates.add(target);
        try {
            PKIXBuilderParameters parameters = new PKIXBuilderParameters(trustAnchors, selector);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(at));
            parameters.addCertStore(CertStore.getInstance("Collection",
                    new CollectionCertStoreParameters(candidates), BouncyCastleAlgorithms.provider()));
            PKIXCertPathBuilderResult result = (PKIXCertPathBuilderResult) CertPathBuilder
                    .getInstance("PKIX", BouncyCastleAlgorithms.provider()).build(parameters);
            List<? extends Certificate> path = result.getCertPath().getCertificates();
            X509Certificate anchor = result.getTrustAnchor().getTrustedCert();
            X509Certificate issuer = path.size() > 1 ? (X509Certificate) path.get(1) : anchor;
            Result valid = new Result(true, issuer, anchor, null);
            remember(key, valid, path, anchor);
            return valid;
        } catch (CertPathBuilderException e) {
            return new Result(false, null, null, messages(e));
        } catch (GeneralSecurityException e) {
            return new Result(false, null, null, "path validation cannot run: " + messages(e));
        }
    }

    private static void remember(PathKey key, Result valid, List<? extends Certificate> path, X509Certificate anchor) {
        List<X509Certificate> certificates = new ArrayList<>();
        path.forEach(c -> certificates.add((X509Certificate) c));
        certificates.add(anchor);
        Instant from = certificates.stream().map(c -> c.getNotBefore().toInstant()).max(Instant::compareTo).orElseThrow();
        Instant until = certificates.stream().map(c -> c.getNotAfter().toInstant()).min(Instant::compareTo).orElseThrow();
        // bounded: certificate chains presented from outside must not grow it without end
        if (VALIDATED.size() >= REMEMBERED_PATHS) {
            VALIDATED.clear();
        }
        VALIDATED.put(key, new Validated(valid, from, until));
    }

    private static ByteBuffer encoded(X509Certificate certificate) throws CertificateEncodingException {
        return ByteBuffer.wrap(certificate.getEncoded());
    }

    private static Set<ByteBuffer> encodings(Collection<X509Certificate> certificates) throws CertificateEncodingException {
        Set<ByteBuffer> out = new HashSet<>();
        for (X509Certificate c : certificates) {
            out.add(encoded(c));
        }
        return out;
    }

    /** Bouncy Castle nests the telling message (e.g. "certificate expired on ...") in causes. */
    private static String messages(Throwable error) {
        Set<String> messages = new LinkedHashSet<>();
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                messages.add(t.getMessage());
            }
        }
        return String.join(": ", messages);
    }
}
