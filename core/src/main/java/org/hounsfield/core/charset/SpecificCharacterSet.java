package org.hounsfield.core.charset;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hounsfield.core.VR;

/**
 * The character sets selected by Specific Character Set (0008,0005) (PS3.3 C.12.1.1.2), and the
 * decoding and encoding of text values with them (PS3.5 6.1).
 *
 * <p>Decoding follows pydicom 2.3.1 ({@code pydicom/charset.py}): the default repertoire decodes as
 * ISO-8859-1, invalid bytes become U+FFFD instead of failing, ISO 2022 escape sequences switch
 * between the sets listed in (0008,0005), and the initial set becomes active again at the
 * delimiters of PS3.5 6.1.2.5.3 ({@code ^ =} and the value separator {@code \} in PN; CR, LF,
 * FF, TAB and, in multi-valued VRs, {@code \} elsewhere). Text of VRs that are not
 * {@linkplain VR#isCharsetDependent() charset dependent} (AE, CS, DA, DS, UI ...) is always
 * default repertoire.
 *
 * <pre>{@code
 * SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 87");   // \ISO 2022 IR 87
 * byte[] pn = cs.encode("Yamada^Tarou=山田^太郎=やまだ^たろう", VR.PN);
 * // pn contains ESC $ B ... ESC ( B around each kanji/kana group
 * String name = cs.decode(pn, 0, pn.length, VR.PN);             // the same string again
 *
 * SpecificCharacterSet latin1 = SpecificCharacterSet.of("ISO_IR 100");
 * latin1.decode(new byte[] {'R', (byte) 0xE9, 'n', 'e'}, 0, 4, VR.PN);   // "Réne"
 *
 * SpecificCharacterSet typo = SpecificCharacterSet.of("ISO-IR 100");
 * typo.unknownTerms();      // ["ISO-IR 100"] (interpreted as ISO_IR 100)
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class SpecificCharacterSet {

    /** The default repertoire: (0008,0005) absent or empty. Decodes as ISO-8859-1. */
    public static final SpecificCharacterSet DEFAULT =
            new SpecificCharacterSet(List.of(), List.of(), new Codec[] {Codec.DEFAULT}, false);

    /** The 33 defined terms of PS3.3 Tables C.12-2 to C.12-5 (the empty term is the default). */
    private static final Map<String, Codec> DEFINED_TERMS = new HashMap<>();

    /** Non-standard terms pydicom accepts silently. */
    private static final Map<String, Codec> ALIASES = new HashMap<>();

    /** Defined terms and aliases by {@link #squash squashed} key, for misspellings. */
    private static final Map<String, String> SQUASHED = new HashMap<>();

    private static final Map<String, SpecificCharacterSet> CACHE = new ConcurrentHashMap<>();
    private static final int CACHE_LIMIT = 256;

    static {
        term("", Codec.DEFAULT);
        term("ISO_IR 100", Codec.LATIN1);
        term("ISO_IR 101", Codec.LATIN2);
        term("ISO_IR 109", Codec.LATIN3);
        term("ISO_IR 110", Codec.LATIN4);
        term("ISO_IR 144", Codec.CYRILLIC);
        term("ISO_IR 127", Codec.ARABIC);
        term("ISO_IR 126", Codec.GREEK);
        term("ISO_IR 138", Codec.HEBREW);
        term("ISO_IR 148", Codec.LATIN5);
        term("ISO_IR 203", Codec.LATIN9);
        term("ISO_IR 13", Codec.JIS_X0201);
        term("ISO_IR 166", Codec.THAI);
        term("ISO 2022 IR 6", Codec.DEFAULT);
        term("ISO 2022 IR 100", Codec.LATIN1);
        term("ISO 2022 IR 101", Codec.LATIN2);
        term("ISO 2022 IR 109", Codec.LATIN3);
        term("ISO 2022 IR 110", Codec.LATIN4);
        term("ISO 2022 IR 144", Codec.CYRILLIC);
        term("ISO 2022 IR 127", Codec.ARABIC);
        term("ISO 2022 IR 126", Codec.GREEK);
        term("ISO 2022 IR 138", Codec.HEBREW);
        term("ISO 2022 IR 148", Codec.LATIN5);
        term("ISO 2022 IR 203", Codec.LATIN9);
        term("ISO 2022 IR 13", Codec.JIS_X0201);
        term("ISO 2022 IR 166", Codec.THAI);
        term("ISO 2022 IR 87", Codec.JIS_X0208);
        term("ISO 2022 IR 159", Codec.JIS_X0212);
        term("ISO 2022 IR 149", Codec.KS_X1001);
        term("ISO 2022 IR 58", Codec.GB2312);
        term("ISO_IR 192", Codec.UTF8);
        term("GB18030", Codec.GB18030);
        term("GBK", Codec.GBK);
        ALIASES.put("ISO_IR 6", Codec.DEFAULT);
        ALIASES.put("ISO 2022 58", Codec.GB2312);
        ALIASES.put("ISO 2022 GBK", Codec.GBK);
        for (String alias : ALIASES.keySet()) {
            SQUASHED.putIfAbsent(squash(alias), alias);
        }
    }

    private static void term(String term, Codec codec) {
        DEFINED_TERMS.put(term, codec);
        SQUASHED.put(squash(term), term);
    }

    private final List<String> values;
    private final List<String> unknownTerms;
    /** Effective sets, first = initial; never empty. Like pydicom's list of Python encodings. */
    private final Codec[] codecs;
    private final boolean codeExtensions;
    private final Codec initial;
    /** The only set when there are no code extensions to honour; {@code null} otherwise. */
    private final Codec single;

    private SpecificCharacterSet(List<String> values, List<String> unknownTerms, Codec[] codecs,
            boolean codeExtensions) {
        this.values = values;
        this.unknownTerms = unknownTerms;
        this.codecs = codecs;
        this.codeExtensions = codeExtensions;
        this.initial = codecs[0];
        this.single = codecs.length == 1 ? codecs[0] : null;
    }

    /**
     * The character set for the values of (0008,0005) as stored. Never throws.
     *
     * <ul>
     *   <li>Padding (leading/trailing spaces and NULs) is ignored; a value containing {@code \} is
     *       split, so {@code of("\\ISO 2022 IR 87")} equals {@code of("", "ISO 2022 IR 87")}.
     *   <li>An empty first value means the default repertoire in G0 (ISO 2022); no values or only
     *       empty ones give {@link #DEFAULT}.
     *   <li>Misspelled terms are corrected like pydicom ({@code ISO-IR 100}, {@code ISO IR 100} →
     *       {@code ISO_IR 100}; {@code ISO_2022-IR 87} → {@code ISO 2022 IR 87}), more leniently
     *       (case, any punctuation) and also accepting a Java charset name of one of the sets
     *       ({@code UTF-8}, {@code latin1}). Terms that cannot be interpreted stand for the
     *       default repertoire. Either way they appear in {@link #unknownTerms()}.
     *   <li>{@code ISO_IR 192}, {@code GB18030} and {@code GBK} allow no code extensions: as first
     *       value the others are ignored, as a later value they are ignored.
     * </ul>
     *
     * <pre>{@code
     * SpecificCharacterSet.of();                                  // DEFAULT
     * SpecificCharacterSet.of("ISO_IR 192");                      // UTF-8
     * SpecificCharacterSet.of("ISO 2022 IR 6", "ISO 2022 IR 149"); // Korean with code extensions
     * }</pre>
     */
    public static SpecificCharacterSet of(String... values) {
        if (values == null || values.length == 0) {
            return DEFAULT;
        }
        String key = String.join("\\", Arrays.stream(values).map(v -> v == null ? "" : v).toArray(String[]::new));
        SpecificCharacterSet cached = CACHE.get(key);
        if (cached != null) {
            return cached;
        }
        SpecificCharacterSet cs = parse(key);
        if (CACHE.size() < CACHE_LIMIT) {
            CACHE.put(key, cs);
        }
        return cs;
    }

    private static SpecificCharacterSet parse(String joined) {
        List<String> vals = new ArrayList<>();
        for (String v : joined.split("\\\\", -1)) {
            vals.add(trim(v));
        }
        while (!vals.isEmpty() && vals.get(vals.size() - 1).isEmpty() && vals.size() > 1) {
            vals.remove(vals.size() - 1);
        }
        boolean allEmpty = vals.stream().allMatch(String::isEmpty);
        if (allEmpty) {
            return DEFAULT;
        }
        List<String> unknown = new ArrayList<>();
        List<Codec> codecs = new ArrayList<>();
        boolean iso2022 = vals.size() > 1;
        for (int i = 0; i < vals.size(); i++) {
            String v = vals.get(i);
            if (squash(v).startsWith("ISO2022")) {
                iso2022 = true;
            }
            Codec c = DEFINED_TERMS.get(v);
            if (c == null) {
                unknown.add(v);
                c = corrected(v);
            }
            codecs.add(c);
        }
        if (codecs.size() > 1) {
            if (codecs.get(0).kind == Codec.Kind.STAND_ALONE) {
                codecs.subList(1, codecs.size()).clear();
            } else {
                codecs.subList(1, codecs.size()).removeIf(c -> c.kind == Codec.Kind.STAND_ALONE);
            }
        }
        return new SpecificCharacterSet(Collections.unmodifiableList(vals),
                Collections.unmodifiableList(unknown), codecs.toArray(new Codec[0]), iso2022);
    }

    /** The set a term that is not a defined term stands for (pydicom's spelling fixes and more). */
    private static Codec corrected(String term) {
        Codec alias = ALIASES.get(term);
        if (alias != null) {
            return alias;
        }
        // pydicom: ^ISO[^_]IR -> ISO_IR..., ISO.2022.IR. -> ISO 2022 IR ...
        if (term.length() >= 6 && term.startsWith("ISO") && term.charAt(3) != '_' && term.startsWith("IR", 4)) {
            Codec c = DEFINED_TERMS.get("ISO_IR" + term.substring(6));
            if (c != null) {
                return c;
            }
        } else if (term.length() >= 12 && term.startsWith("ISO") && term.startsWith("2022", 4)
                && term.startsWith("IR", 9)) {
            Codec c = DEFINED_TERMS.get("ISO 2022 IR " + term.substring(12));
            if (c != null) {
                return c;
            }
        }
        String fixed = SQUASHED.get(squash(term));
        if (fixed != null) {
            Codec c = DEFINED_TERMS.get(fixed);
            return c != null ? c : ALIASES.get(fixed);
        }
        // pydicom falls back to a Python codec name; accept Java names of our sets
        try {
            if (Charset.isSupported(term)) {
                Charset cs = Charset.forName(term);
                if (cs.equals(StandardCharsets.ISO_8859_1)) {
                    return Codec.LATIN1;
                }
                for (Codec c : Codec.values()) {
                    if (c.charset.equals(cs) && c != Codec.DEFAULT && c.kind != Codec.Kind.SEVEN_BIT_DOUBLE
                            && c != Codec.JIS_X0201) {
                        return c;
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            // illegal charset name: unknown
        }
        return Codec.DEFAULT;
    }

    /** Upper case, letters and digits only: "iso-ir_100" and "ISO IR 100" both give "ISOIR100". */
    private static String squash(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                sb.append(Character.toUpperCase(c));
            }
        }
        return sb.toString().toUpperCase(Locale.ROOT);
    }

    private static String trim(String v) {
        int s = 0;
        int e = v.length();
        while (s < e && (v.charAt(s) == ' ' || v.charAt(s) == 0)) {
            s++;
        }
        while (e > s && (v.charAt(e - 1) == ' ' || v.charAt(e - 1) == 0)) {
            e--;
        }
        return v.substring(s, e);
    }

    /** The values of (0008,0005) without padding, e.g. {@code ["", "ISO 2022 IR 87"]}; empty for DEFAULT. */
    public List<String> values() {
        return values;
    }

    /**
     * Values that are not defined terms of PS3.3 C.12.1.1.2: misspellings (interpreted as the
     * term they resemble), pydicom's non-standard aliases {@code ISO_IR 6}, {@code ISO 2022 58},
     * {@code ISO 2022 GBK} (interpreted like pydicom) and unknown values (default repertoire).
     */
    public List<String> unknownTerms() {
        return unknownTerms;
    }

    /** True when (0008,0005) uses ISO 2022 code extensions (a term {@code ISO 2022 ...}, or several values). */
    public boolean usesCodeExtensions() {
        return codeExtensions;
    }

    /** Same as {@link #decode(byte[], int, int, VR)} for the whole array. */
    public String decode(byte[] bytes, VR vr) {
        return decode(bytes, 0, bytes.length, vr);
    }

    /**
     * Decodes the bytes of a text value (all of its values, with the {@code \} separators, and any
     * padding). Never throws on bad input: invalid bytes become U+FFFD.
     *
     * <pre>{@code
     * SpecificCharacterSet cs = SpecificCharacterSet.of("ISO_IR 126");
     * byte[] b = {(byte) 0xC4, (byte) 0xE9, (byte) 0xEF, (byte) 0xED, (byte) 0xF5, (byte) 0xF3, (byte) 0xE9, (byte) 0xEF, (byte) 0xF2};
     * cs.decode(b, 0, b.length, VR.PN);   // "Διονυσιος"
     * cs.decode(b, 0, b.length, VR.CS);   // VR CS is not charset dependent: "Äéïíõóéïò"
     * }</pre>
     *
     * @param vr the VR of the element; {@code null} is treated as a single-valued text VR (LT)
     */
    public String decode(byte[] bytes, int off, int len, VR vr) {
        int end = off + len;
        if (vr != null && !vr.isCharsetDependent()) {
            return new String(bytes, off, len, StandardCharsets.ISO_8859_1);
        }
        Codec first = initial;
        if (first.latin1 && single != null) {
            for (int i = off; i < end; i++) {
                if (bytes[i] == Codec.ESC) {
                    return decodeExtended(bytes, off, end, vr);
                }
            }
            return new String(bytes, off, len, StandardCharsets.ISO_8859_1);
        }
        boolean high = false;
        for (int i = off; i < end; i++) {
            byte b = bytes[i];
            if (b == Codec.ESC) {
                return decodeExtended(bytes, off, end, vr);
            }
            if (b < 0) {
                high = true;
            }
        }
        if (!high) {
            return new String(bytes, off, len, StandardCharsets.ISO_8859_1);
        }
        return first.decodeLenient(bytes, off, end);
    }

    /** Whether {@code b} makes the initial set active again (PS3.5 6.1.2.5.3) in this VR. */
    private static boolean isSoftDelimiter(int b, VR vr) {
        if (vr == VR.PN) {
            return b == '^';
        }
        return b == '\r' || b == '\n' || b == '\t' || b == '\f';
    }

    /** Separators pydicom splits at before decoding: {@code \} (multi-valued), {@code =} (PN). */
    private static boolean isHardDelimiter(int b, VR vr) {
        if (b == '\\') {
            return vr != null && vr.isMultiValuedText();
        }
        return b == '=' && vr == VR.PN;
    }

    private boolean designates(Codec c) {
        if (c == Codec.DEFAULT) {
            return true;
        }
        for (Codec x : codecs) {
            if (x == c) {
                return true;
            }
        }
        return false;
    }

    private String decodeExtended(byte[] b, int off, int end, VR vr) {
        StringBuilder sb = new StringBuilder(end - off);
        int pos = off;
        while (pos < end) {
            int v = b[pos];
            if (isHardDelimiter(v, vr)) {
                sb.append((char) v);
                pos++;
                continue;
            }
            int fragStart = pos;
            Codec codec = initial;
            boolean designated = false;
            if (v == Codec.ESC) {
                Codec c = Codec.ofEscape(b, pos, end);
                if (c == null || !designates(c)) {
                    // unknown escape sequence: pydicom decodes up to the next ESC with the first set
                    int next = indexOfEsc(b, pos + 1, end);
                    sb.append(initial.decodeLenient(b, pos, next));
                    pos = next;
                    continue;
                }
                codec = c;
                designated = true;
                pos += Codec.escapeLength(b, pos, end);
            }
            int runEnd;
            if (designated && codec.kind == Codec.Kind.SEVEN_BIT_DOUBLE) {
                runEnd = indexOfEsc(b, pos, end);
            } else {
                runEnd = pos;
                while (runEnd < end && b[runEnd] != Codec.ESC && !isHardDelimiter(b[runEnd], vr)) {
                    runEnd++;
                }
            }
            String s;
            if (!designated) {
                s = initial.decodeInitialStrict(b, pos, runEnd);
            } else if (codec.kind == Codec.Kind.SEVEN_BIT_DOUBLE) {
                s = codec.decodeDesignatedStrict(b, pos, runEnd);
            } else {
                int delim = pos;
                while (delim < runEnd && !isSoftDelimiter(b[delim], vr)) {
                    delim++;
                }
                s = codec.decodeDesignatedStrict(b, pos, delim);
                if (s != null && delim < runEnd) {
                    String rest = initial.decodeInitialStrict(b, delim, runEnd);
                    s = rest == null ? null : s + rest;
                }
            }
            if (s == null) {
                // like pydicom: the whole fragment, escape sequence included, with the first set
                s = initial.decodeLenient(b, fragStart, runEnd);
            }
            sb.append(s);
            pos = runEnd;
        }
        return sb.toString();
    }

    private static int indexOfEsc(byte[] b, int from, int end) {
        for (int i = from; i < end; i++) {
            if (b[i] == Codec.ESC) {
                return i;
            }
        }
        return end;
    }

    /**
     * Encodes a text value (several values separated by {@code \} allowed). With code extensions,
     * each part between delimiters is encoded like pydicom's {@code encode_string}: with the first
     * set that can encode all of it, else split into runs that each use the set encoding the
     * longest prefix, with escape sequences to switch; 2-byte JIS runs end with {@code ESC ( B}
     * ({@code ESC ( J} when the initial set is ISO 2022 IR 13). With code extensions the default
     * repertoire encodes ASCII only (so {@code é} gets {@code ESC - A} when ISO 2022 IR 100 is
     * listed); a character no set can encode becomes its ISO-8859-1 byte if the initial set is the
     * default repertoire (lenient, as pydicom does and {@link #decode} accepts), else {@code ?}.
     *
     * <pre>{@code
     * SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 149");
     * cs.encode("Hong^Gildong=洪^吉洞=홍^길동", VR.PN);
     * // "Hong^Gildong=" ESC $ ) C 0xFB 0xF3 "^" ESC $ ) C 0xD1 0xCE 0xD4 0xD7 "=" ESC $ ) C ...
     * }</pre>
     */
    public byte[] encode(String text, VR vr) {
        byte[] b = encode(text, vr, false);
        return b;
    }

    /**
     * Whether every character of {@code text} can be encoded with this character set, without
     * replacement.
     *
     * <pre>{@code
     * SpecificCharacterSet.of("ISO_IR 144").isCompatible("Люкceмбypг");   // true
     * SpecificCharacterSet.of("ISO_IR 144").isCompatible("Ελληνικά");     // false
     * }</pre>
     */
    public boolean isCompatible(String text) {
        return encode(text, VR.UT, true) != null;
    }

    private byte[] encode(String text, VR vr, boolean strict) {
        if (vr != null && !vr.isCharsetDependent()) {
            if (strict) {
                return StandardCharsets.ISO_8859_1.newEncoder().canEncode(text)
                        ? text.getBytes(StandardCharsets.ISO_8859_1) : null;
            }
            return text.getBytes(StandardCharsets.ISO_8859_1);
        }
        if (single != null) {
            if (single.latin1 && !strict) {
                return text.getBytes(StandardCharsets.ISO_8859_1);
            }
            if (single == Codec.UTF8 && !strict) {
                return text.getBytes(StandardCharsets.UTF_8);
            }
            Codec.Encoded e = single.encodeAlone(text);
            if (e.failIndex < 0) {
                return e.bytes;
            }
            return strict ? null : single.encodeLenient(text, false);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 16);
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80 && (isSoftDelimiter(c, vr) || isHardDelimiter(c, vr))) {
                if (!encodePart(text.substring(start, i), out, strict)) {
                    return null;
                }
                out.write(c);
                start = i + 1;
            }
        }
        if (!encodePart(text.substring(start), out, strict)) {
            return null;
        }
        return out.toByteArray();
    }

    /** pydicom's encode_string for one part between delimiters; false if strict and impossible. */
    private boolean encodePart(String part, ByteArrayOutputStream out, boolean strict) {
        if (part.isEmpty()) {
            return true;
        }
        for (int i = 0; i < codecs.length; i++) {
            Codec c = codecs[i];
            Codec.Encoded e = c.encodeStrict(part, true);
            if (e.failIndex < 0) {
                if (i > 0) {
                    writeEscape(c, e.bytes, out);
                }
                out.writeBytes(e.bytes);
                writeTail(c, out);
                return true;
            }
        }
        // split into runs, each with the set that encodes the longest prefix
        String rest = part;
        boolean firstRun = true;
        while (!rest.isEmpty()) {
            int max = 0;
            Codec best = null;
            Codec.Encoded bestEnc = null;
            for (Codec c : codecs) {
                Codec.Encoded e = c.encodeStrict(rest, true);
                if (e.failIndex < 0) {
                    best = c;
                    bestEnc = e;
                    max = rest.length();
                    break;
                }
                if (e.failIndex > max) {
                    max = e.failIndex;
                    best = c;
                }
            }
            if (max == 0) {
                if (strict) {
                    return false;
                }
                // no set can encode it: Latin-1 in a default G0 (what pydicom and our decoder
                // accept), else '?'
                int cp = rest.codePointAt(0);
                int n = Character.charCount(cp);
                if (initial == Codec.DEFAULT && cp < 0x100) {
                    if (!firstRun) {
                        out.writeBytes(Codec.DEFAULT.escape);
                    }
                    out.write(cp);
                } else {
                    out.write('?');
                }
                rest = rest.substring(n);
                firstRun = false;
                continue;
            }
            if (bestEnc == null) {
                bestEnc = best.encodeStrict(rest.substring(0, max), true);
            }
            if (!(firstRun && best == initial)) {
                writeEscape(best, bestEnc.bytes, out);
            }
            out.writeBytes(bestEnc.bytes);
            writeTail(best, out);
            rest = rest.substring(max);
            firstRun = false;
        }
        return true;
    }

    private static void writeEscape(Codec c, byte[] encoded, ByteArrayOutputStream out) {
        if (c.kind == Codec.Kind.SEVEN_BIT_DOUBLE) {
            return; // the encoded bytes start with the escape sequence
        }
        if (c == Codec.JIS_X0201) {
            out.writeBytes(encoded.length > 0 && encoded[0] < 0 ? c.escape : Codec.ESC_ISO_IR_14);
            return;
        }
        if (c.escape != null) {
            out.writeBytes(c.escape);
        }
    }

    private void writeTail(Codec c, ByteArrayOutputStream out) {
        if (c.kind == Codec.Kind.SEVEN_BIT_DOUBLE) {
            out.writeBytes(initial == Codec.JIS_X0201 ? Codec.ESC_ISO_IR_14 : Codec.DEFAULT.escape);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpecificCharacterSet && ((SpecificCharacterSet) o).values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    /** The values joined with backslashes, e.g. {@code \ISO 2022 IR 87}; empty for DEFAULT. */
    @Override
    public String toString() {
        return String.join("\\", values);
    }
}
