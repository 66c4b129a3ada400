package org.hounsfield.cli;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.hounsfield.core.Dataset;
import org.hounsfield.core.DicomException;
import org.hounsfield.core.Tag;
import org.hounsfield.core.io.DicomReader;
import org.hounsfield.imaging.lut.AutoWindow;
import org.hounsfield.imaging.lut.Window;
import org.hounsfield.imaging.lut.WindowPreset;
import org.hounsfield.imaging.render.ImageFiles;
import org.hounsfield.imaging.render.RenderOptions;
import org.hounsfield.imaging.render.Rendered;
import org.hounsfield.imaging.render.Renderer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hounsfield render}: pictures of DICOM images. */
@Command(name = "render", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Render DICOM images to PNG (or JPEG, GIF): Modality LUT, the file's first",
                "window (or a given one, a preset, an automatic one), MONOCHROME1 inversion,",
                "colour and palettes, overlays on request. Prints one line per picture:",
                "'<input> -> <output>  <window used>'; folders on a terminal: a progress bar."},
        footer = {"", "Window choice: --window, --preset, --auto, else the file's window (--voi N",
                "picks another), else its VOI LUT, else min-max (as dcmj2pnm +Wm).",
                "", "Examples:",
                "  hounsfield render ct.dcm -o ct.png",
                "  hounsfield render ct.dcm --preset lung --size 256x256 -o lung.png",
                "  hounsfield render cine.dcm --gif -o cine.gif",
                "  hounsfield render mr.dcm --all --sheet -o sheet.png",
                "  hounsfield render --out-dir pictures/ study/",
                "  hounsfield render --list-presets"})
