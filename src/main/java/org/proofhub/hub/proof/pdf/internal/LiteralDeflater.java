package org.proofhub.hub.proof.pdf.internal;

import java.util.Arrays;
import java.util.PriorityQueue;
import java.util.zip.Adler32;

/**
 * Zlib streams (RFC 1950 around one RFC 1951 block) that code every byte as a literal with one Huffman code made in
 * advance from the byte frequencies of the kind of data they will carry: for the font programs of proofs, the shipped
 * font's own bytes. Glyph outlines hardly repeat, so what compresses them is the skewed frequency of their bytes,
 * which a code made once catches without zlib's search for repeats: a proof's 50 KB font subset deflated at
 * {@link java.util.zip.Deflater#BEST_SPEED} came to about 36 KB and took a sixth of a PDF request's CPU; coded
 * here it comes to about 41 KB and costs a table look-up per byte. Any byte value can be coded. Any zlib reader
 * (PDF readers included) reads the result: the block carries its code lengths as RFC 1951 prescribes.
 */
final class LiteralDeflater {

    private static final int LITERALS = 256;
    private static final int END_OF_BLOCK = 256;
    /** Literal and length symbols sent: the 256 literals and the end of block; no length symbols are used. */
    private static final int LITERAL_LENGTH_SYMBOLS = LITERALS + 1;
    /** Two distance symbols of one bit each: unused, but a complete code every inflater accepts. */
    private static final int DISTANCE_SYMBOLS = 2;
    private static final int MAX_CODE_LENGTH = 15;
    private static final int MAX_CODE_LENGTH_CODE_LENGTH = 7;
    /** The order in which the code length code's own lengths are sent (RFC 1951, 3.2.7). */
    private static final int[] CODE_LENGTH_ORDER = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};

    /** Code length by literal/length symbol, then by distance symbol, as the block header sends them. */
    private final int[] lengths = new int[LITERAL_LENGTH_SYMBOLS + DISTANCE_SYMBOLS];
    /** Code of each literal/length symbol, bit-reversed so that it can be written least significant bit first. */
    private final int[] codes;
    private final int[] codeLengthCodeLengths;
    private final int[] codeLengthCodes;
    private final int codeLengthCodesSent;

    /** {@code frequencies}: how often each byte value occurs in data like that to be deflated (256 counts). */
    LiteralDeflater(long[] frequencies) {
        if (frequencies.length != LITERALS) {
            throw new IllegalArgumentException("expected 256 byte frequencies, got " + frequencies.length);
        }
        // every byte value gets a code, seen or not
        long[] symbols = new long[LITERAL_LENGTH_SYMBOLS];
        for (int i = 0; i < LITERALS; i++) {
            symbols[i] = frequencies[i] + 1;
        }
        symbols[END_OF_BLOCK] = 1;
        int[] literalLengths = lengthLimited(symbols, MAX_CODE_LENGTH);
        System.arraycopy(literalLengths, 0, lengths, 0, LITERAL_LENGTH_SYMBOLS);
        lengths[LITERAL_LENGTH_SYMBOLS] = 1;
        lengths[LITERAL_LENGTH_SYMBOLS + 1] = 1;
        codes = canonicalCodes(literalLengths);

        long[] lengthFrequencies = new long[CODE_LENGTH_ORDER.length];
        for (int length : lengths) {
            lengthFrequencies[length]++;
        }
        codeLengthCodeLengths = lengthLimited(lengthFrequencies, MAX_CODE_LENGTH_CODE_LENGTH);
        codeLengthCodes = canonicalCodes(codeLengthCodeLengths);
        int sent = CODE_LENGTH_ORDER.length;
        while (sent > 4 && codeLengthCodeLengths[CODE_LENGTH_ORDER[sent - 1]] == 0) {
            sent--;
        }
        codeLengthCodesSent = sent;
    }

    /** The byte frequencies of {@code data}, for {@link #LiteralDeflater(long[])}. */
    static long[] frequencies(byte[] data) {
        long[] frequencies = new long[LITERALS];
        for (byte b : data) {
            frequencies[b & 0xff]++;
        }
        return frequencies;
    }

    /** {@code data} as a zlib stream. */
    byte[] deflate(byte[] data) {
        // header, code lengths (well under 256 bytes), each byte in at most 15 bits, end of block, Adler-32
        Bits out = new Bits(300 + (data.length * MAX_CODE_LENGTH + 7) / 8 + 8);
        out.write(0x78, 8); // CM 8 (deflate), CINFO 7 (32 KB window)
        out.write(0x01, 8); // FLEVEL 0, no dictionary; 0x7801 is a multiple of 31 as FCHECK requires
        out.write(1, 1); // BFINAL
        out.write(2, 2); // BTYPE 10: dynamic Huffman codes
        out.write(LITERAL_LENGTH_SYMBOLS - 257, 5);
        out.write(DISTANCE_SYMBOLS - 1, 5);
        out.write(codeLengthCodesSent - 4, 4);
        for (int i = 0; i < codeLengthCodesSent; i++) {
            out.write(codeLengthCodeLengths[CODE_LENGTH_ORDER[i]], 3);
        }
        for (int length : lengths) {
            out.write(codeLengthCodes[length], codeLengthCodeLengths[length]);
        }
        for (byte b : data) {
            int symbol = b & 0xff;
            out.write(codes[symbol], lengths[symbol]);
        }
        out.write(codes[END_OF_BLOCK], lengths[END_OF_BLOCK]);
        out.alignToByte();
        Adler32 adler = new Adler32();
        adler.update(data);
        out.write(Integer.reverseBytes((int) adler.getValue()), 32); // big-endian
        return out.toByteArray();
    }

    /**
     * Huffman code lengths for {@code frequencies}, none longer than {@code limit}: symbols of frequency 0 get no
     * code, except that at least two symbols get one (a code must be complete). When the code comes out too long,
     * rare symbols are counted as more frequent until it does not.
     */
    static int[] lengthLimited(long[] frequencies, int limit) {
        long[] counted = frequencies.clone();
        int used = 0;
        for (int i = 0; i < counted.length && used < 2; i++) {
            if (counted[i] > 0) {
                used++;
            }
        }
        for (int i = 0; i < counted.length && used < 2; i++) {
            if (counted[i] == 0) {
                counted[i] = 1;
                used++;
            }
        }
        if (Arrays.stream(counted).filter(c -> c > 0).count() > 1L << limit) {
            throw new IllegalArgumentException("more symbols than codes of at most " + limit + " bits");
        }
        long total = Arrays.stream(counted).sum();
        long floor = 0;
        while (true) {
            long[] f = counted.clone();
            for (int i = 0; i < f.length; i++) {
                if (f[i] > 0 && f[i] < floor) {
                    f[i] = floor;
                }
            }
            int[] lengths = huffmanLengths(f);
            if (Arrays.stream(lengths).max().orElse(0) <= limit) {
                return lengths;
            }
            // with every used symbol counted alike at last, the code is as shallow as a complete code can be
            floor = floor == 0 ? Math.max(1, total >> limit) : floor * 2;
        }
    }

    private static int[] huffmanLengths(long[] frequencies) {
        int n = frequencies.length;
        // nodes 0..n-1 are symbols, n.. are merged; ties broken by node number for a result that does not vary
        long[] weight = Arrays.copyOf(frequencies, 2 * n);
        int[] parent = new int[2 * n];
        PriorityQueue<Integer> queue = new PriorityQueue<>((a, b) -> weight[a] != weight[b] ? Long.compare(weight[a], weight[b]) : Integer.compare(a, b));
        for (int i = 0; i < n; i++) {
            if (frequencies[i] > 0) {
                queue.add(i);
            }
        }
        int next = n;
        while (queue.size() > 1) {
            int a = queue.poll();
            int b = queue.poll();
            weight[next] = weight[a] + weight[b];
            parent[a] = next;
            parent[b] = next;
            queue.add(next++);
        }
        int root = next - 1;
        int[] lengths = new int[n];
        for (int i = 0; i < n; i++) {
            if (frequencies[i] > 0) {
                int depth = 0;
                for (int node = i; node != root; node = parent[node]) {
                    depth++;
                }
                lengths[i] = depth;
            }
        }
        return lengths;
    }

    /** The canonical codes RFC 1951 (3.2.2) assigns to {@code lengths}, bit-reversed for writing. */
    private static int[] canonicalCodes(int[] lengths) {
        int max = Arrays.stream(lengths).max().orElse(0);
        int[] count = new int[max + 1];
        for (int length : lengths) {
            if (length > 0) {
                count[length]++;
            }
        }
        int[] nextCode = new int[max + 2];
        int code = 0;
        for (int bits = 1; bits <= max; bits++) {
            code = (code + count[bits - 1]) << 1;
            nextCode[bits] = code;
        }
        int[] codes = new int[lengths.length];
        for (int symbol = 0; symbol < lengths.length; symbol++) {
            int length = lengths[symbol];
            if (length > 0) {
                codes[symbol] = Integer.reverse(nextCode[length]++) >>> (32 - length);
            }
        }
        return codes;
    }

    /** Bits written least significant first, as deflate packs them. */
    private static final class Bits {
        private final byte[] bytes;
        private int size;
        private long buffer;
        private int count;

        Bits(int capacity) {
            bytes = new byte[capacity];
        }

        void write(int value, int length) {
            buffer |= (value & 0xffffffffL) << count;
            count += length;
            if (count >= 32) {
                bytes[size] = (byte) buffer;
                bytes[size + 1] = (byte) (buffer >>> 8);
                bytes[size + 2] = (byte) (buffer >>> 16);
                bytes[size + 3] = (byte) (buffer >>> 24);
                size += 4;
                buffer >>>= 32;
                count -= 32;
            }
        }

        void alignToByte() {
            count = (count + 7) & ~7;
        }

        byte[] toByteArray() {
            while (count > 0) {
                bytes[size++] = (byte) buffer;
                buffer >>>= 8;
                count -= 8;
            }
            return Arrays.copyOf(bytes, size);
        }
    }
}
