package org.hounsfield.core;

/**
 * Value Representations of PS3.5 Table 6.2-1 (current edition, incl. OV, SV, UV, UC, UR, UT).
 *
 * <pre>{@code
 * VR vr = VR.of("DS");
 * vr.isText();          // true: DS values are character strings
 * vr.longLength();      // false: explicit VR header with a 2-byte length
 * }</pre>
 */
public enum VR {
    AE(Kind.TEXT, 0, ' ', false, 16, false),
    AS(Kind.TEXT, 0, ' ', false, 4, false),
    AT(Kind.BINARY, 4, 0, false, 4, false),
    CS(Kind.TEXT, 0, ' ', false, 16, false),
    DA(Kind.TEXT, 0, ' ', false, 8, false),
    DS(Kind.TEXT, 0, ' ', false, 16, false),
    DT(Kind.TEXT, 0, ' ', false, 26, false),
    FL(Kind.BINARY, 4, 0, false, 4, false),
    FD(Kind.BINARY, 8, 0, false, 8, false),
    IS(Kind.TEXT, 0, ' ', false, 12, false),
    LO(Kind.TEXT, 0, ' ', false, 64, true),
    LT(Kind.TEXT, 0, ' ', false, 10240, true),
    OB(Kind.BULK, 1, 0, true, 0, false),
    OD(Kind.BULK, 8, 0, true, 0, false),
    OF(Kind.BULK, 4, 0, true, 0, false),
    OL(Kind.BULK, 4, 0, true, 0, false),
    OV(Kind.BULK, 8, 0, true, 0, false),
    OW(Kind.BULK, 2, 0, true, 0, false),
    PN(Kind.TEXT, 0, ' ', false, 64, true),
    SH(Kind.TEXT, 0, ' ', false, 16, true),
    SL(Kind.BINARY, 4, 0, false, 4, false),
    SQ(Kind.SEQUENCE, 0, 0, true, 0, false),
    SS(Kind.BINARY, 2, 0, false, 2, false),
    ST(Kind.TEXT, 0, ' ', false, 1024, true),
    SV(Kind.BINARY, 8, 0, true, 8, false),
    TM(Kind.TEXT, 0, ' ', false, 14, false),
    UC(Kind.TEXT, 0, ' ', true, 0, true),
    UI(Kind.TEXT, 0, 0, false, 64, false),
    UL(Kind.BINARY, 4, 0, false, 4, false),
    UN(Kind.BULK, 1, 0, true, 0, false),
    UR(Kind.TEXT, 0, ' ', true, 0, false),
    US(Kind.BINARY, 2, 0, false, 2, false),
    UT(Kind.TEXT, 0, ' ', true, 0, true),
    UV(Kind.BINARY, 8, 0, true, 8, false);

    /** How a VR's value is encoded. */
    public enum Kind {
        /** Character string, possibly multi-valued with backslashes. */
        TEXT,
        /** Fixed-size binary numbers (AT, FL, FD, SL, SS, SV, UL, US, UV). */
        BINARY,
        /** "Other" byte/word/float arrays and UN: bulk data. */
        BULK,
        /** Sequence of items. */
        SEQUENCE
    }

    private final Kind kind;
    private final int bytesPerValue;
    private final int padding;
    private final boolean longLength;
    private final int maxLength;
    private final boolean charsetDependent;

    VR(Kind kind, int bytesPerValue, int padding, boolean longLength, int maxLength, boolean charsetDependent) {
        this.kind = kind;
        this.bytesPerValue = bytesPerValue;
        this.padding = padding;
        this.longLength = longLength;
        this.maxLength = maxLength;
        this.charsetDependent = charsetDependent;
    }

    private static final VR[] BY_CODE = new VR[65536];

    static {
        for (VR vr : values()) {
            BY_CODE[vr.code()] = vr;
        }
    }

    /** The VR with this two-letter name, or {@code null}. */
    public static VR of(String name) {
        if (name == null || name.length() != 2) {
            return null;
        }
        return ofCode((name.charAt(0) & 0xFF) << 8 | (name.charAt(1) & 0xFF));
    }

    /** The VR whose two ASCII bytes, first byte high, are {@code code}; {@code null} if none. */
    public static VR ofCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /** The two ASCII bytes of the VR as an int, first byte high. */
    public int code() {
        return name().charAt(0) << 8 | name().charAt(1);
    }

    public Kind kind() {
        return kind;
    }

    /** Character string VRs (AE ... UT). */
    public boolean isText() {
        return kind == Kind.TEXT;
    }

    /** Fixed-size binary numeric VRs (AT, FL, FD, SL, SS, SV, UL, US, UV). */
    public boolean isBinaryNumber() {
        return kind == Kind.BINARY;
    }

    /** OB, OD, OF, OL, OV, OW, UN. */
    public boolean isBulk() {
        return kind == Kind.BULK;
    }

    /** Bytes per value of a binary VR (AT 4, FD 8, OW 2, ...), 0 for text and SQ. */
    public int bytesPerValue() {
        return bytesPerValue;
    }

    /**
     * Size of the unit whose bytes are reversed when the byte order changes: 2 for OW, US, SS and
     * AT (two 16-bit halves), 4 for UL, SL, FL, OF, OL, 8 for FD, OD, OV, UV, SV; 1 (nothing to
     * swap) for text, OB, UN and SQ.
     */
    public int swapUnit() {
        return switch (this) {
            case OW, US, SS, AT -> 2;
            case UL, SL, FL, OF, OL -> 4;
            case FD, OD, OV, UV, SV -> 8;
            default -> 1;
        };
    }

    /** Byte that pads a value to even length: space for text (NUL for UI), NUL for binary. */
    public int paddingByte() {
        return padding;
    }

    /** Explicit VR header with 2 reserved bytes and a 4-byte length (OB, OW, SQ, UN, UT, ...). */
    public boolean longLength() {
        return longLength;
    }

    /** Maximum value length in characters/bytes per value as PS3.5 states it; 0 when unbounded. */
    public int maxLength() {
        return maxLength;
    }

    /** Text VRs whose bytes are decoded with the Specific Character Set (SH, LO, ST, LT, UC, UT, PN). */
    public boolean isCharsetDependent() {
        return charsetDependent;
    }

    /** Text VRs that may hold several values separated by backslashes (not LT, ST, UT, UR). */
    public boolean isMultiValuedText() {
        return kind == Kind.TEXT && this != LT && this != ST && this != UT && this != UR;
    }
}
