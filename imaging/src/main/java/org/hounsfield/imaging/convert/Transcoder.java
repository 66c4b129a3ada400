package org.hounsfield.imaging.convert;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.hounsfield.codec.FrameInfo;
import org.hounsfield.codec.jpeg.JpegLosslessEncoder;
import org.hounsfield.codec.jpegls.JpegLsEncoder;
import org.hounsfield.codec.rle.RleEncoder;
import org.hounsfield.core.Dataset;
import org.hounsfield.core.DicomCodecException;
import org.hounsfield.core.DicomException;
import org.hounsfield.core.Element;
import org.hounsfield.core.Fragments;
import org.hounsfield.core.Tag;
import org.hounsfield.core.TransferSyntax;
import org.hounsfield.core.VR;
import org.hounsfield.core.io.DicomReader;
import org.hounsfield.core.io.DicomWriter;
import org.hounsfield.core.io.WriteOptions;
import org.hounsfield.imaging.PixelData;

/**
 * Converts a data set to another transfer syntax: native (explicit/implicit VR little endian,
 * explicit VR big endian, deflated) or lossless compressed with our own encoders (RLE, JPEG
 * Lossless SV1, JPEG-LS lossless). Compressed input is decoded first. Every result is read back
 * and its stored values compared with the input's, frame by frame, before it is returned: a
 * conversion that would change one stored value throws instead.
 *
 * <pre>{@code
 * Dataset ds = DicomReader.read(Path.of("ct-jpeg2000.dcm"));
 * Transcoder.Result r = Transcoder.transcode(ds, TargetSyntax.JPEG_LS_LOSSLESS);
 * Files.write(Path.of("ct-jls.dcm"), r.bytes());      // verified: same stored values
 * r.frames();                                         // frames compared
 * }</pre>
 *
 * <p>What changes besides the encoding: Planar Configuration becomes 0 (samples interleaved);
 * YBR_FULL_422 becomes YBR_FULL and YBR_RCT/YBR_ICT become RGB (the decoders give full-resolution
 * samples, colour-transformed for JPEG 2000); Lossy Image Compression is set to 01 when the input
 * was lossy; stale offset tables (7FE0,0001/0002) and an Icon Image Sequence whose encoding no
 * longer matches are removed; the File Meta Information is rebuilt.
 */
public final class Transcoder {

    /**
     * A verified conversion.
     *
     * @param bytes   the Part 10 file
     * @param target  the transfer syntax written
     * @param frames  frames compared after decoding the result (0 without pixel data)
     * @param notes   what changed besides the encoding (empty when nothing)
     */
    public record Result(byte[] bytes, TransferSyntax target, int frames, List<String> notes) {
    }

    private Transcoder() {
    }

    /**
     * Converts {@code ds} (changed in place) and returns the verified file bytes.
     *
     * @throws DicomException when the pixel data cannot be decoded, the target cannot encode this
     *                        geometry (e.g. JPEG for 1-bit or 32-bit data), or verification fails
     */
    public static Result transcode(Dataset ds, TargetSyntax target) {
        List<String> notes = new ArrayList<>();
        TransferSyntax ts = target.transferSyntax();
        if (ds.contains(Tag.DirectoryRecordSequence)) {
            throw new DicomException("DICOMDIR: its records hold byte offsets that another encoding would break; not converted");
        }
        Element px = ds.get(Tag.PixelData);
        boolean floatPixels = px == null && (ds.contains(Tag.FloatPixelData) || ds.contains(Tag.DoubleFloatPixelData));
        if (px == null && !floatPixels) {
            if (target.encapsulated()) {
                ts = TransferSyntax.EXPLICIT_VR_LE;
                notes.add("no pixel data: written as explicit-le");
            }
            return new Result(write(ds, ts), ts, 0, notes);
        }
        PixelData in = PixelData.of(ds);
        int frames = in.frameCount();
        byte[][] original = new byte[frames][];
        for (int i = 0; i < frames; i++) {
            original[i] = in.frame(i);
        }
        FrameInfo info = in.info();
        if (floatPixels) {
            if (target.encapsulated()) {
                throw new DicomException("float pixel data cannot be stored in " + ts.name());
            }
        } else {
            TransferSyntax source = ds.transferSyntax();
            normaliseAttributes(ds, info, source, target, notes);
            if (target.encapsulated()) {
                ds.putRaw(Tag.PixelData, VR.OB, encode(original, info, target), Dataset.FLAG_UNDEFINED_LENGTH);
            } else {
                writeNative(ds, original, info, ts);
            }
        }
        byte[] bytes = write(ds, ts);
        verify(bytes, original, ts);
        return new Result(bytes, ts, frames, notes);
    }

