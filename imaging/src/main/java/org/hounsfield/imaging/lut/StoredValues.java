package org.hounsfield.imaging.lut;

import org.hounsfield.codec.FrameInfo;
import org.hounsfield.core.Dataset;
import org.hounsfield.core.DicomValueException;
import org.hounsfield.core.Tag;
import org.hounsfield.imaging.PixelData;

/**
 * The stored values of one frame as numbers: {@code int} for integer pixel data (signed values
 * already sign-extended by {@link PixelData}), {@code double} for Float / Double Float Pixel Data
 * and for 32-bit unsigned values past {@code Integer.MAX_VALUE}. Samples stay interleaved.
 *
 * <pre>{@code
 * StoredValues v = StoredValues.read(ds, PixelData.of(ds), 0);
 * int first = v.ints()[0];
 * double lo = v.min(), hi = v.max();
 * }</pre>
 */
public final class StoredValues {
    private final int[] ints;
    private final double[] reals;
    private double min = Double.NaN;
    private double max = Double.NaN;

    private StoredValues(int[] ints, double[] reals) {
        this.ints = ints;
        this.reals = reals;
    }

    /** Wraps integer values. */
    public static StoredValues ofInts(int[] values) {
        return new StoredValues(values, null);
    }

    /** Wraps real values. */
    public static StoredValues ofDoubles(double[] values) {
        return new StoredValues(null, values);
    }

    /** Frame {@code frame} of the data set's pixel data. */
    public static StoredValues read(Dataset ds, PixelData px, int frame) {
        boolean floating = !ds.contains(Tag.PixelData) && (ds.contains(Tag.FloatPixelData) || ds.contains(Tag.DoubleFloatPixelData));
        return decode(px.frame(frame), px.info(), floating);
    }

    /**
     * Decodes a frame in the {@link PixelData#frame(int)} layout.
     *
     * @param floating whether the samples are IEEE floats (Float / Double Float Pixel Data)
     */
    public static StoredValues decode(byte[] b, FrameInfo info, boolean floating) {
        int bps = info.bytesPerSample();
        int n = b.length / bps;
        if (floating) {
            double[] d = new double[n];
            for (int i = 0; i < n; i++) {
                long bits = 0;
                for (int k = bps - 1; k >= 0; k--) {
                    bits = bits << 8 | (b[i * bps + k] & 0xFF);
                }
                d[i] = bps == 4 ? Float.intBitsToFloat((int) bits) : Double.longBitsToDouble(bits);
            }
            return new StoredValues(null, d);
        }
        boolean signed = info.signed();
        switch (bps) {
            case 1: {
                int[] v = new int[n];
                for (int i = 0; i < n; i++) {
                    v[i] = signed ? b[i] : b[i] & 0xFF;
                }
                return new StoredValues(v, null);
            }
            case 2: {
                int[] v = new int[n];
                for (int i = 0, p = 0; i < n; i++, p += 2) {
                    int u = (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8;
                    v[i] = signed ? (short) u : u;
                }
                return new StoredValues(v, null);
            }
            case 4: {
                int[] v = new int[n];
                boolean fits = true;
                for (int i = 0, p = 0; i < n; i++, p += 4) {
                    v[i] = (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16 | (b[p + 3] & 0xFF) << 24;
                    if (!signed && v[i] < 0) {
                        fits = false;
                    }
                }
                if (fits) {
                    return new StoredValues(v, null);
                }
                double[] d = new double[n];
                for (int i = 0; i < n; i++) {
                    d[i] = v[i] & 0xFFFFFFFFL;
                }
                return new StoredValues(null, d);
            }
            case 8: {
                double[] d = new double[n];
                for (int i = 0; i < n; i++) {
                    long l = 0;
                    for (int k = 7; k >= 0; k--) {
                        l = l << 8 | (b[i * 8 + k] & 0xFF);
                    }
                    d[i] = signed ? (double) l : l >= 0 ? l : Double.parseDouble(Long.toUnsignedString(l));
                }
                return new StoredValues(null, d);
            }
            default:
                throw new DicomValueException("unsupported bytes per sample " + bps);
        }
    }

    /** Number of samples. */
    public int length() {
        return ints != null ? ints.length : reals.length;
    }

    /** Whether the values are integers held in {@link #ints()}. */
    public boolean isInteger() {
        return ints != null;
    }

    /** The integer values (the backing array); throws for real values. */
    public int[] ints() {
        if (ints == null) {
            throw new DicomValueException("pixel values are not integers");
        }
        return ints;
    }

    /** Value {@code i}. */
    public double get(int i) {
        return ints != null ? ints[i] : reals[i];
    }

    /** All values as doubles (a copy for integers, the backing array for reals). */
    public double[] doubles() {
        if (reals != null) {
            return reals;
        }
        double[] d = new double[ints.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = ints[i];
        }
        return d;
    }

    /** Smallest value (NaN and infinite values ignored; NaN when there is none). */
    public double min() {
        if (Double.isNaN(min)) {
            range();
        }
        return min;
    }

    /** Largest value (NaN and infinite values ignored; NaN when there is none). */
    public double max() {
        if (Double.isNaN(max)) {
            range();
        }
        return max;
    }

    private void range() {
        if (ints != null) {
            int lo = Integer.MAX_VALUE;
            int hi = Integer.MIN_VALUE;
            for (int v : ints) {
                if (v < lo) {
                    lo = v;
                }
                if (v > hi) {
                    hi = v;
                }
            }
            if (ints.length > 0) {
                min = lo;
                max = hi;
            }
        } else {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double v : reals) {
                if (!Double.isFinite(v)) {
                    continue;
                }
                if (v < lo) {
                    lo = v;
                }
                if (v > hi) {
                    hi = v;
                }
            }
            if (lo <= hi) {
                min = lo;
                max = hi;
            }
        }
    }
}
