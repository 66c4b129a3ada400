package org.hounsfield.codec.jpeg2000.internal;

/**
 * One code-block: geometry, tier-2 state and the compressed data gathered from all layers
 * (codeword segments stored back to back). Internal: shared with the HTJ2K block decoder.
 */
public final class CodeBlock {
    /** Position in band coordinates. */
    public final int x0, y0, x1, y1;
    boolean included;
    /** Number of magnitude bit-planes actually coded (Mb - zero bit-planes), set on first inclusion. */
    int zeroBitPlanes;
    int lblock = 3;
    /** Total number of coding passes received. */
    public int passes;
    /** Concatenated codeword segments. */
    public byte[] data = EMPTY;
    public int dataLength;
    /** Number of passes and bytes per codeword segment. */
    public int[] segPasses = new int[1];
    public int[] segLengths = new int[1];
    public int numSegments;

    static final byte[] EMPTY = new byte[0];

    CodeBlock(int x0, int y0, int x1, int y1) {
        this.x0 = x0;
        this.y0 = y0;
        this.x1 = x1;
        this.y1 = y1;
    }

    public int width() {
        return x1 - x0;
    }

    public int height() {
        return y1 - y0;
    }

    void appendData(byte[] src, int off, int len) {
        if (dataLength + len > data.length) {
            data = java.util.Arrays.copyOf(data, Math.max(dataLength + len, Math.max(64, data.length * 2)));
        }
        System.arraycopy(src, off, data, dataLength, len);
        dataLength += len;
    }

    void addSegment() {
        if (numSegments == segPasses.length) {
            segPasses = java.util.Arrays.copyOf(segPasses, numSegments * 2 + 1);
            segLengths = java.util.Arrays.copyOf(segLengths, numSegments * 2 + 1);
        }
        segPasses[numSegments] = 0;
        segLengths[numSegments] = 0;
        numSegments++;
    }
}
