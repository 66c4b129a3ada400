package org.hounsfield.imaging;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import org.hounsfield.codec.Codecs;
import org.hounsfield.codec.FrameDecoder;
import org.hounsfield.codec.FrameInfo;
import org.hounsfield.core.BulkDataRef;
import org.hounsfield.core.Dataset;
import org.hounsfield.core.DicomCodecException;
import org.hounsfield.core.DicomException;
import org.hounsfield.core.DicomLimitException;
import org.hounsfield.core.DicomValueException;
import org.hounsfield.core.Element;
import org.hounsfield.core.Fragments;
import org.hounsfield.core.Tag;
import org.hounsfield.core.TransferSyntax;

/**
 * The pixel data of a data set: frame geometry and the stored values of any one frame, decoded
 * without touching the others (Basic/Extended Offset Table, or a fragment scan).
 *
 * <p>{@link #frame(int)} returns the conformance layout: little endian, samples last, signed
 * values sign-extended from Bits Stored, bits above High Bit masked, 1-bit data one byte per pixel.
 *
 * <p>Native data of any Bits Allocated (1, 8, 16, 32, 64), Float and Double Float Pixel Data,
 * both planar configurations, big endian, 1-bit frames packed across frame boundaries, and
 * uncompressed YBR_FULL_422 (stored with subsampled chroma, returned at full resolution as pydicom
 * does). Deferred pixel data (read with a defer threshold) is read from the file one frame at a
 * time. Encapsulated frames are found through the Basic Offset Table, the Extended Offset Table,
 * one fragment per frame, or a scan for start-of-image markers.
 *
 * <pre>{@code
 * PixelData px = PixelData.of(ds);
 * px.frameCount();
 * byte[] first = px.frame(0);       // rows * columns * samples * bytesPerSample bytes
 * short[] ct = px.frameShorts(0);   // 16-bit data as Java shorts (signed if Pixel Representation is 1)
 * float[] any = px.frameFloats(0);  // any data as floats, for numeric work
 * px.frame(1, myBuffer, 0);         // into the caller's buffer
 * }</pre>
 */
public final class PixelData {
    private final Dataset ds;
    private final FrameInfo info;
    private final int frames;
    private final Element pixel;
    private final TransferSyntax ts;
    private final FrameDecoder decoderOverride;
    private final long maxFrameBytes;

    /** Default largest decoded frame: 1 GiB, far above any corpus image (the largest is 11 MB). */
    public static final long DEFAULT_MAX_FRAME_BYTES = 1L << 30;

    private PixelData(PixelData other, FrameDecoder decoder, long maxFrameBytes) {
        this.ds = other.ds;
        this.info = other.info;
        this.frames = other.frames;
        this.pixel = other.pixel;
        this.ts = other.ts;
        this.decoderOverride = decoder;
        this.maxFrameBytes = maxFrameBytes;
    }

    private PixelData(Dataset ds) {
        this.decoderOverride = null;
        this.maxFrameBytes = DEFAULT_MAX_FRAME_BYTES;
        this.ds = ds;
        this.pixel = ds.get(Tag.PixelData) != null ? ds.get(Tag.PixelData)
                : ds.get(Tag.FloatPixelData) != null ? ds.get(Tag.FloatPixelData) : ds.get(Tag.DoubleFloatPixelData);
        if (pixel == null) {
            throw new DicomException("no pixel data");
        }
        int rows = ds.getInt(Tag.Rows, -1);
        int cols = ds.getInt(Tag.Columns, -1);
        int spp = ds.getInt(Tag.SamplesPerPixel, 1);
        int bits = pixel.tag() == Tag.FloatPixelData ? 32 : pixel.tag() == Tag.DoubleFloatPixelData ? 64 : ds.getInt(Tag.BitsAllocated, -1);
        int stored = ds.getInt(Tag.BitsStored, bits);
        if (rows <= 0 || cols <= 0 || bits <= 0 || spp <= 0 || spp > 4) {
            throw new DicomException("pixel data without usable Rows/Columns/Bits Allocated/Samples per Pixel ("
                    + rows + "/" + cols + "/" + bits + "/" + spp + ")");
        }
        if (bits != 1 && bits != 8 && bits != 16 && bits != 32 && bits != 64) {
            throw new DicomException("unsupported Bits Allocated " + bits);
        }
        int nf;
        try {
            nf = ds.getInt(Tag.NumberOfFrames, 1);
        } catch (DicomException e) {
            throw new DicomException("invalid Number of Frames '" + ds.getString(Tag.NumberOfFrames) + "'", e);
        }
        this.frames = Math.max(1, nf);
        this.info = new FrameInfo(rows, cols, spp, bits, Math.min(stored <= 0 ? bits : stored, bits),
                ds.getInt(Tag.PixelRepresentation, 0) == 1 && pixel.tag() == Tag.PixelData,
                ds.getInt(Tag.PlanarConfiguration, 0), ds.getString(Tag.PhotometricInterpretation, ""));
        this.ts = ds.transferSyntax() == null ? TransferSyntax.EXPLICIT_VR_LE : ds.transferSyntax();
        if (info.decodedFrameBytes() * frames > Integer.MAX_VALUE - 16L) {
            throw new DicomException("image of " + frames + " frames of " + rows + "x" + cols + " is too large");
        }
    }

