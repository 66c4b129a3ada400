package org.hounsfield.imaging.series;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.hounsfield.core.Dataset;
import org.hounsfield.core.DicomException;
import org.hounsfield.core.DicomIOException;
import org.hounsfield.core.Sequence;
import org.hounsfield.core.Tag;
import org.hounsfield.core.io.DicomReader;
import org.hounsfield.core.io.ReadOptions;
import org.hounsfield.imaging.series.internal.Vec;

/**
 * Finds the image series under files and folders: reads headers only (stopping before the pixel
 * data) on several threads, follows DICOMDIR records, and groups the images into patients,
 * studies, series and stacks.
 *
 * <p>A series is split into stacks as dcm2niix splits it: by image size and bit depth, by
 * orientation (localizers), by echo (number or time; not for CT), by pixel spacing and by
 * enhanced Stack ID. Acquisitions and time points stay together: repeated positions become the
 * time points of a 4D stack.
 *
 * <pre>{@code
 * Scan scan = SeriesScanner.scan(Path.of("study/"));
 * for (Series s : scan.series()) {
 *     for (Stack st : s.stacks()) {
 *         System.out.println(s.number() + " " + st.positions() + " slices " + st.warnings());
 *     }
 * }
 * }</pre>
 */
public final class SeriesScanner {
    private static final String MEDIA_STORAGE_DIRECTORY = "1.2.840.10008.1.3.10";
    private static final ReadOptions HEADER_ONLY = ReadOptions.defaults().withStopBeforePixelData(true);

    private SeriesScanner() {
    }

    /** Scans with one thread per core. */
    public static Scan scan(Path... paths) {
        return scan(List.of(paths), Runtime.getRuntime().availableProcessors());
    }

