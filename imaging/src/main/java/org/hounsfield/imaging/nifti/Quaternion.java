package org.hounsfield.imaging.nifti;

/**
 * The NIfTI-1 qform parameters of an affine: the rotation nearest to its normalised columns (a
 * polar decomposition, so sheared matrices get the closest rotation), as quaternion b, c, d with
 * a &gt;= 0, and qfac (-1 when the matrix has a negative determinant).
 */
final class Quaternion {
    private Quaternion() {
    }

    /** {b, c, d, qfac} of the 3x3 part of {@code m}. */
    static double[] fromMatrix(double[][] m) {
        double[][] r = new double[3][3];
        for (int c = 0; c < 3; c++) {
            double n = Math.sqrt(m[0][c] * m[0][c] + m[1][c] * m[1][c] + m[2][c] * m[2][c]);
            for (int i = 0; i < 3; i++) {
                r[i][c] = n == 0 ? (i == c ? 1 : 0) : m[i][c] / n;
            }
        }
        r = polar(r);
        double qfac = 1;
        if (det(r) < 0) {
            qfac = -1;
            for (int i = 0; i < 3; i++) {
                r[i][2] = -r[i][2];
            }
        }
        double a = r[0][0] + r[1][1] + r[2][2] + 1;
        double b;
        double c;
        double d;
        if (a > 0.5) {
            a = 0.5 * Math.sqrt(a);
            b = 0.25 * (r[2][1] - r[1][2]) / a;
            c = 0.25 * (r[0][2] - r[2][0]) / a;
            d = 0.25 * (r[1][0] - r[0][1]) / a;
        } else {
            double xd = 1 + r[0][0] - (r[1][1] + r[2][2]);
            double yd = 1 + r[1][1] - (r[0][0] + r[2][2]);
            double zd = 1 + r[2][2] - (r[0][0] + r[1][1]);
            if (xd > 1) {
                b = 0.5 * Math.sqrt(xd);
                c = 0.25 * (r[0][1] + r[1][0]) / b;
                d = 0.25 * (r[0][2] + r[2][0]) / b;
                a = 0.25 * (r[2][1] - r[1][2]) / b;
            } else if (yd > 1) {
                c = 0.5 * Math.sqrt(yd);
                b = 0.25 * (r[0][1] + r[1][0]) / c;
                d = 0.25 * (r[1][2] + r[2][1]) / c;
                a = 0.25 * (r[0][2] - r[2][0]) / c;
            } else {
                d = 0.5 * Math.sqrt(zd);
                b = 0.25 * (r[0][2] + r[2][0]) / d;
                c = 0.25 * (r[1][2] + r[2][1]) / d;
                a = 0.25 * (r[1][0] - r[0][1]) / d;
            }
            if (a < 0) {
                b = -b;
                c = -c;
                d = -d;
            }
        }
        return new double[] {b, c, d, qfac};
    }

    /** The orthogonal matrix nearest to {@code x} (Newton iteration X = (X + X^-T) / 2). */
    static double[][] polar(double[][] x) {
        double[][] q = copy(x);
        for (int it = 0; it < 100; it++) {
            double[][] inv = inverse(q);
            if (inv == null) {
                return q;
            }
            double diff = 0;
            double[][] next = new double[3][3];
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    next[i][j] = 0.5 * (q[i][j] + inv[j][i]);
                    diff = Math.max(diff, Math.abs(next[i][j] - q[i][j]));
                }
            }
            q = next;
            if (diff < 1e-15) {
                break;
            }
        }
        return q;
    }

    static double det(double[][] a) {
        return a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1]) - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0])
                + a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0]);
    }

    private static double[][] inverse(double[][] a) {
        double d = det(a);
        if (Math.abs(d) < 1e-300) {
            return null;
        }
        double[][] r = new double[3][3];
        r[0][0] = (a[1][1] * a[2][2] - a[1][2] * a[2][1]) / d;
        r[0][1] = (a[0][2] * a[2][1] - a[0][1] * a[2][2]) / d;
        r[0][2] = (a[0][1] * a[1][2] - a[0][2] * a[1][1]) / d;
        r[1][0] = (a[1][2] * a[2][0] - a[1][0] * a[2][2]) / d;
        r[1][1] = (a[0][0] * a[2][2] - a[0][2] * a[2][0]) / d;
        r[1][2] = (a[0][2] * a[1][0] - a[0][0] * a[1][2]) / d;
        r[2][0] = (a[1][0] * a[2][1] - a[1][1] * a[2][0]) / d;
        r[2][1] = (a[0][1] * a[2][0] - a[0][0] * a[2][1]) / d;
        r[2][2] = (a[0][0] * a[1][1] - a[0][1] * a[1][0]) / d;
        return r;
    }

    private static double[][] copy(double[][] a) {
        return new double[][] {a[0].clone(), a[1].clone(), a[2].clone()};
    }
}