    /** The pixel data of {@code ds} (Pixel Data, Float Pixel Data or Double Float Pixel Data). */
    public static PixelData of(Dataset ds) {
        return new PixelData(ds);
    }

    /**
     * The same pixel data, decoding encapsulated frames with {@code decoder} instead of the one
     * registered for the transfer syntax, e.g.
     * {@code JpegDecoder.withPredictor6Overflow16()} for streams from a known-broken encoder.
     */
    public PixelData withDecoder(FrameDecoder decoder) {
        return new PixelData(this, java.util.Objects.requireNonNull(decoder, "decoder"), maxFrameBytes);
    }

    /**
     * The same pixel data with another limit on the size of one decoded frame (checked before
     * anything is allocated; {@link #DEFAULT_MAX_FRAME_BYTES} by default). A frame above it throws
     * {@link DicomLimitException}.
     */
    public PixelData withMaxFrameBytes(long max) {
        return new PixelData(this, decoderOverride, max);
    }

    /** The data set this pixel data belongs to. */
    public Dataset dataset() {
        return ds;
    }

    /**
     * Array shape of all frames in the conformance layout: {@code {frames, rows, columns, samples}}.
     */
    public int[] shape() {
        return new int[] {frames, info.rows(), info.columns(), info.samplesPerPixel()};
    }

    public FrameInfo info() {
        return info;
    }

    public int frameCount() {
        return frames;
    }

    public boolean isEncapsulated() {
        return pixel.isEncapsulated();
    }

    private void checkFrameSize() {
        if (info.decodedFrameBytes() > maxFrameBytes) {
            throw new DicomLimitException("a decoded frame of " + info.rows() + "x" + info.columns() + "x" + info.samplesPerPixel()
                    + " samples takes " + info.decodedFrameBytes() + " bytes, above the limit of " + maxFrameBytes, -1);
        }
    }

    /** Bytes of one decoded frame in the conformance layout. */
    public int frameBytes() {
        return (int) info.decodedFrameBytes();
    }

    /** Stored values of frame {@code i} in the conformance layout, as a new array of {@link #frameBytes()}. */
    public byte[] frame(int i) {
        checkFrameSize();
        byte[] out = new byte[frameBytes()];
        frame(i, out, 0);
        return out;
    }

    /**
     * Stored values of frame {@code i} into {@code dst[off .. off + frameBytes())}: little endian,
     * samples last, sign-extended, masked above High Bit.
     */
    public void frame(int i, byte[] dst, int off) {
        if (i < 0 || i >= frames) {
            throw new DicomException("frame " + i + " out of range (" + frames + " frames)");
        }
        checkFrameSize();
        int n = frameBytes();
        if (off < 0 || off > dst.length - n) {
            throw new IllegalArgumentException("buffer of " + dst.length + " bytes has no room for " + n + " bytes at " + off);
        }
        if (pixel.isEncapsulated()) {
            FrameDecoder dec = decoderOverride != null ? decoderOverride : Codecs.decoder(ts.uid())
                    .orElseThrow(() -> new DicomException("no decoder for " + ts.name() + " (" + ts.uid() + ")"));
            byte[] src = compressedFrame(i);
            try {
                dec.decode(src, 0, src.length, info, dst, off);
            } catch (DicomCodecException e) {
                throw e.inFrame(i);
            } catch (RuntimeException e) {
                throw new DicomCodecException("decoder failed: " + e, -1, i, e);
            }
        } else {
            nativeFrame(i, dst, off);
        }
        postProcess(dst, off, n);
    }

