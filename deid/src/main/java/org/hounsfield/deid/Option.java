package org.hounsfield.deid;

import java.util.Locale;

/**
 * The options of the PS3.15 Basic Application Level Confidentiality Profile (Annex E.3), each with
 * its code from CID 7050 "De-identification Method" (coding scheme DCM), which is written into
 * De-identification Method Code Sequence (0012,0064) when the option is used.
 *
 * <pre>{@code
 * Deidentifier d = Deidentifier.builder()
 *         .options(Option.RETAIN_LONGITUDINAL_MODIFIED_DATES, Option.CLEAN_DESCRIPTORS)
 *         .secret(secretBytes)
 *         .build();
 * Option.parse("modified-dates");   // RETAIN_LONGITUDINAL_MODIFIED_DATES
 * }</pre>
 */
public enum Option {
    /** E.3.10: private attributes known to be safe are kept (Table E.3.10-1, or declared SAFE in the instance). */
    RETAIN_SAFE_PRIVATE("113111", "Retain Safe Private Option", "retain_safe_private", "safe-private"),
    /** E.3.9: UIDs are kept. */
    RETAIN_UIDS("113110", "Retain UIDs Option", "retain_uids", "uids"),
    /** E.3.8: device identity (serial numbers, station names, ...) is kept. */
    RETAIN_DEVICE_IDENTITY("113109", "Retain Device Identity Option", "retain_device_identity", "device-identity"),
    /** E.3.11: institution identity is kept. */
    RETAIN_INSTITUTION_IDENTITY("113112", "Retain Institution Identity Option", "retain_institution_identity", "institution-identity"),
    /** E.3.7: age, sex, size, weight and other physical characteristics are kept. */
    RETAIN_PATIENT_CHARACTERISTICS("113108", "Retain Patient Characteristics Option", "retain_patient_characteristics", "patient-characteristics"),
    /** E.3.6: dates and times are kept unchanged. */
    RETAIN_LONGITUDINAL_FULL_DATES("113106", "Retain Longitudinal Temporal Information Full Dates Option", "retain_long_full_dates", "full-dates"),
    /** E.3.6: dates are shifted by a per-patient offset derived from the secret; times of day are kept. */
    RETAIN_LONGITUDINAL_MODIFIED_DATES("113107", "Retain Longitudinal Temporal Information Modified Dates Option", "retain_long_modified_dates", "modified-dates"),
    /** E.3.5: descriptions and comments are kept after removing identifying text found in the instance. */
    CLEAN_DESCRIPTORS("113105", "Clean Descriptors Option", "clean_descriptors", "descriptors"),
    /** E.3.4: structured content (SR content, acquisition context) is kept and cleaned. */
    CLEAN_STRUCTURED_CONTENT("113104", "Clean Structured Content Option", "clean_structured_content", "structured-content"),
    /** E.3.3: overlays, curves and graphic annotations are kept and cleaned (text scrubbed, user rectangles blanked). */
    CLEAN_GRAPHICS("113103", "Clean Graphics Option", "clean_graphics", "graphics"),
    /**
     * E.3.1: burned-in text removed from the pixel data. Not chosen directly: it is recorded when
     * the user's blanking rectangles were applied ({@link Deidentifier.Builder#blank}).
     */
    CLEAN_PIXEL_DATA("113101", "Clean Pixel Data Option", null, "pixel-data"),
    /** E.3.2: defacing. Not implemented; choosing it is refused. */
    CLEAN_RECOGNIZABLE_VISUAL_FEATURES("113102", "Clean Recognizable Visual Features Option", null, "recognizable-visual-features");

    /** CID 7050 code of the Basic Application Confidentiality Profile itself. */
    public static final String BASIC_PROFILE_CODE = "113100";
    /** CID 7050 code meaning of the Basic Profile. */
    public static final String BASIC_PROFILE_MEANING = "Basic Application Confidentiality Profile";

    private final String code;
    private final String meaning;
    private final String column;
    private final String cliName;

    Option(String code, String meaning, String column, String cliName) {
        this.code = code;
        this.meaning = meaning;
        this.column = column;
        this.cliName = cliName;
    }

    /** CID 7050 code value (coding scheme DCM), e.g. "113107". */
    public String code() {
        return code;
    }

    /** CID 7050 code meaning, e.g. "Retain Longitudinal Temporal Information Modified Dates Option". */
    public String meaning() {
        return meaning;
    }

    /** The column of Table E.1-1 for this option, or null for the pixel-data options (not in the table). */
    public String tableColumn() {
        return column;
    }

    /** Short name used on the command line, e.g. "modified-dates". */
    public String cliName() {
        return cliName;
    }

    /** Whether the option changes attribute actions through Table E.1-1. */
    public boolean inTable() {
        return column != null;
    }

    /**
     * The option for a command-line name ("uids", "modified-dates", "descriptors", ...), the enum
     * name, or the table column; case-insensitive.
     *
     * @throws IllegalArgumentException when the name is unknown
     */
    public static Option parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Option o : values()) {
            if (o.cliName.equals(n) || o.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(n)
                    || (o.column != null && o.column.replace('_', '-').equals(n))
                    || ("retain-" + o.cliName).equals(n) || ("clean-" + o.cliName).equals(n)) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown de-identification option '" + name + "'");
    }
}
