package org.proofhub.hub.proof.pdf.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.BitSet;
import java.util.OptionalInt;

import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;

/**
 * The one font proofs are set in, read from the hub's own resources ({@code fonts/README.md} says where it
 * comes from): proofs must look the same on every machine, so no system font is ever consulted.
 */
final class ShippedFont {

    static final String RESOURCE = "/fonts/NotoSerifSC-Regular-GB2312.ttf";
    static final String DESCRIPTION = "Noto Serif SC, GB 2312 subset";

    private static final ShippedFont INSTANCE = load();

    private final byte[] fontBytes;
    private final BitSet codePoints;

    private ShippedFont(byte[] fontBytes, BitSet codePoints) {
        this.fontBytes = fontBytes;
        this.codePoints = codePoints;
    }

    static ShippedFont get() {
        return INSTANCE;
    }

    /**
     * A fresh parse for one document. FontBox fonts read lazily from a shared buffer and are not safe to
     * share between threads, and parsing the in-memory bytes costs little next to embedding the subset.
     */
    TrueTypeFont open() throws IOException {
        return new TTFParser().parse(new RandomAccessReadBuffer(fontBytes));
    }

    /** The first code point of {@code text} that the font cannot show, if any. */
    OptionalInt firstMissing(String text) {
        return text.codePoints().filter(c -> !codePoints.get(c) && !Character.isISOControl(c)).findFirst();
    }

    private static ShippedFont load() {
        try (InputStream in = ShippedFont.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the proof font " + RESOURCE + " is missing from the hub's resources");
            }
            byte[] bytes = in.readAllBytes();
            BitSet covered = new BitSet(0x10000);
            try (TrueTypeFont font = new TTFParser().parse(new RandomAccessReadBuffer(bytes))) {
                CmapLookup cmap = font.getUnicodeCmapLookup();
                for (int c = 0; c < 0x30000; c++) {
                    if (cmap.getGlyphId(c) > 0) {
                        covered.set(c);
                    }
                }
            }
            return new ShippedFont(bytes, covered);
        } catch (IOException e) {
            throw new UncheckedIOException("the proof font " + RESOURCE + " cannot be read", e);
        }
    }
}
