package org.proofhub.hub.proof.pdf.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.TimeZone;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.proofhub.hub.seal.SealPurpose;
import org.proofhub.hub.seal.Sealer;
import org.proofhub.hub.seal.SigningToken;

/** Adds the hub's PAdES signature to a rendered PDF by an incremental save: one way for proofs and letters. */
final class PadesSigning {

    /**
     * Bytes reserved for the CMS in {@code /Contents}. A hub seal's CMS (seal and root certificates, a
     * time-stamp token with the TSA's) is about 3.5 KB; the reserve leaves room for longer chains of a
     * licensed CA. PDFBox zero-pads what the CMS does not fill.
     */
    static final int SIGNATURE_RESERVE = 12 * 1024;

    private PadesSigning() {
    }

    /**
     * @param signerName the seal's unit, for {@code /Name}
     * @param reason     what is sealed, for {@code /Reason}
     * @param claimed    the claimed signing time ({@code /M}); the time-stamp inside the CMS is the proven one
     */
    static byte[] sign(byte[] rendered, String signerName, String reason, SealPurpose purpose, Sealer sealer, SigningToken token,
                       Instant claimed) throws IOException {
        try (PDDocument document = Loader.loadPDF(rendered);
             SignatureOptions options = new SignatureOptions()) {
            PDSignature signature = new PDSignature();
            signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
            signature.setSubFilter(PDSignature.SUBFILTER_ETSI_CADES_DETACHED);
            signature.setName(signerName);
            signature.setReason(reason);
            signature.setSignDate(chinaCalendar(claimed.truncatedTo(ChronoUnit.SECONDS)));
            options.setPreferredSignatureSize(SIGNATURE_RESERVE);
            document.addSignature(signature, new SealerSignature(sealer, token, purpose), options);
            ByteArrayOutputStream out = new ByteArrayOutputStream(rendered.length + 2 * SIGNATURE_RESERVE + 4096);
            document.saveIncremental(out);
            return out.toByteArray();
        }
    }

    static Calendar chinaCalendar(Instant instant) {
        GregorianCalendar calendar = new GregorianCalendar(TimeZone.getTimeZone(ProofLayout.CHINA));
        calendar.setTimeInMillis(instant.toEpochMilli());
        return calendar;
    }
}
