package org.hounsfield.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

import org.hounsfield.core.Dataset;
import org.hounsfield.core.io.DicomReader;
import org.hounsfield.core.io.SafeFiles;
import org.hounsfield.imaging.convert.TargetSyntax;
import org.hounsfield.imaging.convert.Transcoder;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hounsfield convert}: transcode files or a folder tree to another transfer syntax, verified. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Convert DICOM files to another transfer syntax: native (explicit-le,",
                "implicit-le, explicit-be, deflated) or lossless compressed with our own",
                "encoders (rle, jpeg-lossless = JPEG Lossless SV1, jpeg-ls-lossless).",
                "Compressed input is decoded first. Each result is decoded again and compared",
                "with the input's stored values before it is written (atomically); a file that",
                "cannot be converted exactly is reported and skipped. A folder is mirrored",
                "into OUT; IN is never written to."},
        footer = {"", "Examples:",
                "  hounsfield convert --transfer-syntax explicit-le ct-j2k.dcm ct.dcm",
                "  hounsfield convert --transfer-syntax jpeg-ls-lossless study/ study-jls/"})
final class ConvertCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "A DICOM file or a folder (walked recursively).")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "Output file or folder; must not be inside IN, nor IN inside it.")
    Path out;

    @CommandLine.Option(names = {"-t", "--transfer-syntax"}, required = true, paramLabel = "SYNTAX",
            description = "explicit-le, implicit-le, explicit-be, deflated, rle, jpeg-lossless or jpeg-ls-lossless.")
    String transferSyntax;

    @CommandLine.Option(names = "--threads", paramLabel = "N", defaultValue = "0", description = "Worker threads (default: all cores).")
    int threads;

    @CommandLine.Option(names = "--report", paramLabel = "FILE", description = "Per-file report: JSON when FILE ends in .json, CSV otherwise.")
    Path report;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter o = spec.commandLine().getOut();
        TargetSyntax target;
        try {
            target = TargetSyntax.parse(transferSyntax);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        List<AnonymizeCommand.Job> jobs = AnonymizeCommand.plan(in, out, err, spec);
        AtomicLong frames = new AtomicLong();
        AnonymizeCommand.Tally tally = AnonymizeCommand.runJobs(jobs, threads, err, "convert", job -> {
            Dataset ds = DicomReader.read(job.input());
            Transcoder.Result r = Transcoder.transcode(ds, target);
            SafeFiles.write(job.output(), job.input(), os -> os.write(r.bytes()));
            frames.addAndGet(r.frames());
            return new AnonymizeCommand.Row(job.relative(), job.relative(), "ok", String.join("; ", r.notes()), null);
        });
        if (report != null) {
            AnonymizeCommand.writeReport(report, tally.rows);
        }
        o.printf("converted %d file(s) to %s (%d frame(s) decoded again and identical), failed %d -> %s%n",
                tally.ok, target.cliName(), frames.get(), tally.failed, out);
        o.flush();
        return jobs.isEmpty() || tally.failed > 0 ? 1 : 0;
    }
}
