package org.hounsfield.codec.jpeg2000.internal;

/**
 * Coding style of one tile-component (COD/COC marker segments, ISO/IEC 15444-1 A.6.1/A.6.2).
 * Internal: shared with the HTJ2K decoder, not a public API.
 */
public final class CodingStyle {
    /** Code-block style bits (Table A.19). */
    public static final int CB_BYPASS = 0x01, CB_RESET = 0x02, CB_TERMALL = 0x04, CB_CAUSAL = 0x08,
            CB_PREDICTABLE = 0x10, CB_SEGSYM = 0x20, CB_HT = 0x40;

    /** Progression orders (Table A.16). */
    public static final int LRCP = 0, RLCP = 1, RPCL = 2, PCRL = 3, CPRL = 4;

    boolean sop;
    boolean eph;
    int progression;
    int layers;
    int mct;
    int levels;
    int cbw;
    int cbh;
    int cbStyle;
    /** 1 = reversible 5/3, 0 = irreversible 9/7. */
    int transform;
    /** Precinct size exponents per resolution level (15 = maximal precincts). */
    int[] ppx;
    int[] ppy;

    CodingStyle copy() {
        CodingStyle c = new CodingStyle();
        c.sop = sop;
        c.eph = eph;
        c.progression = progression;
        c.layers = layers;
        c.mct = mct;
        c.levels = levels;
        c.cbw = cbw;
        c.cbh = cbh;
        c.cbStyle = cbStyle;
        c.transform = transform;
        c.ppx = ppx.clone();
        c.ppy = ppy.clone();
        return c;
    }

    /** Copies the component-specific part (SPcoc) of {@code o} into this style. */
    void setComponentPart(CodingStyle o) {
        levels = o.levels;
        cbw = o.cbw;
        cbh = o.cbh;
        cbStyle = o.cbStyle;
        transform = o.transform;
        ppx = o.ppx.clone();
        ppy = o.ppy.clone();
    }

    public int levels() {
        return levels;
    }

    public int codeBlockStyle() {
        return cbStyle;
    }

    public boolean reversible() {
        return transform == 1;
    }
}
