package org.hounsfield.core.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

import org.hounsfield.core.Dataset;
import org.hounsfield.core.DicomException;
import org.hounsfield.core.DicomIOException;
import org.hounsfield.core.DicomValueException;
import org.hounsfield.core.Element;
import org.hounsfield.core.Fragments;
import org.hounsfield.core.Sequence;
import org.hounsfield.core.Tag;
import org.hounsfield.core.TransferSyntax;
import org.hounsfield.core.VR;
import org.hounsfield.core.io.internal.ByteSwap;

/**
 * Writes Part 10 files in Explicit VR Little Endian, Implicit VR Little Endian, Explicit VR Big
 * Endian and Deflated Explicit VR Little Endian (compressed syntaxes keep their encapsulated pixel
 * data). Values are written as read (raw bytes, byte-swapped when the byte order changes),
 * defined and undefined lengths are preserved, and an unmodified data set written in the syntax it
 * was read in comes out byte-identical.
 *
 * <pre>{@code
 * DicomWriter.write(ds, Path.of("out.dcm"));                                        // atomic
 * DicomWriter.write(ds, Path.of("le.dcm"), WriteOptions.of(TransferSyntax.IMPLICIT_VR_LE));
 * byte[] bytes = DicomWriter.toBytes(ds, WriteOptions.defaults());
 * }</pre>
 */
public final class DicomWriter {
    private static final int ITEM = 0xFFFEE000;
    private static final int ITEM_DELIMITATION = 0xFFFEE00D;
    private static final int SEQUENCE_DELIMITATION = 0xFFFEE0DD;
    private static final long UNDEFINED = 0xFFFFFFFFL;

    private DicomWriter() {
    }

    /** Writes {@code ds} to {@code path} atomically (temporary file moved into place). */
    public static void write(Dataset ds, Path path) {
        write(ds, path, WriteOptions.defaults());
    }

    public static void write(Dataset ds, Path path, WriteOptions options) {
        SafeFiles.write(path, os -> write(ds, os, options));
    }

    public static byte[] toBytes(Dataset ds, WriteOptions options) {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try {
            write(ds, bos, options);
        } catch (IOException e) {
            throw new DicomIOException("write failed", e);
        }
        return bos.toByteArray();
    }

    /** Writes a Part 10 file to a stream (not closed). */
    public static void write(Dataset ds, OutputStream out, WriteOptions options) throws IOException {
        TransferSyntax ts = options.transferSyntax() != null ? options.transferSyntax()
                : ds.transferSyntax() != null ? ds.transferSyntax() : TransferSyntax.EXPLICIT_VR_LE;
        if (!ts.isKnown()) {
            throw new DicomException("cannot write unknown transfer syntax " + ts.uid());
        }
        boolean encapsulatedPixels = ds.get(Tag.PixelData) != null && ds.get(Tag.PixelData).isEncapsulated();
        if (encapsulatedPixels && !ts.encapsulated()) {
            throw new DicomException("pixel data is compressed (" + (ds.transferSyntax() == null ? "encapsulated" : ds.transferSyntax().name())
                    + "); decode it before writing " + ts.name());
        }
        if (!encapsulatedPixels && ts.encapsulated() && ds.contains(Tag.PixelData)) {
            throw new DicomException("pixel data is not compressed; cannot label it " + ts.name());
        }
        if (options.preamble()) {
            byte[] pre = ds.preamble() != null && ds.preamble().length == 128 ? ds.preamble() : new byte[128];
            out.write(pre);
            out.write(new byte[] {'D', 'I', 'C', 'M'});
        }
        Dataset original = ds.fileMeta();
        boolean sameSyntax = ds.transferSyntax() != null && ds.transferSyntax().uid().equals(ts.uid());
        // the original meta is kept only if it names the syntax written (a meta without (0002,0010)
        // made a file our reader could not read back: found by fuzzing the round trip)
        boolean metaNamesSyntax = original != null && ts.uid().equals(original.getString(Tag.TransferSyntaxUID, "").trim());
        if (options.keepMeta() && sameSyntax && metaNamesSyntax) {
            writeDataset(original, out, true, false);
        } else {
            writeDataset(buildMeta(ds, ts), out, true, false);
        }
        if (ts.deflated()) {
            Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            try {
                DeflaterOutputStream dos = new DeflaterOutputStream(nonClosing(out), deflater, 64 * 1024);
                writeBody(ds, dos, ts.explicitVr(), ts.bigEndian());
                dos.finish();
            } finally {
                deflater.end();
            }
        } else {
            writeBody(ds, out, ts.explicitVr(), ts.bigEndian());
        }
        out.flush();
    }

