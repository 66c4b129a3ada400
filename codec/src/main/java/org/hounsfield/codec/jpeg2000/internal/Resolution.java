package org.hounsfield.codec.jpeg2000.internal;

/** One resolution level of a tile-component. */
final class Resolution {
    final int r;
    final int x0, y0, x1, y1;
    final int ppx, ppy;
    /** Number of precincts horizontally and vertically. */
    final int pw, ph;
    final Band[] bands;
    /** Layers already read per precinct. */
    final int[] nextLayer;

    Resolution(int r, int x0, int y0, int x1, int y1, int ppx, int ppy, Band[] bands) {
        this.r = r;
        this.x0 = x0;
        this.y0 = y0;
        this.x1 = x1;
        this.y1 = y1;
        this.ppx = ppx;
        this.ppy = ppy;
        this.pw = x1 > x0 ? ceilDivPow2(x1, ppx) - (x0 >> ppx) : 0;
        this.ph = y1 > y0 ? ceilDivPow2(y1, ppy) - (y0 >> ppy) : 0;
        this.bands = bands;
        this.nextLayer = new int[Math.max(0, pw * ph)];
    }

    static int ceilDivPow2(int a, int e) {
        return (int) (((long) a + (1L << e) - 1) >> e);
    }
}
