package org.hounsfield.core;

/** A value was asked for in a form it cannot take (absent, empty, not a number, wrong VR). */
public class DicomValueException extends DicomException {
    private static final long serialVersionUID = 1L;

    public DicomValueException(String message) {
        super(message);
    }

    public DicomValueException(String message, Throwable cause) {
        super(message, cause);
    }
}
