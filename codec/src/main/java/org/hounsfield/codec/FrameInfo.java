package org.hounsfield.codec;

/**
 * Geometry of one frame, all a decoder may know about the image (a codec never sees a dataset).
 *
 * @param rows                  Rows (0028,0010)
 * @param columns               Columns (0028,0011)
 * @param samplesPerPixel       Samples per Pixel (0028,0002)
 * @param bitsAllocated         Bits Allocated (0028,0100): 1, 8, 16, 32 or 64
 * @param bitsStored            Bits Stored (0028,0101)
 * @param signed                Pixel Representation (0028,0103) is 1
 * @param planarConfiguration   Planar Configuration (0028,0006): 0 interleaved, 1 planar
 * @param photometric           Photometric Interpretation (0028,0004), e.g. "YBR_FULL_422"
 */
public record FrameInfo(int rows, int columns, int samplesPerPixel, int bitsAllocated,
                        int bitsStored, boolean signed, int planarConfiguration, String photometric) {

    /** Bytes of one sample in decoded output: 1 for Bits Allocated 1 and 8, 2 for 16, 4 for 32, 8 for 64. */
    public int bytesPerSample() {
        return bitsAllocated <= 8 ? 1 : (bitsAllocated + 7) / 8;
    }

    /** Size in bytes of one decoded frame in the {@link FrameDecoder} output layout. */
    public long decodedFrameBytes() {
        return (long) rows * columns * samplesPerPixel * bytesPerSample();
    }
}
