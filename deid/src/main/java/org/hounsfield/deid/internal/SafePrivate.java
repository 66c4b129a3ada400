package org.hounsfield.deid.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import org.hounsfield.core.Dataset;
import org.hounsfield.core.Element;
import org.hounsfield.core.Tag;

/**
 * Which private attributes the Retain Safe Private Option keeps: the sample list of PS3.15
 * Table E.3.10-1 (resource {@code safe_private.tsv}), and blocks the instance itself declares
 * safe in Private Data Element Characteristics Sequence (0008,0300): Block Identifying
 * Information Status "SAFE", or the elements listed in Nonidentifying Private Elements.
 *
 * <pre>{@code
 * SafePrivate.standard().isListed("GEMS_PARM_01", 0x0043, 0x27);   // true: Scan Pitch Ratio
 * }</pre>
 */
public final class SafePrivate {
    private static volatile SafePrivate standard;

    private final Set<String> listed;

    private SafePrivate(Set<String> listed) {
        this.listed = listed;
    }

    public static SafePrivate standard() {
        SafePrivate s = standard;
        if (s == null) {
            synchronized (SafePrivate.class) {
                s = standard;
                if (s == null) {
                    s = load();
                    standard = s;
                }
            }
        }
        return s;
    }

    private static SafePrivate load() {
        Set<String> set = new HashSet<>();
        try (InputStream in = SafePrivate.class.getResourceAsStream("/org/hounsfield/deid/safe_private.tsv")) {
            if (in == null) {
                throw new IllegalStateException("missing resource org/hounsfield/deid/safe_private.tsv");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            boolean header = true;
            while ((line = r.readLine()) != null) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                String[] f = line.split("\t", -1);
                set.add(key(f[2], Integer.parseInt(f[0], 16), Integer.parseInt(f[1], 16)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SafePrivate(set);
    }

    private static String key(String creator, int group, int offset) {
        return creator.trim() + "|" + Integer.toHexString(group) + "|" + Integer.toHexString(offset & 0xFF);
    }

    /** Number of listed entries. */
    public int size() {
        return listed.size();
    }

    /** Whether Table E.3.10-1 lists element offset {@code offset} (0x00-0xFF) of {@code creator}'s block in {@code group}. */
    public boolean isListed(String creator, int group, int offset) {
        return creator != null && listed.contains(key(creator, group, offset));
    }

    /**
     * Blocks and elements declared safe by Private Data Element Characteristics Sequence in
     * {@code ds} (checked on the data set holding the private elements and its parents).
     */
    public static Set<String> declaredSafe(Dataset ds) {
        Set<String> out = new HashSet<>();
        for (Dataset d = ds; d != null; d = d.parent()) {
            Element seq = d.get(Tag.PrivateDataElementCharacteristicsSequence);
            if (seq == null || !(seq.rawValue() instanceof org.hounsfield.core.Sequence s)) {
                continue;
            }
            for (Dataset item : s) {
                try {
                    int group = item.getInt(Tag.PrivateGroupReference, -1);
                    String creator = item.getString(Tag.PrivateCreatorReference);
                    if (group < 0 || creator == null) {
                        continue;
                    }
                    String status = item.getString(Tag.BlockIdentifyingInformationStatus, "");
                    if (status.trim().equals("SAFE")) {
                        for (int off = 0; off < 256; off++) {
                            out.add(key(creator, group, off));
                        }
                    }
                    int[] nonId = item.getInts(Tag.NonidentifyingPrivateElements);
                    if (nonId != null) {
                        for (int off : nonId) {
                            out.add(key(creator, group, off));
                        }
                    }
                } catch (RuntimeException e) {
                    // a malformed declaration declares nothing
                }
            }
        }
        return out;
    }

    /** Whether {@code declared} (from {@link #declaredSafe}) holds this element. */
    public static boolean isDeclared(Set<String> declared, String creator, int group, int offset) {
        return creator != null && declared.contains(key(creator, group, offset));
    }
}
