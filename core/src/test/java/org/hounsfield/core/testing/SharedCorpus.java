package org.hounsfield.core.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The shared corpus ({@code ../shared/corpus}, or the system property {@code hounsfield.shared}).
 * Tests read files in place, never copy them. When the folder is missing, tests fail under
 * {@code CI=true} and are skipped with a message otherwise.
 */
public final class SharedCorpus {
    private SharedCorpus() {
    }

    /** The shared folder (holding corpus/, conformance/, dicom-standard/). */
    public static Path shared() {
        String prop = System.getProperty("hounsfield.shared");
        Path p = prop != null ? Path.of(prop) : Path.of("..", "..", "shared");
        if (!Files.isDirectory(p.resolve("corpus"))) {
            Path alt = Path.of("..", "shared");
            if (Files.isDirectory(alt.resolve("corpus"))) {
                p = alt;
            }
        }
        if (!Files.isDirectory(p.resolve("corpus"))) {
            String msg = "shared corpus not found at " + p.toAbsolutePath().normalize()
                    + " (set -Dhounsfield.shared=DIR); these tests need ../shared";
            if ("true".equals(System.getenv("CI"))) {
                fail(msg);
            }
            abort(msg);
        }
        return p.toAbsolutePath().normalize();
    }

    public static Path corpus() {
        return shared().resolve("corpus");
    }

    /** One MANIFEST.tsv row: column name to value. */
    public record Entry(String path, Map<String, String> columns) {
        public Path file() {
            return corpus().resolve(path);
        }

        public String get(String column) {
            return columns.getOrDefault(column, "");
        }

        public boolean malformed() {
            return path.startsWith("malformed/");
        }

        @Override
        public String toString() {
            return path;
        }
    }

    /** Every MANIFEST.tsv row, in file order. */
    public static List<Entry> manifest() {
        Path m = corpus().resolve("MANIFEST.tsv");
        List<String> lines;
        try {
            lines = Files.readAllLines(m, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + m, e);
        }
        String[] head = lines.get(0).split("\t", -1);
        List<Entry> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            Map<String, String> cols = new TreeMap<>();
            for (int i = 0; i < head.length && i < f.length; i++) {
                cols.put(head[i], f[i]);
            }
            out.add(new Entry(f[0], cols));
        }
        return out;
    }

    /** Rows outside malformed/. */
    public static List<Entry> wellFormed() {
        return manifest().stream().filter(e -> !e.malformed()).toList();
    }

    public static List<Entry> malformed() {
        return manifest().stream().filter(Entry::malformed).toList();
    }

    /** The reference JSON text of a corpus file. */
    public static String referenceJson(Entry e) {
        try {
            return Files.readString(corpus().resolve("reference").resolve(e.path() + ".json"));
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** {@code top_level_element_count} from the reference JSON, or -1. */
    public static int referenceElementCount(Entry e) {
        String j = referenceJson(e);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"top_level_element_count\":\\s*(\\d+)").matcher(j);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }
}
