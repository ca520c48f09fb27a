package org.proofhub.hub.proof.pdf.internal;

import java.io.IOException;
import java.io.InputStream;

import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureInterface;
import org.proofhub.hub.seal.Seal;
import org.proofhub.hub.seal.SealPurpose;
import org.proofhub.hub.seal.SealRequest;
import org.proofhub.hub.seal.Sealer;
import org.proofhub.hub.seal.SigningToken;

/**
 * Gives PDFBox the CMS for a PAdES signature, made by the hub's three sealing steps over the signed byte
 * ranges PDFBox hands in: the sealer fixes the signed attributes, the token signs them, the sealer
 * assembles and time-stamps. No key or CMS code lives here.
 */
final class SealerSignature implements SignatureInterface {

    private final Sealer sealer;
    private final SigningToken token;
    private final SealPurpose purpose;
    private int lastLength;

    SealerSignature(Sealer sealer, SigningToken token, SealPurpose purpose) {
        this.sealer = sealer;
        this.token = token;
        this.purpose = purpose;
    }

    @Override
    public byte[] sign(InputStream signedByteRanges) throws IOException {
        SealRequest request = sealer.preparePades(signedByteRanges.readAllBytes(), purpose);
        Seal seal = request.seal();
        byte[] signatureValue = token.sign(seal.keyAlias(), seal.algorithm(), request.dataToSign());
        byte[] cms = sealer.assemble(request, signatureValue);
        lastLength = cms.length;
        return cms;
    }

    /** The length of the last CMS made, 0 before the first. */
    int lastLength() {
        return lastLength;
    }
}
