package org.hounsfield.imaging;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import org.hounsfield.codec.Codecs;
import org.hounsfield.codec.FrameDecoder;
import org.hounsfield.codec.FrameInfo;
import org.hounsfield.core.Dataset;
import org.hounsfield.core.DicomCodecException;
import org.hounsfield.core.DicomException;
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
 * <pre>{@code
 * PixelData px = PixelData.of(ds);
 * px.frameCount();
 * byte[] first = px.frame(0);       // rows * columns * samples * bytesPerSample bytes
 * }</pre>
 */
public final class PixelData {
    private final Dataset ds;
    private final FrameInfo info;
    private final int frames;
    private final Element pixel;
    private final TransferSyntax ts;

    private PixelData(Dataset ds) {
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

    public static PixelData of(Dataset ds) {
        return new PixelData(ds);
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

    /** Bytes of one decoded frame in the conformance layout. */
    public int frameBytes() {
        return (int) info.decodedFrameBytes();
    }

    /** Stored values of frame {@code i}. */
    public byte[] frame(int i) {
        if (i < 0 || i >= frames) {
            throw new DicomException("frame " + i + " out of range (" + frames + " frames)");
        }
        byte[] out = new byte[frameBytes()];
        if (pixel.isEncapsulated()) {
            FrameDecoder dec = Codecs.decoder(ts.uid())
                    .orElseThrow(() -> new DicomException("no decoder for " + ts.name() + " (" + ts.uid() + ")"));
            byte[] src = compressedFrame(i);
            try {
                dec.decode(src, 0, src.length, info, out, 0);
            } catch (DicomCodecException e) {
                throw e.inFrame(i);
            } catch (RuntimeException e) {
                throw new DicomCodecException("decoder failed: " + e, -1, i, e);
            }
        } else {
            nativeFrame(i, out);
        }
        postProcess(out);
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

    private void nativeFrame(int i, byte[] out) {
        byte[] all = pixel.bytes();
        int bps = info.bytesPerSample();
        int spp = info.samplesPerPixel();
        long pixels = (long) info.rows() * info.columns();
        if (info.bitsAllocated() == 1) {
            long bitOffset = pixels * spp * i;
            if ((bitOffset + pixels * spp + 7) / 8 > all.length) {
                throw new DicomException("pixel data holds " + all.length + " bytes, frame " + i + " needs more");
            }
            for (int p = 0; p < out.length; p++) {
                long bit = bitOffset + p;
                out[p] = (byte) ((all[(int) (bit >>> 3)] >> (bit & 7)) & 1);
            }
            return;
        }
        long off = (long) out.length * i;
        if (off + out.length > all.length) {
            throw new DicomException("pixel data holds " + all.length + " bytes; frame " + i + " needs bytes " + off + " to " + (off + out.length));
        }
        boolean be = ds.isBigEndian();
        boolean swap = be && !(pixel.vr() == org.hounsfield.core.VR.OB);
        if (info.planarConfiguration() == 1 && spp > 1) {
            int plane = (int) pixels * bps;
            for (int p = 0; p < pixels; p++) {
                for (int s = 0; s < spp; s++) {
                    copySample(all, (int) off + s * plane + p * bps, out, (p * spp + s) * bps, bps, swap);
                }
            }
        } else if (!swap || bps == 1) {
            System.arraycopy(all, (int) off, out, 0, out.length);
        } else {
            for (int k = 0; k < out.length; k += bps) {
                copySample(all, (int) off + k, out, k, bps, true);
            }
        }
    }

    private static void copySample(byte[] src, int s, byte[] dst, int d, int n, boolean swap) {
        for (int k = 0; k < n; k++) {
            dst[d + k] = src[s + (swap ? n - 1 - k : k)];
        }
    }

    /** Mask bits above Bits Stored; sign-extend signed values. */
    private void postProcess(byte[] out) {
        int bits = info.bitsAllocated();
        int stored = info.bitsStored();
        if (bits == 1 || bits == 64 || pixel.tag() != Tag.PixelData || stored >= bits && !info.signed()) {
            return;
        }
        int bps = info.bytesPerSample();
        for (int k = 0; k < out.length; k += bps) {
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
