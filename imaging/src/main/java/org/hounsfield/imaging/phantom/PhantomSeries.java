package org.hounsfield.imaging.phantom;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.hounsfield.codec.FrameInfo;
import org.hounsfield.codec.jpeg.JpegLosslessEncoder;
import org.hounsfield.codec.jpegls.JpegLsEncoder;
import org.hounsfield.codec.rle.RleEncoder;
import org.hounsfield.core.Dataset;
import org.hounsfield.core.DicomException;
import org.hounsfield.core.DicomIOException;
import org.hounsfield.core.Fragments;
import org.hounsfield.core.Sequence;
import org.hounsfield.core.Tag;
import org.hounsfield.core.TransferSyntax;
import org.hounsfield.core.UID;
import org.hounsfield.core.VR;
import org.hounsfield.core.io.DicomWriter;
import org.hounsfield.core.io.SafeFiles;
import org.hounsfield.core.io.WriteOptions;
import org.hounsfield.imaging.series.internal.Vec;

/**
 * Writes a CT series of {@link HeadPhantom3D}: one file per slice (or one enhanced multi-frame
 * file), stored values HU + 1024 in 12 bits with Rescale Intercept -1024, with exact geometry.
 * Options make it hard for readers: shuffled file names and instance numbers, gantry tilt, an
 * oblique orientation, missing slices, compressed transfer syntaxes.
 *
 * <pre>{@code
 * PhantomSeries.Options o = PhantomSeries.Options.defaults().withSlices(120).withSize(256).withOblique(true);
 * List<Path> files = PhantomSeries.write(Path.of("/tmp/phantom"), o);
 * }</pre>
 */
public final class PhantomSeries {
    /** UID root of generated phantoms (UUID-derived, under 2.25). */
    public static final String UID_ROOT = "2.25.147690265979172257055237654736712469521.11";
    /** Field of view (mm). */
    public static final double FOV = 250;

    private PhantomSeries() {
    }

