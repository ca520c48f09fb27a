package org.proofhub.hub.proof.pdf.internal;

import java.awt.Color;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.decoder.Version;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import org.apache.pdfbox.pdmodel.PDPageContentStream;

/**
 * A QR code drawn as filled rectangles, so it stays sharp at any zoom and on any printer. Error correction
 * level M (15 %) survives a worn print or a seal's red ink; the text is ASCII, so no character set hint.
 *
 * <p>The symbol is the one ZXing's {@link Encoder} makes, module for module, with its choice of mask (the one
 * of eight with the lowest ISO/IEC 18004 penalty), but that choice is made here: ZXing builds and scores all
 * eight masked matrices with module-by-module code that cost a fifth of a proof's rendering. Here ZXing encodes
 * once with mask 0; the other seven matrices differ from it only in the data modules (the mask patterns
 * are XORed there) and in the format information, which depends on the error correction level and the mask
 * only and is taken from a per-version template of empty symbols; they are scored with the same four rules on
 * rows and columns held as bit sets.
 * {@code VectorQrCodeTest} checks that the result equals ZXing's own for many links.
 */
final class VectorQrCode {

    /** ISO/IEC 18004 asks for four light modules around the symbol. */
    static final int QUIET_ZONE_MODULES = 4;

    private static final ErrorCorrectionLevel LEVEL = ErrorCorrectionLevel.M;
    private static final int MASKS = 8;
    private static final Map<Integer, Template> TEMPLATES = new ConcurrentHashMap<>();

    /** Modules, row by row: {@code 1} dark, {@code 0} light. */
    private final byte[] modules;
    private final int n;

    private VectorQrCode(byte[] modules, int n) {
        this.modules = modules;
        this.n = n;
    }

    static VectorQrCode encode(String text) throws WriterException {
        ByteMatrix masked0 = Encoder.encode(text, LEVEL, Map.of(EncodeHintType.QR_MASK_PATTERN, 0)).getMatrix();
        int n = masked0.getWidth();
        if (n > Long.SIZE) {
            // beyond version 11 a line does not fit a long: ZXing chooses (never for the hub's links)
            return of(Encoder.encode(text, LEVEL).getMatrix());
        }
        Version version = Version.getVersionForNumber((n - 17) / 4);
        Template template = TEMPLATES.computeIfAbsent(version.getVersionNumber(), v -> Template.of(version));
        byte[] unmaskedData = new byte[n * n];
        byte[][] rows = masked0.getArray();
        for (int y = 0; y < n; y++) {
            System.arraycopy(rows[y], 0, unmaskedData, y * n, n);
        }
        for (int i = 0; i < unmaskedData.length; i++) {
            unmaskedData[i] &= template.data[i];
        }
        byte[] best = new byte[n * n];
        byte[] candidate = new byte[n * n];
        long[] rowBits = new long[n];
        long[] columnBits = new long[n];
        int bestPenalty = Integer.MAX_VALUE;
        for (int mask = 0; mask < MASKS; mask++) {
            byte[] fixed = template.fixed[mask];
            Arrays.fill(rowBits, 0);
            Arrays.fill(columnBits, 0);
            for (int y = 0, i = 0; y < n; y++) {
                for (int x = 0; x < n; x++, i++) {
                    int module = unmaskedData[i] ^ fixed[i];
                    candidate[i] = (byte) module;
                    rowBits[y] |= (long) module << x;
                    columnBits[x] |= (long) module << y;
                }
            }
            int penalty = penalty(rowBits, columnBits, n);
            // like ZXing: the first mask with the lowest penalty
            if (penalty < bestPenalty) {
                bestPenalty = penalty;
                byte[] previous = best;
                best = candidate;
                candidate = previous;
            }
        }
        return new VectorQrCode(best, n);
    }

    private static VectorQrCode of(ByteMatrix matrix) {
        int n = matrix.getWidth();
        byte[] modules = new byte[n * n];
        for (int y = 0; y < n; y++) {
            System.arraycopy(matrix.getArray()[y], 0, modules, y * n, n);
        }
        return new VectorQrCode(modules, n);
    }

    /** Modules per side, without the quiet zone. */
    int size() {
        return n;
    }

    /** {@code 1} for a dark module at column {@code x}, row {@code y}. */
    int get(int x, int y) {
        return modules[y * n + x];
    }

    /**
     * Draws the symbol with its lower left corner at ({@code x}, {@code y}) and {@code side} points wide; the
     * caller keeps {@link #QUIET_ZONE_MODULES} modules around it free.
     */
    void draw(PDPageContentStream content, float x, float y, float side) throws IOException {
        float module = side / n;
        content.setNonStrokingColor(Color.BLACK);
        for (int row = 0; row < n; row++) {
            float top = y + side - row * module;
            int column = 0;
            while (column < n) {
                if (get(column, row) != 1) {
                    column++;
                    continue;
                }
                int start = column;
                while (column < n && get(column, row) == 1) {
                    column++;
                }
                // one rectangle per dark run keeps the content stream short; the tiny overlap avoids
                // hairline gaps between rows when a viewer anti-aliases
                content.addRect(x + start * module, top - module - 0.02f, (column - start) * module, module + 0.04f);
            }
        }
        content.fill();
    }

