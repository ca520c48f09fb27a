package org.proofhub.hub.proof.pdf.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicInteger;

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
     * Bytes reserved for the CMS in {@code /Contents} before any was made. A hub seal's CMS (seal and root
     * certificates, a time-stamp token with the TSA's) is about 3.5 KB. PDFBox writes the reserve as hex, byte
     * by byte, and zero-pads what the CMS does not fill: every reserved byte costs two in every PDF, and
     * writing a fixed 12 KB reserve was a tenth of a proof's CPU. So the reserve follows the CMSs made: the
     * largest so far and {@link #MARGIN} (a hub's CMSs differ by a few bytes); a CMS that does not fit (a new
     * seal with a longer chain) is made again with room for it.
     */
    static final int SIGNATURE_RESERVE = 8 * 1024;
    static final int MARGIN = 1024;
    private static final AtomicInteger LARGEST_CMS = new AtomicInteger();

    private PadesSigning() {
    }

    /**
     * @param signerName the seal's unit, for {@code /Name}
     * @param reason     what is sealed, for {@code /Reason}
     * @param claimed    the claimed signing time ({@code /M}); the time-stamp inside the CMS is the proven one
     */
    static byte[] sign(byte[] rendered, String signerName, String reason, SealPurpose purpose, Sealer sealer, SigningToken token,
                       Instant claimed) throws IOException {
        SealerSignature cms = new SealerSignature(sealer, token, purpose);
        int reserve = reserve();
        try {
            return sign(rendered, signerName, reason, cms, claimed, reserve);
        } catch (IOException e) {
            if (cms.lastLength() <= reserve) {
                throw e;
            }
            // a CMS larger than any before: seal again with room for it
            return sign(rendered, signerName, reason, cms, claimed, cms.lastLength() + MARGIN);
        } finally {
            LARGEST_CMS.accumulateAndGet(cms.lastLength(), Math::max);
        }
    }

    /** For tests: as if the largest CMS so far had {@code length} bytes. */
    static void assumeLargestCms(int length) {
        LARGEST_CMS.set(length);
    }

    /** The bytes to reserve for the next CMS. */
    static int reserve() {
        int largest = LARGEST_CMS.get();
        return largest == 0 ? SIGNATURE_RESERVE : (largest + MARGIN + 511) / 512 * 512;
    }

    private static byte[] sign(byte[] rendered, String signerName, String reason, SealerSignature cms, Instant claimed, int reserve)
            throws IOException {
        try (PDDocument document = Loader.loadPDF(rendered);
             SignatureOptions options = new SignatureOptions()) {
            PDSignature signature = new PDSignature();
            signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
            signature.setSubFilter(PDSignature.SUBFILTER_ETSI_CADES_DETACHED);
            signature.setName(signerName);
            signature.setReason(reason);
            signature.setSignDate(chinaCalendar(claimed.truncatedTo(ChronoUnit.SECONDS)));
            options.setPreferredSignatureSize(reserve);
            document.addSignature(signature, cms, options);
            ByteArrayOutputStream out = new ByteArrayOutputStream(rendered.length + 2 * reserve + 4096);
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
