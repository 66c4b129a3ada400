package org.hounsfield.imaging.render;

import org.hounsfield.core.Dataset;
import org.hounsfield.core.Tag;
import org.hounsfield.core.TransferSyntax;
import org.hounsfield.core.VR;

/** Small images built in memory for the imaging tests. */
public final class TestImages {
    private TestImages() {
    }

    /** A grayscale image, 16 bits allocated (8 when {@code bitsStored <= 8}), values row by row, all frames. */
    public static Dataset gray(int rows, int cols, int frames, int bitsStored, boolean signed, int... values) {
        Dataset ds = new Dataset();
        ds.setString(Tag.Modality, "OT");
        ds.setInts(Tag.SamplesPerPixel, VR.US, 1);
        ds.setString(Tag.PhotometricInterpretation, "MONOCHROME2");
        ds.setInts(Tag.Rows, VR.US, rows);
        ds.setInts(Tag.Columns, VR.US, cols);
        if (frames > 1) {
            ds.setString(Tag.NumberOfFrames, VR.IS, Integer.toString(frames));
        }
        int bits = bitsStored <= 8 ? 8 : 16;
        ds.setInts(Tag.BitsAllocated, VR.US, bits);
        ds.setInts(Tag.BitsStored, VR.US, bitsStored);
        ds.setInts(Tag.HighBit, VR.US, bitsStored - 1);
        ds.setInts(Tag.PixelRepresentation, VR.US, signed ? 1 : 0);
        int n = rows * cols * frames;
        if (values.length != n) {
            throw new IllegalArgumentException(values.length + " values for " + n + " pixels");
        }
        byte[] px = new byte[n * bits / 8 + (n * bits / 8) % 2];
        for (int i = 0; i < n; i++) {
            if (bits == 8) {
                px[i] = (byte) values[i];
            } else {
                px[2 * i] = (byte) values[i];
                px[2 * i + 1] = (byte) (values[i] >> 8);
            }
        }
        ds.setBytes(Tag.PixelData, bits == 8 ? VR.OB : VR.OW, px);
        ds.setTransferSyntax(TransferSyntax.EXPLICIT_VR_LE);
        return ds;
    }

    /** An 8-bit, three-sample image (interleaved) with the given photometric interpretation. */
    public static Dataset color(int rows, int cols, String photometric, int... samples) {
        Dataset ds = new Dataset();
        ds.setString(Tag.Modality, "OT");
        ds.setInts(Tag.SamplesPerPixel, VR.US, 3);
        ds.setString(Tag.PhotometricInterpretation, photometric);
        ds.setInts(Tag.PlanarConfiguration, VR.US, 0);
        ds.setInts(Tag.Rows, VR.US, rows);
        ds.setInts(Tag.Columns, VR.US, cols);
        ds.setInts(Tag.BitsAllocated, VR.US, 8);
        ds.setInts(Tag.BitsStored, VR.US, 8);
        ds.setInts(Tag.HighBit, VR.US, 7);
        ds.setInts(Tag.PixelRepresentation, VR.US, 0);
        byte[] px = new byte[samples.length + samples.length % 2];
        for (int i = 0; i < samples.length; i++) {
            px[i] = (byte) samples[i];
        }
        ds.setBytes(Tag.PixelData, VR.OB, px);
        ds.setTransferSyntax(TransferSyntax.EXPLICIT_VR_LE);
        return ds;
    }

    /** 16-bit little-endian words. */
    public static byte[] words(int... v) {
        byte[] b = new byte[v.length * 2];
        for (int i = 0; i < v.length; i++) {
            b[2 * i] = (byte) v[i];
            b[2 * i + 1] = (byte) (v[i] >> 8);
        }
        return b;
    }
}
