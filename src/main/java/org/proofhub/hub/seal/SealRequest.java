package org.proofhub.hub.seal;

import java.time.Instant;

/**
 * Step one of sealing, made by {@link Sealer#prepare}: the chosen seal, the content and the
 * {@link #dataToSign() data to sign}. Hand {@code dataToSign} to the {@link SigningToken} under
 * {@link Seal#keyAlias()}, then give the signature value to {@link Sealer#assemble}.
 */
public final class SealRequest {
    private final Seal seal;
    private final byte[] content;
    private final byte[] dataToSign;
    private final Instant signingTime;

    public SealRequest(Seal seal, byte[] content, byte[] dataToSign, Instant signingTime) {
        this.seal = seal;
        // not copied: content may be a large PDF and the caller keeps ownership of it until assembly
        this.content = content;
        this.dataToSign = dataToSign.clone();
        this.signingTime = signingTime;
    }

    public Seal seal() {
        return seal;
    }

    /** The content being sealed; it stays outside the CMS signature (detached). */
    public byte[] content() {
        return content;
    }

    /** The DER encoding of the CMS signed attributes: exactly what the token signs. */
    public byte[] dataToSign() {
        return dataToSign.clone();
    }

    /**
     * The time of preparation, in whole seconds: written into the signing-time attribute, except for a
     * {@link Sealer#preparePades PAdES} request, whose CMS has none.
     */
    public Instant signingTime() {
        return signingTime;
    }
}
