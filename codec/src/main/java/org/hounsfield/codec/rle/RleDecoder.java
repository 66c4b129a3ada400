package org.hounsfield.codec.rle;

import org.hounsfield.codec.FrameDecoder;
import org.hounsfield.codec.FrameInfo;
import org.hounsfield.core.DicomCodecException;

/**
 * Decoder for RLE Lossless (transfer syntax 1.2.840.10008.1.2.5, DICOM PS3.5 Annex G).
 *
 * <p>A frame is a 64-byte header (segment count and up to 15 segment offsets, little endian)
 * followed by PackBits-coded segments: one per byte plane, most significant byte first, for
 * each sample in turn. Bits Allocated 8, 16, 32 and 64 are supported for any number of samples;
 * Bits Allocated 1 (one segment of packed bits, least significant bit first) is unpacked to one
 * byte per pixel.
 *
 * <p>Leniency follows pydicom and GDCM: a segment that decodes to more bytes than needed is
 * truncated, extra segments beyond the expected count are ignored, and odd segment lengths or
 * trailing padding are accepted; a segment that decodes to fewer bytes than the frame needs,
 * offsets outside the frame or too few segments raise {@link DicomCodecException}.
 *
 * <p>Instances are stateless and thread safe.
 */
public final class RleDecoder implements FrameDecoder {

    /** Length of the RLE header. */
    static final int HEADER_LENGTH = 64;
    /** Maximum number of segments the header can describe. */
    static final int MAX_SEGMENTS = 15;

    @Override
    public void decode(byte[] src, int srcOff, int srcLen, FrameInfo info, byte[] dst, int dstOff) {
        int ba = info.bitsAllocated();
        int spp = info.samplesPerPixel();
        long pixels = (long) info.rows() * info.columns();
        if (ba != 1 && ba != 8 && ba != 16 && ba != 32 && ba != 64) {
            throw new DicomCodecException("RLE: unsupported Bits Allocated " + ba, 0);
        }
        if (spp < 1 || pixels <= 0) {
            throw new DicomCodecException("RLE: invalid frame geometry " + info.rows() + "x" + info.columns()
                    + "x" + spp, 0);
        }
        if (srcOff < 0 || srcLen < 0 || srcOff + (long) srcLen > src.length) {
            throw new IllegalArgumentException("source range outside array");
        }
        long need = info.decodedFrameBytes();
        if (dstOff < 0 || dstOff + need > dst.length) {
            throw new IllegalArgumentException("destination too small for frame: need " + need + " bytes");
        }
        if (srcLen < HEADER_LENGTH) {
            throw new DicomCodecException("RLE: frame shorter than the 64-byte header (" + srcLen + " bytes)", 0);
        }
        int bytesPerSample = ba == 1 ? 1 : ba / 8;
        int expectedSegments = ba == 1 ? 1 : spp * bytesPerSample;
        if (ba == 1 && spp != 1) {
            throw new DicomCodecException("RLE: Bits Allocated 1 needs Samples per Pixel 1, not " + spp, 0);
        }
        long segCount = readU32(src, srcOff);
        if (segCount < expectedSegments || segCount > MAX_SEGMENTS) {
            throw new DicomCodecException("RLE: header declares " + segCount + " segments, expected "
                    + expectedSegments + " for " + spp + " sample(s) of " + ba + " bits", 0);
        }
        int n = (int) segCount;
        long[] offsets = new long[n + 1];
        for (int i = 0; i < n; i++) {
            long o = readU32(src, srcOff + 4 + 4 * i);
            if (o < HEADER_LENGTH || o > srcLen || (i > 0 && o < offsets[i - 1])) {
                throw new DicomCodecException("RLE: segment " + (i + 1) + " offset " + o
                        + " outside the frame (length " + srcLen + ") or not increasing", 4 + 4L * i);
            }
            offsets[i] = o;
        }
        offsets[n] = srcLen;

        if (ba == 1) {
            int packed = (int) ((pixels + 7) >>> 3);
            byte[] tmp = new byte[packed];
            decodeSegment(src, srcOff, (int) offsets[0], (int) offsets[1], tmp, 0, 1, packed, 0);
            unpackBits(tmp, dst, dstOff, (int) pixels);
            return;
        }
        int count = (int) pixels;
        int stride = spp * bytesPerSample;
        for (int s = 0; s < spp; s++) {
            for (int b = 0; b < bytesPerSample; b++) {
                int seg = s * bytesPerSample + b;
                // segment b holds the (bytesPerSample-1-b)-th byte (most significant first), little endian output
                int out = dstOff + s * bytesPerSample + (bytesPerSample - 1 - b);
                decodeSegment(src, srcOff, (int) offsets[seg], (int) offsets[seg + 1], dst, out, stride, count, seg);
            }
        }
    }

