package org.hounsfield.deid;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hounsfield.core.Dataset;
import org.hounsfield.core.DicomException;
import org.hounsfield.core.Element;
import org.hounsfield.core.Sequence;
import org.hounsfield.core.Tag;
import org.hounsfield.core.VR;
import org.hounsfield.core.dict.UidRegistry;
import org.hounsfield.core.io.DicomReader;
import org.hounsfield.core.io.DicomWriter;
import org.hounsfield.core.io.WriteOptions;
import org.hounsfield.core.testing.SharedCorpus;
import org.junit.jupiter.api.Test;

/**
 * The same UID in gives the same UID out, across the files of the corpus and across two runs
 * (two de-identifiers built from the same secret), at every depth; references to instances of
 * the same run point to those instances' new SOP Instance UIDs. Files of both runs are byte-identical.
 */
class UidConsistencyCorpusTest {

    private static final byte[] SECRET = "uid consistency test secret.....".getBytes(StandardCharsets.US_ASCII);

    /** UI values by path ("(0008,1140)[0](0008,1155)"), registry UIDs left out. */
    private static void uids(Dataset ds, String prefix, Map<String, String> out) {
        for (Element e : ds) {
            String p = prefix + Tag.toString(e.tag());
            if (e.rawValue() instanceof Sequence s) {
                for (int i = 0; i < s.size(); i++) {
                    uids(s.get(i), p + "[" + i + "]", out);
                }
            } else if (e.vr() == VR.UI && !e.isEmpty()) {
                String v = e.string();
                if (UidRegistry.lookup(v) == null) {
                    out.put(p, v);
                }
            }
        }
    }

    @Test
    void sameUidSameReplacementEverywhereAndReferencesFollow() {
        Deidentifier run1 = Deidentifier.builder().secret(SECRET).acceptBurnedIn(true).build();
        Deidentifier run2 = Deidentifier.builder().secret(SECRET).acceptBurnedIn(true).build();
        Map<String, String> mapping = new HashMap<>(); // original -> new, over all files
        Map<String, String> reverse = new HashMap<>();
        Map<String, String> newSopOf = new LinkedHashMap<>(); // original SOP Instance UID -> new
        List<Map<String, String>> originalsPerFile = new ArrayList<>();
        List<Map<String, String>> outputsPerFile = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int files = 0;
        int pairs = 0;
        for (SharedCorpus.Entry entry : SharedCorpus.wellFormed()) {
            Dataset a;
            Dataset b;
            try {
                a = DicomReader.read(entry.file());
                b = DicomReader.read(entry.file());
            } catch (DicomException e) {
                continue;
            }
            Map<String, String> before = new HashMap<>();
            uids(a, "", before);
            try {
                run1.deidentify(a);
                run2.deidentify(b);
            } catch (DeidentificationRefusedException e) {
                continue; // DICOMDIR
            }
            files++;
            Map<String, String> after1 = new HashMap<>();
            Map<String, String> after2 = new HashMap<>();
            uids(a, "", after1);
            uids(b, "", after2);
            if (!after1.equals(after2)) {
                problems.add(entry.path() + ": the second run gives other UIDs");
            }
            byte[] f1 = DicomWriter.toBytes(a, WriteOptions.defaults());
            byte[] f2 = DicomWriter.toBytes(b, WriteOptions.defaults());
            if (!java.util.Arrays.equals(f1, f2)) {
                problems.add(entry.path() + ": the second run gives another file");
            }
            for (Map.Entry<String, String> e : before.entrySet()) {
                String out = after1.get(e.getKey());
                if (out == null) {
                    continue; // removed (X)
                }
                for (int i = 0; i < e.getValue().split("\\\\").length; i++) {
                    String o = e.getValue().split("\\\\")[i].trim();
                    String n = out.split("\\\\")[i].trim();
                    if (o.isEmpty() || o.equals(n)) {
                        continue; // kept (class UIDs, registry UIDs)
                    }
                    pairs++;
                    String prev = mapping.putIfAbsent(o, n);
                    if (prev != null && !prev.equals(n)) {
                        problems.add(entry.path() + " " + e.getKey() + ": " + o + " became " + n + " here and " + prev + " elsewhere");
                    }
                    String prevOrig = reverse.putIfAbsent(n, o);
                    if (prevOrig != null && !prevOrig.equals(o)) {
                        problems.add(entry.path() + ": two originals became " + n);
                    }
                }
            }
            String sop = before.get(Tag.toString(Tag.SOPInstanceUID));
            if (sop != null) {
                newSopOf.put(sop, a.getString(Tag.SOPInstanceUID));
            }
            originalsPerFile.add(before);
            outputsPerFile.add(after1);
        }
        // references (any attribute at any depth) to an instance of this run hold that instance's new SOP Instance UID
        int references = 0;
        for (int f = 0; f < originalsPerFile.size(); f++) {
            for (Map.Entry<String, String> e : originalsPerFile.get(f).entrySet()) {
                if (e.getKey().equals(Tag.toString(Tag.SOPInstanceUID)) || !newSopOf.containsKey(e.getValue())) {
                    continue;
                }
                String out = outputsPerFile.get(f).get(e.getKey());
                if (out == null) {
                    continue;
                }
                references++;
                if (!out.equals(newSopOf.get(e.getValue()))) {
                    problems.add("reference " + e.getKey() + " to " + e.getValue() + " holds " + out);
                }
            }
        }
        System.out.printf("UID consistency: %d files, %d UID values replaced (%d distinct originals), %d references to instances"
                + " of the same run, %d problems%n", files, pairs, mapping.size(), references, problems.size());
        problems.stream().limit(20).forEach(System.out::println);
        assertThat(problems).isEmpty();
        assertThat(files).isGreaterThan(250);
        assertThat(mapping.size()).isGreaterThan(500);
        assertThat(references).isGreaterThan(0);
    }
}
