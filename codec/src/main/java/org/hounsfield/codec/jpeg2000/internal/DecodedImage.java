package org.hounsfield.codec.jpeg2000.internal;

/** Decoded component planes (one int per sample, row-major) at the decoded resolution. */
public final class DecodedImage {
    public final int numComponents;
    public final int[] width;
    public final int[] height;
    public final int[] precision;
    public final boolean[] signed;
    public final int[][] planes;
    /** Offset of each component's origin on its own (reduced) sample grid. */
    final int[] originX;
    final int[] originY;

    DecodedImage(int n) {
        numComponents = n;
        width = new int[n];
        height = new int[n];
        precision = new int[n];
        signed = new boolean[n];
        planes = new int[n][];
        originX = new int[n];
        originY = new int[n];
    }
}
