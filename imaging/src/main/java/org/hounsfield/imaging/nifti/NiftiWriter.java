package org.hounsfield.imaging.nifti;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Locale;

import org.hounsfield.core.DicomException;
import org.hounsfield.core.io.SafeFiles;
import org.hounsfield.imaging.nifti.internal.GzipSliceWriter;
import org.hounsfield.imaging.nifti.internal.ParallelGzipOutputStream;
import org.hounsfield.imaging.series.SliceHeader;
import org.hounsfield.imaging.series.Stack;
import org.hounsfield.imaging.volume.Volume;
import org.hounsfield.imaging.volume.VolumeLoader;
import org.hounsfield.imaging.volume.VolumeOptions;
import org.hounsfield.imaging.volume.internal.VoxelStore;
import org.hounsfield.imaging.volume.VoxelType;

/**
 * Writes a {@link Volume} as NIfTI-1 ({@code .nii}, or gzipped when the name ends in
 * {@code .gz}) the way dcm2niix does: voxels in the stored column order with the rows flipped
 * (the first NIfTI row is the last DICOM row), slices in ascending order along the normal,
 * sform and qform both set (code 1, scanner) from the DICOM geometry converted from LPS to RAS,
 * and values as stored with {@code scl_slope}/{@code scl_inter} (or physical values, e.g. HU).
 *
 * <p>Images without Image Position/Orientation (Patient) get dcm2niix's placeholder matrix
 * (centred, voxel size on the diagonal, qform_code = sform_code = 0: unknown) and keep their row
 * order.
 *
 * <p>A gantry-tilted stack keeps its true (sheared) geometry in the sform; the qform, which can
 * only rotate, holds the nearest rotation.
 *
 * <pre>{@code
 * NiftiWriter.write(volume, Path.of("ct.nii.gz"));
 * NiftiWriter.write(volume, Path.of("ct_hu.nii"), NiftiWriter.Options.defaults().withPhysical(true));
 * }</pre>
 */
public final class NiftiWriter {

    private NiftiWriter() {
    }

    /**
     * @param physical      write physical values (HU) instead of stored values and a rescale
     * @param flipRows      dcm2niix's row order (true) or the DICOM row order (false)
     * @param gzipLevel     deflate level 1..9 for .gz files
     * @param description   the header's descrip (at most 79 characters)
     * @param threads       gzip threads (blocks of 1 MiB compressed in parallel, one gzip member each)
     */
    public record Options(boolean physical, boolean flipRows, int gzipLevel, String description, int threads) {
        public static Options defaults() {
            return new Options(false, true, 6, "hounsfield", Runtime.getRuntime().availableProcessors());
        }

        public Options withPhysical(boolean v) {
            return new Options(v, flipRows, gzipLevel, description, threads);
        }

        public Options withFlipRows(boolean v) {
            return new Options(physical, v, gzipLevel, description, threads);
        }

        public Options withGzipLevel(int v) {
            return new Options(physical, flipRows, v, description, threads);
        }

        public Options withThreads(int v) {
            return new Options(physical, flipRows, gzipLevel, description, v);
        }
    }

    /** Writes with the default options; gzipped when the name ends in ".gz". */
    public static void write(Volume v, Path file) {
        write(v, file, Options.defaults());
    }

    public static void write(Volume v, Path file, Options o) {
        boolean gz = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
        SafeFiles.write(file, os -> {
            if (gz) {
                ParallelGzipOutputStream z = new ParallelGzipOutputStream(os, Math.max(1, Math.min(9, o.gzipLevel())), o.threads());
                try {
                    write(v, z, o);
                    z.finish();
                } finally {
                    z.abort();
                }
            } else {
                write(v, os, o);
            }
        });
    }

