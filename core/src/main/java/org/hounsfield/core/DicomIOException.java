package org.hounsfield.core;

import java.io.IOException;

/** An I/O error while reading or writing DICOM data (file missing, disk full, stream closed). */
public class DicomIOException extends DicomException {
    private static final long serialVersionUID = 1L;

    public DicomIOException(String message, IOException cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
