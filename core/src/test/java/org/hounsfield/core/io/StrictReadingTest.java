package org.hounsfield.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.hounsfield.core.Dataset;
import org.hounsfield.core.DicomParseException;
import org.hounsfield.core.Tag;
import org.junit.jupiter.api.Test;

/** Lenient reading records each workaround with its offset; strict reading throws at the first. */
class StrictReadingTest {

    /** A raw explicit VR LE data set: Modality with an odd length, then Patient Name in implicit VR. */
    static final byte[] BROKEN = {
        0x08, 0x00, 0x60, 0x00, 'C', 'S', 3, 0, 'C', 'T', ' ',
        0x10, 0x00, 0x10, 0x00, 4, 0, 0, 0, 'D', 'o', 'e', ' ',
        0, 0, 0, 0};

    @Test
    void lenientReadingRecordsEachWorkaround() {
        Dataset ds = DicomReader.read(BROKEN);
        assertThat(ds.getString(Tag.Modality)).isEqualTo("CT");
        assertThat(ds.getString(Tag.PatientName)).isEqualTo("Doe");
        assertThat(ds.readProblems()).containsExactly(
                "element (0008,0060) has an odd value length (3) (at byte offset 0)",
                "element (0010,0010) has no VR in an explicit VR data set (at byte offset 11)",
                "trailing zero bytes after the last element (at byte offset 23)");
    }

    @Test
    void strictReadingThrowsAtTheFirst() {
        assertThatThrownBy(() -> DicomReader.read(BROKEN, ReadOptions.defaults().withStrict(true)))
                .isInstanceOf(DicomParseException.class)
                .hasMessageContaining("odd value length (3) (strict reading)")
                .hasMessageContaining("byte offset 0");
    }

    @Test
    void aCleanFileHasNoProblems() {
        Dataset ds = new Dataset();
        ds.setString(Tag.Modality, "CT");
        byte[] bytes = DicomWriter.toBytes(ds, WriteOptions.defaults());
        assertThat(DicomReader.read(bytes, ReadOptions.defaults().withStrict(true)).readProblems()).isEmpty();
    }
}
