package org.hounsfield.imaging.volume.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.hounsfield.core.DicomLimitException;
import org.hounsfield.imaging.volume.VoxelType;

/**
 * Voxels in primitive arrays of whole slices: one array for the whole volume when it has fewer
 * than 2^30 voxels, else chunks of whole slices. No per-slice arrays: a 512x512 slice of shorts is
 * a "humongous" object for G1 and would take a whole 1 MiB region, doubling the footprint.
 */
public abstract sealed class VoxelStore {
    private static final long CHUNK_VOXELS = 1L << 30;

    protected final VoxelType type;
    protected final int sliceSize;
    protected final int slices;
    protected final int slicesPerChunk;

    VoxelStore(VoxelType type, int sliceSize, int slices) {
        this.type = type;
        this.sliceSize = sliceSize;
        this.slices = slices;
        this.slicesPerChunk = (int) Math.max(1, Math.min(slices, CHUNK_VOXELS / Math.max(1, sliceSize)));
    }

    /** A zeroed store of {@code slices} slices of {@code sliceSize} voxels. */
    public static VoxelStore allocate(VoxelType type, int sliceSize, int slices) {
        if (sliceSize <= 0 || slices <= 0) {
            throw new IllegalArgumentException("empty volume");
        }
        long total = (long) sliceSize * slices * type.bytes();
        long free = Runtime.getRuntime().maxMemory() - (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory());
        if (total > free) {
            throw new DicomLimitException("volume of " + slices + " slices of " + sliceSize + " voxels needs " + (total >> 20)
                    + " MiB, only about " + (free >> 20) + " MiB of heap free (raise -Xmx)", -1);
        }
        return switch (type) {
            case UINT8, INT8 -> new Bytes(type, sliceSize, slices);
            case UINT16, INT16 -> new Shorts(type, sliceSize, slices);
            case UINT32, INT32 -> new Ints(type, sliceSize, slices);
            case FLOAT32 -> new Floats(type, sliceSize, slices);
            case FLOAT64 -> new Doubles(type, sliceSize, slices);
        };
    }

    /** Where a write-through store sends each slice. */
    @FunctionalInterface
    public interface SliceSink {
        /**
         * Takes slice {@code index} ({@code t * nz + z}, the NIfTI order) as little-endian
         * voxels from the buffer's position to its limit. Called by several threads at once, in
         * no particular order; the buffer is reused once this returns.
         */
        void accept(int index, ByteBuffer slice) throws java.io.IOException;
    }

    /**
     * A store that keeps nothing: each 16-bit slice goes, as it arrives, to {@code sink} in
     * little endian, rows reversed when {@code flipRows}, with its NIfTI index
     * {@code t * nz + z} (the store's slice index is {@code z * nt + t}): a file filled in place,
     * by several threads at once, without the volume in memory. Takes stored values only
     * (slope 1, intercept 0); reading voxels back is not supported.
     */
    public static VoxelStore toSink(VoxelType type, int nx, int ny, int nz, int nt, boolean flipRows, SliceSink sink) {
        if (type != VoxelType.UINT16 && type != VoxelType.INT16) {
            throw new IllegalArgumentException("only 16-bit voxels are written through: " + type);
        }
        return new ToSink(type, nx, ny, nz, nt, flipRows, sink);
    }

    /** Makes the store of a volume being loaded (the usual one is {@link #allocate}). */
    @FunctionalInterface
    public interface Factory {
        VoxelStore create(VoxelType type, int sliceSize, int slices);
    }

    public VoxelType type() {
        return type;
    }

    public int sliceSize() {
        return sliceSize;
    }

    public int slices() {
        return slices;
    }

    protected int chunkLength(int c) {
        int first = c * slicesPerChunk;
        return Math.min(slicesPerChunk, slices - first) * sliceSize;
    }

    protected int chunks() {
        return (slices + slicesPerChunk - 1) / slicesPerChunk;
    }

    /** The value of voxel {@code offset} of slice {@code slice}, read as {@link #type()}. */
    public abstract double get(int slice, int offset);

    /** Stores a value (rounded and clamped for integer types). */
    public abstract void set(int slice, int offset, double value);

    /** Copies {@code count} voxels into {@code dst} as floats. */
    public abstract void getFloats(int slice, int offset, float[] dst, int dstOff, int count);

