package org.hounsfield.imaging.render.internal;

/**
 * Resizing of interleaved sample arrays: area averaging when shrinking (every source pixel
 * counts, no aliasing), bilinear interpolation when enlarging. Per axis, so a picture can shrink
 * in one direction and grow in the other. Done by hand rather than with Java2D, whose gray images
 * go through a colour space conversion.
 */
public final class Resample {
    private Resample() {
    }

    /** Resizes 8-bit samples. */
    public static byte[] bytes(byte[] src, int w, int h, int channels, int nw, int nh) {
        int[] v = new int[src.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = src[i] & 0xFF;
        }
        int[] r = ints(v, w, h, channels, nw, nh);
        byte[] out = new byte[r.length];
        for (int i = 0; i < r.length; i++) {
            out[i] = (byte) r[i];
        }
        return out;
    }

    /** Resizes non-negative integer samples (8 or 16 bit). */
    public static int[] ints(int[] src, int w, int h, int channels, int nw, int nh) {
        double[] x = horizontal(toDouble(src), w, h, channels, nw);
        double[] y = vertical(x, nw, h, channels, nh);
        int[] out = new int[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = (int) Math.round(y[i]);
        }
        return out;
    }

    private static double[] toDouble(int[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    private static double[] horizontal(double[] src, int w, int h, int c, int nw) {
        if (nw == w) {
            return src;
        }
        double[] out = new double[nw * h * c];
        Weights k = Weights.of(w, nw);
        for (int y = 0; y < h; y++) {
            int row = y * w * c;
            int orow = y * nw * c;
            for (int x = 0; x < nw; x++) {
                for (int ch = 0; ch < c; ch++) {
                    double s = 0;
                    for (int t = k.start[x]; t < k.start[x] + k.count[x]; t++) {
                        s += src[row + k.index[t] * c + ch] * k.weight[t];
                    }
                    out[orow + x * c + ch] = s;
                }
            }
        }
        return out;
    }

    private static double[] vertical(double[] src, int w, int h, int c, int nh) {
        if (nh == h) {
            return src;
        }
        double[] out = new double[w * nh * c];
        Weights k = Weights.of(h, nh);
        int stride = w * c;
        for (int y = 0; y < nh; y++) {
            for (int t = k.start[y]; t < k.start[y] + k.count[y]; t++) {
                int srow = k.index[t] * stride;
                double wt = k.weight[t];
                int orow = y * stride;
                for (int i = 0; i < stride; i++) {
                    out[orow + i] += src[srow + i] * wt;
                }
            }
        }
        return out;
    }

    /** Source indices and weights of each output position along one axis. */
    private static final class Weights {
        int[] start;
        int[] count;
        int[] index;
        double[] weight;

        static Weights of(int n, int nn) {
            Weights k = new Weights();
            k.start = new int[nn];
            k.count = new int[nn];
            java.util.List<Integer> idx = new java.util.ArrayList<>();
            java.util.List<Double> wts = new java.util.ArrayList<>();
            double scale = (double) n / nn;
            for (int o = 0; o < nn; o++) {
                k.start[o] = idx.size();
                if (nn < n) {
                    // area: output pixel o covers source [o*scale, (o+1)*scale)
                    double a = o * scale;
                    double b = (o + 1) * scale;
                    for (int s = (int) Math.floor(a); s < Math.min(n, (int) Math.ceil(b)); s++) {
                        double cover = Math.min(b, s + 1) - Math.max(a, s);
                        if (cover > 0) {
                            idx.add(s);
                            wts.add(cover / scale);
                        }
                    }
                } else {
                    // bilinear on pixel centres
                    double p = (o + 0.5) * scale - 0.5;
                    int s0 = (int) Math.floor(p);
                    double f = p - s0;
                    int a = Math.max(0, Math.min(n - 1, s0));
                    int b = Math.max(0, Math.min(n - 1, s0 + 1));
                    idx.add(a);
                    wts.add(1 - f);
                    idx.add(b);
                    wts.add(f);
                }
                k.count[o] = idx.size() - k.start[o];
            }
            k.index = idx.stream().mapToInt(Integer::intValue).toArray();
            k.weight = wts.stream().mapToDouble(Double::doubleValue).toArray();
            return k;
        }
    }
}
