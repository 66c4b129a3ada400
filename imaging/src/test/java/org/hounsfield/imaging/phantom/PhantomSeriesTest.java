package org.hounsfield.imaging.phantom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.hounsfield.core.Dataset;
import org.hounsfield.core.Tag;
import org.hounsfield.core.io.DicomReader;
import org.hounsfield.imaging.PixelData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PhantomSeriesTest {

    @TempDir
    Path tmp;

    private static PhantomSeries.Options small() {
        return PhantomSeries.Options.defaults().withSlices(12).withSize(32).withThreads(2);
    }

    @Test
    void headPhantomValues() {
        assertThat(HeadPhantom3D.hu(0, -78, 30)).isEqualTo(-1000);  // frontal sinus
        assertThat(HeadPhantom3D.hu(40, -50, 50)).isEqualTo(1500);  // marker bead, patient's left
        assertThat(HeadPhantom3D.hu(-40, -50, 50)).isEqualTo(900);  // mirror point on the right: skull, no bead
        assertThat(HeadPhantom3D.hu(0, 0, 0)).isEqualTo(28);
        assertThat(HeadPhantom3D.hu(70.5, 0, 0)).isEqualTo(-100);   // scalp fat
        assertThat(HeadPhantom3D.hu(68, 0, 0)).isEqualTo(900);      // skull
        assertThat(HeadPhantom3D.hu(200, 0, 0)).isEqualTo(-1000);   // air
        assertThat(HeadPhantom3D.stable(new double[] {0, 0, 0}, 1e-3)).isTrue();
        assertThat(HeadPhantom3D.stable(new double[] {72, 0, 0}, 1e-3)).isFalse();
    }

    @Test
    void writesOneFilePerSliceWithExactGeometryAndValues() {
        PhantomSeries.Options o = small();
        List<Path> files = PhantomSeries.write(tmp, o);
        assertThat(files).hasSize(12);
        assertThat(o.effectiveSpacing()).isEqualTo(5.0);
        assertThat(o.pixelSpacing()).isEqualTo(250.0 / 32);
        for (int k = 0; k < 12; k++) {
            Dataset ds = DicomReader.read(files.get(k));
            assertThat(ds.getInt(Tag.InstanceNumber, -1)).isEqualTo(k + 1);
            assertThat(ds.getDoubles(Tag.ImagePositionPatient)).containsExactly(PhantomSeries.position(o, k), org.assertj.core.data.Offset.offset(1e-9));
            assertThat(ds.getDoubles(Tag.ImageOrientationPatient)).containsExactly(1, 0, 0, 0, 1, 0);
            assertThat(ds.getString(Tag.RescaleIntercept)).isEqualTo("-1024");
            byte[] px = PixelData.of(ds).frame(0);
            double[] ipp = PhantomSeries.position(o, k);
            for (int r = 0; r < 32; r += 3) {
                for (int c = 0; c < 32; c += 3) {
                    double[] p = {ipp[0] + c * o.pixelSpacing(), ipp[1] + r * o.pixelSpacing(), ipp[2]};
                    int stored = (px[(r * 32 + c) * 2] & 0xFF) | (px[(r * 32 + c) * 2 + 1] & 0xFF) << 8;
                    assertThat(stored).isEqualTo(HeadPhantom3D.hu(p) + 1024);
                }
            }
        }
        // slice k = 0 is the lowest: z = -(12 - 1) / 2 * 5
        assertThat(PhantomSeries.position(o, 0)[2]).isEqualTo(-27.5);
    }

    @Test
    void shuffleGapsAndTilt() throws Exception {
        PhantomSeries.Options o = small().withShuffle(true).withGaps(true).withTilt(15);
        List<Path> files = PhantomSeries.write(tmp, o);
        assertThat(PhantomSeries.keptSlices(o)).containsExactly(0, 1, 2, 3, 5, 6, 7, 10, 11); // 12 / 3 = 4, 2 * 12 / 3 = 8 and 9 left out
        assertThat(files).hasSize(9);
        Set<Integer> instances = new HashSet<>();
        List<Double> zOrderByName = new ArrayList<>();
        for (Path f : files) {
            Dataset ds = DicomReader.read(f);
            instances.add(ds.getInt(Tag.InstanceNumber, -1));
            zOrderByName.add(ds.getDoubles(Tag.ImagePositionPatient)[2]);
            assertThat(ds.getString(Tag.GantryDetectorTilt)).isEqualTo("15");
            double[] iop = ds.getDoubles(Tag.ImageOrientationPatient);
            assertThat(iop[4]).isCloseTo(Math.cos(Math.toRadians(15)), org.assertj.core.data.Offset.offset(1e-12));
            assertThat(iop[5]).isCloseTo(Math.sin(Math.toRadians(15)), org.assertj.core.data.Offset.offset(1e-12));
        }
        assertThat(instances).hasSize(9);
        List<Double> sorted = new ArrayList<>(zOrderByName);
        sorted.sort(null);
        assertThat(zOrderByName).isNotEqualTo(sorted); // file names do not follow the table
        try (Stream<Path> s = Files.list(tmp)) {
            assertThat(s.count()).isEqualTo(9);
        }
    }

    @Test
    void obliqueOrientationIsOrthonormal() {
        PhantomSeries.Options o = small().withOblique(true);
        double[] iop = PhantomSeries.orientation(o);
        double rr = iop[0] * iop[0] + iop[1] * iop[1] + iop[2] * iop[2];
        double cc = iop[3] * iop[3] + iop[4] * iop[4] + iop[5] * iop[5];
        double rc = iop[0] * iop[3] + iop[1] * iop[4] + iop[2] * iop[5];
        assertThat(rr).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(cc).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(rc).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(iop[0]).isCloseTo(Math.cos(Math.toRadians(15)), org.assertj.core.data.Offset.offset(1e-12));
    }

    @ParameterizedTest
    @ValueSource(strings = {"implicit-le", "explicit-be", "deflated", "rle", "jpeg-lossless", "jpeg-ls"})
    void everyTransferSyntaxDecodesToTheNativeValues(String ts) {
        PhantomSeries.Options o = small().withSlices(3);
        List<Path> nat = PhantomSeries.write(tmp.resolve("native"), o);
        List<Path> enc = PhantomSeries.write(tmp.resolve(ts), o.withTransferSyntax(ts));
        for (int i = 0; i < 3; i++) {
            Dataset a = DicomReader.read(nat.get(i));
            Dataset b = DicomReader.read(enc.get(i));
            assertThat(b.transferSyntax().uid()).isEqualTo(PhantomSeries.transferSyntaxUid(ts));
            assertThat(PixelData.of(b).frame(0)).isEqualTo(PixelData.of(a).frame(0));
        }
    }

    @Test
    void enhancedWritesOneMultiFrameFile() {
        PhantomSeries.Options o = small().withEnhanced(true).withShuffle(true);
        List<Path> files = PhantomSeries.write(tmp, o);
        assertThat(files).hasSize(1);
        Dataset ds = DicomReader.read(files.get(0));
        assertThat(ds.getInt(Tag.NumberOfFrames, 0)).isEqualTo(12);
        assertThat(ds.getString(Tag.SOPClassUID)).isEqualTo("1.2.840.10008.5.1.4.1.1.2.1");
        assertThat(ds.getSequence(Tag.PerFrameFunctionalGroupsSequence).size()).isEqualTo(12);
        PixelData px = PixelData.of(ds);
        assertThat(px.frameCount()).isEqualTo(12);
        // frame f holds the slice whose In-Stack Position Number it carries
        for (int f = 0; f < 12; f++) {
            Dataset item = ds.getSequence(Tag.PerFrameFunctionalGroupsSequence).get(f);
            int pos = item.getSequence(Tag.FrameContentSequence).get(0).getInt(Tag.InStackPositionNumber, -1) - 1;
            assertThat(px.frame(f)).isEqualTo(PhantomSeries.pixels(o, pos));
        }
    }

    @Test
    void rejectsBadOptions() {
        assertThatThrownBy(() -> small().withSlices(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("slices");
        assertThatThrownBy(() -> small().withSize(4)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("size");
        assertThatThrownBy(() -> small().withTilt(80)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tilt");
        assertThatThrownBy(() -> small().withTransferSyntax("jpeg2000")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unsupported transfer syntax");
    }
}
