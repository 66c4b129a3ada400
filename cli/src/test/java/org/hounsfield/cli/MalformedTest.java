package org.hounsfield.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import org.hounsfield.core.testing.SharedCorpus;
import org.hounsfield.core.testing.SharedCorpus.Entry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** Each file of corpus/malformed makes 'hounsfield validate' fail with a message naming the problem, no stack trace. */
class MalformedTest {

    static List<Entry> files() {
        return SharedCorpus.malformed();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void validateFailsWithAClearMessage(Entry e) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int rc = cl.execute("validate", e.file().toString());
        assertThat(rc).as(err.toString()).isEqualTo(1);
        assertThat(err.toString()).startsWith("ERROR  " + e.file().getFileName() + ": ").doesNotContain("\tat ").doesNotContain("Exception:");
        assertThat(err.toString()).containsAnyOf("byte offset", "INVALID");
    }

    /**
     * Decodes without error, to the same noise as GDCM and pydicom: the encoder computed predictor
     * 6 in 16-bit arithmetic. Validate says so, and the repaired decode equals DCMTK's
     * {@code dcmdjpeg +w6} (SHA-256 of its pixel array, taken with DCMTK 3.6.7).
     */
    @org.junit.jupiter.api.Test
    void jpegLossless_1s_1f_i_16_16_bad_isNamedAndRepairable() {
        java.nio.file.Path file = SharedCorpus.corpus().resolve("malformed/JPEGLossless_1s_1f_i_16_16_bad.dcm");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        assertThat(cl.execute("validate", file.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("frame 0: JPEG lossless stream with predictor 6").contains("--jpeg-pred6-overflow");

        out.getBuffer().setLength(0);
        assertThat(cl.execute("pixels", "--sha256", "--jpeg-pred6-overflow", file.toString())).isZero();
        assertThat(out.toString()).startsWith("6ac1ebb09e282120130757c79f559cf8a3ec5b2e53e0565e9eb7876c377ee255  ");
    }
}
