package org.hounsfield.imaging.volume;

import java.nio.ByteBuffer;
import java.util.Arrays;

import org.hounsfield.imaging.series.Stack;
import org.hounsfield.imaging.series.internal.Vec;
import org.hounsfield.imaging.volume.internal.VoxelStore;

/**
 * A 3D (or 4D) image in patient space: voxels {@code (x, y, z, t)} where x runs along the image
 * rows (column index), y down the columns (row index, as the pixels are stored), z along the
 * slice vector, t over time points.
 *
 * <p>Geometry is in DICOM patient coordinates (LPS, millimetres): the centre of voxel
 * {@code (x, y, z)} is {@code origin + x * dx * rowDir + y * dy * colDir + z * sliceVector}. The
 * slice vector is parallel to the normal except for gantry-tilted stacks.
 *
 * <p>Voxels are held in one primitive array per volume ({@code short[]} for most CT and MR), as
 * stored (with the rescale of each slice in {@link #rescaleSlope(int)}) or already in physical
 * units (HU) when loaded with {@link VolumeOptions.Values#PHYSICAL}.
 *
 * <pre>{@code
 * Volume v = VolumeLoader.load(SeriesScanner.scan(dir).stacks().get(0), VolumeOptions.physical());
 * v.nx(); v.ny(); v.nz();                 // 512 512 300
 * double hu = v.value(256, 256, 150);      // in HU
 * double[] p = v.voxelToPatient(0, 0, 0);  // LPS position of the first voxel
 * }</pre>
 */
public final class Volume {
    private final int nx;
    private final int ny;
    private final int nz;
    private final int nt;
    private final VoxelStore store;
    private final double[] origin;
    private final double[] rowDir;
    private final double[] colDir;
    private final double[] sliceVector;
    private final double dx;
    private final double dy;
    private final double[] slopes;
    private final double[] intercepts;
    private final boolean physical;
    private final boolean geometry;
    private final String unit;
    private final Stack source;

    /**
     * A volume over {@code store}, which holds {@code nz * nt} slices of {@code nx * ny} voxels in
     * the order {@code z * nt + t}.
     */
    Volume(int nx, int ny, int nz, int nt, VoxelStore store, double[] origin, double[] rowDir, double[] colDir,
           double[] sliceVector, double dx, double dy, double[] slopes, double[] intercepts, boolean physical,
           boolean geometry, String unit, Stack source) {
        if ((long) nx * ny != store.sliceSize() || (long) nz * nt != store.slices()) {
            throw new IllegalArgumentException("store does not match " + nx + "x" + ny + "x" + nz + "x" + nt);
        }
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.nt = nt;
        this.store = store;
        this.origin = origin.clone();
        this.rowDir = Vec.unit(rowDir);
        this.colDir = Vec.unit(colDir);
        this.sliceVector = sliceVector.clone();
        this.dx = dx;
        this.dy = dy;
        this.slopes = slopes.clone();
        this.intercepts = intercepts.clone();
        this.physical = physical;
        this.geometry = geometry;
        this.unit = unit == null ? "" : unit;
        this.source = source;
    }

    /**
     * A new zeroed volume with a regular orthogonal geometry: for resampling and tests.
     *
     * @param spacing {dx, dy, dz}
     */
    public static Volume create(int nx, int ny, int nz, VoxelType type, double[] origin, double[] rowDir, double[] colDir,
                                double[] spacing) {
        double[] n = Vec.unit(Vec.cross(rowDir, colDir));
        VoxelStore s = VoxelStore.allocate(type, Math.multiplyExact(nx, ny), nz);
        double[] ones = new double[nz];
        Arrays.fill(ones, 1);
        return new Volume(nx, ny, nz, 1, s, origin, rowDir, colDir, Vec.scale(n, spacing[2]), spacing[0], spacing[1],
                ones, new double[nz], true, true, "", null);
    }

    // ---------------------------------------------------------------------------------------------
    // size and type

    public int nx() {
        return nx;
    }

    public int ny() {
        return ny;
    }

    public int nz() {
        return nz;
    }

    /** Time points (1 for a 3D volume). */
    public int nt() {
        return nt;
    }

    public VoxelType type() {
        return store.type();
    }

    /** Bytes of voxel data held. */
    public long voxelBytes() {
        return (long) nx * ny * nz * nt * store.type().bytes();
    }

    /** Whether values are physical (rescale applied at load) rather than stored values. */
    public boolean isPhysical() {
        return physical;
    }

    /** Unit of the physical values ("HU" for CT, else the Rescale Type, or ""). */
    public String unit() {
        return unit;
    }

    /** The stack the volume was loaded from, or null. */
    public Stack source() {
        return source;
    }

    /** Whether the geometry comes from the files (false: identity orientation, origin 0). */
    public boolean hasGeometry() {
        return geometry;
    }

    // ---------------------------------------------------------------------------------------------
    // voxels

    /** The voxel as held (stored value, or physical value for a physical volume). */
    public double get(int x, int y, int z) {
        return get(x, y, z, 0);
    }

    public double get(int x, int y, int z, int t) {
        check(x, y, z, t);
        return store.get(z * nt + t, y * nx + x);
    }

    /** The physical value of a voxel: {@code stored * slope + intercept} of its slice. */
    public double value(int x, int y, int z) {
        return value(x, y, z, 0);
    }

    public double value(int x, int y, int z, int t) {
        check(x, y, z, t);
        int s = z * nt + t;
        double v = store.get(s, y * nx + x);
        return physical ? v : v * slopes[s] + intercepts[s];
    }

