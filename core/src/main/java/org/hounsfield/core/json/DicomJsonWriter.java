package org.hounsfield.core.json;

import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

import org.hounsfield.core.BulkDataRef;
import org.hounsfield.core.Dataset;
import org.hounsfield.core.DicomException;
import org.hounsfield.core.Element;
import org.hounsfield.core.Fragments;
import org.hounsfield.core.PersonName;
import org.hounsfield.core.Sequence;
import org.hounsfield.core.Tag;
import org.hounsfield.core.VR;
import org.hounsfield.core.text.PyRepr;

/**
 * Writes the DICOM JSON Model of PS3.18 Annex F: an object keyed by 8-digit tags, each with
 * {@code vr} and {@code Value} (or {@code InlineBinary} / {@code BulkDataURI} for binary data).
 * Group lengths are left out (F.2.2), as is the file meta.
 *
 * <pre>{@code
 * String json = DicomJsonWriter.toJson(ds);
 * String pretty = new DicomJsonWriter().indent(true).write(ds);
 * String withUris = new DicomJsonWriter().bulkDataUris(1024).write(ds);   // values > 1 KiB by reference
 * }</pre>
 */
public final class DicomJsonWriter {
    private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?");

    private boolean indent;
    private long bulkThreshold = -1;

    /** Pretty-print with two-space indentation. */
    public DicomJsonWriter indent(boolean on) {
        this.indent = on;
        return this;
    }

    /**
     * Binary values longer than {@code threshold} bytes that are still in their file (deferred)
     * or come from a file are written as {@code BulkDataURI} (file URI with offset and length)
     * instead of inline base64; -1 (default) inlines everything.
     */
    public DicomJsonWriter bulkDataUris(long threshold) {
        this.bulkThreshold = threshold;
        return this;
    }

    /** The compact JSON of {@code ds}. */
    public static String toJson(Dataset ds) {
        return new DicomJsonWriter().write(ds);
    }

    public String write(Dataset ds) {
        StringBuilder sb = new StringBuilder(4096);
        writeDataset(sb, ds, 0);
        if (indent) {
            sb.append('\n');
        }
        return sb.toString();
    }

    private void nl(StringBuilder sb, int depth) {
        if (indent) {
            sb.append('\n');
            sb.append("  ".repeat(depth));
        }
    }

    private void writeDataset(StringBuilder sb, Dataset ds, int depth) {
        sb.append('{');
        boolean first = true;
        for (Element e : ds) {
            if ((e.tag() & 0xFFFF) == 0 || (e.tag() >>> 16) == 0x0002) {
                continue; // group lengths are not part of the JSON model
            }
            if (!first) {
                sb.append(',');
            }
            first = false;
            nl(sb, depth + 1);
            sb.append('"').append(String.format("%08X", e.tag())).append("\":");
            if (indent) {
                sb.append(' ');
            }
            writeElement(sb, e, depth + 1);
        }
        if (!first) {
            nl(sb, depth);
        }
        sb.append('}');
    }

    private void writeElement(StringBuilder sb, Element e, int depth) {
        VR vr = e.vr();
        sb.append("{\"vr\":");
        if (indent) {
            sb.append(' ');
        }
        sb.append('"').append(vr).append('"');
        Object raw = e.rawValue();
        if (raw instanceof Sequence seq) {
            if (!seq.isEmpty()) {
                sb.append(",\"Value\":[");
                for (int i = 0; i < seq.size(); i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    writeDataset(sb, seq.get(i), depth + 1);
                }
                sb.append(']');
            }
        } else if (raw instanceof Fragments f) {
            sb.append(",\"InlineBinary\":\"").append(Base64.getEncoder().encodeToString(encapsulated(f))).append('"');
        } else if (vr.isBulk()) {
            if (e.length() > 0) {
                if (bulkThreshold >= 0 && e.length() > bulkThreshold && raw instanceof BulkDataRef r) {
                    sb.append(",\"BulkDataURI\":\"").append(escape(r.file().toUri() + "?offset=" + r.offset() + "&length=" + r.length())).append('"');
                } else {
                    sb.append(",\"InlineBinary\":\"").append(Base64.getEncoder().encodeToString(e.littleEndianBytes())).append('"');
                }
            }
        } else if (vr.isBinaryNumber()) {
            writeNumbers(sb, e);
        } else {
            writeText(sb, e);
        }
        sb.append('}');
    }

