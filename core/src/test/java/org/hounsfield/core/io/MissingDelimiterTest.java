package org.hounsfield.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;

import org.hounsfield.core.Dataset;
import org.hounsfield.core.DicomParseException;
import org.hounsfield.core.Fragments;
import org.hounsfield.core.Sequence;
import org.hounsfield.core.Tag;
import org.hounsfield.core.VR;
import org.junit.jupiter.api.Test;

/**
 * A file that ends where a delimiter should follow: lenient reading keeps what was read (as
 * pydicom, which reads to the end of the file) and records the missing delimiter with its
 * offset; strict reading throws there. A cut inside an element still throws in both modes.
 */
class MissingDelimiterTest {

    private static final ReadOptions STRICT = ReadOptions.defaults().withStrict(true);

    /** Explicit VR LE raw data set: Modality, then an undefined-length sequence as the last element. */
    private static byte[] withSequence(boolean undefinedLengthItem) {
        Dataset ds = new Dataset();
        ds.setString(Tag.Modality, "CT");
        Sequence seq = ds.newSequence(Tag.ReferencedSeriesSequence, true);
        Dataset item = seq.addItem();
        item.setUndefinedLengthItem(undefinedLengthItem);
        item.setString(Tag.SeriesInstanceUID, "1.2.3");
        return DicomWriter.encodeDataset(ds, true, false);
    }

    @Test
    void sequenceWithoutItsDelimitation() {
        byte[] full = withSequence(false);
        byte[] cut = Arrays.copyOf(full, full.length - 8); // drop (FFFE,E0DD) and its length
        Dataset ds = DicomReader.read(cut);
        assertThat(ds.getSequence(Tag.ReferencedSeriesSequence).get(0).getString(Tag.SeriesInstanceUID)).isEqualTo("1.2.3");
        assertThat(ds.readProblems()).containsExactly("sequence (0008,1115) of undefined length ends at the end of the data"
                + " without a Sequence Delimitation (FFFE,E0DD) (at byte offset " + cut.length + ")");

        assertThatThrownBy(() -> DicomReader.read(cut, STRICT)).isInstanceOf(DicomParseException.class)
                .hasMessageContaining("(0008,1115) of undefined length ends at the end of the data")
                .hasMessageContaining("byte offset " + cut.length);
        assertThat(DicomReader.read(full, STRICT).readProblems()).isEmpty();
    }

    @Test
    void undefinedLengthItemAndSequenceWithoutDelimitations() {
        byte[] full = withSequence(true);
        byte[] cut = Arrays.copyOf(full, full.length - 16); // drop (FFFE,E00D) and (FFFE,E0DD)
        Dataset ds = DicomReader.read(cut);
        assertThat(ds.getSequence(Tag.ReferencedSeriesSequence).get(0).getString(Tag.SeriesInstanceUID)).isEqualTo("1.2.3");
        assertThat(ds.readProblems()).containsExactly(
                "item of undefined length ends at the end of the data without an Item Delimitation (FFFE,E00D) (at byte offset "
                        + cut.length + ")",
                "sequence (0008,1115) of undefined length ends at the end of the data without a Sequence Delimitation (FFFE,E0DD)"
                        + " (at byte offset " + cut.length + ")");
        assertThatThrownBy(() -> DicomReader.read(cut, STRICT)).isInstanceOf(DicomParseException.class)
                .hasMessageContaining("without an Item Delimitation");
    }

    @Test
    void encapsulatedPixelDataWithoutItsDelimitation() {
        Dataset ds = new Dataset();
        ds.setString(Tag.Modality, "OT");
        Fragments f = new Fragments();
        f.addItem(new byte[0]);
        f.addItem(new byte[] {1, 2, 3, 4});
        ds.putRaw(Tag.PixelData, VR.OB, f, Dataset.FLAG_UNDEFINED_LENGTH);
        byte[] full = DicomWriter.encodeDataset(ds, true, false);
        byte[] cut = Arrays.copyOf(full, full.length - 8);

        Dataset read = DicomReader.read(cut);
        Fragments back = read.get(Tag.PixelData).fragments();
        assertThat(back.itemCount()).isEqualTo(2);
        assertThat(read.readProblems()).singleElement().asString()
                .contains("encapsulated (7FE0,0010) ends at the end of the data without a Sequence Delimitation")
                .endsWith("(at byte offset " + cut.length + ")");
        assertThatThrownBy(() -> DicomReader.read(cut, STRICT)).isInstanceOf(DicomParseException.class);
    }

    @Test
    void aCutInsideAnElementStillThrows() {
        byte[] full = withSequence(true);
        for (int drop : new int[] {17, 19, 20, 21}) { // inside the item's last element or its header
            byte[] cut = Arrays.copyOf(full, full.length - drop);
            assertThatThrownBy(() -> DicomReader.read(cut)).as("cut %d bytes before the end", drop)
                    .isInstanceOf(DicomParseException.class).hasMessageContaining("byte offset");
        }
        byte[] midHeader = Arrays.copyOf(full, full.length - 12); // half an Item Delimitation
        assertThatThrownBy(() -> DicomReader.read(midHeader)).isInstanceOf(DicomParseException.class);
    }
}
