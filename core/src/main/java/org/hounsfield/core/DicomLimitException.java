package org.hounsfield.core;

/**
 * Input exceeded one of the hard limits of {@link ReadLimits} (nesting depth, element length,
 * item or fragment count, image size). Raised before anything is allocated for it.
 */
public class DicomLimitException extends DicomException {
    private static final long serialVersionUID = 1L;

    public DicomLimitException(String message, long offset) {
        super(message, offset);
    }
}
