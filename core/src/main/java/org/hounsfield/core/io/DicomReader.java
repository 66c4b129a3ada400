package org.hounsfield.core.io;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

import org.hounsfield.core.BulkDataRef;
import org.hounsfield.core.Dataset;
import org.hounsfield.core.DicomException;
import org.hounsfield.core.DicomIOException;
import org.hounsfield.core.DicomLimitException;
import org.hounsfield.core.DicomParseException;
import org.hounsfield.core.Fragments;
import org.hounsfield.core.Sequence;
import org.hounsfield.core.Tag;
import org.hounsfield.core.TransferSyntax;
import org.hounsfield.core.VR;
import org.hounsfield.core.dict.DictionaryEntry;
import org.hounsfield.core.dict.ElementDictionary;
import org.hounsfield.core.dict.PrivateDictionary;
import org.hounsfield.core.io.internal.DicomInput;

/**
 * Reads DICOM Part 10 files (preamble, "DICM", File Meta Information) and raw data sets without
 * them, in every native transfer syntax: Implicit VR Little Endian, Explicit VR Little and Big
 * Endian, Deflated Explicit VR Little Endian; compressed syntaxes keep their pixel data as
 * {@link Fragments}.
 *
 * <pre>{@code
 * Dataset ds = DicomReader.read(Path.of("ct.dcm"));
 * Dataset header = DicomReader.read(path, ReadOptions.defaults().withStopBeforePixelData(true));
 * Dataset fromBytes = DicomReader.read(bytes);
 * }</pre>
 *
 * <p>Reading is lenient where pydicom is (a dataset in implicit VR under an explicit transfer
 * syntax, UN elements with a known VR, odd lengths, a sequence or encapsulated pixel data that
 * ends at end of file without its delimiter), recording each workaround in
 * {@link Dataset#readProblems()}, and strict where the bytes cannot be trusted: a value longer
 * than what remains, a broken item structure, nesting past the limit and a cut inside an element
 * throw {@link DicomParseException} or {@link DicomLimitException} with the offset.
 * {@link ReadOptions#withStrict(boolean)} makes every workaround throw.
 */
public final class DicomReader {

    private static final int ITEM = 0xFFFEE000;
    private static final int ITEM_DELIMITATION = 0xFFFEE00D;
    private static final int SEQUENCE_DELIMITATION = 0xFFFEE0DD;
    private static final long UNDEFINED = 0xFFFFFFFFL;

    private final ReadOptions options;
    private final ReadLimits limits;
    private final Path file; // for deferred values; null when not deferrable
    private DicomInput in;
    private final java.util.List<String> problems = new java.util.ArrayList<>();

    /**
     * A broken encoding we can read anyway: recorded (lenient) or thrown (strict). Each kind is
     * recorded once per element position, and at most 100 in all.
     */
    private void workaround(String what, long offset) {
        if (options.strict()) {
            throw new DicomParseException(what + " (strict reading)", offset);
        }
        if (problems.size() < 100) {
            problems.add(what + " (at byte offset " + offset + ")");
        }
    }

    /**
     * A finding about a well-encoded element (an explicit VR the dictionary disagrees with):
     * recorded in both modes, never thrown, since pydicom and DCMTK read such files as they are.
     */
    private void finding(String what, long offset) {
        if (problems.size() < 100) {
            problems.add(what + " (at byte offset " + offset + ")");
        }
    }

    private DicomReader(ReadOptions options, Path file) {
        this.options = options;
        this.limits = options.limits();
        this.file = file;
    }

    // ---------------------------------------------------------------------------------------------
    // entry points

    public static Dataset read(Path path) {
        return read(path, ReadOptions.defaults());
    }

    public static Dataset read(Path path, ReadOptions options) {
        try (InputStream s = Files.newInputStream(path)) {
            long size = Files.size(path);
            DicomReader r = new DicomReader(options, options.deferThreshold() >= 0 ? path : null);
            return r.readFile(DicomInput.of(s, size));
        } catch (IOException e) {
            throw new DicomIOException("cannot read " + path, e);
        }
    }

    public static Dataset read(byte[] bytes) {
        return read(bytes, ReadOptions.defaults());
    }

