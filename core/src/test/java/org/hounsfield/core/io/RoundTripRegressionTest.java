package org.hounsfield.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.hounsfield.core.Dataset;
import org.hounsfield.core.DicomValueException;
import org.hounsfield.core.Fragments;
import org.hounsfield.core.Tag;
import org.hounsfield.core.TransferSyntax;
import org.hounsfield.core.VR;
import org.junit.jupiter.api.Test;

/** Findings of the round-trip fuzz target (ReaderFuzzTest#roundTrip): what is written reads back the same. */
class RoundTripRegressionTest {

    /**
     * In big endian, a body element of group 0200 starts with the bytes {@code 02 00}, which read
     * as a little endian meta tag of group 0002; the meta group's declared length ends it
     * (fuzzing finding regression-big-endian-body-element-of-group-0200-read-as-meta).
     */
    @Test
    void bigEndianBodyElementOfGroup0200StaysInTheBody() {
        Dataset ds = new Dataset();
        ds.setString(0x02000200, VR.LO, "body"); // the first body element: right after the meta group
        byte[] once = DicomWriter.toBytes(ds, WriteOptions.of(TransferSyntax.EXPLICIT_VR_BE));

        Dataset back = DicomReader.read(once, ReadOptions.defaults());
        assertThat(back.fileMeta().contains(0x00020200)).isFalse();
        assertThat(back.getString(0x02000200)).isEqualTo("body");
        assertThat(DicomWriter.toBytes(back, WriteOptions.of(TransferSyntax.EXPLICIT_VR_BE))).isEqualTo(once);
    }

    /** A meta group longer than its group length says is read to its end, as pydicom does. */
    @Test
    void littleEndianMetaPastItsDeclaredLengthIsStillMeta() {
        Dataset ds = new Dataset();
        ds.setString(Tag.SOPClassUID, "1.2.3");
        byte[] bytes = DicomWriter.toBytes(ds, WriteOptions.of(TransferSyntax.EXPLICIT_VR_LE));
        // shrink (0002,0000) by the length of the last meta element, (0002,0013) SH
        int at = 128 + 4 + 8;
        long declared = (bytes[at] & 0xFF) | (bytes[at + 1] & 0xFF) << 8;
        Dataset meta = DicomReader.read(bytes, ReadOptions.defaults()).fileMeta();
        int last = 8 + (int) meta.get(Tag.ImplementationVersionName).length();
        bytes[at] = (byte) (declared - last);
        bytes[at + 1] = (byte) ((declared - last) >> 8);

        Dataset back = DicomReader.read(bytes, ReadOptions.defaults());
        assertThat(back.fileMeta().getString(Tag.ImplementationVersionName)).isEqualTo(meta.getString(Tag.ImplementationVersionName));
        assertThat(back.getString(Tag.SOPClassUID)).isEqualTo("1.2.3");
    }

    /**
     * Encapsulated data outside Pixel Data cannot be written in implicit VR: read back, an unknown
     * element of undefined length is a sequence (regression-encapsulated-element-written-in-implicit-vr).
     */
    @Test
    void encapsulatedElementOtherThanPixelDataIsRefusedInImplicitVr() {
        Dataset ds = new Dataset();
        Fragments f = new Fragments();
        f.addItem(new byte[0]);
        f.addItem(new byte[] {(byte) 0xFF, 0x4F, (byte) 0xFF, 0x51});
        ds.putRaw(0x7FE00014, VR.OW, f, Dataset.FLAG_UNDEFINED_LENGTH);
        assertThatThrownBy(() -> DicomWriter.toBytes(ds, WriteOptions.of(TransferSyntax.IMPLICIT_VR_LE)))
                .isInstanceOf(DicomValueException.class).hasMessageContaining("(7FE0,0014)");
        // in explicit VR it reads back as it was
        byte[] once = DicomWriter.toBytes(ds, WriteOptions.of(TransferSyntax.EXPLICIT_VR_LE));
        assertThat(DicomWriter.toBytes(DicomReader.read(once, ReadOptions.defaults()), WriteOptions.of(TransferSyntax.EXPLICIT_VR_LE)))
                .isEqualTo(once);
    }

    /**
     * An element that is a sequence in the dictionary but was read with another VR (explicit data
     * under an implicit transfer syntax) is written in implicit VR; read back, it is kept as UN
     * bytes instead of failing as a broken sequence (regression-dictionary-sequence-written-with-another-vr).
     */
    @Test
    void dictionarySequenceWithAnotherVrReadsBackAsBytes() {
        Dataset ds = new Dataset();
        ds.setString(Tag.ReferencedCurveSequence, VR.UI, "0");
        ds.setString(Tag.Modality, "RTDOSE");
        byte[] once = DicomWriter.toBytes(ds, WriteOptions.of(TransferSyntax.IMPLICIT_VR_LE));

        Dataset back = DicomReader.read(once, ReadOptions.defaults());
        assertThat(back.get(Tag.ReferencedCurveSequence).vr()).isEqualTo(VR.UN);
        assertThat(back.get(Tag.ReferencedCurveSequence).bytes()).containsExactly('0', 0);
        assertThat(back.getString(Tag.Modality)).isEqualTo("RTDOSE");
        assertThat(back.readProblems()).anyMatch(p -> p.contains("(0008,1145) is a sequence in the dictionary"));
        assertThat(DicomWriter.toBytes(back, WriteOptions.of(TransferSyntax.IMPLICIT_VR_LE))).isEqualTo(once);
        assertThatThrownBy(() -> DicomReader.read(once, ReadOptions.defaults().withStrict(true)))
                .isInstanceOf(org.hounsfield.core.DicomParseException.class);
    }

