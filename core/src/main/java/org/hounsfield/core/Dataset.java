package org.hounsfield.core;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.hounsfield.core.charset.SpecificCharacterSet;
import org.hounsfield.core.dict.DictionaryEntry;
import org.hounsfield.core.dict.ElementDictionary;
import org.hounsfield.core.io.DicomReader;

/**
 * A DICOM data set: elements in tag order, values kept as the raw bytes of the file and decoded
 * on access (as pydicom and dcm4che do), so reading a header costs little.
 *
 * <p>Storage is a set of sorted parallel arrays (tags, VRs, values); a value is a {@code byte[]}
 * in this data set's byte order, a {@link BulkDataRef} (deferred), a {@link Sequence} or
 * {@link Fragments} (encapsulated pixel data).
 *
 * <pre>{@code
 * Dataset ds = Dicom.read(Path.of("ct.dcm"));
 * ds.size();                                        // top-level elements, file meta excluded
 * String name = ds.getString(Tag.PatientName);      // "Doe^John"
 * double[] spacing = ds.get("PixelSpacing").doubles();
 * LocalDate studyDate = ds.getDate(Tag.StudyDate);
 * for (Element e : ds) {
 *     System.out.println(e.keyword() + " = " + e.string());
 * }
 * ds.setString(Tag.PatientName, "Anonymous");
 * }</pre>
 */
public final class Dataset implements Iterable<Element> {

    /** Element flag: read (and to be written) with undefined length. */
    public static final int FLAG_UNDEFINED_LENGTH = 1;
    /** Element flag: the file said VR UN; the VR was resolved from the dictionary. */
    public static final int FLAG_VR_WAS_UN = 2;

    private static final int[] NO_TAGS = new int[0];

    private int[] tags = NO_TAGS;
    private VR[] vrs = new VR[0];
    private Object[] values = new Object[0];
    private byte[] flags = new byte[0];
    private int size;

    private Dataset parent;
    private boolean bigEndian;
    private boolean undefinedLengthItem;

    // root data set of a file
    private Dataset fileMeta;
    private List<String> readProblems = List.of();
    private byte[] preamble;
    private TransferSyntax transferSyntax;
    private long pixelDataOffset = -1;

    private SpecificCharacterSet charset;

    /** An empty little-endian data set. */
    public Dataset() {
        this(null, false);
    }

    /** An empty data set (an item when {@code parent} is not null). */
    public Dataset(Dataset parent, boolean bigEndian) {
        this.parent = parent;
        this.bigEndian = bigEndian;
    }

    // ---------------------------------------------------------------------------------------------
    // size, lookup and iteration

    /** Number of elements at this level (the file meta is not counted; pydicom's {@code len(ds)}). */
    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    private int indexOf(int tag) {
        // tags compare as unsigned ints: flipping the sign bit makes a signed comparison do that
        // (inline rather than Integer.compareUnsigned: this runs for every get and put, and a
        // short-lived JVM runs much of it in the interpreter, where every call counts)
        int key = tag ^ Integer.MIN_VALUE;
        // fast path: appending in order
        if (size > 0 && (tags[size - 1] ^ Integer.MIN_VALUE) < key) {
            return -size - 1;
        }
        int lo = 0;
        int hi = size - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int t = tags[mid] ^ Integer.MIN_VALUE;
            if (t < key) {
                lo = mid + 1;
            } else if (t > key) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -lo - 1;
    }

    public boolean contains(int tag) {
        return indexOf(tag) >= 0;
    }

    /** @param keywordOrTag a keyword ("PatientName") or a tag ("(0010,0010)", "00100010") */
    public boolean contains(String keywordOrTag) {
        return contains(resolve(keywordOrTag));
    }

    /** The element with this tag, or {@code null} when absent. */
    public Element get(int tag) {
        int i = indexOf(tag);
        return i < 0 ? null : new Element(this, tags[i], vrs[i], values[i], flags[i]);
    }

    /** The element for a keyword ("PixelSpacing") or tag ("(0028,0030)"), or {@code null}. */
    public Element get(String keywordOrTag) {
        return get(resolve(keywordOrTag));
    }

    /** The element with this tag; throws {@link DicomValueException} when absent. */
    public Element require(int tag) {
        Element e = get(tag);
        if (e == null) {
            throw new DicomValueException("no element " + Tag.toString(tag) + " " + ElementDictionary.keywordOf(tag));
        }
        return e;
    }

    /** Element {@code i} in tag order. */
    public Element elementAt(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        return new Element(this, tags[i], vrs[i], values[i], flags[i]);
    }

