package org.hounsfield.codec.jpeg2000;

import java.util.concurrent.ForkJoinPool;

import org.hounsfield.codec.FrameDecoder;
import org.hounsfield.codec.FrameInfo;
import org.hounsfield.codec.jpeg2000.internal.Codestream;
import org.hounsfield.codec.jpeg2000.internal.CodestreamParser;
import org.hounsfield.codec.jpeg2000.internal.DecodedImage;
import org.hounsfield.codec.jpeg2000.internal.HtBlockDecoder;
import org.hounsfield.codec.jpeg2000.internal.TileDecoder;
import org.hounsfield.core.DicomCodecException;

/**
 * Pure-Java JPEG 2000 Part 1 decoder (ISO/IEC 15444-1) for DICOM transfer syntaxes
 * 1.2.840.10008.1.2.4.90 and .91: raw codestreams and JP2-wrapped streams, 5/3 and 9/7
 * wavelets, RCT/ICT, tiles, precincts, layers, all progression orders and POC, all code-block
 * styles, ROI (Maxshift), and reduced-resolution decoding. It also reads High-Throughput JPEG 2000
 * (ISO/IEC 15444-15, transfer syntaxes .201, .202 and .203): HT code-blocks (cleanup, SigProp and
 * MagRef passes) go through the HT block decoder, everything else is shared.
 *
 * <pre>{@code
 * Jpeg2000Image thumb = new Jpeg2000Decoder().decode(bytes, 0, bytes.length, 2); // 1/4 size
 * int[] gray = thumb.samples(0);
 * }</pre>
 *
 * <p>As a {@link FrameDecoder} it writes the codestream's sample values (two's complement for
 * signed components, masked to the Bits Allocated width, no sign extension), samples
 * interleaved, little endian. Instances are immutable and may be shared between threads.
 */
public final class Jpeg2000Decoder implements FrameDecoder {
    /** One supplier for all decoders, so that each thread keeps reusing its HT block decoder. */
    private static final java.util.function.Supplier<org.hounsfield.codec.jpeg2000.internal.CodeBlockDecoder> HT_BLOCKS = HtBlockDecoder::new;

    private final ForkJoinPool pool;

    /** A single-threaded decoder. */
    public Jpeg2000Decoder() {
        this(null);
    }

    /**
     * A decoder that decodes code-blocks in parallel in {@code pool} (null: single-threaded).
     * Use {@link ForkJoinPool#commonPool()} for the shared pool.
     */
    public Jpeg2000Decoder(ForkJoinPool pool) {
        this.pool = pool;
    }

    /**
     * Decodes a whole image.
     *
     * @param discardLevels number of highest resolution levels to skip (0 = full size; each level
     *                      halves width and height); at most the number of decomposition levels
     * @throws DicomCodecException when the stream is corrupt, truncated or unsupported
     */
    public Jpeg2000Image decode(byte[] src, int off, int len, int discardLevels) {
        return new Jpeg2000Image(decodeInternal(src, off, len, discardLevels));
    }

    /** Number of wavelet decomposition levels (the largest valid {@code discardLevels}). */
    public int decompositionLevels(byte[] src, int off, int len) {
        return CodestreamParser.parse(src, off, len, off).minLevels();
    }

    private DecodedImage decodeInternal(byte[] src, int off, int len, int discardLevels) {
        try {
            Codestream cs = CodestreamParser.parse(src, off, len, off);
            return new TileDecoder(cs, discardLevels, pool, HT_BLOCKS).decode();
        } catch (DicomCodecException e) {
            throw e;
        } catch (RuntimeException e) {
            // defensive: a corrupt stream must never escape as an unchecked JDK exception
            throw new DicomCodecException("JPEG 2000: corrupt codestream (" + e + ")", 0, e);
        }
    }

    @Override
    public void decode(byte[] src, int srcOff, int srcLen, FrameInfo info, byte[] dst, int dstOff) {
        DecodedImage img;
        try {
            Codestream cs = CodestreamParser.parse(src, srcOff, srcLen, srcOff);
            if (cs.numComponents() != info.samplesPerPixel()) {
                throw new DicomCodecException("JPEG 2000: codestream has " + cs.numComponents()
                        + " components, expected Samples per Pixel " + info.samplesPerPixel(), 0);
            }
            if (cs.width() != info.columns() || cs.height() != info.rows()) {
                throw new DicomCodecException("JPEG 2000: codestream is " + cs.width() + "x" + cs.height()
                        + ", expected " + info.columns() + "x" + info.rows(), 0);
            }
            img = new TileDecoder(cs, 0, pool, HT_BLOCKS).decode();
        } catch (DicomCodecException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new DicomCodecException("JPEG 2000: corrupt codestream (" + e + ")", 0, e);
        }
        int bps = info.bytesPerSample();
        long need = info.decodedFrameBytes();
        if (dstOff < 0 || dstOff + need > dst.length) {
            throw new IllegalArgumentException("destination too small: need " + need + " bytes at " + dstOff);
        }
        int rows = info.rows();
        int cols = info.columns();
        int spp = info.samplesPerPixel();
        for (int c = 0; c < spp; c++) {
            int[] plane = img.planes[c];
            int pw = img.width[c];
            int ph = img.height[c];
            if (pw <= 0 || ph <= 0) {
                // sub-sampling factors larger than the image leave no samples (found by fuzzing)
                throw new DicomCodecException("JPEG 2000: component " + c + " has no samples (" + pw + "x" + ph
                        + "): its XRsiz/YRsiz exceed the image", 0);
            }
            boolean full = pw == cols && ph == rows;
            int sx = Math.max(1, (cols + pw - 1) / Math.max(1, pw));
            int sy = Math.max(1, (rows + ph - 1) / Math.max(1, ph));
            for (int y = 0; y < rows; y++) {
                int srow = full ? y * pw : Math.min(ph - 1, y / sy) * pw;
                int o = dstOff + (y * cols * spp + c) * bps;
                if (bps == 1) {
                    for (int x = 0; x < cols; x++, o += spp) {
                        int v = plane[srow + (full ? x : Math.min(pw - 1, x / sx))];
                        dst[o] = (byte) v;
                    }
                } else {
                    int step = spp * bps;
                    for (int x = 0; x < cols; x++, o += step) {
                        int v = plane[srow + (full ? x : Math.min(pw - 1, x / sx))];
                        dst[o] = (byte) v;
                        dst[o + 1] = (byte) (v >> 8);
                        for (int k = 2; k < bps; k++) {
                            dst[o + k] = (byte) (k < 4 ? v >> (8 * k) : v >> 31);
                        }
                    }
                }
            }
        }
    }
}
