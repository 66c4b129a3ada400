package org.hounsfield.codec.jpeg2000.internal;

/** A sub-band of one resolution level of a tile-component. */
final class Band {
    static final int LL = 0, HL = 1, LH = 2, HH = 3;
    final int orient;
    final int x0, y0, x1, y1;
    /** Mb: magnitude bit-planes (guard bits + exponent - 1). */
    int magnitudeBits;
    /** Reconstruction step for 9/7 (already halved for the extra fraction bit of the block decoder). */
    float step;
    /** Per precinct index of the resolution; null entries for precincts outside the band. */
    Precinct[] precincts;

    Band(int orient, int x0, int y0, int x1, int y1) {
        this.orient = orient;
        this.x0 = x0;
        this.y0 = y0;
        this.x1 = x1;
        this.y1 = y1;
    }

    boolean empty() {
        return x0 >= x1 || y0 >= y1;
    }
}
