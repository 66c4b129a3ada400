package org.hounsfield.codec;

import org.hounsfield.core.DicomCodecException;

/**
 * Decodes the compressed bytes of one frame into stored values.
 *
 * <p>Output layout (the same for every codec, so callers never special-case one):
 * <ul>
 *   <li>little endian, {@link FrameInfo#bytesPerSample()} bytes per sample;</li>
 *   <li>samples interleaved, "samples last" (R G B R G B ...), whatever the Planar Configuration
 *       of the dataset; rows in order, top to bottom;</li>
 *   <li>values as the codestream holds them, within Bits Stored: no sign extension, no colour
 *       conversion (JPEG YCbCr stays YCbCr), except the inverse multi-component transform that is
 *       part of the JPEG 2000 codestream itself (RCT/ICT give RGB);</li>
 *   <li>Bits Allocated 1: one byte (0 or 1) per pixel.</li>
 * </ul>
 *
 * <p>Implementations are stateless or confined to one thread; obtain them from {@link Codecs}.
 */
public interface FrameDecoder {

    /**
     * @param src     compressed bytes of exactly one frame (fragments already joined)
     * @param srcOff  first byte of the frame in {@code src}
     * @param srcLen  number of bytes (trailing padding after the end marker is allowed)
     * @param info    frame geometry from the dataset
     * @param dst     receives {@link FrameInfo#decodedFrameBytes()} bytes
     * @param dstOff  where the frame starts in {@code dst}
     * @throws DicomCodecException when the stream is corrupt, truncated or inconsistent with
     *                             {@code info}; the offset is relative to {@code srcOff}
     */
    void decode(byte[] src, int srcOff, int srcLen, FrameInfo info, byte[] dst, int dstOff);
}
