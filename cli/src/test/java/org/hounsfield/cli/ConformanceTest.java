package org.hounsfield.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hounsfield.core.testing.SharedCorpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs our {@code json} and {@code dump} commands over the whole corpus and judges them with the
 * shared checkers ({@code ../shared/conformance}): the figures of the core issue's acceptance.
 */
class ConformanceTest {

    @TempDir
    Path tmp;

    private static String checker(String script, String... args) throws IOException, InterruptedException {
        Path k = SharedCorpus.shared().resolve("conformance").resolve(script);
        List<String> cmd = new java.util.ArrayList<>(List.of("python3", k.toString(), "--corpus", SharedCorpus.corpus().toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        System.out.println(out.lines().reduce((a, b) -> b).orElse(""));
        return out;
    }

    @Test
    void jsonAgreesWithPydicomOnAtLeast98Percent() throws Exception {
        Path out = tmp.resolve("json");
        int rc = Main.run("json", "--out-dir", out.toString(), SharedCorpus.corpus().toString());
        assertThat(rc).as("exit code: malformed files fail").isEqualTo(1);
        String report = checker("check_json.py", "--out", out.toString(), "--min-agree", "0.98");
        Matcher m = Pattern.compile("json: (\\d+)/(\\d+) files agree").matcher(report);
        assertThat(m.find()).as(report).isTrue();
        assertThat(Double.parseDouble(m.group(1)) / Double.parseDouble(m.group(2))).as(report).isGreaterThanOrEqualTo(0.98);
    }

    @Test
    void dumpAgreesWithPydicomOnAtLeast95PercentOfLines() throws Exception {
        Path out = tmp.resolve("dump");
        Main.run("dump", "--out-dir", out.toString(), SharedCorpus.corpus().toString());
        String report = checker("check_dump.py", "--out", out.toString(), "--min-mean", "0.95");
        Matcher m = Pattern.compile("dump: mean line agreement ([0-9.]+)%").matcher(report);
        assertThat(m.find()).as(report).isTrue();
        assertThat(Double.parseDouble(m.group(1))).as(report).isGreaterThanOrEqualTo(95.0);
    }

    @Test
    void demoWalksTheStory() {
        java.io.StringWriter sw = new java.io.StringWriter();
        picocli.CommandLine cl = Main.commandLine();
        cl.setOut(new java.io.PrintWriter(sw));
        int rc = cl.execute("demo", "--out", tmp.toString(), "--size", "128");
        assertThat(rc).isZero();
        assertThat(sw.toString())
                .contains("(0010, 0010) Patient's Name                      PN: 'Phantom^Head'")
                .contains("Elements: 61")
                .contains("PixelSpacing     DS   1.953125\\1.953125")
                .contains("XRayTubeCurrent  IS   300")
                .contains("BRAIN: centre 40.0 HU, width 80.0 HU");
        assertThat(Files.exists(tmp.resolve("ct-phantom.dcm"))).isTrue();
    }

    @Test
    void getPrintsValuesOnePerLine() throws Exception {
        Main.run("demo", "--out", tmp.toString(), "--size", "64");
        java.io.StringWriter sw = new java.io.StringWriter();
        picocli.CommandLine cl = Main.commandLine();
        cl.setOut(new java.io.PrintWriter(sw));
        int rc = cl.execute("get", tmp.resolve("ct-phantom.dcm").toString(), "PatientName", "0028,0030", "Modality", "XRayTubeCurrent");
        assertThat(rc).isZero();
        assertThat(sw.toString().lines()).containsExactly("Phantom^Head", "3.90625\\3.90625", "CT", "300");
        assertThat(cl.execute("get", tmp.resolve("ct-phantom.dcm").toString(), "NoSuchKeyword")).isEqualTo(2);
    }
}
