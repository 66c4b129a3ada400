package org.hounsfield.imaging.color;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.hounsfield.core.Dataset;
import org.hounsfield.core.DicomValueException;
import org.hounsfield.core.Tag;
import org.hounsfield.core.VR;
import org.hounsfield.imaging.render.TestImages;
import org.junit.jupiter.api.Test;

class PaletteLutTest {

    private static Dataset palette(int entries, int first, int bits) {
        Dataset ds = TestImages.gray(1, 4, 1, 8, false, 0, 1, 2, 3);
        ds.setString(Tag.PhotometricInterpretation, "PALETTE COLOR");
        for (int t : new int[] {Tag.RedPaletteColorLookupTableDescriptor, Tag.GreenPaletteColorLookupTableDescriptor, Tag.BluePaletteColorLookupTableDescriptor}) {
            ds.setInts(t, VR.US, entries, first, bits);
        }
        return ds;
    }

    @Test
    void sixteenBitEntriesWithFirstMappedValue() {
        Dataset ds = palette(3, 1, 16);
        ds.setBytes(Tag.RedPaletteColorLookupTableData, VR.OW, TestImages.words(0, 0x8000, 0xFFFF));
        ds.setBytes(Tag.GreenPaletteColorLookupTableData, VR.OW, TestImages.words(0xFFFF, 0x0100, 0));
        ds.setBytes(Tag.BluePaletteColorLookupTableData, VR.OW, TestImages.words(257, 514, 771));
        PaletteLut p = PaletteLut.of(ds);
        assertThat(p.bits()).isEqualTo(16);
        assertThat(p.lookup(0)).containsExactly(0, 0xFFFF, 257);      // below the first mapped value: first entry
        assertThat(p.lookup(2)).containsExactly(0x8000, 0x0100, 514);
        assertThat(p.lookup(99)).containsExactly(0xFFFF, 0, 771);      // past the end: last entry
        byte[] rgb = p.toRgb8(new int[] {1, 2, 3});
        // (v * 255 + 32767) / 65535: 0x8000 -> 128, 0x0100 -> 1, 257 -> 1, 514 -> 2, 771 -> 3
        assertThat(rgb).containsExactly(0, (byte) 255, 1, (byte) 128, 1, 2, (byte) 255, 0, 3);
    }

    @Test
    void eightBitEntriesPackedOrOnePerWord() {
        Dataset ds = palette(4, 0, 8);
        ds.setBytes(Tag.RedPaletteColorLookupTableData, VR.OW, new byte[] {10, 20, 30, 40});
        ds.setBytes(Tag.GreenPaletteColorLookupTableData, VR.OW, new byte[] {1, 2, 3, 4});
        ds.setBytes(Tag.BluePaletteColorLookupTableData, VR.OW, new byte[] {(byte) 255, 0, 0, 0});
        PaletteLut p = PaletteLut.of(ds);
        assertThat(p.bits()).isEqualTo(8);
        assertThat(p.toRgb8(new int[] {0, 3})).containsExactly(10, 1, (byte) 255, 40, 4, 0);
        // 8-bit values one per 16-bit word (a common writer mistake): still 8-bit values
        ds.setBytes(Tag.RedPaletteColorLookupTableData, VR.OW, TestImages.words(10, 20, 30, 40));
        ds.setBytes(Tag.GreenPaletteColorLookupTableData, VR.OW, TestImages.words(1, 2, 3, 4));
        ds.setBytes(Tag.BluePaletteColorLookupTableData, VR.OW, TestImages.words(255, 0, 0, 0));
        PaletteLut q = PaletteLut.of(ds);
        assertThat(q.bits()).isEqualTo(8);
        assertThat(q.toRgb8(new int[] {0, 3})).containsExactly(10, 1, (byte) 255, 40, 4, 0);
    }

    /** Expected values: pydicom 2.3.1 _expand_segmented_lut on the same data. */
    @Test
    void segmentedTablesAsPydicom() {
        int[] seg = {0, 3, 10, 20, 30, 1, 4, 70, 2, 2, 0, 0, 1, 3, 10};
        assertThat(PaletteLut.expandSegmented(seg, 16)).containsExactly(10, 20, 30, 40, 50, 60, 70, 10, 20, 30, 40, 50, 60, 70, 50, 30, 10);
        int[] seg8 = {0, 2, 0, 255, 1, 5, 0, 2, 1, 0, 0, 0, 0};
        assertThat(PaletteLut.expandSegmented(seg8, 8)).containsExactly(0, 255, 204, 153, 102, 51, 0, 0, 255);
        int[] linear = {0, 1, 100, 1, 7, 200, 1, 4, 0};
        assertThat(PaletteLut.expandSegmented(linear, 16)).containsExactly(100, 114, 129, 143, 157, 171, 186, 200, 150, 100, 50, 0);
        assertThatThrownBy(() -> PaletteLut.expandSegmented(new int[] {1, 3, 10}, 16)).isInstanceOf(DicomValueException.class)
                .hasMessageContaining("first segment cannot be a linear segment");
        assertThatThrownBy(() -> PaletteLut.expandSegmented(new int[] {7, 1, 0}, 16)).isInstanceOf(DicomValueException.class)
                .hasMessageContaining("unknown segment type 7");
    }

    @Test
    void segmentedPaletteFromADataSet() {
        Dataset ds = palette(0, 0, 16);
        ds.setBytes(Tag.SegmentedRedPaletteColorLookupTableData, VR.OW, TestImages.words(0, 2, 0, 0xFFFF));
        ds.setBytes(Tag.SegmentedGreenPaletteColorLookupTableData, VR.OW, TestImages.words(0, 1, 5, 1, 1, 5));
        ds.setBytes(Tag.SegmentedBluePaletteColorLookupTableData, VR.OW, TestImages.words(0, 2, 9, 9));
        PaletteLut p = PaletteLut.of(ds);
        assertThat(p.entries()).isEqualTo(2);
        assertThat(p.table(0)).containsExactly(0, 0xFFFF);
        assertThat(p.table(1)).containsExactly(5, 5);
        assertThat(p).hasToString("palette 2 entries from 0, 16 bits");
    }

    @Test
    void missingPaletteIsAClearError() {
        Dataset ds = TestImages.gray(1, 1, 1, 8, false, 0);
        assertThatThrownBy(() -> PaletteLut.of(ds)).isInstanceOf(DicomValueException.class)
                .hasMessage("PALETTE COLOR image without Red Palette Color Lookup Table Descriptor (0028,1101)");
        Dataset d2 = palette(4, 0, 16);
        d2.setBytes(Tag.RedPaletteColorLookupTableData, VR.OW, new byte[2]);
        assertThatThrownBy(() -> PaletteLut.of(d2)).isInstanceOf(DicomValueException.class).hasMessageContaining("too few for 4 entries");
    }
}
