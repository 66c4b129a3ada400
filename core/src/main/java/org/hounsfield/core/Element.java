package org.hounsfield.core;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

import org.hounsfield.core.dict.DictionaryEntry;
import org.hounsfield.core.dict.ElementDictionary;
import org.hounsfield.core.dict.PrivateDictionary;
import org.hounsfield.core.dict.UidRegistry;
import org.hounsfield.core.dict.UidRegistry.UidInfo;

/**
 * One element of a {@link Dataset}: tag, VR and value, with typed accessors that understand the
 * VR. Values are decoded from the raw bytes on each call; the element is a light view.
 *
 * <pre>{@code
 * Element e = ds.get(Tag.PixelSpacing);
 * e.vr();          // DS
 * e.vm();          // 2
 * e.doubles();     // [0.58984375, 0.58984375]
 * e.string();      // "0.58984375\0.58984375"
 * ds.get(Tag.StudyDate).date();               // 2015-11-24
 * ds.get(Tag.PatientName).personName().familyName();
 * ds.get(Tag.SOPClassUID).uidName();          // "CT Image Storage"
 * }</pre>
 */
public final class Element {
    private final Dataset owner;
    private final int tag;
    private final VR vr;
    private final Object value;
    private final int flags;

    Element(Dataset owner, int tag, VR vr, Object value, int flags) {
        this.owner = owner;
        this.tag = tag;
        this.vr = vr;
        this.value = value;
        this.flags = flags;
    }

    public int tag() {
        return tag;
    }

    public VR vr() {
        return vr;
    }

    /** The data set holding this element. */
    public Dataset dataset() {
        return owner;
    }

    /** {@link Dataset#FLAG_UNDEFINED_LENGTH} and {@link Dataset#FLAG_VR_WAS_UN} bits. */
    public int flags() {
        return flags;
    }

    public boolean undefinedLength() {
        return (flags & Dataset.FLAG_UNDEFINED_LENGTH) != 0;
    }

    /** The raw value object: byte[], BulkDataRef, Sequence or Fragments. */
    public Object rawValue() {
        return value;
    }

    // ---------------------------------------------------------------------------------------------
    // naming

    /** The dictionary entry (public dictionary, or private dictionary through the private creator). */
    public DictionaryEntry dictionaryEntry() {
        if (Tag.isPrivate(tag) && !Tag.isPrivateCreator(tag)) {
            String creator = privateCreator();
            return creator == null ? null : PrivateDictionary.lookup(creator, tag);
        }
        return ElementDictionary.lookup(tag);
    }

    /** Keyword ("PatientName"), or "" for private and unknown elements. */
    public String keyword() {
        return Tag.isPrivate(tag) ? "" : ElementDictionary.keywordOf(tag);
    }

    /** Name from the dictionary ("Patient's Name"), private names through their creator. */
    public String name() {
        DictionaryEntry e = dictionaryEntry();
        if (e != null && e.name() != null && !e.name().isEmpty()) {
            return e.name();
        }
        return Tag.isPrivate(tag) ? "Private tag data" : "Unknown element";
    }

    public boolean isPrivate() {
        return Tag.isPrivate(tag);
    }

    /** The private creator that reserved this private element's block, or null. */
    public String privateCreator() {
        if (!Tag.isPrivate(tag) || Tag.isPrivateCreator(tag)) {
            return null;
        }
        int block = (tag & 0xFFFF) >>> 8;
        if (block < 0x10) {
            return null;
        }
        int creatorTag = (tag & 0xFFFF0000) | block;
        Element c = owner.get(creatorTag);
        return c == null ? null : c.string();
    }

    // ---------------------------------------------------------------------------------------------
    // raw access

    /** Raw value bytes in the data set's byte order (deferred values are read from their file). */
    public byte[] bytes() {
        if (value instanceof byte[] b) {
            return b;
        }
        if (value instanceof BulkDataRef r) {
            return r.read();
        }
        throw new DicomValueException(describe() + " is " + (value instanceof Sequence ? "a sequence" : "encapsulated") + ", it has no single byte value");
    }

    /**
     * Raw value bytes in little endian: swapped per {@link VR#swapUnit()} when the data set is big
     * endian (values read from UN keep the byte order they were written in).
     */
    public byte[] littleEndianBytes() {
        byte[] b = bytes();
        if (!owner.isBigEndian() || (flags & Dataset.FLAG_VR_WAS_UN) != 0) {
            return b;
        }
        return org.hounsfield.core.io.internal.ByteSwap.swapped(b, vr.swapUnit());
    }

