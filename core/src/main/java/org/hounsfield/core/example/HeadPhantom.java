package org.hounsfield.core.example;

import org.hounsfield.core.Dataset;
import org.hounsfield.core.Tag;
import org.hounsfield.core.TransferSyntax;
import org.hounsfield.core.UID;
import org.hounsfield.core.VR;

/**
 * A synthetic axial head CT slice in Hounsfield units, built in memory: the built-in example of
 * the README and the {@code demo} command. Tissue values follow textbook HU (air -1000, fat -100,
 * CSF 8, grey matter 40, white matter 28, blood 60, bone 900); stored values are HU + 1024 in
 * 12 bits with Rescale Intercept -1024, as most scanners write them.
 *
 * <pre>{@code
 * Dataset ct = HeadPhantom.slice(512, 0);     // 512 x 512, slice index 0
 * DicomWriter.write(ct, Path.of("phantom.dcm"));
 * }</pre>
 */
public final class HeadPhantom {
    /** UID root for generated example instances (UUID-derived, under 2.25). */
    public static final String UID_ROOT = "2.25.147690265979172257055237654736712469521.9";

    private HeadPhantom() {
    }

    /** Ellipse: centre (x, y), half-axes (a, b) in [-1, 1] image coordinates, rotation, HU value. */
    private record Ellipse(double x, double y, double a, double b, double degrees, double hu) {
        boolean contains(double px, double py) {
            double t = Math.toRadians(degrees);
            double dx = px - x;
            double dy = py - y;
            double u = dx * Math.cos(t) + dy * Math.sin(t);
            double v = -dx * Math.sin(t) + dy * Math.cos(t);
            return (u * u) / (a * a) + (v * v) / (b * b) <= 1;
        }
    }

    // painted in order, later shapes over earlier ones
    private static final Ellipse[] HEAD = {
        new Ellipse(0, 0, 0.72, 0.92, 0, -100),        // scalp fat
        new Ellipse(0, 0, 0.69, 0.89, 0, 900),         // skull
        new Ellipse(0, 0.01, 0.64, 0.84, 0, 8),        // CSF space
        new Ellipse(0, 0.01, 0.62, 0.82, 0, 40),       // grey matter
        new Ellipse(0, 0.02, 0.52, 0.70, 0, 28),       // white matter
        new Ellipse(-0.11, -0.05, 0.05, 0.20, -18, 8), // lateral ventricles
        new Ellipse(0.11, -0.05, 0.05, 0.20, 18, 8),
        new Ellipse(0, 0.30, 0.03, 0.06, 0, 8),        // third ventricle
        new Ellipse(0.30, -0.35, 0.08, 0.05, 30, 60),  // a small haemorrhage, for the windows to show
        new Ellipse(0, -0.78, 0.10, 0.05, 0, -1000),   // frontal sinus (air)
    };

    /** Hounsfield units of the phantom at pixel (row, col) of a size x size slice. */
    public static double hu(int size, int row, int col) {
        double px = (col + 0.5) / size * 2 - 1;
        double py = (row + 0.5) / size * 2 - 1;
        double v = -1000;
        for (Ellipse e : HEAD) {
            if (e.contains(px, py)) {
                v = e.hu;
            }
        }
        return v;
    }