    /** The body of a data set (no preamble, no meta) in the given encoding. */
    public static byte[] encodeDataset(Dataset ds, boolean explicit, boolean bigEndian) {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try {
            writeDataset(ds, bos, explicit, bigEndian);
        } catch (IOException e) {
            throw new DicomIOException("encode failed", e);
        }
        return bos.toByteArray();
    }

    /** A new File Meta Information group for {@code ds} written in {@code ts}. */
    public static Dataset buildMeta(Dataset ds, TransferSyntax ts) {
        Dataset old = ds.fileMeta();
        Dataset meta = new Dataset();
        meta.setBytes(Tag.FileMetaInformationVersion, VR.OB, new byte[] {0, 1});
        String sopClass = firstNonEmpty(old == null ? null : old.getString(Tag.MediaStorageSOPClassUID), ds.getString(Tag.SOPClassUID));
        String sopInstance = firstNonEmpty(old == null ? null : old.getString(Tag.MediaStorageSOPInstanceUID), ds.getString(Tag.SOPInstanceUID));
        if (sopClass != null) {
            meta.setString(Tag.MediaStorageSOPClassUID, VR.UI, sopClass);
        }
        if (sopInstance != null) {
            meta.setString(Tag.MediaStorageSOPInstanceUID, VR.UI, sopInstance);
        }
        meta.setString(Tag.TransferSyntaxUID, VR.UI, ts.uid());
        meta.setString(Tag.ImplementationClassUID, VR.UI, WriteOptions.IMPLEMENTATION_CLASS_UID);
        meta.setString(Tag.ImplementationVersionName, VR.SH, WriteOptions.IMPLEMENTATION_VERSION_NAME);
        if (old != null) {
            for (Element e : old) {
                int t = e.tag();
                if (t >= 0x00020016 && !meta.contains(t) && !(e.rawValue() instanceof Sequence)) {
                    meta.putRaw(t, e.vr(), e.bytes(), 0);
                }
            }
        }
        long len = 0;
        for (Element e : meta) {
            len += headerLength(e.vr(), true) + e.length();
        }
        meta.setLongs(Tag.FileMetaInformationGroupLength, VR.UL, len);
        return meta;
    }

    private static String firstNonEmpty(String a, String b) {
        return a != null && !a.isEmpty() ? a : (b != null && !b.isEmpty() ? b : null);
    }

