package org.hounsfield.deid;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.hounsfield.core.DicomIOException;
import org.hounsfield.core.DicomValueException;

/**
 * The user's table of replacement patient identities: original Patient ID to new Patient ID and
 * new Patient's Name.
 *
 * <p>CSV, UTF-8, one patient a line: {@code original_patient_id,new_patient_id[,new_patient_name]}.
 * A first line whose first field starts with "original" is a header. Fields may be quoted with
 * double quotes (a doubled quote inside stands for one); when the name is missing the new ID is
 * used as the name.
 *
 * <pre>{@code
 * PatientMapping m = PatientMapping.readCsv(Path.of("mapping.csv"));
 * m.lookup("HF-PHANTOM-1");     // Entry[newId=SUBJ-001, newName=Subject^001]
 * }</pre>
 */
public final class PatientMapping {

    /** One replacement identity. */
    public record Entry(String newId, String newName) {
    }

    private final Map<String, Entry> byOriginalId;

    private PatientMapping(Map<String, Entry> map) {
        this.byOriginalId = Collections.unmodifiableMap(map);
    }

    /** A mapping from an in-memory table (original ID to entry). */
    public static PatientMapping of(Map<String, Entry> map) {
        return new PatientMapping(new HashMap<>(map));
    }

    /** Reads the CSV file; throws {@link DicomValueException} naming the line of a bad row. */
    public static PatientMapping readCsv(Path csv) {
        List<String> lines;
        try {
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DicomIOException("cannot read mapping " + csv, e);
        }
        Map<String, Entry> map = new HashMap<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            if (n == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> f = split(line, csv, n + 1);
            if (n == 0 && f.get(0).trim().toLowerCase(Locale.ROOT).startsWith("original")) {
                continue;
            }
            if (f.size() < 2 || f.get(0).trim().isEmpty() || f.get(1).trim().isEmpty()) {
                throw new DicomValueException(csv + ":" + (n + 1) + ": expected original_patient_id,new_patient_id[,new_patient_name]");
            }
            String id = f.get(1).trim();
            String name = f.size() > 2 && !f.get(2).trim().isEmpty() ? f.get(2).trim() : id;
            if (id.length() > 64 || name.length() > 64) {
                throw new DicomValueException(csv + ":" + (n + 1) + ": new ID and name must have at most 64 characters");
            }
            if (map.put(f.get(0).trim(), new Entry(id, name)) != null) {
                throw new DicomValueException(csv + ":" + (n + 1) + ": patient '" + f.get(0).trim() + "' is listed twice");
            }
        }
        return new PatientMapping(map);
    }

    private static List<String> split(String line, Path csv, int lineNo) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (quoted) {
            throw new DicomValueException(csv + ":" + lineNo + ": unterminated quote");
        }
        out.add(cur.toString());
        return out;
    }

    /** The entry for an original Patient ID (trimmed), or null. */
    public Entry lookup(String originalId) {
        return originalId == null ? null : byOriginalId.get(originalId.trim());
    }

    public int size() {
        return byOriginalId.size();
    }
}