    /**
     * Frame {@code i} of 16-bit data as shorts (signed values sign-extended; unsigned values keep
     * their bits, read them with {@code Short.toUnsignedInt}).
     */
    public short[] frameShorts(int i) {
        if (info.bitsAllocated() != 16 || pixel.tag() != Tag.PixelData) {
            throw new DicomValueException("frameShorts needs Bits Allocated 16, not " + info.bitsAllocated());
        }
        byte[] b = frame(i);
        short[] out = new short[b.length / 2];
        java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(out);
        return out;
    }

    /**
     * Frame {@code i} of integer data (Bits Allocated 1 to 32) as ints: unsigned values
     * zero-extended, signed values sign-extended. Unsigned 32-bit values above 2^31 - 1 do not fit;
     * use {@link #frameDoubles(int)} for them.
     */
    public int[] frameInts(int i) {
        if (pixel.tag() != Tag.PixelData || info.bitsAllocated() > 32) {
            throw new DicomValueException("frameInts needs integer pixel data of at most 32 bits");
        }
        return frameIntsOf(frame(i));
    }

    /** Frame {@code i} as doubles: integer stored values, or Float / Double Float Pixel Data. */
    public double[] frameDoubles(int i) {
        byte[] b = frame(i);
        java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int bps = info.bytesPerSample();
        double[] out = new double[b.length / bps];
        if (pixel.tag() == Tag.FloatPixelData) {
            for (int k = 0; k < out.length; k++) {
                out[k] = bb.getFloat(4 * k);
            }
        } else if (pixel.tag() == Tag.DoubleFloatPixelData) {
            bb.asDoubleBuffer().get(out);
        } else if (bps == 8) {
            for (int k = 0; k < out.length; k++) {
                long v = bb.getLong(8 * k);
                out[k] = info.signed() || v >= 0 ? v : (double) (v >>> 1) * 2 + (v & 1);
            }
        } else if (bps == 4 && !info.signed()) {
            for (int k = 0; k < out.length; k++) {
                out[k] = Integer.toUnsignedLong(bb.getInt(4 * k));
            }
        } else {
            int[] v = frameIntsOf(b);
            for (int k = 0; k < out.length; k++) {
                out[k] = v[k];
            }
        }
        return out;
    }

    /** Frame {@code i} as floats (see {@link #frameDoubles(int)}; 32-bit integers may round). */
    public float[] frameFloats(int i) {
        if (pixel.tag() == Tag.FloatPixelData) {
            byte[] b = frame(i);
            float[] out = new float[b.length / 4];
            java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
            return out;
        }
        double[] d = frameDoubles(i);
        float[] out = new float[d.length];
        for (int k = 0; k < d.length; k++) {
            out[k] = (float) d[k];
        }
        return out;
    }

    private int[] frameIntsOf(byte[] b) {
        int bps = info.bytesPerSample();
        int[] out = new int[b.length / bps];
        boolean signed = info.signed();
        switch (bps) {
            case 1 -> {
                for (int k = 0; k < out.length; k++) {
                    out[k] = signed ? b[k] : b[k] & 0xFF;
                }
            }
            case 2 -> {
                for (int k = 0; k < out.length; k++) {
                    int v = (b[2 * k] & 0xFF) | (b[2 * k + 1] & 0xFF) << 8;
                    out[k] = signed ? (short) v : v;
                }
            }
            default -> java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(out);
        }
        return out;
    }

