package org.hounsfield.core.dict;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.hounsfield.core.Tag;
import org.hounsfield.core.VR;

/**
 * The standard data dictionary (PS3.6 data elements, file meta and directory elements, PS3.7
 * command fields), including repeating groups such as Overlay Data {@code (60xx,3000)}.
 *
 * <pre>{@code
 * ElementDictionary.lookup(Tag.PatientName).vr();     // VR.PN
 * ElementDictionary.lookup(0x60023000).name();        // "Overlay Data"
 * ElementDictionary.tagOf("PatientID");               // 0x00100020
 * ElementDictionary.keywordOf(0x00100010);            // "PatientName"
 * ElementDictionary.nameOf(0x00290010);               // "Private Creator"
 * }</pre>
 *
 * <p>Lookup order, as in pydicom: exact rows, then repeating-group/element masks (the most
 * specific mask first; group masks such as {@code 50xx} and {@code 60xx} only match the even
 * groups 5000-501E and 6000-601E, {@code 7Fxx} only even groups), then the implicit Group Length
 * {@code (gggg,0000)} (VR UL) of any group (so, as in pydicom, (1000,0000) is Escape Triplet by
 * its mask {@code (1000,xxx0)}), then Private Creator elements (odd group, element
 * 0010-00FF, VR LO). Private data elements need their creator: see {@link PrivateDictionary}.
 *
 * <p>The table is read once from the class path on first use (thread-safe, lazy) and held in
 * sorted {@code int} arrays.
 */
public final class ElementDictionary {

    static final String RESOURCE_DIR = "/org/hounsfield/core/dict/";

    private ElementDictionary() {
    }

    /**
     * The definition of {@code tag}, or {@code null} when the dictionary does not know it
     * (e.g. a private data element). The returned entry's {@link DictionaryEntry#tag()} is
     * {@code tag} itself, also for repeating-group matches.
     */
    public static DictionaryEntry lookup(int tag) {
        Data d = Data.INSTANCE;
        int i = Arrays.binarySearch(d.tags, tag);
        if (i >= 0) {
            return d.entry(i);
        }
        DictionaryEntry masked = d.matchMask(tag);
        if (masked != null) {
            return masked;
        }
        if ((tag & 0xFFFF) == 0) {
            return new DictionaryEntry(tag, "Group Length", "", VR.UL, UL, "1", false);
        }
        if (Tag.isPrivateCreator(tag)) {
            return new DictionaryEntry(tag, "Private Creator", "", VR.LO, LO, "1", false);
        }
        return null;
    }

    /**
     * The tag for a standard keyword, or -1 if unknown. Repeating-group keywords give their
     * lowest instance that is not an element of its own ({@code "OverlayData"} gives
     * {@code 0x60003000}; {@code "RowsForNthOrderCoefficients"}, mask {@code (0028,04x0)}, gives
     * {@code 0x00280410} because (0028,0400) is Transform Label), the same value as the
     * {@link Tag} constant.
     */
    public static int tagOf(String keyword) {
        Integer tag = Data.INSTANCE.byKeyword().get(keyword);
        return tag == null ? -1 : tag;
    }

    /** The keyword of {@code tag}, or {@code ""} if unknown or without keyword. */
    public static String keywordOf(int tag) {
        DictionaryEntry e = lookup(tag);
        return e == null ? "" : e.keyword();
    }

    /** The name of {@code tag} ("Patient's Name"), or {@code ""} if unknown. */
    public static String nameOf(int tag) {
        DictionaryEntry e = lookup(tag);
        return e == null ? "" : e.name();
    }

    /** Number of rows in the dictionary: single elements plus repeating-group masks. */
    public static int size() {
        Data d = Data.INSTANCE;
        return d.tags.length + d.maskEntries.length;
    }

    private static final List<VR> UL = List.of(VR.UL);
    private static final List<VR> LO = List.of(VR.LO);

