package org.hounsfield.core.dict;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The registry of DICOM unique identifiers (PS3.6 Annex A): SOP classes, transfer syntaxes,
 * well-known instances and frames of reference, coding schemes, ...
 *
 * <pre>{@code
 * UidRegistry.UidInfo info = UidRegistry.lookup("1.2.840.10008.5.1.4.1.1.2");
 * info.name();     // "CT Image Storage"
 * info.keyword();  // "CTImageStorage"
 * info.type();     // "SOP Class"
 * }</pre>
 *
 * <p>Read once from the class path on first use (thread-safe, lazy).
 */
public final class UidRegistry {

    private UidRegistry() {
    }

    /**
     * One registered UID.
     *
     * @param uid     the UID
     * @param name    the standard's UID name without "(Retired)" and without the part after ":",
     *                e.g. "Implicit VR Little Endian"
     * @param keyword the keyword, e.g. "ImplicitVRLittleEndian"; empty for two retired SOP classes
     *                that have none
     * @param type    as in PS3.6: "SOP Class", "Transfer Syntax", "Well-known SOP Instance",
     *                "Well-known frame of reference", "Coding Scheme", "LDAP OID", ...
     * @param retired whether the UID is retired
     * @param info    extra text, e.g. "Default Transfer Syntax for DICOM" or "DICOS"; usually empty
     */
    public record UidInfo(String uid, String name, String keyword, String type, boolean retired, String info) {

        /** Checks that no component is null. */
        public UidInfo {
            Objects.requireNonNull(uid, "uid");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(keyword, "keyword");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(info, "info");
        }
    }

    /**
     * The registry entry for {@code uid}, or {@code null} if it is not a registered DICOM UID.
     * Trailing NUL and space padding is ignored.
     */
    public static UidInfo lookup(String uid) {
        if (uid == null) {
            return null;
        }
        int end = uid.length();
        while (end > 0 && (uid.charAt(end - 1) == '\0' || uid.charAt(end - 1) == ' ')) {
            end--;
        }
        return Data.INSTANCE.byUid.get(end == uid.length() ? uid : uid.substring(0, end));
    }

    /** The name of {@code uid}, or {@code uid} itself when unknown (handy for display). */
    public static String nameOf(String uid) {
        UidInfo info = lookup(uid);
        return info == null ? uid : info.name();
    }

    /** All registered UIDs in registry order. */
    public static List<UidInfo> all() {
        return Data.INSTANCE.all;
    }

    private static final class Data {
        static final Data INSTANCE = new Data();

        final Map<String, UidInfo> byUid;
        final List<UidInfo> all;

        private Data() {
            List<UidInfo> list = new ArrayList<>(512);
            // columns: uid, name, keyword, type, retired, info
            for (String[] f : ElementDictionary.readResource("uids.tsv", 6)) {
                list.add(new UidInfo(f[0], f[1], f[2], f[3], f[4].equals("Y"), f[5]));
            }
            Map<String, UidInfo> map = new HashMap<>(list.size() * 2);
            for (UidInfo u : list) {
                map.put(u.uid(), u);
            }
            byUid = map;
            all = List.copyOf(list);
        }
    }
}
