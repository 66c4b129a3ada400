package org.hounsfield.codec.jpeg2000.internal;

import org.hounsfield.core.DicomCodecException;

/** Finds the codestream inside JP2 file-format boxes (ISO/IEC 15444-1 Annex I). */
final class Jp2Boxes {
    private static final int JP2C = 0x6A703263;

    private Jp2Boxes() {
    }

    /** Returns {offset, length} of the codestream: the input itself, or the content of the jp2c box. */
    static int[] findCodestream(byte[] b, int off, int len, int errorBase) {
        if (len >= 2 && (b[off] & 0xFF) == 0xFF && (b[off + 1] & 0xFF) == 0x4F) {
            return new int[] {off, len};
        }
        int end = off + len;
        int p = off;
        boolean boxes = false;
        while (p + 8 <= end) {
            long lbox = u32(b, p);
            int type = (int) u32(b, p + 4);
            int header = 8;
            if (lbox == 1) {
                if (p + 16 > end) {
                    break;
                }
                lbox = (u32(b, p + 8) << 32) | u32(b, p + 12);
                header = 16;
            } else if (lbox == 0) {
                lbox = end - p;
            }
            if (lbox < header) {
                break;
            }
            if (type == JP2C) {
                long contentEnd = Math.min(end, p + lbox);
                return new int[] {p + header, (int) (contentEnd - p - header)};
            }
            boxes = true;
            if (p + lbox > end) {
                break;
            }
            p += (int) lbox;
        }
        if (boxes) {
            throw new DicomCodecException("JPEG 2000: JP2 file without a contiguous codestream (jp2c) box", off - errorBase);
        }
        throw new DicomCodecException("JPEG 2000: expected SOC marker (FF4F) or a JP2 signature box", off - errorBase);
    }

    private static long u32(byte[] b, int p) {
        return ((long) (b[p] & 0xFF) << 24) | ((b[p + 1] & 0xFF) << 16) | ((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF);
    }
}