    /**
     * Copies a decoded frame (little-endian stored values of {@code bytesPerSample} bytes, signed
     * values sign-extended, as {@code PixelData.frame} gives them) into slice {@code slice},
     * unchanged when {@code slope == 1 && intercept == 0}, else as {@code v * slope + intercept}.
     */
    public abstract void putFrame(int slice, byte[] frame, int bytesPerSample, boolean signedSamples, boolean floatSamples,
                                  double slope, double intercept);

    private static final ThreadLocal<short[]> SHORTS = ThreadLocal.withInitial(() -> new short[0]);

    private static final ThreadLocal<long[]> LONGS = ThreadLocal.withInitial(() -> new long[0]);

    /**
     * Whether masking or sign extension would change any of the {@code count} 16-bit samples at
     * {@code src}'s position: unsigned samples with a bit at or above {@code bitsStored}, or signed
     * ones with a bit at or above the sign bit. Usually not (a 12-bit CT slice holds 12-bit
     * values), and testing four samples at a time is far cheaper than masking each, above all
     * in a short run whose loops the JIT has not yet compiled.
     */
    static boolean needsMask(ByteBuffer src, int count, int bitsStored, boolean signed) {
        int high = 0xFFFF & ~((1 << (signed ? bitsStored - 1 : bitsStored)) - 1);
        long lanes = high * 0x0001000100010001L;
        int words = count / 4;
        long[] w = LONGS.get();
        if (w.length < words) {
            w = new long[words];
            LONGS.set(w);
        }
        src.asLongBuffer().get(w, 0, words);
        long or = 0;
        for (int i = 0; i < words; i++) {
            or |= w[i];
        }
        for (int i = words * 4; i < count; i++) {
            or |= src.getShort(src.position() + 2 * i) & 0xFFFFL;
        }
        return (or & lanes) != 0;
    }

    /** A reused per-thread array of at least {@code n} shorts. */
    static short[] shorts(int n) {
        short[] tmp = SHORTS.get();
        if (tmp.length < n) {
            tmp = new short[n];
            SHORTS.set(tmp);
        }
        return tmp;
    }

    /**
     * Copies a native 16-bit frame (in {@code src}'s byte order, from its position) into slice
     * {@code slice}: bits above {@code bitsStored} masked, signed values sign-extended (the
     * rules of {@code PixelData.frame}), then {@code v * slope + intercept}.
     */
    public void putFrame16(int slice, ByteBuffer src, int bitsStored, boolean signed, double slope, double intercept) {
        short[] tmp = shorts(sliceSize);
        src.asShortBuffer().get(tmp, 0, sliceSize);
        if (bitsStored < 16 && needsMask(src, sliceSize, bitsStored, signed)) {
            if (signed) {
                int shift = 32 - bitsStored; // sign-extend from bit bitsStored - 1, dropping the bits above
                for (int i = 0; i < sliceSize; i++) {
                    tmp[i] = (short) (tmp[i] << shift >> shift);
                }
            } else {
                short mask = (short) ((1 << bitsStored) - 1);
                for (int i = 0; i < sliceSize; i++) {
                    tmp[i] &= mask;
                }
            }
        }
        putShorts(slice, tmp, signed, slope, intercept);
    }

    /** Stores 16-bit samples (read signed or unsigned) as {@code v * slope + intercept}. */
    void putShorts(int slice, short[] v, boolean signed, double slope, double intercept) {
        for (int i = 0; i < sliceSize; i++) {
            set(slice, i, (signed ? v[i] : v[i] & 0xFFFF) * slope + intercept);
        }
    }

    /** Appends {@code count} voxels to {@code out} in little endian. */
    public abstract void writeLittleEndian(int slice, int offset, int count, ByteBuffer out);

    /** Reads a little-endian sample of a decoded frame as a double. */
    static double sample(ByteBuffer le, int index, int bps, boolean signed, boolean floating) {
        int p = index * bps;
        return switch (bps) {
            case 1 -> signed ? le.get(p) : le.get(p) & 0xFF;
            case 2 -> signed ? le.getShort(p) : le.getShort(p) & 0xFFFF;
            case 4 -> floating ? le.getFloat(p) : signed ? le.getInt(p) : le.getInt(p) & 0xFFFFFFFFL;
            case 8 -> floating ? le.getDouble(p) : (double) le.getLong(p);
            default -> throw new IllegalArgumentException("bytes per sample " + bps);
        };
    }

    static ByteBuffer le(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }

    static boolean identity(double slope, double intercept) {
        return slope == 1 && intercept == 0;
    }

    static long roundClamp(double v, VoxelType t) {
        double r = Math.rint(v);
        return (long) Math.max(t.min(), Math.min(t.max(), r));
    }

