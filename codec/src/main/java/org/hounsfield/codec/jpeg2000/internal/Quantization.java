package org.hounsfield.codec.jpeg2000.internal;

/** Quantization parameters of one tile-component (QCD/QCC, ISO/IEC 15444-1 A.6.4/A.6.5). */
final class Quantization {
    static final int NONE = 0, DERIVED = 1, EXPOUNDED = 2;

    int style;
    int guardBits;
    /** Per sub-band in order LL, then HL, LH, HH for each resolution (only [0] for DERIVED). */
    int[] exponent;
    int[] mantissa;

    /** Exponent of sub-band {@code bandIndex} (0 = LL, 1 + 3(r-1) + orient-1 otherwise). */
    int exponent(int bandIndex, int levels) {
        if (style == DERIVED) {
            int nbDelta = bandIndex == 0 ? 0 : (bandIndex - 1) / 3;
            return Math.max(0, exponent[0] - nbDelta);
        }
        return bandIndex < exponent.length ? exponent[bandIndex] : exponent[exponent.length - 1];
    }

    int mantissa(int bandIndex) {
        if (style == DERIVED) {
            return mantissa[0];
        }
        return bandIndex < mantissa.length ? mantissa[bandIndex] : mantissa[mantissa.length - 1];
    }
}
