package org.hounsfield.imaging.series;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.hounsfield.core.Dataset;
import org.hounsfield.core.DicomException;
import org.hounsfield.core.Element;
import org.hounsfield.core.Sequence;
import org.hounsfield.core.Tag;
import org.hounsfield.imaging.series.internal.Vec;

/**
 * What the scan knows about one image: one single-frame file, or one frame of a multi-frame file
 * (enhanced multi-frame images give one header per frame, from the per-frame and shared
 * functional groups). Read from the header only, without the pixel data.
 *
 * <pre>{@code
 * Dataset ds = DicomReader.read(path, ReadOptions.defaults().withStopBeforePixelData(true));
 * for (SliceHeader h : SliceHeader.of(ds, path)) {
 *     System.out.println(h.frame() + " " + Arrays.toString(h.position()));
 * }
 * }</pre>
 */
public final class SliceHeader {
    private Path file;
    private int frame;
    private int framesInFile = 1;
    private boolean enhanced;
    private String patientId = "";
    private String patientName = "";
    private String studyUid = "";
    private String studyDate = "";
    private String studyDescription = "";
    private String seriesUid = "";
    private int seriesNumber;
    private String seriesDescription = "";
    private String protocolName = "";
    private String modality = "";
    private String sopClassUid = "";
    private String sopInstanceUid = "";
    private int instanceNumber;
    private int acquisitionNumber;
    private int echoNumber;
    private double echoTime = Double.NaN;
    private int temporalPosition;
    private double triggerTime = Double.NaN;
    private String imageType = "";
    private String acquisitionTime = "";
    private int rows;
    private int columns;
    private int samplesPerPixel = 1;
    private int bitsAllocated;
    private int bitsStored;
    private boolean signed;
    private String photometric = "";
    private double[] pixelSpacing;
    private double[] orientation;
    private double[] position;
    private double sliceThickness = Double.NaN;
    private double spacingBetweenSlices = Double.NaN;
    private double gantryTilt;
    private double slope = 1;
    private double intercept;
    private String rescaleType = "";
    private String transferSyntaxUid = "";
    private long pixelDataOffset = -1;
    private String stackId = "";
    private int inStackPosition;

    private SliceHeader() {
    }

