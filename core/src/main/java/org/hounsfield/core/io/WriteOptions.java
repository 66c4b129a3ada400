package org.hounsfield.core.io;

import org.hounsfield.core.TransferSyntax;

/**
 * How to write a Part 10 file.
 *
 * <pre>{@code
 * DicomWriter.write(ds, out, WriteOptions.of(TransferSyntax.EXPLICIT_VR_LE));
 * }</pre>
 *
 * @param transferSyntax the target syntax (null: the one the data set was read in, else Explicit VR LE)
 * @param keepMeta       write the original file meta unchanged when the syntax is the same
 *                       (byte-identical round trips); otherwise a new meta group is built
 * @param preamble       write the 128-byte preamble and "DICM" (a Part 10 file); false writes
 *                       the meta group directly (still self-describing)
 */
public record WriteOptions(TransferSyntax transferSyntax, boolean keepMeta, boolean preamble) {

    /** Our Implementation Class UID (0002,0012): a UUID-derived UID under 2.25. */
    public static final String IMPLEMENTATION_CLASS_UID = "2.25.147690265979172257055237654736712469521";
    /** Our Implementation Version Name (0002,0013). */
    public static final String IMPLEMENTATION_VERSION_NAME = "HOUNSFIELD_010";

    public static WriteOptions defaults() {
        return new WriteOptions(null, true, true);
    }

    public static WriteOptions of(TransferSyntax ts) {
        return new WriteOptions(ts, true, true);
    }

    public WriteOptions withKeepMeta(boolean v) {
        return new WriteOptions(transferSyntax, v, preamble);
    }
}