    public static Dataset read(byte[] bytes, ReadOptions options) {
        return new DicomReader(options, null).readFile(DicomInput.of(bytes, 0, bytes.length));
    }

    /** Reads from a stream (not closed); values are never deferred. */
    public static Dataset read(InputStream stream, ReadOptions options) {
        return new DicomReader(options, null).readFile(DicomInput.of(stream, -1));
    }

    /** Whether the file starts like DICOM (Part 10 preamble, "DICM" or a plausible raw data set). */
    public static boolean looksLikeDicom(Path path) {
        byte[] head = new byte[132];
        int n;
        try (InputStream s = Files.newInputStream(path)) {
            n = s.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            return false;
        }
        if (n >= 132 && head[128] == 'D' && head[129] == 'I' && head[130] == 'C' && head[131] == 'M') {
            return true;
        }
        if (n >= 4 && head[0] == 'D' && head[1] == 'I' && head[2] == 'C' && head[3] == 'M') {
            return true;
        }
        if (n < 8) {
            return false;
        }
        int gLe = (head[0] & 0xFF) | (head[1] & 0xFF) << 8;
        int gBe = (head[0] & 0xFF) << 8 | (head[1] & 0xFF);
        int g = Math.min(gLe, gBe);
        return g == 0x0002 || g == 0x0008 || (g >= 0x0002 && g <= 0x0030 && (VR.ofCode((head[4] & 0xFF) << 8 | (head[5] & 0xFF)) != null));
    }

    // ---------------------------------------------------------------------------------------------
    // file structure

    private Dataset readFile(DicomInput input) {
        this.in = input;
        byte[] preamble = null;
        boolean hasMeta = false;
        if (in.ensure(132) && in.peek(128) == 'D' && in.peek(129) == 'I' && in.peek(130) == 'C' && in.peek(131) == 'M') {
            preamble = in.bytes(128, "preamble");
            in.skip(4, "DICM prefix");
            hasMeta = true;
        } else if (in.peek(0) == 'D' && in.peek(1) == 'I' && in.peek(2) == 'C' && in.peek(3) == 'M') {
            in.skip(4, "DICM prefix");
            hasMeta = true;
        } else if (in.peek(0) == 0x02 && in.peek(1) == 0x00 && isVrAt(4)) {
            hasMeta = true; // meta group without preamble and prefix
        }

        Dataset meta = null;
        TransferSyntax ts = null;
        if (hasMeta) {
            meta = readMeta();
            String tsUid = meta.getString(Tag.TransferSyntaxUID);
            if (tsUid != null && !tsUid.isEmpty()) {
                ts = TransferSyntax.of(tsUid.trim());
            }
        }
        if (in.atEnd() && meta != null && meta.isEmpty()) {
            throw new DicomParseException("no data set after the DICM prefix", in.reportedPosition());
        }

        boolean explicit;
        boolean bigEndian;
        if (ts == null) {
            // raw data set, or meta without a transfer syntax: detect from the first element
            int b0 = in.peek(0);
            int b1 = in.peek(1);
            if (b0 < 0 || b1 < 0 || in.peek(7) < 0) {
                throw new DicomParseException("not DICOM: fewer than 8 bytes of data set", in.reportedPosition());
            }
            int gLe = b0 | b1 << 8;
            int gBe = b0 << 8 | b1;
            bigEndian = gBe < gLe;
            explicit = isVrAt(4);
            if (meta == null && !plausibleFirstTag(bigEndian ? gBe : gLe)) {
                throw new DicomParseException("not DICOM: no preamble, no DICM prefix and the first bytes are not a data element"
                        + String.format(" (group %04X)", bigEndian ? gBe : gLe), in.reportedPosition());
            }
            ts = explicit ? (bigEndian ? TransferSyntax.EXPLICIT_VR_BE : TransferSyntax.EXPLICIT_VR_LE) : TransferSyntax.IMPLICIT_VR_LE;
        } else {
            explicit = ts.explicitVr();
            bigEndian = ts.bigEndian();
        }

        if (ts.deflated()) {
            long base = in.reportedPosition();
            InputStream inflated = new InflaterInputStream(in.rest(), new Inflater(true), 64 * 1024);
            this.in = DicomInput.of(inflated, -1, base);
            // offsets inside the inflated stream are not file offsets: values cannot be deferred
        }
        in.bigEndian(bigEndian);
        // pydicom's leniency: a data set written in the other VR mode than the transfer syntax says
        if (!in.atEnd() && in.peek(7) >= 0) {
            boolean looksExplicit = isVrAt(4);
            if (explicit && !looksExplicit) {
                workaround("the data set is in implicit VR but the transfer syntax " + ts.uid() + " says explicit", in.reportedPosition());
                explicit = false;
            } else if (!explicit && looksExplicit && in.peek(0) != 0xFE) {
                workaround("the data set is in explicit VR but the transfer syntax " + ts.uid() + " says implicit", in.reportedPosition());
                explicit = true;
            }
        }

        if (meta != null && (meta.getString(Tag.TransferSyntaxUID) == null || meta.getString(Tag.TransferSyntaxUID).isBlank())) {
            workaround("the file meta information has no Transfer Syntax UID (0002,0010); guessed " + ts.uid(), 0);
        }
        Dataset ds = new Dataset(null, bigEndian);
        ds.setFileMeta(meta);
        ds.setPreamble(preamble);
        ds.setTransferSyntax(ts);
        readItems(ds, -1, explicit, 0, true, ts.deflated());
        ds.setReadProblems(problems);
        return ds;
    }

