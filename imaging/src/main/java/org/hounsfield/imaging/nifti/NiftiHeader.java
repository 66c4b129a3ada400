package org.hounsfield.imaging.nifti;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import org.hounsfield.core.DicomException;
import org.hounsfield.imaging.volume.VoxelType;

/**
 * The fields of a NIfTI-1 header (348 bytes, single file ".nii" layout) that this package reads
 * and writes. Matrices are RAS+ millimetres as NIfTI defines them.
 *
 * <pre>{@code
 * NiftiHeader h = NiftiReader.read(Path.of("ct.nii.gz")).header();
 * h.dim();          // {3, 512, 512, 300, 1, 1, 1, 1}
 * h.sform();        // 3x4 srow_x, srow_y, srow_z
 * h.qformMatrix();  // the 3x4 matrix the quaternion gives
 * }</pre>
 */
public final class NiftiHeader {
    public static final int HEADER_SIZE = 348;
    public static final int VOX_OFFSET = 352;

    public static final short DT_UINT8 = 2;
    public static final short DT_INT16 = 4;
    public static final short DT_INT32 = 8;
    public static final short DT_FLOAT32 = 16;
    public static final short DT_FLOAT64 = 64;
    public static final short DT_INT8 = 256;
    public static final short DT_UINT16 = 512;
    public static final short DT_UINT32 = 768;

    short[] dim = new short[8];
    short datatype;
    short bitpix;
    float[] pixdim = new float[8];
    float voxOffset = VOX_OFFSET;
    float sclSlope;
    float sclInter;
    byte xyztUnits = 10; // mm and seconds
    byte dimInfo;
    String descrip = "";
    short qformCode;
    short sformCode;
    float quaternB;
    float quaternC;
    float quaternD;
    float[] qoffset = new float[3];
    float[][] srow = new float[3][4];
    String intentName = "";

    NiftiHeader() {
    }

    public short[] dim() {
        return dim.clone();
    }

    public short datatype() {
        return datatype;
    }

    public short bitpix() {
        return bitpix;
    }

    /** pixdim[0] is qfac (-1 or 1), pixdim[1..3] voxel size in mm, pixdim[4] the time step. */
    public float[] pixdim() {
        return pixdim.clone();
    }

    public float voxOffset() {
        return voxOffset;
    }

    public float sclSlope() {
        return sclSlope;
    }

    public float sclInter() {
        return sclInter;
    }

    public String descrip() {
        return descrip;
    }

    public short qformCode() {
        return qformCode;
    }

    public short sformCode() {
        return sformCode;
    }

    /** quatern_b, quatern_c, quatern_d. */
    public float[] quaternion() {
        return new float[] {quaternB, quaternC, quaternD};
    }

    public float[] qoffset() {
        return qoffset.clone();
    }