    /**
     * Loads a stack and writes it, as {@link #write(Volume, Path, Options)} would write its
     * volume (a {@code .nii.gz} holds the same bytes once decompressed); returns the header
     * written. 16-bit stored values with one rescale for all slices (the usual CT and MR series)
     * are written through: each slice goes into the file as it is decoded, by the loading threads
     * ({@code .nii}: at its own position; {@code .nii.gz}: compressed by that thread into a gzip
     * member of its own, members written in order), and the volume is never held in memory.
     * Anything else loads the volume and writes it.
     *
     * <pre>{@code
     * Scan scan = SeriesScanner.scan(Path.of("ct/"));
     * NiftiHeader h = NiftiWriter.write(scan.stacks().get(0), Path.of("ct.nii"), VolumeOptions.stored(), Options.defaults());
     * }</pre>
     */
    public static NiftiHeader write(Stack stack, Path file, VolumeOptions vo, Options o) {
        boolean gz = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
        if (!writeThrough(stack, vo, o)) {
            Volume v = VolumeLoader.load(stack, vo);
            write(v, file, o);
            return header(v, o);
        }
        int nx = stack.first().columns();
        int ny = stack.first().rows();
        int nz = stack.positions();
        int nt = stack.timePoints();
        boolean flip = o.flipRows() && stack.hasGeometry();
        NiftiHeader[] written = new NiftiHeader[1];
        SafeFiles.writeChannel(file, ch -> {
            if (gz) {
                GzipSliceWriter members = new GzipSliceWriter(ch, nz * nt, Math.max(1, Math.min(9, o.gzipLevel())), NiftiHeader.VOX_OFFSET);
                Volume v = VolumeLoader.load(stack, vo, (type, sliceSize, slices) -> VoxelStore.toSink(type, nx, ny, nz, nt, flip, members));
                written[0] = header(v, o);
                members.finish(written[0].encode());
                return;
            }
            long sliceBytes = 2L * nx * ny;
            Volume v = VolumeLoader.load(stack, vo, (type, sliceSize, slices) -> VoxelStore.toSink(type, nx, ny, nz, nt, flip,
                    (index, slice) -> {
                        long at = NiftiHeader.VOX_OFFSET + index * sliceBytes;
                        while (slice.hasRemaining()) {
                            at += ch.write(slice, at);
                        }
                    }));
            NiftiHeader h = header(v, o);
            ByteBuffer hb = ByteBuffer.wrap(h.encode());
            long pos = 0;
            while (hb.hasRemaining()) {
                pos += ch.write(hb, pos);
            }
            written[0] = h;
        });
        return written[0];
    }

    /** Whether {@link #write(Stack, Path, VolumeOptions, Options)} can write the voxels through. */
    private static boolean writeThrough(Stack stack, VolumeOptions vo, Options o) {
        SliceHeader first = stack.first();
        if (vo.values() != VolumeOptions.Values.STORED || o.physical() || first.samplesPerPixel() != 1 || first.bitsAllocated() != 16
                || (vo.fillGaps() && stack.missingSlices() > 0)) {
            return false;
        }
        for (SliceHeader h : stack.images()) {
            if (h.rescaleSlope() != first.rescaleSlope() || h.rescaleIntercept() != first.rescaleIntercept()) {
                return false; // no single scl_slope/scl_inter: the writer needs the values
            }
        }
        return true;
    }

    /** Writes the .nii bytes (header and voxels) to a stream (not closed). */
    public static void write(Volume v, OutputStream out, Options o) throws IOException {
        Layout l = layout(v, o);
        NiftiHeader h = header(v, o, l);
        boolean flip = o.flipRows() && v.hasGeometry();
        out.write(h.encode());
        int nx = v.nx();
        int rowBytes = nx * l.type.bytes();
        // rows are gathered into blocks of about 1 MiB: one write call per block, not per row
        int rowsPerBlock = Math.max(1, Math.min(v.ny(), (1 << 20) / rowBytes));
        ByteBuffer block = ByteBuffer.allocate(rowsPerBlock * rowBytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] f = l.convert ? new float[nx] : null;
        // NIfTI order: x fastest, then y, z, t
        for (int t = 0; t < v.nt(); t++) {
            for (int z = 0; z < v.nz(); z++) {
                for (int j = 0; j < v.ny(); j++) {
                    int y = flip ? v.ny() - 1 - j : j;
                    if (block.remaining() < rowBytes) {
                        out.write(block.array(), 0, block.position());
                        block.clear();
                    }
                    if (l.convert) {
                        v.physicalRow(y, z, t, f, 0);
                        put(block, f, l.type);
                    } else {
                        v.writeRow(y, z, t, block);
                    }
                }
            }
        }
        out.write(block.array(), 0, block.position());
    }