    private static boolean plausibleFirstTag(int group) {
        return group >= 0x0002 && group <= 0x7FE0 && group != 0xFFFE;
    }

    private boolean isVrAt(int i) {
        int a = in.peek(i);
        int b = in.peek(i + 1);
        return a >= 'A' && a <= 'Z' && b >= 'A' && b <= 'Z' && VR.ofCode(a << 8 | b) != null;
    }

    /**
     * Group 0002: always Explicit VR Little Endian (implicit tolerated), read while the group is 2,
     * as pydicom does (a wrong group length is common). One exception: at the end the group length
     * declares, in a big endian data set, bytes {@code 02 00} start a body element of group 0200,
     * not a meta element, and the meta group ends there.
     */
    private Dataset readMeta() {
        Dataset meta = new Dataset(null, false);
        in.bigEndian(false);
        long declaredEnd = -1;
        while (in.ensure(6) && in.peek(0) == 0x02 && in.peek(1) == 0x00) {
            long start = in.reportedPosition();
            if (start == declaredEnd && TransferSyntax.EXPLICIT_VR_BE.uid().equals(trimmed(meta.getString(Tag.TransferSyntaxUID)))) {
                break;
            }
            int tag = in.tag("file meta tag");
            VR vr;
            long len;
            if (isVrAt(0)) {
                vr = VR.ofCode(in.u8("VR") << 8 | in.u8("VR"));
                if (vr.longLength()) {
                    in.skip(2, "reserved bytes");
                    len = in.u32("value length");
                } else {
                    len = in.u16("value length");
                }
            } else {
                workaround("file meta element " + Tag.toString(tag) + " in implicit VR (the meta group is always explicit)", start);
                DictionaryEntry e = ElementDictionary.lookup(tag);
                vr = e != null && e.vr() != null ? e.vr() : VR.UN;
                len = in.u32("value length");
            }
            if (len == UNDEFINED) {
                throw new DicomParseException("file meta element " + Tag.toString(tag) + " has undefined length", start);
            }
            byte[] value = in.bytes(len, "file meta element ", tag);
            meta.putRaw(tag, vr, value, 0);
            if (tag == Tag.FileMetaInformationGroupLength && value.length == 4) {
                long v = (value[0] & 0xFFL) | (value[1] & 0xFFL) << 8 | (value[2] & 0xFFL) << 16 | (value[3] & 0xFFL) << 24;
                declaredEnd = in.reportedPosition() + v;
            }
        }
        return meta;
    }

    private static String trimmed(String s) {
        return s == null ? null : s.trim();
    }

    // ---------------------------------------------------------------------------------------------
    // data sets and elements