    /** The headers of the images in a data set (one per frame); empty when it holds no image. */
    public static List<SliceHeader> of(Dataset ds, Path file) {
        int rows = ds.getInt(Tag.Rows, 0);
        int cols = ds.getInt(Tag.Columns, 0);
        if (rows <= 0 || cols <= 0) {
            return List.of();
        }
        SliceHeader h = new SliceHeader();
        h.file = file;
        h.patientId = str(ds, Tag.PatientID);
        h.patientName = str(ds, Tag.PatientName);
        h.studyUid = str(ds, Tag.StudyInstanceUID);
        h.studyDate = str(ds, Tag.StudyDate);
        h.studyDescription = str(ds, Tag.StudyDescription);
        h.seriesUid = str(ds, Tag.SeriesInstanceUID);
        h.seriesNumber = integer(ds, Tag.SeriesNumber, 0);
        h.seriesDescription = str(ds, Tag.SeriesDescription);
        h.protocolName = str(ds, Tag.ProtocolName);
        h.modality = str(ds, Tag.Modality);
        h.sopClassUid = str(ds, Tag.SOPClassUID);
        h.sopInstanceUid = str(ds, Tag.SOPInstanceUID);
        h.instanceNumber = integer(ds, Tag.InstanceNumber, 0);
        h.acquisitionNumber = integer(ds, Tag.AcquisitionNumber, 0);
        h.echoNumber = integer(ds, Tag.EchoNumbers, 0);
        h.echoTime = real(ds, Tag.EchoTime, Double.NaN);
        h.temporalPosition = integer(ds, Tag.TemporalPositionIdentifier, 0);
        h.triggerTime = real(ds, Tag.TriggerTime, Double.NaN);
        h.imageType = str(ds, Tag.ImageType);
        h.acquisitionTime = str(ds, Tag.AcquisitionTime);
        h.rows = rows;
        h.columns = cols;
        h.samplesPerPixel = integer(ds, Tag.SamplesPerPixel, 1);
        h.bitsAllocated = integer(ds, Tag.BitsAllocated, 0);
        h.bitsStored = integer(ds, Tag.BitsStored, h.bitsAllocated);
        h.signed = integer(ds, Tag.PixelRepresentation, 0) == 1;
        h.photometric = str(ds, Tag.PhotometricInterpretation);
        h.pixelSpacing = doubles(ds, Tag.PixelSpacing, 2);
        h.orientation = doubles(ds, Tag.ImageOrientationPatient, 6);
        h.position = doubles(ds, Tag.ImagePositionPatient, 3);
        h.sliceThickness = real(ds, Tag.SliceThickness, Double.NaN);
        h.spacingBetweenSlices = real(ds, Tag.SpacingBetweenSlices, Double.NaN);
        h.gantryTilt = real(ds, Tag.GantryDetectorTilt, 0);
        h.slope = real(ds, Tag.RescaleSlope, 1);
        h.intercept = real(ds, Tag.RescaleIntercept, 0);
        h.rescaleType = str(ds, Tag.RescaleType);
        if ("RTDOSE".equalsIgnoreCase(h.modality) && !ds.contains(Tag.RescaleSlope) && ds.contains(Tag.DoseGridScaling)) {
            // RT Dose: stored values times Dose Grid Scaling are the dose (PS3.3 C.8.8.3)
            h.slope = real(ds, Tag.DoseGridScaling, 1);
            h.rescaleType = str(ds, Tag.DoseUnits);
        }
        h.transferSyntaxUid = ds.transferSyntax() == null ? "" : ds.transferSyntax().uid();
        h.pixelDataOffset = ds.pixelDataOffset();
        if (h.slope == 0 || !Double.isFinite(h.slope)) {
            h.slope = 1;
        }
        if (!Double.isFinite(h.intercept)) {
            h.intercept = 0;
        }
        int frames;
        try {
            frames = Math.max(1, ds.getInt(Tag.NumberOfFrames, 1));
        } catch (DicomException e) {
            throw new DicomException("invalid Number of Frames '" + ds.getString(Tag.NumberOfFrames) + "'", e);
        }
        h.framesInFile = frames;
        Sequence shared = firstItemSequence(ds, Tag.SharedFunctionalGroupsSequence);
        Sequence perFrame = ds.getSequence(Tag.PerFrameFunctionalGroupsSequence);
        List<SliceHeader> out = new ArrayList<>(frames);
        if (shared != null || perFrame != null) {
            Dataset sharedItem = shared == null || shared.isEmpty() ? null : shared.get(0);
            if (sharedItem != null) {
                h.applyGroups(sharedItem);
            }
            h.enhanced = true;
            for (int f = 0; f < frames; f++) {
                SliceHeader fh = h.copy();
                fh.frame = f;
                if (perFrame != null && f < perFrame.size()) {
                    fh.applyGroups(perFrame.get(f));
                }
                out.add(fh);
            }
            return out;
        }
        double[] offsets = doubles(ds, Tag.GridFrameOffsetVector, -1);
        for (int f = 0; f < frames; f++) {
            SliceHeader fh = f == 0 && frames == 1 ? h : h.copy();
            fh.frame = f;
            if (frames > 1 && offsets != null && offsets.length == frames && h.position != null && Vec.validOrientation(h.orientation)) {
                // RT Dose: frames along the normal, offsets relative to the first frame
                fh.position = Vec.add(h.position, Vec.scale(Vec.normal(h.orientation), offsets[f] - offsets[0]));
            }
            out.add(fh);
        }
        return out;
    }