    /** srow_x, srow_y, srow_z (3x4). */
    public double[][] sform() {
        double[][] m = new double[3][4];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) {
                m[r][c] = srow[r][c];
            }
        }
        return m;
    }

    /** The 3x4 voxel-to-RAS matrix of the qform (quaternion, pixdim, qfac, offset). */
    public double[][] qformMatrix() {
        double b = quaternB;
        double c = quaternC;
        double d = quaternD;
        double a = 1 - (b * b + c * c + d * d);
        a = a < 1e-7 ? 0 : Math.sqrt(a);
        if (a == 0) {
            double n = Math.sqrt(b * b + c * c + d * d);
            b /= n;
            c /= n;
            d /= n;
        }
        double[][] r = {
            {a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c)},
            {2 * (b * c + a * d), a * a + c * c - b * b - d * d, 2 * (c * d - a * b)},
            {2 * (b * d - a * c), 2 * (c * d + a * b), a * a + d * d - c * c - b * b},
        };
        double qfac = pixdim[0] < 0 ? -1 : 1;
        double[] s = {pixdim[1], pixdim[2], pixdim[3] * qfac};
        double[][] m = new double[3][4];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                m[i][j] = r[i][j] * s[j];
            }
            m[i][3] = qoffset[i];
        }
        return m;
    }

    /** The voxel type of a NIfTI datatype code. */
    public static VoxelType voxelType(short datatype) {
        return switch (datatype) {
            case DT_UINT8 -> VoxelType.UINT8;
            case DT_INT8 -> VoxelType.INT8;
            case DT_INT16 -> VoxelType.INT16;
            case DT_UINT16 -> VoxelType.UINT16;
            case DT_INT32 -> VoxelType.INT32;
            case DT_UINT32 -> VoxelType.UINT32;
            case DT_FLOAT32 -> VoxelType.FLOAT32;
            case DT_FLOAT64 -> VoxelType.FLOAT64;
            default -> throw new DicomException("unsupported NIfTI datatype " + datatype);
        };
    }

    /** The NIfTI datatype code of a voxel type. */
    public static short datatype(VoxelType t) {
        return switch (t) {
            case UINT8 -> DT_UINT8;
            case INT8 -> DT_INT8;
            case INT16 -> DT_INT16;
            case UINT16 -> DT_UINT16;
            case INT32 -> DT_INT32;
            case UINT32 -> DT_UINT32;
            case FLOAT32 -> DT_FLOAT32;
            case FLOAT64 -> DT_FLOAT64;
        };
    }

    /** The 352 bytes before the voxels: header plus an empty extension flag. */
    byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(VOX_OFFSET).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, HEADER_SIZE);
        b.put(38, (byte) 'r');
        b.put(39, dimInfo);
        for (int i = 0; i < 8; i++) {
            b.putShort(40 + 2 * i, dim[i]);
        }
        b.putShort(70, datatype);
        b.putShort(72, bitpix);
        for (int i = 0; i < 8; i++) {
            b.putFloat(76 + 4 * i, pixdim[i]);
        }
        b.putFloat(108, voxOffset);
        b.putFloat(112, sclSlope);
        b.putFloat(116, sclInter);
        b.put(123, xyztUnits);
        putString(b, 148, 80, descrip);
        b.putShort(252, qformCode);
        b.putShort(254, sformCode);
        b.putFloat(256, quaternB);
        b.putFloat(260, quaternC);
        b.putFloat(264, quaternD);
        for (int i = 0; i < 3; i++) {
            b.putFloat(268 + 4 * i, qoffset[i]);
        }
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) {
                b.putFloat(280 + 16 * r + 4 * c, srow[r][c]);
            }
        }
        putString(b, 328, 16, intentName);
        b.put(344, (byte) 'n');
        b.put(345, (byte) '+');
        b.put(346, (byte) '1');
        return b.array();
    }

    static NiftiHeader decode(byte[] raw) {
        if (raw.length < HEADER_SIZE) {
            throw new DicomException("NIfTI header truncated: " + raw.length + " bytes");
        }
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(0) != HEADER_SIZE) {
            b.order(ByteOrder.BIG_ENDIAN);
            if (b.getInt(0) != HEADER_SIZE) {
                throw new DicomException("not a NIfTI-1 file (sizeof_hdr " + b.order(ByteOrder.LITTLE_ENDIAN).getInt(0) + ")");
            }
        }
        if (raw[344] != 'n' || (raw[345] != '+' && raw[345] != 'i') || raw[346] != '1') {
            throw new DicomException("not a NIfTI-1 file (magic)");
        }
        NiftiHeader h = new NiftiHeader();
        h.dimInfo = raw[39];
        for (int i = 0; i < 8; i++) {
            h.dim[i] = b.getShort(40 + 2 * i);
        }
        h.datatype = b.getShort(70);
        h.bitpix = b.getShort(72);
        for (int i = 0; i < 8; i++) {
            h.pixdim[i] = b.getFloat(76 + 4 * i);
        }
        h.voxOffset = b.getFloat(108);
        h.sclSlope = b.getFloat(112);
        h.sclInter = b.getFloat(116);
        h.xyztUnits = raw[123];
        h.descrip = getString(raw, 148, 80);
        h.qformCode = b.getShort(252);
        h.sformCode = b.getShort(254);
        h.quaternB = b.getFloat(256);
        h.quaternC = b.getFloat(260);
        h.quaternD = b.getFloat(264);
        for (int i = 0; i < 3; i++) {
            h.qoffset[i] = b.getFloat(268 + 4 * i);
        }
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) {
                h.srow[r][c] = b.getFloat(280 + 16 * r + 4 * c);
            }
        }
        h.intentName = getString(raw, 328, 16);
        h.bigEndian = b.order() == ByteOrder.BIG_ENDIAN;
        return h;
    }

    boolean bigEndian;

    private static void putString(ByteBuffer b, int off, int max, String s) {
        byte[] a = s.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < Math.min(a.length, max - 1); i++) {
            b.put(off + i, a[i]);
        }
    }

    private static String getString(byte[] raw, int off, int max) {
        int n = 0;
        while (n < max && raw[off + n] != 0) {
            n++;
        }
        return new String(raw, off, n, StandardCharsets.US_ASCII);
    }
}
