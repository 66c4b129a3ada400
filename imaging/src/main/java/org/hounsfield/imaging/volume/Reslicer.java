package org.hounsfield.imaging.volume;

import java.util.Arrays;

import org.hounsfield.imaging.series.internal.Vec;

/**
 * Planes through a {@link Volume}: axial, coronal and sagittal planes at any index (exact voxels,
 * no interpolation), oblique planes (trilinear interpolation), and maximum, minimum and mean
 * intensity projections over slabs. Values are physical (HU for CT).
 *
 * <p>Planes are shown as radiologists look at them: axial from the feet (patient left on the
 * right of the image, anterior at the top), coronal from the front (left on the right, head at
 * the top), sagittal from the patient's left (anterior on the left, head at the top).
 *
 * <pre>{@code
 * Reslicer.Image2D cor = Reslicer.plane(v, Reslicer.Plane.CORONAL, 128);
 * Reslicer.Image2D mip = Reslicer.slab(v, Reslicer.Plane.AXIAL, 40, 20, Reslicer.Projection.MAX);
 * }</pre>
 */
public final class Reslicer {

    private Reslicer() {
    }

    /** The three anatomical planes. */
    public enum Plane {
        AXIAL, CORONAL, SAGITTAL
    }

    /** How the planes of a slab are combined. */
    public enum Projection {
        MAX, MIN, MEAN
    }

    /**
     * A 2D image of physical values, row by row from the top; NaN where a plane leaves the volume.
     *
     * @param pixelWidth  mm between columns
     * @param pixelHeight mm between rows
     */
    public record Image2D(int width, int height, float[] pixels, double pixelWidth, double pixelHeight) {
        public float get(int x, int y) {
            return pixels[y * width + x];
        }
    }

    /** How an anatomical plane maps onto the voxel axes (0 = x, 1 = y, 2 = z). */
    record Mapping(int normalAxis, int hAxis, boolean hFlip, int vAxis, boolean vFlip) {
    }

    static Mapping mapping(Volume v, Plane p) {
        double[][] dirs = {v.rowDirection(), v.columnDirection(), Vec.unit(v.sliceVector())};
        // patient axes (LPS): the plane normal, display right, display down
        double[] normal;
        double[] right;
        double[] down;
        switch (p) {
            case AXIAL -> {
                normal = new double[] {0, 0, 1};
                right = new double[] {1, 0, 0};
                down = new double[] {0, 1, 0};
            }
            case CORONAL -> {
                normal = new double[] {0, 1, 0};
                right = new double[] {1, 0, 0};
                down = new double[] {0, 0, -1};
            }
            default -> {
                normal = new double[] {1, 0, 0};
                right = new double[] {0, 1, 0};
                down = new double[] {0, 0, -1};
            }
        }
        int n = argmax(dirs, normal, -1, -1);
        int h = argmax(dirs, right, n, -1);
        int d = 3 - n - h;
        return new Mapping(n, h, Vec.dot(dirs[h], right) < 0, d, Vec.dot(dirs[d], down) < 0);
    }

    private static int argmax(double[][] dirs, double[] axis, int skip1, int skip2) {
        int best = -1;
        double bestDot = -1;
        for (int i = 0; i < 3; i++) {
            if (i == skip1 || i == skip2) {
                continue;
            }
            double d = Math.abs(Vec.dot(dirs[i], axis));
            if (d > bestDot) {
                bestDot = d;
                best = i;
            }
        }
        return best;
    }

    private static int size(Volume v, int axis) {
        return axis == 0 ? v.nx() : axis == 1 ? v.ny() : v.nz();
    }

    /** Number of planes of this orientation (the valid indices are 0 .. count - 1). */
    public static int planeCount(Volume v, Plane p) {
        return size(v, mapping(v, p).normalAxis());
    }

    /** The plane at voxel index {@code index} along the voxel axis nearest to the plane's normal. */
    public static Image2D plane(Volume v, Plane p, int index) {
        return slab(v, p, index, 1, Projection.MAX);
    }

