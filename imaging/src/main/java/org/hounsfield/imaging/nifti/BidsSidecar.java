package org.hounsfield.imaging.nifti;

import org.hounsfield.core.json.DicomJsonWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.hounsfield.core.Dataset;
import org.hounsfield.core.DicomException;
import org.hounsfield.core.Element;
import org.hounsfield.core.Sequence;
import org.hounsfield.core.Tag;
import org.hounsfield.core.VR;
import org.hounsfield.core.io.DicomReader;
import org.hounsfield.core.io.ReadOptions;
import org.hounsfield.core.io.SafeFiles;
import org.hounsfield.imaging.series.SliceHeader;
import org.hounsfield.imaging.series.Stack;
import org.hounsfield.imaging.volume.Volume;

/**
 * The JSON sidecar of a NIfTI volume, with the main acquisition parameters under the names and
 * units of dcm2niix's BIDS sidecar (times in seconds): Modality, Manufacturer, SliceThickness,
 * EchoTime, RepetitionTime, FlipAngle, ConvolutionKernel, ImageOrientationPatientDICOM, ...
 * Keys whose value is absent are left out. Enhanced multi-frame values are found in the shared
 * functional groups.
 *
 * <pre>{@code
 * Map<String, Object> m = BidsSidecar.fields(volume);
 * BidsSidecar.write(volume, Path.of("ct.json"));
 * }</pre>
 */
public final class BidsSidecar {
    private static final String VERSION = "0.1.0";

    private BidsSidecar() {
    }

    /** The sidecar's fields in order: String, Number or List values. */
    public static Map<String, Object> fields(Volume v) {
        return fields(v.source());
    }

