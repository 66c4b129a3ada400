package org.hounsfield.core;

import java.util.ArrayList;
import java.util.List;

/**
 * A Person Name (PN) value: up to three component groups (alphabetic, ideographic, phonetic)
 * separated by {@code =}, each with up to five components separated by {@code ^}
 * (family, given, middle, prefix, suffix).
 *
 * <pre>{@code
 * PersonName pn = ds.get(Tag.PatientName).personName();   // "Yamada^Tarou=山田^太郎=やまだ^たろう"
 * pn.familyName();            // "Yamada"
 * pn.ideographic();           // "山田^太郎"
 * pn.group(1).component(0);   // "山田"
 * }</pre>
 */
public final class PersonName {
    private final String original;
    private final List<Group> groups;

    /** One component group: up to five components. */
    public record Group(String text) {
        /** Component {@code i} (0 family, 1 given, 2 middle, 3 prefix, 4 suffix), "" when absent. */
        public String component(int i) {
            String[] parts = text.split("\\^", -1);
            return i < parts.length ? parts[i] : "";
        }

        @Override
        public String toString() {
            return text;
        }
    }

    private PersonName(String original) {
        this.original = original;
        List<Group> g = new ArrayList<>(3);
        for (String s : original.split("=", -1)) {
            g.add(new Group(s));
        }
        this.groups = List.copyOf(g);
    }

    /** Parses a decoded PN value (one value, no backslashes). */
    public static PersonName parse(String value) {
        return new PersonName(value == null ? "" : value);
    }

    /** Builds a name from family and given names (alphabetic group). */
    public static PersonName of(String family, String given) {
        return new PersonName(given == null || given.isEmpty() ? family : family + "^" + given);
    }

    public int groupCount() {
        return groups.size();
    }

    /** Group {@code i} (0 alphabetic, 1 ideographic, 2 phonetic); an empty group when absent. */
    public Group group(int i) {
        return i < groups.size() ? groups.get(i) : new Group("");
    }

    public String alphabetic() {
        return group(0).text();
    }

    public String ideographic() {
        return group(1).text();
    }

    public String phonetic() {
        return group(2).text();
    }

    public String familyName() {
        return group(0).component(0);
    }

    public String givenName() {
        return group(0).component(1);
    }

    public String middleName() {
        return group(0).component(2);
    }

    public String namePrefix() {
        return group(0).component(3);
    }

    public String nameSuffix() {
        return group(0).component(4);
    }

    /** The value as stored (groups joined with '='). */
    @Override
    public String toString() {
        return original;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PersonName p && p.original.equals(original);
    }

    @Override
    public int hashCode() {
        return original.hashCode();
    }
}