    /** Value length in bytes (for a sequence or encapsulated data: -1). */
    public long length() {
        if (value instanceof byte[] b) {
            return b.length;
        }
        if (value instanceof BulkDataRef r) {
            return r.length();
        }
        return -1;
    }

    /** Whether the value is empty (zero length, or a sequence without items). */
    public boolean isEmpty() {
        if (value instanceof Sequence s) {
            return s.isEmpty();
        }
        if (value instanceof Fragments f) {
            return f.itemCount() == 0;
        }
        return length() == 0 || (vr.isText() && string().isEmpty());
    }

    /** Whether the value is deferred (still in the file). */
    public boolean isDeferred() {
        return value instanceof BulkDataRef;
    }

    /** Whether this is encapsulated (compressed) pixel data. */
    public boolean isEncapsulated() {
        return value instanceof Fragments;
    }

    public Fragments fragments() {
        if (value instanceof Fragments f) {
            return f;
        }
        throw new DicomValueException(describe() + " is not encapsulated");
    }

    public Sequence sequence() {
        if (value instanceof Sequence s) {
            return s;
        }
        throw new DicomValueException(describe() + " is not a sequence (VR " + vr + ")");
    }

    /** Items of a sequence. */
    public List<Dataset> items() {
        return sequence().items();
    }

    /**
     * Value multiplicity: number of backslash-separated text values (0 when empty), number of
     * binary numbers, 1 for bulk data and sequences.
     */
    public int vm() {
        if (value instanceof Sequence || value instanceof Fragments) {
            return 1;
        }
        if (length() == 0) {
            return 0;
        }
        if (vr.isText()) {
            return vr.isMultiValuedText() ? strings().size() : 1;
        }
        if (vr.isBinaryNumber()) {
            return (int) (length() / vr.bytesPerValue());
        }
        return 1;
    }

    // ---------------------------------------------------------------------------------------------
    // text

    /**
     * The value as text: text VRs decoded with the Specific Character Set, without trailing
     * padding; binary numbers formatted and joined with backslashes; bulk data as a summary.
     */
    public String string() {
        if (vr.isText()) {
            return text(true);
        }
        if (vr.isBinaryNumber()) {
            if (vr == VR.AT) {
                StringBuilder sb = new StringBuilder();
                for (int t : ints()) {
                    if (sb.length() > 0) {
                        sb.append('\\');
                    }
                    sb.append(Tag.toString(t));
                }
                return sb.toString();
            }
            if (vr == VR.FL || vr == VR.FD) {
                StringBuilder sb = new StringBuilder();
                for (double d : doubles()) {
                    if (sb.length() > 0) {
                        sb.append('\\');
                    }
                    sb.append(formatNumber(d));
                }
                return sb.toString();
            }
            StringBuilder sb = new StringBuilder();
            for (long l : longs()) {
                if (sb.length() > 0) {
                    sb.append('\\');
                }
                sb.append(vr == VR.UV ? Long.toUnsignedString(l) : Long.toString(l));
            }
            return sb.toString();
        }
        if (value instanceof Sequence s) {
            return "Sequence with " + s.size() + " item(s)";
        }
        if (value instanceof Fragments f) {
            return "Encapsulated pixel data with " + f.fragmentCount() + " fragment(s)";
        }
        return length() + " bytes";
    }

