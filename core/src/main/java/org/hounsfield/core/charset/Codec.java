package org.hounsfield.core.charset;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * One character set that a value of Specific Character Set (0008,0005) selects, with the Java
 * charset that decodes it and the ISO 2022 escape sequence that invokes it.
 *
 * <p>The identities mirror the Python encodings of pydicom's {@code charset.py}: {@link #DEFAULT}
 * ({@code ""}, {@code ISO_IR 6}, {@code ISO 2022 IR 6}) is distinct from {@link #LATIN1} ({@code
 * ISO_IR 100}) although both decode as ISO-8859-1, because an escape sequence is only honoured
 * when the set it designates is among the values of (0008,0005) ({@code ESC ( B} always is).
 */
enum Codec {
    /** Default repertoire, ISO-IR 6 (decoded leniently as ISO-8859-1 like pydicom). */
    DEFAULT("ISO-8859-1", Kind.SINGLE, esc('(', 'B')),
    LATIN1("ISO-8859-1", Kind.SINGLE, esc('-', 'A')),
    LATIN2("ISO-8859-2", Kind.SINGLE, esc('-', 'B')),
    LATIN3("ISO-8859-3", Kind.SINGLE, esc('-', 'C')),
    LATIN4("ISO-8859-4", Kind.SINGLE, esc('-', 'D')),
    CYRILLIC("ISO-8859-5", Kind.SINGLE, esc('-', 'L')),
    ARABIC("ISO-8859-6", Kind.SINGLE, esc('-', 'G')),
    GREEK("ISO-8859-7", Kind.SINGLE, esc('-', 'F')),
    HEBREW("ISO-8859-8", Kind.SINGLE, esc('-', 'H')),
    LATIN5("ISO-8859-9", Kind.SINGLE, esc('-', 'M')),
    LATIN9("ISO-8859-15", Kind.SINGLE, esc('-', 'b')),
    THAI("TIS-620", Kind.SINGLE, esc('-', 'T')),
    /**
     * JIS X 0201: ISO-IR 13 katakana in G1 ({@code ESC ) I}) and ISO-IR 14 romaji in G0 ({@code
     * ESC ( J}). Decoded with Shift_JIS like pydicom, so 0x5C is a backslash, not a yen sign.
     */
    JIS_X0201("Shift_JIS", Kind.SINGLE, esc(')', 'I')),
    /** JIS X 0208 kanji, ISO-IR 87, 2-byte 7-bit codes in G0. */
    JIS_X0208("x-JIS0208", Kind.SEVEN_BIT_DOUBLE, esc('$', 'B')),
    /** JIS X 0212 supplementary kanji, ISO-IR 159, 2-byte 7-bit codes in G0. */
    JIS_X0212("JIS_X0212-1990", Kind.SEVEN_BIT_DOUBLE, new byte[] {0x1B, '$', '(', 'D'}),
    /** KS X 1001, ISO-IR 149, in G1: high-bit bytes, decoded with EUC-KR. */
    KS_X1001("EUC-KR", Kind.MULTI, new byte[] {0x1B, '$', ')', 'C'}),
    /** GB 2312, ISO-IR 58, in G1: high-bit bytes, decoded with GB2312 (EUC-CN). */
    GB2312("GB2312", Kind.MULTI, new byte[] {0x1B, '$', ')', 'A'}),
    UTF8("UTF-8", Kind.STAND_ALONE, null),
    GB18030("GB18030", Kind.STAND_ALONE, null),
    GBK("GBK", Kind.STAND_ALONE, null);

    enum Kind {
        /** One byte per character. */
        SINGLE,
        /** ISO 2022 G0 set of 2-byte 7-bit codes (JIS X 0208/0212): delimiters do not reset it. */
        SEVEN_BIT_DOUBLE,
        /** ISO 2022 multi-byte G1 set (EUC form). */
        MULTI,
        /** UTF-8, GB18030, GBK: no code extensions allowed. */
        STAND_ALONE
    }

    static final byte ESC = 0x1B;

    /** ESC ( J: ISO-IR 14, the G0 romaji half of JIS X 0201. */
    static final byte[] ESC_ISO_IR_14 = esc('(', 'J');

    final Charset charset;
    final Kind kind;
    /** The escape sequence that designates this set, {@code null} for stand-alone sets. */
    final byte[] escape;
    /** ISO-8859-1 or US-ASCII compatible: bytes below 0x80 are ASCII, decodable without a decoder. */
    final boolean latin1;

    Codec(String charsetName, Kind kind, byte[] escape) {
        this.charset = lookup(charsetName);
        this.kind = kind;
        this.escape = escape;
        this.latin1 = this.charset.equals(StandardCharsets.ISO_8859_1);
    }

    private static Charset lookup(String name) {
        try {
            return Charset.forName(name);
        } catch (RuntimeException e) {
            // a jlink'ed runtime without the jdk.charsets module: degrade to ISO-8859-1
            return StandardCharsets.ISO_8859_1;
        }
    }

    private static byte[] esc(char a, char b) {
        return new byte[] {ESC, (byte) a, (byte) b};
    }

    /**
     * The codec an escape sequence starting at {@code pos} designates, or {@code null}. Like pydicom,
     * a sequence is 4 bytes long when it starts with {@code ESC $ (} or {@code ESC $ )}, else 3.
     */
    static Codec ofEscape(byte[] b, int pos, int end) {
        int n = escapeLength(b, pos, end);
        if (pos + n > end) {
            return null;
        }
        byte b1 = b[pos + 1];
        byte b2 = b[pos + 2];
        if (n == 4) {
            byte b3 = b[pos + 3];
            if (b2 == '(' && b3 == 'D') {
                return JIS_X0212;
            }
            if (b2 == ')' && b3 == 'C') {
                return KS_X1001;
            }
            if (b2 == ')' && b3 == 'A') {
                return GB2312;
            }
            return null;
        }
        switch (b1) {
            case '(':
                return b2 == 'B' ? DEFAULT : b2 == 'J' ? JIS_X0201 : null;
            case ')':
                return b2 == 'I' ? JIS_X0201 : null;
            case '$':
                return b2 == 'B' ? JIS_X0208 : null;
            case '-':
                switch (b2) {
                    case 'A': return LATIN1;
                    case 'B': return LATIN2;
                    case 'C': return LATIN3;
                    case 'D': return LATIN4;
                    case 'F': return GREEK;
                    case 'G': return ARABIC;
                    case 'H': return HEBREW;
                    case 'L': return CYRILLIC;
                    case 'M': return LATIN5;
                    case 'T': return THAI;
                    case 'b': return LATIN9;
                    default: return null;
                }
            default:
                return null;
        }
    }

    /** Length of the escape sequence at {@code pos} (3 or 4; pydicom's rule). */
    static int escapeLength(byte[] b, int pos, int end) {
        return pos + 2 < end && b[pos + 1] == '$' && (b[pos + 2] == '(' || b[pos + 2] == ')') ? 4 : 3;
    }

    // ---------------------------------------------------------------- decoding

    /**
     * Decodes bytes that follow no escape sequence (the initial set of a value), replacing invalid
     * input with U+FFFD. A 7-bit 2-byte set in this position decodes as ASCII, as Python's
     * iso2022_jp codec does before any escape.
     */
    String decodeLenient(byte[] b, int off, int end) {
        if (latin1) {
            return new String(b, off, end - off, StandardCharsets.ISO_8859_1);
        }
        if (kind == Kind.SEVEN_BIT_DOUBLE) {
            return new String(b, off, end - off, StandardCharsets.US_ASCII);
        }
        return new String(b, off, end - off, charset);
    }

    /** Strict variant of {@link #decodeLenient}: {@code null} if the bytes are not valid. */
    String decodeInitialStrict(byte[] b, int off, int end) {
        if (latin1) {
            return new String(b, off, end - off, StandardCharsets.ISO_8859_1);
        }
        if (kind == Kind.SEVEN_BIT_DOUBLE) {
            for (int i = off; i < end; i++) {
                if (b[i] < 0) {
                    return null;
                }
            }
            return new String(b, off, end - off, StandardCharsets.ISO_8859_1);
        }
        return strict(charset, b, off, end);
    }

    /**
     * Decodes bytes designated by this set's escape sequence (which is not included); {@code
     * null} if they are not valid. For the 7-bit 2-byte sets, control characters and space pass
     * through unchanged and everything else must be pairs of bytes 0x21..0x7E.
     */
    String decodeDesignatedStrict(byte[] b, int off, int end) {
        if (kind != Kind.SEVEN_BIT_DOUBLE) {
            return decodeInitialStrict(b, off, end);
        }
        StringBuilder sb = new StringBuilder((end - off) / 2 + 1);
        int i = off;
        while (i < end) {
            int v = b[i] & 0xFF;
            if (v <= 0x20) {
                sb.append((char) v);
                i++;
                continue;
            }
            int j = i;
            while (j < end && (b[j] & 0xFF) > 0x20 && (b[j] & 0xFF) < 0x7F) {
                j++;
            }
            if (j == i || ((j - i) & 1) != 0) {
                return null;
            }
            String s = strict(charset, b, i, j);
            if (s == null) {
                return null;
            }
            sb.append(s);
            i = j;
        }
        return sb.toString();
    }

    private static String strict(Charset cs, byte[] b, int off, int end) {
        CharsetDecoder d = cs.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return d.decode(ByteBuffer.wrap(b, off, end - off)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- encoding

    /** Result of a strict encoding attempt: bytes, or the index of the first unencodable char. */
    static final class Encoded {
        final byte[] bytes;
        final int failIndex;

        Encoded(byte[] bytes, int failIndex) {
            this.bytes = bytes;
            this.failIndex = failIndex;
        }
    }

    /**
     * Encodes {@code text} strictly with this set alone, like pydicom's {@code _encode_string_impl}:
     * JIS X 0201 needs all characters in one half (romaji or katakana), JIS X 0208/0212 output
     * starts with their escape sequence and contains only 2-byte characters. {@code asciiOnly}
     * limits {@link #DEFAULT} to ISO 646 (used with code extensions).
     */
    Encoded encodeStrict(String text, boolean asciiOnly) {
        switch (this) {
            case DEFAULT:
                return encodeWith(asciiOnly ? StandardCharsets.US_ASCII : StandardCharsets.ISO_8859_1, text);
            case JIS_X0201:
                return encodeJisX0201(text);
            case JIS_X0208:
            case JIS_X0212: {
                Encoded e = encodeWith(charset, text);
                if (e.failIndex >= 0) {
                    return e;
                }
                if (e.bytes.length != 2 * text.length()) {
                    return new Encoded(null, 0);
                }
                byte[] out = new byte[escape.length + e.bytes.length];
                System.arraycopy(escape, 0, out, 0, escape.length);
                System.arraycopy(e.bytes, 0, out, escape.length, e.bytes.length);
                return new Encoded(out, -1);
            }
            default:
                return encodeWith(charset, text);
        }
    }

    /**
     * Encodes {@code text} strictly when this set is the only value of (0008,0005): then ISO_IR 13
     * has both halves of JIS X 0201 (romaji and katakana) at once.
     */
    Encoded encodeAlone(String text) {
        if (this != JIS_X0201) {
            return encodeStrict(text, false);
        }
        for (int i = 0; i < text.length(); i++) {
            Encoded e = encodeWith(charset, text.substring(i, i + 1));
            if (e.failIndex >= 0 || e.bytes.length != 1) {
                return new Encoded(null, i);
            }
        }
        return encodeWith(charset, text);
    }

    /** Encodes with replacement: unencodable characters become '?'. */
    @SuppressWarnings("fallthrough")
    byte[] encodeLenient(String text, boolean asciiOnly) {
        switch (this) {
            case DEFAULT:
                return text.getBytes(asciiOnly ? StandardCharsets.US_ASCII : StandardCharsets.ISO_8859_1);
            case JIS_X0201:
                if (!asciiOnly) {
                    // ISO_IR 13 alone: both halves; other characters become '?'
                    byte[] out = new byte[text.length()];
                    for (int i = 0; i < text.length(); i++) {
                        Encoded e = encodeWith(charset, text.substring(i, i + 1));
                        out[i] = e.failIndex < 0 && e.bytes.length == 1 ? e.bytes[0] : (byte) '?';
                    }
                    return out;
                }
                // fall through
            case JIS_X0208:
            case JIS_X0212: {
                // like pydicom's fallback for JIS X 0201: only single bytes of ISO-IR 14, else '?'
                byte[] out = new byte[text.length()];
                for (int i = 0; i < text.length(); i++) {
                    char c = text.charAt(i);
                    out[i] = c < 0x80 ? (byte) c : (byte) '?';
                }
                return out;
            }
            default:
                return text.getBytes(charset);
        }
    }

    private static Encoded encodeJisX0201(String text) {
        byte[] out = new byte[text.length()];
        int msb = -1;
        CharsetEncoder enc = JIS_X0201.charset.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bb = ByteBuffer.allocate(4);
        for (int i = 0; i < text.length(); i++) {
            bb.clear();
            enc.reset();
            CoderResult r = enc.encode(CharBuffer.wrap(text, i, i + 1), bb, true);
            if (r.isError() || r.isOverflow() || bb.position() != 1) {
                return new Encoded(null, i);
            }
            int v = bb.get(0) & 0x80;
            if (msb < 0) {
                msb = v;
            } else if (msb != v) {
                return new Encoded(null, i);
            }
            out[i] = bb.get(0);
        }
        return new Encoded(out, -1);
    }

    private static Encoded encodeWith(Charset cs, String text) {
        CharsetEncoder enc = cs.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer in = CharBuffer.wrap(text);
        ByteBuffer out = ByteBuffer.allocate((int) Math.ceil(text.length() * (double) enc.maxBytesPerChar()) + 8);
        CoderResult r = enc.encode(in, out, true);
        if (r.isError()) {
            return new Encoded(null, in.position());
        }
        r = enc.flush(out);
        if (r.isError() || r.isOverflow()) {
            return new Encoded(null, text.length());
        }
        byte[] bytes = new byte[out.position()];
        out.flip();
        out.get(bytes);
        return new Encoded(bytes, -1);
    }
}
