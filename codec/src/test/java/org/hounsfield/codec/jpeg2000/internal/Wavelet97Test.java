package org.hounsfield.codec.jpeg2000.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The inverse 9/7 transform (split low/high lifting, pipelined column sweep) gives bit for bit the
 * result of the plain definition: interleave, then x[i] -= c * (x[i-1] + x[i+1]) per step on the
 * whole signal with mirrored ends, rows first, then columns; so does the streaming form
 * ({@link Wavelet#level97}). All sizes up to 37 (odd and even,
 * either parity first) and a few wider than one column strip.
 */
class Wavelet97Test {
    private static final float ALPHA = -1.586134342f;
    private static final float BETA = -0.052980118f;
    private static final float GAMMA = 0.882911075f;
    private static final float DELTA = 0.443506852f;
    private static final float K = 1.230174105f;
    private static final float TWO_INV_K = 1.625732422f;

    /** The 1-D reference on x[0..n): first sn low samples, then the high ones. */
    private static void reference1d(float[] x, int n, int sn, int cas) {
        int dn = n - sn;
        if (cas == 0 ? !(dn > 0 || sn > 1) : !(sn > 0 || dn > 1)) {
            return;
        }
        float[] t = new float[n];
        for (int k = 0; k < sn; k++) {
            t[2 * k + cas] = x[k] * K;
        }
        for (int k = 0; k < dn; k++) {
            t[2 * k + 1 - cas] = x[sn + k] * TWO_INV_K;
        }
        step(t, cas, DELTA);
        step(t, 1 - cas, GAMMA);
        step(t, cas, BETA);
        step(t, 1 - cas, ALPHA);
        System.arraycopy(t, 0, x, 0, n);
    }

    private static void step(float[] t, int parity, float c) {
        int n = t.length;
        for (int i = parity; i < n; i += 2) {
            float l = i > 0 ? t[i - 1] : t[1];
            float r = i + 1 < n ? t[i + 1] : t[i - 1];
            t[i] -= c * (l + r);
        }
    }

    private static void reference(float[] a, int stride, int w, int h, int sw, int cx, int sh, int cy) {
        float[] line = new float[Math.max(w, h)];
        for (int y = 0; y < h; y++) {
            System.arraycopy(a, y * stride, line, 0, w);
            reference1d(line, w, sw, cx);
            System.arraycopy(line, 0, a, y * stride, w);
        }
        for (int x = 0; x < w; x++) {
            for (int y = 0; y < h; y++) {
                line[y] = a[y * stride + x];
            }
            reference1d(line, h, sh, cy);
            for (int y = 0; y < h; y++) {
                a[y * stride + x] = line[y];
            }
        }
    }

    private static void check(Wavelet wl, Random rnd, int w, int h, int cx, int cy) {
        int sw = cx == 0 ? (w + 1) / 2 : w / 2;
        int sh = cy == 0 ? (h + 1) / 2 : h / 2;
        int stride = w + 3;
        float[] a = new float[stride * h];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (rnd.nextGaussian() * 300);
        }
        float[] b = a.clone();
        float[] c = a.clone();
        float[] streamed = new float[stride * h];
        reference(a, stride, w, h, sw, cx, sh, cy);
        wl.inverse97(b, stride, w, h, sw, cx, sh, cy);
        wl.level97(c, stride, c, stride, w, h, sw, cx, sh, cy,
                (y, src, off, n) -> System.arraycopy(src, off, streamed, y * stride, n));
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * stride + x;
                if (Float.floatToIntBits(a[i]) != Float.floatToIntBits(b[i])
                        || Float.floatToIntBits(a[i]) != Float.floatToIntBits(streamed[i])) {
                    assertThat(b[i]).as("w %d h %d cx %d cy %d at %d", w, h, cx, cy, i).isEqualTo(a[i]);
                    assertThat(streamed[i]).as("streamed: w %d h %d cx %d cy %d at %d", w, h, cx, cy, i)
                            .isEqualTo(a[i]);
                }
            }
        }
    }

    @Test
    void matchesDefinitionBitForBit() {
        Random rnd = new Random(97);
        Wavelet wl = new Wavelet();
        for (int w = 1; w <= 37; w++) {
            for (int h = 1; h <= 37; h++) {
                for (int c = 0; c < 4; c++) {
                    check(wl, rnd, w, h, c & 1, c >> 1);
                }
            }
        }
        for (int w : new int[] {Wavelet.STRIP - 1, Wavelet.STRIP + 1, 2 * Wavelet.STRIP + 5}) {
            for (int c = 0; c < 4; c++) {
                check(wl, rnd, w, 9, c & 1, c >> 1);
                check(wl, rnd, w, 1, c & 1, c >> 1);
            }
        }
    }
}