    private static byte[] write(Dataset ds, TransferSyntax ts) {
        return DicomWriter.toBytes(ds, new WriteOptions(ts, false, true));
    }

    // ---------------------------------------------------------------------------------------------

    private static void normaliseAttributes(Dataset ds, FrameInfo info, TransferSyntax source, TargetSyntax target, List<String> notes) {
        ds.remove(Tag.ExtendedOffsetTable);
        ds.remove(Tag.ExtendedOffsetTableLengths);
        if (info.samplesPerPixel() > 1 && ds.getInt(Tag.PlanarConfiguration, 0) != 0) {
            ds.setInts(Tag.PlanarConfiguration, VR.US, 0);
            notes.add("Planar Configuration 1 -> 0");
        }
        String pi = ds.getString(Tag.PhotometricInterpretation, "").trim().toUpperCase(Locale.ROOT);
        boolean sourceEncapsulated = ds.get(Tag.PixelData).isEncapsulated();
        if (pi.equals("YBR_FULL_422") && sourceEncapsulated) {
            ds.setString(Tag.PhotometricInterpretation, VR.CS, "YBR_FULL");
            notes.add("YBR_FULL_422 -> YBR_FULL (decoded at full resolution)");
        } else if ((pi.equals("YBR_RCT") || pi.equals("YBR_ICT")) && sourceEncapsulated) {
            ds.setString(Tag.PhotometricInterpretation, VR.CS, "RGB");
            notes.add(pi + " -> RGB (the JPEG 2000 colour transform is undone by decoding)");
        }
        if (source != null && source.lossy() && !"01".equals(ds.getString(Tag.LossyImageCompression, "").trim())) {
            ds.setString(Tag.LossyImageCompression, VR.CS, "01");
            notes.add("Lossy Image Compression set to 01 (the input was lossy)");
        }
        Element icon = ds.get(Tag.IconImageSequence);
        if (icon != null && sourceEncapsulated != target.encapsulated()) {
            ds.remove(Tag.IconImageSequence);
            notes.add("Icon Image Sequence removed (its pixel data would not match the new encoding)");
        }
    }

    private static Fragments encode(byte[][] frames, FrameInfo info, TargetSyntax target) {
        FrameInfo enc = new FrameInfo(info.rows(), info.columns(), info.samplesPerPixel(), info.bitsAllocated(), info.bitsStored(),
                info.signed(), 0, info.photometric());
        List<byte[]> encoded = new ArrayList<>(frames.length);
        for (int i = 0; i < frames.length; i++) {
            byte[] b;
            try {
                b = switch (target) {
                    case RLE -> new RleEncoder().encode(frames[i], enc);
                    case JPEG_LOSSLESS -> new JpegLosslessEncoder().encode(frames[i], enc);
                    case JPEG_LS_LOSSLESS -> new JpegLsEncoder().encode(frames[i], enc);
                    default -> throw new IllegalStateException(target.toString());
                };
            } catch (IllegalArgumentException e) {
                throw new DicomException("cannot encode " + target.cliName() + ": " + e.getMessage()
                        + " (Bits Allocated " + info.bitsAllocated() + ", Bits Stored " + info.bitsStored() + ", Samples per Pixel "
                        + info.samplesPerPixel() + ")", e);
            }
            if ((b.length & 1) == 1) {
                b = java.util.Arrays.copyOf(b, b.length + 1); // fragments have even length; decoders allow trailing padding
            }
            encoded.add(b);
        }
        Fragments f = new Fragments();
        long total = 0;
        for (byte[] b : encoded) {
            total += b.length + 8L;
        }
        if (total <= 0xFFFFFFFFL) {
            byte[] bot = new byte[4 * encoded.size()];
            long off = 0;
            for (int i = 0; i < encoded.size(); i++) {
                for (int k = 0; k < 4; k++) {
                    bot[4 * i + k] = (byte) (off >>> (8 * k));
                }
                off += encoded.get(i).length + 8L;
            }
            f.addItem(bot);
        } else {
            f.addItem(new byte[0]); // offsets beyond 4 GiB: leave the Basic Offset Table empty
        }
        for (byte[] b : encoded) {
            f.addItem(b);
        }
        return f;
    }

