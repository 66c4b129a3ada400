package org.hounsfield.codec.jpeg;

import java.util.Arrays;
import org.hounsfield.core.DicomCodecException;

/**
 * One Huffman table of a DHT segment, with lookup tables for fast decoding.
 *
 * <p>{@link #look} resolves every code of up to {@link #LOOKAHEAD} bits to its length and symbol;
 * {@link #fast} additionally resolves a code followed by its magnitude bits when both fit in the
 * lookahead window, so that the common case costs a single table access.
 */
final class HuffmanTable {
    /** Number of bits resolved by one table access. */
    static final int LOOKAHEAD = 11;

    /** (code length &lt;&lt; 8) | symbol, or 0 when the code is longer than {@link #LOOKAHEAD}. */
    final int[] look = new int[1 << LOOKAHEAD];
    /**
     * DC/lossless tables: (difference &lt;&lt; 8) | total bits; AC tables: (value &lt;&lt; 16) |
     * (run &lt;&lt; 8) | total bits, value 0 for end of block and zero run; 0 when the entry cannot
     * be resolved in one step.
     */
    final int[] fast = new int[1 << LOOKAHEAD];
    /** Largest code of each length (index 1..16), -1 when there is none. */
    final int[] maxcode = new int[17];
    /** Symbol index = code + valoffset[length]. */
    final int[] valoffset = new int[17];
    final int[] symbols;
    /** Code length of each symbol value (0 = absent), for the encoder-side consistency checks. */
    final boolean ac;

    /**
     * @param counts  counts[1..16]: number of codes of each length
     * @param symbols symbols in code order
     * @param ac      true for an AC table (symbols are run/size), false for DC or lossless
     * @param offset  byte offset of the table for error messages
     */
    HuffmanTable(int[] counts, int[] symbols, boolean ac, long offset) {
        this.symbols = symbols;
        this.ac = ac;
        int code = 0;
        int k = 0;
        for (int len = 1; len <= 16; len++) {
            int n = counts[len];
            valoffset[len] = k - code;
            if (n == 0) {
                maxcode[len] = -1;
            } else {
                code += n;
                k += n;
                if (code > (1 << len)) {
                    throw new DicomCodecException("JPEG: invalid Huffman table (too many codes of length " + len + ")", offset);
                }
                maxcode[len] = code - 1;
            }
            code <<= 1;
        }
        // lookahead tables
        code = 0;
        k = 0;
        for (int len = 1; len <= LOOKAHEAD; len++) {
            for (int i = 0; i < counts[len]; i++, k++, code++) {
                int sym = symbols[k];
                int shift = LOOKAHEAD - len;
                int first = code << shift;
                int count = 1 << shift;
                Arrays.fill(look, first, first + count, (len << 8) | sym);
                // a fast entry depends only on the magnitude bits that follow the code, if they
                // fit: it is constant over runs of 2^(shift - magnitude bits) entries
                int mag = ac ? sym & 15 : sym == 16 ? 0 : sym;
                int step = mag == 0 || mag > shift ? count : 1 << (shift - mag);
                for (int j = 0; j < count; j += step) {
                    Arrays.fill(fast, first + j, first + j + step, fastEntry(len, sym, first + j));
                }
            }
            code <<= 1;
        }
    }

    private int fastEntry(int len, int sym, int idx) {
        if (ac) {
            int run = sym >> 4;
            int s = sym & 15;
            if (s == 0) {
                return (run << 8) | len; // EOB or ZRL: value 0, which no coefficient has
            }
            if (len + s > LOOKAHEAD) {
                return 0;
            }
            int v = (idx >> (LOOKAHEAD - len - s)) & ((1 << s) - 1);
            return (extend(v, s) << 16) | (run << 8) | (len + s);
        }
        int s = sym;
        if (s == 0) {
            return len;
        }
        if (s == 16) {
            return (32768 << 8) | len;
        }
        if (s > 16 || len + s > LOOKAHEAD) {
            return 0;
        }
        int v = (idx >> (LOOKAHEAD - len - s)) & ((1 << s) - 1);
        return (extend(v, s) << 8) | (len + s);
    }

    /** Sign extension of an s-bit magnitude (T.81 F.2.2.1 EXTEND). */
    static int extend(int v, int s) {
        return v < (1 << (s - 1)) ? v - (1 << s) + 1 : v;
    }
}