    /**
     * Reads elements into {@code ds} until {@code end} (absolute position; -1 = until an Item
     * Delimitation or, at top level, the end of the input).
     */
    private void readItems(Dataset ds, long end, boolean explicit, int depth, boolean topLevel, boolean streamInput) {
        int count = 0;
        while (true) {
            if (end >= 0) {
                if (in.position() >= end) {
                    if (in.position() > end) {
                        throw new DicomParseException("element runs past the end of its item", in.reportedPosition());
                    }
                    return;
                }
            } else if (in.atEnd()) {
                if (topLevel) {
                    return;
                }
                // pydicom reads an unterminated item to the end of the file; so do we, and say so
                workaround("item of undefined length ends at the end of the data without an Item Delimitation (FFFE,E00D)",
                        in.reportedPosition());
                return;
            }
            if (topLevel && !in.ensure(8)) {
                // fewer than 8 bytes cannot hold an element: trailing garbage or padding
                if (allZero()) {
                    workaround("trailing zero bytes after the last element", in.reportedPosition());
                    return;
                }
                throw new DicomParseException("unexpected end of data: expected a data element header (8 bytes)", in.reportedPosition());
            }
            long start = in.reportedPosition();
            int tag = in.tag("element tag");
            if (tag == ITEM_DELIMITATION) {
                in.u32("item delimitation length");
                if (end < 0 && !topLevel) {
                    return;
                }
                workaround("stray Item Delimitation (FFFE,E00D)", start);
                continue; // ignore, as pydicom does
            }
            if (tag == SEQUENCE_DELIMITATION && topLevel) {
                in.u32("sequence delimitation length");
                workaround("stray Sequence Delimitation (FFFE,E0DD) in the data set", start);
                continue;
            }
            if (tag == ITEM) {
                throw new DicomParseException("unexpected Item (FFFE,E000) in a data set", start);
            }
            if (topLevel && options.stopBeforePixelData() && depth == 0
                    && (tag == Tag.PixelData || tag == Tag.FloatPixelData || tag == Tag.DoubleFloatPixelData)) {
                if (!streamInput) {
                    ds.setPixelDataOffset(start); // a file offset (not inside a deflated stream)
                }
                return;
            }
            if (topLevel && tag == 0 && allZeroFrom(start)) {
                workaround("trailing zero bytes after the last element", start);
                return;
            }
            if (++count > limits.maxElements()) {
                throw new DicomLimitException("more than " + limits.maxElements() + " elements in one data set", start);
            }
            readElement(ds, tag, start, explicit, depth, streamInput);
        }
    }

    private boolean allZero() {
        int i = 0;
        int b;
        while ((b = in.peek(i)) >= 0) {
            if (b != 0) {
                return false;
            }
            i++;
        }
        return true;
    }

    /** Whether the next 4 bytes are an Item tag (FFFE,E000) in the current byte order. */
    private boolean itemTagAhead() {
        return itemTagAhead(in.bigEndian());
    }

    /** Whether the next 4 bytes are an Item tag (FFFE,E000) in the given byte order. */
    private boolean itemTagAhead(boolean bigEndian) {
        return bigEndian
                ? in.peek(0) == 0xFF && in.peek(1) == 0xFE && in.peek(2) == 0xE0 && in.peek(3) == 0x00
                : in.peek(0) == 0xFE && in.peek(1) == 0xFF && in.peek(2) == 0x00 && in.peek(3) == 0xE0;
    }

    private boolean allZeroFrom(long start) {
        // the tag (4 bytes) was zero; accept only if the rest of a small tail is zero too
        long rem = in.remaining();
        if (rem > 4096) {
            return false;
        }
        return allZero();
    }

