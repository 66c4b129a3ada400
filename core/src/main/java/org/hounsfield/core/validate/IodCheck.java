package org.hounsfield.core.validate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hounsfield.core.Dataset;
import org.hounsfield.core.Element;
import org.hounsfield.core.Tag;

/**
 * Checks a data set against the Type 1 and Type 2 attributes of its IOD (PS3.3): what must be
 * present (Type 1 and 2) and what must not be empty (Type 1).
 *
 * <pre>{@code
 * for (String p : IodCheck.problems(ds)) System.out.println(p);
 * // missing Type 1 attribute (0008,0060) Modality (module General Series)
 * }</pre>
 *
 * <p>The IOD is found from SOP Class UID (0008,0016), or the file meta's Media Storage SOP Class
 * UID. Checked: the top-level attributes of the IOD's mandatory (M) modules, including macros
 * included at the top level. Not checked: conditional (C) and user-option (U) modules, Type 1C
 * and 2C attributes (their conditions are prose), sequence contents, and modules newer than
 * the PS3.3 2008 module tables the attribute lists come from (see
 * {@code tools/codegen/generate_iod_requirements.py}). A SOP class without a table is not
 * checked (no finding).
 */
public final class IodCheck {

    private static final String RESOURCE = "/org/hounsfield/core/dict/iod-requirements.tsv";

    private record Requirement(String module, int tag, boolean type1, String name) {
    }

    private IodCheck() {
    }

    /** Missing Type 1 and 2 attributes and empty Type 1 attributes, one message each; empty when none. */
    public static List<String> problems(Dataset ds) {
        String sopClass = ds.getString(Tag.SOPClassUID);
        if ((sopClass == null || sopClass.isBlank()) && ds.fileMeta() != null) {
            sopClass = ds.fileMeta().getString(Tag.MediaStorageSOPClassUID);
        }
        if (sopClass == null) {
            return List.of();
        }
        List<Requirement> reqs = Table.BY_SOP_CLASS.get(sopClass.trim());
        if (reqs == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Requirement r : reqs) {
            String what = Tag.toString(r.tag) + " " + r.name + " (module " + r.module + ")";
            Element e = ds.get(r.tag);
            if (e == null) {
                out.add("missing Type " + (r.type1 ? "1" : "2") + " attribute " + what);
            } else if (r.type1 && empty(e)) {
                out.add("Type 1 attribute " + what + " is empty");
            }
        }
        return out;
    }

    /** The SOP Class UIDs that have a table (for tests and listings). */
    public static Set<String> sopClasses() {
        return Table.BY_SOP_CLASS.keySet();
    }

    private static boolean empty(Element e) {
        try {
            return e.isEmpty();
        } catch (RuntimeException ex) {
            return false; // an undecodable value is not empty; validate() reports it
        }
    }

    /** Loaded once, on first use (holder idiom). */
    private static final class Table {
        static final Map<String, List<Requirement>> BY_SOP_CLASS = load();

        private static Map<String, List<Requirement>> load() {
            Map<String, List<Requirement>> modules = new HashMap<>();
            Map<String, List<Requirement>> sops = new HashMap<>();
            try (InputStream in = IodCheck.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + RESOURCE);
                }
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.isEmpty() || line.startsWith("#")) {
                        continue;
                    }
                    String[] f = line.split("\t", -1);
                    if (f[0].equals("M") && f.length == 6) {
                        modules.computeIfAbsent(f[1], k -> new ArrayList<>())
                                .add(new Requirement(f[2], (int) Long.parseLong(f[3], 16), f[4].equals("1"), f[5]));
                    } else if (f[0].equals("S") && f.length == 3) {
                        // an attribute in two modules of one IOD is checked once: the first module
                        // that makes it Type 1, else the first one
                        Map<Integer, Requirement> reqs = new LinkedHashMap<>();
                        for (String m : f[2].split(",")) {
                            for (Requirement q : modules.getOrDefault(m, List.of())) {
                                Requirement had = reqs.get(q.tag);
                                if (had == null || (q.type1 && !had.type1)) {
                                    reqs.put(q.tag, q);
                                }
                            }
                        }
                        sops.put(f[1], List.copyOf(reqs.values()));
                    } else {
                        throw new IllegalStateException("bad row in " + RESOURCE + ": " + line);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.copyOf(sops);
        }
    }
}