    /**
     * What to write.
     *
     * @param slices         slices before gaps are removed (1 to 4096)
     * @param size           rows = columns (8 to 4096)
     * @param spacing        slice spacing in mm along the table (NaN: 200 mm / slices, at most 5)
     * @param transferSyntax UID, or explicit-le, implicit-le, explicit-be, deflated, rle, jpeg-lossless, jpeg-ls
     * @param shuffle        file names and Instance Numbers in random order
     * @param tilt           gantry tilt in degrees (image planes tilted about the x axis, table along z)
     * @param oblique        the whole stack rotated by 20 deg about x, then 15 deg about z
     * @param gaps           slices slices/3, 2*slices/3 and 2*slices/3 + 1 left out (3 missing)
     * @param enhanced       one Enhanced CT multi-frame file with functional groups instead of one file per slice
     * @param seriesNumber   Series Number; also makes the Series Instance UID
     * @param seed           seed of the shuffle
     * @param threads        slices encoded in parallel
     */
    public record Options(int slices, int size, double spacing, String transferSyntax, boolean shuffle, double tilt,
                          boolean oblique, boolean gaps, boolean enhanced, int seriesNumber, long seed, int threads) {
        public Options {
            if (slices < 1 || slices > 4096) {
                throw new IllegalArgumentException("slices must be 1..4096, not " + slices);
            }
            if (size < 8 || size > 4096) {
                throw new IllegalArgumentException("size must be 8..4096, not " + size);
            }
            if (!Double.isNaN(spacing) && !(spacing > 0 && spacing < 1000)) {
                throw new IllegalArgumentException("spacing must be > 0 mm");
            }
            if (!(Math.abs(tilt) < 60)) {
                throw new IllegalArgumentException("tilt must be within +-60 degrees");
            }
            transferSyntax = transferSyntaxUid(transferSyntax == null ? "explicit-le" : transferSyntax);
            threads = Math.max(1, threads);
        }

        public static Options defaults() {
            return new Options(64, 256, Double.NaN, "explicit-le", false, 0, false, false, false, 1, 42,
                    Runtime.getRuntime().availableProcessors());
        }

        public Options withSlices(int v) {
            return new Options(v, size, spacing, transferSyntax, shuffle, tilt, oblique, gaps, enhanced, seriesNumber, seed, threads);
        }

        public Options withSize(int v) {
            return new Options(slices, v, spacing, transferSyntax, shuffle, tilt, oblique, gaps, enhanced, seriesNumber, seed, threads);
        }

        public Options withSpacing(double v) {
            return new Options(slices, size, v, transferSyntax, shuffle, tilt, oblique, gaps, enhanced, seriesNumber, seed, threads);
        }

        public Options withTransferSyntax(String v) {
            return new Options(slices, size, spacing, v, shuffle, tilt, oblique, gaps, enhanced, seriesNumber, seed, threads);
        }

        public Options withShuffle(boolean v) {
            return new Options(slices, size, spacing, transferSyntax, v, tilt, oblique, gaps, enhanced, seriesNumber, seed, threads);
        }

        public Options withTilt(double v) {
            return new Options(slices, size, spacing, transferSyntax, shuffle, v, oblique, gaps, enhanced, seriesNumber, seed, threads);
        }

        public Options withOblique(boolean v) {
            return new Options(slices, size, spacing, transferSyntax, shuffle, tilt, v, gaps, enhanced, seriesNumber, seed, threads);
        }

        public Options withGaps(boolean v) {
            return new Options(slices, size, spacing, transferSyntax, shuffle, tilt, oblique, v, enhanced, seriesNumber, seed, threads);
        }

        public Options withEnhanced(boolean v) {
            return new Options(slices, size, spacing, transferSyntax, shuffle, tilt, oblique, gaps, v, seriesNumber, seed, threads);
        }

        public Options withSeriesNumber(int v) {
            return new Options(slices, size, spacing, transferSyntax, shuffle, tilt, oblique, gaps, enhanced, v, seed, threads);
        }

        public Options withThreads(int v) {
            return new Options(slices, size, spacing, transferSyntax, shuffle, tilt, oblique, gaps, enhanced, seriesNumber, seed, v);
        }

        /** The slice spacing in use (mm). */
        public double effectiveSpacing() {
            return Double.isNaN(spacing) ? Math.min(5, 200.0 / slices) : spacing;
        }

        /** Pixel spacing (mm). */
        public double pixelSpacing() {
            return FOV / size;
        }
    }

