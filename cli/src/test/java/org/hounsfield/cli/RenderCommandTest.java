package org.hounsfield.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.hounsfield.core.Dataset;
import org.hounsfield.core.Tag;
import org.hounsfield.core.TransferSyntax;
import org.hounsfield.core.UID;
import org.hounsfield.core.VR;
import org.hounsfield.core.example.HeadPhantom;
import org.hounsfield.core.io.DicomWriter;
import org.hounsfield.core.testing.SharedCorpus;
import org.hounsfield.imaging.lut.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


/** {@code hounsfield render} and {@code hounsfield hu}, and the comparison with DCMTK / pydicom over the corpus. */
class RenderCommandTest {

    @TempDir
    Path tmp;

    /** Runs the CLI as Main.run does, capturing its output. */
    static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private Path phantom(int size) {
        Path f = tmp.resolve("ct.dcm");
        DicomWriter.write(HeadPhantom.slice(size, 0), f);
        return f;
    }

    /** A small multi-frame secondary capture: frame k is filled with 10 * (k + 1). */
    private Path cine(Path f, int frames) {
        Dataset ds = new Dataset();
        ds.setString(Tag.SOPClassUID, UID.SecondaryCaptureImageStorage);
        ds.setString(Tag.SOPInstanceUID, HeadPhantom.UID_ROOT + ".99." + frames);
        ds.setString(Tag.Modality, "OT");
        ds.setInts(Tag.SamplesPerPixel, VR.US, 1);
        ds.setString(Tag.PhotometricInterpretation, "MONOCHROME2");
        ds.setString(Tag.NumberOfFrames, VR.IS, Integer.toString(frames));
        ds.setString(Tag.FrameTime, VR.DS, "40");
        ds.setInts(Tag.Rows, VR.US, 4);
        ds.setInts(Tag.Columns, VR.US, 6);
        ds.setInts(Tag.BitsAllocated, VR.US, 8);
        ds.setInts(Tag.BitsStored, VR.US, 8);
        ds.setInts(Tag.HighBit, VR.US, 7);
        ds.setInts(Tag.PixelRepresentation, VR.US, 0);
        ds.setString(Tag.WindowCenter, VR.DS, "128");
        ds.setString(Tag.WindowWidth, VR.DS, "256");
        byte[] px = new byte[24 * frames];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (10 * (i / 24 + 1));
        }
        ds.setBytes(Tag.PixelData, VR.OB, px);
        ds.setTransferSyntax(TransferSyntax.EXPLICIT_VR_LE);
        DicomWriter.write(ds, f);
        return f;
    }

    @Test
    void rendersTheFilesFirstWindowToPng() throws IOException {
        Path ct = phantom(128);
        Path png = tmp.resolve("ct.png");
        CliRun r = run("render", ct.toString(), "-o", png.toString());
        assertThat(r.rc()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("ct.dcm -> " + png + "  window C 40 W 80 LINEAR (BRAIN)\n");
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(128);
        Window brain = new Window(40, 80);
        for (int[] p : new int[][] {{0, 0}, {64, 64}, {64, 10}, {40, 80}}) {
            int expected = (int) (brain.apply(HeadPhantom.hu(128, p[1], p[0])) * 255);
            assertThat(img.getRaster().getSample(p[0], p[1], 0)).as("x %d y %d", p[0], p[1]).isEqualTo(expected);
        }
    }

    @Test
    void presetWindowSizeAndSixteenBits() throws IOException {
        Path ct = phantom(128);
        Path png = tmp.resolve("lung.png");
        CliRun r = run("render", ct.toString(), "--preset", "lung", "--size", "32x32", "-o", png.toString());
        assertThat(r.rc()).as(r.err()).isZero();
        assertThat(r.out()).endsWith("window C -600 W 1500 LINEAR (preset lung)\n");
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(32);
        assertThat(img.getHeight()).isEqualTo(32);

        Path p16 = tmp.resolve("bone16.png");
        r = run("render", ct.toString(), "--window", "400,1800", "--bits", "16", "-o", p16.toString());
        assertThat(r.rc()).as(r.err()).isZero();
        BufferedImage i16 = ImageIO.read(p16.toFile());
        assertThat(i16.getRaster().getSampleModel().getSampleSize(0)).isEqualTo(16);
        // air, -1000 HU, is below the bone window: 0; skull, 900 HU: ((900 - 399.5) / 1799 + 0.5) * 65535 = 50999.9
        assertThat(i16.getRaster().getSample(0, 0, 0)).isZero();
        assertThat(i16.getRaster().getSample(64, 7, 0)).isEqualTo((int) (((900 - 399.5) / 1799 + 0.5) * 65535));
    }

    @Test
    void everyFrameAsFilesSheetAndGif() throws Exception {
        Path f = cine(tmp.resolve("cine.dcm"), 3);
        Path out = tmp.resolve("frames");
        CliRun r = run("render", f.toString(), "--all", "--out-dir", out.toString());
        assertThat(r.rc()).as(r.err()).isZero();
        for (int k = 0; k < 3; k++) {
            BufferedImage img = ImageIO.read(out.resolve(String.format("cine.%04d.png", k)).toFile());
            assertThat(img.getRaster().getSample(0, 0, 0)).isEqualTo(10 * (k + 1)); // window 128/256 maps x to x
        }
        assertThat(r.out().lines().count()).isEqualTo(3);

        Path sheet = tmp.resolve("sheet.png");
        r = run("render", f.toString(), "--sheet", "--columns", "3", "-o", sheet.toString());
        assertThat(r.rc()).as(r.err()).isZero();
        BufferedImage s = ImageIO.read(sheet.toFile());
        assertThat(s.getWidth()).isEqualTo(3 * 6 + 2 * 2);
        assertThat(s.getRaster().getSample(16, 0, 0)).isEqualTo(30);

        Path gif = tmp.resolve("cine.gif");
        r = run("render", f.toString(), "--gif", "-o", gif.toString());
        assertThat(r.rc()).as(r.err()).isZero();
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(in);
            assertThat(reader.getNumImages(true)).isEqualTo(3);
            assertThat(reader.read(2).getRaster().getSample(0, 0, 0)).isEqualTo(30);
        }
        r = run("render", f.toString(), "--frame", "2", "-o", tmp.resolve("f2.jpg").toString());
        assertThat(r.rc()).as(r.err()).isZero();
        assertThat(Math.abs(ImageIO.read(tmp.resolve("f2.jpg").toFile()).getRaster().getSample(0, 0, 0) - 30)).isLessThanOrEqualTo(2);
    }

    @Test
    void foldersKeepRelativePathsAndSkipFilesWithoutPixels() throws IOException {
        Path in = tmp.resolve("in");
        Files.createDirectories(in.resolve("sub"));
        DicomWriter.write(HeadPhantom.slice(32, 0), in.resolve("sub/a.dcm"));
        Dataset sr = new Dataset();
        sr.setString(Tag.SOPClassUID, UID.BasicTextSRStorage);
        sr.setString(Tag.SOPInstanceUID, HeadPhantom.UID_ROOT + ".98");
        sr.setString(Tag.Modality, "SR");
        sr.setTransferSyntax(TransferSyntax.EXPLICIT_VR_LE);
        DicomWriter.write(sr, in.resolve("report.dcm"));
        Files.writeString(in.resolve("notes.txt"), "hello");
        Path out = tmp.resolve("out");
        CliRun r = run("render", "--out-dir", out.toString(), in.toString());
        assertThat(r.rc()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("sub/a.dcm -> " + out.resolve("sub/a.png") + "  window C 40 W 80 LINEAR (BRAIN)\n");
        assertThat(r.err()).contains("skipped  notes.txt: not DICOM").contains("skipped  report.dcm: no pixel data");
        assertThat(Files.exists(out.resolve("sub/a.png"))).isTrue();
    }

    @Test
    void usageErrorsAndFailures() throws IOException {
        Path ct = phantom(32);
        assertThat(run("render", ct.toString(), "--window", "40").rc()).isEqualTo(2);
        assertThat(run("render", ct.toString(), "--window", "40,0").rc()).isEqualTo(2);
        CliRun bad = run("render", ct.toString(), "--preset", "kidney");
        assertThat(bad.rc()).isEqualTo(2);
        assertThat(bad.err()).contains("unknown preset 'kidney'; known: brain, subdural");
        assertThat(run("render", ct.toString(), "--preset", "lung", "--auto").rc()).isEqualTo(2);
        assertThat(run("render", tmp.toString(), "-o", tmp.resolve("x.png").toString()).rc()).isEqualTo(2);
        assertThat(run("render", ct.toString(), "--size", "0x10").rc()).isEqualTo(2);
        assertThat(run("render").rc()).isEqualTo(2);

        CliRun frame = run("render", ct.toString(), "--frame", "3", "-o", tmp.resolve("x.png").toString());
        assertThat(frame.rc()).isEqualTo(1);
        assertThat(frame.err()).isEqualTo("ERROR  ct.dcm: frame 3 out of range (1 frame, 0-based)\n");

        Dataset sr = new Dataset();
        sr.setString(Tag.Modality, "SR");
        Path srFile = tmp.resolve("sr.dcm");
        DicomWriter.write(sr, srFile);
        CliRun none = run("render", srFile.toString(), "-o", tmp.resolve("sr.png").toString());
        assertThat(none.rc()).isEqualTo(1);
        assertThat(none.err()).isEqualTo("ERROR  sr.dcm: no pixel data\n");
        assertThat(Files.exists(tmp.resolve("sr.png"))).isFalse();
    }

    @Test
    void listsThePresets() {
        CliRun r = run("render", "--list-presets");
        assertThat(r.rc()).isZero();
        assertThat(r.out()).contains("brain             C     40  W    80  brain parenchyma\n")
                .contains("lung              C   -600  W  1500  lung parenchyma\n");
    }

    @Test
    void huPrintsThePhysicalValue() {
        Path ct = phantom(128);
        CliRun r = run("hu", ct.toString(), "--at", "64,64", "--at", "0,0", "--at", "64,7");
        assertThat(r.rc()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("64,64  28 HU  (stored 1052)\n0,0  -1000 HU  (stored 24)\n64,7  900 HU  (stored 1924)\n");
        assertThat(HeadPhantom.hu(128, 64, 64)).isEqualTo(28.0);
        CliRun out = run("hu", ct.toString(), "--at", "128,0");
        assertThat(out.rc()).isEqualTo(1);
        assertThat(out.err()).isEqualTo("ERROR  (128,0) is outside the 128x128 image\n");
        assertThat(run("hu", ct.toString(), "--at", "1;2").rc()).isEqualTo(2);
        assertThat(HuCommand.number(-973.63)).isEqualTo("-973.63");
        assertThat(HuCommand.number(987.7538623806)).isEqualTo("987.753862");
    }

    // ---------------------------------------------------------------------------------------------
    // against DCMTK's dcmj2pnm and pydicom: tools/compare-render.py over the shared corpus

    private static Path script() {
        for (Path p : List.of(Path.of("..", "tools", "compare-render.py"), Path.of("tools", "compare-render.py"))) {
            if (Files.isRegularFile(p)) {
                return p.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("tools/compare-render.py not found from " + Path.of("").toAbsolutePath());
    }

    private static boolean works(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    void picturesEqualDcmtkAndPydicomWithinOneLevel() throws Exception {
        Path corpus = SharedCorpus.corpus();
        String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        if (!works("dcmj2pnm", "--version")) {
            abort("DCMTK's dcmj2pnm is not installed: the comparison with DCMTK is skipped (apt-get install dcmtk)");
        }
        if (!works(python, "-c", "import pydicom, numpy, PIL")) {
            abort(python + " lacks pydicom, numpy or Pillow: the comparison is skipped (apt-get install python3-pydicom python3-pil)");
        }
        Path ours = tmp.resolve("ours");
        Path minmax = tmp.resolve("minmax");
        Path overlays = tmp.resolve("overlays");
        run("render", "-q", "--all", "--out-dir", ours.toString(), corpus.toString());
        run("render", "-q", "--all", "--auto", "minmax", "--out-dir", minmax.toString(), corpus.toString());
        run("render", "-q", "--all", "--overlays", "--out-dir", overlays.toString(), corpus.toString());
        List<String> cmd = new ArrayList<>(List.of(python, script().toString(), "--corpus", corpus.toString(),
                "--ours", ours.toString(), "--ours-minmax", minmax.toString(), "--ours-overlays", overlays.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String report = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.MINUTES)).isTrue();
        System.out.println(report);
        Matcher g = Pattern.compile("render-vs-dcmtk: (\\d+)/(\\d+) files meet 99.9%, (\\d+) exception\\(s\\) listed, (\\d+) failed").matcher(report);
        assertThat(g.find()).as(report).isTrue();
        assertThat(Integer.parseInt(g.group(4))).as(report).isZero();
        assertThat(Integer.parseInt(g.group(2))).as("grayscale files compared").isGreaterThanOrEqualTo(130);
        Matcher c = Pattern.compile("render-vs-pydicom: (\\d+)/(\\d+) colour files within 1 everywhere, (\\d+) failed").matcher(report);
        assertThat(c.find()).as(report).isTrue();
        assertThat(Integer.parseInt(c.group(3))).as(report).isZero();
        assertThat(Integer.parseInt(c.group(2))).as("colour files compared").isGreaterThanOrEqualTo(70);
        assertThat(p.exitValue()).as(report).isZero();
    }
}
