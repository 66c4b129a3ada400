package org.hounsfield.codec.jpeg;

import org.hounsfield.core.DicomCodecException;

/**
 * Bit reader over entropy-coded segments, with libjpeg's tolerance for damaged streams.
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

    /** Loads bytes until at least 57 bits are buffered (padding with zeros at a marker or the end). */
    void fill() {
        final byte[] b = buf;
        int p = pos;
        int n = nbits;
        long acc = bits;
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

    /**
     * Processes the restart marker expected after a restart interval (libjpeg's
     * read_restart_marker / jpeg_resync_to_restart). Returns true when the next interval can be
     * decoded normally, false when it must be treated as empty (a marker is left pending).
     */
    boolean restart(int expected) {
        boolean wasMarker = stop == STOP_MARKER;
        discardBits();
        stop = STOP_NONE;
        if (!wasMarker && !seekMarker()) {
            stop = STOP_EOF;
            return true; // decoding the next interval will report the truncation
        }
        for (;;) {
            int marker = buf[pos + 1] & 0xFF;
            int action;
            if (marker < 0xC0) {
                action = 2;
            } else if (marker < 0xD0 || marker > 0xD7) {
                action = 3;
            } else {
                int m = marker - 0xD0;
                if (m == expected) {
                    action = 1;
                } else if (m == ((expected + 1) & 7) || m == ((expected + 2) & 7)) {
                    action = 3;
                } else if (m == ((expected - 1) & 7) || m == ((expected - 2) & 7)) {
                    action = 2;
                } else {
                    action = 1;
                }
            }
            if (action == 1) {
                pos += 2;
                return true;
            }
            if (action == 3) {
                stop = STOP_MARKER;
                return false;
            }
            pos += 2;
            if (!seekMarker()) {
                stop = STOP_EOF;
                return true;
            }
        }
    }

    DicomCodecException truncated(String what) {
        return new DicomCodecException("JPEG: truncated entropy-coded data in " + what, pos - base);
    }
}