    private void readElement(Dataset ds, int tag, long start, boolean explicit, int depth, boolean streamInput) {
        VR vr;
        long len;
        boolean vrWasUn = false;
        boolean notASequence = false;
        if (explicit) {
            int a = in.peek(0);
            int b = in.peek(1);
            VR fileVr = a >= 0 && b >= 0 ? VR.ofCode(a << 8 | b) : null;
            if (fileVr != null && a >= 'A' && a <= 'Z' && b >= 'A' && b <= 'Z') {
                in.skip(2, "VR");
                if (fileVr.longLength()) {
                    in.skip(2, "reserved bytes");
                    len = in.u32("value length of ", tag);
                } else {
                    len = in.u16("value length of ", tag);
                }
                vr = fileVr;
                checkExplicitVr(tag, fileVr, start);
            } else {
                // not a VR: this element is implicit VR (lenient, like pydicom)
                workaround("element " + Tag.toString(tag) + " has no VR in an explicit VR data set", start);
                len = in.u32("value length of ", tag);
                vr = implicitVr(ds, tag, len);
            }
        } else {
            len = in.u32("value length of ", tag);
            vr = implicitVr(ds, tag, len);
            if (vr == VR.SQ && len != UNDEFINED && len > 0 && (len < 8 || !itemTagAhead())) {
                // a sequence in the dictionary whose value is not one (written with another VR):
                // kept as bytes, as an explicit UN would be, rather than failing inside it
                workaround("element " + Tag.toString(tag) + " is a sequence in the dictionary but its value does not start with an"
                        + " Item (FFFE,E000); read as UN", start);
                vr = VR.UN;
                notASequence = true;
            } else if (len == UNDEFINED && vr != VR.SQ && vr != VR.OB && vr != VR.OW && vr != VR.UN && tag != Tag.PixelData) {
                // in implicit VR only a sequence (or encapsulated data) has an undefined length:
                // a sequence written where the dictionary names another VR
                workaround("element " + Tag.toString(tag) + " has an undefined length in implicit VR but the dictionary says " + vr
                        + "; read as a sequence", start);
                vr = VR.SQ;
            }
        }

        if (vr == VR.UN && !notASequence && (len == UNDEFINED || len < 0xFFFF)) {
            VR known = knownVr(ds, tag);
            if (known == VR.SQ && len != UNDEFINED && len > 0 && (len < 8 || !itemTagAhead(false))) {
                // UN of a dictionary sequence whose value is not an (implicit VR LE) sequence: stays UN
                workaround("element " + Tag.toString(tag) + " (UN) is a sequence in the dictionary but its value does not start with"
                        + " an Item (FFFE,E000); kept as UN", start);
                known = null;
            }
            if (known != null && known != VR.UN) {
                vr = known;
                vrWasUn = true;
            }
        }
        if (vr == VR.UN && len == UNDEFINED) {
            // PS3.5 6.2.2: UN of undefined length is an implicit VR little endian sequence
            vr = VR.SQ;
            vrWasUn = true;
        }
        int flags = (len == UNDEFINED ? Dataset.FLAG_UNDEFINED_LENGTH : 0) | (vrWasUn ? Dataset.FLAG_VR_WAS_UN : 0);

        if (vr == VR.SQ) {
            if (depth + 1 > limits.maxDepth()) {
                throw new DicomLimitException("sequence " + Tag.toString(tag) + " nested deeper than " + limits.maxDepth() + " levels", start);
            }
            Sequence seq = ds.newSequence(tag, len == UNDEFINED);
            // a UN sequence is encoded in implicit VR little endian whatever the transfer syntax
            boolean seqExplicit = vrWasUn ? false : explicit;
            boolean saved = in.bigEndian();
            if (vrWasUn) {
                in.bigEndian(false);
            }
            try {
                readSequence(seq, tag, len, seqExplicit, depth + 1, streamInput);
            } finally {
                in.bigEndian(saved);
            }
            // keep the flag telling the writer this SQ came from UN
            ds.putRaw(tag, VR.SQ, seq, flags);
            return;
        }
        if (len == UNDEFINED) {
            if (tag == Tag.PixelData || vr == VR.OB || vr == VR.OW || vr == VR.UN) {
                ds.putRaw(tag, vr, readFragments(tag, streamInput), flags);
                return;
            }
            throw new DicomParseException("element " + Tag.toString(tag) + " with VR " + vr + " has undefined length", start);
        }
        if (len > in.remaining()) {
            throw new DicomParseException("element " + Tag.toString(tag) + " (" + vr + ") declares a value of " + len
                    + " bytes but only " + in.remaining() + " remain", start);
        }
        if (len > limits.maxElementLength()) {
            throw new DicomLimitException("element " + Tag.toString(tag) + " value of " + len + " bytes exceeds the limit of "
                    + limits.maxElementLength(), start);
        }
        if ((len & 1) != 0) {
            workaround("element " + Tag.toString(tag) + " has an odd value length (" + len + ")", start);
        }
        Object value = readValue(len, "value of ", tag, streamInput);
        ds.putRaw(tag, vr, value, flags);
    }

