package org.hounsfield.codec.jpeg2000.internal;

/** Inverse multi-component transforms (ISO/IEC 15444-1 Annex G): RCT (reversible) and ICT. */
final class Mct {
    private Mct() {
    }

    static void inverseRct(int[] y0, int[] y1, int[] y2, int n) {
        for (int i = 0; i < n; i++) {
            int y = y0[i];
            int u = y1[i];
            int v = y2[i];
            int g = y - ((u + v) >> 2);
            y0[i] = v + g;
            y1[i] = g;
            y2[i] = u + g;
        }
    }

    static void inverseIct(float[] y0, float[] y1, float[] y2, int n) {
        for (int i = 0; i < n; i++) {
            float y = y0[i];
            float u = y1[i];
            float v = y2[i];
            y0[i] = y + v * 1.402f;
            y1[i] = y - u * 0.34413f - v * 0.71414f;
            y2[i] = y + u * 1.772f;
        }
    }
}
