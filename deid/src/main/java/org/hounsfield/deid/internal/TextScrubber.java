package org.hounsfield.deid.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The "C" (clean) action for free text: removes from a description or comment every identifying
 * value the instance itself holds (names and their components, IDs, accession and other numbers,
 * institution and station names, dates in the usual spellings) and the patterns PS3.15 E.3.5
 * gives as examples ("Dr. Smith", "55F", dates). What remains keeps its meaning ("CT chest
 * abdomen pelvis").
 *
 * <pre>{@code
 * TextScrubber s = new TextScrubber();
 * s.addName("Doe^Jane");
 * s.addToken("HF0001");
 * s.scrub("CT chest abdomen pelvis - 55F Dr. Smith, Jane Doe HF0001");   // "CT chest abdomen pelvis"
 * }</pre>
 */
public final class TextScrubber {
    private static final int MIN_TOKEN = 3;

    private static final Pattern DOCTOR = Pattern.compile("(?u)\\b(?i:dr|prof)\\.?\\s+\\p{L}[\\p{L}'-]*(?:\\s+\\p{Lu}[\\p{L}'-]*)?");
    private static final Pattern AGE_SEX = Pattern.compile("(?iu)\\b\\d{1,3}\\s*(?:y|yo|yr|yrs|years?|m|f|w|mo|months?)\\b(?:\\s*(?:old|m|f|w|male|female))?");
    private static final Pattern DATES = Pattern.compile(
            "\\b(?:\\d{4}[-./]\\d{1,2}[-./]\\d{1,2}|\\d{1,2}[-./]\\d{1,2}[-./]\\d{2,4}|(?:19|20)\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01]))\\b");
    private static final Pattern LONG_NUMBERS = Pattern.compile("\\b\\d{5,}\\b");

    private final Set<String> tokens = new LinkedHashSet<>();
    private List<Pattern> compiled;

    /** Adds a value to remove wherever it appears (case-insensitive); short values are ignored. */
    public void addToken(String value) {
        if (value == null) {
            return;
        }
        String v = value.trim();
        if (v.length() >= MIN_TOKEN && !v.chars().allMatch(c -> c == '0' || c == ' ')) {
            tokens.add(v);
            compiled = null;
        }
        for (String part : v.split("\\\\")) {
            String p = part.trim();
            if (p.length() >= MIN_TOKEN && !p.equals(v)) {
                tokens.add(p);
                compiled = null;
            }
        }
    }

    /** Adds a person name (PN): the whole value and each component of each group. */
    public void addName(String pn) {
        if (pn == null) {
            return;
        }
        for (String group : pn.split("[=\\\\]")) {
            addToken(group.replace('^', ' ').trim());
            for (String comp : group.split("\\^")) {
                addToken(comp);
                for (String word : comp.split("[\\s,]+")) {
                    addToken(word);
                }
            }
        }
    }

    /** Adds a DA value in the spellings people type: 20151124, 2015-11-24, 24.11.2015, 11/24/2015, 24/11/2015. */
    public void addDate(String da) {
        if (da == null) {
            return;
        }
        String d = da.trim();
        if (d.length() != 8 || !d.chars().allMatch(Character::isDigit)) {
            return;
        }
        String y = d.substring(0, 4);
        String m = d.substring(4, 6);
        String dd = d.substring(6, 8);
        addToken(d);
        addToken(y + "-" + m + "-" + dd);
        addToken(y + "." + m + "." + dd);
        addToken(y + "/" + m + "/" + dd);
        addToken(dd + "." + m + "." + y);
        addToken(dd + "/" + m + "/" + y);
        addToken(m + "/" + dd + "/" + y);
        addToken(dd + "-" + m + "-" + y);
    }

    /** The text with every identifying token and pattern removed, whitespace tidied. */
    public String scrub(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String s = DOCTOR.matcher(text).replaceAll(" ");
        s = DATES.matcher(s).replaceAll(" ");
        s = AGE_SEX.matcher(s).replaceAll(" ");
        for (Pattern p : patterns()) {
            s = p.matcher(s).replaceAll(" ");
        }
        s = LONG_NUMBERS.matcher(s).replaceAll(" ");
        // tidy: collapse blanks, drop separators left dangling at the ends
        s = s.replaceAll("[ \\t]{2,}", " ").replaceAll("(?m)^[\\s,;:/-]+|[\\s,;:/-]+$", "");
        return s.trim();
    }

    /** Whether nothing identifying was collected (then only the patterns apply). */
    public boolean isEmpty() {
        return tokens.isEmpty();
    }

    private List<Pattern> patterns() {
        List<Pattern> c = compiled;
        if (c == null) {
            List<String> sorted = new ArrayList<>(tokens);
            sorted.sort(Comparator.comparingInt(String::length).reversed());
            c = new ArrayList<>();
            // one alternation per 200 tokens keeps the regex small
            for (int i = 0; i < sorted.size(); i += 200) {
                StringBuilder sb = new StringBuilder("(?iu)");
                for (int k = i; k < Math.min(sorted.size(), i + 200); k++) {
                    if (k > i) {
                        sb.append('|');
                    }
                    sb.append(Pattern.quote(sorted.get(k)));
                }
                c.add(Pattern.compile(sb.toString()));
            }
            compiled = c;
        }
        return c;
    }
}