final class RenderCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "DICOM files or directories (walked recursively).")
    List<Path> paths = new ArrayList<>();

    @Option(names = {"-o", "--out"}, paramLabel = "OUT", description = "Output file for a single input (.png, .jpg, .gif).")
    Path out;

    @Option(names = "--out-dir", paramLabel = "DIR", description = "Write DIR/<path relative to the input folder>.png (default: the current directory).")
    Path outDir;

    @Option(names = "--frame", paramLabel = "N", description = "Render frame N (0-based; default 0).")
    Integer frame;

    @Option(names = "--all", description = "Render every frame: one picture each (<name>.<NNNN>.png; into .gif output, one animated GIF); see also --sheet and --gif.")
    boolean all;

    @Option(names = "--sheet", description = "Every frame on one contact sheet.")
    boolean sheet;

    @Option(names = "--columns", paramLabel = "N", description = "Frames per row of the contact sheet (default: about square).")
    int columns;

    @Option(names = "--gif", description = "Every frame as an animated GIF (frame time from the file, else 100 ms).")
    boolean gif;

    @Option(names = "--window", paramLabel = "C,W", description = "Window centre and width in physical units (e.g. 40,80 in HU).")
    String window;

    @Option(names = "--preset", paramLabel = "NAME", description = "A named CT window: brain, subdural, stroke, lung, mediastinum, abdomen, liver, bone, soft-tissue, ... (--list-presets).")
    String preset;

    @Option(names = "--auto", paramLabel = "METHOD", arity = "0..1", fallbackValue = "minmax",
            description = "Compute the window from the pixels: minmax (default, as dcmj2pnm +Wm) or percentile (1st-99th).")
    String auto;

    @Option(names = "--voi", paramLabel = "N", description = "Use the file's window N (0-based; windows first, then VOI LUT Sequence items).")
    int voi;

    @Option(names = "--overlays", description = "Draw overlays (60xx), from Overlay Data or high bits, in white.")
    boolean overlays;

    @Option(names = "--size", paramLabel = "WxH", description = "Fit pictures into W x H pixels, keeping the aspect ratio (e.g. 256x256, or 256).")
    String size;

    @Option(names = "--bits", paramLabel = "8|16", description = "Bits per gray sample: 8 (default) or 16 (PNG only).")
    int bits = 8;

    @Option(names = "--format", paramLabel = "png|jpeg|gif", description = "Picture format for --out-dir (default png).")
    String format = "png";

    @Option(names = "--quality", paramLabel = "Q", description = "JPEG quality 1..100 (default 90).")
    int quality = 90;

    @Option(names = "--threads", paramLabel = "N", description = "Files rendered in parallel (default: all cores).")
    int threads;

    @Option(names = "--list-presets", description = "Print the window presets and exit.")
    boolean listPresets;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar and no per-picture lines.")
    boolean quiet;

    /** What one input produced, reported in input order. */
    private record Result(String text, String skipped, int pictures) {
    }

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (listPresets) {
            for (WindowPreset p : WindowPreset.values()) {
                o.printf(Locale.ROOT, "%-17s C %6s  W %5s  %s%n", p.label(), fmt(p.center()), fmt(p.width()), p.use());
            }
            o.flush();
            return 0;
        }
        if (paths.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "Missing required parameter: 'PATH'");
        }
        RenderOptions opts = options();
        String fmt = outputFormat();
        if (out != null && outDir != null) {
            throw new ParameterException(spec.commandLine(), "use either -o or --out-dir");
        }
        if (frame != null && (all || sheet || gif)) {
            throw new ParameterException(spec.commandLine(), "--frame picks one frame; --all, --sheet and --gif take every frame");
        }
        if (bits == 16 && !"png".equals(fmt)) {
            throw new ParameterException(spec.commandLine(), "16-bit output needs PNG");
        }
        if (quality < 1 || quality > 100) {
            throw new ParameterException(spec.commandLine(), "--quality must be between 1 and 100");
        }
        boolean folder = paths.stream().anyMatch(Files::isDirectory);
        List<Inputs.Input> inputs = Inputs.expand(paths, quiet ? new PrintWriter(java.io.Writer.nullWriter()) : err);
        if (out != null && (folder || inputs.size() != 1)) {
            throw new ParameterException(spec.commandLine(), "-o needs exactly one input file; use --out-dir for several");
        }
        if (inputs.isEmpty()) {
            err.println("ERROR  no input files");
            err.flush();
            return 1;
        }
        boolean progress = folder && !quiet && System.console() != null;
        int n = Math.max(1, Math.min(threads > 0 ? threads : Runtime.getRuntime().availableProcessors(), inputs.size()));
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "hounsfield-render");
            t.setDaemon(true);
            return t;
        });
        AtomicInteger done = new AtomicInteger();
        long start = System.nanoTime();
        int failures = 0;
        int skipped = 0;
        int pictures = 0;
        try {
            List<Future<Result>> results = new ArrayList<>();
            for (Inputs.Input in : inputs) {
                results.add(pool.submit(() -> {
                    try {
                        return renderOne(in, opts, fmt, folder);
                    } finally {
                        int d = done.incrementAndGet();
                        if (progress) {
                            bar(err, d, inputs.size());
                        }
                    }
                }));
            }
            for (int i = 0; i < inputs.size(); i++) {
                Inputs.Input in = inputs.get(i);
                try {
                    Result r = results.get(i).get();
                    pictures += r.pictures();
                    if (r.skipped() != null) {
                        skipped++;
                        if (!progress && !quiet) {
                            err.println("skipped  " + in.relative() + ": " + r.skipped());
                            err.flush();
                        }
                    } else if (!progress && !quiet) {
                        o.print(r.text());
                        o.flush();
                    }
                } catch (ExecutionException e) {
                    failures++;
                    synchronized (err) {
                        if (progress) {
                            err.print("\r\033[K");
                        }
                        err.println("ERROR  " + in.relative() + ": " + Batch.message(e.getCause()));
                        err.flush();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return 1;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        if (progress) {
            err.printf(Locale.ROOT, "%n%d picture(s) from %d file(s) in %.1f s; %d skipped (no pixel data), %d failed%n",
                    pictures, inputs.size() - skipped - failures, (System.nanoTime() - start) / 1e9, skipped, failures);
            err.flush();
        }
        return failures == 0 ? 0 : 1;
    }

    private Result renderOne(Inputs.Input in, RenderOptions opts, String fmt, boolean folder) {
        Dataset ds = DicomReader.read(in.file());
        if (!ds.contains(Tag.PixelData) && !ds.contains(Tag.FloatPixelData) && !ds.contains(Tag.DoubleFloatPixelData)) {
            if (folder) {
                return new Result("", "no pixel data", 0);
            }
            throw new DicomException("no pixel data");
        }
        Renderer r = Renderer.of(ds);
        boolean every = all || sheet || gif;
        StringBuilder text = new StringBuilder();
        if (!every) {
            int f = frame == null ? 0 : frame;
            Rendered img = r.render(f, opts);
            Path target = target(in, fmt, -1);
            write(img.image(), target, fmt);
            line(text, in, target, img);
            return new Result(text.toString(), null, 1);
        }
        boolean animated = gif || "gif".equals(fmt) && !sheet; // every frame into a GIF: animated
        if (!animated && !sheet) {
            // one picture per frame, written as soon as it is rendered
            for (int f = 0; f < r.frameCount(); f++) {
                Rendered img = r.render(f, opts);
                Path target = target(in, fmt, f);
                write(img.image(), target, fmt);
                line(text, in, target, img);
            }
            return new Result(text.toString(), null, r.frameCount());
        }
        List<BufferedImage> images = new ArrayList<>();
        Rendered first = null;
        for (int f = 0; f < r.frameCount(); f++) {
            Rendered img = r.render(f, opts);
            first = first == null ? img : first;
            images.add(img.image());
        }
        Path target = target(in, animated ? "gif" : fmt, -1);
        if (animated) {
            ImageFiles.writeGif(images, frameTime(ds), target);
        } else {
            write(ImageFiles.contactSheet(images, columns), target, fmt);
        }
        line(text, in, target, first);
        return new Result(text.toString(), null, 1);
    }

    private void write(BufferedImage img, Path target, String fmt) {
        switch (fmt) {
            case "jpeg":
                ImageFiles.writeJpeg(img, quality / 100f, target);
                break;
            case "gif":
                ImageFiles.writeGif(List.of(img), 0, target);
                break;
            default:
                ImageFiles.writePng(img, target);
        }
    }

    private static void line(StringBuilder text, Inputs.Input in, Path target, Rendered img) {
        text.append(in.relative()).append(" -> ").append(target);
        if (!img.voi().isEmpty()) {
            text.append("  ").append(img.voi());
        }
        if (!img.presentation().isEmpty()) {
            text.append(", ").append(img.presentation());
        }
        text.append('\n');
    }

    /** Output path: -o as given (frame number inserted before the extension), else DIR/relative minus .dcm + extension. */
    private Path target(Inputs.Input in, String fmt, int frameNo) {
        String ext = "jpeg".equals(fmt) ? "jpg" : fmt;
        String suffix = frameNo < 0 ? "" : String.format(Locale.ROOT, ".%04d", frameNo);
        if (out != null) {
            if (frameNo < 0) {
                return out;
            }
            String name = out.getFileName().toString();
            int dot = name.lastIndexOf('.');
            String stem = dot > 0 ? name.substring(0, dot) : name;
            String e = dot > 0 ? name.substring(dot) : "." + ext;
            return out.resolveSibling(stem + suffix + e);
        }
        String rel = in.relative();
        String lower = rel.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".dcm")) {
            rel = rel.substring(0, rel.length() - 4);
        } else if (lower.endsWith(".dicom")) {
            rel = rel.substring(0, rel.length() - 6);
        }
        Path dir = outDir != null ? outDir : Path.of("");
        Path t = dir.resolve(rel + suffix + "." + ext);
        if (t.toAbsolutePath().normalize().equals(in.file().toAbsolutePath().normalize())) {
            throw new DicomException("refusing to overwrite the input file " + in.file());
        }
        return t;
    }

    private String outputFormat() {
        String f = format.toLowerCase(Locale.ROOT);
        if (out != null) {
            f = ImageFiles.extension(out);
            if (f.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "-o needs an extension: .png, .jpg or .gif");
            }
        }
        if (gif) {
            f = "gif";
        }
        switch (f) {
            case "png":
                return "png";
            case "jpg":
            case "jpeg":
                return "jpeg";
            case "gif":
                return "gif";
            default:
                throw new ParameterException(spec.commandLine(), "unknown picture format '" + f + "' (png, jpeg or gif)");
        }
    }

    private RenderOptions options() {
        int given = (window != null ? 1 : 0) + (preset != null ? 1 : 0) + (auto != null ? 1 : 0);
        if (given > 1) {
            throw new ParameterException(spec.commandLine(), "use one of --window, --preset and --auto");
        }
        RenderOptions o = RenderOptions.defaults();
        try {
            if (window != null) {
                String[] cw = window.split(",");
                if (cw.length != 2) {
                    throw new ParameterException(spec.commandLine(), "--window takes CENTER,WIDTH, e.g. 40,80");
                }
                double c = Double.parseDouble(cw[0].trim());
                double w = Double.parseDouble(cw[1].trim());
                if (!Window.isValid(c, w, Window.Function.LINEAR)) {
                    throw new ParameterException(spec.commandLine(), "--window width must be at least 1");
                }
                o = o.withWindow(new Window(c, w, Window.Function.LINEAR, "given"));
            } else if (preset != null) {
                WindowPreset p = WindowPreset.find(preset).orElseThrow(() -> new ParameterException(spec.commandLine(),
                        "unknown preset '" + preset + "'; known: " + String.join(", ", java.util.Arrays.stream(WindowPreset.values()).map(WindowPreset::label).toList())));
                o = o.withPreset(p);
            } else if (auto != null) {
                o = o.withAuto(AutoWindow.Method.parse(auto));
            }
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), "--window takes two numbers, e.g. 40,80");
        } catch (DicomException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (voi < 0) {
            throw new ParameterException(spec.commandLine(), "--voi must be 0 or more");
        }
        if (bits != 8 && bits != 16) {
            throw new ParameterException(spec.commandLine(), "--bits must be 8 or 16");
        }
        o = o.withVoiIndex(voi).withOverlays(overlays).withBits(bits);
        if (size != null) {
            String[] wh = size.toLowerCase(Locale.ROOT).split("x");
            try {
                int w = Integer.parseInt(wh[0].trim());
                int h = wh.length > 1 ? Integer.parseInt(wh[1].trim()) : w;
                if (wh.length > 2 || w < 1 || h < 1 || w > 16384 || h > 16384) {
                    throw new NumberFormatException();
                }
                o = o.withSize(w, h);
            } catch (NumberFormatException e) {
                throw new ParameterException(spec.commandLine(), "--size takes WxH with 1 to 16384 pixels each, e.g. 256x256");
            }
        }
        return o;
    }

    /** Milliseconds per frame: Frame Time, else Cine Rate / Recommended Display Frame Rate, else 100. */
    static int frameTime(Dataset ds) {
        try {
            double ft = ds.getDouble(Tag.FrameTime, 0);
            if (ft > 0 && ft < 60000) {
                return (int) Math.round(ft);
            }
            double rate = ds.getDouble(Tag.CineRate, 0);
            if (rate <= 0) {
                rate = ds.getDouble(Tag.RecommendedDisplayFrameRate, 0);
            }
            if (rate > 0 && rate < 1000) {
                return (int) Math.round(1000 / rate);
            }
        } catch (DicomException e) {
            // unreadable timing: default
        }
        return 100;
    }

    private static void bar(PrintWriter err, int done, int total) {
        int width = 30;
        int filled = (int) ((long) done * width / total);
        synchronized (err) {
            err.print("\r[" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + done + "/" + total + " files");
            err.flush();
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