    /**
     * Decodes one PackBits segment [segStart, segEnd) (relative to srcOff) into {@code count}
     * bytes written at {@code out}, {@code out + stride}, ...; extra decoded bytes are dropped.
     */
    private static void decodeSegment(byte[] src, int srcOff, int segStart, int segEnd,
                                      byte[] dst, int out, int stride, int count, int seg) {
        int p = srcOff + segStart;
        int end = srcOff + segEnd;
        int written = 0;
        if (stride == 1) {
            while (written < count && p < end) {
                int h = src[p++];
                if (h >= 0) {
                    int len = h + 1;
                    int n = Math.min(len, count - written);
                    if (n > end - p) {
                        throw new DicomCodecException("RLE: literal run of " + len + " bytes overruns segment "
                                + (seg + 1), p - 1 - srcOff);
                    }
                    System.arraycopy(src, p, dst, out + written, n);
                    written += n;
                    p += len;
                } else if (h != -128) {
                    if (p >= end) {
                        throw new DicomCodecException("RLE: replicate run without a value byte in segment "
                                + (seg + 1), p - 1 - srcOff);
                    }
                    int len = 1 - h;
                    int n = Math.min(len, count - written);
                    byte v = src[p++];
                    int o = out + written;
                    java.util.Arrays.fill(dst, o, o + n, v);
                    written += n;
                }
            }
        } else {
            int o = out;
            while (written < count && p < end) {
                int h = src[p++];
                if (h >= 0) {
                    int len = h + 1;
                    int n = Math.min(len, count - written);
                    if (n > end - p) {
                        throw new DicomCodecException("RLE: literal run of " + len + " bytes overruns segment "
                                + (seg + 1), p - 1 - srcOff);
                    }
                    for (int i = 0; i < n; i++, o += stride) {
                        dst[o] = src[p + i];
                    }
                    written += n;
                    p += len;
                } else if (h != -128) {
                    if (p >= end) {
                        throw new DicomCodecException("RLE: replicate run without a value byte in segment "
                                + (seg + 1), p - 1 - srcOff);
                    }
                    int len = 1 - h;
                    int n = Math.min(len, count - written);
                    byte v = src[p++];
                    for (int i = 0; i < n; i++, o += stride) {
                        dst[o] = v;
                    }
                    written += n;
                }
            }
        }
        if (written < count) {
            throw new DicomCodecException("RLE: segment " + (seg + 1) + " decodes to " + written
                    + " bytes, expected " + count, p - srcOff);
        }
    }

    /** Unpacks {@code pixels} bits (least significant bit of each byte first) to one byte per pixel. */
    static void unpackBits(byte[] packed, byte[] dst, int dstOff, int pixels) {
        int full = pixels >>> 3;
        int o = dstOff;
        for (int i = 0; i < full; i++) {
            int b = packed[i];
            dst[o] = (byte) (b & 1);
            dst[o + 1] = (byte) ((b >>> 1) & 1);
            dst[o + 2] = (byte) ((b >>> 2) & 1);
            dst[o + 3] = (byte) ((b >>> 3) & 1);
            dst[o + 4] = (byte) ((b >>> 4) & 1);
            dst[o + 5] = (byte) ((b >>> 5) & 1);
            dst[o + 6] = (byte) ((b >>> 6) & 1);
            dst[o + 7] = (byte) ((b >>> 7) & 1);
            o += 8;
        }
        int rest = pixels & 7;
        if (rest != 0) {
            int b = packed[full];
            for (int i = 0; i < rest; i++) {
                dst[o++] = (byte) ((b >>> i) & 1);
            }
        }
    }

    private static long readU32(byte[] b, int p) {
        return (b[p] & 0xFFL) | (b[p + 1] & 0xFFL) << 8 | (b[p + 2] & 0xFFL) << 16 | (b[p + 3] & 0xFFL) << 24;
    }
}
