package org.hounsfield.imaging.series;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.hounsfield.core.DicomException;

/**
 * The result of {@link SeriesScanner#scan}: patients, studies, series and stacks, and the files
 * that could not be used.
 *
 * <pre>{@code
 * Scan scan = SeriesScanner.scan(Path.of("dicom/"));
 * for (Series s : scan.series()) { ... }
 * Series ct = scan.findSeries("1.2.3.4");        // by UID, Series Number or unique UID prefix
 * }</pre>
 *
 * @param patients  in order of first appearance (files sorted by path)
 * @param files     DICOM files read
 * @param nonImage  DICOM files without an image (DICOMDIR, SR, ...)
 * @param problems  files that could not be read: path and reason
 */
public record Scan(List<Patient> patients, int files, int nonImage, List<Problem> problems) {

    /** A file that could not be read. */
    public record Problem(Path file, String message) {
    }

    public Scan {
        patients = List.copyOf(patients);
        problems = List.copyOf(problems);
    }

    /** Every series, patient by patient, study by study. */
    public List<Series> series() {
        List<Series> out = new ArrayList<>();
        for (Patient p : patients) {
            for (Study st : p.studies()) {
                out.addAll(st.series());
            }
        }
        return out;
    }

    /** Every stack of every series. */
    public List<Stack> stacks() {
        List<Stack> out = new ArrayList<>();
        for (Series s : series()) {
            out.addAll(s.stacks());
        }
        return out;
    }

    /**
     * The series with this Series Instance UID, else the only series with this Series Number,
     * else the only series whose UID starts with {@code key}; with a null key, the only series.
     *
     * @throws DicomException when none or several match
     */
    public Series findSeries(String key) {
        List<Series> all = series();
        if (key == null) {
            if (all.size() == 1) {
                return all.get(0);
            }
            throw new DicomException(all.isEmpty() ? "no image series found" : all.size() + " series found; choose one with --series (UID or number)");
        }
        for (Series s : all) {
            if (s.uid().equals(key)) {
                return s;
            }
        }
        List<Series> byNumber = all.stream().filter(s -> key.equals(Integer.toString(s.number()))).toList();
        if (byNumber.size() == 1) {
            return byNumber.get(0);
        }
        List<Series> byPrefix = all.stream().filter(s -> s.uid().startsWith(key)).toList();
        if (byPrefix.size() == 1) {
            return byPrefix.get(0);
        }
        throw new DicomException(byNumber.size() + byPrefix.size() > 1 ? "several series match '" + key + "'" : "no series '" + key + "'");
    }
}
