package org.hounsfield.deid;

import org.hounsfield.core.DicomException;

/**
 * The instance was not de-identified on purpose: pixel data that may hold burned-in identity
 * (Burned In Annotation YES, or unknown for a modality that often burns text in) without the
 * user's acceptance, a DICOMDIR, or an option that cannot be honoured.
 *
 * <pre>{@code
 * try {
 *     deidentifier.deidentify(ds);
 * } catch (DeidentificationRefusedException e) {
 *     report(e.getMessage());     // "Burned In Annotation is YES: ..."
 * }
 * }</pre>
 */
public final class DeidentificationRefusedException extends DicomException {
    private static final long serialVersionUID = 1L;

    public DeidentificationRefusedException(String message) {
        super(message);
    }
}