    /** The compressed bytes of frame {@code i}: by offset table, one fragment per frame, or a marker scan. */
    public byte[] compressedFrame(int i) {
        Fragments f = pixel.fragments();
        int n = f.fragmentCount();
        if (n == 0) {
            throw new DicomException("encapsulated pixel data has no fragments");
        }
        if (frames == 1) {
            return join(f, 0, n);
        }
        long[] bot = f.basicOffsetTable();
        long[] eot = bot.length == 0 ? extendedOffsetTable() : bot;
        if (bot.length == 0 && eot.length == frames) {
            // with an Extended Offset Table each frame is exactly one fragment (PS3.5 A.4)
            long pos = 0;
            for (int k = 0; k < n; k++) {
                if (pos == eot[i]) {
                    return f.fragment(k);
                }
                pos += f.itemLength(k + 1) + 8L;
            }
        }
        if (bot.length == frames) {
            long pos = 0;
            int start = -1;
            int end = n;
            for (int k = 0; k < n; k++) {
                if (pos == bot[i]) {
                    start = k;
                }
                if (i + 1 < frames && pos == bot[i + 1]) {
                    end = k;
                    break;
                }
                pos += f.itemLength(k + 1) + 8L;
            }
            if (start >= 0) {
                return join(f, start, end);
            }
        }
        if (n == frames) {
            return f.fragment(i);
        }
        // more fragments than frames and no usable table: frames start at a start-of-image marker
        List<Integer> starts = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            byte[] b = f.fragment(k);
            if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && ((b[1] & 0xFF) == 0xD8 || (b[1] & 0xFF) == 0x4F)
                    || b.length >= 12 && b[4] == 'j' && b[5] == 'P') {
                starts.add(k);
            }
        }
        if (starts.size() == frames) {
            return join(f, starts.get(i), i + 1 < frames ? starts.get(i + 1) : n);
        }
        throw new DicomException("cannot find frame " + i + ": " + n + " fragments, " + frames + " frames and no usable offset table");
    }

    /** Extended Offset Table (7FE0,0001) entries, if present with one entry per frame; else empty. */
    private long[] extendedOffsetTable() {
        Element eot = ds.get(Tag.ExtendedOffsetTable);
        if (eot == null || eot.isEncapsulated() || eot.length() != 8L * frames) {
            return new long[0];
        }
        byte[] b = eot.littleEndianBytes();
        long[] out = new long[frames];
        java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(out);
        return out;
    }

    private static byte[] join(Fragments f, int from, int to) {
        if (to - from == 1) {
            return f.fragment(from);
        }
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        for (int k = from; k < to; k++) {
            bos.writeBytes(f.fragment(k));
        }
        return bos.toByteArray();
    }

    /** Bytes one stored frame takes in the file (subsampled for uncompressed YBR_FULL_422). */
    private long storedFrameBytes(long available) {
        long full = info.decodedFrameBytes();
        if (isSubsampled422(available, full)) {
            return full / 3 * 2;
        }
        return full;
    }

    /**
     * Uncompressed YBR_FULL_422 holds two luminance samples and one Cb, Cr pair per two pixels
     * (PS3.3 C.7.6.3.1.2). Files that label fully sampled data YBR_FULL_422 exist, so the length
     * decides.
     */
    private boolean isSubsampled422(long available, long full) {
        return "YBR_FULL_422".equals(info.photometric()) && info.samplesPerPixel() == 3
                && info.columns() % 2 == 0 && info.bitsAllocated() >= 8
                && available < full * frames && available >= full / 3 * 2 * frames;
    }

    private void nativeFrame(int i, byte[] dst, int dstOff) {
        int bps = info.bytesPerSample();
        int spp = info.samplesPerPixel();
        long pixels = (long) info.rows() * info.columns();
        int n = frameBytes();
        long available = pixel.length();
        if (info.bitsAllocated() == 1) {
            long bitOffset = pixels * spp * i;
            long first = bitOffset >>> 3;
            long last = (bitOffset + n + 7) / 8;
            if (last > available) {
                throw new DicomException("pixel data holds " + available + " bytes, frame " + i + " needs bytes " + first + " to " + last);
            }
            byte[] all = slice(first, (int) (last - first));
            int shift = (int) (bitOffset & 7);
            for (int p = 0; p < n; p++) {
                int bit = shift + p;
                dst[dstOff + p] = (byte) ((all[bit >>> 3] >> (bit & 7)) & 1);
            }
            return;
        }
        long stored = storedFrameBytes(available);
        long off = stored * i;
        if (off + stored > available) {
            throw new DicomException("pixel data holds " + available + " bytes; frame " + i + " needs bytes " + off + " to " + (off + stored));
        }
        byte[] all = slice(off, (int) stored);
        boolean swap = ds.isBigEndian() && pixel.vr() != org.hounsfield.core.VR.OB;
        if (stored != n) {
            // YBR_FULL_422: Y1 Y2 Cb Cr -> Y1 Cb Cr Y2 Cb Cr
            for (int p = 0, s = 0, d = dstOff; p < pixels; p += 2, s += 4 * bps, d += 6 * bps) {
                copySample(all, s, dst, d, bps, swap);
                copySample(all, s + 2 * bps, dst, d + bps, bps, swap);
                copySample(all, s + 3 * bps, dst, d + 2 * bps, bps, swap);
                copySample(all, s + bps, dst, d + 3 * bps, bps, swap);
                copySample(all, s + 2 * bps, dst, d + 4 * bps, bps, swap);
                copySample(all, s + 3 * bps, dst, d + 5 * bps, bps, swap);
            }
        } else if (info.planarConfiguration() == 1 && spp > 1) {
            int plane = (int) pixels * bps;
            for (int p = 0; p < pixels; p++) {
                for (int s = 0; s < spp; s++) {
                    copySample(all, s * plane + p * bps, dst, dstOff + (p * spp + s) * bps, bps, swap);
                }
            }
        } else if (!swap || bps == 1) {
            System.arraycopy(all, 0, dst, dstOff, n);
        } else {
            for (int k = 0; k < n; k += bps) {
                copySample(all, k, dst, dstOff + k, bps, true);
            }
        }
    }

    /** {@code len} bytes of the native pixel value from {@code off}; deferred values read just that range. */
    private byte[] slice(long off, int len) {
        if (pixel.rawValue() instanceof BulkDataRef ref) {
            return new BulkDataRef(ref.file(), ref.offset() + off, len).read();
        }
        byte[] all = pixel.bytes();
        return off == 0 && len == all.length ? all : java.util.Arrays.copyOfRange(all, (int) off, (int) off + len);
    }

    private static void copySample(byte[] src, int s, byte[] dst, int d, int n, boolean swap) {
        for (int k = 0; k < n; k++) {
            dst[d + k] = src[s + (swap ? n - 1 - k : k)];
        }
    }

    /** Mask bits above Bits Stored; sign-extend signed values. */
    private void postProcess(byte[] out, int from, int len) {
        int bits = info.bitsAllocated();
        int stored = info.bitsStored();
        if (bits == 1 || bits == 64 || pixel.tag() != Tag.PixelData || stored >= bits && !info.signed()) {
            return;
        }
        int bps = info.bytesPerSample();
        if (bps == 2) {
            // the common case (CT, MR): one shift pair per sample
            int sh = 32 - stored;
            boolean signed = info.signed();
            for (int k = from; k < from + len; k += 2) {
                int v = ((out[k] & 0xFF) | (out[k + 1] & 0xFF) << 8) << sh;
                v = signed ? v >> sh : v >>> sh;
                out[k] = (byte) v;
                out[k + 1] = (byte) (v >> 8);
            }
            return;
        }
        for (int k = from; k < from + len; k += bps) {
            long v = 0;
            for (int b = bps - 1; b >= 0; b--) {
                v = v << 8 | (out[k + b] & 0xFF);
            }
            v &= stored >= 64 ? -1L : (1L << stored) - 1;
            if (info.signed() && stored < 64 && (v >>> (stored - 1) & 1) == 1) {
                v |= -1L << stored;
            }
            for (int b = 0; b < bps; b++) {
                out[k + b] = (byte) (v >>> (8 * b));
            }
        }
    }
}
