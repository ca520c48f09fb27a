package org.proofhub.hub.proof.pdf.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.BitSet;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

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
     * A parsed font for one document at a time, to {@link Lease#close() give back} once the document is
     * saved (PDFBox cuts the subset out of it on save). FontBox fonts read lazily from their buffer and
     * keep lookup tables, so they are not safe to share between threads; parsing one (its cmap alone is
     * some 7,500 map entries) cost a fifth of a proof's CPU, so parsed fonts are kept in a small pool
     * instead: at most {@link #POOLED} idle ones, made on demand when all are lent out.
     */
    Lease lease() throws IOException {
        TrueTypeFont font = idle.poll();
        if (font == null) {
            font = new TTFParser().parse(new RandomAccessReadBuffer(fontBytes));
        } else {
            idleCount.decrementAndGet();
        }
        return new Lease(font);
    }

    /** Parsed fonts kept idle: enough for the threads that render at the same time on a small machine. */
    static final int POOLED = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

    private final ConcurrentLinkedQueue<TrueTypeFont> idle = new ConcurrentLinkedQueue<>();
    private final AtomicInteger idleCount = new AtomicInteger();

    /** One document's use of a parsed font; closing gives it back to the pool (or closes it when the pool is full). */
    final class Lease implements AutoCloseable {
        private TrueTypeFont font;

        private Lease(TrueTypeFont font) {
            this.font = font;
        }

        TrueTypeFont font() {
            return font;
        }

        @Override
        public void close() throws IOException {
            TrueTypeFont returned = font;
            font = null;
            if (returned == null) {
                return;
            }
            if (idleCount.incrementAndGet() <= POOLED) {
                idle.offer(returned);
            } else {
                idleCount.decrementAndGet();
                returned.close();
            }
        }
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
