package org.hounsfield.core.text;

import java.util.List;

import org.hounsfield.core.Dataset;
import org.hounsfield.core.DicomException;
import org.hounsfield.core.Element;
import org.hounsfield.core.Fragments;
import org.hounsfield.core.Sequence;
import org.hounsfield.core.Tag;
import org.hounsfield.core.VR;
import org.hounsfield.core.dict.DictionaryEntry;
import org.hounsfield.core.dict.ElementDictionary;
import org.hounsfield.core.dict.PrivateDictionary;
import org.hounsfield.core.dict.UidRegistry;

/**
 * Prints a data set the way pydicom 2.3.1 prints {@code str(dataset)}: one line per element
 * ({@code (0010, 0010) Patient's Name                      PN: 'Doe^John'}), sequence items
 * indented by three spaces, long binary values summarised as "Array of N elements".
 *
 * <pre>{@code
 * System.out.println(DatasetPrinter.print(ds));          // same as ds.toString()
 * String withMeta = DatasetPrinter.print(ds, true);      // with the file meta block first
 * }</pre>
 */
public final class DatasetPrinter {
    private static final int NAME_WIDTH = 35;
    private static final int MAX_DISPLAY = 16;
    private static final String INDENT = "   ";

    private DatasetPrinter() {
    }

    /** The data set without its file meta. */
    public static String print(Dataset ds) {
        return print(ds, false);
    }

    /** The data set, with pydicom's file meta block first when {@code withMeta} and the data set has one. */
    public static String print(Dataset ds, boolean withMeta) {
        StringBuilder sb = new StringBuilder();
        if (withMeta && ds.fileMeta() != null && !ds.fileMeta().isEmpty()) {
            sb.append("Dataset.file_meta ").append("-".repeat(49 - "Dataset.file_meta ".length()));
            for (Element e : ds.fileMeta()) {
                sb.append('\n').append(line(e));
            }
            sb.append('\n').append("-".repeat(49));
            if (!ds.isEmpty()) {
                sb.append('\n');
            }
        }
        appendDataset(sb, ds, 0);
        return sb.toString();
    }

    private static void appendDataset(StringBuilder sb, Dataset ds, int indent) {
        String ind = INDENT.repeat(indent);
        boolean first = true;
        for (Element e : ds) {
            if (!first) {
                sb.append('\n');
            }
            first = false;
            if (e.vr() == VR.SQ && e.rawValue() instanceof Sequence seq) {
                sb.append(ind).append(tag(e.tag())).append("  ").append(name(e)).append("  ")
                        .append(seq.size()).append(" item(s) ---- ");
                for (Dataset item : seq) {
                    sb.append('\n');
                    appendDataset(sb, item, indent + 1);
                    sb.append('\n').append(INDENT.repeat(indent + 1)).append("---------");
                }
            } else {
                sb.append(ind).append(line(e));
            }
        }
    }

    /** One element line without indentation. */
    public static String line(Element e) {
        String n = name(e);
        if (n.length() > NAME_WIDTH) {
            n = n.substring(0, NAME_WIDTH);
        }
        String value;
        try {
            value = value(e);
        } catch (DicomException ex) {
            value = PyRepr.bytes(rawBytes(e), 0, Math.min(rawBytes(e).length, 64));
        }
        return tag(e.tag()) + " " + String.format("%-" + NAME_WIDTH + "s", n) + " " + e.vr() + ": " + value;
    }

