package org.hounsfield.core;

/**
 * A compressed pixel data stream is corrupt, truncated or uses a feature the decoder does not
 * support. {@link #offset()} is the byte offset inside the frame's compressed bytes, {@link #frame()}
 * the frame index (or -1 when not known).
 */
public class DicomCodecException extends DicomException {
    private static final long serialVersionUID = 1L;

    private final int frame;

    public DicomCodecException(String message, long offset) {
        this(message, offset, -1, null);
    }

    public DicomCodecException(String message, long offset, Throwable cause) {
        this(message, offset, -1, cause);
    }

    public DicomCodecException(String message, long offset, int frame, Throwable cause) {
        super(frame >= 0 ? "frame " + frame + ": " + message : message, offset, cause);
        this.frame = frame;
    }

    /** Frame index, or -1. */
    public int frame() {
        return frame;
    }

    /** The same failure, attributed to a frame. */
    public DicomCodecException inFrame(int frameIndex) {
        String m = getMessage();
        int at = m.lastIndexOf(" (at byte offset ");
        return new DicomCodecException(at >= 0 ? m.substring(0, at) : m, offset(), frameIndex, this);
    }
}
