package org.hounsfield.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.hounsfield.core.Dataset;
import org.hounsfield.core.DicomException;
import org.hounsfield.core.Tag;
import org.hounsfield.core.io.DicomReader;
import org.hounsfield.core.validate.IodCheck;
import org.hounsfield.imaging.PixelData;
import org.hounsfield.imaging.PixelDataCheck;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hounsfield validate}: structure, read workarounds, values, IOD attributes and pixel data of each file. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check each file, listing every problem found:",
                "- the structure reads; the file meta names a transfer syntax;",
                "- what the reader worked around, with its byte offset: implicit",
                "  elements in an explicit data set, odd lengths, stray delimiters, a",
                "  sequence, item or encapsulated pixel data cut off before its",
                "  delimiter at end of file; and explicit VRs the dictionary disagrees",
                "  with (not an error when reading strictly, a finding here);",
                "- values against their VR and the dictionary VM;",
                "- the IOD's Type 1 and Type 2 attributes: missing, or empty where",
                "  Type 1 (mandatory modules, top level; not 1C/2C, conditional",
                "  modules or sequence contents);",
                "- every frame of the pixel data decodes, and none looks like the",
                "  output of a known-broken encoder (JPEG lossless predictor 6).",
                "Prints 'OK  <path>' or 'INVALID  <path>: <problems>'; exit code 1",
                "when any file is invalid or cannot be read."},
        footer = {"", "Examples:", "  hounsfield validate ct.dcm", "  hounsfield validate --no-pixels corpus/", "  hounsfield validate --no-iod ct.dcm"})
final class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--no-pixels", description = "Do not decode pixel data.")
    boolean noPixels;

    @Option(names = "--no-iod", description = "Do not check the Type 1 and Type 2 attributes of the IOD.")
    boolean noIod;

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
            if (!noIod) {
                for (String p : IodCheck.problems(ds)) {
                    problems.add("IOD: " + p);
                }
            }
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
