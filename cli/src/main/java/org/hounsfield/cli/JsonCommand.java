package org.hounsfield.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.hounsfield.core.Dataset;
import org.hounsfield.core.io.DicomReader;
import org.hounsfield.core.io.ReadOptions;
import org.hounsfield.core.io.SafeFiles;
import org.hounsfield.core.json.DicomJsonWriter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hounsfield json}: the DICOM JSON Model (PS3.18 Annex F). */
@Command(name = "json", mixinStandardHelpOptions = true,
        description = {"Write each DICOM file as the DICOM JSON Model of PS3.18 Annex F (file meta excluded).",
                "Binary values are InlineBinary (base64); with --bulk-data-uri, large ones are BulkDataURI references."},
        footer = {"", "Examples:", "  hounsfield json ct.dcm", "  hounsfield json --out-dir /tmp/json corpus/",
                "  hounsfield json --bulk-data-uri 1024 ct.dcm"})
final class JsonCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out-dir", paramLabel = "DIR", description = "Write DIR/<path relative to PATH>.json for each file instead of printing.")
    Path outDir;

    @Option(names = "--bulk-data-uri", paramLabel = "BYTES",
            description = "Write binary values longer than BYTES as BulkDataURI (file URI with offset and length) instead of inline base64.")
    Long bulkThreshold;

    @Option(names = "--indent", description = "Pretty-print.")
    boolean indent;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "DICOM files or directories (walked recursively).")
    List<Path> paths;

    @Override
    public Integer call() {
        DicomJsonWriter writer = new DicomJsonWriter().indent(indent);
        ReadOptions options = ReadOptions.defaults();
        if (bulkThreshold != null) {
            writer.bulkDataUris(bulkThreshold);
            options = options.withDeferThreshold(bulkThreshold);
        }
        ReadOptions opts = options;
        return Batch.run(paths, spec.commandLine().getOut(), spec.commandLine().getErr(), in -> {
            Dataset ds = DicomReader.read(in.file(), opts);
            String json = writer.write(ds);
            if (outDir != null) {
                SafeFiles.write(outDir.resolve(in.relative() + ".json"), in.file(), os -> os.write(json.getBytes(StandardCharsets.UTF_8)));
                return "";
            }
            return json.endsWith("\n") ? json : json + "\n";
        });
    }
}
