package org.hounsfield.core.io.internal;

/** Reverses the byte order of each value unit of a byte array. */
public final class ByteSwap {
    private ByteSwap() {
    }

    /** A copy of {@code v} with the bytes of each {@code unit}-byte value reversed; {@code v} itself when unit is 1. */
    public static byte[] swapped(byte[] v, int unit) {
        if (unit <= 1) {
            return v;
        }
        byte[] out = v.clone();
        for (int i = 0; i + unit <= out.length; i += unit) {
            for (int k = 0; k < unit / 2; k++) {
                byte t = out[i + k];
                out[i + k] = out[i + unit - 1 - k];
                out[i + unit - 1 - k] = t;
            }
        }
        return out;
    }
}
