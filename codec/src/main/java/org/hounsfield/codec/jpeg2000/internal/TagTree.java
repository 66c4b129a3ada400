package org.hounsfield.codec.jpeg2000.internal;

/** Tag tree decoder (ISO/IEC 15444-1 B.10.2) over a w x h array of leaves. */
final class TagTree {
    private final int[] value;
    private final int[] low;
    private final int[] parent;
    private final int[] levelOffset;
    private final int[] levelWidth;
    private final int w0;
    private final int levels;
    private final int[] path = new int[32];

    TagTree(int w, int h) {
        int n = 0;
        int lw = w;
        int lh = h;
        int lv = 0;
        int[] offs = new int[32];
        int[] widths = new int[32];
        int[] heights = new int[32];
        while (true) {
            offs[lv] = n;
            widths[lv] = lw;
            heights[lv] = lh;
            n += lw * lh;
            lv++;
            if (lw <= 1 && lh <= 1) {
                break;
            }
            lw = (lw + 1) >> 1;
            lh = (lh + 1) >> 1;
        }
        levels = lv;
        levelOffset = offs;
        levelWidth = widths;
        w0 = w;
        value = new int[n];
        low = new int[n];
        parent = new int[n];
        for (int l = 0; l < lv; l++) {
            for (int y = 0; y < heights[l]; y++) {
                for (int x = 0; x < widths[l]; x++) {
                    int i = offs[l] + y * widths[l] + x;
                    parent[i] = l + 1 < lv ? offs[l + 1] + (y >> 1) * widths[l + 1] + (x >> 1) : -1;
                }
            }
        }
        java.util.Arrays.fill(value, Integer.MAX_VALUE);
    }

    /**
     * Decodes leaf (x, y) up to {@code threshold}: returns the leaf value if it is below the
     * threshold, otherwise a value &gt;= threshold.
     */
    int decode(PacketHeaderReader br, int x, int y, int threshold) {
        int node = y * w0 + x;
        int depth = 0;
        while (node >= 0) {
            path[depth++] = node;
            node = parent[node];
        }
        int lowv = 0;
        for (int d = depth - 1; d >= 0; d--) {
            int nd = path[d];
            if (lowv > low[nd]) {
                low[nd] = lowv;
            } else {
                lowv = low[nd];
            }
            while (lowv < threshold && lowv < value[nd]) {
                if (br.bit() != 0) {
                    value[nd] = lowv;
                } else {
                    lowv++;
                }
            }
            low[nd] = lowv;
        }
        return value[path[0]];
    }
}