    /**
     * The tables, built by the class loader on first access (initialization-on-demand holder).
     * A cold JVM pays for every row it parses (a header scan of a few hundred files starts with
     * this table), so only the tags are parsed up front: the other fields of an exact row are
     * parsed when the row is first looked up, and the keyword index when a keyword is first
     * asked for.
     */
    private static final class Data {
        static final Data INSTANCE = new Data();

        /** The resource as read (ASCII, UTF-8 at most in names). */
        private final byte[] text;
        final int[] tags;
        /** Where each exact row starts in {@link #text}. */
        private final int[] rowStart;
        /** Entries of exact rows, made on first lookup (immutable records: a race only repeats work). */
        private final DictionaryEntry[] entries;
        /** Repeating rows: tag & maskMasks[i] == maskValues[i], plus the group rule. */
        final int[] maskValues;
        final int[] maskMasks;
        final int[] maskMaxGroupLow;
        final DictionaryEntry[] maskEntries;
        private volatile Map<String, Integer> byKeyword;

        private Data() {
            text = readAll("elements.tsv");
            // columns: tag, vr, vm, retired, keyword, name; '#' comment lines, then a header line
            int n = 0;
            int[] exactTags = new int[6000];
            int[] exactStart = new int[6000];
            List<String[]> maskRows = new ArrayList<>(100);
            boolean header = true;
            boolean sorted = true;
            int pos = 0;
            while (pos < text.length) {
                int eol = pos;
                while (eol < text.length && text[eol] != '\n') {
                    eol++;
                }
                if (eol > pos && text[pos] != '#') {
                    if (header) {
                        header = false;
                    } else if (eol - pos < 9 || text[pos + 8] != '\t') {
                        throw new IllegalStateException("Malformed row in elements.tsv at byte ".concat(Integer.toString(pos)));
                    } else if (isMask(text, pos)) {
                        maskRows.add(fields(pos));
                    } else {
                        int tag = parseTag(text, pos);
                        if (n == exactTags.length) {
                            exactTags = Arrays.copyOf(exactTags, n * 2);
                            exactStart = Arrays.copyOf(exactStart, n * 2);
                        }
                        if (n > 0 && Integer.compareUnsigned(exactTags[n - 1], tag) >= 0) {
                            sorted = false;
                        }
                        exactTags[n] = tag;
                        exactStart[n++] = pos;
                    }
                }
                pos = eol + 1;
            }
            // lookups binary-search the tags as signed ints; the generator writes rows in hex
            // (unsigned) order, so the rows of groups 8000-FFFF (items, delimiters) move to the front
            int neg = 0;
            while (neg < n && exactTags[neg] >= 0) {
                neg++;
            }
            if (sorted) {
                int[] t = new int[n];
                int[] r = new int[n];
                System.arraycopy(exactTags, neg, t, 0, n - neg);
                System.arraycopy(exactStart, neg, r, 0, n - neg);
                System.arraycopy(exactTags, 0, t, n - neg, neg);
                System.arraycopy(exactStart, 0, r, n - neg, neg);
                exactTags = t;
                exactStart = r;
            } else {
                // a hand-edited resource: sort (tag, row) pairs
                long[] pairs = new long[n];
                for (int i = 0; i < n; i++) {
                    pairs[i] = (long) exactTags[i] << 32 | (exactStart[i] & 0xFFFFFFFFL);
                }
                Arrays.sort(pairs);
                for (int i = 0; i < n; i++) {
                    exactTags[i] = (int) (pairs[i] >>> 32);
                    exactStart[i] = (int) pairs[i];
                }
            }
            tags = Arrays.copyOf(exactTags, n);
            rowStart = Arrays.copyOf(exactStart, n);
            entries = new DictionaryEntry[n];
            for (int i = 1; i < n; i++) {
                if (tags[i] == tags[i - 1]) {
                    throw new IllegalStateException("Duplicate tag in elements.tsv: ".concat(Tag.toString(tags[i])));
                }
            }
            // most specific masks (fewest wildcards) first; stable insertion sort of a few dozen rows
            int m = maskRows.size();
            for (int i = 1; i < m; i++) {
                for (int j = i; j > 0 && wildcards(maskRows.get(j)[0]) < wildcards(maskRows.get(j - 1)[0]); j--) {
                    maskRows.set(j, maskRows.set(j - 1, maskRows.get(j)));
                }
            }
            maskValues = new int[m];
            maskMasks = new int[m];
            maskMaxGroupLow = new int[m];
            maskEntries = new DictionaryEntry[m];
            for (int k = 0; k < m; k++) {
                String hex = maskRows.get(k)[0];
                maskMasks[k] = parseMask(hex);
                maskValues[k] = ElementDictionary.parseTag(hex);
                // PS3.5 7.6: 50xx and 60xx are the even groups 5000-501E and 6000-601E
                boolean curveOrOverlay = hex.startsWith("50xx") || hex.startsWith("60xx");
                maskMaxGroupLow[k] = curveOrOverlay ? 0x1E : 0xFF;
                // the entry of the lowest instance that is not an exact row: (0028,04x0) gives (0028,0410),
                // as (0028,0400) is Transform Label (same rule as the generator's Tag constants)
                maskEntries[k] = entry(maskRows.get(k), firstFreeInstance(maskValues[k], maskMasks[k], tags));
            }
        }

