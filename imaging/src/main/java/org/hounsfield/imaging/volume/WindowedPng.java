package org.hounsfield.imaging.volume;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

import javax.imageio.ImageIO;

import org.hounsfield.core.DicomException;
import org.hounsfield.core.io.SafeFiles;

/**
 * A minimal 8-bit grayscale PNG of a {@link Reslicer.Image2D}: a linear window (DICOM's
 * center/width formula), NaN black, and pixels made square by linear interpolation along the
 * coarser axis (a coronal plane of 5 mm slices is stretched to its true height).
 *
 * <pre>{@code
 * WindowedPng.write(Reslicer.plane(v, Reslicer.Plane.CORONAL, 128), 40, 400, Path.of("cor.png"));
 * }</pre>
 */
public final class WindowedPng {
    private WindowedPng() {
    }

    /** The 8-bit image: window applied, square pixels. */
    public static BufferedImage render(Reslicer.Image2D img, double center, double width) {
        if (!(width >= 1)) {
            width = 1;
        }
        Reslicer.Image2D sq = square(img);
        BufferedImage out = new BufferedImage(sq.width(), sq.height(), BufferedImage.TYPE_BYTE_GRAY);
        byte[] px = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        double lo = center - 0.5 - (width - 1) / 2;
        for (int i = 0; i < px.length; i++) {
            float v = sq.pixels()[i];
            int g;
            if (Float.isNaN(v) || v <= lo) {
                g = 0;
            } else if (v > center - 0.5 + (width - 1) / 2) {
                g = 255;
            } else {
                g = (int) Math.round(((v - (center - 0.5)) / (width - 1) + 0.5) * 255);
            }
            px[i] = (byte) Math.max(0, Math.min(255, g));
        }
        return out;
    }

    /** Writes the PNG atomically. */
    public static void write(Reslicer.Image2D img, double center, double width, Path file) {
        BufferedImage bi = render(img, center, width);
        SafeFiles.write(file, os -> {
            if (!ImageIO.write(bi, "png", os)) {
                throw new IOException("no PNG writer");
            }
        });
    }

    /** A window from the 1st to the 99th percentile of the finite values. */
    public static double[] autoWindow(Reslicer.Image2D img) {
        float[] v = img.pixels();
        float[] f = new float[v.length];
        int n = 0;
        for (float x : v) {
            if (Float.isFinite(x)) {
                f[n++] = x;
            }
        }
        if (n == 0) {
            return new double[] {0, 1};
        }
        Arrays.sort(f, 0, n);
        double lo = f[(int) (0.01 * (n - 1))];
        double hi = f[(int) (0.99 * (n - 1))];
        if (hi <= lo) {
            hi = lo + 1;
        }
        return new double[] {(lo + hi) / 2, hi - lo};
    }

    static Reslicer.Image2D square(Reslicer.Image2D img) {
        double pw = img.pixelWidth();
        double ph = img.pixelHeight();
        if (!(pw > 0) || !(ph > 0) || Math.abs(pw - ph) < 1e-6 * Math.max(pw, ph)) {
            return img;
        }
        int w = img.width();
        int h = img.height();
        if (ph > pw) {
            int nh = (int) Math.max(1, Math.round((h - 1) * ph / pw) + 1);
            check(w, nh);
            float[] out = new float[w * nh];
            for (int r = 0; r < nh; r++) {
                double y = h == 1 ? 0 : r * (double) (h - 1) / Math.max(1, nh - 1);
                int y0 = (int) Math.floor(y);
                int y1 = Math.min(h - 1, y0 + 1);
                double f = y - y0;
                for (int c = 0; c < w; c++) {
                    out[r * w + c] = (float) (img.get(c, y0) * (1 - f) + img.get(c, y1) * f);
                }
            }
            return new Reslicer.Image2D(w, nh, out, pw, pw);
        }
        int nw = (int) Math.max(1, Math.round((w - 1) * pw / ph) + 1);
        check(nw, h);
        float[] out = new float[nw * h];
        for (int c = 0; c < nw; c++) {
            double x = w == 1 ? 0 : c * (double) (w - 1) / Math.max(1, nw - 1);
            int x0 = (int) Math.floor(x);
            int x1 = Math.min(w - 1, x0 + 1);
            double f = x - x0;
            for (int r = 0; r < h; r++) {
                out[r * nw + c] = (float) (img.get(x0, r) * (1 - f) + img.get(x1, r) * f);
            }
        }
        return new Reslicer.Image2D(nw, h, out, ph, ph);
    }

    private static void check(int w, int h) {
        if ((long) w * h > 1 << 26) {
            throw new DicomException("image of " + w + "x" + h + " is too large to render");
        }
    }
}
