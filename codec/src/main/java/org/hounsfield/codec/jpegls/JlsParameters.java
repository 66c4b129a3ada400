package org.hounsfield.codec.jpegls;

/**
 * JPEG-LS coding parameters of one scan (ITU-T T.87 A.2 and C.2.4.1.1): MAXVAL, NEAR, the
 * gradient thresholds, RESET and the derived RANGE, qbpp and LIMIT.
 */
final class JlsParameters {
    final int maxVal;
    final int near;
    final int t1;
    final int t2;
    final int t3;
    final int reset;
    final int range;
    final int qbpp;
    final int limit;

    private JlsParameters(int maxVal, int near, int t1, int t2, int t3, int reset) {
        this.maxVal = maxVal;
        this.near = near;
        this.t1 = t1;
        this.t2 = t2;
        this.t3 = t3;
        this.reset = reset;
        this.range = (maxVal + 2 * near) / (2 * near + 1) + 1;
        this.qbpp = ceilLog2(range);
        int bpp = Math.max(2, ceilLog2(maxVal + 1));
        this.limit = 2 * (bpp + Math.max(8, bpp));
    }

    /**
     * Resolves the parameters of a scan; a zero preset value means "default".
     *
     * @return the parameters, or {@code null} with {@code error[0]} set when they are invalid
     */
    static JlsParameters resolve(int precision, int near, int presetMaxVal, int presetT1, int presetT2,
                                 int presetT3, int presetReset, String[] error) {
        int full = (1 << precision) - 1;
        int maxVal = presetMaxVal == 0 ? full : presetMaxVal;
        if (maxVal < 1 || maxVal > full) {
            error[0] = "MAXVAL " + maxVal + " outside 1.." + full;
            return null;
        }
        if (near < 0 || near > Math.min(255, maxVal / 2)) {
            error[0] = "NEAR " + near + " outside 0.." + Math.min(255, maxVal / 2);
            return null;
        }
        int[] d = defaultThresholds(maxVal, near);
        int t1 = presetT1 == 0 ? d[0] : presetT1;
        int t2 = presetT2 == 0 ? d[1] : presetT2;
        int t3 = presetT3 == 0 ? d[2] : presetT3;
        int reset = presetReset == 0 ? 64 : presetReset;
        if (t1 < near + 1 || t1 > maxVal || t2 < t1 || t2 > maxVal || t3 < t2 || t3 > maxVal) {
            error[0] = "thresholds T1=" + t1 + " T2=" + t2 + " T3=" + t3 + " invalid for MAXVAL " + maxVal
                    + " and NEAR " + near;
            return null;
        }
        if (reset < 3 || reset > Math.max(255, maxVal)) {
            error[0] = "RESET " + reset + " outside 3.." + Math.max(255, maxVal);
            return null;
        }
        return new JlsParameters(maxVal, near, t1, t2, t3, reset);
    }

    /** Default T1, T2, T3 of T.87 C.2.4.1.1.2. */
    static int[] defaultThresholds(int maxVal, int near) {
        int t1;
        int t2;
        int t3;
        if (maxVal >= 128) {
            int factor = (Math.min(maxVal, 4095) + 128) / 256;
            t1 = clamp(factor * (3 - 2) + 2 + 3 * near, near + 1, maxVal);
            t2 = clamp(factor * (7 - 3) + 3 + 5 * near, t1, maxVal);
            t3 = clamp(factor * (21 - 4) + 4 + 7 * near, t2, maxVal);
        } else {
            int factor = 256 / (maxVal + 1);
            t1 = clamp(Math.max(2, 3 / factor + 3 * near), near + 1, maxVal);
            t2 = clamp(Math.max(3, 7 / factor + 5 * near), t1, maxVal);
            t3 = clamp(Math.max(4, 21 / factor + 7 * near), t2, maxVal);
        }
        return new int[] {t1, t2, t3};
    }

    private static int clamp(int i, int j, int maxVal) {
        return i > maxVal || i < j ? j : i;
    }

    static int ceilLog2(int n) {
        return n <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(n - 1);
    }

    private record TableKey(int maxVal, int near, int t1, int t2, int t3) {
    }

    /** Recently built tables (read-only once published); bounded, cleared when full. */
    private static final java.util.concurrent.ConcurrentHashMap<TableKey, byte[]> TABLES =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Gradient quantisation table: index {@code d + maxVal} for d in [-maxVal, maxVal], value -4..4.
     * Shared between scans with the same parameters; callers must not modify it.
     */
    byte[] quantizationTable() {
        TableKey key = new TableKey(maxVal, near, t1, t2, t3);
        byte[] t = TABLES.get(key);
        if (t == null) {
            t = buildQuantizationTable();
            if (TABLES.size() >= 32) {
                TABLES.clear();
            }
            TABLES.put(key, t);
        }
        return t;
    }

    private byte[] buildQuantizationTable() {
        byte[] t = new byte[2 * maxVal + 1];
        for (int d = -maxVal; d <= maxVal; d++) {
            int q;
            if (d <= -t3) {
                q = -4;
            } else if (d <= -t2) {
                q = -3;
            } else if (d <= -t1) {
                q = -2;
            } else if (d < -near) {
                q = -1;
            } else if (d <= near) {
                q = 0;
            } else if (d < t1) {
                q = 1;
            } else if (d < t2) {
                q = 2;
            } else if (d < t3) {
                q = 3;
            } else {
                q = 4;
            }
            t[d + maxVal] = (byte) q;
        }
        return t;
    }
}
