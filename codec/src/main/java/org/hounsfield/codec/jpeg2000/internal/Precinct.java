package org.hounsfield.codec.jpeg2000.internal;

/** The code-blocks of one sub-band inside one precinct, with their tag trees. */
final class Precinct {
    /** Code-blocks in raster order, {@code cw} per row. */
    final CodeBlock[] blocks;
    final int cw;
    final int ch;
    final TagTree inclusion;
    final TagTree zeroBitPlanes;

    Precinct(CodeBlock[] blocks, int cw, int ch) {
        this.blocks = blocks;
        this.cw = cw;
        this.ch = ch;
        if (blocks.length > 0) {
            inclusion = new TagTree(cw, ch);
            zeroBitPlanes = new TagTree(cw, ch);
        } else {
            inclusion = null;
            zeroBitPlanes = null;
        }
    }
}
