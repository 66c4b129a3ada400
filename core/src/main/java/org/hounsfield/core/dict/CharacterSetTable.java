package org.hounsfield.core.dict;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The defined terms of Specific Character Set (0008,0005), PS3.3 C.12.1.1.2 (Tables C.12-2 to
 * C.12-5), with the Java charset that decodes each.
 *
 * <pre>{@code
 * CharacterSetInfo cs = CharacterSetTable.lookup("ISO 2022 IR 87");
 * cs.escapeSequence();   // {0x1B, 0x24, 0x42}
 * cs.iso2022();          // true
 * cs.multiByte();        // true
 * cs.javaCharset();      // "x-JIS0208"
 * CharacterSetTable.lookup("").javaCharset();   // "US-ASCII": the default repertoire
 * }</pre>
 *
 * <p>Some Java charsets (JIS_X0201, x-JIS0208, JIS_X0212-1990, EUC-KR, GB2312, GBK, GB18030,
 * TIS-620) live in the {@code jdk.charsets} module.
 */
public final class CharacterSetTable {

    private CharacterSetTable() {
    }

    /**
     * One defined term of Specific Character Set.
     *
     * @param definedTerm     the value of (0008,0005), e.g. "ISO_IR 100" or "ISO 2022 IR 149";
     *                        empty for the default repertoire
     * @param description     e.g. "Latin alphabet No. 1"
     * @param isoRegistration e.g. "ISO-IR 100"; empty for GB18030 and GBK
     * @param codeElement     "G0" or "G1"; empty for the terms without code extensions that are not
     *                        ISO 2022 sets (ISO_IR 192, GB18030, GBK)
     * @param escapeSequence  the ISO 2022 escape sequence that selects the set (e.g. ESC 2D 41),
     *                        empty for terms without code extensions; the accessor returns a copy
     * @param iso2022         whether the term uses ISO 2022 code extensions ("ISO 2022 ..." terms)
     * @param multiByte       whether characters take more than one byte
     * @param javaCharset     the {@link java.nio.charset.Charset} name that decodes the set
     */
    public record CharacterSetInfo(String definedTerm, String description, String isoRegistration,
                                   String codeElement, byte[] escapeSequence, boolean iso2022, boolean multiByte,
                                   String javaCharset) {

        /** Checks for nulls and copies the escape sequence. */
        public CharacterSetInfo {
            Objects.requireNonNull(definedTerm, "definedTerm");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(isoRegistration, "isoRegistration");
            Objects.requireNonNull(codeElement, "codeElement");
            escapeSequence = escapeSequence.clone();
            Objects.requireNonNull(javaCharset, "javaCharset");
        }

        /** A copy of the escape sequence bytes (empty when there is none). */
        @Override
        public byte[] escapeSequence() {
            return escapeSequence.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof CharacterSetInfo c
                    && definedTerm.equals(c.definedTerm) && description.equals(c.description)
                    && isoRegistration.equals(c.isoRegistration) && codeElement.equals(c.codeElement)
                    && Arrays.equals(escapeSequence, c.escapeSequence) && iso2022 == c.iso2022
                    && multiByte == c.multiByte && javaCharset.equals(c.javaCharset);
        }

        @Override
        public int hashCode() {
            return Objects.hash(definedTerm, javaCharset) * 31 + Arrays.hashCode(escapeSequence);
        }

        @Override
        public String toString() {
            return "CharacterSetInfo[" + (definedTerm.isEmpty() ? "(default)" : definedTerm) + " -> " + javaCharset
                    + "]";
        }
    }

    /**
     * The entry for a defined term, or {@code null} if unknown. Leading/trailing spaces are
     * ignored; {@code null} or an empty string give the default repertoire (US-ASCII).
     */
    public static CharacterSetInfo lookup(String definedTerm) {
        String key = definedTerm == null ? "" : definedTerm.strip();
        return Data.INSTANCE.byTerm.get(key);
    }

    /** All defined terms in the order of the standard's tables, the default repertoire first. */
    public static List<CharacterSetInfo> all() {
        return Data.INSTANCE.all;
    }

    private static final class Data {
        static final Data INSTANCE = new Data();

        final Map<String, CharacterSetInfo> byTerm;
        final List<CharacterSetInfo> all;

        private Data() {
            List<CharacterSetInfo> list = new ArrayList<>(40);
            // columns: defined_term, description, iso_registration, code_element, escape_sequence,
            //          code_extensions, multi_byte, java_charset
            for (String[] f : ElementDictionary.readResource("charsets.tsv", 8)) {
                list.add(new CharacterSetInfo(f[0], f[1], f[2], f[3], parseHex(f[4]), f[5].equals("Y"),
                        f[6].equals("Y"), f[7]));
            }
            Map<String, CharacterSetInfo> map = new HashMap<>();
            for (CharacterSetInfo c : list) {
                map.put(c.definedTerm(), c);
            }
            byTerm = map;
            all = List.copyOf(list);
        }

        private static byte[] parseHex(String s) {
            if (s.isEmpty()) {
                return new byte[0];
            }
            String[] parts = s.split(" ");
            byte[] b = new byte[parts.length];
            for (int i = 0; i < parts.length; i++) {
                b[i] = (byte) Integer.parseInt(parts[i], 16);
            }
            return b;
        }
    }
}
