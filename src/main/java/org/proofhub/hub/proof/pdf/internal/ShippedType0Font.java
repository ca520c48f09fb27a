package org.proofhub.hub.proof.pdf.internal;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.Deflater;

import org.apache.fontbox.ttf.TTFSubsetter;
import org.apache.fontbox.util.BoundingBox;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDFontDescriptor;

/**
 * The shipped font in one document: a Type 0 font (Identity-H) over a CIDFontType2 whose CIDs are the glyph ids
 * of the shipped font, embedded on save as a subset of the glyphs shown, with widths, a CIDToGIDMap into the
 * subset and a ToUnicode map — what {@code PDType0Font.load(document, font, true)} makes, without its cost:
 * PDFBox builds and parses back the widths of all 7,000 and more glyphs for every document, and inverts the
 * font's cmap for the ToUnicode map, while here the glyph ids and widths come from tables {@link ShippedFont}
 * makes once. A parsed font is {@link ShippedFont#lease() lent} only for cutting the subset out on save.
 * {@code ProofDocumentTest} checks the result with PDFBox's own reader, text extraction and rendering.
 */
final class ShippedType0Font extends PDFont {

    /** The TrueType tables PDFBox keeps in a subset (its {@code TrueTypeEmbedder.TABLES}). */
    private static final List<String> TABLES = List.of("head", "hhea", "loca", "maxp", "cvt ", "prep", "glyf", "hmtx", "fpgm", "gasp");
    private static final int DEFAULT_WIDTH = 1000;

    private final PDDocument document;
    private final ShippedFont shipped;
    private final COSDictionary cidFont;
    private final PDFontDescriptor descriptor;
    /** Glyph id (= CID) to the code point it was shown for, of every glyph shown. */
    private final TreeMap<Integer, Integer> shown = new TreeMap<>();
    private boolean subsetDone;

    ShippedType0Font(PDDocument document, ShippedFont shipped) {
        this(document, shipped, new COSDictionary(), new PDFontDescriptor(shipped.newDescriptorDictionary()));
    }

    private ShippedType0Font(PDDocument document, ShippedFont shipped, COSDictionary cidFont, PDFontDescriptor descriptor) {
        super(type0(shipped, cidFont, descriptor));
        this.document = document;
        this.shipped = shipped;
        this.cidFont = cidFont;
        this.descriptor = descriptor;
    }

    private static COSDictionary type0(ShippedFont shipped, COSDictionary cidFont, PDFontDescriptor descriptor) {
        String name = shipped.postScriptName();
        cidFont.setItem(COSName.TYPE, COSName.FONT);
        cidFont.setItem(COSName.SUBTYPE, COSName.CID_FONT_TYPE2);
        cidFont.setName(COSName.BASE_FONT, name);
        COSDictionary info = new COSDictionary();
        info.setString(COSName.REGISTRY, "Adobe");
        info.setString(COSName.ORDERING, "Identity");
        info.setInt(COSName.SUPPLEMENT, 0);
        cidFont.setItem(COSName.CIDSYSTEMINFO, info);
        cidFont.setItem(COSName.FONT_DESC, descriptor);
        cidFont.setItem(COSName.CID_TO_GID_MAP, COSName.IDENTITY);
        COSDictionary type0 = new COSDictionary();
        type0.setItem(COSName.TYPE, COSName.FONT);
        type0.setItem(COSName.SUBTYPE, COSName.TYPE0);
        type0.setName(COSName.BASE_FONT, name);
        type0.setItem(COSName.ENCODING, COSName.IDENTITY_H);
        COSArray descendants = new COSArray();
        descendants.add(cidFont);
        type0.setItem(COSName.DESCENDANT_FONTS, descendants);
        return type0;
    }

    @Override
    protected byte[] encode(int unicode) {
        int glyph = glyph(unicode);
        return new byte[]{(byte) (glyph >> 8), (byte) glyph};
    }

    private int glyph(int unicode) {
        int glyph = shipped.glyph(unicode);
        if (glyph == 0) {
            // as PDType0Font: callers refuse such text before drawing it (ShippedFont.firstMissing)
            throw new IllegalArgumentException(String.format("No glyph for U+%04X in font %s", unicode, getName()));
        }
        return glyph;
    }