    private Object readValue(long len, String what, boolean streamInput) {
        if (file != null && !streamInput && options.deferThreshold() >= 0 && len > options.deferThreshold()) {
            long off = in.position();
            in.skip(len, what);
            return new BulkDataRef(file, off, (int) len);
        }
        return in.bytes(len, what);
    }

    /** {@link #readValue(long, String, boolean)} whose description ({@code prefix} and the tag) is only made on failure. */
    private Object readValue(long len, String prefix, int tag, boolean streamInput) {
        if (file != null && !streamInput && options.deferThreshold() >= 0 && len > options.deferThreshold()) {
            long off = in.position();
            in.skip(len, prefix, tag);
            return new BulkDataRef(file, off, (int) len);
        }
        return in.bytes(len, prefix, tag);
    }

    private void readSequence(Sequence seq, int seqTag, long len, boolean explicit, int depth, boolean streamInput) {
        long end = len == UNDEFINED ? -1 : in.position() + len;
        if (end >= 0 && len > in.remaining()) {
            throw new DicomParseException("sequence " + Tag.toString(seqTag) + " declares " + len + " bytes but only "
                    + in.remaining() + " remain", in.reportedPosition());
        }
        int items = 0;
        while (true) {
            if (end >= 0 && in.position() >= end) {
                return;
            }
            long start = in.reportedPosition();
            if (end < 0 && in.atEnd()) {
                // at an item boundary: keep the items read, as pydicom does (a cut inside an item still throws)
                workaround("sequence " + Tag.toString(seqTag) + " of undefined length ends at the end of the data"
                        + " without a Sequence Delimitation (FFFE,E0DD)", start);
                return;
            }
            int tag = in.tag("item tag in sequence ", seqTag);
            long itemLen = in.u32("item length in sequence ", seqTag);
            if (tag == SEQUENCE_DELIMITATION) {
                if (end < 0) {
                    return;
                }
                workaround("stray Sequence Delimitation (FFFE,E0DD) in defined-length sequence " + Tag.toString(seqTag), start);
                continue;
            }
            if (tag != ITEM) {
                throw new DicomParseException(String.format("expected an Item (FFFE,E000) in sequence %s, found %s",
                        Tag.toString(seqTag), Tag.toString(tag)), start);
            }
            if (++items > limits.maxItems()) {
                throw new DicomLimitException("sequence " + Tag.toString(seqTag) + " has more than " + limits.maxItems() + " items", start);
            }
            // the item's values are in the byte order being read: little endian inside a sequence
            // read from UN (implicit VR LE) even in a big endian file
            Dataset item = new Dataset(null, in.bigEndian());
            seq.add(item);
            item.setUndefinedLengthItem(itemLen == UNDEFINED);
            if (itemLen == UNDEFINED) {
                readItems(item, -1, explicit, depth, false, streamInput);
            } else {
                if (itemLen > in.remaining() || (end >= 0 && in.position() + itemLen > end)) {
                    throw new DicomParseException("item of sequence " + Tag.toString(seqTag) + " declares " + itemLen
                            + " bytes but only " + Math.min(in.remaining(), end >= 0 ? end - in.position() : Long.MAX_VALUE)
                            + " remain", start);
                }
                readItems(item, in.position() + itemLen, explicit, depth, false, streamInput);
            }
        }
    }

    private Fragments readFragments(int tag, boolean streamInput) {
        Fragments f = new Fragments();
        while (true) {
            long start = in.reportedPosition();
            if (in.atEnd()) {
                workaround("encapsulated " + Tag.toString(tag) + " ends at the end of the data without a Sequence Delimitation"
                        + " (FFFE,E0DD)", start);
                return f;
            }
            int t = in.tag("fragment item tag of ", tag);
            long len = in.u32("fragment length of ", tag);
            if (t == SEQUENCE_DELIMITATION) {
                return f;
            }
            if (t != ITEM) {
                throw new DicomParseException(String.format("expected a fragment Item (FFFE,E000) in encapsulated %s, found %s",
                        Tag.toString(tag), Tag.toString(t)), start);
            }
            if (len == UNDEFINED) {
                throw new DicomParseException("fragment with undefined length in " + Tag.toString(tag), start);
            }
            if ((len & 1) != 0) {
                workaround("fragment " + f.itemCount() + " of " + Tag.toString(tag) + " has an odd length (" + len + ")", start);
            }
            if (f.itemCount() >= limits.maxFragments()) {
                throw new DicomLimitException("more than " + limits.maxFragments() + " fragments in " + Tag.toString(tag), start);
            }
            f.addItem(readValue(len, "fragment " + f.itemCount() + " of " + Tag.toString(tag), streamInput));
        }
    }