    static final class Bytes extends VoxelStore {
        private final byte[][] data;

        Bytes(VoxelType type, int sliceSize, int slices) {
            super(type, sliceSize, slices);
            data = new byte[chunks()][];
            for (int c = 0; c < data.length; c++) {
                data[c] = new byte[chunkLength(c)];
            }
        }

        @Override
        public double get(int slice, int offset) {
            byte b = data[slice / slicesPerChunk][(slice % slicesPerChunk) * sliceSize + offset];
            return type == VoxelType.INT8 ? b : b & 0xFF;
        }

        @Override
        public void set(int slice, int offset, double value) {
            data[slice / slicesPerChunk][(slice % slicesPerChunk) * sliceSize + offset] = (byte) roundClamp(value, type);
        }

        @Override
        public void getFloats(int slice, int offset, float[] dst, int dstOff, int count) {
            byte[] a = data[slice / slicesPerChunk];
            int base = (slice % slicesPerChunk) * sliceSize + offset;
            boolean s = type == VoxelType.INT8;
            for (int i = 0; i < count; i++) {
                dst[dstOff + i] = s ? a[base + i] : a[base + i] & 0xFF;
            }
        }

        @Override
        public void putFrame(int slice, byte[] frame, int bps, boolean signed, boolean floating, double slope, double intercept) {
            byte[] a = data[slice / slicesPerChunk];
            int base = (slice % slicesPerChunk) * sliceSize;
            if (bps == 1 && identity(slope, intercept)) {
                System.arraycopy(frame, 0, a, base, sliceSize);
                return;
            }
            ByteBuffer le = le(frame);
            for (int i = 0; i < sliceSize; i++) {
                a[base + i] = (byte) roundClamp(sample(le, i, bps, signed, floating) * slope + intercept, type);
            }
        }

        @Override
        public void writeLittleEndian(int slice, int offset, int count, ByteBuffer out) {
            out.put(data[slice / slicesPerChunk], (slice % slicesPerChunk) * sliceSize + offset, count);
        }
    }

    static final class Shorts extends VoxelStore {
        private final short[][] data;

        Shorts(VoxelType type, int sliceSize, int slices) {
            super(type, sliceSize, slices);
            data = new short[chunks()][];
            for (int c = 0; c < data.length; c++) {
                data[c] = new short[chunkLength(c)];
            }
        }

        @Override
        public double get(int slice, int offset) {
            short v = data[slice / slicesPerChunk][(slice % slicesPerChunk) * sliceSize + offset];
            return type == VoxelType.INT16 ? v : v & 0xFFFF;
        }

        @Override
        public void set(int slice, int offset, double value) {
            data[slice / slicesPerChunk][(slice % slicesPerChunk) * sliceSize + offset] = (short) roundClamp(value, type);
        }

        @Override
        public void getFloats(int slice, int offset, float[] dst, int dstOff, int count) {
            short[] a = data[slice / slicesPerChunk];
            int base = (slice % slicesPerChunk) * sliceSize + offset;
            if (type == VoxelType.INT16) {
                for (int i = 0; i < count; i++) {
                    dst[dstOff + i] = a[base + i];
                }
            } else {
                for (int i = 0; i < count; i++) {
                    dst[dstOff + i] = a[base + i] & 0xFFFF;
                }
            }
        }

        @Override
        public void putFrame(int slice, byte[] frame, int bps, boolean signed, boolean floating, double slope, double intercept) {
            short[] a = data[slice / slicesPerChunk];
            int base = (slice % slicesPerChunk) * sliceSize;
            ByteBuffer le = le(frame);
            if (bps == 2 && identity(slope, intercept)) {
                le.asShortBuffer().get(a, base, sliceSize);
                return;
            }
            if (bps == 2 && slope == 1 && intercept == Math.rint(intercept)) {
                // the usual CT case: stored + integer intercept, exact in int arithmetic
                int ic = (int) intercept;
                int lo = (int) type.min();
                int hi = (int) type.max();
                for (int i = 0; i < sliceSize; i++) {
                    int v = (signed ? le.getShort(2 * i) : le.getShort(2 * i) & 0xFFFF) + ic;
                    a[base + i] = (short) (v < lo ? lo : v > hi ? hi : v);
                }
                return;
            }
            for (int i = 0; i < sliceSize; i++) {
                a[base + i] = (short) roundClamp(sample(le, i, bps, signed, floating) * slope + intercept, type);
            }
        }

