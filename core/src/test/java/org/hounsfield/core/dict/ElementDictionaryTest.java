package org.hounsfield.core.dict;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.hounsfield.core.Tag;
import org.hounsfield.core.VR;
import org.junit.jupiter.api.Test;

class ElementDictionaryTest {

    @Test
    void patientName() {
        DictionaryEntry e = ElementDictionary.lookup(Tag.PatientName);
        assertThat(e.tag()).isEqualTo(0x00100010);
        assertThat(e.name()).isEqualTo("Patient's Name");
        assertThat(e.keyword()).isEqualTo("PatientName");
        assertThat(e.vr()).isEqualTo(VR.PN);
        assertThat(e.vrs()).containsExactly(VR.PN);
        assertThat(e.vm()).isEqualTo("1");
        assertThat(e.retired()).isFalse();
        assertThat(ElementDictionary.tagOf("PatientName")).isEqualTo(Tag.PatientName);
        assertThat(ElementDictionary.keywordOf(0x00100010)).isEqualTo("PatientName");
        assertThat(ElementDictionary.nameOf(0x00100010)).isEqualTo("Patient's Name");
    }

    @Test
    void unknown() {
        assertThat(ElementDictionary.lookup(0x00291010)).isNull();
        assertThat(ElementDictionary.lookup(0x0010FFF0)).isNull();
        assertThat(ElementDictionary.tagOf("NoSuchKeyword")).isEqualTo(-1);
        assertThat(ElementDictionary.keywordOf(0x0010FFF0)).isEmpty();
        assertThat(ElementDictionary.nameOf(0x0010FFF0)).isEmpty();
    }

    @Test
    void overlayRepeatingGroup() {
        DictionaryEntry e = ElementDictionary.lookup(0x60023000);
        assertThat(e.tag()).isEqualTo(0x60023000);
        assertThat(e.name()).isEqualTo("Overlay Data");
        assertThat(e.keyword()).isEqualTo("OverlayData");
        assertThat(e.vr()).isEqualTo(VR.OB);
        assertThat(e.vrs()).containsExactly(VR.OB, VR.OW);
        assertThat(e.hasAlternativeVrs()).isTrue();
        assertThat(ElementDictionary.lookup(0x601E3000).keyword()).isEqualTo("OverlayData");
        // odd groups are private, groups above 601E are not overlays
        assertThat(ElementDictionary.lookup(0x60013000)).isNull();
        assertThat(ElementDictionary.lookup(0x60203000)).isNull();
        assertThat(ElementDictionary.tagOf("OverlayData")).isEqualTo(0x60003000);
        assertThat(ElementDictionary.lookup(0x60000010).keyword()).isEqualTo("OverlayRows");
    }

    @Test
    void curveRepeatingGroup() {
        DictionaryEntry e = ElementDictionary.lookup(0x50102000);
        assertThat(e.tag()).isEqualTo(0x50102000);
        assertThat(e.keyword()).isEqualTo("AudioType");
        assertThat(e.retired()).isTrue();
        assertThat(ElementDictionary.lookup(0x50113000)).isNull();
        assertThat(ElementDictionary.lookup(0x50203000)).isNull();
    }

    @Test
    void repeatingElements() {
        // (0028,04x0) Rows For Nth Order Coefficients
        assertThat(ElementDictionary.lookup(0x00280410).keyword()).isEqualTo("RowsForNthOrderCoefficients");
        assertThat(ElementDictionary.lookup(0x00280413).keyword()).isEqualTo("CoefficientCodingPointers");
        // an exact row wins over a mask: (0028,0400) Transform Label, so the keyword's tag is (0028,0410)
        assertThat(ElementDictionary.lookup(0x00280400).keyword()).isEqualTo("TransformLabel");
        assertThat(Tag.RowsForNthOrderCoefficients).isEqualTo(0x00280410);
        assertThat(ElementDictionary.tagOf("RowsForNthOrderCoefficients")).isEqualTo(0x00280410);
        assertThat(ElementDictionary.tagOf("CoefficientCodingPointers")).isEqualTo(0x00280413);
        // (1000,xxx0) Escape Triplet, (1000,xxx5) Shift Table Triplet
        DictionaryEntry escape = ElementDictionary.lookup(0x10000010);
        assertThat(escape.keyword()).isEqualTo("EscapeTriplet");
        assertThat(escape.vm()).isEqualTo("3");
        assertThat(ElementDictionary.lookup(0x10001235).keyword()).isEqualTo("ShiftTableTriplet");
        assertThat(ElementDictionary.lookup(0x10101234).keyword()).isEqualTo("ZonalMap");
        // (0020,31xx) Source Image IDs
        assertThat(ElementDictionary.lookup(0x002031AB).keyword()).isEqualTo("SourceImageIDs");
        // (7Fxx,0010) Variable Pixel Data: even groups; (7FE0,0010) is Pixel Data
        assertThat(ElementDictionary.lookup(0x7F100010).keyword()).isEqualTo("VariablePixelData");
        assertThat(ElementDictionary.lookup(0x7FE00010).keyword()).isEqualTo("PixelData");
    }

