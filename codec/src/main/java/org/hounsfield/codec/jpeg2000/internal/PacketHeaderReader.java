package org.hounsfield.codec.jpeg2000.internal;

import org.hounsfield.core.DicomCodecException;

/** Bit reader for packet headers (ISO/IEC 15444-1 B.10.1): a 0 bit is stuffed after each 0xFF byte. */
final class PacketHeaderReader {
    private byte[] b;
    int pos;
    private int end;
    private int buf;
    private int ct;
    private int errorBase;

    void start(byte[] data, int from, int limit, int errBase) {
        b = data;
        pos = from;
        end = limit;
        buf = 0;
        ct = 0;
        errorBase = errBase;
    }

    int bit() {
        if (ct == 0) {
            if (pos >= end) {
                throw new DicomCodecException("JPEG 2000: truncated packet header", Math.max(0, pos - errorBase));
            }
            ct = buf == 0xFF ? 7 : 8;
            buf = b[pos++] & 0xFF;
        }
        ct--;
        return (buf >> ct) & 1;
    }

    int bits(int n) {
        int v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 1) | bit();
        }
        return v;
    }

    /** Ends the header: a byte following 0xFF is consumed as well. Returns the next byte position. */
    int align() {
        if (buf == 0xFF) {
            if (pos >= end) {
                throw new DicomCodecException("JPEG 2000: truncated packet header", Math.max(0, pos - errorBase));
            }
            pos++;
        }
        ct = 0;
        buf = 0;
        return pos;
    }
}
