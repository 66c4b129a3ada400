package org.hounsfield.imaging.volume;

/**
 * How {@link VolumeLoader} builds a volume.
 *
 * <pre>{@code
 * VolumeOptions.stored();                   // values as stored, rescale kept per slice
 * VolumeOptions.physical().withThreads(1);  // HU (int16 when exact, else float32), one thread
 * }</pre>
 *
 * @param values  stored values or physical values (Rescale Slope/Intercept applied)
 * @param threads  slices decoded in parallel (at least 1)
 * @param fillGaps put a stack with missing slices on a regular grid, the missing slices linearly
 *                 interpolated from their neighbours (default off: the slices as found, as dcm2niix
 *                 writes them, with the step between the first two as slice vector)
 */
public record VolumeOptions(Values values, int threads, boolean fillGaps) {

    /** Which values the voxels hold. */
    public enum Values {
        /** As stored in the files; the rescale of each slice is kept beside the voxels. */
        STORED,
        /** Physical (HU for CT): int16/int32 when slope and intercept are integers and the range fits, else float32. */
        PHYSICAL
    }

    public VolumeOptions {
        if (values == null) {
            throw new IllegalArgumentException("values");
        }
        threads = Math.max(1, threads);
    }

    public static VolumeOptions stored() {
        return new VolumeOptions(Values.STORED, Runtime.getRuntime().availableProcessors(), false);
    }

    public static VolumeOptions physical() {
        return new VolumeOptions(Values.PHYSICAL, Runtime.getRuntime().availableProcessors(), false);
    }

    public VolumeOptions withThreads(int n) {
        return new VolumeOptions(values, n, fillGaps);
    }

    public VolumeOptions withFillGaps(boolean v) {
        return new VolumeOptions(values, threads, v);
    }
}
