package org.proofhub.hub.proof.pdf.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSBoolean;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSFloat;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFontDescriptor;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The one font proofs are set in, read from the hub's own resources ({@code fonts/README.md} says where it
 * comes from): proofs must look the same on every machine, so no system font is ever consulted.
 */
final class ShippedFont {

    static final String RESOURCE = "/fonts/NotoSerifSC-Regular-GB18030.ttf";
    static final String DESCRIPTION = "Noto Serif SC, GB 18030 subset";

    private static final ShippedFont INSTANCE = load();

    private final byte[] fontBytes;
    private final BitSet codePoints;
    /** Glyph id by code point (0: none); the font has no glyph beyond the Basic Multilingual Plane but is not relied on for it. */
    private final int[] bmpGlyphs;
    private final Map<Integer, Integer> otherGlyphs;
    /** Advance width by glyph id in 1/1000 em, rounded as PDFBox writes {@code /W}. */
    private final int[] widths;
    private final String postScriptName;
    /** The font descriptor PDFBox makes for the font, without a font program: copied for each document. */
    private final COSDictionary descriptor;
    /** Deflates subsets of the font with a code made from the whole font's byte frequencies. */
    private final LiteralDeflater programDeflater;

    private ShippedFont(byte[] fontBytes, BitSet codePoints, int[] bmpGlyphs, Map<Integer, Integer> otherGlyphs, int[] widths,
                        String postScriptName, COSDictionary descriptor) {
        this.fontBytes = fontBytes;
        this.codePoints = codePoints;
        this.bmpGlyphs = bmpGlyphs;
        this.otherGlyphs = otherGlyphs;
        this.widths = widths;
        this.postScriptName = postScriptName;
        this.descriptor = descriptor;
        this.programDeflater = new LiteralDeflater(LiteralDeflater.frequencies(fontBytes));
    }

    /** The glyph id for {@code codePoint}, 0 when the font has none. */
    int glyph(int codePoint) {
        return codePoint >= 0 && codePoint < bmpGlyphs.length ? bmpGlyphs[codePoint] : otherGlyphs.getOrDefault(codePoint, 0);
    }

    /** The advance width of a glyph in 1/1000 em. */
    int width(int glyph) {
        return glyph >= 0 && glyph < widths.length ? widths[glyph] : 0;
    }

    String postScriptName() {
        return postScriptName;
    }

    /** A subset's font program (a TrueType file cut out of this font) as a zlib stream, for {@code /FontFile2}. */
    byte[] deflateProgram(byte[] program) {
        return programDeflater.deflate(program);
    }

    /** A fresh copy of the font descriptor for one document (COS objects are never shared between documents). */
    COSDictionary newDescriptorDictionary() {
        return (COSDictionary) copy(descriptor);
    }

    private static COSBase copy(COSBase value) {
        if (value instanceof COSDictionary dictionary) {
            COSDictionary copy = new COSDictionary();
            dictionary.entrySet().forEach(e -> copy.setItem(e.getKey(), copy(e.getValue())));
            return copy;
        }
        if (value instanceof COSArray array) {
            COSArray copy = new COSArray();
            array.forEach(item -> copy.add(copy(item)));
            return copy;
        }
        if (value instanceof COSFloat number) {
            return new COSFloat(number.floatValue());
        }
        if (value instanceof COSString string) {
            return new COSString(string.getBytes());
        }
        if (value instanceof COSName || value instanceof COSInteger || value instanceof COSBoolean) {
            return value; // immutable
        }
        throw new IllegalStateException("unexpected " + value.getClass().getSimpleName() + " in the font descriptor");
    }

    static ShippedFont get() {
        return INSTANCE;
    }

    /**
     * A parsed font for cutting one subset out of it ({@link ShippedType0Font#subset()}), to
     * {@link Lease#close() give back} after. FontBox fonts read lazily from their buffer and keep lookup
     * tables, so they are not safe to share between threads; parsing one (its cmap alone is some 7,500 map
     * entries) cost a fifth of a proof's CPU, so parsed fonts are kept in a small pool instead: at most
     * {@link #POOLED} idle ones, made on demand when all are lent out.
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

    /**
     * Parsed fonts kept idle: enough for the request threads that render at the same time (each about half a megabyte of
     * tables once used). With 4, sixteen clients asking for PDFs at once on two cores kept finding the pool empty, and
     * parsing took a fortieth of a PDF request.
     */
    static final int POOLED = Math.max(16, 2 * Runtime.getRuntime().availableProcessors());

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
            int[] bmpGlyphs = new int[0x10000];
            Map<Integer, Integer> otherGlyphs = new HashMap<>();
            try (TrueTypeFont font = new TTFParser().parse(new RandomAccessReadBuffer(bytes));
                 PDDocument scratch = new PDDocument()) {
                CmapLookup cmap = font.getUnicodeCmapLookup();
                for (int c = 0; c < 0x30000; c++) {
                    int glyph = cmap.getGlyphId(c);
                    if (glyph > 0) {
                        covered.set(c);
                        if (c < bmpGlyphs.length) {
                            bmpGlyphs[c] = glyph;
                        } else {
                            otherGlyphs.put(c, glyph);
                        }
                    }
                }
                float scaling = 1000f / font.getHeader().getUnitsPerEm();
                int[] widths = new int[font.getNumberOfGlyphs()];
                for (int glyph = 0; glyph < widths.length; glyph++) {
                    widths[glyph] = Math.round(font.getHorizontalMetrics().getAdvanceWidth(glyph) * scaling);
                }
                // the descriptor PDFBox makes (flags, box, ascent, descent, cap height, stem): made once here
                PDFontDescriptor made = PDType0Font.load(scratch, font, true).getFontDescriptor();
                COSDictionary descriptor = (COSDictionary) copy(made.getCOSObject());
                descriptor.removeItem(COSName.FONT_FILE2);
                descriptor.removeItem(COSName.CID_SET);
                return new ShippedFont(bytes, covered, bmpGlyphs, Map.copyOf(otherGlyphs), widths, made.getFontName(), descriptor);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the proof font " + RESOURCE + " cannot be read", e);
        }
    }
}
