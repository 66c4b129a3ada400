package org.hounsfield.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.hounsfield.core.testing.SharedCorpus;
import org.hounsfield.core.testing.SharedCorpus.Entry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each file of corpus/malformed makes 'hounsfield validate' fail with a message naming the problem, no stack trace. */
class MalformedTest {

    static List<Entry> files() {
        return SharedCorpus.malformed();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void validateFailsWithAClearMessage(Entry e) {
        CliRun r = CliRun.of("validate", e.file().toString());
        assertThat(r.rc()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).startsWith("ERROR  " + e.file().getFileName() + ": ").doesNotContain("\tat ").doesNotContain("Exception:");
        assertThat(r.err()).containsAnyOf("byte offset", "INVALID");
    }

    /**
     * Decodes without error, to the same noise as GDCM and pydicom: the encoder computed predictor
     * 6 in 16-bit arithmetic. Validate says so, and the repaired decode equals DCMTK's
     * {@code dcmdjpeg +w6} (SHA-256 of its pixel array, taken with DCMTK 3.6.7).
     */
    @org.junit.jupiter.api.Test
    void jpegLossless_1s_1f_i_16_16_bad_isNamedAndRepairable() {
        java.nio.file.Path file = SharedCorpus.corpus().resolve("malformed/JPEGLossless_1s_1f_i_16_16_bad.dcm");
        CliRun validate = CliRun.of("validate", file.toString());
        assertThat(validate.rc()).isEqualTo(1);
        assertThat(validate.err()).contains("frame 0: JPEG lossless stream with predictor 6").contains("--jpeg-pred6-overflow");

        CliRun pixels = CliRun.of("pixels", "--sha256", "--jpeg-pred6-overflow", file.toString());
        assertThat(pixels.rc()).isZero();
        assertThat(pixels.out()).startsWith("6ac1ebb09e282120130757c79f559cf8a3ec5b2e53e0565e9eb7876c377ee255  ");
    }
}