    private static int headerLength(VR vr, boolean explicit) {
        return explicit && vr.longLength() ? 12 : 8;
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * The data set of a Part 10 file: group 0000 and 0002 elements found in the data set itself (a file
     * read without a recognisable meta header) are left out, as they belong to the meta group
     * already written; else a reader would take them as meta and the file would not read back
     * the same (found by fuzzing the read-write-read round trip).
     */
    private static void writeBody(Dataset ds, OutputStream out, boolean explicit, boolean bigEndian) throws IOException {
        byte[] h = new byte[12];
        for (Element e : ds) {
            int group = e.tag() >>> 16;
            // command elements (group 0000) do not belong in a file either (PS3.10 7.1); an empty
            // (0000,0000) in implicit VR reads back as zero padding
            if (group != 0x0002 && group != 0x0000) {
                writeElement(e, out, explicit, bigEndian, h);
            }
        }
    }

    private static void writeDataset(Dataset ds, OutputStream out, boolean explicit, boolean bigEndian) throws IOException {
        byte[] h = new byte[12];
        for (Element e : ds) {
            writeElement(e, out, explicit, bigEndian, h);
        }
    }

    private static void writeElement(Element e, OutputStream out, boolean explicit, boolean bigEndian, byte[] h) throws IOException {
        int tag = e.tag();
        VR vr = e.vr();
        Object raw = e.rawValue();
        boolean fromUn = (e.flags() & Dataset.FLAG_VR_WAS_UN) != 0;
        if (raw instanceof Sequence seq) {
            // a sequence read from UN is written back as UN (implicit VR LE content) in explicit syntaxes
            boolean asUn = fromUn && explicit;
            boolean innerExplicit = asUn ? false : explicit;
            boolean innerBig = asUn ? false : bigEndian;
            if (seq.undefinedLength()) {
                header(out, h, tag, asUn ? VR.UN : VR.SQ, UNDEFINED, explicit, bigEndian);
                writeItems(seq, out, innerExplicit, innerBig, h);
                header(out, h, SEQUENCE_DELIMITATION, null, 0, false, innerBig);
            } else {
                ByteArrayOutputStream buf = new ByteArrayOutputStream();
                writeItems(seq, buf, innerExplicit, innerBig, new byte[12]);
                header(out, h, tag, asUn ? VR.UN : VR.SQ, buf.size(), explicit, bigEndian);
                buf.writeTo(out);
            }
            return;
        }
        if (raw instanceof Fragments f) {
            if (!explicit && tag != Tag.PixelData) {
                // in implicit VR a reader sees an unknown element of undefined length as a sequence:
                // the fragments would not read back (and encapsulation needs an explicit VR syntax)
                throw new DicomValueException("encapsulated " + Tag.toString(tag) + " cannot be written in implicit VR:"
                        + " only Pixel Data (7FE0,0010) reads back as encapsulated there");
            }
            header(out, h, tag, vr == VR.OW ? VR.OW : VR.OB, UNDEFINED, explicit, bigEndian);
            for (int i = 0; i < f.itemCount(); i++) {
                byte[] b = f.itemBytes(i);
                header(out, h, ITEM, null, b.length, false, bigEndian);
                out.write(b);
            }
            header(out, h, SEQUENCE_DELIMITATION, null, 0, false, bigEndian);
            return;
        }
        byte[] value = e.bytes();
        VR fileVr = fromUn && explicit ? VR.UN : vr;
        if (e.dataset().isBigEndian() != bigEndian && !fromUn) {
            value = ByteSwap.swapped(value, vr.swapUnit());
        }
        if (explicit && !fileVr.longLength() && value.length > 0xFFFF) {
            fileVr = VR.UN; // cannot hold a 2-byte length: PS3.5 6.2.2 allows UN with a 4-byte length
        }
        header(out, h, tag, fileVr, value.length, explicit, bigEndian);
        out.write(value);
    }

    private static void writeItems(Sequence seq, OutputStream out, boolean explicit, boolean bigEndian, byte[] h) throws IOException {
        for (Dataset item : seq) {
            if (item.undefinedLengthItem()) {
                header(out, h, ITEM, null, UNDEFINED, false, bigEndian);
                writeDataset(item, out, explicit, bigEndian);
                header(out, h, ITEM_DELIMITATION, null, 0, false, bigEndian);
            } else {
                ByteArrayOutputStream buf = new ByteArrayOutputStream();
                writeDataset(item, buf, explicit, bigEndian);
                header(out, h, ITEM, null, buf.size(), false, bigEndian);
                buf.writeTo(out);
            }
        }
    }

    /** Element header; {@code vr == null} for items and delimiters (tag + 4-byte length). */
    private static void header(OutputStream out, byte[] h, int tag, VR vr, long length, boolean explicit, boolean bigEndian) throws IOException {
        put16(h, 0, tag >>> 16, bigEndian);
        put16(h, 2, tag & 0xFFFF, bigEndian);
        if (vr == null || !explicit) {
            put32(h, 4, length, bigEndian);
            out.write(h, 0, 8);
            return;
        }
        h[4] = (byte) vr.name().charAt(0);
        h[5] = (byte) vr.name().charAt(1);
        if (vr.longLength()) {
            h[6] = 0;
            h[7] = 0;
            put32(h, 8, length, bigEndian);
            out.write(h, 0, 12);
        } else {
            put16(h, 6, (int) length, bigEndian);
            out.write(h, 0, 8);
        }
    }

    private static void put16(byte[] b, int off, int v, boolean be) {
        if (be) {
            b[off] = (byte) (v >>> 8);
            b[off + 1] = (byte) v;
        } else {
            b[off] = (byte) v;
            b[off + 1] = (byte) (v >>> 8);
        }
    }

    private static void put32(byte[] b, int off, long v, boolean be) {
        if (be) {
            b[off] = (byte) (v >>> 24);
            b[off + 1] = (byte) (v >>> 16);
            b[off + 2] = (byte) (v >>> 8);
            b[off + 3] = (byte) v;
        } else {
            b[off] = (byte) v;
            b[off + 1] = (byte) (v >>> 8);
            b[off + 2] = (byte) (v >>> 16);
            b[off + 3] = (byte) (v >>> 24);
        }
    }

    private static OutputStream nonClosing(OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    /** US-ASCII bytes of a string (for tests and tools). */
    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
