package org.hounsfield.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.hounsfield.core.testing.SharedCorpus;
import org.junit.jupiter.api.Test;

/**
 * Runs tools/compare-dcm2niix.py: our volumes against dcm2niix's on phantom series and on the
 * shared corpus (same dimensions, affine within 1e-3 mm, identical voxels). Skipped with a
 * message when dcm2niix or Python with nibabel is not installed.
 */
class Dcm2niixComparisonTest {

    private static Path script() {
        for (Path p : new Path[] {Path.of("tools/compare-dcm2niix.py"), Path.of("../tools/compare-dcm2niix.py")}) {
            if (Files.isRegularFile(p)) {
                return p.toAbsolutePath();
            }
        }
        throw new IllegalStateException("tools/compare-dcm2niix.py not found from " + Path.of("").toAbsolutePath());
    }

    private static boolean onPath(String exe) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, exe))) {
                return true;
            }
        }
        return false;
    }

    private static String python() {
        for (String p : new String[] {"/usr/bin/python3", "python3"}) {
            try {
                Process pr = new ProcessBuilder(p, "-c", "import nibabel, pydicom, numpy").redirectErrorStream(true).start();
                if (pr.waitFor(60, TimeUnit.SECONDS) && pr.exitValue() == 0) {
                    return p;
                }
            } catch (Exception e) {
                // try the next one
            }
        }
        return null;
    }

    /** Where the classes the command line needs come from (works under surefire's manifest-only jar too). */
    private static String classPath() throws Exception {
        java.util.LinkedHashSet<String> parts = new java.util.LinkedHashSet<>();
        for (Class<?> c : new Class<?>[] {Main.class, VolumeCommand.class, picocli.CommandLine.class,
            org.hounsfield.imaging.volume.Volume.class, org.hounsfield.imaging.PixelData.class,
            org.hounsfield.core.Dataset.class, org.hounsfield.codec.Codecs.class, org.hounsfield.deid.Deidentifier.class}) {
            parts.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        }
        assertThat(String.join("", parts)).doesNotContain(" ");
        return String.join(File.pathSeparator, parts);
    }

    private static String run(String... extra) throws Exception {
        assumeTrue(onPath("dcm2niix"), "dcm2niix is not installed: comparison skipped");
        String py = python();
        assumeTrue(py != null, "python3 with nibabel, pydicom and numpy is not installed: comparison skipped");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String hf = java + " -cp " + classPath() + " " + Main.class.getName();
        List<String> cmd = new ArrayList<>(List.of(py, script().toString(), "--hounsfield", hf));
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.MINUTES)).isTrue();
        System.out.println(out);
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void phantomSeries() throws Exception {
        String out = run();
        assertThat(out).contains("PASS      phantom-shuffled-oblique-gaps/").contains("PASS      phantom-enhanced-oblique/")
                .containsPattern("\\n1[0-9] passed, 0 failed, 1 skipped\\n");
    }

    @Test
    void sharedCorpus() throws Exception {
        Path corpus = SharedCorpus.corpus();
        String out = run("--no-phantoms", "--corpus", corpus.toString());
        assertThat(out).contains("PASS      corpus-multiframe_eCT_Supplemental.dcm/").contains("PASS      corpus-dicomdir/")
                .containsPattern("\\n[0-9]+ passed, 0 failed, [0-9]+ skipped\\n");
    }
}
