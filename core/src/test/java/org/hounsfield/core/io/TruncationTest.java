package org.hounsfield.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.hounsfield.core.Dataset;
import org.hounsfield.core.DicomException;
import org.hounsfield.core.testing.SharedCorpus;
import org.hounsfield.core.testing.SharedCorpus.Entry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every corpus file cut at 20 seeded random offsets either fails with the typed exception (the
 * usual case) or, when the cut falls exactly between two top-level elements, reads as a shorter
 * data set; never another exception, never a hang.
 */
class TruncationTest {

    static List<Entry> files() {
        return SharedCorpus.manifest();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void truncationsFailCleanly(Entry e) throws IOException {
        byte[] full = Files.readAllBytes(e.file());
        SplittableRandom rnd = new SplittableRandom(e.path().hashCode());
        int failures = 0;
        for (int i = 0; i < 20; i++) {
            int cut = 1 + rnd.nextInt(Math.max(1, full.length - 1));
            byte[] part = Arrays.copyOf(full, cut);
            Object outcome = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                try {
                    return DicomReader.read(part);
                } catch (DicomException ex) {
                    return ex;
                }
            }, () -> e.path() + " cut at " + cut + " hung");
            if (outcome instanceof DicomException ex) {
                failures++;
                assertThat(ex.getMessage()).as("message for a cut at %d", cut).isNotBlank();
            } else {
                Dataset ds = (Dataset) outcome;
                assertThat(ds.size()).as("%s cut at %d of %d read without error", e.path(), cut, full.length)
                        .isLessThanOrEqualTo(SharedCorpus.referenceElementCount(e) < 0 ? Integer.MAX_VALUE : SharedCorpus.referenceElementCount(e));
            }
        }
        assertThat(failures).as("most cuts must fail").isGreaterThan(10);
    }
}
