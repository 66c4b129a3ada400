package org.hounsfield.cli;

import org.hounsfield.core.json.DicomJsonWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.hounsfield.core.Dataset;
import org.hounsfield.core.Element;
import org.hounsfield.core.Tag;
import org.hounsfield.core.io.DicomReader;
import org.hounsfield.core.io.DicomWriter;
import org.hounsfield.core.io.SafeFiles;
import org.hounsfield.core.io.WriteOptions;
import org.hounsfield.deid.DeidentificationRefusedException;
import org.hounsfield.deid.Deidentifier;
import org.hounsfield.deid.Option;
import org.hounsfield.deid.PatientMapping;
import org.hounsfield.deid.Rect;
import org.hounsfield.imaging.convert.TargetSyntax;
import org.hounsfield.imaging.convert.Transcoder;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hounsfield anonymize}: PS3.15 de-identification of a file or a folder tree. */
@Command(name = "anonymize", mixinStandardHelpOptions = true,
        description = {"De-identify DICOM files with the PS3.15 Basic Application Level",
                "Confidentiality Profile (Table E.1-1, 2026d) and the options you choose, into a",
                "mirror of the input tree. The same UID, patient and date get the same",
                "replacement in every file and every run with the same --secret-file. IN is",
                "never written to; each output is written atomically; a file that fails or is",
                "refused is reported and skipped (exit code 1)."},
        footer = {"", "Options for --retain: safe-private, uids, device-identity,",
                "  institution-identity, patient-characteristics, full-dates, modified-dates.",
                "Options for --clean: descriptors, structured-content, graphics.",
                "", "Examples:",
                "  hounsfield anonymize --secret-file site.key study/ study-anon/",
                "  hounsfield anonymize --secret-file site.key --retain modified-dates \\",
                "      --clean descriptors --mapping subjects.csv --report report.csv in/ out/",
                "  hounsfield anonymize --secret-file site.key --blank 0,0,640,48 us/ us-anon/"})
