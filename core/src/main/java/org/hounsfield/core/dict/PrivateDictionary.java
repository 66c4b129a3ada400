package org.hounsfield.core.dict;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.hounsfield.core.VR;

/**
 * Vendor private data elements, keyed by Private Creator, from the GDCM and DCMTK private
 * dictionaries (vendor data: use as hints for names and implicit-VR decoding, not as truth).
 *
 * <pre>{@code
 * // (0029,0010) = "SIEMENS CSA HEADER" reserves block 10, so (0029,1010) is offset 10 in it
 * DictionaryEntry e = PrivateDictionary.lookup("SIEMENS CSA HEADER", 0x00291010);
 * e.name();   // "CSA Image Header Info"
 * e.vr();     // VR.OB
 * // the same element in block 11, reserved by (0029,0011)
 * PrivateDictionary.lookup("SIEMENS CSA HEADER", 0x00291110).name();  // "CSA Image Header Info"
 * }</pre>
 *
 * <p>The caller resolves the creator: for a private data element {@code (gggg,bbee)} it is the
 * value of {@code (gggg,00bb)} (see {@link org.hounsfield.core.Tag#privateCreatorOf(int)}).
 * Within one source, entries are tried in the order pydicom uses: the exact tag, then the
 * block-relative entry {@code (gggg,xxee)} (only for elements {@code (gggg,1000-FFFF)}), then
 * entries with a group mask such as {@code (60xx,xxee)} (odd groups only) or a fixed element
 * range such as {@code (0011,10xx)}. The creator must match exactly after trailing spaces (and
 * NULs) are removed. Entries have an empty keyword; DCMTK names are keyword-style
 * ("CSAImageHeaderInfo"), GDCM names descriptive ("CSA Image Header Info").
 *
 * <p>The tables are read once from the class path on first use (thread-safe, lazy).
 */
public final class PrivateDictionary {

    private PrivateDictionary() {
    }

    /**
     * The entry for {@code tag} in the block of {@code privateCreator}, GDCM's dictionary first,
     * then DCMTK's; {@code null} when neither knows it.
     */
    public static DictionaryEntry lookup(String privateCreator, int tag) {
        Creator c = creator(privateCreator);
        if (c == null) {
            return null;
        }
        DictionaryEntry e = c.gdcm == null ? null : c.gdcm.find(tag);
        if (e == null && c.dcmtk != null) {
            e = c.dcmtk.find(tag);
        }
        return e;
    }

    /**
     * The entry from GDCM's dictionary only (the one pydicom uses for private names and VRs), or
     * {@code null}.
     */
    public static DictionaryEntry lookupGdcm(String privateCreator, int tag) {
        Creator c = creator(privateCreator);
        return c == null || c.gdcm == null ? null : c.gdcm.find(tag);
    }

    /**
     * The entry from DCMTK's dictionary only, or {@code null}.
     */
    public static DictionaryEntry lookupDcmtk(String privateCreator, int tag) {
        Creator c = creator(privateCreator);
        return c == null || c.dcmtk == null ? null : c.dcmtk.find(tag);
    }

    /** Whether either dictionary has entries for {@code privateCreator}. */
    public static boolean isKnownCreator(String privateCreator) {
        return creator(privateCreator) != null;
    }

    /** Number of entries (GDCM plus DCMTK rows). */
    public static int size() {
        return Data.INSTANCE.size;
    }

    private static Creator creator(String privateCreator) {
        if (privateCreator == null) {
            return null;
        }
        int end = privateCreator.length();
        while (end > 0 && (privateCreator.charAt(end - 1) == ' ' || privateCreator.charAt(end - 1) == '\0')) {
            end--;
        }
        return Data.INSTANCE.creators.get(privateCreator.substring(0, end));
    }

    /** The two sources' tables for one creator. */
    private static final class Creator {
        Table gdcm;
        Table dcmtk;
    }

    /** One source's entries for one creator. */
    private static final class Table {
        private TableBuilder b;
        private int[] exactTags;
        private DictionaryEntry[] exact;
        /** Block-relative entries with a fixed group: key (group << 8) | low byte of the element. */
        private int[] blockKeys;
        private DictionaryEntry[] block;
        /** Everything else: tag & masks[i] == values[i]; group masks only match odd groups. */
        private int[] values;
        private int[] masks;
        private DictionaryEntry[] masked;

        Table() {
            b = new TableBuilder();
        }

