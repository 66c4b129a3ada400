package org.hounsfield.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.Deflater;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import org.hounsfield.codec.FrameInfo;
import org.hounsfield.codec.jpeg.JpegLosslessEncoder;
import org.hounsfield.codec.jpegls.JpegLsEncoder;
import org.hounsfield.codec.rle.RleEncoder;
import org.hounsfield.core.Dataset;
import org.hounsfield.core.Fragments;
import org.hounsfield.core.Tag;
import org.hounsfield.core.TransferSyntax;
import org.hounsfield.core.VR;
import org.hounsfield.core.example.HeadPhantom;
import org.hounsfield.core.io.DicomWriter;
import org.hounsfield.core.io.WriteOptions;
import org.hounsfield.imaging.PixelData;
import org.junit.jupiter.api.Test;

/**
 * The fuzz seeds under {@code src/test/resources/org/hounsfield/fuzz/*Inputs/<target>/}: small
 * inputs of our own making (our writer and encoders, the JDK's JPEG writer, opj_compress for JPEG
 * 2000, ojph_compress for HTJ2K), never corpus files. Every build checks that each target has seeds; regenerate them with
 * {@code mvn -B -pl fuzz -am test -Dtest=SeedsTest -Dhounsfield.writeSeeds=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class SeedsTest {
    static final Path RESOURCES = Path.of("src/test/resources/org/hounsfield/fuzz");
    static final String[][] TARGETS = {
        {"ReaderFuzzTestInputs", "read"}, {"ReaderFuzzTestInputs", "roundTrip"},
        {"DecoderFuzzTestInputs", "jpeg"}, {"DecoderFuzzTestInputs", "jpegLs"}, {"DecoderFuzzTestInputs", "rle"},
        {"DecoderFuzzTestInputs", "deflate"}, {"DecoderFuzzTestInputs", "jpeg2000"},
        {"DeidFuzzTestInputs", "deidentify"}};

    @Test
    void everyTargetHasSeeds() throws Exception {
        if (Boolean.getBoolean("hounsfield.writeSeeds")) {
            writeSeeds();
        }
        for (String[] t : TARGETS) {
            Path dir = RESOURCES.resolve(t[0]).resolve(t[1]);
            assertThat(dir).as("seed directory " + dir).isDirectory();
            try (Stream<Path> s = Files.list(dir)) {
                assertThat(s.count()).as("seeds in " + dir).isGreaterThanOrEqualTo(2);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------

    private static void writeSeeds() throws Exception {
        Map<String, byte[]> dicom = new LinkedHashMap<>();
        Dataset ct = HeadPhantom.slice(8, 0);
        dicom.put("phantom-explicit-le.dcm", DicomWriter.toBytes(ct, WriteOptions.of(TransferSyntax.EXPLICIT_VR_LE)));
        dicom.put("phantom-implicit-le.dcm", DicomWriter.toBytes(ct, WriteOptions.of(TransferSyntax.IMPLICIT_VR_LE)));
        dicom.put("phantom-explicit-be.dcm", DicomWriter.toBytes(ct, WriteOptions.of(TransferSyntax.EXPLICIT_VR_BE)));
        dicom.put("phantom-deflated.dcm", DicomWriter.toBytes(ct, WriteOptions.of(TransferSyntax.DEFLATED_EXPLICIT_VR_LE)));
        dicom.put("phantom-raw-dataset.dcm", DicomWriter.encodeDataset(ct, false, false));
        Dataset nested = HeadPhantom.slice(4, 1);
        nested.setString(Tag.SpecificCharacterSet, "ISO 2022 IR 6", "ISO 2022 IR 87");
        nested.setString(Tag.PatientName, "Yamada^Tarou=\u5c71\u7530^\u592a\u90ce");
        Dataset item = nested.newSequence(Tag.ReferencedImageSequence).addItem();
        item.setString(Tag.ReferencedSOPInstanceUID, "1.2.3");
        item.newSequence(Tag.ReferencedImageSequence).addItem().setString(Tag.ReferencedSOPClassUID, "1.2.840.10008.5.1.4.1.1.2");
        dicom.put("nested-iso2022.dcm", DicomWriter.toBytes(nested, WriteOptions.of(TransferSyntax.EXPLICIT_VR_LE)));
        Dataset rle = HeadPhantom.slice(8, 2);
        PixelData px = PixelData.of(rle);
        Fragments f = new Fragments();
        f.addItem(new byte[] {0, 0, 0, 0});
        byte[] frame = new RleEncoder().encode(px.frame(0), px.info());
        f.addItem(frame.length % 2 == 0 ? frame : java.util.Arrays.copyOf(frame, frame.length + 1));
        rle.putRaw(Tag.PixelData, VR.OB, f, Dataset.FLAG_UNDEFINED_LENGTH);
        dicom.put("phantom-rle.dcm", DicomWriter.toBytes(rle, WriteOptions.of(TransferSyntax.of("1.2.840.10008.1.2.5")).withKeepMeta(false)));
        for (String target : new String[] {"read", "roundTrip"}) {
            write("ReaderFuzzTestInputs", target, dicom);
        }
        write("DeidFuzzTestInputs", "deidentify", dicom);

        FrameInfo gray16 = new FrameInfo(16, 16, 1, 16, 12, true, 0, "MONOCHROME2");
        FrameInfo gray8 = new FrameInfo(16, 16, 1, 8, 8, false, 0, "MONOCHROME2");
        FrameInfo rgb8 = new FrameInfo(16, 16, 3, 8, 8, false, 0, "RGB");
        byte[] g16 = samples(gray16, 1);
        byte[] g8 = samples(gray8, 2);
        byte[] c8 = samples(rgb8, 3);

        Map<String, byte[]> jpeg = new LinkedHashMap<>();
        jpeg.put("lossless-16.bin", seed(gray16, new JpegLosslessEncoder().encode(g16, gray16)));
        jpeg.put("lossless-rgb.bin", seed(rgb8, new JpegLosslessEncoder().encode(c8, rgb8)));
        jpeg.put("baseline-gray.bin", seed(gray8, imageIoJpeg(gray8, g8, false)));
        jpeg.put("baseline-rgb.bin", seed(new FrameInfo(16, 16, 3, 8, 8, false, 0, "YBR_FULL_422"), imageIoJpeg(rgb8, c8, false)));
        jpeg.put("progressive-rgb.bin", seed(new FrameInfo(16, 16, 3, 8, 8, false, 0, "YBR_FULL_422"), imageIoJpeg(rgb8, c8, true)));
        write("DecoderFuzzTestInputs", "jpeg", jpeg);

        Map<String, byte[]> jls = new LinkedHashMap<>();
        jls.put("lossless-16.bin", seed(gray16, new JpegLsEncoder().encode(g16, gray16)));
        jls.put("lossless-rgb.bin", seed(rgb8, new JpegLsEncoder().encode(c8, rgb8)));
        jls.put("near-rgb-ilv2.bin", seed(rgb8, new JpegLsEncoder(JpegLsEncoder.Options.nearLossless(2, 2)).encode(c8, rgb8)));
        jls.put("near-rgb-ilv0.bin", seed(rgb8, new JpegLsEncoder(JpegLsEncoder.Options.nearLossless(1, 0).withRestart(4)).encode(c8, rgb8)));
        write("DecoderFuzzTestInputs", "jpegLs", jls);

        Map<String, byte[]> rleSeeds = new LinkedHashMap<>();
        rleSeeds.put("gray-16.bin", seed(gray16, new RleEncoder().encode(g16, gray16)));
        rleSeeds.put("rgb-8.bin", seed(rgb8, new RleEncoder().encode(c8, rgb8)));
        write("DecoderFuzzTestInputs", "rle", rleSeeds);

        Map<String, byte[]> deflate = new LinkedHashMap<>();
        deflate.put("gray-16.bin", seed(gray16, deflate(g16)));
        deflate.put("rgb-8.bin", seed(rgb8, deflate(c8)));
        write("DecoderFuzzTestInputs", "deflate", deflate);

        Map<String, byte[]> j2k = new LinkedHashMap<>();
        j2k.put("lossless-16.bin", seed(gray16, opjCompress(gray16, g16, "-n", "3")));
        j2k.put("lossy-rgb-tiles.bin", seed(rgb8, opjCompress(rgb8, c8, "-I", "-r", "10", "-n", "2", "-t", "8,8", "-p", "RPCL")));
        j2k.put("layers-precincts.bin", seed(gray8, opjCompress(gray8, g8, "-n", "3", "-r", "8,4,2", "-c", "[8,8]", "-b", "8,8", "-M", "63")));
        // HTJ2K (Part 15) block coding: without these seeds the fuzzer would have to invent the CAP
        // marker and the HT code-block style to reach the HT decoder at all
        j2k.put("ht-lossless-16.bin", seed(gray16, ojphCompress(gray16, g16, "-reversible", "true", "-num_decomps", "2")));
        j2k.put("ht-lossy-rgb.bin", seed(rgb8, ojphCompress(rgb8, c8, "-qstep", "0.05", "-num_decomps", "2")));
        write("DecoderFuzzTestInputs", "jpeg2000", j2k);
    }

    /** A raw HTJ2K codestream from ojph_compress (OpenJPH) for a PGM/PPM of the samples. */
    private static byte[] ojphCompress(FrameInfo info, byte[] px, String... options) throws Exception {
        return externalCompress("ojph_compress", ".j2c", info, px, options);
    }

    private static byte[] seed(FrameInfo info, byte[] stream) {
        return FuzzSupport.concat(FuzzSupport.header(info), stream);
    }

    /** A smooth picture with an edge, so that the streams use more than one code. */
    private static byte[] samples(FrameInfo info, int seed) {
        int bps = info.bytesPerSample();
        int max = (1 << info.bitsStored()) - 1;
        byte[] b = new byte[(int) info.decodedFrameBytes()];
        int n = b.length / bps;
        java.util.Random rnd = new java.util.Random(seed);
        for (int i = 0; i < n; i++) {
            int x = i % (info.columns() * info.samplesPerPixel());
            int v = ((x * 37 + (i / info.columns()) * 11) % (max + 1) + rnd.nextInt(3)) & max;
            if (bps == 1) {
                b[i] = (byte) v;
            } else {
                b[2 * i] = (byte) v;
                b[2 * i + 1] = (byte) (v >> 8);
            }
        }
        return b;
    }

    private static byte[] imageIoJpeg(FrameInfo info, byte[] px, boolean progressive) throws IOException {
        boolean rgb = info.samplesPerPixel() == 3;
        BufferedImage img = new BufferedImage(info.columns(), info.rows(), rgb ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < info.rows(); y++) {
            for (int x = 0; x < info.columns(); x++) {
                int i = (y * info.columns() + x) * info.samplesPerPixel();
                int v = rgb ? (px[i] & 0xFF) << 16 | (px[i + 1] & 0xFF) << 8 | (px[i + 2] & 0xFF) : (px[i] & 0xFF) * 0x010101;
                img.setRGB(x, y, v);
            }
        }
        ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam p = w.getDefaultWriteParam();
        if (progressive) {
            p.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        }
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bos)) {
            w.setOutput(out);
            w.write(null, new IIOImage(img, null, null), p);
        }
        w.dispose();
        return bos.toByteArray();
    }

    private static byte[] deflate(byte[] b) {
        Deflater d = new Deflater(9, true);
        d.setInput(b);
        d.finish();
        byte[] out = new byte[b.length + 64];
        int n = d.deflate(out);
        d.end();
        return java.util.Arrays.copyOf(out, n);
    }

    /** A raw J2K codestream from opj_compress (OpenJPEG) for a PGM/PPM of the samples. */
    private static byte[] opjCompress(FrameInfo info, byte[] px, String... options) throws Exception {
        return externalCompress("opj_compress", ".j2k", info, px, options);
    }

    private static byte[] externalCompress(String tool, String ext, FrameInfo info, byte[] px, String... options) throws Exception {
        Path dir = Files.createTempDirectory("hf-seed");
        boolean rgb = info.samplesPerPixel() == 3;
        Path in = dir.resolve(rgb ? "in.ppm" : "in.pgm");
        Path out = dir.resolve("out" + ext);
        int max = (1 << info.bitsStored()) - 1;
        ByteArrayOutputStream pnm = new ByteArrayOutputStream();
        pnm.writeBytes(((rgb ? "P6\n" : "P5\n") + info.columns() + " " + info.rows() + "\n" + max + "\n").getBytes());
        for (int i = 0; i < px.length; i += info.bytesPerSample()) {
            if (info.bytesPerSample() == 2) {
                int v = (px[i] & 0xFF | (px[i + 1] & 0xFF) << 8) & max;
                pnm.write(v >> 8);
                pnm.write(v);
            } else {
                pnm.write(px[i]);
            }
        }
        Files.write(in, pnm.toByteArray());
        String[] cmd = Stream.concat(Stream.of(tool, "-i", in.toString(), "-o", out.toString()), Stream.of(options)).toArray(String[]::new);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd) + "\n" + log).isZero();
        return Files.readAllBytes(out);
    }

    private static void write(String cls, String target, Map<String, byte[]> seeds) throws IOException {
        Path dir = RESOURCES.resolve(cls).resolve(target);
        Files.createDirectories(dir);
        for (Map.Entry<String, byte[]> e : seeds.entrySet()) {
            Files.write(dir.resolve(e.getKey()), e.getValue());
        }
    }
}
