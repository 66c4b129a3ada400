package org.hounsfield.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.hounsfield.core.Dataset;
import org.hounsfield.core.DicomException;
import org.hounsfield.core.Tag;
import org.hounsfield.core.io.DicomReader;
import org.hounsfield.imaging.PixelData;
import org.hounsfield.imaging.PixelDataCheck;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hounsfield validate}: structure, values and pixel data of each file. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check each file: the structure reads, the file meta names a transfer syntax, values match",
                "their VR and the dictionary VM, nothing had to be worked around to read it (implicit elements in",
                "an explicit data set, odd lengths, stray delimiters...), every frame of the pixel data decodes, and no frame looks like",
                "the output of a known-broken encoder (JPEG lossless predictor 6 with 16-bit overflow).",
                "Prints 'OK  <path>' or 'INVALID  <path>: <problems>'; exit code 1 when any file is invalid."},
        footer = {"", "Examples:", "  hounsfield validate ct.dcm", "  hounsfield validate --no-pixels corpus/"})
final class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--no-pixels", description = "Do not decode pixel data.")
    boolean noPixels;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "DICOM files or directories (walked recursively).")
    List<Path> paths;

    @Override
    public Integer call() {
        return Batch.run(paths, spec.commandLine().getOut(), spec.commandLine().getErr(), in -> {
            Dataset ds = DicomReader.read(in.file());
            List<String> problems = new ArrayList<>();
            if (ds.fileMeta() != null) {
                String ts = ds.fileMeta().getString(Tag.TransferSyntaxUID);
                if (ts == null || ts.isEmpty()) {
                    problems.add("file meta has no Transfer Syntax UID (0002,0010)");
                }
            } else {
                problems.add("no File Meta Information (not a Part 10 file)");
            }
            for (String p : ds.readProblems()) {
                problems.add("read: " + p);
            }
            problems.addAll(ds.validate());
            if (!noPixels && (ds.contains(Tag.PixelData) || ds.contains(Tag.FloatPixelData) || ds.contains(Tag.DoubleFloatPixelData))) {
                try {
                    for (String p : PixelDataCheck.problems(PixelData.of(ds))) {
                        problems.add("pixel data: " + p);
                    }
                } catch (DicomException e) {
                    problems.add("pixel data: " + e.getMessage());
                }
            }
            if (problems.isEmpty()) {
                return "OK  " + in.relative() + "\n";
            }
            throw new DicomException("INVALID: " + String.join("; ", problems));
        });
    }
}