    /** The UID for a transfer syntax name or UID. */
    public static String transferSyntaxUid(String nameOrUid) {
        String s = nameOrUid.trim().toLowerCase(Locale.ROOT);
        String uid = switch (s) {
            case "explicit-le", "explicit", "native" -> TransferSyntax.EXPLICIT_VR_LE.uid();
            case "implicit-le", "implicit" -> TransferSyntax.IMPLICIT_VR_LE.uid();
            case "explicit-be", "big-endian" -> TransferSyntax.EXPLICIT_VR_BE.uid();
            case "deflated" -> TransferSyntax.DEFLATED_EXPLICIT_VR_LE.uid();
            case "rle" -> "1.2.840.10008.1.2.5";
            case "jpeg-lossless" -> "1.2.840.10008.1.2.4.70";
            case "jpeg-ls" -> "1.2.840.10008.1.2.4.80";
            default -> nameOrUid.trim();
        };
        switch (uid) {
            case "1.2.840.10008.1.2", "1.2.840.10008.1.2.1", "1.2.840.10008.1.2.2", "1.2.840.10008.1.2.1.99",
                    "1.2.840.10008.1.2.5", "1.2.840.10008.1.2.4.70", "1.2.840.10008.1.2.4.80" -> {
                return uid;
            }
            default -> throw new IllegalArgumentException("unsupported transfer syntax '" + nameOrUid
                    + "' (explicit-le, implicit-le, explicit-be, deflated, rle, jpeg-lossless, jpeg-ls or their UIDs)");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // geometry

    private static double[] rotate(double[] v, Options o) {
        if (!o.oblique()) {
            return v.clone();
        }
        double ax = Math.toRadians(20);
        double az = Math.toRadians(15);
        double[] a = {v[0], v[1] * Math.cos(ax) - v[2] * Math.sin(ax), v[1] * Math.sin(ax) + v[2] * Math.cos(ax)};
        return new double[] {a[0] * Math.cos(az) - a[1] * Math.sin(az), a[0] * Math.sin(az) + a[1] * Math.cos(az), a[2]};
    }

    /** Image Orientation (Patient) of every slice, exact (before DS formatting). */
    public static double[] orientation(Options o) {
        double t = Math.toRadians(o.tilt());
        double[] row = rotate(new double[] {1, 0, 0}, o);
        double[] col = rotate(new double[] {0, Math.cos(t), Math.sin(t)}, o);
        return new double[] {row[0], row[1], row[2], col[0], col[1], col[2]};
    }

    /** Indices (0 .. slices-1, along the table) of the slices written: all but the gaps. */
    public static int[] keptSlices(Options o) {
        List<Integer> kept = new ArrayList<>();
        int n = o.slices();
        for (int k = 0; k < n; k++) {
            boolean gap = o.gaps() && n >= 6 && (k == n / 3 || k == 2 * n / 3 || k == 2 * n / 3 + 1);
            if (!gap) {
                kept.add(k);
            }
        }
        return kept.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Image Position (Patient) of slice {@code k} (index along the table, before gaps). */
    public static double[] position(Options o, int k) {
        double z = (k - (o.slices() - 1) / 2.0) * o.effectiveSpacing();
        double[] centre = rotate(new double[] {0, 0, z}, o);
        double[] iop = orientation(o);
        double half = (o.size() - 1) / 2.0 * o.pixelSpacing();
        return Vec.sub(centre, Vec.scale(Vec.add(Vec.row(iop), Vec.col(iop)), half));
    }

    // ---------------------------------------------------------------------------------------------
    // writing

    /** Writes the series into {@code dir} (created if needed) and returns the files written. */
    public static List<Path> write(Path dir, Options o) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new DicomIOException("cannot create " + dir, e);
        }
        int[] kept = keptSlices(o);
        int n = kept.length;
        // order of the files / frames, and their instance numbers
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        if (o.shuffle()) {
            Collections.shuffle(order, new Random(o.seed()));
        }
        if (o.enhanced()) {
            Path f = dir.resolve("enhanced.dcm");
            writeEnhanced(f, o, kept, order);
            return List.of(f);
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(o.threads(), n), r -> {
            Thread t = new Thread(r, "hounsfield-phantom");
            t.setDaemon(true);
            return t;
        });
        List<Path> files = new ArrayList<>();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                // file i holds slice order(i); Instance Numbers follow the file names, not the positions, when shuffled
                int slot = i;
                int slice = kept[order.get(i)];
                Path f = dir.resolve(String.format(Locale.ROOT, "IM%05d.dcm", slot + 1));
                files.add(f);
                futures.add(pool.submit(() -> {
                    Dataset ds = slice(o, slice, slot + 1);
                    TransferSyntax ts = TransferSyntax.of(o.transferSyntax());
                    encodePixels(ds, ts, List.of(pixels(o, slice)), o);
                    SafeFiles.write(f, os -> DicomWriter.write(ds, os, WriteOptions.of(ts)));
                    return null;
                }));
            }
            for (Future<?> fu : futures) {
                fu.get();
            }
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            throw c instanceof DicomException de ? de : new DicomException("phantom write failed: " + c, c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DicomException("interrupted");
        } finally {
            pool.shutdownNow();
        }
        return files;
    }

