package org.hounsfield.core;

/**
 * The one exception family of Hounsfield: every failure to read, decode or write DICOM data is a
 * subclass of this type and says where it happened.
 *
 * <p>It is unchecked (as in Jackson 3) so that the fluent API reads naturally in lambdas and
 * streams; catch it where a whole file may be rejected:
 *
 * <pre>{@code
 * try {
 *     Dataset ds = Dicom.read(path);
 * } catch (DicomException e) {
 *     System.err.println(path + ": " + e.getMessage());   // message names the byte offset
 *     long where = e.offset();                             // -1 when not known
 * }
 * }</pre>
 */
public class DicomException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long offset;

    public DicomException(String message) {
        this(message, -1, null);
    }

    public DicomException(String message, Throwable cause) {
        this(message, -1, cause);
    }

    public DicomException(String message, long offset) {
        this(message, offset, null);
    }

    public DicomException(String message, long offset, Throwable cause) {
        super(offset >= 0 ? message + " (at byte offset " + offset + ")" : message, cause);
        this.offset = offset;
    }

    /** Byte offset in the input where the problem was found, or -1 when it has no position. */
    public long offset() {
        return offset;
    }
}
