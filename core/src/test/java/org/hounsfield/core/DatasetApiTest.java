package org.hounsfield.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

import org.hounsfield.core.io.DicomReader;
import org.hounsfield.core.io.DicomWriter;
import org.hounsfield.core.io.WriteOptions;
import org.junit.jupiter.api.Test;

class DatasetApiTest {

    private static Dataset ct() {
        Dataset ds = new Dataset();
        ds.setString(Tag.SpecificCharacterSet, "ISO_IR 100");
        ds.setString(Tag.SOPClassUID, UID.CTImageStorage);
        ds.setString(Tag.SOPInstanceUID, "1.2.3.4.5");
        ds.setString(Tag.Modality, "CT");
        ds.setString(Tag.StudyDate, "20151124");
        ds.setString(Tag.StudyTime, "1654");
        ds.setString(Tag.PatientName, "Müller^Jörg");
        ds.setString(Tag.PatientPosition, "HFS");
        ds.setString(Tag.PixelSpacing, "0.58984375", "0.58984375");
        ds.setString(Tag.SliceLocation, "-00050");
        ds.setString(Tag.InstanceNumber, "+5");
        ds.setInt(Tag.XRayTubeCurrent, 300);
        ds.setInts(Tag.Rows, VR.US, 2);
        ds.setInts(Tag.Columns, VR.US, 2);
        ds.setBytes(Tag.PixelData, VR.OW, new byte[] {1, 0, 2, 0, 3, 0, 4, 0});
        return ds;
    }

