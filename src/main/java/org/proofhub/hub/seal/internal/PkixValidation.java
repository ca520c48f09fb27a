package org.proofhub.hub.seal.internal;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertStore;
import java.security.cert.Certificate;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.proofhub.hub.seal.TrustAnchors;

/**
 * RFC 5280 path validation (Bouncy Castle's PKIX, which knows SM2 and accepts the critical extended key
 * usage of seal and TSA certificates) at a chosen time, without revocation: the verifier judges CRLs
 * itself, against the time-stamp time.
 */
final class PkixValidation {

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
            return new Result(true, issuer, anchor, null);
        } catch (CertPathBuilderException e) {
            return new Result(false, null, null, messages(e));
        } catch (GeneralSecurityException e) {
            return new Result(false, null, null, "path validation cannot run: " + messages(e));
        }
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