    /**
     * Native pixel data from decoded frames. Big endian: 16/32/64-bit samples are stored as OW
     * reversed per sample (as pydicom and our reader read them); the writer swaps OW per 16-bit
     * word when the byte order changes, so the value given here is arranged for that.
     */
    private static void writeNative(Dataset ds, byte[][] frames, FrameInfo info, TransferSyntax ts) {
        int bits = info.bitsAllocated();
        byte[] all;
        if (bits == 1) {
            long n = (long) info.rows() * info.columns() * info.samplesPerPixel();
            long totalBits = n * frames.length;
            all = new byte[(int) ((totalBits + 15) / 16 * 2)];
            long bit = 0;
            for (byte[] f : frames) {
                for (int p = 0; p < n; p++, bit++) {
                    if (f[p] != 0) {
                        all[(int) (bit >>> 3)] |= (byte) (1 << (bit & 7));
                    }
                }
            }
            ds.putRaw(Tag.PixelData, VR.OB, all, 0);
            return;
        }
        int frameBytes = frames.length == 0 ? 0 : frames[0].length;
        long total = (long) frameBytes * frames.length;
        if (total > Integer.MAX_VALUE - 16) {
            throw new DicomException("pixel data of " + total + " bytes is too large");
        }
        all = new byte[(int) (total + (total & 1))];
        for (int i = 0; i < frames.length; i++) {
            System.arraycopy(frames[i], 0, all, i * frameBytes, frameBytes);
        }
        int bps = info.bytesPerSample();
        if (bps == 1) {
            ds.putRaw(Tag.PixelData, VR.OB, all, 0);
            return;
        }
        // desired bytes on disk
        if (ts.bigEndian()) {
            reverseUnits(all, bps, (int) total);
        }
        // the writer swaps OW per 2 bytes when the data set's byte order differs from the target's
        if (ds.isBigEndian() != ts.bigEndian()) {
            reverseUnits(all, 2, (int) total);
        }
        ds.putRaw(Tag.PixelData, VR.OW, all, 0);
    }

    private static void reverseUnits(byte[] b, int unit, int length) {
        for (int off = 0; off + unit <= length; off += unit) {
            for (int i = 0, j = unit - 1; i < j; i++, j--) {
                byte t = b[off + i];
                b[off + i] = b[off + j];
                b[off + j] = t;
            }
        }
    }

    private static void verify(byte[] bytes, byte[][] original, TransferSyntax ts) {
        Dataset back = DicomReader.read(bytes);
        if (!ts.uid().equals(back.transferSyntax() == null ? null : back.transferSyntax().uid())) {
            throw new DicomException("verification failed: the result reads as " + back.transferSyntax() + ", not " + ts.name());
        }
        PixelData px = PixelData.of(back);
        if (px.frameCount() != original.length) {
            throw new DicomException("verification failed: " + px.frameCount() + " frames after conversion, " + original.length + " before");
        }
        for (int i = 0; i < original.length; i++) {
            byte[] f;
            try {
                f = px.frame(i);
            } catch (DicomCodecException e) {
                throw new DicomException("verification failed: frame " + i + " does not decode: " + e.getMessage(), e);
            }
            int diff = java.util.Arrays.mismatch(f, original[i]);
            if (diff >= 0) {
                throw new DicomException("verification failed: frame " + i + " differs from the input at byte " + diff + " of its stored values");
            }
        }
    }
}