    @Test
    void groupLength() {
        DictionaryEntry e = ElementDictionary.lookup(0x00080000);
        assertThat(e.name()).isEqualTo("Group Length");
        assertThat(e.keyword()).isEmpty();
        assertThat(e.vr()).isEqualTo(VR.UL);
        assertThat(e.vm()).isEqualTo("1");
        assertThat(e.tag()).isEqualTo(0x00080000);
        assertThat(ElementDictionary.lookup(0x00090000).name()).isEqualTo("Group Length");
        // the dictionary's own group lengths win
        assertThat(ElementDictionary.lookup(0x00020000).keyword()).isEqualTo("FileMetaInformationGroupLength");
        assertThat(ElementDictionary.lookup(0x00000000).keyword()).isEqualTo("CommandGroupLength");
    }

    @Test
    void privateCreator() {
        DictionaryEntry e = ElementDictionary.lookup(0x00290010);
        assertThat(e.name()).isEqualTo("Private Creator");
        assertThat(e.keyword()).isEmpty();
        assertThat(e.vr()).isEqualTo(VR.LO);
        assertThat(e.vm()).isEqualTo("1");
        assertThat(ElementDictionary.lookup(0x000900FF).name()).isEqualTo("Private Creator");
        assertThat(ElementDictionary.lookup(0x00091010)).isNull();
        assertThat(ElementDictionary.nameOf(0x00290011)).isEqualTo("Private Creator");
    }

    @Test
    void specialRows() {
        DictionaryEntry item = ElementDictionary.lookup(Tag.Item);
        assertThat(item.vr()).isNull();
        assertThat(item.vrs()).isEmpty();
        assertThat(ElementDictionary.lookup(Tag.SequenceDelimitationItem).name()).isEqualTo("Sequence Delimitation Item");
        DictionaryEntry lut = ElementDictionary.lookup(0x00281200);
        assertThat(lut.vrs()).containsExactly(VR.US, VR.SS, VR.OW);
        assertThat(lut.vm()).isEqualTo("1-n or 1");
        assertThat(ElementDictionary.lookup(Tag.SmallestImagePixelValue).vrs()).containsExactly(VR.US, VR.SS);
        assertThat(ElementDictionary.lookup(Tag.ExposureInuAs).name()).isEqualTo("Exposure in \u00b5As");
        // retired placeholder row without name or keyword keeps its VR
        DictionaryEntry blank = ElementDictionary.lookup(0x00180061);
        assertThat(blank.name()).isEmpty();
        assertThat(blank.vr()).isEqualTo(VR.DS);
        assertThat(blank.retired()).isTrue();
        assertThat(ElementDictionary.lookup(Tag.CurrentFrameFunctionalGroupsSequence).vr()).isEqualTo(VR.SQ);
    }

    @Test
    void counts() {
        assertThat(ElementDictionary.size()).isGreaterThanOrEqualTo(5300);
    }

    @Test
    void everyKeywordOfTheResourceMapsBackToItsTag() throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = ElementDictionary.class.getResourceAsStream("/org/hounsfield/core/dict/elements.tsv");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            r.lines().filter(l -> !l.startsWith("#")).skip(1).forEach(l -> rows.add(l.split("\t", -1)));
        }
        assertThat(rows).hasSizeGreaterThanOrEqualTo(5300);
        int keywords = 0;
        for (String[] f : rows) {
            if (f[4].isEmpty()) {
                continue;
            }
            keywords++;
            int tag = ElementDictionary.tagOf(f[4]);
            if (f[0].indexOf('x') < 0) {
                assertThat(tag).as(f[4]).isEqualTo(Integer.parseUnsignedInt(f[0], 16));
            } else {
                assertThat(matches(f[0], tag)).as(f[4]).isTrue();
            }
            DictionaryEntry e = ElementDictionary.lookup(tag);
            assertThat(e.keyword()).as(f[0]).isEqualTo(f[4]);
            assertThat(e.name()).as(f[0]).isEqualTo(f[5]);
            assertThat(e.retired()).as(f[0]).isEqualTo(f[3].equals("Y"));
        }
        assertThat(keywords).isGreaterThanOrEqualTo(5300);
    }

    private static boolean matches(String mask, int tag) {
        String hex = String.format("%08X", tag);
        for (int i = 0; i < 8; i++) {
            if (mask.charAt(i) != 'x' && mask.charAt(i) != hex.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    @Test
    void everyTagConstantRoundTrips() throws IllegalAccessException {
        int n = 0;
        for (Field f : Tag.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
                int tag = f.getInt(null);
                assertThat(ElementDictionary.keywordOf(tag)).as(f.getName()).isEqualTo(f.getName());
                assertThat(ElementDictionary.tagOf(f.getName())).isEqualTo(tag);
                n++;
            }
        }
        assertThat(n).isGreaterThanOrEqualTo(5300);
    }
}
