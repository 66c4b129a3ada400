package org.hounsfield.fuzz;

import java.util.Arrays;

import org.hounsfield.codec.FrameDecoder;
import org.hounsfield.codec.FrameInfo;
import org.hounsfield.core.DicomException;

/**
 * Shared rules of the fuzz targets: the only exception a target may let through is the typed
 * {@link DicomException}; anything else (NullPointerException, ArrayIndexOutOfBounds,
 * OutOfMemoryError, a hang) is a finding.
 */
final class FuzzSupport {
    private FuzzSupport() {
    }

    /**
     * Decoder inputs start with three bytes of frame geometry, then the codestream: rows - 1 and
     * columns - 1 (1 to 64 each), and a flags byte: bit 0 three samples, bit 1 16 bits allocated
     * (else 8), bit 2 signed, bits 3-6 Bits Stored below Bits Allocated (0 to 15, clamped), bit 7
     * planar configuration 1.
     */
    static FrameInfo geometry(byte[] data) {
        int rows = (data[0] & 0x3F) + 1;
        int cols = (data[1] & 0x3F) + 1;
        int flags = data[2] & 0xFF;
        int spp = (flags & 1) != 0 ? 3 : 1;
        int bits = (flags & 2) != 0 ? 16 : 8;
        int stored = Math.max(2, bits - ((flags >> 3) & 0x0F));
        return new FrameInfo(rows, cols, spp, bits, stored, (flags & 4) != 0, flags >>> 7, spp == 3 ? "RGB" : "MONOCHROME2");
    }

    /** The header bytes {@link #geometry(byte[])} reads back as {@code info}. */
    static byte[] header(FrameInfo info) {
        int flags = (info.samplesPerPixel() == 3 ? 1 : 0) | (info.bitsAllocated() == 16 ? 2 : 0) | (info.signed() ? 4 : 0)
                | (info.bitsAllocated() - info.bitsStored()) << 3 | info.planarConfiguration() << 7;
        return new byte[] {(byte) (info.rows() - 1), (byte) (info.columns() - 1), (byte) flags};
    }

    /** Runs {@code decoder} on the fuzz input; only DicomException may escape. */
    static void decode(FrameDecoder decoder, byte[] data) {
        if (data.length < 3) {
            return;
        }
        FrameInfo info = geometry(data);
        byte[] out = new byte[(int) info.decodedFrameBytes()];
        try {
            decoder.decode(data, 3, data.length - 3, info, out, 0);
        } catch (DicomException expected) {
            if (expected.getMessage() == null || expected.getMessage().isBlank()) {
                throw new AssertionError("DicomException without a message", expected);
            }
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
