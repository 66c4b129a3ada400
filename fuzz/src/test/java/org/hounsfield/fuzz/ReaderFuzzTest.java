package org.hounsfield.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.hounsfield.core.Dataset;
import org.hounsfield.core.DicomException;
import org.hounsfield.core.io.DicomReader;
import org.hounsfield.core.io.DicomWriter;
import org.hounsfield.core.io.ReadLimits;
import org.hounsfield.core.io.ReadOptions;
import org.hounsfield.core.io.WriteOptions;
import org.hounsfield.core.json.DicomJsonWriter;
import org.hounsfield.imaging.PixelData;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzz targets for the reader. Seeds-only (regression) mode runs in every build; fuzz for real with
 * {@code JAZZER_FUZZ=1 mvn -B -pl fuzz -am test -Dtest=ReaderFuzzTest#read -Dsurefire.failIfNoSpecifiedTests=false}
 * (see docs/robustness.md).
 */
class ReaderFuzzTest {

    /** Small limits keep each input fast; the rules are the same as with the defaults. */
    static final ReadOptions OPTIONS = ReadOptions.defaults()
            .withLimits(ReadLimits.defaults().withMaxDepth(16).withMaxItems(10_000).withMaxFragments(10_000).withMaxElements(100_000));

    /** Read, print, convert to JSON and decode the pixel data: only DicomException may escape. */
    @FuzzTest(maxDuration = "30m")
    void read(byte[] data) {
        Dataset ds;
        try {
            ds = DicomReader.read(data, OPTIONS);
        } catch (DicomException expected) {
            return;
        }
        try {
            ds.toString();
            DicomJsonWriter.toJson(ds);
            ds.validate();
            PixelData px = PixelData.of(ds);
            if ((long) px.frameBytes() * px.frameCount() < 1 << 22) {
                for (int f = 0; f < px.frameCount(); f++) {
                    px.frame(f);
                }
            }
        } catch (DicomException expected) {
            // values that cannot be had, pixel data that does not decode
        }
    }

    /** Whatever reads writes, and what it writes reads back to the same bytes (stable after one cycle). */
    @FuzzTest(maxDuration = "30m")
    void roundTrip(byte[] data) {
        Dataset ds;
        byte[] once;
        try {
            ds = DicomReader.read(data, OPTIONS);
            once = DicomWriter.toBytes(ds, WriteOptions.defaults());
        } catch (DicomException expected) {
            return;
        }
        byte[] twice = DicomWriter.toBytes(DicomReader.read(once, OPTIONS), WriteOptions.defaults());
        assertThat(twice).isEqualTo(once);
    }
}