    /** Tag of element {@code i} in tag order. */
    public int tagAt(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        return tags[i];
    }

    /** The tags present, in order. */
    public int[] tags() {
        return Arrays.copyOf(tags, size);
    }

    /**
     * Keywords of the elements present at this level, sorted alphabetically (pydicom's
     * {@code ds.dir()}); private and unknown elements have no keyword and are not listed.
     */
    public List<String> keywords() {
        TreeSet<String> out = new TreeSet<>();
        for (int i = 0; i < size; i++) {
            if (!Tag.isPrivate(tags[i])) {
                String k = ElementDictionary.keywordOf(tags[i]);
                if (!k.isEmpty()) {
                    out.add(k);
                }
            }
        }
        return new ArrayList<>(out);
    }

    @Override
    public Iterator<Element> iterator() {
        return new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return i < size;
            }

            @Override
            public Element next() {
                if (i >= size) {
                    throw new NoSuchElementException();
                }
                return elementAt(i++);
            }
        };
    }

    /** The elements at this level in tag order. */
    public Stream<Element> stream() {
        return StreamSupport.stream(Spliterators.spliterator(iterator(), size, Spliterator.ORDERED | Spliterator.SIZED), false);
    }

    static int resolve(String keywordOrTag) {
        int t = ElementDictionary.tagOf(keywordOrTag);
        if (t != -1) {
            return t;
        }
        try {
            return Tag.parse(keywordOrTag);
        } catch (IllegalArgumentException e) {
            throw new DicomValueException("unknown keyword or tag '" + keywordOrTag + "'");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // typed shortcuts (null / default when absent or empty)

    /** The whole value as text (multiple values joined by backslashes), or null when absent. */
    public String getString(int tag) {
        Element e = get(tag);
        return e == null ? null : e.string();
    }

    public String getString(String keywordOrTag) {
        return getString(resolve(keywordOrTag));
    }

    public String getString(int tag, String defaultValue) {
        String s = getString(tag);
        return s == null || s.isEmpty() ? defaultValue : s;
    }

    /** First value as int, or {@code defaultValue} when absent or empty. */
    public int getInt(int tag, int defaultValue) {
        Element e = get(tag);
        return e == null || e.isEmpty() ? defaultValue : e.intValue();
    }

    public int getInt(String keywordOrTag, int defaultValue) {
        return getInt(resolve(keywordOrTag), defaultValue);
    }

    /** First value as double, or {@code defaultValue} when absent or empty. */
    public double getDouble(int tag, double defaultValue) {
        Element e = get(tag);
        return e == null || e.isEmpty() ? defaultValue : e.doubleValue();
    }

    public double getDouble(String keywordOrTag, double defaultValue) {
        return getDouble(resolve(keywordOrTag), defaultValue);
    }

    /** All values as doubles, or null when absent. */
    public double[] getDoubles(int tag) {
        Element e = get(tag);
        return e == null ? null : e.doubles();
    }

    public double[] getDoubles(String keywordOrTag) {
        return getDoubles(resolve(keywordOrTag));
    }

    /** All values as ints, or null when absent. */
    public int[] getInts(int tag) {
        Element e = get(tag);
        return e == null ? null : e.ints();
    }

    /** A DA value, or null when absent or empty. */
    public LocalDate getDate(int tag) {
        Element e = get(tag);
        return e == null || e.isEmpty() ? null : e.date();
    }

    /** A PN value, or null when absent. */
    public PersonName getPersonName(int tag) {
        Element e = get(tag);
        return e == null ? null : e.personName();
    }

    /** The items of a sequence, or null when absent. */
    public Sequence getSequence(int tag) {
        Element e = get(tag);
        return e == null ? null : e.sequence();
    }

    public Sequence getSequence(String keywordOrTag) {
        return getSequence(resolve(keywordOrTag));
    }

    // ---------------------------------------------------------------------------------------------
    // editing

    /**
     * Low-level put, used by readers: stores {@code value} (a {@code byte[]} in this data set's
     * byte order, a {@link BulkDataRef}, a {@link Sequence} or {@link Fragments}) with {@code flags}
     * ({@link #FLAG_UNDEFINED_LENGTH}, {@link #FLAG_VR_WAS_UN}); replaces an element with the same tag.
     */
    public void putRaw(int tag, VR vr, Object value, int elementFlags) {
        if (vr == null) {
            throw new IllegalArgumentException("VR is required");
        }
        if (!(value instanceof byte[] || value instanceof BulkDataRef || value instanceof Sequence || value instanceof Fragments)) {
            throw new IllegalArgumentException("value must be byte[], BulkDataRef, Sequence or Fragments, not " + value);
        }
        int i = indexOf(tag);
        if (i >= 0) {
            vrs[i] = vr;
            values[i] = value;
            flags[i] = (byte) elementFlags;
        } else {
            i = -i - 1;
            if (size == tags.length) {
                int n = Math.max(16, size * 2);
                tags = Arrays.copyOf(tags, n);
                vrs = Arrays.copyOf(vrs, n);
                values = Arrays.copyOf(values, n);
                flags = Arrays.copyOf(flags, n);
            }
            if (i < size) {
                System.arraycopy(tags, i, tags, i + 1, size - i);
                System.arraycopy(vrs, i, vrs, i + 1, size - i);
                System.arraycopy(values, i, values, i + 1, size - i);
                System.arraycopy(flags, i, flags, i + 1, size - i);
            }
            tags[i] = tag;
            vrs[i] = vr;
            values[i] = value;
            flags[i] = (byte) elementFlags;
            size++;
        }
        if (tag == Tag.SpecificCharacterSet) {
            charset = null;
        }
    }

    /** Sets raw value bytes (in this data set's byte order, already padded as wanted). */
    public void setBytes(int tag, VR vr, byte[] value) {
        putRaw(tag, vr, value, 0);
    }

    /** Sets text values with the dictionary VR of {@code tag}. */
    public void setString(int tag, String... values) {
        setString(tag, dictionaryVr(tag), values);
    }

    /** Sets text values (joined by backslashes, encoded with the Specific Character Set, padded to even length). */
    public void setString(int tag, VR vr, String... values) {
        String joined = String.join("\\", values);
        byte[] b = vr.isCharsetDependent() ? charset().encode(joined, vr) : joined.getBytes(StandardCharsets.ISO_8859_1);
        if (vr.isBinaryNumber() || vr.isBulk()) {
            throw new DicomValueException("VR " + vr + " is not a text VR; use setInts/setDoubles/setBytes");
        }
        putRaw(tag, vr, pad(b, vr), 0);
    }

    /** Sets integer values of a binary VR (US, SS, UL, SL, UV, SV, AT) or of IS/DS. */
    public void setInts(int tag, VR vr, int... v) {
        long[] l = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            l[i] = v[i];
        }
        setLongs(tag, vr, l);
    }

    public void setInt(int tag, int value) {
        setInts(tag, dictionaryVr(tag), value);
    }

    /** Sets integer values of a binary VR (US, SS, UL, SL, UV, SV, AT) or of IS/DS. */
    public void setLongs(int tag, VR vr, long... v) {
        if (vr == VR.IS || vr == VR.DS) {
            String[] s = new String[v.length];
            for (int i = 0; i < v.length; i++) {
                s[i] = Long.toString(v[i]);
            }
            setString(tag, vr, s);
            return;
        }
        int n = vr.bytesPerValue();
        if (vr == VR.AT) {
            n = 4;
        }
        if (!vr.isBinaryNumber() && vr != VR.OW && vr != VR.OL && vr != VR.OV && vr != VR.OB) {
            throw new DicomValueException("cannot store integers in VR " + vr);
        }
        byte[] b = new byte[v.length * n];
        for (int i = 0; i < v.length; i++) {
            if (vr == VR.AT) {
                ByteOrderUtil.put(b, i * 4, 2, v[i] >>> 16, bigEndian);
                ByteOrderUtil.put(b, i * 4 + 2, 2, v[i] & 0xFFFF, bigEndian);
            } else {
                ByteOrderUtil.put(b, i * n, n, v[i], bigEndian);
            }
        }
        putRaw(tag, vr, b, 0);
    }

    /** Sets floating-point values of FL, FD, OF, OD, or decimal strings (DS). */
    public void setDoubles(int tag, VR vr, double... v) {
        if (vr == VR.DS) {
            String[] s = new String[v.length];
            for (int i = 0; i < v.length; i++) {
                s[i] = formatDecimal(v[i]);
            }
            setString(tag, vr, s);
            return;
        }
        boolean single = vr == VR.FL || vr == VR.OF;
        if (!single && vr != VR.FD && vr != VR.OD) {
            throw new DicomValueException("cannot store floating-point values in VR " + vr);
        }
        int n = single ? 4 : 8;
        byte[] b = new byte[v.length * n];
        for (int i = 0; i < v.length; i++) {
            long bits = single ? Float.floatToIntBits((float) v[i]) : Double.doubleToLongBits(v[i]);
            ByteOrderUtil.put(b, i * n, n, bits, bigEndian);
        }
        putRaw(tag, vr, b, 0);
    }

    public void setDouble(int tag, double value) {
        setDoubles(tag, dictionaryVr(tag), value);
    }

    /** Formats a double as a DS value of at most 16 characters. */
    public static String formatDecimal(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        String s = Double.toString(d);
        if (s.length() <= 16 && !s.contains("E")) {
            return s;
        }
        for (int digits = 15; digits > 0; digits--) {
            String t = String.format(java.util.Locale.ROOT, "%." + digits + "g", d).trim();
            if (t.contains("e")) {
                t = t.replaceAll("0+e", "e").replace(".e", "e");
            } else if (t.contains(".")) {
                t = t.replaceAll("0+$", "").replaceAll("\\.$", "");
            }
            if (t.length() <= 16) {
                return t;
            }
        }
        return Long.toString(Math.round(d));
    }

    /** Creates (or replaces) an empty sequence and returns it. */
    public Sequence newSequence(int tag) {
        return newSequence(tag, true);
    }

    /** Creates (or replaces) an empty sequence with the given length encoding and returns it. */
    public Sequence newSequence(int tag, boolean undefinedLength) {
        Sequence s = new Sequence(this, undefinedLength);
        putRaw(tag, VR.SQ, s, undefinedLength ? FLAG_UNDEFINED_LENGTH : 0);
        return s;
    }

    /** Removes the element; returns whether it was present. */
    public boolean remove(int tag) {
        int i = indexOf(tag);
        if (i < 0) {
            return false;
        }
        System.arraycopy(tags, i + 1, tags, i, size - i - 1);
        System.arraycopy(vrs, i + 1, vrs, i, size - i - 1);
        System.arraycopy(values, i + 1, values, i, size - i - 1);
        System.arraycopy(flags, i + 1, flags, i, size - i - 1);
        size--;
        values[size] = null;
        if (tag == Tag.SpecificCharacterSet) {
            charset = null;
        }
        return true;
    }

    public boolean remove(String keywordOrTag) {
        return remove(resolve(keywordOrTag));
    }

    /** Removes the elements whose tags satisfy {@code filter}, returns how many. */
    public int removeIf(java.util.function.IntPredicate filter) {
        int n = 0;
        for (int i = size - 1; i >= 0; i--) {
            if (filter.test(tags[i])) {
                remove(tags[i]);
                n++;
            }
        }
        return n;
    }

    private static VR dictionaryVr(int tag) {
        DictionaryEntry e = ElementDictionary.lookup(tag);
        if (e == null || e.vr() == null) {
            throw new DicomValueException("no dictionary VR for " + Tag.toString(tag) + "; pass the VR");
        }
        return e.vr();
    }

    static byte[] pad(byte[] b, VR vr) {
        if ((b.length & 1) == 0) {
            return b;
        }
        byte[] p = Arrays.copyOf(b, b.length + 1);
        p[b.length] = (byte) vr.paddingByte();
        return p;
    }

    // ---------------------------------------------------------------------------------------------
    // context

    /** The data set holding the sequence this item belongs to, or null for a top-level data set. */
    public Dataset parent() {
        return parent;
    }

    void setParent(Dataset parent) {
        this.parent = parent;
        this.charset = null;
    }

    /** Whether binary values are stored big endian (Explicit VR Big Endian files). */
    public boolean isBigEndian() {
        return bigEndian;
    }

    /** Whether this item was read with undefined length (written the same way). */
    public boolean undefinedLengthItem() {
        return undefinedLengthItem;
    }

    public void setUndefinedLengthItem(boolean undefinedLengthItem) {
        this.undefinedLengthItem = undefinedLengthItem;
    }

    /** The Specific Character Set in force: this data set's (0008,0005), else its parent's. */
    public SpecificCharacterSet charset() {
        SpecificCharacterSet cs = charset;
        if (cs == null) {
            int i = indexOf(Tag.SpecificCharacterSet);
            if (i >= 0) {
                // decoded as ASCII whatever VR the file claims: a charset-dependent VR here
                // (a broken file) must not ask this data set for its character set again
                Element e = elementAt(i);
                String raw = e.rawValue() instanceof byte[] || e.rawValue() instanceof BulkDataRef
                        ? new String(e.bytes(), java.nio.charset.StandardCharsets.ISO_8859_1) : "";
                String[] terms = raw.split("\\\\", -1);
                for (int t = 0; t < terms.length; t++) {
                    terms[t] = terms[t].replace('\0', ' ').strip();
                }
                cs = SpecificCharacterSet.of(raw.isBlank() ? new String[0] : terms);
            } else {
                cs = parent != null ? parent.charset() : SpecificCharacterSet.DEFAULT;
            }
            charset = cs;
        }
        return cs;
    }

    /**
     * What the reader worked around to read this file (an explicit VR data set with implicit
     * elements, odd lengths, stray or missing delimiters...) and explicit VRs the dictionary
     * disagrees with, each with its byte offset; empty for a clean file, for items and for data
     * sets built in code. Read with {@code ReadOptions.withStrict(true)} to have the first
     * workaround thrown instead (VR findings are recorded in both modes, see
     * {@link org.hounsfield.core.io.ReadOptions}).
     */
    public List<String> readProblems() {
        return readProblems;
    }

    public void setReadProblems(List<String> problems) {
        this.readProblems = List.copyOf(problems);
    }

    /** The File Meta Information (group 0002) as its own data set, or null (raw data sets, items). */
    public Dataset fileMeta() {
        return fileMeta;
    }

    public void setFileMeta(Dataset fileMeta) {
        this.fileMeta = fileMeta;
    }

    /** The 128-byte preamble as read, or null (no preamble, or not read from a file). */
    public byte[] preamble() {
        return preamble;
    }

    public void setPreamble(byte[] preamble) {
        this.preamble = preamble;
    }

    /** The transfer syntax the data set was read in (null for items and data sets built in memory). */
    public TransferSyntax transferSyntax() {
        return transferSyntax;
    }

    public void setTransferSyntax(TransferSyntax transferSyntax) {
        this.transferSyntax = transferSyntax;
    }

    /**
     * Where the top-level pixel data element (its tag) starts in the file, when the data set was
     * read with {@code ReadOptions.withStopBeforePixelData(true)} and reading stopped there; -1
     * otherwise (no pixel data, read in full, or a deflated file, whose offsets are not file
     * offsets). Lets a header scan come back for the pixel data without parsing the header again.
     *
     * <pre>{@code
     * Dataset h = DicomReader.read(path, ReadOptions.defaults().withStopBeforePixelData(true));
     * long at = h.pixelDataOffset();   // e.g. 1402: (7FE0,0010) OW, length, value
     * }</pre>
     */
    public long pixelDataOffset() {
        return pixelDataOffset;
    }

    public void setPixelDataOffset(long offset) {
        this.pixelDataOffset = offset;
    }

    /**
     * Problems found in values (VR syntax and VM against the dictionary), recursively: a lenient
     * read keeps invalid values; this reports them. Empty when everything is valid. The IOD's
     * required attributes are checked by {@link org.hounsfield.core.validate.IodCheck}.
     */
    public List<String> validate() {
        List<String> out = new ArrayList<>();
        if (fileMeta != null && !fileMeta.isEmpty() && !fileMeta.contains(Tag.FileMetaInformationGroupLength)) {
            out.add("file meta has no File Meta Information Group Length (0002,0000), a Type 1 element (PS3.10 7.1)");
        }
        if (fileMeta != null && "1.2.840.10008.1.3.10".equals(fileMeta.getString(Tag.MediaStorageSOPClassUID))
                && transferSyntax != null && !"1.2.840.10008.1.2.1".equals(transferSyntax.uid())) {
            out.add("a DICOMDIR must be Explicit VR Little Endian (PS3.10 8.6), not " + transferSyntax.name());
        }
        validate("", out);
        return out;
    }

    private void validate(String path, List<String> out) {
        for (int i = 0; i < size; i++) {
            Element e = elementAt(i);
            String p = path + Tag.toString(tags[i]);
            for (String problem : e.problems()) {
                out.add(p + " " + e.keyword() + ": " + problem);
            }
            if (e.vr() == VR.SQ) {
                Sequence s = e.sequence();
                for (int k = 0; k < s.size(); k++) {
                    s.get(k).validate(p + "[" + k + "].", out);
                }
            }
        }
    }

    /** pydicom-like listing of every element (see {@code org.hounsfield.core.text.DatasetPrinter}). */
    @Override
    public String toString() {
        return org.hounsfield.core.text.DatasetPrinter.print(this);
    }

    /** Reads a file: shortcut for {@link DicomReader#read(java.nio.file.Path)}. */
    public static Dataset read(java.nio.file.Path path) {
        return DicomReader.read(path);
    }
}
