package org.hounsfield.core;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * A DA, TM or DT value with the precision it was stored with (DICOM allows "2015", "201511",
 * "1654", "165447.78" ...). Missing fields are filled with their lowest value.
 *
 * <pre>{@code
 * DicomDateTime t = DicomDateTime.parseTime("1654");
 * t.precision();     // ChronoUnit.MINUTES
 * t.time();          // 16:54
 * }</pre>
 *
 * @param date      the date part (DA, DT), or null for TM
 * @param time      the time part (TM, DT), or null for DA and for a DT with a date only
 * @param offset    the UTC offset of a DT ("&amp;ZZXX" suffix), or null
 * @param precision the finest field present: YEARS, MONTHS, DAYS, HOURS, MINUTES, SECONDS,
 *                  or MICROS-like units for fractions (MILLIS for 1-3 digits, MICROS for 4-6)
 */
public record DicomDateTime(LocalDate date, LocalTime time, ZoneOffset offset, ChronoUnit precision) {

    /** The value as a LocalDateTime (midnight when there is no time part). */
    public LocalDateTime dateTime() {
        return LocalDateTime.of(date == null ? LocalDate.of(1, 1, 1) : date, time == null ? LocalTime.MIDNIGHT : time);
    }

    /** Parses a DA value: YYYYMMDD, or the ACR-NEMA form YYYY.MM.DD. */
    public static DicomDateTime parseDate(String s) {
        String v = s.trim();
        if (v.length() == 10 && v.charAt(4) == '.' && v.charAt(7) == '.') {
            v = v.substring(0, 4) + v.substring(5, 7) + v.substring(8, 10);
        }
        if (v.length() != 8 || !digits(v, 0, 8)) {
            throw new DicomValueException("not a DA value (YYYYMMDD): '" + s + "'");
        }
        return new DicomDateTime(date(v, 8, s), null, null, ChronoUnit.DAYS);
    }

    /** Parses a TM value: HH, HHMM, HHMMSS, HHMMSS.F to HHMMSS.FFFFFF (also the ACR-NEMA HH:MM:SS). */
    public static DicomDateTime parseTime(String s) {
        String v = s.trim().replace(":", "");
        Object[] r = time(v, s);
        return new DicomDateTime(null, (LocalTime) r[0], null, (ChronoUnit) r[1]);
    }

    /** Parses a DT value: YYYY[MM[DD[HH[MM[SS[.F{1-6}]]]]]][&amp;ZZXX]. */
    public static DicomDateTime parseDateTime(String s) {
        String v = s.trim();
        ZoneOffset off = null;
        int sign = Math.max(v.indexOf('+', 1), v.indexOf('-', 1));
        if (sign > 0) {
            String z = v.substring(sign);
            if (z.length() != 5 || !digits(z, 1, 5)) {
                throw new DicomValueException("not a DT UTC offset (&ZZXX): '" + s + "'");
            }
            try {
                off = ZoneOffset.ofHoursMinutes(Integer.parseInt(z.substring(0, 3)),
                        (z.charAt(0) == '-' ? -1 : 1) * Integer.parseInt(z.substring(3)));
            } catch (RuntimeException e) {
                throw new DicomValueException("not a DT UTC offset: '" + s + "'", e);
            }
            v = v.substring(0, sign);
        }
        int n = Math.min(v.length(), 8);
        if (n < 4 || n % 2 != 0 || !digits(v, 0, n)) {
            throw new DicomValueException("not a DT value: '" + s + "'");
        }
        LocalDate d = date(v, n, s);
        ChronoUnit p = n == 4 ? ChronoUnit.YEARS : n == 6 ? ChronoUnit.MONTHS : ChronoUnit.DAYS;
        LocalTime t = null;
        if (v.length() > 8) {
            Object[] r = time(v.substring(8), s);
            t = (LocalTime) r[0];
            p = (ChronoUnit) r[1];
        }
        return new DicomDateTime(d, t, off, p);
    }

    private static LocalDate date(String v, int n, String orig) {
        try {
            int y = Integer.parseInt(v.substring(0, 4));
            int m = n >= 6 ? Integer.parseInt(v.substring(4, 6)) : 1;
            int d = n >= 8 ? Integer.parseInt(v.substring(6, 8)) : 1;
            return LocalDate.of(y, m, d);
        } catch (RuntimeException e) {
            throw new DicomValueException("not a valid date: '" + orig + "'", e);
        }
    }

    private static Object[] time(String v, String orig) {
        int dot = v.indexOf('.');
        String main = dot < 0 ? v : v.substring(0, dot);
        String frac = dot < 0 ? "" : v.substring(dot + 1);
        if (main.length() < 2 || main.length() > 6 || main.length() % 2 != 0 || !digits(main, 0, main.length())
                || frac.length() > 6 || !digits(frac, 0, frac.length()) || (dot >= 0 && main.length() != 6)) {
            throw new DicomValueException("not a TM value (HHMMSS.FFFFFF): '" + orig + "'");
        }
        try {
            int h = Integer.parseInt(main.substring(0, 2));
            int mi = main.length() >= 4 ? Integer.parseInt(main.substring(2, 4)) : 0;
            int sec = main.length() >= 6 ? Integer.parseInt(main.substring(4, 6)) : 0;
            if (sec == 60) {
                sec = 59; // leap second, allowed by DICOM, not by java.time
            }
            int nanos = frac.isEmpty() ? 0 : Integer.parseInt((frac + "000000").substring(0, 6)) * 1000;
            ChronoUnit p = !frac.isEmpty() ? (frac.length() <= 3 ? ChronoUnit.MILLIS : ChronoUnit.MICROS)
                    : main.length() == 6 ? ChronoUnit.SECONDS : main.length() == 4 ? ChronoUnit.MINUTES : ChronoUnit.HOURS;
            return new Object[] {LocalTime.of(h, mi, sec, nanos), p};
        } catch (java.time.DateTimeException e) {
            throw new DicomValueException("not a valid time: '" + orig + "'", e);
        }
    }

    private static boolean digits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
