package org.proofhub.hub.proof.pdf.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.proofhub.hub.platform.BeijingTime;
import org.proofhub.hub.seal.SealPurpose;
import org.proofhub.hub.seal.SealModule;
import org.proofhub.hub.seal.ValidationData;

/** Adds the hub's PAdES signature (and, when asked, its validation data) to a rendered PDF by one incremental save: one way for proofs and letters. */
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
    static byte[] sign(byte[] rendered, String signerName, String reason, SealPurpose purpose, SealModule seals, boolean validationData,
                       Instant claimed) throws IOException {
        SealerSignature cms = new SealerSignature(seals.sealer(), seals.token(), purpose);
        ValidationData validation = validationData ? seals.validationData(purpose) : null;
        int reserve = reserve();
        try {
            return sign(rendered, signerName, reason, cms, validation, claimed, reserve);
        } catch (IOException e) {
            if (cms.lastLength() <= reserve) {
                throw e;
            }
            // a CMS larger than any before: seal again with room for it
            return sign(rendered, signerName, reason, cms, validation, claimed, cms.lastLength() + MARGIN);
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

    private static byte[] sign(byte[] rendered, String signerName, String reason, SealerSignature cms, ValidationData validation,
                               Instant claimed, int reserve) throws IOException {
        try (PDDocument document = Loader.loadPDF(rendered);
             SignatureOptions options = new SignatureOptions()) {
            if (validation != null) {
                addSecurityStore(document, validation);
            }
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

    /**
     * PAdES-LT's Document Security Store (ISO 32000-2 12.8.4.3, ETSI EN 319 142-1 5.4): the certificates and CRLs that
     * validate the seal and its time-stamp, in the catalog's {@code /DSS} ({@code /Certs}, {@code /CRLs}: streams of
     * their DER). It is written in the same incremental update as the signature, so the signature covers it; the hub's
     * own time-stamping authority and CA are known before the seal is made, so nothing needs to be added afterwards.
     * A verifier years later, offline, finds in the document what shows that the seal's certificate was valid and not
     * revoked when the time-stamp was made.
     */
    private static void addSecurityStore(PDDocument document, ValidationData validation) throws IOException {
        COSArray certs = new COSArray();
        for (byte[] der : validation.encodedCertificates()) {
            certs.add(stream(document, der));
        }
        COSArray crls = new COSArray();
        for (byte[] der : validation.encodedCrls()) {
            crls.add(stream(document, der));
        }
        COSDictionary dss = new COSDictionary();
        dss.setItem(COSName.TYPE, COSName.getPDFName("DSS"));
        dss.setItem(COSName.getPDFName("Certs"), certs);
        dss.setItem(COSName.getPDFName("CRLs"), crls);
        COSDictionary catalog = document.getDocumentCatalog().getCOSObject();
        catalog.setItem(COSName.getPDFName("DSS"), dss);
        catalog.setNeedToBeUpdated(true);
    }

    private static COSStream stream(PDDocument document, byte[] der) throws IOException {
        COSStream stream = document.getDocument().createCOSStream();
        try (OutputStream out = stream.createRawOutputStream()) {
            out.write(der);
        }
        return stream;
    }

    static Calendar chinaCalendar(Instant instant) {
        GregorianCalendar calendar = new GregorianCalendar(TimeZone.getTimeZone(BeijingTime.ZONE));
        calendar.setTimeInMillis(instant.toEpochMilli());
        return calendar;
    }
}
