package org.hounsfield.imaging.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.awt.image.BufferedImage;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.hounsfield.imaging.phantom.HeadPhantom3D;
import org.hounsfield.imaging.phantom.PhantomSeries;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReslicerTest {

    @TempDir
    static Path tmp;

    static Volume axial;
    static Volume oblique;

    @BeforeAll
    static void load() {
        PhantomSeries.Options o = PhantomSeries.Options.defaults().withSlices(40).withSize(64).withThreads(2);
        axial = VolumeLoaderTest.load(tmp.resolve("axial"), o, VolumeOptions.physical());
        oblique = VolumeLoaderTest.load(tmp.resolve("oblique"), o.withOblique(true), VolumeOptions.physical());
    }

    @Test
    void axialPlaneIsTheSlice() {
        assertThat(Reslicer.planeCount(axial, Reslicer.Plane.AXIAL)).isEqualTo(40);
        Reslicer.Image2D img = Reslicer.plane(axial, Reslicer.Plane.AXIAL, 20);
        assertThat(img.width()).isEqualTo(64);
        assertThat(img.height()).isEqualTo(64);
        assertThat(img.pixelWidth()).isEqualTo(250.0 / 64);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                assertThat(img.get(x, y)).isEqualTo((float) axial.value(x, y, 20));
            }
        }
    }

    @Test
    void coronalIsSeenFromTheFrontHeadUp() {
        assertThat(Reslicer.planeCount(axial, Reslicer.Plane.CORONAL)).isEqualTo(64);
        int row = 20;
        Reslicer.Image2D img = Reslicer.plane(axial, Reslicer.Plane.CORONAL, row);
        assertThat(img.width()).isEqualTo(64);
        assertThat(img.height()).isEqualTo(40);
        assertThat(img.pixelHeight()).isEqualTo(5.0);
        // top row is the highest slice, x runs to the patient's left
        for (int r = 0; r < 40; r++) {
            for (int c = 0; c < 64; c++) {
                assertThat(img.get(c, r)).isEqualTo((float) axial.value(c, row, 39 - r));
            }
        }
        double[] top = axial.voxelToPatient(0, row, 39);
        double[] bottom = axial.voxelToPatient(0, row, 0);
        assertThat(top[2]).isGreaterThan(bottom[2]);
    }

    @Test
    void sagittalIsSeenFromTheLeftAnteriorOnTheLeft() {
        int col = 40;
        Reslicer.Image2D img = Reslicer.plane(axial, Reslicer.Plane.SAGITTAL, col);
        assertThat(img.width()).isEqualTo(64);
        assertThat(img.height()).isEqualTo(40);
        for (int r = 0; r < 40; r += 3) {
            for (int c = 0; c < 64; c += 3) {
                assertThat(img.get(c, r)).isEqualTo((float) axial.value(col, c, 39 - r));
            }
        }
        assertThatThrownBy(() -> Reslicer.plane(axial, Reslicer.Plane.SAGITTAL, 64)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("sagittal index 64 outside 0..63");
    }

    @Test
    void projections() {
        Reslicer.Image2D mip = Reslicer.slab(axial, Reslicer.Plane.AXIAL, 20, 40, Reslicer.Projection.MAX);
        Reslicer.Image2D min = Reslicer.slab(axial, Reslicer.Plane.AXIAL, 20, 40, Reslicer.Projection.MIN);
        Reslicer.Image2D mean = Reslicer.slab(axial, Reslicer.Plane.AXIAL, 20, 3, Reslicer.Projection.MEAN);
        for (int y = 0; y < 64; y += 2) {
            for (int x = 0; x < 64; x += 2) {
                float hi = Float.NEGATIVE_INFINITY;
                float lo = Float.POSITIVE_INFINITY;
                for (int z = 0; z < 40; z++) {
                    hi = Math.max(hi, (float) axial.value(x, y, z));
                    lo = Math.min(lo, (float) axial.value(x, y, z));
                }
                assertThat(mip.get(x, y)).isEqualTo(hi);
                assertThat(min.get(x, y)).isEqualTo(lo);
                float m = (float) ((axial.value(x, y, 19) + axial.value(x, y, 20) + axial.value(x, y, 21)));
                assertThat(mean.get(x, y)).isCloseTo(m / 3, offset(1e-3f));
            }
        }
        float max = Float.NEGATIVE_INFINITY;
        for (float f : mip.pixels()) {
            max = Math.max(max, f);
        }
        assertThat(max).isEqualTo(1500f); // the marker bead
    }

    @Test
    void obliqueStackResliceToTrueAxial() {
        // an axial plane through the oblique volume's centre, resampled: values match the phantom inside the head
        double[] c = Reslicer.centre(oblique);
        Reslicer.Image2D img = Reslicer.oblique(oblique, c, new double[] {1, 0, 0}, new double[] {0, 1, 0}, 40, 40, 2, 0,
                Reslicer.Projection.MAX);
        int agree = 0;
        int inside = 0;
        for (int r = 0; r < 40; r++) {
            for (int col = 0; col < 40; col++) {
                double[] p = {c[0] + (col - 19.5) * 2, c[1] + (r - 19.5) * 2, c[2]};
                float v = img.get(col, r);
                if (Float.isNaN(v) || !uniformAround(p, 6)) {
                    continue; // near a boundary interpolation mixes tissues
                }
                inside++;
                if (Math.abs(v - HeadPhantom3D.hu(p)) < 1e-3) {
                    agree++;
                }
            }
        }
        assertThat(inside).isGreaterThan(200);
        assertThat(agree).isEqualTo(inside);
    }

    /** Whether the phantom is one tissue over the cube of +-d mm around p (the interpolation footprint). */
    private static boolean uniformAround(double[] p, double d) {
        int v = HeadPhantom3D.hu(p);
        for (int i = -2; i <= 2; i++) {
            for (int j = -2; j <= 2; j++) {
                for (int k = -2; k <= 2; k++) {
                    if (HeadPhantom3D.hu(p[0] + i * d / 2, p[1] + j * d / 2, p[2] + k * d / 2) != v) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    @Test
    void trilinearAtVoxelCentresIsExact() {
        assertThat(Reslicer.trilinear(axial, new double[] {10, 11, 12})).isEqualTo(axial.value(10, 11, 12));
        assertThat(Reslicer.trilinear(axial, new double[] {10.5, 11, 12}))
                .isEqualTo((axial.value(10, 11, 12) + axial.value(11, 11, 12)) / 2);
        assertThat(Reslicer.trilinear(axial, new double[] {-1, 0, 0})).isNaN();
    }

    @Test
    void windowedPngWithSquarePixels() throws Exception {
        Reslicer.Image2D cor = Reslicer.plane(axial, Reslicer.Plane.CORONAL, 32);
        Path png = tmp.resolve("cor.png");
        WindowedPng.write(cor, 40, 400, png);
        BufferedImage bi = ImageIO.read(png.toFile());
        assertThat(bi.getWidth()).isEqualTo(64);
        assertThat(bi.getHeight()).isEqualTo(1 + (int) Math.round(39 * 5 / (250.0 / 64)));  // 5 mm rows stretched
        Reslicer.Image2D tiny = new Reslicer.Image2D(4, 1, new float[] {-1000, 40, 240, Float.NaN}, 1, 1);
        BufferedImage t = WindowedPng.render(tiny, 40, 400);
        assertThat(t.getRaster().getSample(0, 0, 0)).isEqualTo(0);
        assertThat(t.getRaster().getSample(1, 0, 0)).isEqualTo(128);
        assertThat(t.getRaster().getSample(2, 0, 0)).isEqualTo(255);
        assertThat(t.getRaster().getSample(3, 0, 0)).isEqualTo(0);
        assertThat(WindowedPng.autoWindow(tiny)).containsExactly(-480, 1040); // 1st to 99th percentile of -1000, 40, 240
    }
}