    private static void put(ByteBuffer row, float[] f, VoxelType t) {
        for (float x : f) {
            switch (t) {
                case INT16 -> row.putShort((short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(x))));
                case INT32 -> row.putInt(Math.round(x));
                case FLOAT32 -> row.putFloat(x);
                default -> throw new IllegalStateException(t.toString());
            }
        }
    }

    /** The voxel type written, whether values are converted on the way, and the rescale. */
    private record Layout(VoxelType type, boolean convert, double slope, double intercept) {
    }

    private static Layout layout(Volume v, Options o) {
        if (v.isPhysical()) {
            return new Layout(v.type(), false, 1, 0);
        }
        if (!o.physical() && v.uniformRescale()) {
            return new Layout(v.type(), false, v.rescaleSlope(0, 0), v.rescaleIntercept(0, 0));
        }
        // physical values asked for, or a rescale that varies by slice (no single scl_slope fits):
        // int16/int32 when every value is an integer that fits (judged on the actual values), else float32
        boolean integral = !v.type().floating();
        for (int z = 0; z < v.nz() && integral; z++) {
            for (int t = 0; t < v.nt(); t++) {
                double s = v.rescaleSlope(z, t);
                double i = v.rescaleIntercept(z, t);
                integral &= s == Math.rint(s) && i == Math.rint(i);
            }
        }
        double[] range = integral ? v.range() : new double[] {0, 0};
        double lo = range[0];
        double hi = range[1];
        VoxelType t = integral && lo >= Short.MIN_VALUE && hi <= Short.MAX_VALUE ? VoxelType.INT16
                : integral && lo >= Integer.MIN_VALUE && hi <= Integer.MAX_VALUE && hi - lo < (1 << 24) ? VoxelType.INT32 : VoxelType.FLOAT32;
        return new Layout(t, true, 1, 0);
    }

    /** The header {@link #write} writes for this volume. */
    public static NiftiHeader header(Volume v, Options o) {
        return header(v, o, layout(v, o));
    }

    private static NiftiHeader header(Volume v, Options o, Layout l) {
        if (v.nx() > Short.MAX_VALUE || v.ny() > Short.MAX_VALUE || v.nz() > Short.MAX_VALUE || v.nt() > Short.MAX_VALUE) {
            throw new DicomException("volume too large for NIfTI-1 (dimensions above 32767)");
        }
        NiftiHeader h = new NiftiHeader();
        h.dim[0] = (short) (v.nt() > 1 ? 4 : 3);
        h.dim[1] = (short) v.nx();
        h.dim[2] = (short) v.ny();
        h.dim[3] = (short) v.nz();
        h.dim[4] = (short) v.nt();
        for (int i = 5; i < 8; i++) {
            h.dim[i] = 1;
        }
        h.datatype = NiftiHeader.datatype(l.type);
        h.bitpix = (short) (8 * l.type.bytes());
        h.sclSlope = (float) l.slope;
        h.sclInter = (float) l.intercept;
        h.descrip = o.description() == null ? "" : o.description();
        double[][] s = affineRas(v, o.flipRows());
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) {
                h.srow[r][c] = (float) s[r][c];
            }
        }
        // without geometry in the files the matrix is a placeholder and says so (codes 0, as dcm2niix)
        h.sformCode = (short) (v.hasGeometry() ? 1 : 0);
        h.qformCode = (short) (v.hasGeometry() ? 1 : 0);
        double[] q = Quaternion.fromMatrix(s);
        h.quaternB = (float) q[0];
        h.quaternC = (float) q[1];
        h.quaternD = (float) q[2];
        h.pixdim[0] = (float) q[3];
        double[] sp = v.spacing();
        h.pixdim[1] = (float) sp[0];
        h.pixdim[2] = (float) sp[1];
        h.pixdim[3] = (float) sp[2];
        h.pixdim[4] = 0;
        for (int i = 5; i < 8; i++) {
            h.pixdim[i] = 0;
        }
        for (int i = 0; i < 3; i++) {
            h.qoffset[i] = (float) s[i][3];
        }
        return h;
    }

    /**
     * The 3x4 voxel-to-RAS matrix (the sform): DICOM's LPS affine with x and y negated, and with
     * {@code flipRows} the row axis reversed as dcm2niix stores it.
     */
    public static double[][] affineRas(Volume v, boolean flipRows) {
        double[][] lps = v.affineLps();
        double[][] m = new double[3][4];
        if (!v.hasGeometry()) {
            // no position/orientation in the files: dcm2niix's placeholder, centred, rows not flipped
            double[] sp = v.spacing();
            m[0][0] = -sp[0];
            m[0][3] = (v.nx() - 1) / 2.0 * sp[0];
            m[1][1] = sp[1];
            m[1][3] = -(v.ny() - 1) / 2.0 * sp[1];
            m[2][2] = sp[2];
            m[2][3] = -(v.nz() - 1) / 2.0 * sp[2];
            return m;
        }
        for (int r = 0; r < 3; r++) {
            double sign = r < 2 ? -1 : 1;
            m[r][0] = sign * lps[r][0];
            m[r][1] = sign * (flipRows ? -lps[r][1] : lps[r][1]);
            m[r][2] = sign * lps[r][2];
            m[r][3] = sign * (lps[r][3] + (flipRows ? lps[r][1] * (v.ny() - 1) : 0));
        }
        return m;
    }

    /** The path of the JSON sidecar of a NIfTI file: "x.nii.gz" gives "x.json". */
    public static Path sidecarPath(Path nifti) {
        String n = nifti.getFileName().toString();
        String base = n.replaceAll("(?i)\\.nii(\\.gz)?$", "");
        return nifti.resolveSibling(base + ".json");
    }
}