    /** Values from one functional groups item (shared or per-frame). */
    private void applyGroups(Dataset item) {
        Dataset pos = first(item, Tag.PlanePositionSequence);
        if (pos != null && pos.contains(Tag.ImagePositionPatient)) {
            position = doubles(pos, Tag.ImagePositionPatient, 3);
        }
        Dataset ori = first(item, Tag.PlaneOrientationSequence);
        if (ori != null && ori.contains(Tag.ImageOrientationPatient)) {
            orientation = doubles(ori, Tag.ImageOrientationPatient, 6);
        }
        Dataset px = first(item, Tag.PixelMeasuresSequence);
        if (px != null) {
            if (px.contains(Tag.PixelSpacing)) {
                pixelSpacing = doubles(px, Tag.PixelSpacing, 2);
            }
            sliceThickness = real(px, Tag.SliceThickness, sliceThickness);
            spacingBetweenSlices = real(px, Tag.SpacingBetweenSlices, spacingBetweenSlices);
        }
        Dataset pvt = first(item, Tag.PixelValueTransformationSequence);
        if (pvt != null) {
            double s = real(pvt, Tag.RescaleSlope, slope);
            slope = s == 0 || !Double.isFinite(s) ? 1 : s;
            double i = real(pvt, Tag.RescaleIntercept, intercept);
            intercept = Double.isFinite(i) ? i : 0;
            String t = str(pvt, Tag.RescaleType);
            if (!t.isEmpty()) {
                rescaleType = t;
            }
        }
        Dataset fc = first(item, Tag.FrameContentSequence);
        if (fc != null) {
            String sid = str(fc, Tag.StackID);
            if (!sid.isEmpty()) {
                stackId = sid;
            }
            inStackPosition = integer(fc, Tag.InStackPositionNumber, inStackPosition);
            temporalPosition = integer(fc, Tag.TemporalPositionIndex, temporalPosition);
        }
        Dataset echo = first(item, Tag.MREchoSequence);
        if (echo != null) {
            echoTime = real(echo, Tag.EffectiveEchoTime, echoTime);
        }
    }

    private SliceHeader copy() {
        SliceHeader c = new SliceHeader();
        c.file = file;
        c.frame = frame;
        c.framesInFile = framesInFile;
        c.pixelDataOffset = pixelDataOffset;
        c.enhanced = enhanced;
        c.patientId = patientId;
        c.patientName = patientName;
        c.studyUid = studyUid;
        c.studyDate = studyDate;
        c.studyDescription = studyDescription;
        c.seriesUid = seriesUid;
        c.seriesNumber = seriesNumber;
        c.seriesDescription = seriesDescription;
        c.protocolName = protocolName;
        c.modality = modality;
        c.sopClassUid = sopClassUid;
        c.sopInstanceUid = sopInstanceUid;
        c.instanceNumber = instanceNumber;
        c.acquisitionNumber = acquisitionNumber;
        c.echoNumber = echoNumber;
        c.echoTime = echoTime;
        c.temporalPosition = temporalPosition;
        c.triggerTime = triggerTime;
        c.imageType = imageType;
        c.acquisitionTime = acquisitionTime;
        c.rows = rows;
        c.columns = columns;
        c.samplesPerPixel = samplesPerPixel;
        c.bitsAllocated = bitsAllocated;
        c.bitsStored = bitsStored;
        c.signed = signed;
        c.photometric = photometric;
        c.pixelSpacing = pixelSpacing;
        c.orientation = orientation;
        c.position = position;
        c.sliceThickness = sliceThickness;
        c.spacingBetweenSlices = spacingBetweenSlices;
        c.gantryTilt = gantryTilt;
        c.slope = slope;
        c.intercept = intercept;
        c.rescaleType = rescaleType;
        c.transferSyntaxUid = transferSyntaxUid;
        c.stackId = stackId;
        c.inStackPosition = inStackPosition;
        return c;
    }

    // ---------------------------------------------------------------------------------------------
    // tolerant value access: a malformed optional value must not make a whole scan fail

    private static Sequence firstItemSequence(Dataset ds, int tag) {
        Element e = ds.get(tag);
        return e == null || e.vr() != org.hounsfield.core.VR.SQ ? null : e.sequence();
    }

    private static Dataset first(Dataset item, int tag) {
        Sequence s = firstItemSequence(item, tag);
        return s == null || s.isEmpty() ? null : s.get(0);
    }

    static String str(Dataset ds, int tag) {
        try {
            String s = ds.getString(tag);
            return s == null ? "" : s.trim();
        } catch (DicomException e) {
            return "";
        }
    }

    private static int integer(Dataset ds, int tag, int dflt) {
        try {
            return ds.getInt(tag, dflt);
        } catch (DicomException | NumberFormatException e) {
            return dflt;
        }
    }

    private static double real(Dataset ds, int tag, double dflt) {
        try {
            double d = ds.getDouble(tag, dflt);
            return Double.isFinite(d) ? d : dflt;
        } catch (DicomException | NumberFormatException e) {
            return dflt;
        }
    }

