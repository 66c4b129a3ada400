package org.hounsfield.codec.jpeg2000.internal;

/**
 * Tier-1 decoding of one code-block: the plug-in point for EBCOT (Part 1) and HTJ2K (Part 15)
 * block coders. Instances are used by one thread at a time.
 */
public interface CodeBlockDecoder {

    /**
     * Decodes {@code cb} into {@code out[0 .. width*height)} (row-major, stride = width): each
     * coefficient as a signed value whose magnitude is twice the decoded magnitude plus the
     * mid-point reconstruction bit (2|q|+1 when all bit-planes are present, 0 for zero).
     *
     * @param numBitPlanes number of coded magnitude bit-planes: Mb + ROI shift - zero bit-planes
     * @param orient       0 LL, 1 HL, 2 LH, 3 HH
     * @param style        code-block style bits of COD/COC
     */
    void decode(CodeBlock cb, int numBitPlanes, int orient, int style, int[] out);
}
