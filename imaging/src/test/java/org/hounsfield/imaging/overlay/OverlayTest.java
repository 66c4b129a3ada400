package org.hounsfield.imaging.overlay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.hounsfield.core.Dataset;
import org.hounsfield.core.Tag;
import org.hounsfield.core.VR;
import org.hounsfield.imaging.render.TestImages;
import org.junit.jupiter.api.Test;

class OverlayTest {

    @Test
    void overlayDataWithOrigin() {
        Dataset ds = TestImages.gray(4, 4, 1, 12, false, new int[16]);
        ds.setInts(0x60020010, VR.US, 2);                // rows
        ds.setInts(0x60020011, VR.US, 3);                // columns
        ds.setString(0x60020040, "G");
        ds.setInts(0x60020050, VR.SS, 2, 2);             // origin row 2, column 2 (1-based)
        ds.setInts(0x60020100, VR.US, 1);
        ds.setInts(0x60020102, VR.US, 0);
        ds.setString(0x60021500, "mark");
        // 6 bits, row by row, least significant bit first: 1 0 1 / 0 1 1 -> 0b110101
        ds.setBytes(0x60023000, VR.OW, new byte[] {0b110101, 0});
        List<Overlay> ovs = Overlay.of(ds);
        assertThat(ovs).hasSize(1);
        Overlay ov = ovs.get(0);
        assertThat(ov.group()).isEqualTo(0x6002);
        assertThat(ov.source()).isEqualTo(Overlay.Source.OVERLAY_DATA);
        assertThat(ov).hasToString("overlay 6002: 2x3 at (2,2), type G, 1 frame(s), Overlay Data (mark)");
        boolean[] m = ov.mask(0, 4, 4);
        String rows = "";
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                rows += m[y * 4 + x] ? '#' : '.';
            }
            rows += "/";
        }
        assertThat(rows).isEqualTo("..../.#.#/..##/..../");
    }

    @Test
    void overlayInUnusedHighBitsOfThePixelWords() {
        // 12 bits stored, overlay in bit 12
        int[] words = {0x1000 | 5, 7, 0x1000, 0x0FFF};
        Dataset ds = TestImages.gray(2, 2, 1, 12, false, 0, 0, 0, 0);
        ds.setBytes(Tag.PixelData, VR.OW, TestImages.words(words));
        ds.setInts(0x60000010, VR.US, 2);
        ds.setInts(0x60000011, VR.US, 2);
        ds.setInts(0x60000100, VR.US, 16);
        ds.setInts(0x60000102, VR.US, 12);
        List<Overlay> ovs = Overlay.of(ds);
        assertThat(ovs).hasSize(1);
        assertThat(ovs.get(0).source()).isEqualTo(Overlay.Source.PIXEL_DATA_HIGH_BITS);
        assertThat(ovs.get(0).mask(0, 2, 2)).containsExactly(true, false, true, false);
        // the stored values themselves are masked to 12 bits
        assertThat(org.hounsfield.imaging.PixelData.of(ds).frame(0)).containsExactly(5, 0, 7, 0, 0, 0, (byte) 0xFF, 0x0F);
    }

    @Test
    void multiFrameOverlayCoversItsFramesOnly() {
        Dataset ds = TestImages.gray(1, 2, 3, 8, false, 0, 0, 0, 0, 0, 0);
        ds.setInts(0x60000010, VR.US, 1);
        ds.setInts(0x60000011, VR.US, 2);
        ds.setString(0x60000015, VR.IS, "2");
        ds.setInts(0x60000051, VR.US, 2);                 // overlay frames apply to image frames 2 and 3 (1-based)
        ds.setInts(0x60000100, VR.US, 1);
        ds.setBytes(0x60003000, VR.OB, new byte[] {0b1001, 0}); // frame a: 1 0, frame b: 0 1
        Overlay ov = Overlay.of(ds).get(0);
        assertThat(ov.appliesTo(0)).isFalse();
        assertThat(ov.mask(0, 1, 2)).containsExactly(false, false);
        assertThat(ov.mask(1, 1, 2)).containsExactly(true, false);
        assertThat(ov.mask(2, 1, 2)).containsExactly(false, true);
    }

    @Test
    void emptyOverlayGroupsAreSkipped() {
        Dataset ds = TestImages.gray(1, 1, 1, 8, false, 0);
        ds.setBytes(0x60000010, VR.US, new byte[0]);
        ds.setBytes(0x60000011, VR.US, new byte[0]);
        ds.setBytes(0x60003000, VR.OW, new byte[0]);
        assertThat(Overlay.of(ds)).isEmpty();
    }
}
