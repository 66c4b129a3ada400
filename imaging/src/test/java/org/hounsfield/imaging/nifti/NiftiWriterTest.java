package org.hounsfield.imaging.nifti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;

import org.hounsfield.core.DicomException;
import org.hounsfield.imaging.nifti.internal.ParallelGzipOutputStream;
import org.hounsfield.imaging.phantom.PhantomSeries;
import org.hounsfield.imaging.series.SeriesScanner;
import org.hounsfield.imaging.volume.Volume;
import org.hounsfield.imaging.volume.VolumeLoader;
import org.hounsfield.imaging.volume.VolumeOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NiftiWriterTest {

    @TempDir
    Path tmp;

    private Volume phantom(PhantomSeries.Options o, VolumeOptions vo) {
        Path dir = tmp.resolve("dcm" + System.nanoTime());
        PhantomSeries.write(dir, o);
        return VolumeLoader.load(SeriesScanner.scan(dir).stacks().get(0), vo);
    }

    private static PhantomSeries.Options small() {
        return PhantomSeries.Options.defaults().withSlices(10).withSize(32).withThreads(2);
    }

    @Test
    void axialStoredValuesAsDcm2niixWritesThem() {
        PhantomSeries.Options o = small();
        Volume v = phantom(o, VolumeOptions.stored());
        for (String name : new String[] {"ct.nii", "ct.nii.gz"}) {
            Path f = tmp.resolve(name);
            NiftiWriter.write(v, f);
            NiftiReader.Image img = NiftiReader.read(f);
            NiftiHeader h = img.header();
            assertThat(h.dim()).containsExactly(new short[] {3, 32, 32, 10, 1, 1, 1, 1});
            assertThat(h.datatype()).isEqualTo(NiftiHeader.DT_UINT16);
            assertThat(h.bitpix()).isEqualTo((short) 16);
            assertThat(h.sclSlope()).isEqualTo(1f);
            assertThat(h.sclInter()).isEqualTo(-1024f);
            assertThat(h.voxOffset()).isEqualTo(352f);
            assertThat(h.qformCode()).isEqualTo((short) 1);
            assertThat(h.sformCode()).isEqualTo((short) 1);
            double ps = 250.0 / 32;
            double[] p0 = PhantomSeries.position(o, 0);
            // LPS -> RAS, rows flipped: NIfTI (0, 0, 0) is the first pixel of the last DICOM row
            double[][] expected = {
                {-ps, 0, 0, -p0[0]},
                {0, ps, 0, -(p0[1] + 31 * ps)},
                {0, 0, 5, p0[2]},
            };
            double[][] s = h.sform();
            double[][] q = h.qformMatrix();
            for (int r = 0; r < 3; r++) {
                assertThat(s[r]).containsExactly(expected[r], offset(1e-4));
                assertThat(q[r]).containsExactly(expected[r], offset(1e-4));
            }
            assertThat(h.pixdim()[0]).isEqualTo(-1f);
            assertThat(h.pixdim()[3]).isEqualTo(5f);
            for (int k = 0; k < 10; k++) {
                for (int j = 0; j < 32; j++) {
                    for (int i = 0; i < 32; i++) {
                        assertThat(img.raw(i, j, k)).isEqualTo(v.get(i, 31 - j, k));
                        assertThat(img.scaled(i, j, k)).isEqualTo(v.value(i, 31 - j, k));
                    }
                }
            }
        }
    }

    @Test
    void physicalValuesAndFlippedRowsOff() {
        Volume v = phantom(small(), VolumeOptions.stored());
        Path f = tmp.resolve("hu.nii");
        NiftiWriter.write(v, f, NiftiWriter.Options.defaults().withPhysical(true).withFlipRows(false));
        NiftiReader.Image img = NiftiReader.read(f);
        assertThat(img.header().datatype()).isEqualTo(NiftiHeader.DT_INT16);
        assertThat(img.header().sclSlope()).isEqualTo(1f);
        assertThat(img.header().sclInter()).isEqualTo(0f);
        assertThat(img.raw(5, 7, 3)).isEqualTo(v.value(5, 7, 3));
        double[][] s = img.header().sform();
        assertThat(s[1][1]).isCloseTo(-250.0 / 32, offset(1e-6)); // rows as stored: y runs to posterior, -y in RAS
    }

    @Test
    void tiltKeepsTheShearInTheSformAndARotationInTheQform() {
        PhantomSeries.Options o = small().withTilt(20);
        Volume v = phantom(o, VolumeOptions.physical());
        NiftiHeader h = NiftiWriter.header(v, NiftiWriter.Options.defaults());
        double[][] s = h.sform();
        double ps = 250.0 / 32;
        double t = Math.toRadians(20);
        // column (flipped rows) = -(0, cos t, sin t) * ps in LPS = (0, cos t, -sin t) * ps in RAS; slices along z only
        assertThat(new double[] {s[0][1], s[1][1], s[2][1]}).containsExactly(new double[] {0, Math.cos(t) * ps, -Math.sin(t) * ps}, offset(1e-5));
        assertThat(new double[] {s[0][2], s[1][2], s[2][2]}).containsExactly(new double[] {0, 0, 5}, offset(1e-5));
        double[][] q = h.qformMatrix();
        for (int c = 0; c < 3; c++) {
            double len = Math.sqrt(q[0][c] * q[0][c] + q[1][c] * q[1][c] + q[2][c] * q[2][c]);
            assertThat(len).isCloseTo(h.pixdim()[c + 1], offset(1e-4));
        }
        double dot = q[0][1] * q[0][2] + q[1][1] * q[1][2] + q[2][1] * q[2][2];
        assertThat(dot).isCloseTo(0, offset(1e-4)); // the qform cannot shear
    }

    @Test
    void quaternionOfKnownRotations() {
        // the usual dcm2niix axial case diag(-1, 1, 1): qfac -1, then 180 degrees about y (quatern_c = 1)
        double[] q = Quaternion.fromMatrix(new double[][] {{-1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}});
        assertThat(q).containsExactly(new double[] {0, 1, 0, -1}, offset(1e-12));
        // 90 degrees about z
        q = Quaternion.fromMatrix(new double[][] {{0, -2, 0, 0}, {2, 0, 0, 0}, {0, 0, 3, 0}});
        assertThat(q).containsExactly(new double[] {0, 0, Math.sqrt(0.5), 1}, offset(1e-12));
        // a sheared matrix gets its nearest rotation
        double[][] r = Quaternion.polar(new double[][] {{1, 0.1, 0}, {0, 1, 0}, {0, 0, 1}});
        assertThat(Quaternion.det(r)).isCloseTo(1, offset(1e-12));
        assertThat(r[0][0] * r[0][1] + r[1][0] * r[1][1] + r[2][0] * r[2][1]).isCloseTo(0, offset(1e-12));
    }

    @Test
    void sidecar() throws Exception {
        Volume v = phantom(small(), VolumeOptions.stored());
        Map<String, Object> m = BidsSidecar.fields(v);
        assertThat(m.get("Modality")).isEqualTo("CT");
        assertThat(m.get("Manufacturer")).isEqualTo("Hounsfield");
        assertThat(m.get("ConvolutionKernel")).isEqualTo("H30s");
        assertThat(m.get("SliceThickness")).isEqualTo(5.0);
        assertThat(m.get("SeriesNumber")).isEqualTo(1);
        assertThat(m.get("KVP")).isEqualTo(120.0);
        assertThat(m.get("AcquisitionTime")).isEqualTo("09:31:00.000000");
        assertThat(m.get("ImageType")).isEqualTo(List.of("ORIGINAL", "PRIMARY", "AXIAL"));
        assertThat(m.get("ImageOrientationPatientDICOM")).isEqualTo(List.of(1.0, 0.0, 0.0, 0.0, 1.0, 0.0));
        assertThat(m.get("ConversionSoftware")).isEqualTo("hounsfield");
        assertThat(m).doesNotContainKey("EchoTime");
        Path f = tmp.resolve("ct.json");
        BidsSidecar.write(v, f);
        String json = Files.readString(f);
        assertThat(json).startsWith("{\n\t\"Modality\": \"CT\",\n").endsWith("}\n");
        assertThat(json).contains("\t\"ImageOrientationPatientDICOM\": [1, 0, 0, 0, 1, 0],\n");
        assertThat(BidsSidecar.quote("a\"b\\c\n")).isEqualTo("\"a\\\"b\\\\c\\n\"");
        assertThat(NiftiWriter.sidecarPath(tmp.resolve("x.nii.gz")).getFileName().toString()).isEqualTo("x.json");
    }

    @Test
    void parallelGzipIsOneStreamForReaders() throws Exception {
        byte[] data = new byte[3 * (1 << 20) + 12345];
        new Random(1).nextBytes(data);
        for (int i = 0; i < data.length; i += 3) {
            data[i] = 7; // some redundancy
        }
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        ParallelGzipOutputStream z = new ParallelGzipOutputStream(bos, 6, 3);
        z.write(data, 0, 1000);
        z.write(data, 1000, data.length - 1000);
        z.finish();
        z.abort();
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(bos.toByteArray()))) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        ByteArrayOutputStream empty = new ByteArrayOutputStream();
        ParallelGzipOutputStream e = new ParallelGzipOutputStream(empty, 6, 1);
        e.finish();
        e.abort();
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(empty.toByteArray()))) {
            assertThat(in.readAllBytes()).isEmpty();
        }
    }

    @Test
    void readerRejectsGarbage() throws Exception {
        Path f = tmp.resolve("bad.nii");
        Files.write(f, new byte[400]);
        assertThatThrownBy(() -> NiftiReader.read(f)).isInstanceOf(DicomException.class).hasMessageContaining("not a NIfTI-1 file");
        Files.write(f, new byte[10]);
        assertThatThrownBy(() -> NiftiReader.read(f)).isInstanceOf(DicomException.class).hasMessageContaining("truncated");
        Volume v = phantom(small(), VolumeOptions.stored());
        Path ok = tmp.resolve("ok.nii");
        NiftiWriter.write(v, ok);
        byte[] b = Files.readAllBytes(ok);
        Files.write(f, java.util.Arrays.copyOf(b, b.length - 100));
        assertThatThrownBy(() -> NiftiReader.read(f)).isInstanceOf(DicomException.class).hasMessageContaining("voxel data truncated");
    }
}
