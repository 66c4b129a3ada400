package org.hounsfield.imaging.lut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.hounsfield.core.Dataset;
import org.hounsfield.core.DicomValueException;
import org.hounsfield.core.Tag;
import org.hounsfield.core.VR;
import org.hounsfield.imaging.render.TestImages;
import org.junit.jupiter.api.Test;

class LookupTableTest {

    @Test
    void zeroEntriesMean65536() {
        Dataset item = new Dataset();
        item.setInts(Tag.LUTDescriptor, VR.US, 0, 0, 16);
        int[] v = new int[65536];
        for (int i = 0; i < v.length; i++) {
            v[i] = 65535 - i;
        }
        item.setBytes(Tag.LUTData, VR.OW, TestImages.words(v));
        LookupTable t = LookupTable.of(item, false);
        assertThat(t.entries()).isEqualTo(65536);
        assertThat(t.lookup(0)).isEqualTo(65535);
        assertThat(t.lookup(65535)).isEqualTo(0);
        assertThat(t.lookup(70000)).isEqualTo(0);
        assertThat(t.maxValue()).isEqualTo(65535);
    }

    @Test
    void eightBitEntriesPackedTwoPerWord() {
        Dataset item = new Dataset();
        item.setInts(Tag.LUTDescriptor, VR.US, 4, 10, 8);
        item.setBytes(Tag.LUTData, VR.OW, new byte[] {10, 20, 30, 40});
        item.setString(Tag.LUTExplanation, "test");
        LookupTable t = LookupTable.of(item, false);
        assertThat(t.data()).containsExactly(10, 20, 30, 40);
        assertThat(t.lookup(9)).isEqualTo(10);
        assertThat(t.lookup(12)).isEqualTo(30);
        assertThat(t.range()).containsExactly(10, 40);
        assertThat(t).hasToString("LUT 4 entries from 10, 8 bits (test)");
    }

    @Test
    void signedDescriptorAndTooShortData() {
        Dataset item = new Dataset();
        item.setInts(Tag.LUTDescriptor, VR.SS, 3, -100, 12);
        item.setBytes(Tag.LUTData, VR.OW, TestImages.words(7, 8, 9));
        assertThat(LookupTable.of(item, true).lookup(-99)).isEqualTo(8);
        item.setBytes(Tag.LUTData, VR.OW, TestImages.words(7));
        assertThatThrownBy(() -> LookupTable.of(item, true)).isInstanceOf(DicomValueException.class)
                .hasMessage("LUT Data holds 2 bytes, too few for 3 entries of 12 bits");
    }

    @Test
    void voiLutSequenceNormalisesByTheEntryDepth() {
        Dataset ds = TestImages.gray(1, 3, 1, 8, false, 0, 1, 2);
        Dataset item = ds.newSequence(Tag.VOILUTSequence).addItem();
        item.setInts(Tag.LUTDescriptor, VR.US, 3, 0, 16);
        item.setBytes(Tag.LUTData, VR.OW, TestImages.words(0, 32768, 65535));
        VoiLut v = VoiLut.of(ds).get(0);
        assertThat(v.apply(0)).isEqualTo(0.0);
        assertThat(v.apply(1)).isEqualTo(32768 / 65535.0);
        assertThat(v.apply(2.9)).isEqualTo(1.0);
        assertThat(v.describe()).isEqualTo("VOI LUT Sequence LUT 3 entries from 0, 16 bits");
    }
}