    /**
     * Records an explicit VR that differs from the dictionary's: UN (always legitimate), private
     * tags, group lengths and elements whose dictionary VR is ambiguous ("US or SS", "OB or OW")
     * are not compared. The value is kept with the VR as read.
     */
    private void checkExplicitVr(int tag, VR fileVr, long start) {
        if (fileVr == VR.UN || Tag.isPrivate(tag) || (tag & 0xFFFF) == 0) {
            return;
        }
        DictionaryEntry e = ElementDictionary.lookup(tag);
        if (e == null || e.vr() == null || e.vrs().size() != 1 || e.vr() == fileVr) {
            return;
        }
        finding(Tag.toString(tag) + " explicit VR " + fileVr + ", dictionary says " + e.vr(), start);
    }

    /** VR of an implicit VR element (dictionary, private dictionary, group length), with ambiguities resolved. */
    private VR implicitVr(Dataset ds, int tag, long len) {
        VR vr = knownVr(ds, tag);
        if (vr != null) {
            return vr;
        }
        if ((tag & 0xFFFF) == 0 && !Tag.isPrivate(tag)) {
            return VR.UL; // group length (private ones stay UN, as in pydicom)
        }
        return len == UNDEFINED ? VR.SQ : VR.UN;
    }

    /** The VR the dictionaries give (public, or private through the creator), or null. */
    private VR knownVr(Dataset ds, int tag) {
        if (Tag.isPrivate(tag)) {
            if (Tag.isPrivateCreator(tag)) {
                return VR.LO;
            }
            int block = (tag & 0xFFFF) >>> 8;
            if (block < 0x10) {
                return null;
            }
            String creator = ds.getString((tag & 0xFFFF0000) | block);
            if (creator == null || creator.isEmpty()) {
                return null;
            }
            DictionaryEntry e = PrivateDictionary.lookupGdcm(creator, tag);
            return e == null || e.vr() == null ? null : resolveAmbiguous(ds, tag, e);
        }
        DictionaryEntry e = ElementDictionary.lookup(tag);
        if (e == null || e.vr() == null) {
            return null;
        }
        return resolveAmbiguous(ds, tag, e);
    }

    private static VR resolveAmbiguous(Dataset ds, int tag, DictionaryEntry e) {
        if (e.vrs().size() <= 1) {
            return e.vr();
        }
        if (e.vrs().contains(VR.SS) && e.vrs().contains(VR.US)) {
            for (Dataset d = ds; d != null; d = d.parent()) {
                if (d.contains(Tag.PixelRepresentation)) {
                    try {
                        return d.getInt(Tag.PixelRepresentation, 0) == 1 ? VR.SS : VR.US;
                    } catch (DicomException ex) {
                        return VR.US;
                    }
                }
            }
            return VR.US;
        }
        if (e.vrs().contains(VR.OW)) {
            return VR.OW; // implicit VR: OB or OW data is OW (PS3.5 A.1)
        }
        return e.vr();
    }

    /** Reads the data set of a raw byte array holding only elements (no meta) in the given syntax. */
    public static Dataset readDataset(byte[] bytes, TransferSyntax ts, ReadOptions options) {
        DicomReader r = new DicomReader(options, null);
        r.in = DicomInput.of(bytes, 0, bytes.length);
        boolean streamInput = false;
        if (ts.deflated()) {
            r.in = DicomInput.of(new InflaterInputStream(new ByteArrayInputStream(bytes), new Inflater(true)), -1);
            streamInput = true;
        }
        r.in.bigEndian(ts.bigEndian());
        Dataset ds = new Dataset(null, ts.bigEndian());
        ds.setTransferSyntax(ts);
        r.readItems(ds, -1, ts.explicitVr(), 0, true, streamInput);
        return ds;
    }
}
