package org.hounsfield.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code hounsfield warm-up} (hidden): runs the common commands on a small phantom series in a
 * temporary folder, output discarded. The launcher runs it once, after building, under
 * {@code -XX:ArchiveClassesAtExit}, so that later runs start from a class-data-sharing archive of
 * the classes loaded here (about 1,800 classes: picocli, the dictionary, reader, writer, codecs,
 * volumes, rendering), which saves parsing and verifying them on every start.
 */
@Command(name = "warm-up", hidden = true, mixinStandardHelpOptions = true,
        description = "Exercise the common commands on a small phantom in a temporary folder (used by the launcher).")
final class WarmUpCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Path dir = Files.createTempDirectory("hounsfield-warm-up");
        try {
            String d = dir.toString();
            String series = dir.resolve("series").toString();
            boolean failed = false;
            failed |= run("phantom", series, "--slices", "4", "--size", "64");
            String slice = dir.resolve("series").resolve(first(dir.resolve("series"))).toString();
            failed |= run("dump", slice);
            failed |= run("json", slice);
            failed |= run("get", slice, "PatientName", "PixelSpacing");
            failed |= run("pixels", "--sha256", series);
            failed |= run("validate", series);
            failed |= run("render", "-q", "--out-dir", d + "/png", series);
            failed |= run("series", series);
            failed |= run("volume", series, "-o", d + "/v.nii.gz");
            failed |= run("volume", series, "-o", d + "/v.nii"); // written through: other classes
            failed |= run("mpr", series, "--plane", "coronal", "-o", d + "/mpr.png");
            failed |= run("convert", "-t", "jpeg-lossless", series, d + "/jpeg-lossless");
            failed |= run("convert", "-t", "jpeg-ls-lossless", series, d + "/jpeg-ls");
            failed |= run("convert", "-t", "rle", series, d + "/rle");
            failed |= run("pixels", "--sha256", d + "/jpeg-lossless", d + "/jpeg-ls", d + "/rle");
            failed |= run("anonymize", series, d + "/anon");
            return failed ? 1 : 0;
        } finally {
            delete(dir);
        }
    }

    private static String first(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return "";
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().findFirst().orElse("");
        }
    }

    /** Runs one command, output discarded; true (and a line on stderr) when it failed. */
    private boolean run(String... args) {
        java.io.StringWriter errors = new java.io.StringWriter();
        CommandLine cl = Main.commandLine(args[0]);
        cl.setOut(new PrintWriter(Writer.nullWriter()));
        cl.setErr(new PrintWriter(errors));
        if (cl.execute(args) == 0) {
            return false;
        }
        spec.commandLine().getErr().println("warm-up: '" + String.join(" ", args) + "' failed: " + errors.toString().strip());
        return true;
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