    /** Sets a voxel as held (rounded and clamped for integer types). */
    public void set(int x, int y, int z, double v) {
        check(x, y, z, 0);
        store.set(z * nt, y * nx + x, v);
    }

    /** Physical values of row {@code y} of slice {@code (z, t)} into {@code dst[off .. off + nx)}. */
    public void physicalRow(int y, int z, int t, float[] dst, int off) {
        check(0, y, z, t);
        int s = z * nt + t;
        store.getFloats(s, y * nx, dst, off, nx);
        if (!physical && !(slopes[s] == 1 && intercepts[s] == 0)) {
            float sl = (float) slopes[s];
            float ic = (float) intercepts[s];
            for (int i = 0; i < nx; i++) {
                dst[off + i] = dst[off + i] * sl + ic;
            }
        }
    }

    /** Appends {@code count} voxels of row {@code y} starting at {@code x} in little endian (for writers). */
    public void writeRow(int y, int z, int t, ByteBuffer out) {
        check(0, y, z, t);
        store.writeLittleEndian(z * nt + t, y * nx, nx, out);
    }

    private void check(int x, int y, int z, int t) {
        if (x < 0 || x >= nx || y < 0 || y >= ny || z < 0 || z >= nz || t < 0 || t >= nt) {
            throw new IndexOutOfBoundsException("voxel (" + x + ", " + y + ", " + z + ", " + t + ") outside "
                    + nx + "x" + ny + "x" + nz + "x" + nt);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // rescale

    /** Rescale Slope of slice {@code (z, t)} as loaded (1 for a physical volume). */
    public double rescaleSlope(int z, int t) {
        return physical ? 1 : slopes[z * nt + t];
    }

    public double rescaleIntercept(int z, int t) {
        return physical ? 0 : intercepts[z * nt + t];
    }

    /** Rescale Slope of the first slice. */
    public double rescaleSlope(int z) {
        return rescaleSlope(z, 0);
    }

    /** Whether every slice has the same slope and intercept (one NIfTI scl_slope/scl_inter fits). */
    public boolean uniformRescale() {
        for (int i = 1; i < slopes.length; i++) {
            if (slopes[i] != slopes[0] || intercepts[i] != intercepts[0]) {
                return false;
            }
        }
        return true;
    }

    /** Smallest and largest physical value. */
    public double[] range() {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        float[] row = new float[nx];
        for (int z = 0; z < nz; z++) {
            for (int t = 0; t < nt; t++) {
                for (int y = 0; y < ny; y++) {
                    physicalRow(y, z, t, row, 0);
                    for (float v : row) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
            }
        }
        return new double[] {lo, hi};
    }

    // ---------------------------------------------------------------------------------------------
    // geometry

    /** LPS position (mm) of the centre of voxel (0, 0, 0). */
    public double[] origin() {
        return origin.clone();
    }

    /** Unit LPS direction of increasing x (the row direction of Image Orientation (Patient)). */
    public double[] rowDirection() {
        return rowDir.clone();
    }

    /** Unit LPS direction of increasing y (the column direction of Image Orientation (Patient)). */
    public double[] columnDirection() {
        return colDir.clone();
    }

    /** LPS step (mm) from slice z to z + 1. */
    public double[] sliceVector() {
        return sliceVector.clone();
    }

    /** Unit slice normal (row x column). */
    public double[] normal() {
        return Vec.unit(Vec.cross(rowDir, colDir));
    }

    /** Voxel size {dx, dy, dz} in mm; dz is the length of the slice vector. */
    public double[] spacing() {
        return new double[] {dx, dy, Vec.norm(sliceVector)};
    }

    /** The 4x4 matrix from voxel indices (x, y, z, 1) to LPS millimetres. */
    public double[][] affineLps() {
        double[][] m = new double[4][4];
        for (int r = 0; r < 3; r++) {
            m[r][0] = rowDir[r] * dx;
            m[r][1] = colDir[r] * dy;
            m[r][2] = sliceVector[r];
            m[r][3] = origin[r];
        }
        m[3][3] = 1;
        return m;
    }

    /** LPS position (mm) of a (possibly fractional) voxel index. */
    public double[] voxelToPatient(double x, double y, double z) {
        double[] p = new double[3];
        for (int r = 0; r < 3; r++) {
            p[r] = origin[r] + rowDir[r] * dx * x + colDir[r] * dy * y + sliceVector[r] * z;
        }
        return p;
    }

    /** The fractional voxel index {x, y, z} of an LPS position (inverse of {@link #voxelToPatient}). */
    public double[] patientToVoxel(double[] p) {
        double[][] m = affineLps();
        double[][] a = {{m[0][0], m[0][1], m[0][2]}, {m[1][0], m[1][1], m[1][2]}, {m[2][0], m[2][1], m[2][2]}};
        double[] b = Vec.sub(p, origin);
        double det = det3(a);
        double[] out = new double[3];
        for (int c = 0; c < 3; c++) {
            double[][] ac = {a[0].clone(), a[1].clone(), a[2].clone()};
            for (int r = 0; r < 3; r++) {
                ac[r][c] = b[r];
            }
            out[c] = det3(ac) / det;
        }
        return out;
    }

    private static double det3(double[][] a) {
        return a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1]) - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0])
                + a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0]);
    }

    @Override
    public String toString() {
        double[] s = spacing();
        return "Volume[" + nx + "x" + ny + "x" + nz + (nt > 1 ? "x" + nt : "") + " " + type() + (physical ? " " + unit : " stored")
                + String.format(java.util.Locale.ROOT, ", %.4gx%.4gx%.4g mm]", s[0], s[1], s[2]);
    }
}
