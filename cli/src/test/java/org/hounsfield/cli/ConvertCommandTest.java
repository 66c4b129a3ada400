package org.hounsfield.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.hounsfield.core.Dataset;
import org.hounsfield.core.Tag;
import org.hounsfield.core.VR;
import org.hounsfield.core.example.HeadPhantom;
import org.hounsfield.core.io.DicomReader;
import org.hounsfield.core.io.DicomWriter;
import org.hounsfield.core.testing.SharedCorpus;
import org.hounsfield.imaging.PixelData;
import org.hounsfield.imaging.convert.TargetSyntax;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


/** {@code hounsfield convert} on files built here and on one corpus folder. */
class ConvertCommandTest {

    @TempDir
    Path tmp;

    String out;
    String err;

    int run(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "convert";
        System.arraycopy(args, 0, all, 1, args.length);
        CliRun r = CliRun.of(all);
        out = r.out();
        err = r.err();
        return r.rc();
    }

    /** A 1-bit, 2-frame image (what segmentations hold): RLE can code it, JPEG cannot. */
    static Dataset oneBit() {
        Dataset ds = HeadPhantom.slice(16, 0);
        ds.setInts(Tag.BitsAllocated, VR.US, 1);
        ds.setInts(Tag.BitsStored, VR.US, 1);
        ds.setInts(Tag.HighBit, VR.US, 0);
        ds.setString(Tag.NumberOfFrames, VR.IS, "2");
        byte[] bits = new byte[2 * 16 * 16 / 8];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = (byte) (i * 37);
        }
        ds.setBytes(Tag.PixelData, VR.OB, bits);
        return ds;
    }

    @Test
    void everyTargetGivesTheSameStoredValues() throws Exception {
        Path in = tmp.resolve("in");
        DicomWriter.write(HeadPhantom.slice(32, 0), in.resolve("ct/1.dcm"));
        DicomWriter.write(oneBit(), in.resolve("seg.dcm"));
        for (TargetSyntax t : TargetSyntax.values()) {
            Path o = tmp.resolve("out-" + t.cliName());
            int rc = run("--transfer-syntax", t.cliName(), in.toString(), o.toString());
            boolean jpeg = t == TargetSyntax.JPEG_LOSSLESS || t == TargetSyntax.JPEG_LS_LOSSLESS;
            assertThat(rc).as(t + " " + err).isEqualTo(jpeg ? 1 : 0);
            Dataset ct = DicomReader.read(o.resolve("ct/1.dcm"));
            assertThat(ct.transferSyntax()).isEqualTo(t.transferSyntax());
            assertThat(PixelData.of(ct).frame(0)).isEqualTo(PixelData.of(HeadPhantom.slice(32, 0)).frame(0));
            if (jpeg) {
                assertThat(err).contains("ERROR  seg.dcm: cannot encode");
                assertThat(Files.exists(o.resolve("seg.dcm"))).isFalse();
            } else {
                Dataset seg = DicomReader.read(o.resolve("seg.dcm"));
                assertThat(PixelData.of(seg).frame(1)).isEqualTo(PixelData.of(oneBit()).frame(1));
            }
            try (Stream<Path> s = Files.walk(o)) {
                assertThat(s.filter(Files::isRegularFile).map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("."));
            }
        }
        assertThat(out).contains("converted 1 file(s) to jpeg-ls-lossless (1 frame(s) decoded again and identical), failed 1");
    }

    @Test
    void usageErrors() {
        Path in = tmp.resolve("in");
        DicomWriter.write(HeadPhantom.slice(16, 0), in.resolve("1.dcm"));
        assertThat(run("--transfer-syntax", "jpeg2000", in.toString(), tmp.resolve("o").toString())).isEqualTo(2);
        assertThat(err).contains("unknown target transfer syntax");
        assertThat(run("--transfer-syntax", "rle", in.toString(), in.resolve("o").toString())).isEqualTo(2);
        assertThat(run(in.toString(), tmp.resolve("o").toString())).isEqualTo(2);
        assertThat(Files.exists(tmp.resolve("o"))).isFalse();
    }

    @Test
    void corpusRleFolderToJpegLs() throws Exception {
        Path rle = SharedCorpus.corpus().resolve("transfer-syntax/rle");
        Path o = tmp.resolve("jls");
        int rc = run("--transfer-syntax", "jpeg-ls-lossless", "--threads", "1", rle.toString(), o.toString());
        // 32-bit RLE files cannot be JPEG-LS coded; all others convert exactly
        assertThat(err).contains("SC_rgb_rle_32bit.dcm: cannot encode");
        assertThat(rc).isEqualTo(1);
        try (Stream<Path> s = Files.list(rle)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".dcm")).toList()) {
                Path converted = o.resolve(f.getFileName());
                if (f.getFileName().toString().contains("32bit")) {
                    assertThat(Files.exists(converted)).isFalse();
                    continue;
                }
                PixelData a = PixelData.of(DicomReader.read(f));
                PixelData b = PixelData.of(DicomReader.read(converted));
                assertThat(b.frameCount()).isEqualTo(a.frameCount());
                for (int i = 0; i < a.frameCount(); i++) {
                    assertThat(b.frame(i)).as(f + " frame " + i).isEqualTo(a.frame(i));
                }
            }
        }
    }
}
