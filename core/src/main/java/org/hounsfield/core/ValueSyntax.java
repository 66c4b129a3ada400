package org.hounsfield.core;

import java.util.regex.Pattern;

/** PS3.5 6.2 value syntax checks used by {@link Element#problems()}. */
final class ValueSyntax {
    private static final Pattern DS = Pattern.compile("[ ]*[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?[ ]*");
    private static final Pattern IS = Pattern.compile("[ ]*[+-]?\\d+[ ]*");
    private static final Pattern UI = Pattern.compile("(0|[1-9]\\d*)(\\.(0|[1-9]\\d*))*");
    private static final Pattern CS = Pattern.compile("[A-Z0-9_ ]*");
    private static final Pattern DA = Pattern.compile("\\d{8}");
    private static final Pattern TM = Pattern.compile("\\d{2}(\\d{2}(\\d{2}(\\.\\d{1,6})?)?)?");
    private static final Pattern DT = Pattern.compile("\\d{4}(\\d{2}(\\d{2}(\\d{2}(\\d{2}(\\d{2}(\\.\\d{1,6})?)?)?)?)?)?([+-]\\d{4})?");
    private static final Pattern AS = Pattern.compile("\\d{3}[DWMY]");

    private ValueSyntax() {
    }

    /** A problem description, or null when {@code v} is a valid value of {@code vr}. */
    static String check(VR vr, String v) {
        if (v.isEmpty()) {
            return null;
        }
        if (vr == VR.PN) {
            // 64 characters per component group (PS3.5 6.2, Table 6.2-1)
            for (String group : v.split("=", -1)) {
                if (group.codePointCount(0, group.length()) > 64) {
                    return "person name component group '" + group + "' longer than 64 characters";
                }
            }
        } else if (vr.maxLength() > 0 && v.codePointCount(0, v.length()) > vr.maxLength()) {
            // characters, not bytes: for charset-dependent VRs the value is already decoded
            return "value '" + v + "' longer than " + vr.maxLength() + " characters allowed for " + vr;
        }
        Pattern p = switch (vr) {
            case DS -> DS;
            case IS -> IS;
            case UI -> UI;
            case CS -> CS;
            case DA -> DA;
            case TM -> TM;
            case DT -> DT;
            case AS -> AS;
            default -> null;
        };
        if (p != null && !p.matcher(v).matches()) {
            return "invalid " + vr + " value '" + v + "'";
        }
        if (vr == VR.IS) {
            try {
                long l = Long.parseLong(v.trim().replace("+", ""));
                if (l < -(1L << 31) || l > (1L << 31) - 1) {
                    return "IS value '" + v + "' out of range";
                }
            } catch (NumberFormatException e) {
                return "invalid IS value '" + v + "'";
            }
        }
        return null;
    }

    /** Whether a dictionary VM like "1", "1-n", "2-2n", "1-3" allows {@code n} values. */
    static boolean vmAllows(String vm, int n) {
        for (String alt : vm.split(" or ")) {
            String a = alt.trim();
            try {
                int dash = a.indexOf('-');
                if (dash < 0) {
                    if (Integer.parseInt(a) == n) {
                        return true;
                    }
                    continue;
                }
                int min = Integer.parseInt(a.substring(0, dash));
                String hi = a.substring(dash + 1);
                if (hi.endsWith("n")) {
                    String k = hi.substring(0, hi.length() - 1);
                    int step = k.isEmpty() ? 1 : Integer.parseInt(k);
                    if (n >= min && (n % step == 0)) {
                        return true;
                    }
                } else if (n >= min && n <= Integer.parseInt(hi)) {
                    return true;
                }
            } catch (NumberFormatException e) {
                return true;
            }
        }
        return false;
    }
}