    private static byte[] encapsulated(Fragments f) {
        java.io.ByteArrayOutputStream bos = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < f.itemCount(); i++) {
            byte[] b = f.itemBytes(i);
            bos.writeBytes(new byte[] {(byte) 0xFE, (byte) 0xFF, 0x00, (byte) 0xE0,
                    (byte) b.length, (byte) (b.length >>> 8), (byte) (b.length >>> 16), (byte) (b.length >>> 24)});
            bos.writeBytes(b);
        }
        bos.writeBytes(new byte[] {(byte) 0xFE, (byte) 0xFF, (byte) 0xDD, (byte) 0xE0, 0, 0, 0, 0});
        return bos.toByteArray();
    }

    private static void writeNumbers(StringBuilder sb, Element e) {
        VR vr = e.vr();
        byte[] b = e.bytes();
        if (b.length == 0) {
            return;
        }
        if (b.length % vr.bytesPerValue() != 0) {
            sb.append(",\"InlineBinary\":\"").append(Base64.getEncoder().encodeToString(b)).append('"');
            return;
        }
        sb.append(",\"Value\":[");
        if (vr == VR.AT) {
            long[] v = e.longs();
            for (int i = 0; i < v.length; i++) {
                sb.append(i > 0 ? "," : "").append('"').append(String.format("%08X", v[i])).append('"');
            }
        } else if (vr == VR.FL || vr == VR.FD) {
            double[] v = e.doubles();
            for (int i = 0; i < v.length; i++) {
                sb.append(i > 0 ? "," : "");
                appendDouble(sb, v[i]);
            }
        } else {
            long[] v = e.longs();
            for (int i = 0; i < v.length; i++) {
                sb.append(i > 0 ? "," : "").append(vr == VR.UV ? Long.toUnsignedString(v[i]) : Long.toString(v[i]));
            }
        }
        sb.append(']');
    }

    private static void appendDouble(StringBuilder sb, double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            sb.append('"').append(d).append('"'); // not representable as a JSON number
        } else {
            sb.append(PyRepr.floatRepr(d));
        }
    }

    private static void writeText(StringBuilder sb, Element e) {
        VR vr = e.vr();
        List<String> values;
        try {
            values = e.strings();
        } catch (DicomException ex) {
            values = List.of(e.string());
        }
        if (values.isEmpty() || (values.size() == 1 && values.get(0).isEmpty())) {
            return;
        }
        sb.append(",\"Value\":[");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            String v = values.get(i);
            if (v.isEmpty()) {
                sb.append("null");
                continue;
            }
            switch (vr) {
                case PN -> appendPersonName(sb, PersonName.parse(v));
                case DS -> appendDecimalString(sb, v);
                case IS -> appendIntegerString(sb, v);
                default -> sb.append('"').append(escape(v)).append('"');
            }
        }
        sb.append(']');
    }

    private static void appendDecimalString(StringBuilder sb, String v) {
        String t = v.strip();
        if (JSON_NUMBER.matcher(t).matches()) {
            sb.append(t);
            return;
        }
        try {
            appendDouble(sb, Double.parseDouble(t));
        } catch (NumberFormatException ex) {
            sb.append('"').append(escape(v)).append('"');
        }
    }

    private static void appendIntegerString(StringBuilder sb, String v) {
        String t = v.strip();
        try {
            sb.append(Long.parseLong(t.startsWith("+") ? t.substring(1) : t));
        } catch (NumberFormatException ex) {
            try {
                double d = Double.parseDouble(t);
                if (d == Math.rint(d)) {
                    sb.append((long) d);
                    return;
                }
            } catch (NumberFormatException ignored) {
                // fall through
            }
            sb.append('"').append(escape(v)).append('"');
        }
    }

    private static void appendPersonName(StringBuilder sb, PersonName pn) {
        sb.append('{');
        String[] keys = {"Alphabetic", "Ideographic", "Phonetic"};
        boolean first = true;
        for (int g = 0; g < Math.min(3, pn.groupCount()); g++) {
            String text = pn.group(g).text();
            if (text.isEmpty()) {
                continue;
            }
            sb.append(first ? "" : ",").append('"').append(keys[g]).append("\":\"").append(escape(text)).append('"');
            first = false;
        }
        sb.append('}');
    }

    /**
     * {@code s} as a JSON string literal, quotes included: the one JSON escaping rule of the
     * project (CLI reports, NIfTI sidecars, series listings use it too).
     */
    public static String quote(String s) {
        return '"' + escape(s) + '"';
    }

    static String escape(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String rep = switch (c) {
                case '"' -> "\\\"";
                case '\\' -> "\\\\";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                case '\b' -> "\\b";
                case '\f' -> "\\f";
                default -> c < 0x20 ? String.format("\\u%04x", (int) c) : null;
            };
            if (rep != null) {
                if (sb == null) {
                    sb = new StringBuilder(s.length() + 8).append(s, 0, i);
                }
                sb.append(rep);
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }

    /** Tag key as written: 8 upper-case hex digits. */
    public static String key(int tag) {
        return String.format("%08X", tag);
    }

    static boolean isGroupLength(int tag) {
        return (tag & 0xFFFF) == 0 && !Tag.isPrivate(tag);
    }
}