    /** A complete CT Image Storage data set (with file meta for Explicit VR Little Endian). */
    public static Dataset slice(int size, int index) {
        double spacing = 250.0 / size; // 25 cm field of view
        double thickness = 5.0;
        double z = -50.0 + index * thickness;
        Dataset ds = new Dataset();
        ds.setString(Tag.SpecificCharacterSet, "ISO_IR 100");
        ds.setString(Tag.ImageType, "ORIGINAL", "PRIMARY", "AXIAL");
        ds.setString(Tag.SOPClassUID, UID.CTImageStorage);
        ds.setString(Tag.SOPInstanceUID, UID_ROOT + ".3." + (index + 1));
        ds.setString(Tag.StudyDate, "20261125");
        ds.setString(Tag.SeriesDate, "20261125");
        ds.setString(Tag.ContentDate, "20261125");
        ds.setString(Tag.StudyTime, "093000");
        ds.setString(Tag.ContentTime, "093012.500000");
        ds.setString(Tag.AccessionNumber, "HF0001");
        ds.setString(Tag.Modality, "CT");
        ds.setString(Tag.Manufacturer, "Hounsfield");
        ds.setString(Tag.InstitutionName, "Hounsfield Example Hospital");
        ds.setString(Tag.ReferringPhysicianName, "");
        ds.setString(Tag.StudyDescription, "CT HEAD WITHOUT CONTRAST");
        ds.setString(Tag.SeriesDescription, "Axial 5mm brain (synthetic phantom)");
        ds.setString(Tag.ManufacturerModelName, "HeadPhantom");
        ds.setString(Tag.PatientName, "Phantom^Head");
        ds.setString(Tag.PatientID, "HF-PHANTOM-1");
        ds.setString(Tag.PatientBirthDate, "19700101");
        ds.setString(Tag.PatientSex, "O");
        ds.setString(Tag.BodyPartExamined, "HEAD");
        ds.setString(Tag.SliceThickness, VR.DS, "5");
        ds.setString(Tag.KVP, VR.DS, "120");
        ds.setString(Tag.DataCollectionDiameter, VR.DS, "500");
        ds.setString(Tag.SoftwareVersions, "hounsfield 0.1");
        ds.setString(Tag.ReconstructionDiameter, VR.DS, "250");
        ds.setString(Tag.GantryDetectorTilt, VR.DS, "0");
        ds.setString(Tag.TableHeight, VR.DS, "150");
        ds.setString(Tag.ExposureTime, VR.IS, "1000");
        ds.setString(Tag.XRayTubeCurrent, VR.IS, "300");
        ds.setString(Tag.Exposure, VR.IS, "300");
        ds.setString(Tag.ConvolutionKernel, "H30s");
        ds.setString(Tag.PatientPosition, "HFS");
        ds.setString(Tag.StudyInstanceUID, UID_ROOT + ".1");
        ds.setString(Tag.SeriesInstanceUID, UID_ROOT + ".2");
        ds.setString(Tag.StudyID, "1");
        ds.setString(Tag.SeriesNumber, VR.IS, "2");
        ds.setString(Tag.AcquisitionNumber, VR.IS, "1");
        ds.setString(Tag.InstanceNumber, VR.IS, Integer.toString(index + 1));
        ds.setDoubles(Tag.ImagePositionPatient, VR.DS, -125 + spacing / 2, -125 + spacing / 2, z);
        ds.setString(Tag.ImageOrientationPatient, VR.DS, "1", "0", "0", "0", "1", "0");
        ds.setString(Tag.FrameOfReferenceUID, UID_ROOT + ".4");
        ds.setString(Tag.PositionReferenceIndicator, "");
        ds.setDoubles(Tag.SliceLocation, VR.DS, z);
        ds.setInts(Tag.SamplesPerPixel, VR.US, 1);
        ds.setString(Tag.PhotometricInterpretation, "MONOCHROME2");
        ds.setInts(Tag.Rows, VR.US, size);
        ds.setInts(Tag.Columns, VR.US, size);
        ds.setDoubles(Tag.PixelSpacing, VR.DS, spacing, spacing);
        ds.setInts(Tag.BitsAllocated, VR.US, 16);
        ds.setInts(Tag.BitsStored, VR.US, 12);
        ds.setInts(Tag.HighBit, VR.US, 11);
        ds.setInts(Tag.PixelRepresentation, VR.US, 0);
        ds.setString(Tag.WindowCenter, VR.DS, "40", "400");
        ds.setString(Tag.WindowWidth, VR.DS, "80", "1800");
        ds.setString(Tag.WindowCenterWidthExplanation, "BRAIN", "BONE");
        ds.setString(Tag.RescaleIntercept, VR.DS, "-1024");
        ds.setString(Tag.RescaleSlope, VR.DS, "1");
        ds.setString(Tag.RescaleType, "HU");
        byte[] pixels = new byte[size * size * 2];
        for (int r = 0; r < size; r++) {
            for (int c = 0; c < size; c++) {
                int stored = (int) Math.round(hu(size, r, c) + 1024);
                int p = (r * size + c) * 2;
                pixels[p] = (byte) stored;
                pixels[p + 1] = (byte) (stored >>> 8);
            }
        }
        ds.setBytes(Tag.PixelData, VR.OW, pixels);
        ds.setTransferSyntax(TransferSyntax.EXPLICIT_VR_LE);
        return ds;
    }
}
