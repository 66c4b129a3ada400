package org.hounsfield.core.dict;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;

import org.hounsfield.core.dict.CharacterSetTable.CharacterSetInfo;
import org.junit.jupiter.api.Test;

class CharacterSetTableTest {

    @Test
    void defaultRepertoire() {
        CharacterSetInfo d = CharacterSetTable.lookup("");
        assertThat(d.javaCharset()).isEqualTo("US-ASCII");
        assertThat(d.escapeSequence()).isEmpty();
        assertThat(d.iso2022()).isFalse();
        assertThat(CharacterSetTable.lookup(null)).isEqualTo(d);
    }

    @Test
    void singleByteAndIso2022() {
        CharacterSetInfo latin1 = CharacterSetTable.lookup("ISO_IR 100 ");
        assertThat(latin1.javaCharset()).isEqualTo("ISO-8859-1");
        assertThat(latin1.multiByte()).isFalse();
        assertThat(latin1.iso2022()).isFalse();
        CharacterSetInfo ir87 = CharacterSetTable.lookup("ISO 2022 IR 87");
        assertThat(ir87.escapeSequence()).containsExactly(0x1B, 0x24, 0x42);
        assertThat(ir87.iso2022()).isTrue();
        assertThat(ir87.multiByte()).isTrue();
        assertThat(ir87.codeElement()).isEqualTo("G0");
        assertThat(CharacterSetTable.lookup("ISO 2022 IR 149").escapeSequence()).containsExactly(0x1B, 0x24, 0x29, 0x43);
        assertThat(CharacterSetTable.lookup("ISO_IR 192").javaCharset()).isEqualTo("UTF-8");
        assertThat(CharacterSetTable.lookup("ISO_IR 999")).isNull();
    }

    @Test
    void escapeSequenceIsACopy() {
        CharacterSetInfo cs = CharacterSetTable.lookup("ISO 2022 IR 100");
        cs.escapeSequence()[0] = 0;
        assertThat(cs.escapeSequence()[0]).isEqualTo((byte) 0x1B);
    }

    @Test
    void allCharsetsAreSupported() {
        assertThat(CharacterSetTable.all()).hasSize(33);
        assertThat(CharacterSetTable.all()).allMatch(c -> Charset.isSupported(c.javaCharset()));
    }
}