        @Override
        void putShorts(int slice, short[] v, boolean signed, double slope, double intercept) {
            short[] a = data[slice / slicesPerChunk];
            int base = (slice % slicesPerChunk) * sliceSize;
            if (identity(slope, intercept)) {
                System.arraycopy(v, 0, a, base, sliceSize);
            } else if (slope == 1 && intercept == Math.rint(intercept)) {
                int ic = (int) intercept;
                int lo = (int) type.min();
                int hi = (int) type.max();
                for (int i = 0; i < sliceSize; i++) {
                    int x = (signed ? v[i] : v[i] & 0xFFFF) + ic;
                    a[base + i] = (short) (x < lo ? lo : x > hi ? hi : x);
                }
            } else {
                super.putShorts(slice, v, signed, slope, intercept);
            }
        }

        @Override
        public void writeLittleEndian(int slice, int offset, int count, ByteBuffer out) {
            short[] a = data[slice / slicesPerChunk];
            int base = (slice % slicesPerChunk) * sliceSize + offset;
            out.asShortBuffer().put(a, base, count);
            out.position(out.position() + 2 * count);
        }
    }

    static final class ToSink extends VoxelStore {
        private static final ThreadLocal<ByteBuffer> OUT = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(0));
        private final int nx;
        private final int ny;
        private final int nz;
        private final int nt;
        private final boolean flip;
        private final SliceSink sink;

        ToSink(VoxelType type, int nx, int ny, int nz, int nt, boolean flip, SliceSink sink) {
            super(type, Math.multiplyExact(nx, ny), Math.multiplyExact(nz, nt));
            this.nx = nx;
            this.ny = ny;
            this.nz = nz;
            this.nt = nt;
            this.flip = flip;
            this.sink = sink;
        }

        private static UnsupportedOperationException notKept() {
            return new UnsupportedOperationException("voxels were written out as they loaded; none are kept");
        }

        @Override
        public double get(int slice, int offset) {
            throw notKept();
        }

        @Override
        public void set(int slice, int offset, double value) {
            throw notKept();
        }

        @Override
        public void getFloats(int slice, int offset, float[] dst, int dstOff, int count) {
            throw notKept();
        }

        @Override
        public void writeLittleEndian(int slice, int offset, int count, ByteBuffer out) {
            throw notKept();
        }

        @Override
        public void putFrame(int slice, byte[] frame, int bps, boolean signed, boolean floating, double slope, double intercept) {
            if (bps != 2 || floating || !identity(slope, intercept)) {
                throw new IllegalStateException("a write-through store takes 16-bit stored values only");
            }
            short[] tmp = shorts(sliceSize);
            le(frame).asShortBuffer().get(tmp, 0, sliceSize);
            putShorts(slice, tmp, signed, slope, intercept);
        }