    private static String formatNumber(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d) + ".0";
        }
        return Double.toString(d);
    }

    /** The text value decoded, with trailing spaces and NULs removed when {@code trim}. */
    private String text(boolean trim) {
        byte[] b = bytes();
        int end = b.length;
        if (trim) {
            while (end > 0 && (b[end - 1] == ' ' || b[end - 1] == 0)) {
                end--;
            }
        }
        if (vr.isCharsetDependent()) {
            return owner.charset().decode(b, 0, end, vr);
        }
        return new String(b, 0, end, StandardCharsets.ISO_8859_1);
    }

    /**
     * The values of a multi-valued text element, each without padding (leading spaces also
     * removed where PS3.5 calls them insignificant); empty list when the value is empty.
     * Binary numbers are formatted as in {@link #string()}.
     */
    public List<String> strings() {
        if (!vr.isText()) {
            String s = string();
            return s.isEmpty() ? List.of() : List.of(s.split("\\\\", -1));
        }
        String s = text(true);
        List<String> out = new ArrayList<>();
        if (s.isEmpty()) {
            return out;
        }
        if (!vr.isMultiValuedText()) {
            out.add(s);
            return out;
        }
        boolean stripLeading = vr != VR.LO && vr != VR.SH && vr != VR.PN && vr != VR.UC;
        int start = 0;
        for (int i = 0; i <= s.length(); i++) {
            if (i == s.length() || s.charAt(i) == '\\') {
                int a = start;
                int z = i;
                if (stripLeading) {
                    while (a < z && s.charAt(a) == ' ') {
                        a++;
                    }
                }
                while (z > a && (s.charAt(z - 1) == ' ' || s.charAt(z - 1) == 0)) {
                    z--;
                }
                out.add(s.substring(a, z));
                start = i + 1;
            }
        }
        return out;
    }

    /** Value {@code i} of {@link #strings()}. */
    public String string(int i) {
        return strings().get(i);
    }

    // ---------------------------------------------------------------------------------------------
    // numbers

    /** Integer values of US, SS, UL, SL, UV, SV, AT, OW/OL/OV/OB words, or IS/DS text. */
    public long[] longs() {
        if (vr.isText()) {
            List<String> s = strings();
            long[] out = new long[s.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = parseInteger(s.get(i));
            }
            return out;
        }
        byte[] b = bytes();
        boolean be = owner.isBigEndian();
        if (vr == VR.AT) {
            long[] out = new long[b.length / 4];
            for (int i = 0; i < out.length; i++) {
                out[i] = ByteOrderUtil.get(b, i * 4, 2, be) << 16 | ByteOrderUtil.get(b, i * 4 + 2, 2, be);
            }
            return out;
        }
        if (vr == VR.FL || vr == VR.FD || vr == VR.OF || vr == VR.OD) {
            double[] d = doubles();
            long[] out = new long[d.length];
            for (int i = 0; i < d.length; i++) {
                out[i] = (long) d[i];
            }
            return out;
        }
        int n = Math.max(1, vr.bytesPerValue());
        boolean signed = vr == VR.SS || vr == VR.SL || vr == VR.SV;
        long[] out = new long[b.length / n];
        for (int i = 0; i < out.length; i++) {
            long v = ByteOrderUtil.get(b, i * n, n, be);
            if (signed && n < 8) {
                int shift = 64 - 8 * n;
                v = v << shift >> shift;
            }
            out[i] = v;
        }
        return out;
    }

    /** Integer values as int (see {@link #longs()}); throws when a value does not fit. */
    public int[] ints() {
        long[] l = longs();
        int[] out = new int[l.length];
        for (int i = 0; i < l.length; i++) {
            if (l[i] < Integer.MIN_VALUE || l[i] > 0xFFFFFFFFL) {
                throw new DicomValueException(describe() + " value " + l[i] + " does not fit an int");
            }
            out[i] = (int) l[i];
        }
        return out;
    }

    /** The first integer value; throws {@link DicomValueException} when there is none. */
    public int intValue() {
        long l = longValue();
        if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
            if (l <= 0xFFFFFFFFL && l > 0) {
                return (int) l;
            }
            throw new DicomValueException(describe() + " value " + l + " does not fit an int");
        }
        return (int) l;
    }

    public long longValue() {
        long[] l = longs();
        if (l.length == 0) {
            throw new DicomValueException(describe() + " is empty");
        }
        return l[0];
    }

    /**
     * Numeric values as doubles: DS/IS text ("00050" gives 50.0; an empty value gives NaN), FL,
     * FD, OF, OD and every integer VR.
     */
    public double[] doubles() {
        if (vr.isText()) {
            List<String> s = strings();
            double[] out = new double[s.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = s.get(i).isEmpty() ? Double.NaN : parseDecimal(s.get(i));
            }
            return out;
        }
        if (vr == VR.FL || vr == VR.OF || vr == VR.FD || vr == VR.OD) {
            byte[] b = bytes();
            boolean be = owner.isBigEndian();
            int n = vr == VR.FL || vr == VR.OF ? 4 : 8;
            double[] out = new double[b.length / n];
            for (int i = 0; i < out.length; i++) {
                long bits = ByteOrderUtil.get(b, i * n, n, be);
                out[i] = n == 4 ? Float.intBitsToFloat((int) bits) : Double.longBitsToDouble(bits);
            }
            return out;
        }
        long[] l = longs();
        double[] out = new double[l.length];
        for (int i = 0; i < l.length; i++) {
            out[i] = vr == VR.UV && l[i] < 0 ? Double.parseDouble(Long.toUnsignedString(l[i])) : l[i];
        }
        return out;
    }

    /** The first numeric value; throws {@link DicomValueException} when there is none. */
    public double doubleValue() {
        double[] d = doubles();
        if (d.length == 0) {
            throw new DicomValueException(describe() + " is empty");
        }
        return d[0];
    }

    /** FL/OF values as floats. */
    public float[] floats() {
        double[] d = doubles();
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    private long parseInteger(String s) {
        String t = s.trim();
        try {
            return Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
        } catch (NumberFormatException e) {
            try {
                double d = Double.parseDouble(t);
                if (d == Math.rint(d)) {
                    return (long) d; // "1.0" in an IS: lenient, reported by problems()
                }
            } catch (NumberFormatException ignored) {
                // fall through
            }
            throw new DicomValueException(describe() + ": '" + s + "' is not an integer");
        }
    }

    private double parseDecimal(String s) {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new DicomValueException(describe() + ": '" + s + "' is not a decimal number");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // dates, names, UIDs

    /** DA (or the date of a DT) as a LocalDate. */
    public LocalDate date() {
        DicomDateTime t = temporal();
        if (t.date() == null) {
            throw new DicomValueException(describe() + " has no date");
        }
        return t.date();
    }

    /** TM (or the time of a DT) as a LocalTime; missing fields are zero (see {@link #temporal()}). */
    public LocalTime time() {
        DicomDateTime t = temporal();
        return t.time() == null ? LocalTime.MIDNIGHT : t.time();
    }

    public LocalDateTime dateTime() {
        return temporal().dateTime();
    }

    /** The first DA, TM or DT value with its precision. */
    public DicomDateTime temporal() {
        List<String> s = strings();
        if (s.isEmpty() || s.get(0).isEmpty()) {
            throw new DicomValueException(describe() + " is empty");
        }
        return switch (vr) {
            case DA -> DicomDateTime.parseDate(s.get(0));
            case TM -> DicomDateTime.parseTime(s.get(0));
            case DT -> DicomDateTime.parseDateTime(s.get(0));
            default -> throw new DicomValueException(describe() + " is not a DA, TM or DT");
        };
    }

    /** The first PN value. */
    public PersonName personName() {
        List<String> s = strings();
        return PersonName.parse(s.isEmpty() ? "" : s.get(0));
    }

    public List<PersonName> personNames() {
        List<PersonName> out = new ArrayList<>();
        for (String s : strings()) {
            out.add(PersonName.parse(s));
        }
        return out;
    }

    /** Registry entry of a UI value, or null when the UID is not a standard one. */
    public UidInfo uidInfo() {
        return UidRegistry.lookup(string());
    }

    /** Registry name of a UI value ("CT Image Storage"), or the UID itself. */
    public String uidName() {
        UidInfo u = uidInfo();
        return u == null ? string() : u.name();
    }

    // ---------------------------------------------------------------------------------------------
    // validation

    /** What is wrong with this value against PS3.5 (VR syntax, length) and the dictionary VM. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        int group = tag >>> 16;
        if (group == 0x0001 || group == 0x0003 || group == 0x0005 || group == 0x0007 || group == 0xFFFF) {
            out.add(String.format("group %04X may not be used (PS3.5 7.1)", group));
        }
        if (value instanceof Fragments && vr != VR.OB) {
            out.add("encapsulated pixel data has VR " + vr + " where PS3.5 A.4 requires OB");
        }
        if (value instanceof Sequence || value instanceof Fragments || value instanceof BulkDataRef) {
            return out;
        }
        byte[] b = (byte[]) value;
        if (vr == VR.PN) {
            int eq = indexOf(b, (byte) '=');
            if (indexOf(b, (byte) 0x1B) >= 0 && indexOf(b, (byte) 0x1B) < (eq < 0 ? b.length : eq)) {
                out.add("escape sequence in the first (alphabetic) component group of a person name (PS3.5 6.1.2.5.3)");
            }
        }
        if (vr.isBinaryNumber() && b.length % vr.bytesPerValue() != 0) {
            out.add("length " + b.length + " is not a multiple of " + vr.bytesPerValue() + " for VR " + vr);
            return out;
        }
        if (vr.isText()) {
            List<String> vals;
            try {
                vals = strings();
            } catch (RuntimeException e) {
                out.add(e.getMessage());
                return out;
            }
            for (String v : vals) {
                String p = ValueSyntax.check(vr, v);
                if (p != null) {
                    out.add(p);
                }
            }
        }
        DictionaryEntry de = dictionaryEntry();
        if (de != null && de.vm() != null && vm() > 0 && !ValueSyntax.vmAllows(de.vm(), vm())) {
            out.add("VM " + vm() + " where the dictionary says " + de.vm());
        }
        return out;
    }

    private static int indexOf(byte[] b, byte x) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }

    String describe() {
        String k = keyword();
        return Tag.toString(tag) + (k.isEmpty() ? "" : " " + k);
    }

    @Override
    public String toString() {
        return Tag.toString(tag) + " " + vr + " " + name() + ": " + (value instanceof byte[] b && b.length > 256 ? b.length + " bytes" : string());
    }
}
