package org.hounsfield.imaging.series.internal;

/** Small 3-vector helpers on {@code double[3]} (patient coordinates, millimetres). */
public final class Vec {
    private Vec() {
    }

    public static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    public static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    public static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    public static double[] sub(double[] a, double[] b) {
        return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
    }

    public static double[] add(double[] a, double[] b) {
        return new double[] {a[0] + b[0], a[1] + b[1], a[2] + b[2]};
    }

    public static double[] scale(double[] a, double s) {
        return new double[] {a[0] * s, a[1] * s, a[2] * s};
    }

    /** {@code a} scaled to unit length; {@code a} itself when its length is 0. */
    public static double[] unit(double[] a) {
        double n = norm(a);
        return n == 0 ? a.clone() : scale(a, 1 / n);
    }

    /** The row direction of an Image Orientation (Patient) value (direction of increasing column index). */
    public static double[] row(double[] iop) {
        return new double[] {iop[0], iop[1], iop[2]};
    }

    /** The column direction of an Image Orientation (Patient) value (direction of increasing row index). */
    public static double[] col(double[] iop) {
        return new double[] {iop[3], iop[4], iop[5]};
    }

    /** The unit slice normal (row x column) of an Image Orientation (Patient) value. */
    public static double[] normal(double[] iop) {
        return unit(cross(row(iop), col(iop)));
    }

    /** Angle between two vectors in degrees (0..180). */
    public static double angleDegrees(double[] a, double[] b) {
        double c = dot(a, b) / (norm(a) * norm(b));
        return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, c))));
    }

    /** Whether every component differs by at most {@code tol}. */
    public static boolean near(double[] a, double[] b, double tol) {
        if (a == null || b == null || a.length != b.length) {
            return a == b;
        }
        for (int i = 0; i < a.length; i++) {
            if (Math.abs(a[i] - b[i]) > tol) {
                return false;
            }
        }
        return true;
    }

    /** Whether an orientation is usable: 6 finite values, both directions of non-zero length and not parallel. */
    public static boolean validOrientation(double[] iop) {
        if (iop == null || iop.length != 6) {
            return false;
        }
        for (double d : iop) {
            if (!Double.isFinite(d)) {
                return false;
            }
        }
        double[] r = row(iop);
        double[] c = col(iop);
        return norm(r) > 1e-6 && norm(c) > 1e-6 && norm(cross(r, c)) > 1e-6 * norm(r) * norm(c);
    }
}
