package org.hounsfield.imaging.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferUShort;

import org.hounsfield.core.Dataset;
import org.hounsfield.core.DicomValueException;
import org.hounsfield.core.Tag;
import org.hounsfield.core.VR;
import org.hounsfield.core.example.HeadPhantom;
import org.hounsfield.imaging.lut.AutoWindow;
import org.hounsfield.imaging.lut.Window;
import org.hounsfield.imaging.lut.WindowPreset;
import org.junit.jupiter.api.Test;

class RendererTest {

    /** 64 x 64 ramp of the stored values 0..4095, 12 bits. */
    private static Dataset ramp() {
        int[] v = new int[4096];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        return TestImages.gray(64, 64, 1, 12, false, v);
    }

    static int[] gray(BufferedImage img) {
        byte[] d = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        int[] out = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = d[i] & 0xFF;
        }
        return out;
    }

    private static int[] at(int[] g, int... idx) {
        int[] out = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = g[idx[i]];
        }
        return out;
    }

    /** Expected levels: DCMTK 3.6.7 dcmj2pnm +Wi 1 on the same ramp with these windows. */
    @Test
    void sameLevelsAsDcmtkForLinearSigmoidAndMonochrome1() {
        Dataset ds = ramp();
        ds.setString(Tag.WindowCenter, VR.DS, "1000.3");
        ds.setString(Tag.WindowWidth, VR.DS, "777.7");
        int[] g = gray(Renderer.of(ds).render(0));
        assertThat(at(g, 0, 611, 612, 613, 700, 999, 1000, 1001, 1388, 1389, 1390, 4095))
                .containsExactly(0, 0, 0, 0, 29, 127, 127, 127, 254, 255, 255, 255);

        ds.setString(Tag.WindowCenter, VR.DS, "1000");
        ds.setString(Tag.WindowWidth, VR.DS, "700");
        ds.setString(Tag.VOILUTFunction, "SIGMOID");
        g = gray(Renderer.of(ds).render(0));
        assertThat(at(g, 0, 300, 650, 900, 1000, 1100, 1350, 1500, 2000)).containsExactly(0, 4, 30, 92, 127, 162, 224, 241, 254);

        ds.remove(Tag.VOILUTFunction);
        ds.setString(Tag.WindowWidth, VR.DS, "1001");
        ds.setString(Tag.PhotometricInterpretation, "MONOCHROME1");
        Rendered r = Renderer.of(ds).render(0, RenderOptions.defaults());
        assertThat(at(gray(r.image()), 0, 300, 650, 900, 1000, 1100, 1350, 1500, 2000)).containsExactly(255, 255, 216, 152, 127, 101, 38, 0, 0);
        assertThat(r.presentation()).isEqualTo("inverted (MONOCHROME1)");
        assertThat(r.voi()).isEqualTo("window C 1000 W 1001 LINEAR");
    }

    @Test
    void minMaxWhenTheFileHasNoWindow() {
        Rendered r = Renderer.of(ramp()).render(0, RenderOptions.defaults());
        int[] g = gray(r.image());
        // (x - 0) / 4095 * 255, truncated
        assertThat(at(g, 0, 1, 17, 2048, 4094, 4095)).containsExactly(0, 0, 1, 127, 254, 255);
        assertThat(r.voi()).isEqualTo("window C 2048 W 4096 LINEAR (auto: min-max 0 to 4095)");
    }

    @Test
    void windowChoiceOrder() {
        Dataset ct = HeadPhantom.slice(64, 0);   // windows BRAIN 40/80 and BONE 400/1800
        Renderer r = Renderer.of(ct);
        assertThat(r.render(0, RenderOptions.defaults()).voi()).isEqualTo("window C 40 W 80 LINEAR (BRAIN)");
        assertThat(r.render(0, RenderOptions.defaults().withVoiIndex(1)).voi()).isEqualTo("window C 400 W 1800 LINEAR (BONE)");
        assertThat(r.render(0, RenderOptions.defaults().withPreset(WindowPreset.LUNG)).voi()).isEqualTo("window C -600 W 1500 LINEAR (preset lung)");
        assertThat(r.render(0, RenderOptions.defaults().withWindow(0, 100)).voi()).isEqualTo("window C 0 W 100 LINEAR (given)");
        assertThat(r.render(0, RenderOptions.defaults().withAuto(AutoWindow.Method.MIN_MAX)).voi())
                .isEqualTo("window C -49.5 W 1901 LINEAR (auto: min-max -1000 to 900)");
        assertThatThrownBy(() -> r.render(0, RenderOptions.defaults().withVoiIndex(2))).isInstanceOf(DicomValueException.class)
                .hasMessage("the file has 2 window(s) and 0 VOI LUT(s); there is no number 2 (0-based)");
    }

    @Test
    void phantomThroughTheBrainWindow() {
        Dataset ct = HeadPhantom.slice(128, 0);
        int[] g = gray(Renderer.of(ct).render(0));
        Window brain = new Window(40, 80);
        for (int[] p : new int[][] {{0, 0}, {64, 64}, {64, 10}, {40, 80}}) {
            double hu = HeadPhantom.hu(128, p[1], p[0]);
            assertThat(g[p[1] * 128 + p[0]]).as("x %d y %d (%s HU)", p[0], p[1], hu).isEqualTo((int) (brain.apply(hu) * 255));
        }
        assertThat(g[0]).isZero();                     // air
        assertThat(g[64 * 128 + 64]).isEqualTo(90);  // white matter, 28 HU: (28 - 39.5) / 79 + 0.5 = 0.354 -> 90
    }

    @Test
    void sixteenBitGray() {
        Dataset ds = ramp();
        BufferedImage img = Renderer.of(ds).render(0, RenderOptions.defaults().withBits(16)).image();
        assertThat(img.getType()).isEqualTo(BufferedImage.TYPE_USHORT_GRAY);
        short[] d = ((DataBufferUShort) img.getRaster().getDataBuffer()).getData();
        // x / 4095 * 65535, truncated
        assertThat(d[0] & 0xFFFF).isZero();
        assertThat(d[1] & 0xFFFF).isEqualTo(16);
        assertThat(d[4095] & 0xFFFF).isEqualTo(65535);
        assertThatThrownBy(() -> Renderer.of(TestImages.color(1, 1, "RGB", 1, 2, 3)).render(0, RenderOptions.defaults().withBits(16)))
                .isInstanceOf(DicomValueException.class).hasMessage("16-bit output is for grayscale images; this one is RGB");
    }

    @Test
    void overlaysAreDrawnWhiteOnRequest() {
        Dataset ds = TestImages.gray(2, 2, 1, 8, false, 10, 20, 30, 40);
        ds.setInts(0x60000010, VR.US, 2);
        ds.setInts(0x60000011, VR.US, 2);
        ds.setInts(0x60000100, VR.US, 1);
        ds.setBytes(0x60003000, VR.OW, new byte[] {0b0110, 0});
        Renderer r = Renderer.of(ds);
        assertThat(gray(r.render(0, RenderOptions.defaults()).image())).containsExactly(0, 85, 170, 255);
        assertThat(gray(r.render(0, RenderOptions.defaults().withOverlays(true)).image())).containsExactly(0, 255, 255, 255);
        assertThat(r.overlays()).hasSize(1);
    }

    @Test
    void colourPaths() {
        BufferedImage rgb = Renderer.of(TestImages.color(1, 2, "YBR_FULL", 76, 85, 255, 128, 128, 128)).render(0);
        assertThat(rgb.getType()).isEqualTo(BufferedImage.TYPE_3BYTE_BGR);
        assertThat(rgb.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0xFE0000);
        assertThat(rgb.getRGB(1, 0) & 0xFFFFFF).isEqualTo(0x808080);

        // uncompressed YBR_FULL_422: Y1 Y2 Cb Cr for two pixels, 2 bytes a pixel in the file
        Dataset d422 = TestImages.color(1, 2, "YBR_FULL_422", 0, 0, 0, 0, 0, 0);
        d422.setBytes(Tag.PixelData, VR.OB, new byte[] {76, (byte) 128, 85, (byte) 255});
        BufferedImage img = Renderer.of(d422).render(0);
        assertThat(img.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0xFE0000);
        assertThat(img.getRGB(1, 0) & 0xFFFFFF).isEqualTo(rgbOf(org.hounsfield.imaging.color.ColorSpaces.ybrFullToRgb(128, 85, 255)));

        Dataset pal = TestImages.gray(1, 2, 1, 8, false, 0, 1);
        pal.setString(Tag.PhotometricInterpretation, "PALETTE COLOR");
        for (int t : new int[] {Tag.RedPaletteColorLookupTableDescriptor, Tag.GreenPaletteColorLookupTableDescriptor, Tag.BluePaletteColorLookupTableDescriptor}) {
            pal.setInts(t, VR.US, 2, 0, 16);
        }
        pal.setBytes(Tag.RedPaletteColorLookupTableData, VR.OW, TestImages.words(0xFFFF, 0));
        pal.setBytes(Tag.GreenPaletteColorLookupTableData, VR.OW, TestImages.words(0, 0x8000));
        pal.setBytes(Tag.BluePaletteColorLookupTableData, VR.OW, TestImages.words(0, 0xFFFF));
        Rendered r = Renderer.of(pal).render(0, RenderOptions.defaults());
        assertThat(r.image().getRGB(0, 0) & 0xFFFFFF).isEqualTo(0xFF0000);
        assertThat(r.image().getRGB(1, 0) & 0xFFFFFF).isEqualTo(0x0080FF);
        assertThat(r.voi()).isEqualTo("PALETTE COLOR, palette 2 entries from 0, 16 bits");
    }

    private static int rgbOf(int[] c) {
        return c[0] << 16 | c[1] << 8 | c[2];
    }

    @Test
    void sizeFitsKeepingTheAspectRatio() {
        Dataset ds = TestImages.gray(2, 4, 1, 8, false, 0, 0, 255, 255, 0, 0, 255, 255);
        BufferedImage small = Renderer.of(ds).render(0, RenderOptions.defaults().withSize(2, 2)).image();
        assertThat(small.getWidth()).isEqualTo(2);
        assertThat(small.getHeight()).isEqualTo(1);
        assertThat(gray(small)).containsExactly(0, 255);   // area average of 2x2 blocks
        BufferedImage big = Renderer.of(ds).render(0, RenderOptions.defaults().withSize(8, 100)).image();
        assertThat(big.getWidth()).isEqualTo(8);
        assertThat(big.getHeight()).isEqualTo(4);
    }

    @Test
    void framesAndErrors() {
        Dataset ds = TestImages.gray(1, 2, 2, 8, false, 0, 10, 10, 0);
        Renderer r = Renderer.of(ds);
        assertThat(r.frameCount()).isEqualTo(2);
        assertThat(gray(r.render(1))).containsExactly(255, 0);
        assertThatThrownBy(() -> r.render(2)).isInstanceOf(DicomValueException.class).hasMessage("frame 2 out of range (2 frames, 0-based)");
    }
}
