package org.hounsfield.imaging.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.hounsfield.core.Dataset;
import org.hounsfield.core.DicomException;
import org.hounsfield.core.Tag;
import org.hounsfield.core.VR;
import org.hounsfield.core.io.DicomReader;
import org.hounsfield.core.io.DicomWriter;
import org.hounsfield.core.testing.SharedCorpus;
import org.hounsfield.imaging.phantom.PhantomSeries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeriesScannerTest {

    @TempDir
    Path tmp;

    private static PhantomSeries.Options small() {
        return PhantomSeries.Options.defaults().withSlices(12).withSize(16).withThreads(2);
    }

    @Test
    void onePlainSeries() {
        PhantomSeries.write(tmp, small().withShuffle(true));
        Scan scan = SeriesScanner.scan(tmp);
        assertThat(scan.files()).isEqualTo(12);
        assertThat(scan.problems()).isEmpty();
        assertThat(scan.patients()).hasSize(1);
        Patient p = scan.patients().get(0);
        assertThat(p.id()).isEqualTo("HF-PHANTOM-3D");
        assertThat(p.studies()).hasSize(1);
        assertThat(p.studies().get(0).series()).hasSize(1);
        Series s = scan.series().get(0);
        assertThat(s.number()).isEqualTo(1);
        assertThat(s.modality()).isEqualTo("CT");
        assertThat(s.mixedOrientation()).isFalse();
        Stack st = s.stacks().get(0);
        assertThat(st.positions()).isEqualTo(12);
        assertThat(st.timePoints()).isEqualTo(1);
        assertThat(st.spacing()).isCloseTo(5.0, offset(1e-9));
        assertThat(st.variableSpacing()).isFalse();
        assertThat(st.missingSlices()).isZero();
        assertThat(st.duplicates()).isZero();
        assertThat(st.tilt()).isCloseTo(0, offset(1e-9));
        assertThat(st.warnings()).isEmpty();
        assertThat(st.orientationName()).isEqualTo("AXIAL");
        assertThat(st.label()).isEmpty();
        // sorted along the normal, whatever the file names and Instance Numbers say
        double[] d = st.distances();
        for (int k = 0; k < 12; k++) {
            assertThat(d[k]).isCloseTo(-27.5 + 5 * k, offset(1e-9));
            assertThat(st.image(k, 0).position()[2]).isCloseTo(-27.5 + 5 * k, offset(1e-9));
        }
        assertThat(scan.findSeries(null)).isSameAs(s);
        assertThat(scan.findSeries("1")).isSameAs(s);
        assertThat(scan.findSeries(s.uid())).isSameAs(s);
        assertThatThrownBy(() -> scan.findSeries("99")).isInstanceOf(DicomException.class).hasMessageContaining("no series '99'");
    }

    @Test
    void gapsAreMissingSlicesAndVariableSpacing() {
        PhantomSeries.write(tmp, small().withGaps(true));
        Stack st = SeriesScanner.scan(tmp).stacks().get(0);
        assertThat(st.positions()).isEqualTo(9);
        assertThat(st.missingSlices()).isEqualTo(3);
        assertThat(st.variableSpacing()).isTrue();
        assertThat(st.spacing()).isCloseTo(5, offset(1e-9));
        assertThat(st.minSpacing()).isCloseTo(5, offset(1e-9));
        assertThat(st.maxSpacing()).isCloseTo(15, offset(1e-9));
        assertThat(st.warnings()).containsExactly("3 missing slice(s) (gaps of up to 15 mm, spacing 5 mm)", "variable slice spacing 5 to 15 mm");
    }

    @Test
    void gantryTilt() {
        PhantomSeries.write(tmp, small().withTilt(15));
        Stack st = SeriesScanner.scan(tmp).stacks().get(0);
        assertThat(st.tilt()).isCloseTo(15, offset(1e-6));
        assertThat(st.spacing()).isCloseTo(5, offset(1e-9)); // along the table, not along the normal
        assertThat(st.warnings()).containsExactly("gantry tilt 15 deg (slice vector not along the slice normal; Gantry/Detector Tilt 15)");
        assertThat(st.orientationName()).isEqualTo("OBLIQUE (axial)");
    }

    @Test
    void seriesStudiesAndMixedOrientations() {
        PhantomSeries.write(tmp.resolve("a"), small().withSeriesNumber(2));
        PhantomSeries.write(tmp.resolve("b"), small().withSeriesNumber(3).withOblique(true));
        // series 3 again, in another orientation: a localizer-like mix within one series
        PhantomSeries.write(tmp.resolve("c"), small().withSeriesNumber(3).withSlices(2).withTilt(10));
        Scan scan = SeriesScanner.scan(tmp);
        assertThat(scan.series()).extracting(Series::number).containsExactly(2, 3);
        Series s3 = scan.series().get(1);
        assertThat(s3.stacks()).hasSize(2);
        assertThat(s3.mixedOrientation()).isTrue();
        assertThat(s3.warnings().get(0)).isEqualTo("mixed orientations: 2 stacks");
        assertThat(s3.stacks()).extracting(Stack::positions).containsExactlyInAnyOrder(12, 2);
        assertThat(s3.stacks().get(0).label()).startsWith("orientation ");
        assertThat(scan.stacks()).hasSize(3);
    }

    @Test
    void duplicatesAndTimePoints() throws Exception {
        List<Path> files = PhantomSeries.write(tmp.resolve("a"), small().withSlices(4));
        // an exact copy is a duplicate
        Files.copy(files.get(0), tmp.resolve("copy.dcm"));
        Stack st = SeriesScanner.scan(tmp).stacks().get(0);
        assertThat(st.positions()).isEqualTo(4);
        assertThat(st.duplicates()).isEqualTo(1);
        assertThat(st.warnings()).containsExactly("1 duplicate image(s) ignored");
        // every position again as a new instance at temporal position 2: a 4D stack
        for (Path f : files) {
            Dataset ds = DicomReader.read(f);
            ds.setString(Tag.SOPInstanceUID, ds.getString(Tag.SOPInstanceUID) + ".2");
            ds.setString(Tag.TemporalPositionIdentifier, VR.IS, "2");
            DicomWriter.write(ds, tmp.resolve("t2-" + f.getFileName()));
        }
        st = SeriesScanner.scan(tmp).stacks().get(0);
        assertThat(st.positions()).isEqualTo(4);
        assertThat(st.timePoints()).isEqualTo(2);
        assertThat(st.image(0, 0).temporalPosition()).isEqualTo(0);
        assertThat(st.image(0, 1).temporalPosition()).isEqualTo(2);
        assertThat(st.image(3, 1).position()[2]).isEqualTo(st.image(3, 0).position()[2]);
    }

    @Test
    void dicomdirIsFollowedAndNonDicomSkipped() throws Exception {
        List<Path> files = PhantomSeries.write(tmp.resolve("IMAGES"), small().withSlices(3));
        Dataset dir = new Dataset();
        dir.setString(Tag.FileSetID, "PHANTOM");
        var seq = dir.newSequence(Tag.DirectoryRecordSequence);
        for (Path f : files) {
            Dataset rec = seq.addItem();
            rec.setString(Tag.DirectoryRecordType, "IMAGE");
            rec.setString(Tag.ReferencedFileID, "IMAGES", f.getFileName().toString());
        }
        Dataset escape = seq.addItem();
        escape.setString(Tag.DirectoryRecordType, "IMAGE");
        escape.setString(Tag.ReferencedFileID, "..", "outside.dcm");
        Dataset missing = seq.addItem();
        missing.setString(Tag.DirectoryRecordType, "IMAGE");
        missing.setString(Tag.ReferencedFileID, "IMAGES", "NOPE.dcm");
        dir.setString(Tag.SOPClassUID, "1.2.840.10008.1.3.10");
        dir.setString(Tag.SOPInstanceUID, "2.25.1");
        DicomWriter.write(dir, tmp.resolve("DICOMDIR"));
        Files.writeString(tmp.resolve("notes.txt"), "not DICOM");

        Scan scan = SeriesScanner.scan(tmp.resolve("DICOMDIR"));
        assertThat(scan.files()).isEqualTo(4);        // the DICOMDIR and its 3 images
        assertThat(scan.nonImage()).isEqualTo(1);
        assertThat(scan.stacks()).hasSize(1);
        assertThat(scan.stacks().get(0).positions()).isEqualTo(3);
        assertThat(scan.problems()).hasSize(1);
        assertThat(scan.problems().get(0).message()).contains("missing");

        Scan folder = SeriesScanner.scan(List.of(tmp), 1);     // the folder walk finds the same 3 once
        assertThat(folder.stacks().get(0).images()).hasSize(3);
        assertThat(folder.files()).isEqualTo(4);
    }

    @Test
    void brokenFileIsAProblemNotAFailure() throws Exception {
        List<Path> files = PhantomSeries.write(tmp, small().withSlices(2));
        byte[] b = Files.readAllBytes(files.get(0));
        Files.write(tmp.resolve("broken.dcm"), java.util.Arrays.copyOf(b, 300));
        Scan scan = SeriesScanner.scan(tmp);
        assertThat(scan.problems()).hasSize(1);
        assertThat(scan.problems().get(0).file().getFileName().toString()).isEqualTo("broken.dcm");
        assertThat(scan.stacks().get(0).positions()).isEqualTo(2);
        assertThatThrownBy(() -> SeriesScanner.scan(tmp.resolve("nothing-here"))).isInstanceOf(DicomException.class)
                .hasMessageContaining("no such file");
    }

    @Test
    void enhancedFramesAreSlices() {
        PhantomSeries.write(tmp, small().withEnhanced(true).withShuffle(true).withOblique(true));
        Stack st = SeriesScanner.scan(tmp).stacks().get(0);
        assertThat(st.images()).hasSize(12);
        assertThat(st.positions()).isEqualTo(12);
        assertThat(st.first().enhanced()).isTrue();
        assertThat(st.first().framesInFile()).isEqualTo(12);
        assertThat(st.spacing()).isCloseTo(5, offset(1e-6));
        assertThat(st.first().rescaleIntercept()).isEqualTo(-1024);
        assertThat(st.warnings()).isEmpty();
        for (int k = 1; k < 12; k++) {
            assertThat(st.distances()[k] - st.distances()[k - 1]).isCloseTo(5, offset(1e-6));
        }
    }

    @Test
    void corpusDicomdirSeries() {
        Path dicomdir = SharedCorpus.corpus().resolve("dicomdir/pydicom-dicomdirtests/DICOMDIR");
        Scan scan = SeriesScanner.scan(List.of(dicomdir), 2);
        assertThat(scan.problems()).isEmpty();
        assertThat(scan.files()).isEqualTo(32);      // the DICOMDIR and the 31 images it lists
        assertThat(scan.series()).hasSize(13);
        Series smartScore = scan.series().stream().filter(s -> s.description().startsWith("SmartScore")).findFirst().orElseThrow();
        Stack st = smartScore.stacks().get(0);
        assertThat(st.positions()).isEqualTo(5);
        assertThat(st.spacing()).isCloseTo(2.5, offset(1e-6));
        assertThat(st.warnings()).isEmpty();
        Series scout = scan.series().stream().filter(s -> s.description().equals("Scout")).findFirst().orElseThrow();
        assertThat(scout.mixedOrientation()).isTrue();
        assertThat(scout.stacks()).hasSize(2);
        Series brain = scan.series().stream().filter(s -> s.description().equals("Routine Brain")).findFirst().orElseThrow();
        assertThat(brain.stacks().get(0).variableSpacing()).isTrue();
        assertThat(brain.stacks().get(0).positions()).isEqualTo(4);
    }

    @Test
    void corpusEnhancedAndClassicMultiFrame() {
        Stack emri = SeriesScanner.scan(SharedCorpus.corpus().resolve("multiframe/emri_small.dcm")).stacks().get(0);
        assertThat(emri.images()).hasSize(10);
        assertThat(emri.hasGeometry()).isFalse();
        assertThat(emri.warnings().get(0)).contains("geometry unknown");
        Stack ect = SeriesScanner.scan(SharedCorpus.corpus().resolve("multiframe/eCT_Supplemental.dcm")).stacks().get(0);
        assertThat(ect.positions()).isEqualTo(2);
        assertThat(ect.spacing()).isCloseTo(10, offset(1e-6));
        assertThat(ect.first().rescaleIntercept()).isEqualTo(-1024);
        Stack dose = SeriesScanner.scan(SharedCorpus.corpus().resolve("modality/rt/rtdose.dcm")).stacks().get(0);
        assertThat(dose.positions()).isEqualTo(15);
        assertThat(dose.spacing()).isCloseTo(5, offset(1e-9)); // Grid Frame Offset Vector
        assertThat(dose.first().rescaleSlope()).isEqualTo(1e-6); // Dose Grid Scaling
    }
}