    private static byte[] rawBytes(Element e) {
        try {
            return e.bytes();
        } catch (DicomException ex) {
            return new byte[0];
        }
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    /** pydicom's tag format: {@code (0008, 103e)}. */
    public static String tag(int tag) {
        return String.format("(%04x, %04x)", tag >>> 16, tag & 0xFFFF);
    }

    /** pydicom's element name: dictionary name, "[private name]", "Private Creator", "Private tag data". */
    public static String name(Element e) {
        int tag = e.tag();
        if (Tag.isPrivate(tag)) {
            String creator = e.privateCreator();
            if (creator != null && !creator.isEmpty()) {
                DictionaryEntry pe = PrivateDictionary.lookupGdcm(creator, tag);
                if (pe != null && pe.name() != null) {
                    return "[" + pe.name() + "]";
                }
            } else if ((tag & 0xFF00) == 0) {
                // pydicom takes (gggg,0000) as the "creator" of (gggg,0001-00FF) when present and non-zero
                Element groupLength = (tag & 0xFFFF) == 0 ? null : e.dataset().get(tag & 0xFFFF0000);
                if (groupLength != null && groupLength.length() > 0 && !allZero(groupLength.bytes())) {
                    return "Private tag data";
                }
                return "Private Creator";
            }
            return "Private tag data";
        }
        DictionaryEntry de = ElementDictionary.lookup(tag);
        if (de != null && de.name() != null) {
            return de.name();
        }
        return (tag & 0xFFFF) == 0 ? "Group Length" : "";
    }

    /** pydicom's {@code repval}. */
    static String value(Element e) {
        VR vr = e.vr();
        Object raw = e.rawValue();
        if (raw instanceof Fragments f) {
            long total = 0;
            for (int i = 0; i < f.itemCount(); i++) {
                total += f.itemLength(i) + 8;
            }
            return "Array of " + total + " elements";
        }
        if (vr.isBulk()) {
            byte[] b = e.bytes();
            if (b.length == 0) {
                return "None";
            }
            if (b.length > MAX_DISPLAY) {
                return "Array of " + b.length + " elements";
            }
            return PyRepr.bytes(b, 0, b.length);
        }
        if (vr.isBinaryNumber()) {
            return binary(e);
        }
        return text(e);
    }

    private static String binary(Element e) {
        VR vr = e.vr();
        byte[] b = e.bytes();
        if (b.length == 0) {
            return "None";
        }
        if (b.length % vr.bytesPerValue() != 0) {
            return PyRepr.bytes(b, 0, b.length);
        }
        int vm = b.length / vr.bytesPerValue();
        if (vm > MAX_DISPLAY) {
            return "Array of " + vm + " elements";
        }
        StringBuilder sb = new StringBuilder();
        if (vr == VR.AT) {
            long[] v = e.longs();
            for (int i = 0; i < v.length; i++) {
                sb.append(i > 0 ? ", " : "").append(tag((int) v[i]));
            }
        } else if (vr == VR.FL || vr == VR.FD) {
            double[] v = e.doubles();
            for (int i = 0; i < v.length; i++) {
                sb.append(i > 0 ? ", " : "").append(PyRepr.floatRepr(v[i]));
            }
        } else {
            long[] v = e.longs();
            for (int i = 0; i < v.length; i++) {
                sb.append(i > 0 ? ", " : "").append(vr == VR.UV ? Long.toUnsignedString(v[i]) : Long.toString(v[i]));
            }
        }
        return vm > 1 ? "[" + sb + "]" : sb.toString();
    }

    private static String text(Element e) {
        VR vr = e.vr();
        List<String> values = pyStrings(e);
        boolean longText = vr == VR.LT || vr == VR.UT || vr == VR.UC;
        if (longText && values.size() == 1 && values.get(0).length() > MAX_DISPLAY) {
            return "Array of " + values.get(0).length() + " elements";
        }
        if (values.size() > MAX_DISPLAY) {
            return "Array of " + values.size() + " elements";
        }
        if (values.size() == 1) {
            String v = values.get(0);
            return switch (vr) {
                case DS -> v.isEmpty() ? "None" : ds(v, true);
                case IS -> v.isEmpty() ? "None" : is(v, true);
                case UI -> v.isEmpty() ? "''" : UidRegistry.nameOf(v);
                case PN -> PyRepr.str(trimEmptyGroups(v));
                default -> PyRepr.str(v);
            };
        }
        if (values.isEmpty()) {
            return vr == VR.DS || vr == VR.IS ? "None" : "''";
        }
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            if (i > 0) {
                sb.append(", ");
            }
            switch (vr) {
                case DS -> sb.append(v.isEmpty() ? "None" : ds(v, false));
                case IS -> sb.append(v.isEmpty() ? "None" : is(v, false));
                case PN -> sb.append(trimEmptyGroups(v));
                default -> sb.append(PyRepr.str(v));
            }
        }
        return sb.append(']').toString();
    }

    /** Values as pydicom splits them: trailing spaces/NULs off the whole value, then split. */
    private static List<String> pyStrings(Element e) {
        VR vr = e.vr();
        String s = e.string();
        if (s.isEmpty()) {
            return List.of("");
        }
        if (!vr.isMultiValuedText()) {
            return List.of(s);
        }
        String[] parts = s.split("\\\\", -1);
        java.util.ArrayList<String> out = new java.util.ArrayList<>(parts.length);
        for (String p : parts) {
            out.add(vr == VR.AE || vr == VR.DS || vr == VR.IS ? p.strip() : p);
        }
        return out;
    }

    /** pydicom drops empty trailing component groups: "A^B=" prints as "A^B". */
    private static String trimEmptyGroups(String v) {
        int end = v.length();
        while (end > 0 && v.charAt(end - 1) == '=') {
            end--;
        }
        return v.substring(0, end);
    }

    private static String ds(String v, boolean single) {
        String t = v.strip();
        try {
            double d = Double.parseDouble(t);
            return single ? "'" + PyRepr.floatRepr(d) + "'" : t;
        } catch (NumberFormatException ex) {
            return PyRepr.str(v);
        }
    }

    private static String is(String v, boolean single) {
        String t = v.strip();
        try {
            long l = Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
            return single ? "'" + l + "'" : t;
        } catch (NumberFormatException ex) {
            try {
                double d = Double.parseDouble(t);
                if (d == Math.rint(d)) {
                    return single ? "'" + (long) d + "'" : t;
                }
            } catch (NumberFormatException ignored) {
                // fall through
            }
            return PyRepr.str(v);
        }
    }
}