        @Override
        void putShorts(int slice, short[] v, boolean signed, double slope, double intercept) {
            if (!identity(slope, intercept)) {
                throw new IllegalStateException("a write-through store takes stored values only");
            }
            int sliceBytes = 2 * sliceSize;
            ByteBuffer o = OUT.get();
            if (o.capacity() < sliceBytes) {
                o = ByteBuffer.allocateDirect(sliceBytes).order(ByteOrder.LITTLE_ENDIAN);
                OUT.set(o);
            }
            o.clear().limit(sliceBytes);
            java.nio.ShortBuffer sb = o.asShortBuffer();
            for (int j = 0; j < ny; j++) {
                sb.put(v, (flip ? ny - 1 - j : j) * nx, nx);
            }
            int z = slice / nt;
            int t = slice % nt;
            try {
                sink.accept(t * nz + z, o);
            } catch (java.io.IOException e) {
                throw new org.hounsfield.core.DicomIOException("cannot write voxels", e);
            }
        }
    }

    static final class Ints extends VoxelStore {
        private final int[][] data;

        Ints(VoxelType type, int sliceSize, int slices) {
            super(type, sliceSize, slices);
            data = new int[chunks()][];
            for (int c = 0; c < data.length; c++) {
                data[c] = new int[chunkLength(c)];
            }
        }

        @Override
        public double get(int slice, int offset) {
            int v = data[slice / slicesPerChunk][(slice % slicesPerChunk) * sliceSize + offset];
            return type == VoxelType.INT32 ? v : v & 0xFFFFFFFFL;
        }

        @Override
        public void set(int slice, int offset, double value) {
            data[slice / slicesPerChunk][(slice % slicesPerChunk) * sliceSize + offset] = (int) roundClamp(value, type);
        }

        @Override
        public void getFloats(int slice, int offset, float[] dst, int dstOff, int count) {
            for (int i = 0; i < count; i++) {
                dst[dstOff + i] = (float) get(slice, offset + i);
            }
        }

        @Override
        public void putFrame(int slice, byte[] frame, int bps, boolean signed, boolean floating, double slope, double intercept) {
            int[] a = data[slice / slicesPerChunk];
            int base = (slice % slicesPerChunk) * sliceSize;
            ByteBuffer le = le(frame);
            if (bps == 4 && !floating && identity(slope, intercept)) {
                le.asIntBuffer().get(a, base, sliceSize);
                return;
            }
            for (int i = 0; i < sliceSize; i++) {
                a[base + i] = (int) roundClamp(sample(le, i, bps, signed, floating) * slope + intercept, type);
            }
        }

        @Override
        public void writeLittleEndian(int slice, int offset, int count, ByteBuffer out) {
            out.asIntBuffer().put(data[slice / slicesPerChunk], (slice % slicesPerChunk) * sliceSize + offset, count);
            out.position(out.position() + 4 * count);
        }
    }

    static final class Floats extends VoxelStore {
        private final float[][] data;

        Floats(VoxelType type, int sliceSize, int slices) {
            super(type, sliceSize, slices);
            data = new float[chunks()][];
            for (int c = 0; c < data.length; c++) {
                data[c] = new float[chunkLength(c)];
            }
        }

        @Override
        public double get(int slice, int offset) {
            return data[slice / slicesPerChunk][(slice % slicesPerChunk) * sliceSize + offset];
        }

        @Override
        public void set(int slice, int offset, double value) {
            data[slice / slicesPerChunk][(slice % slicesPerChunk) * sliceSize + offset] = (float) value;
        }

        @Override
        public void getFloats(int slice, int offset, float[] dst, int dstOff, int count) {
            System.arraycopy(data[slice / slicesPerChunk], (slice % slicesPerChunk) * sliceSize + offset, dst, dstOff, count);
        }

        @Override
        public void putFrame(int slice, byte[] frame, int bps, boolean signed, boolean floating, double slope, double intercept) {
            float[] a = data[slice / slicesPerChunk];
            int base = (slice % slicesPerChunk) * sliceSize;
            ByteBuffer le = le(frame);
            if (bps == 4 && floating && identity(slope, intercept)) {
                le.asFloatBuffer().get(a, base, sliceSize);
                return;
            }
            for (int i = 0; i < sliceSize; i++) {
                a[base + i] = (float) (sample(le, i, bps, signed, floating) * slope + intercept);
            }
        }

        @Override
        public void writeLittleEndian(int slice, int offset, int count, ByteBuffer out) {
            out.asFloatBuffer().put(data[slice / slicesPerChunk], (slice % slicesPerChunk) * sliceSize + offset, count);
            out.position(out.position() + 4 * count);
        }
    }

    static final class Doubles extends VoxelStore {
        private final double[][] data;

        Doubles(VoxelType type, int sliceSize, int slices) {
            super(type, sliceSize, slices);
            data = new double[chunks()][];
            for (int c = 0; c < data.length; c++) {
                data[c] = new double[chunkLength(c)];
            }
        }

        @Override
        public double get(int slice, int offset) {
            return data[slice / slicesPerChunk][(slice % slicesPerChunk) * sliceSize + offset];
        }

        @Override
        public void set(int slice, int offset, double value) {
            data[slice / slicesPerChunk][(slice % slicesPerChunk) * sliceSize + offset] = value;
        }

        @Override
        public void getFloats(int slice, int offset, float[] dst, int dstOff, int count) {
            for (int i = 0; i < count; i++) {
                dst[dstOff + i] = (float) get(slice, offset + i);
            }
        }

        @Override
        public void putFrame(int slice, byte[] frame, int bps, boolean signed, boolean floating, double slope, double intercept) {
            double[] a = data[slice / slicesPerChunk];
            int base = (slice % slicesPerChunk) * sliceSize;
            ByteBuffer le = le(frame);
            for (int i = 0; i < sliceSize; i++) {
                a[base + i] = sample(le, i, bps, signed, floating) * slope + intercept;
            }
        }

        @Override
        public void writeLittleEndian(int slice, int offset, int count, ByteBuffer out) {
            out.asDoubleBuffer().put(data[slice / slicesPerChunk], (slice % slicesPerChunk) * sliceSize + offset, count);
            out.position(out.position() + 8 * count);
        }
    }
}
