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

    /**
     * Explicit VR LE: Patient Name as LO (a finding), Modality as UN (legitimate), Smallest Image
     * Pixel Value as SS (dictionary "US or SS"), a group length and a private element.
     */
    static final byte[] VR_MISMATCH = {
        0x08, 0x00, 0x00, 0x00, 'U', 'L', 4, 0, 0, 0, 0, 0,
        0x08, 0x00, 0x60, 0x00, 'U', 'N', 0, 0, 2, 0, 0, 0, 'C', 'T',
        0x10, 0x00, 0x10, 0x00, 'L', 'O', 4, 0, 'D', 'o', 'e', ' ',
        0x28, 0x00, 0x06, 0x01, 'S', 'S', 2, 0, 1, 0,
        0x09, 0x00, 0x10, 0x00, 'S', 'H', 2, 0, 'X', ' ',
        0x09, 0x00, 0x00, 0x10, 'D', 'A', 2, 0, 'Y', ' '};

    @Test
    void anExplicitVrTheDictionaryDisagreesWithIsAFindingNotAnError() {
        for (ReadOptions o : new ReadOptions[] {ReadOptions.defaults(), ReadOptions.defaults().withStrict(true)}) {
            Dataset ds = DicomReader.read(VR_MISMATCH, o);
            assertThat(ds.get(Tag.PatientName).vr()).isEqualTo(org.hounsfield.core.VR.LO); // kept as read
            assertThat(ds.getString(Tag.PatientName)).isEqualTo("Doe");
            assertThat(ds.getString(Tag.Modality)).isEqualTo("CT");
            assertThat(ds.readProblems()).as("strict=%s", o.strict())
                    .containsExactly("(0010,0010) explicit VR LO, dictionary says PN (at byte offset 26)");
        }
    }

    @Test
    void aCleanFileHasNoProblems() {
        Dataset ds = new Dataset();
        ds.setString(Tag.Modality, "CT");
        byte[] bytes = DicomWriter.toBytes(ds, WriteOptions.defaults());
        assertThat(DicomReader.read(bytes, ReadOptions.defaults().withStrict(true)).readProblems()).isEmpty();
    }
}
