package org.hounsfield.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.hounsfield.imaging.nifti.NiftiHeader;
import org.hounsfield.imaging.nifti.NiftiReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

class VolumeCommandsTest {

    @TempDir
    Path tmp;

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    private Path phantom(String name, String... extra) {
        Path dir = tmp.resolve(name);
        String[] args = new String[4 + extra.length + 2];
        args[0] = "phantom";
        args[1] = dir.toString();
        args[2] = "--slices";
        args[3] = "12";
        System.arraycopy(extra, 0, args, 4, extra.length);
        args[args.length - 2] = "--size";
        args[args.length - 1] = "32";
        Result r = run(args);
        assertThat(r.code()).as(r.err()).isZero();
        return dir;
    }

    @Test
    void phantomThenSeriesTableAndJson() {
        Result p = run("phantom", tmp.resolve("ph").toString(), "--slices", "12", "--size", "32", "--gaps", "--shuffle");
        assertThat(p.code()).isZero();
        assertThat(p.out()).startsWith("wrote 9 file(s), 9 slice(s) of 32x32, 5 mm apart, into ");
        Result t = run("series", tmp.resolve("ph").toString());
        assertThat(t.code()).as(t.err()).isZero();
        assertThat(t.out()).startsWith("9 DICOM file(s), 0 without image, 0 unreadable\n");
        assertThat(t.out()).contains("Patient HF-PHANTOM-3D  Phantom^Head3D");
        assertThat(t.out()).containsPattern("1\\s+CT\\s+9\\s+32x32x9\\s+7\\.8125x7\\.8125x5\\s+AXIAL");
        assertThat(t.out()).contains("! 3 missing slice(s) (gaps of up to 15 mm, spacing 5 mm)");
        Result j = run("series", "--json", tmp.resolve("ph").toString());
        assertThat(j.code()).isZero();
        assertThat(j.out()).contains("\"files\": 9,").contains("\"slices\": 9, \"timePoints\": 1, \"images\": 9")
                .contains("\"missingSlices\": 3").contains("\"variableSpacing\": true").contains("\"orientation\": [1, 0, 0, 0, 1, 0]");
    }

    @Test
    void volumeWritesNiftiAndSidecar() throws Exception {
        Path dir = phantom("ph", "--oblique");
        Path out = tmp.resolve("ct.nii.gz");
        Result r = run("volume", dir.toString(), "-o", out.toString(), "--threads", "2");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("wrote " + out + " + ct.json: 32x32x12 uint16, 7.8125x7.8125x5 mm");
        NiftiReader.Image img = NiftiReader.read(out);
        assertThat(img.nx()).isEqualTo(32);
        assertThat(img.nz()).isEqualTo(12);
        assertThat(img.header().sclInter()).isEqualTo(-1024f);
        assertThat(Files.readString(tmp.resolve("ct.json"))).contains("\"ConvolutionKernel\": \"H30s\"");

        Path hu = tmp.resolve("hu.nii");
        r = run("volume", dir.toString(), "--series", "1", "--hu", "--no-json", "-o", hu.toString());
        assertThat(r.code()).as(r.err()).isZero();
        NiftiReader.Image h = NiftiReader.read(hu);
        assertThat(h.header().datatype()).isEqualTo(NiftiHeader.DT_INT16);
        assertThat(h.raw(3, 4, 5)).isEqualTo(img.scaled(3, 4, 5));
        assertThat(tmp.resolve("hu.json")).doesNotExist();
    }

    @Test
    void volumeAllAndFillGaps() {
        Path a = phantom("a", "--series-number", "3", "--gaps");
        phantom("a/b", "--series-number", "4");
        Result r = run("volume", a.toString(), "--all", "--fill-gaps", "-o", tmp.resolve("out").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(tmp.resolve("out/001_3_1.nii.gz")).exists();
        assertThat(tmp.resolve("out/002_4_1.nii.gz")).exists();
        assertThat(NiftiReader.read(tmp.resolve("out/001_3_1.nii.gz")).nz()).isEqualTo(12); // 9 slices on a 12-slice grid
        Result several = run("volume", a.toString(), "-o", tmp.resolve("x.nii").toString());
        assertThat(several.code()).isEqualTo(1);
        assertThat(several.err()).contains("2 series found; choose one with --series");
    }

    @Test
    void mprPlanesAndProjections() throws Exception {
        Path dir = phantom("ph");
        Path png = tmp.resolve("cor.png");
        Result r = run("mpr", dir.toString(), "--plane", "coronal", "--index", "16", "-o", png.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("wrote " + png + ": coronal plane 16 of 32, 32x12, window 40/80\n");
        BufferedImage bi = ImageIO.read(png.toFile());
        // 7.8 mm columns, 5 mm rows: the coarser axis is resampled to 5 mm pixels
        assertThat(bi.getWidth()).isEqualTo(1 + (int) Math.round(31 * 7.8125 / 5));
        assertThat(bi.getHeight()).isEqualTo(12);

        Path mip = tmp.resolve("mip.png");
        r = run("mpr", dir.toString(), "--plane", "axial", "--mip", "20", "--window", "300,1500", "-o", mip.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("axial plane 6 of 12, max over 4 planes");
        assertThat(ImageIO.read(mip.toFile()).getWidth()).isEqualTo(32);

        Path obl = tmp.resolve("obl.png");
        r = run("mpr", dir.toString(), "--plane", "oblique", "--normal", "0,1,1", "-o", obl.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("oblique plane, normal 0,1,1");
    }

    @Test
    void usageErrors() {
        Path dir = phantom("ph");
        Result r = run("mpr", dir.toString(), "--plane", "diagonal", "-o", tmp.resolve("x.png").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("--plane must be axial, coronal, sagittal or oblique, not 'diagonal'");
        r = run("mpr", dir.toString(), "--plane", "axial", "--index", "99", "-o", tmp.resolve("x.png").toString());
        assertThat(r.err()).contains("axial index 99 outside 0..11");
        r = run("mpr", dir.toString(), "--plane", "axial", "--window", "40", "-o", tmp.resolve("x.png").toString());
        assertThat(r.err()).contains("--window needs 2 comma-separated numbers");
        r = run("phantom", tmp.resolve("p2").toString(), "--transfer-syntax", "mpeg");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("unsupported transfer syntax 'mpeg'");
        r = run("volume", tmp.resolve("nothing").toString(), "-o", tmp.resolve("x.nii").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("no such file or directory");
        r = run("series", dir.toString(), "--threads");
        assertThat(r.code()).isEqualTo(2);
    }
}