    /**
     * What ZXing's symbols of one version under each mask have in common with the symbol under mask 0, from the
     * symbols of an empty text. A module is data when, unmasked, it is the same under all eight masks: the data
     * bits do not depend on the mask. {@code data} is {@code 1} there; {@code fixed[mask]} is, at a data module,
     * what turns mask 0 into {@code mask} (the XOR of their bits), and elsewhere the module itself (function
     * patterns are the same under every mask, format information differs). A function module that happens to
     * pass the test is one where the XOR gives the right module too, so the symbol under {@code mask} is
     * {@code (symbolUnderMask0 & data) ^ fixed[mask]}.
     */
    private record Template(byte[] data, byte[][] fixed) {
        static Template of(Version version) {
            int n = version.getDimensionForVersion();
            byte[][] cells = new byte[MASKS][n * n];
            for (int mask = 0; mask < MASKS; mask++) {
                ByteMatrix symbol;
                try {
                    symbol = Encoder.encode("", LEVEL, Map.of(EncodeHintType.QR_VERSION, version.getVersionNumber(),
                            EncodeHintType.QR_MASK_PATTERN, mask)).getMatrix();
                } catch (WriterException e) {
                    throw new IllegalStateException("ZXing cannot encode an empty QR code of version " + version, e);
                }
                for (int y = 0; y < n; y++) {
                    for (int x = 0; x < n; x++) {
                        cells[mask][y * n + x] = symbol.get(x, y);
                    }
                }
            }
            byte[] data = new byte[n * n];
            byte[][] fixed = new byte[MASKS][n * n];
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    int i = y * n + x;
                    int unmasked = cells[0][i] ^ bit(0, x, y);
                    boolean same = true;
                    for (int mask = 1; mask < MASKS && same; mask++) {
                        same = (cells[mask][i] ^ bit(mask, x, y)) == unmasked;
                    }
                    data[i] = (byte) (same ? 1 : 0);
                    for (int mask = 0; mask < MASKS; mask++) {
                        fixed[mask][i] = (byte) (same ? bit(0, x, y) ^ bit(mask, x, y) : cells[mask][i]);
                    }
                }
            }
            return new Template(data, fixed);
        }

        private static int bit(int mask, int x, int y) {
            return maskBit(mask, x, y) ? 1 : 0;
        }
    }

    /** ISO/IEC 18004 (JIS X 0510:2004 8.8) data mask conditions, as ZXing's {@code MaskUtil.getDataMaskBit}. */
    static boolean maskBit(int mask, int x, int y) {
        int intermediate;
        int temp;
        switch (mask) {
            case 0 -> intermediate = (y + x) & 0x1;
            case 1 -> intermediate = y & 0x1;
            case 2 -> intermediate = x % 3;
            case 3 -> intermediate = (y + x) % 3;
            case 4 -> intermediate = ((y / 2) + (x / 3)) & 0x1;
            case 5 -> {
                temp = y * x;
                intermediate = (temp & 0x1) + (temp % 3);
            }
            case 6 -> {
                temp = y * x;
                intermediate = ((temp & 0x1) + (temp % 3)) & 0x1;
            }
            case 7 -> {
                temp = y * x;
                intermediate = ((temp % 3) + ((y + x) & 0x1)) & 0x1;
            }
            default -> throw new IllegalArgumentException("no mask pattern " + mask);
        }
        return intermediate == 0;
    }

    /**
     * The mask penalty of ZXing 3.5's {@code Encoder.calculateMaskPenalty} (the four rules of ISO/IEC 18004
     * 6.8.2.1), computed on rows and columns as bit sets: the modules of a proof's code are random, so ZXing's
     * module-by-module comparisons mostly mispredict branches, which is where its time went.
     *
     * @param rows    bit {@code x} of {@code rows[y]} is the module at column {@code x}, row {@code y}
     * @param columns bit {@code y} of {@code columns[x]} is the same module
     */
    static int penalty(long[] rows, long[] columns, int n) {
        long all = n == 64 ? -1L : (1L << n) - 1;
        int penalty = 0;
        int dark = 0;
        for (int i = 0; i < n; i++) {
            penalty += runs(rows[i], all) + runs(columns[i], all) + 40 * (finderLike(rows[i], all, n) + finderLike(columns[i], all, n));
            dark += Long.bitCount(rows[i]);
        }
        int blocks = 0;
        long pairs = all >>> 1; // x and x + 1 both in the symbol
        for (int y = 0; y < n - 1; y++) {
            long a = rows[y];
            long b = rows[y + 1];
            blocks += Long.bitCount(~(a ^ (a >>> 1)) & ~(a ^ b) & ~(b ^ (b >>> 1)) & pairs);
        }
        int total = n * n;
        return penalty + 3 * blocks + 10 * (Math.abs(dark * 2 - total) * 10 / total);
    }

    /** Rule 1 for one line: each run of five or more modules of one colour costs 3 + (length - 5) = length - 2. */
    private static int runs(long line, long all) {
        long equal = ~(line ^ (line >>> 1)) & (all >>> 1); // bit x: module x is module x + 1
        // a run of length L >= 5 is a stretch of L - 1 >= 4 set bits in equal, and L - 4 set bits here
        long long4 = equal & (equal >>> 1) & (equal >>> 2) & (equal >>> 3);
        return Long.bitCount(long4) + 2 * Long.bitCount(long4 & ~(long4 << 1));
    }

    /**
     * Rule 3 for one line, without its weight: dark-light 1:1:3:1:1 with four light modules before or after
     * inside the symbol (ZXing 3.5 does not count the edge as light).
     */
    private static int finderLike(long line, long all, int n) {
        if (n < 7) {
            return 0;
        }
        long light = ~line & all;
        long pattern = line & ~(line >>> 1) & (line >>> 2) & (line >>> 3) & (line >>> 4) & ~(line >>> 5) & (line >>> 6)
                & (all >>> 6);
        long before = (light << 1) & (light << 2) & (light << 3) & (light << 4);
        long after = n < 11 ? 0 : (light >>> 7) & (light >>> 8) & (light >>> 9) & (light >>> 10) & (all >>> 10);
        return Long.bitCount(pattern & (before | after));
    }
}
