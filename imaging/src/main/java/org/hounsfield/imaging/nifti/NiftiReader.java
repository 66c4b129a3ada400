package org.hounsfield.imaging.nifti;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import org.hounsfield.core.DicomException;
import org.hounsfield.core.DicomIOException;
import org.hounsfield.core.DicomLimitException;
import org.hounsfield.imaging.volume.VoxelType;

/**
 * A small NIfTI-1 reader (single file, .nii or .nii.gz, either byte order) for tests and checks:
 * the header and the voxels as doubles, with or without {@code scl_slope}/{@code scl_inter}.
 *
 * <pre>{@code
 * NiftiReader.Image img = NiftiReader.read(Path.of("ct.nii.gz"));
 * double v = img.raw(10, 20, 30);       // as stored
 * double hu = img.scaled(10, 20, 30);   // scl_slope * v + scl_inter
 * }</pre>
 */
public final class NiftiReader {
    private static final long MAX_VOXELS = 1L << 31;

    private NiftiReader() {
    }

    /** A read image: header and voxel bytes (x fastest). */
    public record Image(NiftiHeader header, ByteBuffer data) {
        public int nx() {
            return header.dim[1];
        }

        public int ny() {
            return header.dim[2];
        }

        public int nz() {
            return header.dim[0] >= 3 ? header.dim[3] : 1;
        }

        public int nt() {
            return header.dim[0] >= 4 ? header.dim[4] : 1;
        }

        public double raw(int x, int y, int z) {
            return raw(x, y, z, 0);
        }

        /** The voxel as stored. */
        public double raw(int x, int y, int z, int t) {
            if (x < 0 || x >= nx() || y < 0 || y >= ny() || z < 0 || z >= nz() || t < 0 || t >= nt()) {
                throw new IndexOutOfBoundsException("(" + x + ", " + y + ", " + z + ", " + t + ")");
            }
            VoxelType vt = NiftiHeader.voxelType(header.datatype);
            int i = (int) ((((long) t * nz() + z) * ny() + y) * nx() + x) * vt.bytes();
            return switch (vt) {
                case UINT8 -> data.get(i) & 0xFF;
                case INT8 -> data.get(i);
                case INT16 -> data.getShort(i);
                case UINT16 -> data.getShort(i) & 0xFFFF;
                case INT32 -> data.getInt(i);
                case UINT32 -> data.getInt(i) & 0xFFFFFFFFL;
                case FLOAT32 -> data.getFloat(i);
                case FLOAT64 -> data.getDouble(i);
            };
        }

        /** The voxel with scl_slope/scl_inter applied (when scl_slope is not 0). */
        public double scaled(int x, int y, int z) {
            double v = raw(x, y, z);
            float s = header.sclSlope;
            return s == 0 || !Float.isFinite(s) ? v : v * s + header.sclInter;
        }
    }

    public static Image read(Path file) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            InputStream in = b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(raw, 1 << 16) : raw;
            byte[] hb = in.readNBytes(NiftiHeader.HEADER_SIZE);
            NiftiHeader h = NiftiHeader.decode(hb);
            long voxels = 1;
            int nd = h.dim[0];
            if (nd < 1 || nd > 7) {
                throw new DicomException("NIfTI dim[0] " + nd + " out of range");
            }
            for (int i = 1; i <= nd; i++) {
                if (h.dim[i] < 1) {
                    throw new DicomException("NIfTI dim[" + i + "] = " + h.dim[i]);
                }
                voxels *= h.dim[i];
            }
            VoxelType vt = NiftiHeader.voxelType(h.datatype);
            long bytes = voxels * vt.bytes();
            if (bytes > MAX_VOXELS - 16) {
                throw new DicomLimitException("NIfTI image of " + bytes + " bytes is too large for this reader", 0);
            }
            long skip = (long) h.voxOffset - NiftiHeader.HEADER_SIZE;
            if (skip < 0) {
                throw new DicomException("NIfTI vox_offset " + h.voxOffset + " inside the header");
            }
            in.skipNBytes(skip);
            byte[] data = in.readNBytes((int) bytes);
            if (data.length != bytes) {
                throw new DicomException("NIfTI voxel data truncated: " + data.length + " of " + bytes + " bytes");
            }
            ByteBuffer bb = ByteBuffer.wrap(data).order(h.bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            return new Image(h, bb);
        } catch (IOException e) {
            throw new DicomIOException("cannot read " + file, e);
        }
    }
}