final class AnonymizeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "A DICOM file or a folder (walked recursively).")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "Output file or folder (created); must not be inside IN, nor IN inside it.")
    Path out;

    @CommandLine.Option(names = "--retain", split = ",", paramLabel = "OPTION", description = "PS3.15 retain options (see below).")
    List<String> retain = new ArrayList<>();

    @CommandLine.Option(names = "--clean", split = ",", paramLabel = "OPTION", description = "PS3.15 clean options (see below).")
    List<String> clean = new ArrayList<>();

    @CommandLine.Option(names = "--secret-file", paramLabel = "FILE",
            description = "Secret (at least 16 bytes) that new UIDs, pseudonyms and date shifts derive from. Without it a random one is used.")
    Path secretFile;

    @CommandLine.Option(names = "--mapping", paramLabel = "CSV",
            description = "original_patient_id,new_patient_id[,new_patient_name] per line; other patients get a pseudonym.")
    Path mapping;

    @CommandLine.Option(names = "--accept-burned-in",
            description = "De-identify images that may show identity in their pixels (Burned In Annotation YES, or absent for US, XA, SC, ES, OP, ...).")
    boolean acceptBurnedIn;

    @CommandLine.Option(names = "--blank", paramLabel = "X,Y,W,H",
            description = "Set this rectangle of every frame to 0 (repeatable); compressed images are decoded first. Records the Clean Pixel Data Option.")
    List<String> blank = new ArrayList<>();

    @CommandLine.Option(names = "--compound", paramLabel = "POLICY", defaultValue = "conformant",
            description = "How X/Z, X/D, Z/D, X/Z/D, X/Z/U* resolve: conformant (keep Type 1/2 attributes with dummies, default) or remove.")
    String compound;

    @CommandLine.Option(names = "--report", paramLabel = "FILE", description = "Per-file report: JSON when FILE ends in .json, CSV otherwise.")
    Path report;

    @CommandLine.Option(names = "--threads", paramLabel = "N", defaultValue = "0", description = "Worker threads (default: all cores).")
    int threads;

    @CommandLine.Option(names = "--uid-names", description = "Name each output file after its new SOP Instance UID (file names may identify patients).")
    boolean uidNames;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter o = spec.commandLine().getOut();
        Deidentifier deid = build();
        if (deid.usesRandomSecret()) {
            err.println("warning  no --secret-file: a random secret is used; UIDs and pseudonyms will not match any other run");
        }
        List<Job> jobs = plan(in, out, err, spec);
        Tally tally = runJobs(jobs, threads, err, "anonymize", job -> anonymize(deid, job));
        if (report != null) {
            writeReport(report, tally.rows);
        }
        o.printf("anonymized %d file(s), refused %d, failed %d -> %s%n", tally.ok, tally.refused, tally.failed, out);
        o.flush();
        return jobs.isEmpty() || tally.failed > 0 || tally.refused > 0 ? 1 : 0;
    }

    private Deidentifier build() {
        Set<Option> opts = EnumSet.noneOf(Option.class);
        try {
            for (String r : retain) {
                Option op = Option.parse(r);
                if (!op.name().startsWith("RETAIN_")) {
                    throw new IllegalArgumentException("'" + r + "' is not a retain option");
                }
                opts.add(op);
            }
            for (String c : clean) {
                Option op = Option.parse(c);
                if (!op.name().startsWith("CLEAN_") || !op.inTable()) {
                    throw new IllegalArgumentException("'" + c + "' is not a clean option (descriptors, structured-content, graphics)");
                }
                opts.add(op);
            }
            List<Rect> rects = new ArrayList<>();
            for (String b : blank) {
                rects.add(Rect.parse(b));
            }
            Deidentifier.Builder b = Deidentifier.builder().options(opts).acceptBurnedIn(acceptBurnedIn).blank(rects)
                    .compoundPolicy(Deidentifier.CompoundPolicy.valueOf(compound.trim().toUpperCase(Locale.ROOT)));
            if (secretFile != null) {
                b.secret(readSecret(secretFile));
            }
            if (mapping != null) {
                b.patientMapping(PatientMapping.readCsv(mapping));
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** The secret file's bytes without a trailing line end (so "echo secret > f" works). */
    static byte[] readSecret(Path f) {
        byte[] b;
        try {
            b = Files.readAllBytes(f);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read secret file " + f + ": " + e.getMessage());
        }
        int n = b.length;
        while (n > 0 && (b[n - 1] == '\n' || b[n - 1] == '\r')) {
            n--;
        }
        if (n < 16) {
            throw new IllegalArgumentException("the secret in " + f + " has " + n + " bytes; use at least 16 (e.g. head -c 32 /dev/urandom > " + f + ")");
        }
        return java.util.Arrays.copyOf(b, n);
    }

    private Row anonymize(Deidentifier deid, Job job) throws Exception {
        Dataset ds = DicomReader.read(job.input());
        String note = "";
        Element px = ds.get(Tag.PixelData);
        if (!blank.isEmpty() && px != null && px.isEncapsulated()) {
            ds = DicomReader.read(Transcoder.transcode(ds, TargetSyntax.EXPLICIT_LE).bytes());
            note = "decoded to explicit-le to blank rectangles; ";
        }
        Deidentifier.Result r;
        try {
            r = deid.deidentify(ds);
        } catch (DeidentificationRefusedException e) {
            return new Row(job.relative(), "", "refused", e.getMessage(), null);
        }
        Path target = job.output();
        if (uidNames && !r.newSopInstanceUid().isEmpty()) {
            target = target.resolveSibling(r.newSopInstanceUid() + ".dcm");
        }
        final Dataset result = ds;
        SafeFiles.write(target, job.input(), os -> DicomWriter.write(result, os, WriteOptions.defaults()));
        String rel = out.toAbsolutePath().normalize().equals(target.toAbsolutePath().normalize()) ? target.getFileName().toString()
                : relativeTo(out, target);
        return new Row(job.relative(), rel, "ok", note + String.join("; ", r.notes()), r);
    }

    private static String relativeTo(Path base, Path p) {
        Path b = base.toAbsolutePath().normalize();
        Path a = p.toAbsolutePath().normalize();
        return a.startsWith(b) ? b.relativize(a).toString() : a.toString();
    }

    // ---------------------------------------------------------------------------------------------
    // shared with ConvertCommand: mirror planning, the worker loop with progress, the report

    /** One file to process: where it comes from, how it is reported, where it goes. */
    record Job(Path input, String relative, Path output) {
    }

    /** One report line. */
    record Row(String input, String output, String status, String message, Deidentifier.Result result) {
    }

    @FunctionalInterface
    interface Work {
        Row run(Job job) throws Exception;
    }

    static final class Tally {
        final List<Row> rows = new ArrayList<>();
        int ok;
        int refused;
        int failed;
    }

    /**
     * The jobs for IN -> OUT: a file to a file (or into an existing folder), a folder to a mirror
     * of its tree. Refuses OUT equal to IN, OUT inside IN and IN inside OUT, so no input is ever
     * written to.
     */
    static List<Job> plan(Path in, Path out, PrintWriter err, CommandSpec spec) {
        if (!Files.exists(in)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "IN does not exist: " + in);
        }
        Path inReal;
        Path outAbs;
        try {
            inReal = in.toRealPath();
            outAbs = Files.exists(out) ? out.toRealPath() : realParent(out.toAbsolutePath().normalize());
        } catch (IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "cannot resolve " + in + " or " + out + ": " + e.getMessage());
        }
        if (outAbs.equals(inReal) || outAbs.startsWith(inReal) || inReal.startsWith(outAbs)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "OUT must be outside IN and must not contain it (IN " + inReal + ", OUT " + outAbs + "): IN is never written to");
        }
        List<Job> jobs = new ArrayList<>();
        if (Files.isDirectory(in)) {
            if (Files.exists(out) && !Files.isDirectory(out)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "IN is a folder, so OUT must be a folder: " + out);
            }
            for (Inputs.Input i : Inputs.expand(List.of(in), err)) {
                jobs.add(new Job(i.file(), i.relative(), out.resolve(i.relative())));
            }
        } else {
            Path target = Files.isDirectory(out) ? out.resolve(in.getFileName()) : out;
            jobs.add(new Job(in, in.getFileName().toString(), target));
        }
        if (jobs.isEmpty()) {
            err.println("ERROR  no input files in " + in);
        }
        return jobs;
    }

    /** The absolute path with its longest existing ancestor resolved (symbolic links followed). */
    private static Path realParent(Path p) throws IOException {
        Path existing = p;
        Path rest = null;
        while (existing != null && !Files.exists(existing)) {
            Path name = existing.getFileName();
            rest = rest == null ? name : name.resolve(rest);
            existing = existing.getParent();
        }
        if (existing == null) {
            return p;
        }
        Path real = existing.toRealPath();
        return rest == null ? real : real.resolve(rest);
    }

    /** Runs the jobs on a pool, shows progress on a terminal, reports failures on stderr in input order. */
    static Tally runJobs(List<Job> jobs, int threads, PrintWriter err, String verb, Work work) {
        Tally t = new Tally();
        int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        n = Math.max(1, Math.min(n, Math.max(1, jobs.size())));
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
            Thread th = new Thread(r, "hounsfield-" + verb);
            th.setDaemon(true);
            return th;
        });
        boolean progress = System.console() != null && jobs.size() > 1;
        try {
            ExecutorCompletionService<Row> cs = new ExecutorCompletionService<>(pool);
            List<Future<Row>> futures = new ArrayList<>();
            for (Job j : jobs) {
                futures.add(cs.submit(() -> work.run(j)));
            }
            for (int done = 1; done <= jobs.size(); done++) {
                try {
                    cs.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                if (progress && (done % 8 == 0 || done == jobs.size())) {
                    err.printf("\r%s: %d/%d", verb, done, jobs.size());
                    err.flush();
                }
            }
            if (progress) {
                err.println();
            }
            for (int i = 0; i < jobs.size(); i++) {
                Job j = jobs.get(i);
                Row row;
                try {
                    row = futures.get(i).get();
                } catch (ExecutionException e) {
                    row = new Row(j.relative(), "", "failed", Batch.message(e.getCause()), null);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    row = new Row(j.relative(), "", "failed", "interrupted", null);
                }
                t.rows.add(row);
                switch (row.status()) {
                    case "ok" -> t.ok++;
                    case "refused" -> {
                        t.refused++;
                        err.println("REFUSED  " + row.input() + ": " + row.message());
                    }
                    default -> {
                        t.failed++;
                        err.println("ERROR  " + row.input() + ": " + row.message());
                    }
                }
            }
            err.flush();
        } finally {
            pool.shutdownNow();
        }
        return t;
    }

    static void writeReport(Path file, List<Row> rows) {
        boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
        StringBuilder sb = new StringBuilder();
        String[] head = {"input", "output", "status", "message", "new_sop_instance_uid", "patient_id", "removed", "emptied",
            "replaced", "uids_replaced", "cleaned", "private_kept", "pixels_blanked"};
        if (json) {
            sb.append("[\n");
        } else {
            sb.append(String.join(",", head)).append('\n');
        }
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            Deidentifier.Result x = r.result();
            Object[] v = {r.input(), r.output(), r.status(), r.message(),
                x == null ? null : x.newSopInstanceUid(), x == null ? null : x.patientId(),
                x == null ? null : x.removed(), x == null ? null : x.emptied(), x == null ? null : x.replaced(),
                x == null ? null : x.uidsReplaced(), x == null ? null : x.cleaned(), x == null ? null : x.privateKept(),
                x == null ? null : x.pixelsBlanked()};
            if (json) {
                sb.append("  {");
                for (int k = 0; k < head.length; k++) {
                    sb.append(k == 0 ? "" : ", ").append('"').append(head[k]).append("\": ").append(jsonValue(v[k]));
                }
                sb.append(i + 1 < rows.size() ? "},\n" : "}\n");
            } else {
                for (int k = 0; k < head.length; k++) {
                    sb.append(k == 0 ? "" : ",").append(csvValue(v[k]));
                }
                sb.append('\n');
            }
        }
        if (json) {
            sb.append("]\n");
        }
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        SafeFiles.write(file, os -> os.write(bytes));
    }

    private static String jsonValue(Object v) {
        if (v == null) {
            return "null";
        }
        return v instanceof Number ? v.toString() : DicomJsonWriter.quote(v.toString());
    }

    private static String csvValue(Object v) {
        if (v == null) {
            return "";
        }
        String s = v.toString();
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