    /** Scans files and folders (walked recursively) with {@code threads} threads. */
    public static Scan scan(List<Path> paths, int threads) {
        List<Path> files = new ArrayList<>();
        Set<Path> seen = new LinkedHashSet<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                List<Path> found = new ArrayList<>();
                walk(p, found, 0);
                java.util.Collections.sort(found);
                for (Path f : found) {
                    addFile(f, files, seen);
                }
            } else if (Files.isRegularFile(p)) {
                addFile(p, files, seen);
            } else {
                throw new DicomException("no such file or directory: " + p);
            }
        }
        List<SliceHeader> headers = new ArrayList<>();
        List<Scan.Problem> problems = new ArrayList<>();
        int[] counts = new int[2]; // files read, files without image
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, files.size())), r -> {
            Thread t = new Thread(r, "hounsfield-scan");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Path> round = files;
            while (!round.isEmpty()) {
                List<Future<Result>> futures = new ArrayList<>();
                for (Path f : round) {
                    futures.add(pool.submit(() -> read(f)));
                }
                List<Path> next = new ArrayList<>();
                for (int i = 0; i < round.size(); i++) {
                    Result r;
                    try {
                        r = futures.get(i).get();
                    } catch (ExecutionException e) {
                        Throwable c = e.getCause();
                        problems.add(new Scan.Problem(round.get(i), c instanceof DicomException ? c.getMessage() : c.toString()));
                        continue;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new DicomException("scan interrupted");
                    }
                    if (r == null) {
                        continue; // not DICOM
                    }
                    counts[0]++;
                    if (r.headers.isEmpty()) {
                        counts[1]++;
                    }
                    headers.addAll(r.headers);
                    for (Path ref : r.referenced) {
                        if (!Files.isRegularFile(ref)) {
                            problems.add(new Scan.Problem(ref, "referenced by " + round.get(i).getFileName() + " but missing"));
                        } else {
                            addFile(ref, next, seen);
                        }
                    }
                }
                round = next;
            }
        } finally {
            pool.shutdownNow();
        }
        return new Scan(group(headers), counts[0], counts[1], problems);
    }

    /**
     * The regular files under {@code dir} (symbolic links to files included, links to folders not
     * followed, names starting with "." skipped), as Files.walk would list them; plain loops, as a
     * stream pipeline costs a cold JVM about 10 ms to set up.
     */
    private static void walk(Path dir, List<Path> out, int depth) {
        if (depth > 64) {
            throw new DicomException("folders nested deeper than 64 levels under " + dir);
        }
        try (java.nio.file.DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path f : ds) {
                if (Files.isDirectory(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    walk(f, out, depth + 1);
                } else if (Files.isRegularFile(f) && !f.getFileName().toString().startsWith(".")) {
                    out.add(f);
                }
            }
        } catch (IOException | java.nio.file.DirectoryIteratorException e) {
            throw new DicomIOException("cannot list " + dir, e instanceof IOException io ? io : ((java.nio.file.DirectoryIteratorException) e).getCause());
        }
    }

    private static void addFile(Path f, List<Path> files, Set<Path> seen) {
        Path key = f.toAbsolutePath().normalize();
        if (seen.add(key)) {
            files.add(f);
        }
    }

    private record Result(List<SliceHeader> headers, List<Path> referenced) {
    }

    private static Result read(Path f) {
        String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!(name.endsWith(".dcm") || name.endsWith(".dicom") || name.equals("dicomdir")) && !DicomReader.looksLikeDicom(f)) {
            return null;
        }
        Dataset ds = DicomReader.read(f, HEADER_ONLY);
        Dataset meta = ds.fileMeta();
        String sopClass = meta != null && meta.getString(Tag.MediaStorageSOPClassUID) != null
                ? meta.getString(Tag.MediaStorageSOPClassUID).trim() : SliceHeader.str(ds, Tag.SOPClassUID);
        if (MEDIA_STORAGE_DIRECTORY.equals(sopClass) || ds.contains(Tag.DirectoryRecordSequence)) {
            return new Result(List.of(), dicomdirFiles(ds, f));
        }
        return new Result(SliceHeader.of(ds, f), List.of());
    }

    /** Files referenced by the records of a DICOMDIR (Referenced File ID, relative to its folder). */
    static List<Path> dicomdirFiles(Dataset ds, Path dicomdir) {
        Sequence records = ds.getSequence(Tag.DirectoryRecordSequence);
        List<Path> out = new ArrayList<>();
        if (records == null) {
            return out;
        }
        Path base = dicomdir.toAbsolutePath().getParent();
        for (Dataset rec : records) {
            if (!rec.contains(Tag.ReferencedFileID)) {
                continue;
            }
            List<String> parts = rec.get(Tag.ReferencedFileID).strings();
            Path p = base;
            boolean ok = !parts.isEmpty();
            for (String part : parts) {
                String s = part.trim();
                if (s.isEmpty() || s.equals("..") || s.equals(".") || s.contains("/") || s.contains("\\")) {
                    ok = false; // never leave the DICOMDIR's folder
                    break;
                }
                p = p.resolve(s);
            }
            if (ok) {
                out.add(p);
            }
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------
    // grouping

    static List<Patient> group(List<SliceHeader> headers) {
        Map<String, Map<String, Map<String, List<SliceHeader>>>> tree = new LinkedHashMap<>();
        for (SliceHeader h : headers) {
            String pk = h.patientId() + "\u0000" + h.patientName();
            String sk = h.studyUid();
            String rk = h.seriesUid().isEmpty() ? "#" + h.seriesNumber() + " " + h.seriesDescription() : h.seriesUid();
            tree.computeIfAbsent(pk, k -> new LinkedHashMap<>()).computeIfAbsent(sk, k -> new LinkedHashMap<>())
                    .computeIfAbsent(rk, k -> new ArrayList<>()).add(h);
        }
        List<Patient> patients = new ArrayList<>();
        for (Map<String, Map<String, List<SliceHeader>>> studies : tree.values()) {
            List<Study> studyList = new ArrayList<>();
            SliceHeader anyPatient = null;
            for (Map.Entry<String, Map<String, List<SliceHeader>>> st : studies.entrySet()) {
                List<Series> seriesList = new ArrayList<>();
                SliceHeader anyStudy = null;
                for (Map.Entry<String, List<SliceHeader>> se : st.getValue().entrySet()) {
                    seriesList.add(new Series(se.getKey(), split(se.getValue())));
                    anyStudy = se.getValue().get(0);
                }
                seriesList.sort(Comparator.comparingInt(Series::number).thenComparing(Series::uid));
                studyList.add(new Study(st.getKey(), anyStudy.studyDate(), anyStudy.studyDescription(), seriesList));
                anyPatient = anyStudy;
            }
            studyList.sort(Comparator.comparing(Study::date).thenComparing(Study::uid));
            patients.add(new Patient(anyPatient.patientId(), anyPatient.patientName(), studyList));
        }
        return patients;
    }

    /** What must be equal for two images to share a stack. */
    private record StackKey(int rows, int cols, int bits, int samples, double[] orientation, double[] spacing,
                            int echo, double echoTime, String stackId) {
        boolean matches(StackKey o) {
            return rows == o.rows && cols == o.cols && bits == o.bits && samples == o.samples && echo == o.echo
                    && (Double.isNaN(echoTime) ? Double.isNaN(o.echoTime) : Math.abs(echoTime - o.echoTime) < 1e-4)
                    && stackId.equals(o.stackId) && Vec.near(orientation, o.orientation, 1e-4) && Vec.near(spacing, o.spacing, 1e-4);
        }
    }

    private static StackKey key(SliceHeader h) {
        boolean geo = h.hasGeometry();
        // CT: dcm2niix stacks exposures together; echoes are an MR notion
        boolean ct = "CT".equalsIgnoreCase(h.modality());
        return new StackKey(h.rows(), h.columns(), h.bitsAllocated(), h.samplesPerPixel(), geo ? h.orientation() : null,
                geo ? h.pixelSpacing() : null, ct ? 0 : h.echoNumber(), ct ? Double.NaN : h.echoTime(), h.stackId());
    }

    static List<Stack> split(List<SliceHeader> series) {
        List<StackKey> keys = new ArrayList<>();
        List<List<SliceHeader>> groups = new ArrayList<>();
        for (SliceHeader h : series) {
            StackKey k = key(h);
            int found = -1;
            for (int i = 0; i < keys.size(); i++) {
                if (keys.get(i).matches(k)) {
                    found = i;
                    break;
                }
            }
            if (found < 0) {
                keys.add(k);
                groups.add(new ArrayList<>());
                found = keys.size() - 1;
            }
            groups.get(found).add(h);
        }
        List<Stack> out = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            out.add(new Stack(groups.get(i), groups.size() == 1 ? "" : label(keys, i)));
        }
        return out;
    }

    private static String label(List<StackKey> keys, int i) {
        StackKey k = keys.get(i);
        List<String> parts = new ArrayList<>();
        if (keys.stream().anyMatch(o -> o.rows != k.rows || o.cols != k.cols || o.bits != k.bits || o.samples != k.samples)) {
            parts.add(k.cols + "x" + k.rows + (k.samples > 1 ? "x" + k.samples : "") + " " + k.bits + "-bit");
        }
        if (keys.stream().anyMatch(o -> !Vec.near(o.orientation, k.orientation, 1e-4))) {
            parts.add(k.orientation == null ? "no orientation" : "orientation " + orientationText(k.orientation));
        }
        if (keys.stream().anyMatch(o -> o.echo != k.echo || !Objects.equals(o.echoTime, k.echoTime))) {
            parts.add("echo " + k.echo + (Double.isNaN(k.echoTime) ? "" : " (TE " + Stack.fmt(k.echoTime) + ")"));
        }
        if (keys.stream().anyMatch(o -> !Vec.near(o.spacing, k.spacing, 1e-4))) {
            parts.add(k.spacing == null ? "no pixel spacing" : "pixel spacing " + Stack.fmt(k.spacing[0]) + "\\" + Stack.fmt(k.spacing[1]));
        }
        if (keys.stream().anyMatch(o -> !o.stackId.equals(k.stackId))) {
            parts.add("stack ID " + k.stackId);
        }
        return String.join(", ", parts);
    }

    private static String orientationText(double[] o) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            sb.append(i == 0 ? "" : "\\").append(Stack.fmt(o[i] == 0 ? 0 : o[i]));
        }
        return sb.toString();
    }
}
