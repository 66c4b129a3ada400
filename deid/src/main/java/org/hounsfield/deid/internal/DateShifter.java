package org.hounsfield.deid.internal;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Shifts DA and DT values by whole days, keeping each value's precision (a DT of "2015" stays a
 * year, "201511" a month) and the time of day, fraction and UTC offset unchanged: the fine
 * temporal relationships inside a study (injection to acquisition, spans over midnight) survive,
 * the calendar dates do not. Ranges ("20150101-20151231") shift both ends.
 *
 * <pre>{@code
 * DateShifter s = new DateShifter(-100);
 * s.shiftDa("20151124");                 // "20150816"
 * s.shiftDt("20151124093012.5+0100");    // "20150816093012.5+0100"
 * }</pre>
 */
public final class DateShifter {
    private final int days;

    public DateShifter(int days) {
        this.days = days;
    }

    public int days() {
        return days;
    }

    /** A shifted DA value (one value, maybe a range), or null when it is not a date we can read. */
    public String shiftDa(String value) {
        String v = value.trim();
        if (v.isEmpty()) {
            return v;
        }
        int dash = v.indexOf('-');
        if (dash >= 0) {
            String a = v.substring(0, dash).trim();
            String b = v.substring(dash + 1).trim();
            String sa = a.isEmpty() ? "" : shiftDa(a);
            String sb = b.isEmpty() ? "" : shiftDa(b);
            return sa == null || sb == null ? null : sa + "-" + sb;
        }
        String digits = v.length() == 10 && (v.charAt(4) == '.' || v.charAt(4) == '-') ? v.substring(0, 4) + v.substring(5, 7) + v.substring(8) : v;
        if (digits.length() != 8 || !allDigits(digits)) {
            return null;
        }
        LocalDate d = parse(digits, 8);
        return d == null ? null : format(d.plusDays(days), 8);
    }

    /** A shifted DT value (maybe a range), or null when it cannot be read. */
    public String shiftDt(String value) {
        String v = value.trim();
        if (v.isEmpty()) {
            return v;
        }
        // a range has a '-' that is not a UTC offset sign: offsets follow at least 4 digits of a date-time
        int dash = rangeDash(v);
        if (dash >= 0) {
            String a = v.substring(0, dash).trim();
            String b = v.substring(dash + 1).trim();
            String sa = a.isEmpty() ? "" : shiftDt(a);
            String sb = b.isEmpty() ? "" : shiftDt(b);
            return sa == null || sb == null ? null : sa + "-" + sb;
        }
        int n = 0;
        while (n < v.length() && n < 8 && Character.isDigit(v.charAt(n))) {
            n++;
        }
        if (n != 4 && n != 6 && n != 8) {
            return null;
        }
        LocalDate d = parse(v.substring(0, n), n);
        if (d == null) {
            return null;
        }
        return format(d.plusDays(days), n) + v.substring(n);
    }

    private static int rangeDash(String v) {
        for (int i = 0; i < v.length(); i++) {
            if (v.charAt(i) == '-') {
                // an offset sign comes after hours at the earliest (YYYYMMDDHH = 10 digits) and is followed by 4 digits then end or '-'
                boolean offset = i >= 10 && i + 5 <= v.length() && allDigits(v.substring(i + 1, i + 5))
                        && (i + 5 == v.length() || v.charAt(i + 5) == '-');
                if (!offset) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static LocalDate parse(String digits, int n) {
        try {
            int y = Integer.parseInt(digits.substring(0, 4));
            int m = n >= 6 ? Integer.parseInt(digits.substring(4, 6)) : 1;
            int d = n >= 8 ? Integer.parseInt(digits.substring(6, 8)) : 1;
            return LocalDate.of(y, m, d);
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    private static String format(LocalDate d, int n) {
        int y = Math.max(0, Math.min(9999, d.getYear()));
        String s = String.format("%04d%02d%02d", y, d.getMonthValue(), d.getDayOfMonth());
        return s.substring(0, n);
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return !s.isEmpty();
    }
}
