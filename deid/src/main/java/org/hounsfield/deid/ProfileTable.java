package org.hounsfield.deid;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hounsfield.core.Tag;

/**
 * PS3.15 Table E.1-1 (Application Level Confidentiality Profile Attributes, edition 2026d): the
 * action code of the Basic Profile and of each option for every listed attribute. Generated into
 * the resource {@code profile.tsv} by {@code tools/codegen/generate_deid_profile.py}.
 *
 * <pre>{@code
 * ProfileTable t = ProfileTable.standard();
 * ProfileTable.Rule r = t.rule(Tag.StudyDate);
 * r.basic();                                                   // "Z"
 * r.code(EnumSet.of(Option.RETAIN_LONGITUDINAL_MODIFIED_DATES)); // "C"
 * t.rule(0x60023000).name();                                   // "Overlay Data" (mask 60xx,3000)
 * }</pre>
 */
public final class ProfileTable {

    /**
     * One row of Table E.1-1.
     *
     * @param tag          8 hex digits, a mask with {@code x} ("60xx3000"), or "PRIVATE"
     * @param keyword      DICOM keyword (empty for masks and rows newer than the dictionary)
     * @param name         attribute name as in the table
     * @param inStdCompIod whether the attribute is used in a standard composite IOD
     * @param basic        Basic Profile code (D, Z, X, K, C, U, Z/D, X/Z, X/D, X/Z/D, X/Z/U*)
     * @param options      option code per option (K or C); options with an empty cell are absent
     */
    public record Rule(String tag, String keyword, String name, boolean inStdCompIod, String basic, Map<Option, String> options) {

        /**
         * The action code when {@code selected} options are used. "A requirement for an Option,
         * when implemented, overrides any requirement for the underlying Profile" (PS3.15 E.1.1):
         * any selected option with a code for this row replaces the Basic Profile code. When two
         * selected options disagree (only Retain Device Identity K versus Modified Dates C on
         * calibration dates in 2026d), the cleaning C wins, so no unmodified date remains next to
         * shifted ones.
         */
        public String code(Set<Option> selected) {
            String out = null;
            for (Option o : selected) {
                String c = options.get(o);
                if (c == null) {
                    continue;
                }
                if (out == null || (c.equals("C") && !out.equals("C"))) {
                    out = c;
                }
            }
            return out == null ? basic : out;
        }
    }

    private static volatile ProfileTable standard;

    private final Map<Integer, Rule> exact;
    private final Rule curves;
    private final Rule overlayData;
    private final Rule overlayComments;
    private final Rule privateRule;
    private final List<Rule> rules;

    private ProfileTable(List<Rule> rules) {
        Map<Integer, Rule> m = new HashMap<>(rules.size() * 2);
        Rule c = null;
        Rule od = null;
        Rule oc = null;
        Rule p = null;
        for (Rule r : rules) {
            switch (r.tag()) {
                case "PRIVATE" -> p = r;
                case "50xxxxxx" -> c = r;
                case "60xx3000" -> od = r;
                case "60xx4000" -> oc = r;
                default -> {
                    if (r.tag().indexOf('x') >= 0) {
                        throw new IllegalStateException("unexpected mask row " + r.tag() + " in profile.tsv");
                    }
                    m.put((int) Long.parseLong(r.tag(), 16), r);
                }
            }
        }
        if (c == null || od == null || oc == null || p == null) {
            throw new IllegalStateException("profile.tsv lacks a mask or the private-attributes row");
        }
        this.exact = m;
        this.curves = c;
        this.overlayData = od;
        this.overlayComments = oc;
        this.privateRule = p;
        this.rules = Collections.unmodifiableList(rules);
    }

    /** The table shipped with the library (PS3.15 2026d), loaded once. */
    public static ProfileTable standard() {
        ProfileTable t = standard;
        if (t == null) {
            synchronized (ProfileTable.class) {
                t = standard;
                if (t == null) {
                    try (InputStream in = ProfileTable.class.getResourceAsStream("profile.tsv")) {
                        if (in == null) {
                            throw new IllegalStateException("missing resource org/hounsfield/deid/profile.tsv");
                        }
                        t = parse(in);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    standard = t;
                }
            }
        }
        return t;
    }

    /** Reads a table in the generator's format (header line with the option columns). */
    public static ProfileTable parse(InputStream in) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        List<Rule> rules = new ArrayList<>(700);
        String[] header = null;
        String line;
        while ((line = r.readLine()) != null) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (header == null) {
                header = f;
                continue;
            }
            if (f.length != header.length) {
                throw new IllegalStateException("profile.tsv: " + f.length + " fields in '" + line + "'");
            }
            Map<Option, String> opts = new EnumMap<>(Option.class);
            for (int i = 5; i < header.length; i++) {
                if (!f[i].isEmpty()) {
                    opts.put(optionForColumn(header[i]), f[i]);
                }
            }
            rules.add(new Rule(f[0], f[1], f[2], f[3].equals("Y"), f[4], Collections.unmodifiableMap(opts)));
        }
        return new ProfileTable(rules);
    }

    private static Option optionForColumn(String column) {
        for (Option o : Option.values()) {
            if (column.equals(o.tableColumn())) {
                return o;
            }
        }
        throw new IllegalStateException("profile.tsv: unknown option column " + column);
    }

    /**
     * The rule for {@code tag}: an exact row, the curve mask (50xx,xxxx), the overlay masks
     * (60xx,3000) and (60xx,4000) for the even groups 5000-501E / 6000-601E, the private row for
     * odd groups, or null when the attribute is not listed (kept by the Basic Profile).
     */
    public Rule rule(int tag) {
        Rule r = exact.get(tag);
        if (r != null) {
            return r;
        }
        if (Tag.isPrivate(tag)) {
            return privateRule;
        }
        int group = tag >>> 16;
        if (isRepeatingGroup(group, 0x5000)) {
            return curves;
        }
        if (isRepeatingGroup(group, 0x6000)) {
            int element = tag & 0xFFFF;
            if (element == 0x3000) {
                return overlayData;
            }
            if (element == 0x4000) {
                return overlayComments;
            }
        }
        return null;
    }

    /** Whether {@code group} is one of the even groups base..base+0x1E (PS3.5 7.6). */
    public static boolean isRepeatingGroup(int group, int base) {
        return group >= base && group <= base + 0x1E && (group & 1) == 0;
    }

    /** The rule of the private-attributes row "(gggg,eeee) where gggg is odd". */
    public Rule privateRule() {
        return privateRule;
    }

    /** Every row, in the resource's order. */
    public List<Rule> rules() {
        return rules;
    }
}
