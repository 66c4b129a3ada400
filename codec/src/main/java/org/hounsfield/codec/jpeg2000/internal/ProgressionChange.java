package org.hounsfield.codec.jpeg2000.internal;

/** One progression of a POC marker (or the default progression of COD), ISO/IEC 15444-1 A.6.6. */
final class ProgressionChange {
    final int resStart;
    final int compStart;
    final int layerEnd;
    final int resEnd;
    final int compEnd;
    final int order;

    ProgressionChange(int resStart, int compStart, int layerEnd, int resEnd, int compEnd, int order) {
        this.resStart = resStart;
        this.compStart = compStart;
        this.layerEnd = layerEnd;
        this.resEnd = resEnd;
        this.compEnd = compEnd;
        this.order = order;
    }
}
