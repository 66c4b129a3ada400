package org.hounsfield.imaging.volume;

/**
 * How a {@link Volume} holds its voxels: the Java array type and how its bits are read
 * ({@code UINT16} values live in a {@code short[]} and are read unsigned).
 */
public enum VoxelType {
    UINT8(1, false, false),
    INT8(1, true, false),
    UINT16(2, false, false),
    INT16(2, true, false),
    UINT32(4, false, false),
    INT32(4, true, false),
    FLOAT32(4, true, true),
    FLOAT64(8, true, true);

    private final int bytes;
    private final boolean signed;
    private final boolean floating;

    VoxelType(int bytes, boolean signed, boolean floating) {
        this.bytes = bytes;
        this.signed = signed;
        this.floating = floating;
    }

    /** Bytes per voxel. */
    public int bytes() {
        return bytes;
    }

    public boolean signed() {
        return signed;
    }

    public boolean floating() {
        return floating;
    }

    /** Smallest value the type holds. */
    public double min() {
        return switch (this) {
            case UINT8, UINT16, UINT32 -> 0;
            case INT8 -> Byte.MIN_VALUE;
            case INT16 -> Short.MIN_VALUE;
            case INT32 -> Integer.MIN_VALUE;
            case FLOAT32 -> -Float.MAX_VALUE;
            case FLOAT64 -> -Double.MAX_VALUE;
        };
    }

    /** Largest value the type holds. */
    public double max() {
        return switch (this) {
            case UINT8 -> 255;
            case INT8 -> Byte.MAX_VALUE;
            case UINT16 -> 65535;
            case INT16 -> Short.MAX_VALUE;
            case UINT32 -> 4294967295.0;
            case INT32 -> Integer.MAX_VALUE;
            case FLOAT32 -> Float.MAX_VALUE;
            case FLOAT64 -> Double.MAX_VALUE;
        };
    }

    /** The smallest integer type holding every integer in [min, max], or null when none does. */
    public static VoxelType integerFor(double min, double max) {
        for (VoxelType t : new VoxelType[] {UINT8, INT8, INT16, UINT16, INT32, UINT32}) {
            if (min >= t.min() && max <= t.max()) {
                return t;
            }
        }
        return null;
    }
}
