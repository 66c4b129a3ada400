package org.hounsfield.imaging.phantom;

/**
 * A synthetic head in Hounsfield units, defined in patient coordinates (LPS, millimetres, centre
 * of the head at the origin): ellipsoids of textbook tissue values (air -1000, fat -100, CSF 8,
 * white matter 28, grey matter 40, blood 60, bone 900) and a 1500 HU marker bead on the
 * patient's left, anterior and superior side, so that a flipped axis shows. The 3D counterpart
 * of {@code org.hounsfield.core.example.HeadPhantom}: any slice, of any orientation, samples the
 * same object, which is what makes exact geometry tests possible.
 *
 * <pre>{@code
 * double hu = HeadPhantom3D.hu(0, -78, 30);   // -1000: the frontal sinus
 * }</pre>
 */
public final class HeadPhantom3D {

    private HeadPhantom3D() {
    }

    /** Ellipsoid: centre, half-axes (mm), rotation about the z axis (degrees), HU. */
    private record Ellipsoid(double x, double y, double z, double a, double b, double c, double degrees, double hu) {
        boolean contains(double px, double py, double pz) {
            double t = Math.toRadians(degrees);
            double dx = px - x;
            double dy = py - y;
            double dz = pz - z;
            double u = dx * Math.cos(t) + dy * Math.sin(t);
            double v = -dx * Math.sin(t) + dy * Math.cos(t);
            return (u * u) / (a * a) + (v * v) / (b * b) + (dz * dz) / (c * c) <= 1;
        }
    }

    // painted in order, later shapes over earlier ones
    private static final Ellipsoid[] HEAD = {
        new Ellipsoid(0, 0, 0, 72, 92, 100, 0, -100),          // scalp fat
        new Ellipsoid(0, 0, 0, 69, 89, 97, 0, 900),            // skull
        new Ellipsoid(0, 1, 0, 64, 84, 92, 0, 8),              // CSF space
        new Ellipsoid(0, 1, 0, 62, 82, 90, 0, 40),             // grey matter
        new Ellipsoid(0, 2, 5, 52, 70, 72, 0, 28),             // white matter
        new Ellipsoid(-11, -5, 10, 5, 20, 25, -18, 8),         // lateral ventricles
        new Ellipsoid(11, -5, 10, 5, 20, 25, 18, 8),
        new Ellipsoid(0, 30, 0, 3, 6, 10, 0, 8),               // third ventricle
        new Ellipsoid(30, -35, 20, 8, 5, 6, 30, 60),           // a small haemorrhage on the left
        new Ellipsoid(0, -78, 30, 10, 5, 8, 0, -1000),         // frontal sinus (air)
        new Ellipsoid(40, -50, 50, 4, 4, 4, 0, 1500),          // marker bead: left, anterior, superior
    };

    /** Lowest and highest z (mm) of the head. */
    public static final double Z_MIN = -100;
    public static final double Z_MAX = 100;

    /** HU at an LPS point (mm). */
    public static int hu(double x, double y, double z) {
        double v = -1000;
        for (Ellipsoid e : HEAD) {
            if (e.contains(x, y, z)) {
                v = e.hu;
            }
        }
        return (int) v;
    }

    /** HU at an LPS point given as {x, y, z}. */
    public static int hu(double[] p) {
        return hu(p[0], p[1], p[2]);
    }

    /**
     * Whether the HU value is the same at every point within {@code eps} mm along each axis: a
     * voxel centre this close to a tissue boundary may fall on either side after the rounding of
     * positions in the DICOM files, so exact tests skip it.
     */
    public static boolean stable(double[] p, double eps) {
        int v = hu(p);
        for (int axis = 0; axis < 3; axis++) {
            for (int sign = -1; sign <= 1; sign += 2) {
                double[] q = p.clone();
                q[axis] += sign * eps;
                if (hu(q) != v) {
                    return false;
                }
            }
        }
        return true;
    }
}