        DictionaryEntry find(int tag) {
            int i = Arrays.binarySearch(exactTags, tag);
            if (i >= 0) {
                return exact[i].forTag(tag);
            }
            int element = tag & 0xFFFF;
            if (element >= 0x1000) {
                i = Arrays.binarySearch(blockKeys, (tag >>> 16) << 8 | (element & 0xFF));
                if (i >= 0) {
                    return block[i].forTag(tag);
                }
            }
            for (int k = 0; k < values.length; k++) {
                int mask = masks[k];
                if ((tag & mask) != values[k]) {
                    continue;
                }
                if ((mask & 0x00FF0000) == 0 && (tag & 0x00010000) == 0) {
                    continue; // group mask: odd (private) groups only
                }
                if ((mask & 0x0000FF00) == 0 && element < 0x1000) {
                    continue; // block-relative: data elements only
                }
                return masked[k].forTag(tag);
            }
            return null;
        }

        void add(String hex, DictionaryEntry e) {
            if (hex.indexOf('x') < 0) {
                b.exact.add(e);
            } else if (hex.startsWith("xx", 4) && hex.indexOf('x') == 4 && hex.lastIndexOf('x') == 5) {
                b.block.add(e);
            } else {
                int mask = ElementDictionary.parseMask(hex);
                b.maskValues.add(e.tag() & mask);
                b.maskMasks.add(mask);
                b.masked.add(e);
            }
        }

        void freeze() {
            exact = b.exact.toArray(new DictionaryEntry[0]);
            exactTags = new int[exact.length];
            for (int i = 0; i < exact.length; i++) {
                exactTags[i] = exact[i].tag();
            }
            sortByKey(exactTags, exact);
            block = b.block.toArray(new DictionaryEntry[0]);
            blockKeys = new int[block.length];
            for (int i = 0; i < block.length; i++) {
                blockKeys[i] = blockKey(block[i].tag());
            }
            sortByKey(blockKeys, block);
            masked = b.masked.toArray(new DictionaryEntry[0]);
            values = new int[masked.length];
            masks = new int[masked.length];
            for (int i = 0; i < masked.length; i++) {
                values[i] = b.maskValues.get(i);
                masks[i] = b.maskMasks.get(i);
            }
            b = null;
        }

        /** Insertion sort of both arrays by key: the rows arrive (nearly) sorted already. */
        private static void sortByKey(int[] keys, DictionaryEntry[] values) {
            for (int i = 1; i < keys.length; i++) {
                int k = keys[i];
                DictionaryEntry v = values[i];
                int j = i - 1;
                while (j >= 0 && keys[j] > k) {
                    keys[j + 1] = keys[j];
                    values[j + 1] = values[j];
                    j--;
                }
                keys[j + 1] = k;
                values[j + 1] = v;
            }
        }

        private static int blockKey(int tag) {
            return (tag >>> 16) << 8 | (tag & 0xFF);
        }
    }

    private static final class TableBuilder {
        final List<DictionaryEntry> exact = new ArrayList<>();
        final List<DictionaryEntry> block = new ArrayList<>();
        final List<DictionaryEntry> masked = new ArrayList<>(0);
        final List<Integer> maskValues = new ArrayList<>(0);
        final List<Integer> maskMasks = new ArrayList<>(0);
    }

    /** Immutable after construction; built on first access (initialization-on-demand holder). */
    private static final class Data {
        static final Data INSTANCE = new Data();

        final Map<String, Creator> creators;
        final int size;

        private Data() {
            List<String[]> rows = ElementDictionary.readResource("private.tsv", 7);
            // columns: source, creator, tag, vr, vm, retired, name
            Map<String, Creator> map = new HashMap<>(1024);
            Map<String, List<VR>> vrCache = new HashMap<>();
            Map<String, String> strings = new HashMap<>(8192);
            List<Table> tables = new ArrayList<>(700);
            for (String[] f : rows) {
                Creator c = map.get(f[1]);
                if (c == null) {
                    c = new Creator();
                    map.put(f[1], c);
                }
                boolean gdcm = f[0].equals("gdcm");
                Table t = gdcm ? c.gdcm : c.dcmtk;
                if (t == null) {
                    t = new Table();
                    tables.add(t);
                    if (gdcm) {
                        c.gdcm = t;
                    } else {
                        c.dcmtk = t;
                    }
                }
                List<VR> vrs = vrCache.get(f[3]);
                if (vrs == null) {
                    vrs = DictionaryEntry.parseVrs(f[3]);
                    vrCache.put(f[3], vrs);
                }
                t.add(f[2], new DictionaryEntry(ElementDictionary.parseTag(f[2]), dedup(strings, f[6]), "",
                        vrs.isEmpty() ? null : vrs.get(0), vrs, dedup(strings, f[4]), f[5].equals("Y")));
            }
            for (Table t : tables) {
                t.freeze();
            }
            creators = map;
            size = rows.size();
        }

        private static String dedup(Map<String, String> strings, String s) {
            String old = strings.putIfAbsent(s, s);
            return old == null ? s : old;
        }
    }
}
