package org.hounsfield.codec.deflate;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.hounsfield.codec.FrameDecoder;
import org.hounsfield.codec.FrameInfo;
import org.hounsfield.core.DicomCodecException;

/**
 * Decoder for Deflated Image Frame Compression (transfer syntax 1.2.840.10008.1.2.8.1,
 * DICOM PS3.5 2024): each frame is the native (uncompressed) frame compressed with raw deflate
 * (RFC 1951, no zlib header).
 *
 * <p>The inflated bytes are the frame as native Pixel Data would store it: little endian, with
 * the dataset's Planar Configuration, and for Bits Allocated 1 the pixels packed eight to a byte,
 * least significant bit first. This decoder converts planar configuration 1 to samples last and
 * unpacks single bits to one byte per pixel, as {@link FrameDecoder} requires. Output is bounded
 * by the frame size; bytes inflated beyond it (and trailing padding after the deflate stream)
 * are ignored, a stream that inflates to fewer bytes raises {@link DicomCodecException}. As a
 * tolerance, a stream with a zlib header (RFC 1950) is also accepted.
 *
 * <p>Instances are stateless and thread safe.
 */
public final class DeflateFrameDecoder implements FrameDecoder {

    @Override
    public void decode(byte[] src, int srcOff, int srcLen, FrameInfo info, byte[] dst, int dstOff) {
        int ba = info.bitsAllocated();
        int spp = info.samplesPerPixel();
        long pixels = (long) info.rows() * info.columns();
        if (pixels <= 0 || spp <= 0) {
            throw new DicomCodecException("Deflate: invalid frame geometry", 0);
        }
        if (ba != 1 && ba != 8 && ba != 16 && ba != 32 && ba != 64) {
            throw new DicomCodecException("Deflate: unsupported Bits Allocated " + ba, 0);
        }
        if (srcOff < 0 || srcLen < 0 || srcOff + (long) srcLen > src.length) {
            throw new IllegalArgumentException("source range outside array");
        }
        long outLen = info.decodedFrameBytes();
        if (dstOff < 0 || dstOff + outLen > dst.length) {
            throw new IllegalArgumentException("destination too small for frame: need " + outLen + " bytes");
        }
        long nativeLen = ba == 1 ? (pixels * spp + 7) >>> 3 : outLen;
        if (nativeLen > Integer.MAX_VALUE - 16) {
            throw new DicomCodecException("Deflate: frame too large", 0);
        }
        int n = (int) nativeLen;
        boolean direct = ba != 1 && (spp == 1 || info.planarConfiguration() == 0);
        byte[] target = direct ? dst : new byte[n];
        int targetOff = direct ? dstOff : 0;
        int got;
        try {
            got = inflate(src, srcOff, srcLen, target, targetOff, n, true);
        } catch (DataFormatException e) {
            if (!looksLikeZlib(src, srcOff, srcLen)) {
                throw new DicomCodecException("Deflate: corrupt deflate stream: " + e.getMessage(), 0, e);
            }
            try {
                got = inflate(src, srcOff, srcLen, target, targetOff, n, false);
            } catch (DataFormatException e2) {
                throw new DicomCodecException("Deflate: corrupt deflate stream: " + e2.getMessage(), 0, e2);
            }
        }
        if (got < n) {
            throw new DicomCodecException("Deflate: frame inflates to " + got + " bytes, expected " + n, srcLen);
        }
        if (direct) {
            return;
        }
        if (ba == 1) {
            unpackBits(target, dst, dstOff, (int) (pixels * spp));
        } else {
            planarToInterleaved(target, dst, dstOff, (int) pixels, spp, ba / 8);
        }
    }

    private static int inflate(byte[] src, int off, int len, byte[] out, int outOff, int n, boolean raw)
            throws DataFormatException {
        Inflater inf = new Inflater(raw);
        try {
            inf.setInput(src, off, len);
            int got = 0;
            while (got < n) {
                int r = inf.inflate(out, outOff + got, n - got);
                got += r;
                if (r == 0) {
                    break; // finished, needs input (truncated) or needs a dictionary
                }
            }
            return got;
        } finally {
            inf.end();
        }
    }

    private static boolean looksLikeZlib(byte[] b, int off, int len) {
        if (len < 2) {
            return false;
        }
        int cmf = b[off] & 0xFF;
        int flg = b[off + 1] & 0xFF;
        return (cmf & 0x0F) == 8 && (cmf >>> 4) <= 7 && ((cmf << 8) | flg) % 31 == 0 && (flg & 0x20) == 0;
    }

    private static void unpackBits(byte[] packed, byte[] dst, int dstOff, int pixels) {
        int full = pixels >>> 3;
        int o = dstOff;
        for (int i = 0; i < full; i++) {
            int b = packed[i];
            for (int k = 0; k < 8; k++) {
                dst[o + k] = (byte) ((b >>> k) & 1);
            }
            o += 8;
        }
        int rest = pixels & 7;
        if (rest != 0) {
            int b = packed[full];
            for (int k = 0; k < rest; k++) {
                dst[o++] = (byte) ((b >>> k) & 1);
            }
        }
    }

    private static void planarToInterleaved(byte[] planar, byte[] dst, int dstOff, int pixels, int spp, int bps) {
        int pixelStride = spp * bps;
        for (int s = 0; s < spp; s++) {
            int in = s * pixels * bps;
            int o = dstOff + s * bps;
            if (bps == 1) {
                for (int i = 0; i < pixels; i++, o += pixelStride) {
                    dst[o] = planar[in + i];
                }
            } else {
                for (int i = 0; i < pixels; i++, o += pixelStride, in += bps) {
                    System.arraycopy(planar, in, dst, o, bps);
                }
            }
        }
    }
}