        /** The entry of exact row {@code i}. */
        DictionaryEntry entry(int i) {
            DictionaryEntry e = entries[i];
            if (e == null) {
                e = entry(fields(rowStart[i]), tags[i]);
                entries[i] = e;
            }
            return e;
        }

        private static DictionaryEntry entry(String[] f, int tag) {
            List<VR> vrs = DictionaryEntry.parseVrs(f[1]);
            return new DictionaryEntry(tag, f[5], f[4], vrs.isEmpty() ? null : vrs.get(0), vrs, f[2].intern(), f[3].equals("Y"));
        }

        /** The keyword index, built on first use. */
        Map<String, Integer> byKeyword() {
            Map<String, Integer> k = byKeyword;
            if (k == null) {
                k = new HashMap<>(8192);
                for (int i = 0; i < tags.length; i++) {
                    String kw = keywordAt(rowStart[i]);
                    if (!kw.isEmpty()) {
                        k.put(kw, tags[i]);
                    }
                }
                for (DictionaryEntry e : maskEntries) {
                    if (!e.keyword().isEmpty()) {
                        k.put(e.keyword(), e.tag());
                    }
                }
                byKeyword = k;
            }
            return k;
        }

        /** The six tab-separated fields of the row at {@code pos}. */
        private String[] fields(int pos) {
            String[] f = new String[6];
            int start = pos;
            for (int i = 0; i < 6; i++) {
                int end = start;
                while (end < text.length && text[end] != '\t' && text[end] != '\n' && text[end] != '\r') {
                    end++;
                }
                if (i < 5 && (end >= text.length || text[end] != '\t')) {
                    throw new IllegalStateException("Malformed row in elements.tsv at byte ".concat(Integer.toString(pos)));
                }
                f[i] = new String(text, start, end - start, StandardCharsets.UTF_8);
                start = end + 1;
            }
            return f;
        }

        /** Field 4 (the keyword) of the row at {@code pos}, without making the other fields. */
        private String keywordAt(int pos) {
            int start = pos;
            for (int tabs = 0; tabs < 4; start++) {
                if (text[start] == '\t') {
                    tabs++;
                }
            }
            int end = start;
            while (text[end] != '\t') {
                end++;
            }
            return new String(text, start, end - start, StandardCharsets.ISO_8859_1);
        }

        private static boolean isMask(byte[] b, int pos) {
            for (int i = pos; i < pos + 8; i++) {
                if (b[i] == 'x') {
                    return true;
                }
            }
            return false;
        }

