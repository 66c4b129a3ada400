package org.hounsfield.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.hounsfield.core.Dataset;
import org.hounsfield.core.Tag;
import org.hounsfield.core.example.HeadPhantom;
import org.hounsfield.core.io.DicomWriter;
import org.hounsfield.core.io.WriteOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hounsfield validate}: read problems, IOD attributes, and the --no-iod switch. */
class ValidateCommandTest {

    @TempDir
    Path tmp;

    String out;
    String err;

    int run(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "validate";
        System.arraycopy(args, 0, all, 1, args.length);
        CliRun r = CliRun.of(all);
        out = r.out();
        err = r.err();
        return r.rc();
    }

    /** A CT slice with every Type 1 and 2 attribute of its IOD's mandatory modules. */
    static Dataset slice() {
        return HeadPhantom.slice(16, 0);
    }

    @Test
    void aCompleteCtSliceIsOk() throws Exception {
        Path f = tmp.resolve("ok.dcm");
        DicomWriter.write(slice(), f);
        assertThat(run("--no-pixels", f.toString())).as(err).isZero();
        assertThat(out).startsWith("OK  ");
    }

    @Test
    void missingTypeOneAndTwoAttributesAreListedUnlessNoIod() throws Exception {
        Dataset ds = slice();
        ds.remove(Tag.Modality);
        ds.remove(Tag.PatientName);
        Path f = tmp.resolve("bad.dcm");
        DicomWriter.write(ds, f);
        assertThat(run("--no-pixels", f.toString())).isEqualTo(1);
        assertThat(err).contains("IOD: missing Type 1 attribute (0008,0060) Modality (module General Series)")
                .contains("IOD: missing Type 2 attribute (0010,0010) Patient's Name (module Patient)");
        assertThat(run("--no-pixels", "--no-iod", f.toString())).as(err).isZero();
    }

    @Test
    void aSequenceCutBeforeItsDelimiterIsReadAndNamed() throws Exception {
        Dataset ds = new Dataset();
        ds.setString(Tag.SOPInstanceUID, "1.2.3");
        ds.newSequence(Tag.ReferencedSeriesSequence, true).addItem().setString(Tag.SeriesInstanceUID, "1.2.3.4");
        byte[] full = DicomWriter.toBytes(ds, WriteOptions.defaults());
        Path f = tmp.resolve("cut.dcm");
        Files.write(f, Arrays.copyOf(full, full.length - 8));
        assertThat(run(f.toString())).isEqualTo(1);
        assertThat(err).contains("read: sequence (0008,1115) of undefined length ends at the end of the data without a"
                + " Sequence Delimitation (FFFE,E0DD) (at byte offset " + (full.length - 8) + ")");
    }
}
