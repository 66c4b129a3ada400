package org.hounsfield.core.charset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.hounsfield.core.VR;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpecificCharacterSetTest {

    private static final String ESC = "\u001b";

    /** Bytes from a string whose chars are all below 0x100 (each char one byte). */
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static String decode(SpecificCharacterSet cs, byte[] bytes, VR vr) {
        return cs.decode(bytes, 0, bytes.length, vr);
    }

    // PS3.5 H.3.1: Yamada^Tarou=山田^太郎=やまだ^たろう with \ISO 2022 IR 87
    private static final byte[] H31 = b("Yamada^Tarou=" + ESC + "$B;3ED" + ESC + "(B^" + ESC + "$BB@O:" + ESC
            + "(B=" + ESC + "$B$d$^$@" + ESC + "(B^" + ESC + "$B$?$m$&" + ESC + "(B");

    @Test
    void japanesePersonNameWithThreeGroups() {
        SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 87");
        assertThat(cs.usesCodeExtensions()).isTrue();
        assertThat(cs.values()).containsExactly("", "ISO 2022 IR 87");
        assertThat(decode(cs, H31, VR.PN)).isEqualTo("Yamada^Tarou=山田^太郎=やまだ^たろう");
        assertThat(cs.encode("Yamada^Tarou=山田^太郎=やまだ^たろう", VR.PN)).isEqualTo(H31);
        // the stored form with a leading backslash is the same
        assertThat(SpecificCharacterSet.of("\\ISO 2022 IR 87").decode(H31, VR.PN))
                .isEqualTo("Yamada^Tarou=山田^太郎=やまだ^たろう");
    }

    @Test
    void japaneseKatakanaInitialSet() {
        // PS3.5 H.3.2: ISO 2022 IR 13 \ ISO 2022 IR 87, half-width katakana in G1 without escape
        byte[] h32 = concat(new byte[] {(byte) 0xD4, (byte) 0xCF, (byte) 0xC0, (byte) 0xDE, '^', (byte) 0xC0,
                (byte) 0xDB, (byte) 0xB3, '='}, b(ESC + "$B;3ED" + ESC + "(J^" + ESC + "$BB@O:" + ESC + "(J="
                + ESC + "$B$d$^$@" + ESC + "(J^" + ESC + "$B$?$m$&" + ESC + "(J"));
        SpecificCharacterSet cs = SpecificCharacterSet.of("ISO 2022 IR 13", "ISO 2022 IR 87");
        String name = "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう";
        assertThat(decode(cs, h32, VR.PN)).isEqualTo(name);
        assertThat(cs.encode(name, VR.PN)).isEqualTo(h32);
    }

    @Test
    void japaneseSupplementaryKanji() {
        SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 87", "ISO 2022 IR 159");
        byte[] bytes = b("Test^" + ESC + "$(D0!mc" + ESC + "(B");
        assertThat(decode(cs, bytes, VR.LO)).isEqualTo("Test^丂龥");
        assertThat(decode(cs, cs.encode("丂龥^山田", VR.PN), VR.PN)).isEqualTo("丂龥^山田");
    }

    @Test
    void korean() {
        // PS3.5 I.2
        byte[] bytes = concat(b("Hong^Gildong=" + ESC + "$)C"), new byte[] {(byte) 0xFB, (byte) 0xF3, '^'},
                b(ESC + "$)C"), new byte[] {(byte) 0xD1, (byte) 0xCE, (byte) 0xD4, (byte) 0xD7, '='},
                b(ESC + "$)C"), new byte[] {(byte) 0xC8, (byte) 0xAB, '^'},
                b(ESC + "$)C"), new byte[] {(byte) 0xB1, (byte) 0xE6, (byte) 0xB5, (byte) 0xBF});
        SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 149");
        assertThat(decode(cs, bytes, VR.PN)).isEqualTo("Hong^Gildong=洪^吉洞=홍^길동");
        assertThat(cs.encode("Hong^Gildong=洪^吉洞=홍^길동", VR.PN)).isEqualTo(bytes);
    }

    @Test
    void chinese() {
        String name = "Wang^XiaoDong=王^小东=";
        // PS3.5 K: GB 2312 with code extensions
        SpecificCharacterSet ir58 = SpecificCharacterSet.of("", "ISO 2022 IR 58");
        byte[] bytes = concat(b("Wang^XiaoDong=" + ESC + "$)A"), new byte[] {(byte) 0xCD, (byte) 0xF5, '^'},
                b(ESC + "$)A"), new byte[] {(byte) 0xD0, (byte) 0xA1, (byte) 0xB6, (byte) 0xAB, '='});
        assertThat(decode(ir58, bytes, VR.PN)).isEqualTo(name);
        assertThat(ir58.encode(name, VR.PN)).isEqualTo(bytes);
        // GB18030 and GBK: no escapes
        byte[] gb = concat(b("Wang^XiaoDong="), new byte[] {(byte) 0xCD, (byte) 0xF5, '^', (byte) 0xD0, (byte) 0xA1,
                (byte) 0xB6, (byte) 0xAB, '='});
        for (String term : new String[] {"GB18030", "GBK"}) {
            SpecificCharacterSet cs = SpecificCharacterSet.of(term);
            assertThat(decode(cs, gb, VR.PN)).isEqualTo(name);
            assertThat(cs.encode(name, VR.PN)).isEqualTo(gb);
            assertThat(cs.usesCodeExtensions()).isFalse();
        }
    }

    @Test
    void utf8() {
        SpecificCharacterSet cs = SpecificCharacterSet.of("ISO_IR 192");
        String name = "Wang^XiaoDong=王^小東=";
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        assertThat(decode(cs, bytes, VR.PN)).isEqualTo(name);
        assertThat(cs.encode(name, VR.PN)).isEqualTo(bytes);
        // invalid UTF-8 is replaced, not thrown
        assertThat(decode(cs, new byte[] {'a', (byte) 0xFF, 'b'}, VR.LO)).isEqualTo("a\uFFFDb");
        // stand-alone: further values are ignored
        assertThat(decode(SpecificCharacterSet.of("ISO_IR 192", "ISO 2022 IR 87"), bytes, VR.PN)).isEqualTo(name);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            ISO_IR 100 | Buc^Jérôme             | ISO 2022 IR 100
            ISO_IR 101 | Wałęsa^Łukasz          | ISO 2022 IR 101
            ISO_IR 109 | Ħal Għargħur           | ISO 2022 IR 109
            ISO_IR 110 | Ģirts^Ķēniņš           | ISO 2022 IR 110
            ISO_IR 144 | Люкceмбypг             | ISO 2022 IR 144
            ISO_IR 127 | قباني^لنزار            | ISO 2022 IR 127
            ISO_IR 126 | Διονυσιος              | ISO 2022 IR 126
            ISO_IR 138 | שרון^דבורה             | ISO 2022 IR 138
            ISO_IR 148 | Çağlar^Şükrü           | ISO 2022 IR 148
            ISO_IR 203 | Œuvre^€uro             | ISO 2022 IR 203
            ISO_IR 166 | สมชาย^ใจดี             | ISO 2022 IR 166
            ISO_IR 13  | ﾔﾏﾀﾞ^ﾀﾛｳ               | ISO 2022 IR 13
            """)
    void singleByteSetsRoundTrip(String term, String name, String iso2022Term) {
        SpecificCharacterSet cs = SpecificCharacterSet.of(term);
        byte[] bytes = cs.encode(name, VR.PN);
        assertThat(bytes).hasSize(name.length());
        assertThat(decode(cs, bytes, VR.PN)).isEqualTo(name);
        assertThat(cs.isCompatible(name)).isTrue();
        assertThat(cs.unknownTerms()).isEmpty();

        // the same set as code extension after ASCII: escape sequence before each group
        SpecificCharacterSet ext = SpecificCharacterSet.of("", iso2022Term);
        byte[] extBytes = ext.encode("ASCII^" + name, VR.PN);
        assertThat(extBytes).contains((byte) 0x1B);
        assertThat(decode(ext, extBytes, VR.PN)).isEqualTo("ASCII^" + name);
    }

    @Test
    void greekHebrewCyrillicArabicBytes() {
        assertThat(decode(SpecificCharacterSet.of("ISO_IR 126"), new byte[] {(byte) 0xC4, (byte) 0xE9, (byte) 0xEF,
                (byte) 0xED, (byte) 0xF5, (byte) 0xF3, (byte) 0xE9, (byte) 0xEF, (byte) 0xF2}, VR.PN))
                .isEqualTo("Διονυσιος");
        assertThat(decode(SpecificCharacterSet.of("ISO_IR 138"), new byte[] {(byte) 0xF9, (byte) 0xF8, (byte) 0xE5,
                (byte) 0xEF, '^', (byte) 0xE3, (byte) 0xE1, (byte) 0xE5, (byte) 0xF8, (byte) 0xE4}, VR.PN))
                .isEqualTo("שרון^דבורה");
        assertThat(decode(SpecificCharacterSet.of("ISO_IR 144"), new byte[] {(byte) 0xBB, (byte) 0xEE, (byte) 0xDA,
                'c', 'e', (byte) 0xDC, (byte) 0xD1, 'y', 'p', (byte) 0xD3}, VR.PN))
                .isEqualTo("Люкceмбypг");
        assertThat(decode(SpecificCharacterSet.of("ISO_IR 127"), new byte[] {(byte) 0xE2, (byte) 0xC8, (byte) 0xC7,
                (byte) 0xE6, (byte) 0xEA, '^', (byte) 0xE4, (byte) 0xE6, (byte) 0xD2, (byte) 0xC7, (byte) 0xD1}, VR.PN))
                .isEqualTo("قباني^لنزار");
    }

    @Test
    void defaultRepertoireIsLatin1AndLenient() {
        SpecificCharacterSet cs = SpecificCharacterSet.DEFAULT;
        assertThat(cs.values()).isEmpty();
        assertThat(cs.usesCodeExtensions()).isFalse();
        assertThat(decode(cs, new byte[] {'R', (byte) 0xE9, 'n', 'e'}, VR.PN)).isEqualTo("Réne");
        assertThat(SpecificCharacterSet.of()).isSameAs(SpecificCharacterSet.DEFAULT);
        assertThat(SpecificCharacterSet.of("")).isSameAs(SpecificCharacterSet.DEFAULT);
        assertThat(SpecificCharacterSet.of(" ")).isSameAs(SpecificCharacterSet.DEFAULT);
        assertThat(cs.encode("Réne", VR.PN)).isEqualTo(new byte[] {'R', (byte) 0xE9, 'n', 'e'});
        assertThat(cs.isCompatible("Réne")).isTrue();
        assertThat(cs.isCompatible("山田")).isFalse();
        assertThat(cs.encode("山田", VR.LO)).isEqualTo(b("??"));
    }

    @Test
    void vrsThatAreNotCharsetDependentAreDefaultRepertoire() {
        SpecificCharacterSet cs = SpecificCharacterSet.of("ISO_IR 192");
        byte[] bytes = "é".getBytes(StandardCharsets.UTF_8);
        assertThat(decode(cs, bytes, VR.CS)).isEqualTo("\u00C3\u00A9");
        assertThat(decode(cs, bytes, VR.LO)).isEqualTo("é");
        assertThat(cs.encode("ABC", VR.AE)).isEqualTo(b("ABC"));
    }

    @Test
    void invalidBytesAreReplaced() {
        // 0xA1 is undefined in ISO-8859-6 (Arabic)
        assertThat(decode(SpecificCharacterSet.of("ISO_IR 127"), new byte[] {'a', (byte) 0xA1}, VR.LO))
                .isEqualTo("a\uFFFD");
    }

    @Test
    void delimitersResetToTheInitialSet() {
        SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 126");
        // G1 Greek active after ESC - F; CR LF resets: 0xC4 decodes as default (Latin-1) afterwards
        byte[] text = concat(b(ESC + "-F"), new byte[] {(byte) 0xC4, '\r', '\n', (byte) 0xC4});
        assertThat(decode(cs, text, VR.LT)).isEqualTo("Δ\r\nÄ");
        // in PN, '^' resets
        byte[] pn = concat(b(ESC + "-F"), new byte[] {(byte) 0xC4, '^', (byte) 0xC4});
        assertThat(decode(cs, pn, VR.PN)).isEqualTo("Δ^Ä");
        // '^' is no delimiter in LO, backslash is; in LT backslash is none either
        assertThat(decode(cs, pn, VR.LO)).isEqualTo("Δ^Δ");
        byte[] multi = concat(b(ESC + "-F"), new byte[] {(byte) 0xC4, '\\', (byte) 0xC4});
        assertThat(decode(cs, multi, VR.LO)).isEqualTo("Δ\\Ä");
        assertThat(decode(cs, multi, VR.LT)).isEqualTo("Δ\\Δ");
        // the encoder re-designates after each delimiter
        assertThat(decode(cs, cs.encode("Δ\r\nΔ", VR.LT), VR.LT)).isEqualTo("Δ\r\nΔ");
        assertThat(decode(cs, cs.encode("Δ\\Δ^Δ", VR.LO), VR.LO)).isEqualTo("Δ\\Δ^Δ");
        assertThat(decode(cs, cs.encode("Δ^Δ=Δ\\Δ", VR.PN), VR.PN)).isEqualTo("Δ^Δ=Δ\\Δ");
    }

    @Test
    void escapeOfASetNotInSpecificCharacterSetIsKeptLikePydicom() {
        // ESC - F without ISO 2022 IR 126 in (0008,0005): pydicom decodes the fragment, escape
        // included, with the first set
        SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 87");
        byte[] bytes = concat(b("a" + ESC + "-F"), new byte[] {(byte) 0xC4});
        assertThat(decode(cs, bytes, VR.LO)).isEqualTo("a" + ESC + "-FÄ");
        // ESC ( B is always known and stripped
        assertThat(decode(SpecificCharacterSet.DEFAULT, b(ESC + "(Babc"), VR.LO)).isEqualTo("abc");
    }

    @Test
    void brokenKanjiFallsBackToTheFirstSet() {
        SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 87");
        // odd number of bytes after ESC $ B
        assertThat(decode(cs, b("x" + ESC + "$B;3E" + ESC + "(B"), VR.LO)).isEqualTo("x" + ESC + "$B;3E");
    }

    @Test
    void misspelledAndUnknownTerms() {
        SpecificCharacterSet latin1 = SpecificCharacterSet.of("ISO_IR 100");
        byte[] bytes = {'R', (byte) 0xE9, 'n', 'e'};
        for (String typo : new String[] {"ISO-IR 100", "ISO IR 100", "ISO_IR_100", "iso_ir 100", "latin1"}) {
            SpecificCharacterSet cs = SpecificCharacterSet.of(typo);
            assertThat(cs.unknownTerms()).as(typo).containsExactly(typo);
            assertThat(decode(cs, bytes, VR.PN)).as(typo).isEqualTo("Réne");
        }
        // padding is no misspelling
        SpecificCharacterSet padded = SpecificCharacterSet.of("ISO_IR 100 ");
        assertThat(padded.unknownTerms()).isEmpty();
        assertThat(padded).isEqualTo(latin1);
        assertThat(SpecificCharacterSet.of(" ISO_IR 192\0").values()).containsExactly("ISO_IR 192");

        SpecificCharacterSet ext = SpecificCharacterSet.of("ISO 2022 IR 6", "ISO-2022-IR 87");
        assertThat(ext.unknownTerms()).containsExactly("ISO-2022-IR 87");
        assertThat(decode(ext, H31, VR.PN)).isEqualTo("Yamada^Tarou=山田^太郎=やまだ^たろう");

        SpecificCharacterSet unknown = SpecificCharacterSet.of("ISO_IR 999");
        assertThat(unknown.unknownTerms()).containsExactly("ISO_IR 999");
        assertThat(decode(unknown, bytes, VR.PN)).isEqualTo("Réne");
        assertThat(SpecificCharacterSet.of("FOO", "BAR").unknownTerms()).containsExactly("FOO", "BAR");

        // pydicom's non-standard aliases
        assertThat(SpecificCharacterSet.of("ISO_IR 6").unknownTerms()).containsExactly("ISO_IR 6");
        assertThat(decode(SpecificCharacterSet.of("ISO 2022 GBK"), new byte[] {(byte) 0xCD, (byte) 0xF5}, VR.PN))
                .isEqualTo("王");
    }

    @Test
    void encodeSplitsIntoRunsLikePydicom() {
        SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 87");
        byte[] bytes = cs.encode("Yamada山田", VR.LO);
        assertThat(bytes).isEqualTo(b("Yamada" + ESC + "$B;3ED" + ESC + "(B"));
        assertThat(decode(cs, bytes, VR.LO)).isEqualTo("Yamada山田");
        // mixed Japanese and Korean with three sets
        SpecificCharacterSet all = SpecificCharacterSet.of("", "ISO 2022 IR 87", "ISO 2022 IR 149", "ISO 2022 IR 100");
        String text = "山田 홍길동 Jérôme";
        assertThat(decode(all, all.encode(text, VR.LT), VR.LT)).isEqualTo(text);
        assertThat(all.isCompatible(text)).isTrue();
        assertThat(all.isCompatible("قباني")).isFalse();
        // JIS X 0208 has Greek and Cyrillic letters, but no accented Latin ones
        assertThat(cs.encode("Δ", VR.LO)).isEqualTo(b(ESC + "$B&$" + ESC + "(B"));
        // neither ASCII nor JIS X 0208: Latin-1 byte in the default set, like pydicom
        assertThat(cs.encode("é", VR.LO)).isEqualTo(new byte[] {(byte) 0xE9});
        assertThat(cs.isCompatible("é")).isFalse();
        assertThat(SpecificCharacterSet.of("ISO 2022 IR 13", "ISO 2022 IR 87").encode("é", VR.LO))
                .isEqualTo(b("?"));
    }

    @Test
    void decodeRespectsOffsetAndLength() {
        SpecificCharacterSet cs = SpecificCharacterSet.of("ISO_IR 192");
        byte[] bytes = "xx王yy".getBytes(StandardCharsets.UTF_8);
        assertThat(cs.decode(bytes, 2, 3, VR.SH)).isEqualTo("王");
    }
}
