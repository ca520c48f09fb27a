package org.proofhub.hub.seal;

/**
 * Seals content with a seal of the hub, in three visible steps: {@link #prepare} fixes the seal and the
 * data to sign, the {@link SigningToken} signs, {@link #assemble} builds the detached CMS signature
 * (CAdES-BES-like) and adds an RFC 3161 time-stamp of the signature value.
 */
public interface Sealer {

    /**
     * Prepares sealing {@code content} with the single active seal of {@code purpose}.
     *
     * @throws SealStateException when the purpose has no usable active seal, or several (name one then)
     */
    SealRequest prepare(byte[] content, SealPurpose purpose);

    /**
     * Prepares sealing {@code content} with the seal {@code sealId}, which must be an active, unexpired
     * seal of {@code purpose}.
     *
     * @throws SealPurposeMismatchException when the seal is made for another purpose
     * @throws SealNotFoundException        when there is no such seal
     * @throws SealStateException           when the seal is retired, revoked or its certificate is not valid now
     */
    SealRequest prepare(byte[] content, SealPurpose purpose, String sealId);

    /**
     * Prepares the CMS of a PAdES signature ({@code ETSI.CAdES.detached}) over a PDF's signed byte ranges
     * with the single active seal of {@code purpose}. The same as {@link #prepare(byte[], SealPurpose)}
     * except that the signed attributes leave out signing-time, which PAdES forbids (ETSI EN 319 142-1,
     * TS 102 778-3 4.5.3): the claimed time goes into the signature dictionary's {@code /M} instead, and the
     * time-stamp that {@link #assemble} adds is the proven one.
     *
     * @throws SealStateException when the purpose has no usable active seal, or several
     */
    SealRequest preparePades(byte[] signedByteRanges, SealPurpose purpose);

    /**
     * Builds the detached CMS SignedData from a prepared request and the token's signature value over
     * {@link SealRequest#dataToSign()}, with the certificate chain and a signature time-stamp.
     *
     * @return the DER encoding of the CMS ContentInfo (a {@code .p7s})
     */
    byte[] assemble(SealRequest request, byte[] signatureValue);

    /** All three steps at once, with the hub's signing token. */
    byte[] seal(byte[] content, SealPurpose purpose);

    /** All three steps at once with a named seal; refuses like {@link #prepare(byte[], SealPurpose, String)}. */
    byte[] seal(byte[] content, SealPurpose purpose, String sealId);
}
