package org.hounsfield.codec.jpeg;

import org.hounsfield.core.DicomCodecException;

/**
 * Bit reader over entropy-coded segments, tolerant of damaged streams the way libjpeg based
 * decoders are (see {@link #restart(int)}).
 *
 * <p>Bits are kept left-aligned in a 64-bit buffer. Stuffed zero bytes are removed, fill bytes
 * (0xFF runs) are skipped. When a marker (or the end of the data) is reached the buffer is padded
 * with zero bits; {@link #overrun()} tells whether the decoder has consumed such padding, which
 * for a marker means "insufficient data" (the rest of the restart interval is left empty, as
 * libjpeg does) and for the end of the data means the stream is truncated.
 */
final class EntropyReader {

    static final int STOP_NONE = 0;
    static final int STOP_MARKER = 1;
    static final int STOP_EOF = 2;

    final byte[] buf;
    /** Offset of the frame in {@link #buf}; error offsets are relative to it. */
    final int base;
    final int end;
    int pos;
    /** Position of the next 0xFF byte at or after {@link #pos} (stale when smaller than pos). */
    int nextFF = -1;
    long bits;
    int nbits;
    /** Zero bits appended after the last real bit. */
    int pad;
    /** Why the reader stopped reading bytes: none, at a marker ({@link #pos} points at its 0xFF), or at the end. */
    int stop;

    EntropyReader(byte[] buf, int base, int end, int pos) {
        this.buf = buf;
        this.base = base;
        this.end = end;
        this.pos = pos;
    }

    /**
     * Brings {@link #nextFF} up to date with {@link #pos}. A decoder's fast refill may take
     * plain bytes directly while {@code pos + 8 <= nextFF} and {@link #stop} is
     * {@link #STOP_NONE}; everything else goes through {@link #fill()}.
     */
    void updateNextFF() {
        if (nextFF < pos) {
            nextFF = indexOfFF(pos);
        }
    }

    /** First 0xFF byte at or after {@code from}, or {@link #end}. */
    private int indexOfFF(int from) {
        final byte[] b = buf;
        int e = end;
        for (int i = from; i < e; i++) {
            if (b[i] == (byte) 0xFF) {
                return i;
            }
        }
        return e;
    }

    /**
     * Loads bytes until at least 57 bits are buffered (padding with zeros at a marker or the end):
     * byte by byte, removing stuffing, stopping at a marker or the end of the data.
     */
    void fill() {
        final byte[] b = buf;
        int p = pos;
        int n = nbits;
        long acc = bits;
        if (p + 8 > nextFF) {
            updateNextFF();
        }
        if (p + 8 <= nextFF && stop == STOP_NONE) {
            // no 0xFF byte among the next eight: plain bytes
            for (; n <= 56; n += 8) {
                acc |= (b[p++] & 0xFFL) << (56 - n);
            }
            pos = p;
            nbits = n;
            bits = acc;
            return;
        }
        while (n <= 56) {
            if (stop == STOP_NONE && p < end) {
                int c = b[p] & 0xFF;
                if (c != 0xFF) {
                    p++;
                } else {
                    int q = p + 1;
                    while (q < end && b[q] == (byte) 0xFF) {
                        q++;
                    }
                    if (q < end && b[q] == 0) {
                        p = q + 1;
                    } else {
                        p = q - 1;
                        stop = q < end ? STOP_MARKER : STOP_EOF;
                        pad += 8;
                        n += 8;
                        continue;
                    }
                }
                acc |= ((long) c) << (56 - n);
                n += 8;
            } else {
                if (stop == STOP_NONE) {
                    stop = STOP_EOF;
                }
                pad += 8;
                n += 8;
            }
        }
        pos = p;
        nbits = n;
        bits = acc;
    }

    /** True when the decoder has consumed bits past the last real bit. */
    boolean overrun() {
        return nbits < pad;
    }

