package org.hounsfield.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.hounsfield.core.io.DicomReader;

/**
 * The PATH arguments of a command: files as given, directories walked recursively in sorted
 * order; in directories, files that do not look like DICOM are skipped with a note.
 */
final class Inputs {

    /** One input file and the path it is reported under (relative to its PATH argument). */
    record Input(Path file, String relative) {
    }

    private Inputs() {
    }

    static List<Input> expand(List<Path> paths, PrintWriter err) {
        List<Input> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                List<Path> files;
                try (Stream<Path> s = Files.walk(p)) {
                    files = s.filter(Files::isRegularFile).sorted().toList();
                } catch (IOException e) {
                    err.println("ERROR  " + p + ": cannot list directory: " + e.getMessage());
                    continue;
                }
                for (Path f : files) {
                    if (candidate(f)) {
                        out.add(new Input(f, p.relativize(f).toString()));
                    } else {
                        err.println("skipped  " + p.relativize(f) + ": not DICOM");
                    }
                }
            } else {
                out.add(new Input(p, p.getFileName() == null ? p.toString() : p.getFileName().toString()));
            }
        }
        return out;
    }

    /** Files named *.dcm / *.dicom / DICOMDIR are always tried; others when their first bytes look like DICOM. */
    private static boolean candidate(Path f) {
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".dcm") || n.endsWith(".dicom") || n.equals("dicomdir")) {
            return true;
        }
        return DicomReader.looksLikeDicom(f);
    }
}
