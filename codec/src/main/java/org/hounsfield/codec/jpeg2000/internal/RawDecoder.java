package org.hounsfield.codec.jpeg2000.internal;

/** Raw (bypass) bit reader for lazy-mode segments (ISO/IEC 15444-1 D.6): bit-stuffing after 0xFF. */
final class RawDecoder {
    private byte[] data;
    private int bp;
    private int end;
    private int c;
    private int ct;

    void init(byte[] d, int off, int len) {
        data = d;
        bp = off;
        end = off + len;
        c = 0;
        ct = 0;
    }

    int bit() {
        if (ct == 0) {
            if (c == 0xFF) {
                int next = bp < end ? data[bp] & 0xFF : 0xFF;
                if (next > 0x8F) {
                    c = 0xFF;
                    ct = 8;
                } else {
                    c = next;
                    bp++;
                    ct = 7;
                }
            } else {
                c = bp < end ? data[bp] & 0xFF : 0xFF;
                bp++;
                ct = 8;
            }
        }
        ct--;
        return (c >> ct) & 1;
    }
}
