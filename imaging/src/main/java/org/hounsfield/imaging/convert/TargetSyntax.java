package org.hounsfield.imaging.convert;

import java.util.Locale;

import org.hounsfield.core.TransferSyntax;

/**
 * The transfer syntaxes {@link Transcoder} writes: the four native ones and three lossless
 * compressions with our own encoders.
 *
 * <pre>{@code
 * TargetSyntax t = TargetSyntax.parse("jpeg-ls-lossless");
 * t.transferSyntax().uid();     // "1.2.840.10008.1.2.4.80"
 * }</pre>
 */
public enum TargetSyntax {
    EXPLICIT_LE("explicit-le", TransferSyntax.EXPLICIT_VR_LE),
    IMPLICIT_LE("implicit-le", TransferSyntax.IMPLICIT_VR_LE),
    EXPLICIT_BE("explicit-be", TransferSyntax.EXPLICIT_VR_BE),
    DEFLATED("deflated", TransferSyntax.DEFLATED_EXPLICIT_VR_LE),
    /** RLE Lossless (PS3.5 Annex G). */
    RLE("rle", TransferSyntax.of("1.2.840.10008.1.2.5")),
    /** JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14, Selection Value 1). */
    JPEG_LOSSLESS("jpeg-lossless", TransferSyntax.of("1.2.840.10008.1.2.4.70")),
    /** JPEG-LS Lossless. */
    JPEG_LS_LOSSLESS("jpeg-ls-lossless", TransferSyntax.of("1.2.840.10008.1.2.4.80"));

    private final String cliName;
    private final TransferSyntax ts;

    TargetSyntax(String cliName, TransferSyntax ts) {
        this.cliName = cliName;
        this.ts = ts;
    }

    /** The name on the command line, e.g. "jpeg-lossless". */
    public String cliName() {
        return cliName;
    }

    public TransferSyntax transferSyntax() {
        return ts;
    }

    /** Whether pixel data is compressed (encapsulated) in this syntax. */
    public boolean encapsulated() {
        return ts.encapsulated();
    }

    /** Parses a command-line name, an enum name or a transfer syntax UID. */
    public static TargetSyntax parse(String s) {
        String n = s.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (TargetSyntax t : values()) {
            if (t.cliName.equals(n) || t.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(n) || t.ts.uid().equals(s.trim())) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown target transfer syntax '" + s + "' (explicit-le, implicit-le, explicit-be, deflated, rle, jpeg-lossless, jpeg-ls-lossless)");
    }
}