    @Test
    void typedGettersUnderstandTheVr() {
        Dataset ds = ct();
        assertThat(ds.size()).isEqualTo(15);
        assertThat(ds.getString(Tag.Modality)).isEqualTo("CT");
        assertThat(ds.get("PixelSpacing").doubles()).containsExactly(0.58984375, 0.58984375);
        assertThat(ds.get("PixelSpacing").string()).isEqualTo("0.58984375\\0.58984375");
        assertThat(ds.get("PixelSpacing").vm()).isEqualTo(2);
        assertThat(ds.getDouble(Tag.SliceLocation, 0)).isEqualTo(-50.0);
        assertThat(ds.getInt("InstanceNumber", 0)).isEqualTo(5);
        assertThat(ds.get(Tag.XRayTubeCurrent).intValue()).isEqualTo(300);
        assertThat(ds.getDate(Tag.StudyDate)).isEqualTo(LocalDate.of(2015, 11, 24));
        assertThat(ds.get(Tag.StudyTime).time()).isEqualTo(LocalTime.of(16, 54));
        assertThat(ds.get(Tag.StudyTime).temporal().precision()).isEqualTo(ChronoUnit.MINUTES);
        assertThat(ds.getPersonName(Tag.PatientName).familyName()).isEqualTo("Müller");
        assertThat(ds.getPersonName(Tag.PatientName).givenName()).isEqualTo("Jörg");
        assertThat(ds.get(Tag.SOPClassUID).uidName()).isEqualTo("CT Image Storage");
        assertThat(ds.get("(0028,0010)").intValue()).isEqualTo(2);
        assertThat(ds.get("00280011").intValue()).isEqualTo(2);
        assertThat(ds.get(Tag.PixelData).ints()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void keywordsAreSortedLikePydicomDir() {
        assertThat(ct().keywords()).startsWith("Columns", "InstanceNumber", "Modality").contains("XRayTubeCurrent")
                .isSorted().hasSize(15);
    }

    @Test
    void decimalStringsAreReadLeniently() {
        Dataset ds = new Dataset();
        ds.setString(Tag.SliceThickness, VR.DS, "00050");
        assertThat(ds.get(Tag.SliceThickness).doubleValue()).isEqualTo(50.0);
        ds.setString(Tag.SliceThickness, VR.DS, "1.0 ");
        assertThat(ds.get(Tag.SliceThickness).doubleValue()).isEqualTo(1.0);
        assertThat(ds.get(Tag.SliceThickness).problems()).isEmpty();
        ds.setString(Tag.SeriesNumber, VR.IS, "1.0");
        assertThat(ds.get(Tag.SeriesNumber).intValue()).isEqualTo(1);
        assertThat(ds.get(Tag.SeriesNumber).problems()).singleElement().asString().contains("invalid IS value '1.0'");
        ds.setString(Tag.AcquisitionNumber, VR.IS, "");
        assertThat(ds.get(Tag.AcquisitionNumber).isEmpty()).isTrue();
        assertThat(ds.getInt(Tag.AcquisitionNumber, -1)).isEqualTo(-1);
        ds.setString(Tag.KVP, VR.DS, "abc");
        assertThatThrownBy(() -> ds.get(Tag.KVP).doubleValue()).isInstanceOf(DicomValueException.class).hasMessageContaining("abc");
        assertThat(ds.validate()).anySatisfy(p -> assertThat(p).contains("(0018,0060)").contains("invalid DS value 'abc'"));
    }

    @Test
    void sequencesNestAndInheritTheCharacterSet() {
        Dataset ds = ct();
        Sequence seq = ds.newSequence(Tag.ReferencedImageSequence);
        Dataset item = seq.addItem();
        item.setString(Tag.ReferencedSOPInstanceUID, "1.2.3");
        item.setString(Tag.PatientComments, VR.LT, "Größe");
        assertThat(ds.getSequence("ReferencedImageSequence").get(0).getString(Tag.ReferencedSOPInstanceUID)).isEqualTo("1.2.3");
        assertThat(item.charset()).isSameAs(ds.charset());
        assertThat(item.getString(Tag.PatientComments)).isEqualTo("Größe");
        assertThat(ds.remove(Tag.ReferencedImageSequence)).isTrue();
        assertThat(ds.contains(Tag.ReferencedImageSequence)).isFalse();
    }

    @Test
    void writesAndReadsBackInEveryNativeSyntax() {
        Dataset ds = ct();
        ds.newSequence(Tag.ReferencedImageSequence).addItem().setString(Tag.ReferencedSOPInstanceUID, "1.2.3");
        for (TransferSyntax ts : new TransferSyntax[] {TransferSyntax.EXPLICIT_VR_LE, TransferSyntax.IMPLICIT_VR_LE,
                TransferSyntax.EXPLICIT_VR_BE, TransferSyntax.DEFLATED_EXPLICIT_VR_LE}) {
            byte[] bytes = DicomWriter.toBytes(ds, WriteOptions.of(ts));
            Dataset back = DicomReader.read(bytes);
            assertThat(back.transferSyntax()).isEqualTo(ts);
            assertThat(back.fileMeta().getString(Tag.TransferSyntaxUID)).isEqualTo(ts.uid());
            assertThat(back.fileMeta().getString(Tag.ImplementationClassUID)).isEqualTo(WriteOptions.IMPLEMENTATION_CLASS_UID);
            assertThat(back.size()).isEqualTo(ds.size());
            assertThat(back.getPersonName(Tag.PatientName).familyName()).isEqualTo("Müller");
            assertThat(back.get(Tag.PixelData).ints()).containsExactly(1, 2, 3, 4);
            assertThat(back.get(Tag.Rows).intValue()).isEqualTo(2);
            assertThat(back.getSequence(Tag.ReferencedImageSequence).get(0).getString(Tag.ReferencedSOPInstanceUID)).isEqualTo("1.2.3");
            // unmodified and in the same syntax: byte-identical
            assertThat(DicomWriter.toBytes(back, WriteOptions.defaults())).isEqualTo(bytes);
        }
    }

    @Test
    void truncatedInputThrowsTheTypedExceptionWithTheOffset() {
        byte[] bytes = DicomWriter.toBytes(ct(), WriteOptions.defaults());
        byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length - 3);
        assertThatThrownBy(() -> DicomReader.read(cut)).isInstanceOf(DicomParseException.class)
                .hasMessageContaining("at byte offset")
                .satisfies(e -> assertThat(((DicomException) e).offset()).isGreaterThan(132));
    }

    @Test
    void lyingLengthsDoNotAllocate() {
        // (0010,0010) PN declaring 0xFFFFFFF0 bytes in implicit VR after a tiny header
        byte[] b = {0x08, 0x00, 0x60, 0x00, 2, 0, 0, 0, 'C', 'T', 0x10, 0x00, 0x10, 0x00, (byte) 0xF0, (byte) 0xFF, (byte) 0xFF, (byte) 0x7F};
        assertThatThrownBy(() -> DicomReader.read(b)).isInstanceOf(DicomParseException.class).hasMessageContaining("remain");
        assertThatThrownBy(() -> DicomReader.read(new java.io.ByteArrayInputStream(b), org.hounsfield.core.io.ReadOptions.defaults()))
                .isInstanceOf(DicomParseException.class);
    }

    @Test
    void nestingIsCapped() {
        Dataset ds = new Dataset();
        Dataset cur = ds;
        for (int i = 0; i < 80; i++) {
            cur = cur.newSequence(Tag.ContentSequence).addItem();
        }
        cur.setString(Tag.TextValue, "deep");
        byte[] bytes = DicomWriter.toBytes(ds, WriteOptions.of(TransferSyntax.EXPLICIT_VR_LE));
        assertThatThrownBy(() -> DicomReader.read(bytes)).isInstanceOf(DicomLimitException.class).hasMessageContaining("nested deeper than 64");
    }

    @Test
    void personNameGroups() {
        PersonName pn = PersonName.parse("Yamada^Tarou=山田^太郎=やまだ^たろう");
        assertThat(pn.familyName()).isEqualTo("Yamada");
        assertThat(pn.ideographic()).isEqualTo("山田^太郎");
        assertThat(pn.group(2).component(1)).isEqualTo("たろう");
        assertThat(pn.group(5).text()).isEmpty();
    }

    @Test
    void partialDatesAndTimesKeepTheirPrecision() {
        assertThat(DicomDateTime.parseDateTime("2015").precision()).isEqualTo(ChronoUnit.YEARS);
        assertThat(DicomDateTime.parseDateTime("20151124165447.5+0100").offset()).hasToString("+01:00");
        assertThat(DicomDateTime.parseTime("165447.788280").time()).isEqualTo(LocalTime.of(16, 54, 47, 788_280_000));
        assertThat(DicomDateTime.parseDate("2015.11.24").date()).isEqualTo(LocalDate.of(2015, 11, 24));
        assertThatThrownBy(() -> DicomDateTime.parseDate("20151332")).isInstanceOf(DicomValueException.class);
    }

    /**
     * Regression for the Jazzer finding fuzz/.../ReaderFuzzTestInputs/read/regression-charset-element-with-lo-vr-recursed:
     * Specific Character Set written with a charset-dependent VR (LO) made charset() decode it
     * with charset(), until the stack overflowed.
     */
    @Test
    void specificCharacterSetWithCharsetDependentVrDoesNotRecurse() {
        Dataset ds = new Dataset();
        ds.putRaw(Tag.SpecificCharacterSet, VR.LO, " ISO_IR 100\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0);
        ds.putRaw(Tag.PatientName, VR.PN, "M\u00fcller^Hans".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0);
        assertThat(ds.getString(Tag.PatientName)).isEqualTo("M\u00fcller^Hans");
        assertThat(ds.toString()).contains("M\u00fcller^Hans");
    }
}
