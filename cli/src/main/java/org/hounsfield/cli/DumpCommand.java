package org.hounsfield.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.hounsfield.core.Dataset;
import org.hounsfield.core.io.DicomReader;
import org.hounsfield.core.io.SafeFiles;
import org.hounsfield.core.text.DatasetPrinter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hounsfield dump}: every element, as pydicom prints a dataset. */
@Command(name = "dump", mixinStandardHelpOptions = true,
        description = {"Print every element of each DICOM file the way pydicom 2.3.1 prints str(dataset):",
                "tag, name, VR and value; sequence items indented; long binary values as 'Array of N elements'."},
        footer = {"", "Examples:", "  hounsfield dump ct.dcm", "  hounsfield dump --meta ct.dcm",
                "  hounsfield dump --out-dir /tmp/dumps corpus/   (one DIR/<relative path>.txt per file)"})
final class DumpCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--meta", description = "Also print the file meta information (group 0002) first.")
    boolean meta;

    @Option(names = "--out-dir", paramLabel = "DIR", description = "Write DIR/<path relative to PATH>.txt for each file instead of printing.")
    Path outDir;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "DICOM files or directories (walked recursively).")
    List<Path> paths;

    @Override
    public Integer call() {
        boolean several = paths.size() > 1 || java.nio.file.Files.isDirectory(paths.get(0));
        return Batch.run(paths, spec.commandLine().getOut(), spec.commandLine().getErr(), in -> {
            Dataset ds = DicomReader.read(in.file());
            String text = DatasetPrinter.print(ds, meta) + "\n";
            if (outDir != null) {
                SafeFiles.write(outDir.resolve(in.relative() + ".txt"), in.file(), os -> os.write(text.getBytes(StandardCharsets.UTF_8)));
                return "";
            }
            return several ? "# " + in.relative() + "\n" + text : text;
        });
    }
}
