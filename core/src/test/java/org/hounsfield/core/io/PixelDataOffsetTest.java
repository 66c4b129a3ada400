package org.hounsfield.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import org.hounsfield.core.Dataset;
import org.hounsfield.core.DicomParseException;
import org.hounsfield.core.Tag;
import org.hounsfield.core.TransferSyntax;
import org.hounsfield.core.VR;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A header read that stops before pixel data says where the pixel data element starts. */
class PixelDataOffsetTest {

    @TempDir
    Path tmp;

    private Path write(TransferSyntax ts) {
        Dataset ds = new Dataset();
        ds.setString(Tag.SOPClassUID, "1.2.840.10008.5.1.4.1.1.2");
        ds.setString(Tag.SOPInstanceUID, "1.2.3.4");
        ds.setString(Tag.Modality, "CT");
        ds.setInts(Tag.Rows, VR.US, 2);
        ds.setInts(Tag.Columns, VR.US, 2);
        ds.setBytes(Tag.PixelData, VR.OW, new byte[] {1, 0, 2, 0, 3, 0, 4, 0});
        Path f = tmp.resolve(ts.name() + ".dcm");
        DicomWriter.write(ds, f, WriteOptions.of(ts));
        return f;
    }

    @Test
    void offsetOfThePixelDataElementInEachNativeTransferSyntax() throws Exception {
        for (TransferSyntax ts : new TransferSyntax[] {TransferSyntax.EXPLICIT_VR_LE, TransferSyntax.IMPLICIT_VR_LE,
                TransferSyntax.EXPLICIT_VR_BE}) {
            Path f = write(ts);
            Dataset h = DicomReader.read(f, ReadOptions.defaults().withStopBeforePixelData(true));
            long at = h.pixelDataOffset();
            assertThat(h.contains(Tag.PixelData)).isFalse();
            byte[] bytes = Files.readAllBytes(f);
            ByteBuffer b = ByteBuffer.wrap(bytes).order(ts.bigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            assertThat(b.getShort((int) at) & 0xFFFF).as(ts.name()).isEqualTo(0x7FE0);
            assertThat(b.getShort((int) at + 2) & 0xFFFF).as(ts.name()).isEqualTo(0x0010);
            assertThat(bytes.length - at).as(ts.name()).isEqualTo(ts.explicitVr() ? 12 + 8 : 8 + 8);
            // a full read, and a data set built in code, know no such offset
            assertThat(DicomReader.read(f).pixelDataOffset()).isEqualTo(-1);
        }
        assertThat(new Dataset().pixelDataOffset()).isEqualTo(-1);
    }

    @Test
    void noOffsetInsideADeflatedDataSet() {
        Path f = write(TransferSyntax.DEFLATED_EXPLICIT_VR_LE);
        Dataset h = DicomReader.read(f, ReadOptions.defaults().withStopBeforePixelData(true));
        assertThat(h.getString(Tag.Modality)).isEqualTo("CT");
        assertThat(h.pixelDataOffset()).isEqualTo(-1);
    }

    @Test
    void aCutValueStillNamesItsElement() {
        Dataset ds = new Dataset();
        ds.setString(Tag.Modality, "CT");
        ds.setString(Tag.PatientName, "A^B");
        byte[] full = DicomWriter.encodeDataset(ds, true, false);
        // the value of (0010,0010) cut short: the message names it (made only when the read fails)
        byte[] shortValue = java.util.Arrays.copyOf(full, full.length - 1);
        assertThatThrownBy(() -> DicomReader.read(shortValue)).isInstanceOf(DicomParseException.class)
                .hasMessageContaining("(0010,0010)");
    }
}
