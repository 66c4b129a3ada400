package org.hounsfield.codec.jpeg2000.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The inverse 5/3 transform (split low/high lifting, per-row strip sweep) gives exactly the result
 * of the plain definition (ISO/IEC 15444-1 F.3.8): interleave, then on the whole signal with
 * mirrored ends the update x[i] -= (x[i-1] + x[i+1] + 2) >> 2 on the low samples and the predict
 * x[i] += (x[i-1] + x[i+1]) >> 1 on the high ones, rows first, then columns. All sizes up to 37
 * (odd and even, either parity first), some wider than one column strip, whole or in pieces.
 */
class Wavelet53Test {

    /** The 1-D reference on x[0..n): first sn low samples, then the high ones. */
    private static void reference1d(int[] x, int n, int sn, int cas) {
        if (n == 1) {
            if (cas == 1) {
                x[0] /= 2;
            }
            return;
        }
        int dn = n - sn;
        int[] t = new int[n];
        for (int k = 0; k < sn; k++) {
            t[2 * k + cas] = x[k];
        }
        for (int k = 0; k < dn; k++) {
            t[2 * k + 1 - cas] = x[sn + k];
        }
        for (int i = cas; i < n; i += 2) {
            t[i] -= (left(t, i) + right(t, i) + 2) >> 2;
        }
        for (int i = 1 - cas; i < n; i += 2) {
            t[i] += (left(t, i) + right(t, i)) >> 1;
        }
        System.arraycopy(t, 0, x, 0, n);
    }

    private static int left(int[] t, int i) {
        return i > 0 ? t[i - 1] : t[1];
    }

    private static int right(int[] t, int i) {
        return i + 1 < t.length ? t[i + 1] : t[i - 1];
    }

    private static void reference(int[] a, int stride, int w, int h, int sw, int cx, int sh, int cy) {
        int[] line = new int[Math.max(w, h)];
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

    private static int[] random(Random rnd, int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = rnd.nextInt(1 << 21) - (1 << 20);
        }
        return a;
    }

    private static void check(Random rnd, Wavelet wl, int w, int h, int cx, int cy) {
        int stride = w + 3;
        int sw = cx == 0 ? (w + 1) / 2 : w / 2;
        int sh = cy == 0 ? (h + 1) / 2 : h / 2;
        int[] a = random(rnd, stride * h);
        int[] expected = a.clone();
        reference(expected, stride, w, h, sw, cx, sh, cy);
        int[] whole = a.clone();
        wl.inverse53(whole, stride, w, h, sw, cx, sh, cy);
        assertThat(whole).as("%dx%d cx=%d cy=%d", w, h, cx, cy).isEqualTo(expected);
        // in pieces, as the parallel path splits it: rows in two ranges, columns in strips
        int[] split = a.clone();
        wl.rows53(split, stride, h / 2, h, w, sw, cx);
        wl.rows53(split, stride, 0, h / 2, w, sw, cx);
        int mid = Math.min(w, Wavelet.STRIP);
        wl.columns53(split, stride, mid, w, h, sh, cy);
        wl.columns53(split, stride, 0, mid, h, sh, cy);
        assertThat(split).as("pieces %dx%d cx=%d cy=%d", w, h, cx, cy).isEqualTo(expected);
    }

    @Test
    void everySmallSizeAndParityMatchesTheDefinition() {
        Random rnd = new Random(53);
        Wavelet wl = new Wavelet();
        for (int w = 1; w <= 37; w++) {
            for (int h = 1; h <= 37; h++) {
                for (int p = 0; p < 4; p++) {
                    check(rnd, wl, w, h, p & 1, p >> 1);
                }
            }
        }
    }

    @Test
    void levelsWiderThanAStripMatchTheDefinition() {
        Random rnd = new Random(35);
        Wavelet wl = new Wavelet();
        int[][] sizes = {{65, 3}, {130, 17}, {200, 64}, {257, 129}, {64, 2}, {129, 1}, {1, 129}};
        for (int[] s : sizes) {
            for (int p = 0; p < 4; p++) {
                check(rnd, wl, s[0], s[1], p & 1, p >> 1);
            }
        }
    }
}
