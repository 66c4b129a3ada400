package org.hounsfield.cli;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;

import org.hounsfield.codec.jpeg.JpegDecoder;
import org.hounsfield.core.Dataset;
import org.hounsfield.core.Tag;
import org.hounsfield.core.io.DicomReader;
import org.hounsfield.core.io.SafeFiles;
import org.hounsfield.imaging.PixelData;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hounsfield pixels}: decode stored values and hash them. */
@Command(name = "pixels", mixinStandardHelpOptions = true,
        description = {"Decode the pixel data of each file (every frame, or one) into stored values and print",
                "'<sha256>  <path>': little endian, C order, samples last, signed values sign-extended,",
                "1-bit data one byte per pixel, JPEG YCbCr kept as YCbCr (../shared/conformance conventions)."},
        footer = {"", "Examples:", "  hounsfield pixels --sha256 ct.dcm", "  hounsfield pixels --sha256 --raw-dir /tmp/raw corpus/"})
final class PixelsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--sha256", description = "Print the SHA-256 of the decoded values (the default and only output for now).")
    boolean sha256 = true;

    @Option(names = "--raw-dir", paramLabel = "DIR", description = "Also write the hashed bytes to DIR/<path>.raw.")
    Path rawDir;

    @Option(names = "--frame", paramLabel = "N", description = "Only frame N (0-based).")
    Integer frame;

    @Option(names = "--jpeg-pred6-overflow", description = {"Decode JPEG lossless predictor 6 in 16-bit arithmetic, the way some broken",
            "encoders wrote it ('hounsfield validate' says when a file needs this; DCMTK: dcmdjpeg +w6)."})
    boolean pred6Overflow;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "DICOM files or directories (walked recursively).")
    List<Path> paths;

    @Override
    public Integer call() {
        return Batch.run(paths, spec.commandLine().getOut(), spec.commandLine().getErr(), in -> {
            Dataset ds = DicomReader.read(in.file());
            if (!ds.contains(Tag.PixelData) && !ds.contains(Tag.FloatPixelData) && !ds.contains(Tag.DoubleFloatPixelData)) {
                return "";
            }
            PixelData px = PixelData.of(ds);
            if (pred6Overflow && px.isEncapsulated()) {
                px = px.withDecoder(JpegDecoder.withPredictor6Overflow16());
            }
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            ByteArrayOutputStream raw = rawDir != null ? new ByteArrayOutputStream() : null;
            int from = frame == null ? 0 : frame;
            int to = frame == null ? px.frameCount() : frame + 1;
            for (int f = from; f < to; f++) {
                byte[] b = px.frame(f);
                md.update(b);
                if (raw != null) {
                    raw.writeBytes(b);
                }
            }
            if (raw != null) {
                SafeFiles.write(rawDir.resolve(in.relative() + ".raw"), in.file(), raw::writeTo);
            }
            return HexFormat.of().formatHex(md.digest()) + "  " + in.relative() + "\n";
        });
    }
}
