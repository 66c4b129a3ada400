package org.hounsfield.imaging.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.nio.file.Path;

import org.hounsfield.core.DicomException;
import org.hounsfield.core.testing.SharedCorpus;
import org.hounsfield.imaging.phantom.HeadPhantom3D;
import org.hounsfield.imaging.phantom.PhantomSeries;
import org.hounsfield.imaging.series.SeriesScanner;
import org.hounsfield.imaging.series.Stack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VolumeLoaderTest {

    @TempDir
    Path tmp;

    static PhantomSeries.Options small() {
        return PhantomSeries.Options.defaults().withSlices(16).withSize(48).withThreads(2);
    }

    static Volume load(Path dir, PhantomSeries.Options o, VolumeOptions vo) {
        PhantomSeries.write(dir, o);
        return VolumeLoader.load(SeriesScanner.scan(dir).stacks().get(0), vo);
    }

    /**
     * Every voxel holds the phantom's HU at the voxel's patient position (exactly, for voxels not
     * within 1 micrometre of a tissue boundary); returns how many voxels were compared.
     */
    static int assertPhantom(Volume v) {
        int compared = 0;
        int skipped = 0;
        for (int z = 0; z < v.nz(); z++) {
            for (int y = 0; y < v.ny(); y++) {
                for (int x = 0; x < v.nx(); x++) {
                    double[] p = v.voxelToPatient(x, y, z);
                    if (!HeadPhantom3D.stable(p, 1e-3)) {
                        skipped++;
                        continue;
                    }
                    double hu = v.value(x, y, z);
                    if (hu != HeadPhantom3D.hu(p)) {
                        throw new AssertionError("voxel (" + x + ", " + y + ", " + z + ") at " + java.util.Arrays.toString(p)
                                + " holds " + hu + " HU, the phantom has " + HeadPhantom3D.hu(p));
                    }
                    compared++;
                }
            }
        }
        assertThat(skipped).isLessThan(compared / 1000 + 5);
        return compared;
    }

    @Test
    void plainSeriesStoredValues() {
        PhantomSeries.Options o = small();
        Volume v = load(tmp, o, VolumeOptions.stored().withThreads(2));
        assertThat(v.nx()).isEqualTo(48);
        assertThat(v.ny()).isEqualTo(48);
        assertThat(v.nz()).isEqualTo(16);
        assertThat(v.nt()).isEqualTo(1);
        assertThat(v.type()).isEqualTo(VoxelType.UINT16);
        assertThat(v.isPhysical()).isFalse();
        assertThat(v.unit()).isEqualTo("HU");
        assertThat(v.voxelBytes()).isEqualTo(48L * 48 * 16 * 2);
        assertThat(v.rescaleSlope(0, 0)).isEqualTo(1);
        assertThat(v.rescaleIntercept(5, 0)).isEqualTo(-1024);
        assertThat(v.uniformRescale()).isTrue();
        assertThat(v.origin()).containsExactly(PhantomSeries.position(o, 0), offset(1e-9));
        assertThat(v.rowDirection()).containsExactly(1, 0, 0);
        assertThat(v.columnDirection()).containsExactly(0, 1, 0);
        assertThat(v.sliceVector()).containsExactly(new double[] {0, 0, 200.0 / 16 > 5 ? 5 : 200.0 / 16}, offset(1e-9));
        assertThat(v.spacing()).containsExactly(new double[] {250.0 / 48, 250.0 / 48, 5}, offset(1e-9));
        // stored = HU + 1024 at the voxel centre
        double[] p = v.voxelToPatient(20, 30, 8);
        assertThat(v.get(20, 30, 8)).isEqualTo(HeadPhantom3D.hu(p) + 1024);
        assertThat(assertPhantom(v)).isGreaterThan(36000);
        double[] back = v.patientToVoxel(p);
        assertThat(back).containsExactly(new double[] {20, 30, 8}, offset(1e-9));
    }

    @Test
    void physicalValuesAreInt16Hu() {
        Volume v = load(tmp, small().withShuffle(true), VolumeOptions.physical());
        assertThat(v.type()).isEqualTo(VoxelType.INT16);
        assertThat(v.isPhysical()).isTrue();
        assertThat(v.rescaleSlope(0, 0)).isEqualTo(1);
        assertThat(v.rescaleIntercept(0, 0)).isEqualTo(0);
        assertThat(v.range()).containsExactly(-1000, 900); // z from -37.5 to 37.5 mm: air to skull, the bead is higher
        assertPhantom(v);
    }

    @ParameterizedTest
    @ValueSource(strings = {"oblique", "tilt", "enhanced", "enhanced-oblique-shuffle", "rle", "jpeg-ls", "explicit-be", "implicit-le"})
    void everyVariantHoldsThePhantomAtItsPatientPositions(String variant) {
        PhantomSeries.Options o = small();
        switch (variant) {
            case "oblique" -> o = o.withOblique(true).withShuffle(true);
            case "tilt" -> o = o.withTilt(20);
            case "enhanced" -> o = o.withEnhanced(true);
            case "enhanced-oblique-shuffle" -> o = o.withEnhanced(true).withOblique(true).withShuffle(true);
            default -> o = o.withTransferSyntax(variant);
        }
        Volume v = load(tmp, o, VolumeOptions.physical().withThreads(2));
        assertThat(v.nz()).isEqualTo(16);
        assertThat(v.origin()).containsExactly(PhantomSeries.position(o, 0), offset(1e-6));
        double[] step = org.hounsfield.imaging.series.internal.Vec.sub(PhantomSeries.position(o, 1), PhantomSeries.position(o, 0));
        assertThat(v.sliceVector()).containsExactly(step, offset(1e-6));
        assertPhantom(v);
    }

    @Test
    void gapsAsFoundOrFilled() {
        PhantomSeries.Options o = small().withGaps(true);
        PhantomSeries.write(tmp, o);
        Stack st = SeriesScanner.scan(tmp).stacks().get(0);
        Volume raw = VolumeLoader.load(st, VolumeOptions.physical());
        assertThat(raw.nz()).isEqualTo(13);
        assertThat(raw.sliceVector()).containsExactly(new double[] {0, 0, 5}, offset(1e-9)); // first step, as dcm2niix

        Volume filled = VolumeLoader.load(st, VolumeOptions.physical().withFillGaps(true));
        assertThat(filled.nz()).isEqualTo(16);
        assertThat(filled.sliceVector()).containsExactly(new double[] {0, 0, 5}, offset(1e-9));
        int[] kept = PhantomSeries.keptSlices(o);
        for (int i = 0; i < kept.length; i++) {
            for (int y = 0; y < 48; y += 5) {
                for (int x = 0; x < 48; x += 5) {
                    assertThat(filled.value(x, y, kept[i])).isEqualTo(raw.value(x, y, i));
                }
            }
        }
        // slice 5 (= 16 / 3) is missing: the mean of slices 4 and 6
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 48; x++) {
                double mean = (filled.value(x, y, 4) + filled.value(x, y, 6)) / 2;
                assertThat(filled.value(x, y, 5)).isEqualTo(Math.rint(mean));
            }
        }
    }

    @Test
    void threadCountDoesNotChangeTheVoxels() {
        PhantomSeries.write(tmp, small().withShuffle(true));
        Stack st = SeriesScanner.scan(tmp).stacks().get(0);
        Volume a = VolumeLoader.load(st, VolumeOptions.stored().withThreads(1));
        Volume b = VolumeLoader.load(st, VolumeOptions.stored().withThreads(4));
        for (int z = 0; z < 16; z++) {
            for (int y = 0; y < 48; y++) {
                for (int x = 0; x < 48; x++) {
                    assertThat(b.get(x, y, z)).isEqualTo(a.get(x, y, z));
                }
            }
        }
    }

    @Test
    void errors() {
        assertThatThrownBy(() -> VolumeLoader.load(tmp.resolve("missing.dcm"))).isInstanceOf(DicomException.class);
        Volume v = Volume.create(2, 2, 2, VoxelType.INT16, new double[3], new double[] {1, 0, 0}, new double[] {0, 1, 0}, new double[] {1, 1, 1});
        assertThatThrownBy(() -> v.get(2, 0, 0)).isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("outside 2x2x2x1");
        v.set(1, 1, 1, 40000);
        assertThat(v.get(1, 1, 1)).isEqualTo(32767); // clamped to int16
    }

    @Test
    void corpusEnhancedCtIsAVolume() {
        Volume v = VolumeLoader.load(SharedCorpus.corpus().resolve("multiframe/eCT_Supplemental.dcm"), VolumeOptions.physical());
        assertThat(v.nx()).isEqualTo(512);
        assertThat(v.nz()).isEqualTo(2);
        assertThat(v.type()).isEqualTo(VoxelType.INT32); // 16 bits stored unsigned, minus 1024: beyond int16
        assertThat(v.spacing()).containsExactly(new double[] {0.388672, 0.388672, 10}, offset(1e-6));
        assertThat(v.rowDirection()).containsExactly(-1, 0, 0);
        Volume stored = VolumeLoader.load(SharedCorpus.corpus().resolve("multiframe/eCT_Supplemental.dcm"));
        assertThat(v.value(256, 256, 1)).isEqualTo(stored.get(256, 256, 1) - 1024);
        // the same frames through JPEG-LS, RLE and JPEG lossless decode to the same voxels
        for (String f : new String[] {"transfer-syntax/jpeg-ls/CT0012.not_fragmented_bot_jpeg_ls.80.dcm",
            "transfer-syntax/rle/CT0012.not_fragmented_no_bot_rle.dcm", "transfer-syntax/jpeg-lossless/CT0012.fragmented_no_bot_jpeg_lossless.70.dcm"}) {
            Volume c = VolumeLoader.load(SharedCorpus.corpus().resolve(f));
            for (int y = 0; y < 512; y += 7) {
                for (int x = 0; x < 512; x += 7) {
                    assertThat(c.get(x, y, 0)).as(f).isEqualTo(stored.get(x, y, 0));
                    assertThat(c.get(x, y, 1)).as(f).isEqualTo(stored.get(x, y, 1));
                }
            }
        }
    }

    @Test
    void corpusRtDoseUsesGridFrameOffsetsAndDoseScaling() {
        Volume v = VolumeLoader.load(SharedCorpus.corpus().resolve("modality/rt/rtdose.dcm"), VolumeOptions.physical());
        assertThat(v.nz()).isEqualTo(15);
        assertThat(v.type()).isEqualTo(VoxelType.FLOAT32);
        assertThat(v.unit()).isEqualTo("RELATIVE"); // Dose Units
        assertThat(v.sliceVector()).containsExactly(new double[] {0, 0, 5}, offset(1e-9));
        Volume stored = VolumeLoader.load(SharedCorpus.corpus().resolve("modality/rt/rtdose.dcm"));
        assertThat(stored.type()).isEqualTo(VoxelType.UINT32);
        assertThat(v.value(3, 4, 5)).isCloseTo(stored.get(3, 4, 5) * 1e-6, offset(1e-6));
    }

    @Test
    void corpusColourIsRefused() {
        Stack st = SeriesScanner.scan(SharedCorpus.corpus().resolve("multiframe/SC_rgb_2frame.dcm")).stacks().get(0);
        assertThatThrownBy(() -> VolumeLoader.load(st)).isInstanceOf(DicomException.class).hasMessageContaining("colour images");
    }
}