    /** The sidecar's fields of a stack (null: a volume made in code, only the software fields). */
    public static Map<String, Object> fields(Stack stack) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (stack == null) {
            m.put("ConversionSoftware", "hounsfield");
            m.put("ConversionSoftwareVersion", VERSION);
            return m;
        }
        SliceHeader h = stack.first();
        Dataset ds = DicomReader.read(h.file(), ReadOptions.defaults().withStopBeforePixelData(true));
        text(m, "Modality", ds, Tag.Modality);
        number(m, "MagneticFieldStrength", find(ds, Tag.MagneticFieldStrength), 1);
        number(m, "ImagingFrequency", find(ds, Tag.ImagingFrequency), 1);
        text(m, "Manufacturer", ds, Tag.Manufacturer);
        text(m, "ManufacturersModelName", ds, Tag.ManufacturerModelName);
        text(m, "InstitutionName", ds, Tag.InstitutionName);
        text(m, "StationName", ds, Tag.StationName);
        text(m, "BodyPartExamined", ds, Tag.BodyPartExamined);
        text(m, "PatientPosition", ds, Tag.PatientPosition);
        text(m, "SoftwareVersions", ds, Tag.SoftwareVersions);
        text(m, "SeriesDescription", ds, Tag.SeriesDescription);
        text(m, "ProtocolName", ds, Tag.ProtocolName);
        List<String> type = strings(ds, Tag.ImageType);
        if (!type.isEmpty()) {
            m.put("ImageType", type);
        }
        if (ds.contains(Tag.SeriesNumber)) {
            m.put("SeriesNumber", h.seriesNumber());
        }
        String at = SliceHeaderText.time(str(ds, Tag.AcquisitionTime));
        if (!at.isEmpty()) {
            m.put("AcquisitionTime", at);
        }
        if (ds.contains(Tag.AcquisitionNumber)) {
            m.put("AcquisitionNumber", h.acquisitionNumber());
        }
        if (Double.isFinite(h.sliceThickness())) {
            m.put("SliceThickness", h.sliceThickness());
        }
        if (Double.isFinite(h.spacingBetweenSlices())) {
            m.put("SpacingBetweenSlices", h.spacingBetweenSlices());
        }
        if (Double.isFinite(h.echoTime())) {
            m.put("EchoTime", h.echoTime() / 1000);
        }
        number(m, "RepetitionTime", find(ds, Tag.RepetitionTime), 1e-3);
        number(m, "InversionTime", find(ds, Tag.InversionTime), 1e-3);
        number(m, "FlipAngle", find(ds, Tag.FlipAngle), 1);
        if (h.echoNumber() > 0) {
            m.put("EchoNumber", h.echoNumber());
        }
        text(m, "ConvolutionKernel", ds, Tag.ConvolutionKernel);
        number(m, "KVP", find(ds, Tag.KVP), 1);
        number(m, "ExposureTime", find(ds, Tag.ExposureTime), 1e-3);
        number(m, "XRayTubeCurrent", find(ds, Tag.XRayTubeCurrent), 1);
        number(m, "XRayExposure", find(ds, Tag.Exposure), 1);
        if (h.gantryTilt() != 0) {
            m.put("GantryDetectorTilt", h.gantryTilt());
        }
        double[] iop = h.orientation();
        if (iop != null) {
            List<Object> l = new ArrayList<>();
            for (double d : iop) {
                l.add(d);
            }
            m.put("ImageOrientationPatientDICOM", l);
        }
        m.put("ConversionSoftware", "hounsfield");
        m.put("ConversionSoftwareVersion", VERSION);
        return m;
    }

    /** Writes the sidecar atomically. */
    public static void write(Volume v, Path file) {
        write(v.source(), file);
    }

    /** Writes the sidecar of a stack atomically. */
    public static void write(Stack stack, Path file) {
        String json = toJson(fields(stack));
        SafeFiles.write(file, os -> os.write(json.getBytes(StandardCharsets.UTF_8)));
    }

    /** The fields as pretty-printed JSON (tab indented, as dcm2niix writes it). */
    public static String toJson(Map<String, Object> m) {
        StringBuilder sb = new StringBuilder("{\n");
        int i = 0;
        for (Map.Entry<String, Object> e : m.entrySet()) {
            sb.append('\t').append(quote(e.getKey())).append(": ");
            Object v = e.getValue();
            if (v instanceof List<?> l) {
                sb.append('[');
                for (int k = 0; k < l.size(); k++) {
                    sb.append(k == 0 ? "" : ", ").append(value(l.get(k)));
                }
                sb.append(']');
            } else {
                sb.append(value(v));
            }
            sb.append(++i < m.size() ? ",\n" : "\n");
        }
        return sb.append("}\n").toString();
    }

    private static String value(Object v) {
        if (v instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : Double.toString(d);
        }
        if (v instanceof Number n) {
            return n.toString();
        }
        return quote(String.valueOf(v));
    }

    static String quote(String s) {
        return DicomJsonWriter.quote(s);
    }

    /** The element at the top level, else in an item of the shared functional groups (one level down). */
    private static Element find(Dataset ds, int tag) {
        Element e = ds.get(tag);
        if (e != null && !e.isEmpty()) {
            return e;
        }
        Element sh = ds.get(Tag.SharedFunctionalGroupsSequence);
        if (sh == null || sh.vr() != VR.SQ) {
            return null;
        }
        for (Dataset item : sh.sequence()) {
            for (Element group : item) {
                if (group.vr() != VR.SQ) {
                    continue;
                }
                Sequence s = group.sequence();
                for (Dataset gi : s) {
                    Element f = gi.get(tag);
                    if (f != null && !f.isEmpty()) {
                        return f;
                    }
                }
            }
        }
        return null;
    }

    private static void number(Map<String, Object> m, String key, Element e, double factor) {
        if (e == null || e.isEmpty()) {
            return;
        }
        try {
            double d = e.doubleValue() * factor;
            if (Double.isFinite(d)) {
                m.put(key, factor == 1 ? d : Math.round(d * 1e9) / 1e9);
            }
        } catch (DicomException | NumberFormatException ex) {
            // a malformed optional value is left out
        }
    }

    private static String str(Dataset ds, int tag) {
        try {
            String s = ds.getString(tag);
            return s == null ? "" : s.trim();
        } catch (DicomException e) {
            return "";
        }
    }

    private static void text(Map<String, Object> m, String key, Dataset ds, int tag) {
        String s = str(ds, tag);
        if (!s.isEmpty()) {
            m.put(key, s);
        }
    }

    private static List<String> strings(Dataset ds, int tag) {
        try {
            Element e = ds.get(tag);
            return e == null ? List.of() : e.strings().stream().map(String::trim).toList();
        } catch (DicomException ex) {
            return List.of();
        }
    }

    /** Time formatting as dcm2niix writes it: "HH:MM:SS.ffffff". */
    static final class SliceHeaderText {
        private SliceHeaderText() {
        }

        static String time(String tm) {
            String t = tm.replace(":", "").trim();
            if (t.length() < 6 || !t.substring(0, 6).chars().allMatch(Character::isDigit)) {
                return t;
            }
            String frac = t.length() > 7 && t.charAt(6) == '.' ? t.substring(7) : "";
            StringBuilder f = new StringBuilder(frac);
            while (f.length() < 6) {
                f.append('0');
            }
            return t.substring(0, 2) + ":" + t.substring(2, 4) + ":" + t.substring(4, 6) + "." + f.substring(0, 6);
        }
    }
}
