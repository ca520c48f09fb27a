package org.proofhub.hub.proof.pdf.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import org.apache.fontbox.ttf.TTFSubsetter;
import org.junit.jupiter.api.Test;

/** The zlib streams {@link LiteralDeflater} makes, read back by the JDK's zlib (which checks header and Adler-32). */
class LiteralDeflaterTest {

    @Test
    void anyBytesComeBackAsTheyWere() throws Exception {
        long[] skewed = new long[256];
        for (int i = 0; i < 256; i++) {
            skewed[i] = i < 16 ? 1_000_000 : i; // some values far more frequent than others, one (0x10.. region) rare
        }
        LiteralDeflater deflater = new LiteralDeflater(skewed);
        Random random = new Random(7);
        for (int size : new int[]{0, 1, 2, 3, 4, 5, 7, 8, 100, 4095, 65_537}) {
            byte[] data = new byte[size];
            random.nextBytes(data);
            assertThat(inflate(deflater.deflate(data))).as("%d random bytes", size).isEqualTo(data);
        }
        byte[] everyValue = new byte[256 * 3];
        for (int i = 0; i < everyValue.length; i++) {
            everyValue[i] = (byte) i;
        }
        assertThat(inflate(deflater.deflate(everyValue))).isEqualTo(everyValue);
    }

    @Test
    void bytesNeverSeenInTheFrequenciesCanStillBeCoded() throws Exception {
        long[] onlyZeros = new long[256];
        onlyZeros[0] = 5_000;
        LiteralDeflater deflater = new LiteralDeflater(onlyZeros);
        byte[] data = {0, 0, 0, 1, (byte) 0xff, 0, 42};
        assertThat(inflate(deflater.deflate(data))).isEqualTo(data);
    }

    @Test
    void codeLengthsStayWithinDeflatesLimitsForSteepFrequencies() throws Exception {
        // Fibonacci counts make the plain Huffman code as deep as there are symbols
        long[] fibonacci = new long[256];
        long a = 1;
        long b = 1;
        for (int i = 0; i < 60; i++) {
            fibonacci[i] = a;
            long next = a + b;
            a = b;
            b = next;
        }
        int[] lengths = LiteralDeflater.lengthLimited(Arrays.copyOf(fibonacci, 60), 15);
        assertThat(Arrays.stream(lengths).max().getAsInt()).isLessThanOrEqualTo(15);
        assertThat(kraftSum(lengths)).isEqualTo(1.0); // complete: every inflater accepts it

        LiteralDeflater deflater = new LiteralDeflater(fibonacci);
        byte[] data = new byte[10_000];
        new Random(3).nextBytes(data);
        assertThat(inflate(deflater.deflate(data))).isEqualTo(data);
    }

    @Test
    void moreSymbolsThanCodesOfTheLimitAreRefused() {
        long[] nine = {1, 1, 1, 1, 1, 1, 1, 1, 1};
        assertThat(Arrays.stream(LiteralDeflater.lengthLimited(nine, 4)).max().getAsInt()).isLessThanOrEqualTo(4);
        assertThatIllegalArgumentException().isThrownBy(() -> LiteralDeflater.lengthLimited(nine, 3));
    }

    @Test
    void aSingleUsedSymbolStillGetsACompleteCode() {
        int[] lengths = LiteralDeflater.lengthLimited(new long[]{0, 0, 9, 0}, 7);
        assertThat(Arrays.stream(lengths).filter(l -> l > 0).count()).isEqualTo(2);
        assertThat(kraftSum(lengths)).isEqualTo(1.0);
    }

    @Test
    void aSubsetOfTheShippedFontComesBackWholeAndSmaller() throws Exception {
        ShippedFont shipped = ShippedFont.get();
        TreeSet<Integer> glyphs = new TreeSet<>();
        for (int c : "户籍证明证明编号张伟李娜王芳福州市鼓楼区五四路一二三号本证明仅用于办理".codePoints().toArray()) {
            glyphs.add(shipped.glyph(c));
        }
        Random random = new Random(11);
        while (glyphs.size() < 110) {
            glyphs.add(1 + random.nextInt(28_000));
        }
        byte[] program;
        try (ShippedFont.Lease font = shipped.lease()) {
            TTFSubsetter subsetter = new TTFSubsetter(font.font(), List.of("head", "hhea", "loca", "maxp", "glyf", "hmtx", "gasp"));
            subsetter.addGlyphIds(glyphs);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            subsetter.writeToStream(out);
            program = out.toByteArray();
        }
        byte[] deflated = shipped.deflateProgram(program);
        assertThat(inflate(deflated)).isEqualTo(program);
        assertThat(deflated.length).as("deflated %d of %d bytes", deflated.length, program.length).isLessThan(program.length * 9 / 10);
    }

    private static double kraftSum(int[] lengths) {
        return Arrays.stream(lengths).filter(l -> l > 0).mapToDouble(l -> Math.pow(2, -l)).sum();
    }

    private static byte[] inflate(byte[] zlib) throws DataFormatException {
        Inflater inflater = new Inflater(); // zlib format: the header and the Adler-32 are checked
        try {
            inflater.setInput(zlib);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && !inflater.finished() && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new DataFormatException("the stream ended before its end of block");
                }
                out.write(buffer, 0, n);
            }
            assertThat(inflater.getRemaining()).as("bytes after the stream").isZero();
            return out.toByteArray();
        } finally {
            inflater.end();
        }
    }
}