    /** Stored values (HU + 1024, little endian 16-bit) of slice {@code k}. */
    public static byte[] pixels(Options o, int k) {
        int size = o.size();
        double ps = o.pixelSpacing();
        double[] iop = orientation(o);
        double[] row = Vec.row(iop);
        double[] col = Vec.col(iop);
        double[] ipp = position(o, k);
        byte[] out = new byte[size * size * 2];
        double[] p = new double[3];
        for (int r = 0; r < size; r++) {
            for (int c = 0; c < size; c++) {
                for (int a = 0; a < 3; a++) {
                    p[a] = ipp[a] + c * ps * row[a] + r * ps * col[a];
                }
                int stored = HeadPhantom3D.hu(p) + 1024;
                int i = (r * size + c) * 2;
                out[i] = (byte) stored;
                out[i + 1] = (byte) (stored >>> 8);
            }
        }
        return out;
    }

    private static void common(Dataset ds, Options o) {
        ds.setString(Tag.SpecificCharacterSet, "ISO_IR 100");
        ds.setString(Tag.StudyDate, "20261125");
        ds.setString(Tag.SeriesDate, "20261125");
        ds.setString(Tag.ContentDate, "20261125");
        ds.setString(Tag.StudyTime, "093000");
        ds.setString(Tag.SeriesTime, "093100");
        ds.setString(Tag.AcquisitionTime, "093100");
        ds.setString(Tag.ContentTime, "093112");
        ds.setString(Tag.AccessionNumber, "HF0002");
        ds.setString(Tag.Modality, "CT");
        ds.setString(Tag.Manufacturer, "Hounsfield");
        ds.setString(Tag.InstitutionName, "Hounsfield Example Hospital");
        ds.setString(Tag.ReferringPhysicianName, "");
        ds.setString(Tag.StudyDescription, "CT HEAD (synthetic 3D phantom)");
        ds.setString(Tag.SeriesDescription, "Head phantom " + o.slices() + "x" + o.size()
                + (o.oblique() ? " oblique" : "") + (o.tilt() != 0 ? " tilt " + o.tilt() : "") + (o.gaps() ? " gaps" : ""));
        ds.setString(Tag.ProtocolName, "Head phantom");
        ds.setString(Tag.ManufacturerModelName, "HeadPhantom3D");
        ds.setString(Tag.PatientName, "Phantom^Head3D");
        ds.setString(Tag.PatientID, "HF-PHANTOM-3D");
        ds.setString(Tag.PatientBirthDate, "19700101");
        ds.setString(Tag.PatientSex, "O");
        ds.setString(Tag.BodyPartExamined, "HEAD");
        ds.setString(Tag.KVP, VR.DS, "120");
        ds.setString(Tag.SoftwareVersions, "hounsfield 0.1");
        ds.setString(Tag.ConvolutionKernel, "H30s");
        ds.setString(Tag.PatientPosition, "HFS");
        ds.setString(Tag.StudyInstanceUID, UID_ROOT + ".1");
        ds.setString(Tag.SeriesInstanceUID, UID_ROOT + ".2." + o.seriesNumber());
        ds.setString(Tag.StudyID, "1");
        ds.setString(Tag.SeriesNumber, VR.IS, Integer.toString(o.seriesNumber()));
        ds.setString(Tag.AcquisitionNumber, VR.IS, "1");
        ds.setString(Tag.FrameOfReferenceUID, UID_ROOT + ".4");
        ds.setString(Tag.PositionReferenceIndicator, "");
        ds.setInts(Tag.SamplesPerPixel, VR.US, 1);
        ds.setString(Tag.PhotometricInterpretation, "MONOCHROME2");
        ds.setInts(Tag.Rows, VR.US, o.size());
        ds.setInts(Tag.Columns, VR.US, o.size());
        ds.setInts(Tag.BitsAllocated, VR.US, 16);
        ds.setInts(Tag.BitsStored, VR.US, 12);
        ds.setInts(Tag.HighBit, VR.US, 11);
        ds.setInts(Tag.PixelRepresentation, VR.US, 0);
    }