        private static int parseTag(byte[] b, int pos) {
            int tag = 0;
            for (int i = pos; i < pos + 8; i++) {
                int c = b[i];
                int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
                if (d < 0) {
                    throw new IllegalStateException("Malformed tag in elements.tsv at byte ".concat(Integer.toString(pos)));
                }
                tag = tag << 4 | d;
            }
            return tag;
        }

        DictionaryEntry matchMask(int tag) {
            for (int k = 0; k < maskValues.length; k++) {
                int mask = maskMasks[k];
                if ((tag & mask) != maskValues[k]) {
                    continue;
                }
                if ((mask & 0x00FF0000) == 0) { // group mask ggxx: even groups only
                    int low = (tag >>> 16) & 0xFF;
                    if ((low & 1) != 0 || low > maskMaxGroupLow[k]) {
                        continue;
                    }
                }
                return maskEntries[k].forTag(tag);
            }
            return null;
        }

        /** The smallest tag matching value/mask that is not in {@code exactTags}. */
        private static int firstFreeInstance(int value, int mask, int[] exactTags) {
            int free = ~mask;
            int count = 1 << Integer.bitCount(free);
            for (int k = 0; k < count; k++) {
                // deposit the bits of k into the wildcard positions, lowest bits first
                int tag = value;
                int bits = k;
                for (int bit = 0; bit < 32 && bits != 0; bit++) {
                    if ((free >>> bit & 1) != 0) {
                        tag |= (bits & 1) << bit;
                        bits >>>= 1;
                    }
                }
                if (Arrays.binarySearch(exactTags, tag) < 0) {
                    return tag;
                }
            }
            throw new IllegalStateException("No free instance for a repeating dictionary row");
        }

        private static int wildcards(String hex) {
            int n = 0;
            for (int c = 0; c < hex.length(); c++) {
                if (hex.charAt(c) == 'x') {
                    n++;
                }
            }
            return n;
        }
    }

    /**
     * Reads a dictionary resource: skips {@code #} comment lines and the header line, and returns
     * each row's tab-separated fields. (No lambdas or string concatenation on this path: their
     * one-time bootstrap would dominate the load time of a cold JVM.)
     */
    static List<String[]> readResource(String name, int columns) {
        String path = RESOURCE_DIR.concat(name);
        try (InputStream in = ElementDictionary.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Missing dictionary resource ".concat(path));
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
            List<String[]> rows = new ArrayList<>(1024);
            boolean header = true;
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isEmpty() || line.charAt(0) == '#') {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                String[] f = new String[columns];
                int start = 0;
                for (int i = 0; i < columns; i++) {
                    int tab = i == columns - 1 ? line.length() : line.indexOf('\t', start);
                    if (tab < 0) {
                        throw new IllegalStateException("Malformed row in ".concat(path).concat(": ").concat(line));
                    }
                    f[i] = line.substring(start, tab);
                    start = tab + 1;
                }
                rows.add(f);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read dictionary resource ".concat(path), e);
        }
    }

    /** A dictionary resource's bytes. */
    static byte[] readAll(String name) {
        String path = RESOURCE_DIR.concat(name);
        try (InputStream in = ElementDictionary.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Missing dictionary resource ".concat(path));
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read dictionary resource ".concat(path), e);
        }
    }

    /** Parses a resource tag such as {@code 60xx3000}, every {@code x} read as 0. */
    static int parseTag(String hex) {
        int tag = 0;
        for (int i = 0; i < 8; i++) {
            char c = hex.charAt(i);
            tag = tag << 4 | (c == 'x' ? 0 : Character.digit(c, 16));
        }
        return tag;
    }

    /** The mask of a resource tag: 0 nibbles where it has {@code x}, F elsewhere. */
    static int parseMask(String hex) {
        int mask = 0;
        for (int i = 0; i < 8; i++) {
            mask = mask << 4 | (hex.charAt(i) == 'x' ? 0 : 0xF);
        }
        return mask;
    }
}
