package org.hounsfield.codec.jpeg;

/** One image component of a frame, with its decoded sample plane. */
final class Component {
    final int id;
    final int h;
    final int v;
    final int tq;
    /** Position of the component in the frame header: its sample's place in each output pixel. */
    int index;
    /** Latched quantisation table (natural order), set by the first scan that codes the component. */
    int[] quant;
    /** Size of the component in samples (T.81 A.1.1). */
    int dw;
    int dh;
    /** Blocks (DCT) or samples (lossless) per plane row and plane rows, covering whole MCUs. */
    int blocksW;
    int blocksH;
    int stride;
    /** Rows {@link #plane} holds: all of them, or a ring of three MCU rows when the frame is streamed. */
    int ringRows;
    short[] plane;
    /** Progressive only: quantised coefficients, 64 per block, natural order. */
    short[] coefs;
    int pred;
    HuffmanTable dc;
    HuffmanTable ac;
    boolean coded;

    /** Offset in {@link #plane} of sample row r. */
    int rowOffset(int r) {
        return (r < ringRows ? r : r % ringRows) * stride;
    }

    Component(int id, int h, int v, int tq) {
        this.id = id;
        this.h = h;
        this.v = v;
        this.tq = tq;
    }
}