    private static String[] ds(double... v) {
        String[] s = new String[v.length];
        for (int i = 0; i < v.length; i++) {
            s[i] = Dataset.formatDecimal(Math.abs(v[i]) < 1e-12 ? 0 : v[i]);
        }
        return s;
    }

    /** The data set of slice {@code k} (without pixel data). */
    static Dataset slice(Options o, int k, int instance) {
        Dataset ds = new Dataset();
        common(ds, o);
        ds.setString(Tag.ImageType, "ORIGINAL", "PRIMARY", "AXIAL");
        ds.setString(Tag.SOPClassUID, UID.CTImageStorage);
        ds.setString(Tag.SOPInstanceUID, UID_ROOT + ".3." + o.seriesNumber() + "." + (k + 1));
        ds.setString(Tag.SliceThickness, VR.DS, ds(o.effectiveSpacing()));
        ds.setString(Tag.GantryDetectorTilt, VR.DS, ds(o.tilt()));
        ds.setString(Tag.InstanceNumber, VR.IS, Integer.toString(instance));
        ds.setString(Tag.ImagePositionPatient, VR.DS, ds(position(o, k)));
        ds.setString(Tag.ImageOrientationPatient, VR.DS, ds(orientation(o)));
        ds.setString(Tag.SliceLocation, VR.DS, ds(Vec.dot(position(o, k), Vec.normal(orientation(o)))));
        ds.setString(Tag.PixelSpacing, VR.DS, ds(o.pixelSpacing(), o.pixelSpacing()));
        ds.setString(Tag.WindowCenter, VR.DS, "40", "400");
        ds.setString(Tag.WindowWidth, VR.DS, "80", "1800");
        ds.setString(Tag.WindowCenterWidthExplanation, "BRAIN", "BONE");
        ds.setString(Tag.RescaleIntercept, VR.DS, "-1024");
        ds.setString(Tag.RescaleSlope, VR.DS, "1");
        ds.setString(Tag.RescaleType, "HU");
        return ds;
    }