    /**
     * A projection over {@code thickness} planes centred on {@code index} (clipped at the edges
     * of the volume), at time point 0.
     */
    public static Image2D slab(Volume v, Plane p, int index, int thickness, Projection projection) {
        Mapping m = mapping(v, p);
        int count = size(v, m.normalAxis());
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException(p.name().toLowerCase(java.util.Locale.ROOT) + " index " + index + " outside 0.." + (count - 1));
        }
        if (thickness < 1) {
            throw new IllegalArgumentException("slab thickness must be at least 1 plane");
        }
        int from = Math.max(0, index - (thickness - 1) / 2);
        int to = Math.min(count - 1, from + thickness - 1);
        int w = size(v, m.hAxis());
        int h = size(v, m.vAxis());
        float[] out = new float[w * h];
        Arrays.fill(out, projection == Projection.MAX ? Float.NEGATIVE_INFINITY : projection == Projection.MIN ? Float.POSITIVE_INFINITY : 0);
        int[] xyz = new int[3];
        for (int k = from; k <= to; k++) {
            xyz[m.normalAxis()] = k;
            for (int r = 0; r < h; r++) {
                xyz[m.vAxis()] = m.vFlip() ? h - 1 - r : r;
                for (int c = 0; c < w; c++) {
                    xyz[m.hAxis()] = m.hFlip() ? w - 1 - c : c;
                    float val = (float) v.value(xyz[0], xyz[1], xyz[2]);
                    int i = r * w + c;
                    switch (projection) {
                        case MAX -> out[i] = Math.max(out[i], val);
                        case MIN -> out[i] = Math.min(out[i], val);
                        case MEAN -> out[i] += val;
                    }
                }
            }
        }
        if (projection == Projection.MEAN) {
            int n = to - from + 1;
            for (int i = 0; i < out.length; i++) {
                out[i] /= n;
            }
        }
        double[] sp = v.spacing();
        return new Image2D(w, h, out, sp[m.hAxis()], sp[m.vAxis()]);
    }

    /**
     * An oblique plane: {@code width x height} pixels of {@code pixelSize} mm centred on
     * {@code centre} (LPS mm), rows along {@code right}, columns along {@code down} (both made
     * orthonormal), sampled by trilinear interpolation; with {@code slabMm > 0} a projection over
     * planes 1 voxel apart along the plane normal.
     */
    public static Image2D oblique(Volume v, double[] centre, double[] right, double[] down, int width, int height,
                                  double pixelSize, double slabMm, Projection projection) {
        if (width < 1 || height < 1 || width * (long) height > 1 << 26 || !(pixelSize > 0)) {
            throw new IllegalArgumentException("bad oblique plane size " + width + "x" + height + " at " + pixelSize + " mm");
        }
        double[] u = Vec.unit(right);
        double[] n = Vec.unit(Vec.cross(u, down));
        if (Vec.norm(n) < 0.5) {
            throw new IllegalArgumentException("oblique plane directions are parallel");
        }
        double[] d = Vec.cross(n, u);
        double step = Math.min(v.spacing()[0], Math.min(v.spacing()[1], v.spacing()[2]));
        int planes = slabMm > 0 ? Math.max(1, (int) Math.round(slabMm / step)) : 1;
        float[] out = new float[width * height];
        Arrays.fill(out, projection == Projection.MAX ? Float.NEGATIVE_INFINITY : projection == Projection.MIN ? Float.POSITIVE_INFINITY : 0);
        int[] hits = new int[out.length];
        for (int s = 0; s < planes; s++) {
            double off = (s - (planes - 1) / 2.0) * step;
            for (int r = 0; r < height; r++) {
                for (int c = 0; c < width; c++) {
                    double a = (c - (width - 1) / 2.0) * pixelSize;
                    double b = (r - (height - 1) / 2.0) * pixelSize;
                    double[] p = {centre[0] + a * u[0] + b * d[0] + off * n[0], centre[1] + a * u[1] + b * d[1] + off * n[1],
                        centre[2] + a * u[2] + b * d[2] + off * n[2]};
                    double val = trilinear(v, v.patientToVoxel(p));
                    if (Double.isNaN(val)) {
                        continue;
                    }
                    int i = r * width + c;
                    hits[i]++;
                    switch (projection) {
                        case MAX -> out[i] = Math.max(out[i], (float) val);
                        case MIN -> out[i] = Math.min(out[i], (float) val);
                        case MEAN -> out[i] += (float) val;
                    }
                }
            }
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = hits[i] == 0 ? Float.NaN : projection == Projection.MEAN ? out[i] / hits[i] : out[i];
        }
        return new Image2D(width, height, out, pixelSize, pixelSize);
    }

    /** Trilinear interpolation of physical values at a fractional voxel index; NaN outside. */
    public static double trilinear(Volume v, double[] xyz) {
        double x = xyz[0];
        double y = xyz[1];
        double z = xyz[2];
        double eps = 1e-9;
        if (x < -eps || y < -eps || z < -eps || x > v.nx() - 1 + eps || y > v.ny() - 1 + eps || z > v.nz() - 1 + eps) {
            return Double.NaN;
        }
        int x0 = clamp((int) Math.floor(x), v.nx());
        int y0 = clamp((int) Math.floor(y), v.ny());
        int z0 = clamp((int) Math.floor(z), v.nz());
        int x1 = Math.min(x0 + 1, v.nx() - 1);
        int y1 = Math.min(y0 + 1, v.ny() - 1);
        int z1 = Math.min(z0 + 1, v.nz() - 1);
        double fx = Math.max(0, Math.min(1, x - x0));
        double fy = Math.max(0, Math.min(1, y - y0));
        double fz = Math.max(0, Math.min(1, z - z0));
        double c00 = lerp(v.value(x0, y0, z0), v.value(x1, y0, z0), fx);
        double c10 = lerp(v.value(x0, y1, z0), v.value(x1, y1, z0), fx);
        double c01 = lerp(v.value(x0, y0, z1), v.value(x1, y0, z1), fx);
        double c11 = lerp(v.value(x0, y1, z1), v.value(x1, y1, z1), fx);
        return lerp(lerp(c00, c10, fy), lerp(c01, c11, fy), fz);
    }

    private static int clamp(int i, int n) {
        return Math.max(0, Math.min(n - 1, i));
    }

    private static double lerp(double a, double b, double f) {
        return f == 0 ? a : f == 1 ? b : a + (b - a) * f;
    }

    /** LPS centre of the volume (mm). */
    public static double[] centre(Volume v) {
        return v.voxelToPatient((v.nx() - 1) / 2.0, (v.ny() - 1) / 2.0, (v.nz() - 1) / 2.0);
    }
}
