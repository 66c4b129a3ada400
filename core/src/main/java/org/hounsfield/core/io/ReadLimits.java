package org.hounsfield.core.io;

/**
 * Hard limits against hostile input, in the spirit of Jackson's {@code StreamReadConstraints}.
 * The defaults read every file of the shared corpus; a caller may tighten or loosen them.
 * Independently of these, a value's declared length is always checked against what remains.
 *
 * <pre>{@code
 * ReadLimits strict = ReadLimits.defaults().withMaxDepth(16).withMaxItems(10_000);
 * Dataset ds = DicomReader.read(path, ReadOptions.defaults().withLimits(strict));
 * }</pre>
 *
 * @param maxDepth          deepest sequence nesting (top level is depth 0)
 * @param maxItems          most items in one sequence
 * @param maxFragments      most items in one encapsulated pixel data element
 * @param maxElementLength  largest single value in bytes
 * @param maxElements       most elements in one data set
 */
public record ReadLimits(int maxDepth, int maxItems, int maxFragments, long maxElementLength, int maxElements) {

    private static final ReadLimits DEFAULTS = new ReadLimits(64, 1_000_000, 1_000_000, Integer.MAX_VALUE - 16, 1_000_000);

    public static ReadLimits defaults() {
        return DEFAULTS;
    }

    public ReadLimits withMaxDepth(int v) {
        return new ReadLimits(v, maxItems, maxFragments, maxElementLength, maxElements);
    }

    public ReadLimits withMaxItems(int v) {
        return new ReadLimits(maxDepth, v, maxFragments, maxElementLength, maxElements);
    }

    public ReadLimits withMaxFragments(int v) {
        return new ReadLimits(maxDepth, maxItems, v, maxElementLength, maxElements);
    }

    public ReadLimits withMaxElementLength(long v) {
        return new ReadLimits(maxDepth, maxItems, maxFragments, v, maxElements);
    }

    public ReadLimits withMaxElements(int v) {
        return new ReadLimits(maxDepth, maxItems, maxFragments, maxElementLength, v);
    }
}
