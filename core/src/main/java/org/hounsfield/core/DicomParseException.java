package org.hounsfield.core;

/** The bytes do not form the DICOM structure that was expected at {@link #offset()}. */
public class DicomParseException extends DicomException {
    private static final long serialVersionUID = 1L;

    public DicomParseException(String message, long offset) {
        super(message, offset);
    }

    public DicomParseException(String message, long offset, Throwable cause) {
        super(message, offset, cause);
    }
}
