package org.hounsfield.core.dict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.hounsfield.core.Tag;
import org.junit.jupiter.api.Test;

class TagTest {

    @Test
    void constants() {
        assertThat(Tag.PatientName).isEqualTo(0x00100010);
        assertThat(Tag.PixelData).isEqualTo(0x7FE00010);
        assertThat(Tag.OverlayData).isEqualTo(0x60003000);
        assertThat(Tag.Item).isEqualTo(0xFFFEE000);
        assertThat(Tag.FileMetaInformationGroupLength).isEqualTo(0x00020000);
    }

    @Test
    void formatAndParse() {
        assertThat(Tag.toString(Tag.PatientName)).isEqualTo("(0010,0010)");
        assertThat(Tag.toString(0x7fe0000a)).isEqualTo("(7FE0,000A)");
        assertThat(Tag.toString(0xFFFEE0DD)).isEqualTo("(FFFE,E0DD)");
        assertThat(Tag.parse("(0010,0010)")).isEqualTo(Tag.PatientName);
        assertThat(Tag.parse("0010,0010")).isEqualTo(Tag.PatientName);
        assertThat(Tag.parse("00100010")).isEqualTo(Tag.PatientName);
        assertThat(Tag.parse(" (fffe,e000) ")).isEqualTo(Tag.Item);
        assertThat(Tag.parse(Tag.toString(0xFFFEE00D))).isEqualTo(0xFFFEE00D);
    }

    @Test
    void parseRejectsGarbage() {
        for (String bad : new String[] {"", "0010", "(0010,0010", "0010-0010", "0010001G", "(0010,00100)", "x0100010"}) {
            assertThatThrownBy(() -> Tag.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void groupElementPrivate() {
        assertThat(Tag.group(0x7FE00010)).isEqualTo(0x7FE0);
        assertThat(Tag.element(0x7FE00010)).isEqualTo(0x0010);
        assertThat(Tag.group(0xFFFEE000)).isEqualTo(0xFFFE);
        assertThat(Tag.of(0x0029, 0x1010)).isEqualTo(0x00291010);
        assertThat(Tag.isPrivate(0x00291010)).isTrue();
        assertThat(Tag.isPrivate(Tag.PatientName)).isFalse();
        assertThat(Tag.isPrivateCreator(0x00290010)).isTrue();
        assertThat(Tag.isPrivateCreator(0x002900FF)).isTrue();
        assertThat(Tag.isPrivateCreator(0x0029000F)).isFalse();
        assertThat(Tag.isPrivateCreator(0x00290100)).isFalse();
        assertThat(Tag.isPrivateCreator(0x00280010)).isFalse();
        assertThat(Tag.privateCreatorOf(0x00291110)).isEqualTo(0x00290011);
    }
}
