package org.hounsfield.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The checks behind {@code hounsfield validate}, each named as DCMTK or pydicom name it. */
class ValidateTest {

    @Test
    void namesWhatDcmtkAndPydicomWarnAbout() {
        Dataset ds = new Dataset();
        ds.setString(Tag.SpecificCharacterSet, "ISO 2022 IR 6", "ISO 2022 IR 149");
        ds.putRaw(0x00050005, VR.LO, "x ".getBytes(StandardCharsets.US_ASCII), 0);
        // ESC $ ) C in the alphabetic group (chrKoreanMulti.dcm)
        ds.putRaw(Tag.PatientName, VR.PN, "\u001b$)CHong^Gildong=".getBytes(StandardCharsets.ISO_8859_1), 0);
        ds.setString(Tag.AccessionNumber, "ABCDEFGHIJKLMNOPQRST");   // SH: 20 > 16 characters
        Fragments f = new Fragments();
        f.addItem(new byte[0]);
        f.addItem(new byte[] {1, 2});
        ds.putRaw(Tag.PixelData, VR.OW, f, Dataset.FLAG_UNDEFINED_LENGTH);
        Dataset meta = new Dataset();
        meta.setString(Tag.MediaStorageSOPClassUID, "1.2.840.10008.1.3.10");
        ds.setFileMeta(meta);
        ds.setTransferSyntax(TransferSyntax.IMPLICIT_VR_LE);

        assertThat(String.join("\n", ds.validate()))
                .contains("no File Meta Information Group Length (0002,0000)")
                .contains("a DICOMDIR must be Explicit VR Little Endian")
                .contains("(0005,0005) : group 0005 may not be used")
                .contains("escape sequence in the first (alphabetic) component group")
                .contains("AccessionNumber: value 'ABCDEFGHIJKLMNOPQRST' longer than 16 characters allowed for SH")
                .contains("encapsulated pixel data has VR OW where PS3.5 A.4 requires OB");
    }

    @Test
    void personNameLengthIsPerComponentGroup() {
        Dataset ds = new Dataset();
        String sixty = "A".repeat(60);
        ds.setString(Tag.PatientName, sixty + "=" + sixty);
        assertThat(ds.validate()).isEmpty();
        ds.setString(Tag.PatientName, "B".repeat(65));
        assertThat(ds.validate()).singleElement().asString().contains("longer than 64 characters");
    }
}
