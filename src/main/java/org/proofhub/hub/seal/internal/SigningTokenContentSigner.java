package org.proofhub.hub.seal.internal;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;

import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.ContentSigner;
import org.proofhub.hub.seal.SealAlgorithm;
import org.proofhub.hub.seal.SigningToken;

/**
 * Lets Bouncy Castle builders (certificates, CRLs, time-stamp tokens) sign through a {@link SigningToken}
 * instead of holding a private key. Good for one signature: create one per certificate, CRL or token.
 */
final class SigningTokenContentSigner implements ContentSigner {
    private final SigningToken token;
    private final String alias;
    private final SealAlgorithm algorithm;
    private final ByteArrayOutputStream toBeSigned = new ByteArrayOutputStream();

    SigningTokenContentSigner(SigningToken token, String alias, SealAlgorithm algorithm) {
        this.token = token;
        this.alias = alias;
        this.algorithm = algorithm;
    }

    @Override
    public AlgorithmIdentifier getAlgorithmIdentifier() {
        return BouncyCastleAlgorithms.signatureAlgorithmIdentifier(algorithm);
    }

    @Override
    public OutputStream getOutputStream() {
        return toBeSigned;
    }

    @Override
    public byte[] getSignature() {
        return token.sign(alias, algorithm, toBeSigned.toByteArray());
    }
}