    /**
     * A sequence read from UN in a big endian file holds implicit VR little endian items: their
     * values are little endian, and written back as UN they are not swapped
     * (regression-un-sequence-items-in-big-endian-file).
     */
    @Test
    void unSequenceItemsInBigEndianFileStayLittleEndian() {
        byte[] meta = DicomWriter.toBytes(new Dataset(), WriteOptions.of(TransferSyntax.EXPLICIT_VR_BE));
        byte[] body = {
            0x0C, 0x44, 0x10, 0x53, 'U', 'N', 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, // (0C44,1053) UN, undefined
            (byte) 0xFE, (byte) 0xFF, 0x00, (byte) 0xE0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, // item (LE)
            0x28, 0x00, 0x10, 0x00, 2, 0, 0, 0, 0x00, 0x02, // (0028,0010) Rows = 512, implicit VR LE
            (byte) 0xFE, (byte) 0xFF, 0x0D, (byte) 0xE0, 0, 0, 0, 0, // item delimitation
            (byte) 0xFE, (byte) 0xFF, (byte) 0xDD, (byte) 0xE0, 0, 0, 0, 0}; // sequence delimitation
        byte[] file = java.util.Arrays.copyOf(meta, meta.length + body.length);
        System.arraycopy(body, 0, file, meta.length, body.length);

        Dataset ds = DicomReader.read(file, ReadOptions.defaults());
        assertThat(ds.isBigEndian()).isTrue();
        Dataset item = ds.getSequence(0x0C441053).get(0);
        assertThat(item.getInt(Tag.Rows, -1)).isEqualTo(512);
        byte[] once = DicomWriter.toBytes(ds, WriteOptions.of(TransferSyntax.EXPLICIT_VR_BE));
        Dataset back = DicomReader.read(once, ReadOptions.defaults());
        assertThat(back.getSequence(0x0C441053).get(0).getInt(Tag.Rows, -1)).isEqualTo(512);
        assertThat(DicomWriter.toBytes(back, WriteOptions.of(TransferSyntax.EXPLICIT_VR_BE))).isEqualTo(once);
        // and converted to little endian the value is still 512
        byte[] le = DicomWriter.toBytes(ds, WriteOptions.of(TransferSyntax.EXPLICIT_VR_LE));
        assertThat(DicomReader.read(le, ReadOptions.defaults()).getSequence(0x0C441053).get(0).getInt(Tag.Rows, -1)).isEqualTo(512);
    }

    /**
     * The reverse: a sequence under a tag the dictionary gives another VR, written in implicit VR
     * with an undefined length, reads back as a sequence (regression-sequence-under-a-non-sequence-tag).
     */
    @Test
    void sequenceUnderANonSequenceTagReadsBackAsASequence() {
        Dataset ds = new Dataset();
        ds.newSequence(0x0040A110, true).addItem().setString(Tag.CodeValue, "113100"); // (0040,A110) is DA
        byte[] once = DicomWriter.toBytes(ds, WriteOptions.of(TransferSyntax.IMPLICIT_VR_LE));

        Dataset back = DicomReader.read(once, ReadOptions.defaults());
        assertThat(back.getSequence(0x0040A110).get(0).getString(Tag.CodeValue)).isEqualTo("113100");
        assertThat(back.readProblems()).anyMatch(p -> p.contains("(0040,A110) has an undefined length in implicit VR"));
        assertThat(DicomWriter.toBytes(back, WriteOptions.of(TransferSyntax.IMPLICIT_VR_LE))).isEqualTo(once);
    }

    /**
     * Such a value kept as UN and written in an explicit syntax reads back as UN too, not as a
     * sequence that fails (regression-un-dictionary-sequence-that-is-not-one).
     */
    @Test
    void unDictionarySequenceThatIsNotOneStaysUn() {
        Dataset ds = new Dataset();
        ds.putRaw(Tag.ReferencedFractionGroupSequence, VR.UN, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0);
        byte[] once = DicomWriter.toBytes(ds, WriteOptions.of(TransferSyntax.EXPLICIT_VR_LE));

        Dataset back = DicomReader.read(once, ReadOptions.defaults());
        assertThat(back.get(Tag.ReferencedFractionGroupSequence).vr()).isEqualTo(VR.UN);
        assertThat(DicomWriter.toBytes(back, WriteOptions.of(TransferSyntax.EXPLICIT_VR_LE))).isEqualTo(once);
    }
}
