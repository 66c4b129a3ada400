package org.hounsfield.core.io;

/**
 * How to read: where to stop, which values to leave in the file, which limits apply.
 *
 * <pre>{@code
 * ReadOptions headerOnly = ReadOptions.defaults().withStopBeforePixelData(true);
 * ReadOptions lazy = ReadOptions.defaults().withDeferThreshold(64 * 1024);  // values > 64 KiB stay in the file
 * ReadOptions strict = ReadOptions.defaults().withStrict(true);   // no workarounds: the first one throws
 * }</pre>
 *
 * <p>Lenient reading (the default) reads what pydicom reads from broken files and records each
 * workaround in {@link org.hounsfield.core.Dataset#readProblems()}; strict reading throws a
 * {@link org.hounsfield.core.DicomParseException} at the first of them instead. The workarounds:
 * a data set in the other VR mode than its transfer syntax says, an element without a VR in an
 * explicit VR data set, odd value and fragment lengths, stray delimiters, trailing zero bytes, a
 * meta group without a transfer syntax or in implicit VR, and a sequence, an item of undefined
 * length or encapsulated pixel data that ends at the end of the data without its delimiter
 * (the items read so far are kept). What neither mode can read throws in both: a length longer
 * than what remains, a cut inside an element or an item header, a broken item structure.
 *
 * <p>An explicit VR that differs from the dictionary's (Patient's Name written as LO) is a
 * finding, not a broken encoding: the value is kept with the VR as read, the finding is recorded
 * in {@code readProblems()} in <em>both</em> modes, and strict reading does not throw (pydicom and
 * DCMTK read such files as they are). Not compared: UN (always legitimate), private tags, group
 * lengths and elements whose dictionary VR is ambiguous ("US or SS", "OB or OW").
 *
 * @param stopBeforePixelData stop at the top-level (7FE0,0008/0009/0010) pixel data element
 * @param deferThreshold      values longer than this (bytes) are left in the file and read on
 *                            access (files only; -1 = read every value)
 * @param limits              hard limits against hostile input
 * @param strict              throw instead of working around a broken encoding (see above)
 */
public record ReadOptions(boolean stopBeforePixelData, long deferThreshold, ReadLimits limits, boolean strict) {

    private static final ReadOptions DEFAULTS = new ReadOptions(false, -1, ReadLimits.defaults(), false);

    public static ReadOptions defaults() {
        return DEFAULTS;
    }

    public ReadOptions withStopBeforePixelData(boolean v) {
        return new ReadOptions(v, deferThreshold, limits, strict);
    }

    public ReadOptions withDeferThreshold(long v) {
        return new ReadOptions(stopBeforePixelData, v, limits, strict);
    }

    public ReadOptions withLimits(ReadLimits v) {
        return new ReadOptions(stopBeforePixelData, deferThreshold, v, strict);
    }

    public ReadOptions withStrict(boolean v) {
        return new ReadOptions(stopBeforePixelData, deferThreshold, limits, v);
    }
}