    /** Decodes one Huffman symbol; a code that is not in the table gives 0, as libjpeg does. */
    int decodeSymbol(HuffmanTable t) {
        if (nbits < 16) {
            fill();
        }
        int e = t.look[(int) (bits >>> (64 - HuffmanTable.LOOKAHEAD))];
        if (e != 0) {
            int len = e >>> 8;
            bits <<= len;
            nbits -= len;
            return e & 0xFF;
        }
        for (int len = HuffmanTable.LOOKAHEAD + 1; len <= 16; len++) {
            int code = (int) (bits >>> (64 - len));
            if (code <= t.maxcode[len]) {
                bits <<= len;
                nbits -= len;
                return t.symbols[code + t.valoffset[len]];
            }
        }
        bits <<= 16;
        nbits -= 16;
        return 0;
    }

    /** Reads s (1..16) raw bits. */
    int receive(int s) {
        if (nbits < s) {
            fill();
        }
        int v = (int) (bits >>> (64 - s));
        bits <<= s;
        nbits -= s;
        return v;
    }

    int bit() {
        if (nbits < 1) {
            fill();
        }
        int v = (int) (bits >>> 63);
        bits <<= 1;
        nbits--;
        return v;
    }

    /** Forgets buffered bits (restart marker or end of scan). */
    void discardBits() {
        bits = 0;
        nbits = 0;
        pad = 0;
    }

    /**
     * Moves {@link #pos} to the next marker (0xFF followed by a byte other than 0x00 and 0xFF),
     * skipping garbage. Returns false at the end of the data.
     */
    boolean seekMarker() {
        final byte[] b = buf;
        int p = pos;
        while (p + 1 < end) {
            if (b[p] == (byte) 0xFF) {
                int c = b[p + 1] & 0xFF;
                if (c != 0 && c != 0xFF) {
                    pos = p;
                    return true;
                }
                p += c == 0 ? 2 : 1;
            } else {
                p++;
            }
        }
        pos = end;
        return false;
    }

    /** What to do with the marker found where a restart marker was expected. */
    private static final int TAKE = 0;
    private static final int KEEP = 1;
    private static final int SKIP = 2;

    /**
     * Finds the restart marker RSTn ({@code n = expected}) due after a restart interval. T.81
     * leaves damaged streams to the decoder; we recover the way libjpeg based decoders (GDCM,
     * DCMTK) are seen to, so that our output matches theirs, by looking at the next marker:
     * <ul>
     *   <li>RSTn, or a restart marker 3 to 5 intervals away (too far to tell): it is taken as RSTn
     *       and the next interval is decoded;</li>
     *   <li>RSTn+1 or RSTn+2, or a marker that can follow a scan (0xC0 and above, not RST): the
     *       interval is missing; the marker stays pending and the interval is filled in;</li>
     *   <li>RSTn-1 or RSTn-2, or a marker code below 0xC0: stale or noise, skipped, and the next
     *       marker is examined.</li>
     * </ul>
     *
     * @return true when the next interval can be decoded, false when it must be filled in
     */
    boolean restart(int expected) {
        boolean atMarker = stop == STOP_MARKER;
        discardBits();
        stop = STOP_NONE;
        if (!atMarker && !seekMarker()) {
            stop = STOP_EOF;
            return true; // decoding the next interval will report the truncation
        }
        for (;;) {
            switch (classify(buf[pos + 1] & 0xFF, expected)) {
                case TAKE -> {
                    pos += 2;
                    return true;
                }
                case KEEP -> {
                    stop = STOP_MARKER;
                    return false;
                }
                default -> {
                    pos += 2;
                    if (!seekMarker()) {
                        stop = STOP_EOF;
                        return true;
                    }
                }
            }
        }
    }

    private static int classify(int code, int expected) {
        if (code < 0xC0) {
            return SKIP;
        }
        if (code < 0xD0 || code > 0xD7) {
            return KEEP;
        }
        int ahead = (code - 0xD0 - expected) & 7; // 0 expected, 1..2 later intervals, 6..7 earlier ones
        return ahead == 1 || ahead == 2 ? KEEP : ahead >= 6 ? SKIP : TAKE;
    }

    DicomCodecException truncated(String what) {
        return new DicomCodecException("JPEG: truncated entropy-coded data in " + what, pos - base);
    }
}