    /** {@code n} finite values (any count when n &lt; 0), else null. */
    private static double[] doubles(Dataset ds, int tag, int n) {
        try {
            double[] d = ds.getDoubles(tag);
            if (d == null || (n >= 0 && d.length != n) || d.length == 0) {
                return null;
            }
            for (double v : d) {
                if (!Double.isFinite(v)) {
                    return null;
                }
            }
            return d;
        } catch (DicomException | NumberFormatException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // accessors

    public Path file() {
        return file;
    }

    /** Frame index in the file (0 for single-frame files). */
    public int frame() {
        return frame;
    }

    public int framesInFile() {
        return framesInFile;
    }

    /** Whether the values came from functional groups (enhanced multi-frame). */
    public boolean enhanced() {
        return enhanced;
    }

    public String patientId() {
        return patientId;
    }

    public String patientName() {
        return patientName;
    }

    public String studyUid() {
        return studyUid;
    }

    public String studyDate() {
        return studyDate;
    }

    public String studyDescription() {
        return studyDescription;
    }

    public String seriesUid() {
        return seriesUid;
    }

    public int seriesNumber() {
        return seriesNumber;
    }

    public String seriesDescription() {
        return seriesDescription;
    }

    public String protocolName() {
        return protocolName;
    }

    public String modality() {
        return modality;
    }

    public String sopClassUid() {
        return sopClassUid;
    }

    public String sopInstanceUid() {
        return sopInstanceUid;
    }

    public int instanceNumber() {
        return instanceNumber;
    }

    public int acquisitionNumber() {
        return acquisitionNumber;
    }

    public int echoNumber() {
        return echoNumber;
    }

    /** Echo Time in ms, NaN when absent. */
    public double echoTime() {
        return echoTime;
    }

    /** Temporal Position Identifier, or the Temporal Position Index of an enhanced frame; 0 when absent. */
    public int temporalPosition() {
        return temporalPosition;
    }

    /** Trigger Time in ms, NaN when absent. */
    public double triggerTime() {
        return triggerTime;
    }

    public String imageType() {
        return imageType;
    }

    public String acquisitionTime() {
        return acquisitionTime;
    }

    public int rows() {
        return rows;
    }

    public int columns() {
        return columns;
    }

    public int samplesPerPixel() {
        return samplesPerPixel;
    }

    public int bitsAllocated() {
        return bitsAllocated;
    }

    public int bitsStored() {
        return bitsStored;
    }

    public boolean signed() {
        return signed;
    }

    public String photometric() {
        return photometric;
    }

    /** Pixel Spacing (row spacing, column spacing) in mm, or null. */
    public double[] pixelSpacing() {
        return pixelSpacing == null ? null : pixelSpacing.clone();
    }

    /** Image Orientation (Patient), 6 values, or null. */
    public double[] orientation() {
        return orientation == null ? null : orientation.clone();
    }

    /** Image Position (Patient) of the first transmitted pixel, or null. */
    public double[] position() {
        return position == null ? null : position.clone();
    }

    /** Slice Thickness in mm, NaN when absent. */
    public double sliceThickness() {
        return sliceThickness;
    }

    /** Spacing Between Slices in mm, NaN when absent. */
    public double spacingBetweenSlices() {
        return spacingBetweenSlices;
    }

    /** Gantry/Detector Tilt in degrees (0 when absent). */
    public double gantryTilt() {
        return gantryTilt;
    }

    public double rescaleSlope() {
        return slope;
    }

    public double rescaleIntercept() {
        return intercept;
    }

    public String rescaleType() {
        return rescaleType;
    }

    public String transferSyntaxUid() {
        return transferSyntaxUid;
    }

    /**
     * Where the file's pixel data element starts (its tag), as the header scan found it; -1 when
     * unknown (a deflated file, or a header not read by a scan that stopped before pixel data).
     * The volume loader reads native frames from there without parsing the header again.
     */
    public long pixelDataOffset() {
        return pixelDataOffset;
    }

    /** Stack ID of an enhanced frame, or "". */
    public String stackId() {
        return stackId;
    }

    public int inStackPosition() {
        return inStackPosition;
    }

    /** Whether position, orientation and pixel spacing are all present and usable. */
    public boolean hasGeometry() {
        return position != null && Vec.validOrientation(orientation) && pixelSpacing != null
                && pixelSpacing[0] > 0 && pixelSpacing[1] > 0;
    }

    @Override
    public String toString() {
        return file + (framesInFile > 1 ? "[" + frame + "]" : "");
    }
}