    @Override
    public float getStringWidth(String text) {
        float width = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            width += shipped.width(glyph(codePoint));
            i += Character.charCount(codePoint);
        }
        return width;
    }

    @Override
    public int readCode(InputStream in) throws IOException {
        int high = in.read();
        int low = in.read();
        if (low < 0) {
            throw new EOFException("a two-byte code was cut short");
        }
        return high << 8 | low;
    }

    @Override
    public void addToSubset(int codePoint) {
        int glyph = shipped.glyph(codePoint);
        if (glyph > 0) {
            shown.putIfAbsent(glyph, codePoint);
        }
    }

    @Override
    public boolean willBeSubset() {
        return true;
    }

    /** Cuts the shown glyphs out of the shipped font and writes the font program, widths, CID map and ToUnicode map. */
    @Override
    public void subset() throws IOException {
        if (subsetDone) {
            return;
        }
        subsetDone = true;
        Map<Integer, Integer> newToOld;
        byte[] program;
        try (ShippedFont.Lease font = shipped.lease()) {
            TTFSubsetter subsetter = new TTFSubsetter(font.font(), TABLES);
            subsetter.addGlyphIds(shown.keySet());
            newToOld = subsetter.getGIDMap();
            String tag = tag(newToOld);
            subsetter.setPrefix(tag);
            ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
            subsetter.writeToStream(out);
            program = out.toByteArray();
            String name = tag + shipped.postScriptName();
            dict.setName(COSName.BASE_FONT, name);
            cidFont.setName(COSName.BASE_FONT, name);
            descriptor.setFontName(name);
        }
        PDStream fontFile = deflated(shipped.deflateProgram(program));
        fontFile.getCOSObject().setInt(COSName.LENGTH1, program.length);
        descriptor.setFontFile2(fontFile);

        TreeMap<Integer, Integer> oldToNew = new TreeMap<>();
        newToOld.forEach((newGlyph, oldGlyph) -> oldToNew.put(oldGlyph, newGlyph));
        int maxCid = oldToNew.lastKey();
        byte[] cidToGid = new byte[2 * (maxCid + 1)];
        oldToNew.forEach((cid, glyph) -> {
            cidToGid[2 * cid] = (byte) (glyph >> 8);
            cidToGid[2 * cid + 1] = (byte) (int) glyph;
        });
        cidFont.setItem(COSName.CID_TO_GID_MAP, stream(cidToGid));
        cidFont.setItem(COSName.W, widths(oldToNew));
        // every CID up to the largest, as PDFBox writes it (PDF/A-1 wants a CIDSet)
        byte[] cidSet = new byte[maxCid / 8 + 1];
        for (int cid = 0; cid <= maxCid; cid++) {
            cidSet[cid / 8] |= (byte) (1 << 7 - cid % 8);
        }
        descriptor.setCIDSet(stream(cidSet));
        dict.setItem(COSName.TO_UNICODE, stream(toUnicode().getBytes(StandardCharsets.US_ASCII)));
    }

    /**
     * A Flate stream compressed at {@link Deflater#BEST_SPEED}, for the small streams (the CID map is mostly zeros). The
     * font program goes through {@link ShippedFont#deflateProgram}: glyph outlines hardly repeat, so zlib's search for
     * repeats bought little (level 6: 1.1 ms of CPU for 34 KB out of a 50 KB program; level 1: 0.7 ms for 35.5 KB, a
     * sixth of a sealed PDF), while a Huffman code made once from the font's bytes gives about 41 KB for next to nothing.
     */
    private PDStream stream(byte[] bytes) throws IOException {
        COSStream stream = document.getDocument().createCOSStream();
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try (OutputStream out = stream.createRawOutputStream()) {
            deflater.setInput(bytes);
            deflater.finish();
            byte[] buffer = new byte[16 * 1024];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
        } finally {
            deflater.end();
        }
        stream.setItem(COSName.FILTER, COSName.FLATE_DECODE);
        return new PDStream(stream);
    }

    /** A Flate stream of bytes deflated already (a zlib stream). */
    private PDStream deflated(byte[] zlib) throws IOException {
        COSStream stream = document.getDocument().createCOSStream();
        try (OutputStream out = stream.createRawOutputStream()) {
            out.write(zlib);
        }
        stream.setItem(COSName.FILTER, COSName.FLATE_DECODE);
        return new PDStream(stream);
    }

    /** {@code /W}: the widths that are not the default 1000, as runs {@code c [w1 w2 ...]} of consecutive CIDs. */
    private COSArray widths(TreeMap<Integer, Integer> cids) {
        COSArray widths = new COSArray();
        COSArray run = null;
        int previous = Integer.MIN_VALUE;
        for (int cid : cids.keySet()) {
            int width = shipped.width(cid);
            if (width == DEFAULT_WIDTH) {
                continue;
            }
            if (run == null || previous != cid - 1) {
                run = new COSArray();
                widths.add(COSInteger.get(cid));
                widths.add(run);
            }
            run.add(COSInteger.get(width));
            previous = cid;
        }
        return widths;
    }

    /** The ToUnicode CMap: each CID shown to the character it was shown for. */
    private String toUnicode() {
        StringBuilder cmap = new StringBuilder(64 + shown.size() * 16);
        cmap.append("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n")
                .append("/CIDSystemInfo\n<< /Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0\n>> def\n")
                .append("/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n")
                .append("1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
        int inBlock = 0;
        int left = shown.size();
        for (Map.Entry<Integer, Integer> entry : shown.entrySet()) {
            if (inBlock == 0) {
                cmap.append(Math.min(100, left)).append(" beginbfchar\n");
            }
            cmap.append('<').append(hex4(entry.getKey())).append("> <");
            for (char c : Character.toChars(entry.getValue())) {
                cmap.append(hex4(c));
            }
            cmap.append(">\n");
            left--;
            if (++inBlock == 100 || left == 0) {
                cmap.append("endbfchar\n");
                inBlock = 0;
            }
        }
        cmap.append("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
        return cmap.toString();
    }

    private static String hex4(int value) {
        String hex = Integer.toHexString(value).toUpperCase(java.util.Locale.ROOT);
        return "0000".substring(hex.length()) + hex;
    }

    /** The subset tag as PDFBox makes it: six capitals from the hash of the glyph map. */
    private static String tag(Map<Integer, Integer> newToOld) {
        long hash = Math.abs(newToOld.hashCode());
        StringBuilder tag = new StringBuilder();
        do {
            tag.append("BCDEFGHIJKLMNOPQRSTUVWXYZ".charAt((int) (hash % 25)));
            hash /= 25;
        } while (hash != 0 && tag.length() < 6);
        while (tag.length() < 6) {
            tag.insert(0, 'A');
        }
        return tag.append('+').toString();
    }

    @Override
    public String getName() {
        return dict.getNameAsString(COSName.BASE_FONT);
    }

    @Override
    public PDFontDescriptor getFontDescriptor() {
        return descriptor;
    }

    @Override
    public float getWidth(int code) {
        return shipped.width(code);
    }

    @Override
    public float getWidthFromFont(int code) {
        return shipped.width(code);
    }

    @Override
    public boolean hasExplicitWidth(int code) {
        return true;
    }

    @Override
    public float getHeight(int code) {
        return descriptor.getAscent() - descriptor.getDescent();
    }

    @Override
    public BoundingBox getBoundingBox() {
        PDRectangle box = descriptor.getFontBoundingBox();
        return new BoundingBox(box.getLowerLeftX(), box.getLowerLeftY(), box.getUpperRightX(), box.getUpperRightY());
    }

    @Override
    public String toUnicode(int code) {
        Integer codePoint = shown.get(code);
        return codePoint == null ? null : Character.toString(codePoint);
    }

    @Override
    protected float getStandard14Width(int code) {
        throw new UnsupportedOperationException("the shipped font is not one of the standard 14");
    }

    @Override
    public boolean isVertical() {
        return false;
    }

    @Override
    public boolean isEmbedded() {
        return true;
    }

    @Override
    public boolean isDamaged() {
        return false;
    }
}