    private static void writeEnhanced(Path f, Options o, int[] kept, List<Integer> order) {
        Dataset ds = new Dataset();
        common(ds, o);
        int n = kept.length;
        ds.setString(Tag.ImageType, "ORIGINAL", "PRIMARY", "AXIAL", "NONE");
        ds.setString(Tag.SOPClassUID, "1.2.840.10008.5.1.4.1.1.2.1");
        ds.setString(Tag.SOPInstanceUID, UID_ROOT + ".3." + o.seriesNumber() + ".0");
        ds.setString(Tag.InstanceNumber, VR.IS, "1");
        ds.setString(Tag.NumberOfFrames, VR.IS, Integer.toString(n));
        // the Type 1 and 2 attributes of the Enhanced CT IOD's mandatory modules (hounsfield validate)
        ds.setString(Tag.DeviceSerialNumber, "HF-0001");
        ds.setString(Tag.PixelPresentation, "MONOCHROME");
        ds.setString(Tag.VolumetricProperties, "VOLUME");
        ds.setString(Tag.VolumeBasedCalculationTechnique, "NONE");
        ds.setString(Tag.ContentQualification, "RESEARCH");
        ds.setString(Tag.BurnedInAnnotation, "NO");
        ds.setString(Tag.LossyImageCompression, "00");
        ds.setString(Tag.PresentationLUTShape, "IDENTITY");
        ds.newSequence(Tag.AcquisitionContextSequence);
        String dimensions = UID_ROOT + ".5." + o.seriesNumber();
        ds.newSequence(Tag.DimensionOrganizationSequence).addItem().setString(Tag.DimensionOrganizationUID, dimensions);
        // one dimension: In-Stack Position Number of the Frame Content Sequence (DimensionIndexValues below)
        Dataset dim = ds.newSequence(Tag.DimensionIndexSequence).addItem();
        dim.setString(Tag.DimensionOrganizationUID, dimensions);
        dim.setInts(Tag.DimensionIndexPointer, VR.AT, Tag.InStackPositionNumber);
        dim.setInts(Tag.FunctionalGroupPointer, VR.AT, Tag.FrameContentSequence);
        Dataset shared = ds.newSequence(Tag.SharedFunctionalGroupsSequence).addItem();
        Dataset pm = shared.newSequence(Tag.PixelMeasuresSequence).addItem();
        pm.setString(Tag.PixelSpacing, VR.DS, ds(o.pixelSpacing(), o.pixelSpacing()));
        pm.setString(Tag.SliceThickness, VR.DS, ds(o.effectiveSpacing()));
        shared.newSequence(Tag.PlaneOrientationSequence).addItem().setString(Tag.ImageOrientationPatient, VR.DS, ds(orientation(o)));
        Dataset pvt = shared.newSequence(Tag.PixelValueTransformationSequence).addItem();
        pvt.setString(Tag.RescaleIntercept, VR.DS, "-1024");
        pvt.setString(Tag.RescaleSlope, VR.DS, "1");
        pvt.setString(Tag.RescaleType, "HU");
        Dataset voi = shared.newSequence(Tag.FrameVOILUTSequence).addItem();
        voi.setString(Tag.WindowCenter, VR.DS, "40");
        voi.setString(Tag.WindowWidth, VR.DS, "80");
        Sequence per = ds.newSequence(Tag.PerFrameFunctionalGroupsSequence);
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int pos = order.get(i);
            int k = kept[pos];
            Dataset item = per.addItem();
            Dataset fc = item.newSequence(Tag.FrameContentSequence).addItem();
            fc.setString(Tag.StackID, "1");
            fc.setInts(Tag.InStackPositionNumber, VR.UL, pos + 1);
            fc.setInts(Tag.DimensionIndexValues, VR.UL, pos + 1);
            item.newSequence(Tag.PlanePositionSequence).addItem().setString(Tag.ImagePositionPatient, VR.DS, ds(position(o, k)));
            frames.add(pixels(o, k));
        }
        TransferSyntax ts = TransferSyntax.of(o.transferSyntax());
        encodePixels(ds, ts, frames, o);
        SafeFiles.write(f, os -> DicomWriter.write(ds, os, WriteOptions.of(ts)));
    }

    /** Puts the frames (native) or their encoded fragments (one per frame) into the data set. */
    private static void encodePixels(Dataset ds, TransferSyntax ts, List<byte[]> frames, Options o) {
        FrameInfo info = new FrameInfo(o.size(), o.size(), 1, 16, 12, false, 0, "MONOCHROME2");
        if (!ts.encapsulated()) {
            byte[] all = new byte[frames.stream().mapToInt(b -> b.length).sum()];
            int p = 0;
            for (byte[] b : frames) {
                System.arraycopy(b, 0, all, p, b.length);
                p += b.length;
            }
            ds.setBytes(Tag.PixelData, VR.OW, all);
            return;
        }
        Fragments fr = new Fragments();
        fr.addItem(new byte[0]);
        for (byte[] b : frames) {
            byte[] enc = switch (ts.uid()) {
                case "1.2.840.10008.1.2.5" -> new RleEncoder().encode(b, info);
                case "1.2.840.10008.1.2.4.70" -> new JpegLosslessEncoder().encode(b, info);
                case "1.2.840.10008.1.2.4.80" -> new JpegLsEncoder().encode(b, info);
                default -> throw new DicomException("no encoder for " + ts.name());
            };
            if ((enc.length & 1) == 1) {
                enc = java.util.Arrays.copyOf(enc, enc.length + 1);
            }
            fr.addItem(enc);
        }
        ds.putRaw(Tag.PixelData, VR.OB, fr, Dataset.FLAG_UNDEFINED_LENGTH);
    }
}
