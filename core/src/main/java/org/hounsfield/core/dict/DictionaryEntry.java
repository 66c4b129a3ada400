package org.hounsfield.core.dict;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.hounsfield.core.VR;

/**
 * One data element definition from the standard or a private dictionary, resolved for a
 * concrete tag.
 *
 * <pre>{@code
 * DictionaryEntry e = ElementDictionary.lookup(0x60023000);
 * e.tag();      // 0x60023000 (the tag that was looked up, not the mask)
 * e.name();     // "Overlay Data"
 * e.keyword();  // "OverlayData"
 * e.vr();       // VR.OB, the first of e.vrs() = [OB, OW]
 * e.vm();       // "1"
 * }</pre>
 *
 * @param tag     the tag that was looked up ({@code (group << 16) | element})
 * @param name    the element's name, e.g. "Patient's Name"; empty for the standard's blank
 *                retired placeholder rows
 * @param keyword the keyword, e.g. "PatientName"; empty for private elements, group lengths of
 *                groups not in the standard and placeholder rows
 * @param vr      the first VR alternative, {@code null} when the element has no VR (Item and
 *                delimitation items, placeholder rows)
 * @param vrs     all VR alternatives as the standard lists them ("US or SS or OW" gives
 *                [US, SS, OW]); empty when {@code vr} is {@code null}
 * @param vm      value multiplicity as written in the dictionary ("1", "1-n", "2-2n", ...)
 * @param retired whether the element is retired
 */
public record DictionaryEntry(int tag, String name, String keyword, VR vr, List<VR> vrs, String vm,
                              boolean retired) {

    /** Validates and copies the arguments; {@code vr} must be the first of {@code vrs}. */
    public DictionaryEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keyword, "keyword");
        Objects.requireNonNull(vm, "vm");
        vrs = List.copyOf(vrs);
        if (vrs.isEmpty() ? vr != null : vr != vrs.get(0)) {
            throw new IllegalArgumentException("vr " + vr + " is not the first of " + vrs);
        }
    }

    /** Whether the element allows more than one VR (e.g. "US or SS"). */
    public boolean hasAlternativeVrs() {
        return vrs.size() > 1;
    }

    /** This entry for another concrete tag (used for repeating-group and private matches). */
    DictionaryEntry forTag(int otherTag) {
        return otherTag == tag ? this : new DictionaryEntry(otherTag, name, keyword, vr, vrs, vm, retired);
    }

    /** Parses the resources' compact VR notation: "US/SS/OW"; empty gives an empty list. */
    static List<VR> parseVrs(String s) {
        if (s.isEmpty()) {
            return List.of();
        }
        List<VR> list = new ArrayList<>(3);
        int start = 0;
        while (true) {
            int slash = s.indexOf('/', start);
            String code = slash < 0 ? s.substring(start) : s.substring(start, slash);
            VR vr = VR.of(code);
            if (vr == null) {
                throw new IllegalStateException("Unknown VR in dictionary resource: " + s);
            }
            list.add(vr);
            if (slash < 0) {
                return List.copyOf(list);
            }
            start = slash + 1;
        }
    }
}
