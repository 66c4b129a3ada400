package org.hounsfield.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import org.hounsfield.codec.FrameInfo;
import org.hounsfield.codec.jpeg.JpegDecoder;
import org.hounsfield.codec.jpeg.JpegLosslessEncoder;
import org.hounsfield.core.Dataset;
import org.hounsfield.core.DicomException;
import org.hounsfield.core.Fragments;
import org.hounsfield.core.Tag;
import org.hounsfield.core.TransferSyntax;
import org.hounsfield.core.VR;
import org.hounsfield.core.io.DicomReader;
import org.hounsfield.core.io.DicomWriter;
import org.hounsfield.core.io.ReadOptions;
import org.hounsfield.core.io.WriteOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PixelDataTest {

    private static Dataset image(int rows, int cols, int spp, int bits, int stored, int signed, String photometric) {
        Dataset ds = new Dataset();
        ds.setString(Tag.SOPClassUID, "1.2.840.10008.5.1.4.1.1.7");
        ds.setString(Tag.SOPInstanceUID, "2.25.1");
        ds.setInt(Tag.SamplesPerPixel, spp);
        ds.setString(Tag.PhotometricInterpretation, photometric);
        ds.setInt(Tag.Rows, rows);
        ds.setInt(Tag.Columns, cols);
        ds.setInt(Tag.BitsAllocated, bits);
        ds.setInt(Tag.BitsStored, stored);
        ds.setInt(Tag.HighBit, stored - 1);
        ds.setInt(Tag.PixelRepresentation, signed);
        ds.setTransferSyntax(TransferSyntax.EXPLICIT_VR_LE);
        return ds;
    }

    private static byte[] le16(int... v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int x : v) {
            b.putShort((short) x);
        }
        return b.array();
    }

    @Test
    void signedTwelveBitValuesAreMaskedAndSignExtended() {
        // as in display/mlut_18.dcm: 0x0FFF is -1 in 12-bit two's complement, 0xF800 is -2048
        Dataset ds = image(1, 4, 1, 16, 12, 1, "MONOCHROME2");
        ds.setBytes(Tag.PixelData, VR.OW, le16(0x0FFF, 0xF800, 0x07FF, 0x3001));
        PixelData px = PixelData.of(ds);
        assertThat(px.frameShorts(0)).containsExactly((short) -1, (short) -2048, (short) 2047, (short) 1);
        assertThat(px.frameInts(0)).containsExactly(-1, -2048, 2047, 1);
        assertThat(px.frameDoubles(0)).containsExactly(-1, -2048, 2047, 1);
        assertThat(px.shape()).containsExactly(1, 1, 4, 1);
    }

    @Test
    void unsignedValuesAreMaskedAboveHighBit() {
        Dataset ds = image(1, 3, 1, 16, 12, 0, "MONOCHROME2");
        ds.setBytes(Tag.PixelData, VR.OW, le16(0xF123, 0x0FFF, 0x8000));
        assertThat(PixelData.of(ds).frameInts(0)).containsExactly(0x123, 0xFFF, 0);
    }

    @Test
    void planarConfigurationOneIsInterleaved() {
        Dataset ds = image(1, 2, 3, 8, 8, 0, "RGB");
        ds.setInt(Tag.PlanarConfiguration, 1);
        ds.setBytes(Tag.PixelData, VR.OB, new byte[] {1, 2, 10, 20, (byte) 100, (byte) 200});
        assertThat(PixelData.of(ds).frame(0)).containsExactly(1, 10, 100, 2, 20, (byte) 200);
    }

    @Test
    void uncompressedYbrFull422IsUpsampledLikePydicom() {
        // 4 pixels stored as Y1 Y2 Cb Cr Y3 Y4 Cb Cr
        Dataset ds = image(1, 4, 3, 8, 8, 0, "YBR_FULL_422");
        ds.setBytes(Tag.PixelData, VR.OB, new byte[] {10, 11, 50, 60, 12, 13, 70, 80});
        PixelData px = PixelData.of(ds);
        assertThat(px.frame(0)).containsExactly(10, 50, 60, 11, 50, 60, 12, 70, 80, 13, 70, 80);
        // fully sampled data labelled YBR_FULL_422 is taken as it is
        Dataset full = image(1, 2, 3, 8, 8, 0, "YBR_FULL_422");
        full.setBytes(Tag.PixelData, VR.OB, new byte[] {1, 2, 3, 4, 5, 6});
        assertThat(PixelData.of(full).frame(0)).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void oneBitFramesArePackedAcrossFrameBoundaries() {
        // three 3x3 frames: 27 bits, frame 1 starts at bit 9
        Dataset ds = image(3, 3, 1, 1, 1, 0, "MONOCHROME2");
        ds.setString(Tag.NumberOfFrames, "3");
        boolean[] bits = new boolean[27];
        for (int i = 0; i < 27; i++) {
            bits[i] = i % 4 == 0 || i == 9 || i == 26;
        }
        byte[] packed = new byte[4];
        for (int i = 0; i < 27; i++) {
            if (bits[i]) {
                packed[i / 8] |= (byte) (1 << (i % 8));
            }
        }
        ds.setBytes(Tag.PixelData, VR.OB, packed);
        PixelData px = PixelData.of(ds);
        for (int f = 0; f < 3; f++) {
            byte[] frame = px.frame(f);
            for (int p = 0; p < 9; p++) {
                assertThat(frame[p]).as("frame %d pixel %d", f, p).isEqualTo((byte) (bits[9 * f + p] ? 1 : 0));
            }
        }
    }

    @Test
    void bigEndianFilesGiveLittleEndianValues() {
        Dataset ds = image(2, 2, 1, 16, 16, 1, "MONOCHROME2");
        ds.setBytes(Tag.PixelData, VR.OW, le16(-1000, 0, 1000, 32767));
        byte[] file = DicomWriter.toBytes(ds, WriteOptions.of(TransferSyntax.EXPLICIT_VR_BE));
        Dataset back = DicomReader.read(file);
        assertThat(back.isBigEndian()).isTrue();
        assertThat(PixelData.of(back).frameShorts(0)).containsExactly((short) -1000, (short) 0, (short) 1000, (short) 32767);
    }

    @Test
    void floatPixelDataGivesFloats() {
        Dataset ds = image(1, 3, 1, 32, 32, 0, "MONOCHROME2");
        ds.remove(Tag.BitsStored);
        ds.remove(Tag.HighBit);
        ds.remove(Tag.PixelRepresentation);
        ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putFloat(-1.5f).putFloat(0f).putFloat(3.25e6f);
        ds.setBytes(Tag.FloatPixelData, VR.OF, b.array());
        PixelData px = PixelData.of(ds);
        assertThat(px.frameFloats(0)).containsExactly(-1.5f, 0f, 3.25e6f);
        assertThatThrownBy(() -> px.frameInts(0)).isInstanceOf(DicomException.class);
    }

    @Test
    void framesGoIntoTheCallersBufferAtAnOffset() {
        Dataset ds = image(1, 2, 1, 16, 16, 0, "MONOCHROME2");
        ds.setString(Tag.NumberOfFrames, "2");
        ds.setBytes(Tag.PixelData, VR.OW, le16(1, 2, 3, 4));
        PixelData px = PixelData.of(ds);
        byte[] buf = new byte[2 + 2 * px.frameBytes()];
        px.frame(0, buf, 2);
        px.frame(1, buf, 2 + px.frameBytes());
        assertThat(buf).containsExactly(0, 0, 1, 0, 2, 0, 3, 0, 4, 0);
        assertThatThrownBy(() -> px.frame(0, new byte[3], 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> px.frame(2)).isInstanceOf(DicomException.class).hasMessageContaining("out of range");
    }

    @Test
    void deferredPixelDataIsReadOneFrameAtATime(@TempDir Path dir) throws Exception {
        Dataset ds = image(2, 2, 1, 16, 16, 0, "MONOCHROME2");
        ds.setString(Tag.NumberOfFrames, "3");
        ds.setBytes(Tag.PixelData, VR.OW, le16(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12));
        Path file = dir.resolve("multi.dcm");
        DicomWriter.write(ds, file);
        Dataset lazy = DicomReader.read(file, ReadOptions.defaults().withDeferThreshold(16));
        assertThat(lazy.get(Tag.PixelData).isDeferred()).isTrue();
        assertThat(PixelData.of(lazy).frameInts(2)).containsExactly(9, 10, 11, 12);
        Files.delete(file);
        assertThatThrownBy(() -> PixelData.of(lazy).frame(0)).isInstanceOf(DicomException.class);
    }

    private static Dataset jpegLosslessFrames(byte[][] frames, FrameInfo info) {
        Dataset ds = image(info.rows(), info.columns(), 1, 16, 16, 0, "MONOCHROME2");
        ds.setString(Tag.NumberOfFrames, Integer.toString(frames.length));
        ds.setTransferSyntax(TransferSyntax.of("1.2.840.10008.1.2.4.70"));
        Fragments f = new Fragments();
        f.addItem(new byte[0]);
        for (byte[] frame : frames) {
            byte[] jpeg = new JpegLosslessEncoder().encode(frame, info);
            f.addItem(jpeg.length % 2 == 0 ? jpeg : java.util.Arrays.copyOf(jpeg, jpeg.length + 1));
        }
        ds.putRaw(Tag.PixelData, VR.OB, f, org.hounsfield.core.Dataset.FLAG_UNDEFINED_LENGTH);
        return ds;
    }

    @Test
    void extendedOffsetTableLocatesFrames() {
        FrameInfo info = new FrameInfo(2, 2, 1, 16, 16, false, 0, "MONOCHROME2");
        byte[] a = le16(1, 2, 3, 4);
        byte[] b = le16(500, 600, 700, 800);
        Dataset ds = jpegLosslessFrames(new byte[][] {a, b}, info);
        Fragments old = ds.get(Tag.PixelData).fragments();
        // a fragment between the frames that looks like a frame start: only the table finds the frames
        Fragments f = new Fragments();
        f.addItem(new byte[0]);
        f.addItem(old.fragment(0));
        f.addItem(new byte[] {(byte) 0xFF, (byte) 0xD8, 0, 0});
        f.addItem(old.fragment(1));
        ds.putRaw(Tag.PixelData, VR.OB, f, Dataset.FLAG_UNDEFINED_LENGTH);
        assertThatThrownBy(() -> PixelData.of(ds).frame(1)).isInstanceOf(DicomException.class).hasMessageContaining("cannot find frame 1");
        long second = 8L + f.itemLength(1) + 8L + 4;
        ByteBuffer eot = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(0).putLong(second);
        ds.setBytes(Tag.ExtendedOffsetTable, VR.OV, eot.array());
        PixelData px = PixelData.of(ds);
        assertThat(px.frame(0)).isEqualTo(a);
        assertThat(px.frame(1)).isEqualTo(b);
        assertThat(px.compressedFrame(1)).isEqualTo(old.fragment(1));
    }

    @Test
    void withDecoderReplacesTheRegisteredDecoder() {
        FrameInfo info = new FrameInfo(2, 2, 1, 16, 16, false, 0, "MONOCHROME2");
        Dataset ds = jpegLosslessFrames(new byte[][] {le16(7, 8, 9, 10)}, info);
        PixelData px = PixelData.of(ds).withDecoder(JpegDecoder.withPredictor6Overflow16());
        assertThat(px.frameInts(0)).containsExactly(7, 8, 9, 10);
        assertThat(PixelData.of(ds).withDecoder((src, off, len, fi, dst, dstOff) -> dst[dstOff] = 42).frame(0)[0]).isEqualTo((byte) 42);
    }

    @Test
    void frameSizeLimitIsCheckedBeforeAllocating() {
        Dataset ds = image(1, 4, 1, 16, 16, 0, "MONOCHROME2");
        ds.setBytes(Tag.PixelData, VR.OW, le16(1, 2, 3, 4));
        assertThatThrownBy(() -> PixelData.of(ds).withMaxFrameBytes(7).frame(0))
                .isInstanceOf(org.hounsfield.core.DicomLimitException.class).hasMessageContaining("above the limit of 7");
        assertThat(PixelData.of(ds).withMaxFrameBytes(8).frameInts(0)).containsExactly(1, 2, 3, 4);
    }
}
