package org.hounsfield.imaging.color;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.hounsfield.codec.FrameInfo;
import org.hounsfield.core.DicomValueException;
import org.junit.jupiter.api.Test;

class ColorSpacesTest {

    /** Expected values: pydicom 2.3.1 convert_color_space(arr, 'YBR_FULL', 'RGB') on the same triplets. */
    @Test
    void ybrFullToRgbAsPydicom() {
        int[][] ybr = {{128, 128, 128}, {76, 85, 255}, {150, 44, 21}, {29, 255, 107}, {255, 0, 0}, {0, 255, 255}, {16, 128, 128}, {235, 240, 16}};
        int[][] rgb = {{128, 128, 128}, {254, 0, 0}, {0, 255, 1}, {0, 0, 254}, {76, 255, 28}, {178, 0, 225}, {16, 16, 16}, {78, 255, 255}};
        byte[] frame = new byte[ybr.length * 3];
        for (int i = 0; i < ybr.length; i++) {
            for (int c = 0; c < 3; c++) {
                frame[3 * i + c] = (byte) ybr[i][c];
            }
            assertThat(ColorSpaces.ybrFullToRgb(ybr[i][0], ybr[i][1], ybr[i][2])).as("YCbCr %s", java.util.Arrays.toString(ybr[i])).containsExactly(rgb[i]);
        }
        byte[] out = ColorSpaces.toRgb8(frame, new FrameInfo(1, ybr.length, 3, 8, 8, false, 0, "YBR_FULL_422"));
        for (int i = 0; i < ybr.length; i++) {
            assertThat(new int[] {out[3 * i] & 0xFF, out[3 * i + 1] & 0xFF, out[3 * i + 2] & 0xFF}).containsExactly(rgb[i]);
        }
    }

    @Test
    void ybrPartialUsesTheReducedRanges() {
        // Y 16 is black, 235 white; Cb/Cr 128 neutral
        byte[] f = {16, (byte) 128, (byte) 128, (byte) 235, (byte) 128, (byte) 128, (byte) 126, (byte) 128, (byte) 128};
        byte[] out = ColorSpaces.toRgb8(f, new FrameInfo(1, 3, 3, 8, 8, false, 0, "YBR_PARTIAL_420"));
        assertThat(unsigned(out)).containsExactly(0, 0, 0, 255, 255, 255, 128, 128, 128);
    }

    @Test
    void rgbAndMctTypesPassThroughAndWideSamplesAreScaled() {
        byte[] f = {1, 2, 3};
        assertThat(ColorSpaces.toRgb8(f, new FrameInfo(1, 1, 3, 8, 8, false, 0, "YBR_RCT"))).containsExactly(1, 2, 3);
        // 16-bit: 65535 -> 255, 32768 -> (32768 * 255 + 32767) / 65535 = 128, 257 -> 1
        byte[] w = {(byte) 0xFF, (byte) 0xFF, 0, (byte) 0x80, 1, 1};
        assertThat(unsigned(ColorSpaces.toRgb8(w, new FrameInfo(1, 1, 3, 16, 16, false, 0, "RGB")))).containsExactly(255, 128, 1);
        // 12 bits stored in 16: 4095 -> 255
        byte[] v = {(byte) 0xFF, 0x0F, 0, 0, 0, 0x08};
        assertThat(unsigned(ColorSpaces.toRgb8(v, new FrameInfo(1, 1, 3, 16, 12, false, 0, "RGB")))).containsExactly(255, 0, 128);
        assertThatThrownBy(() -> ColorSpaces.toRgb8(w, new FrameInfo(1, 1, 3, 16, 16, false, 0, "YBR_FULL")))
                .isInstanceOf(DicomValueException.class).hasMessageContaining("8 expected");
        assertThatThrownBy(() -> ColorSpaces.toRgb8(f, new FrameInfo(1, 1, 3, 8, 8, false, 0, "HSV")))
                .isInstanceOf(DicomValueException.class).hasMessage("cannot convert Photometric Interpretation 'HSV' to RGB");
        assertThat(ColorSpaces.isColor("YBR_ICT")).isTrue();
        assertThat(ColorSpaces.isColor("MONOCHROME2")).isFalse();
    }

    @Test
    void uncompressedYbr422IsExpandedAsPydicomDoes() {
        byte[] src = {10, 20, 30, 40, 50, 60, 70, 80};
        assertThat(ColorSpaces.expandYbr422(src, 1)).containsExactly(10, 30, 40, 20, 30, 40, 50, 70, 80, 60, 70, 80);
        byte[] src16 = {1, 2, 3, 4, 5, 6, 7, 8};
        assertThat(ColorSpaces.expandYbr422(src16, 2)).containsExactly(1, 2, 5, 6, 7, 8, 3, 4, 5, 6, 7, 8);
    }

    private static int[] unsigned(byte[] b) {
        int[] out = new int[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = b[i] & 0xFF;
        }
        return out;
    }
}
