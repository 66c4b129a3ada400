package org.hounsfield.imaging.render.internal;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferUShort;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A small PNG writer (ISO/IEC 15948) for the three kinds of picture the renderer makes: 8-bit
 * gray, 16-bit gray and 8-bit RGB. Non-interlaced; each row gets the "Sub" or the "Up" filter,
 * whichever leaves the smaller sum of absolute residuals (a cheap form of the usual minimum-sum
 * heuristic), and the rows are deflated at level 4: much faster than ImageIO's PNG writer for
 * a similar size.
 */
public final class PngEncoder {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final int LEVEL = 4;

    private PngEncoder() {
    }

    /** Whether {@link #write} handles this image type directly. */
    public static boolean supports(BufferedImage img) {
        int t = img.getType();
        return t == BufferedImage.TYPE_BYTE_GRAY || t == BufferedImage.TYPE_USHORT_GRAY || t == BufferedImage.TYPE_3BYTE_BGR;
    }

    public static byte[] encode(BufferedImage img) {
        ByteArrayOutputStream bos = new ByteArrayOutputStream(img.getWidth() * img.getHeight() / 2 + 1024);
        try {
            write(img, bos);
        } catch (IOException e) {
            throw new IllegalStateException(e); // cannot happen with a byte array
        }
        return bos.toByteArray();
    }

    public static void write(BufferedImage img, OutputStream out) throws IOException {
        int w = img.getWidth();
        int h = img.getHeight();
        int type = img.getType();
        int colorType;
        int bitDepth;
        int bpp;          // bytes per pixel
        byte[] raw;       // rows without filter bytes, PNG sample order (big endian, RGB)
        if (type == BufferedImage.TYPE_BYTE_GRAY && img.getRaster().getDataBuffer() instanceof DataBufferByte db
                && db.getData().length == w * h) {
            colorType = 0;
            bitDepth = 8;
            bpp = 1;
            raw = db.getData();
        } else if (type == BufferedImage.TYPE_USHORT_GRAY && img.getRaster().getDataBuffer() instanceof DataBufferUShort du
                && du.getData().length == w * h) {
            colorType = 0;
            bitDepth = 16;
            bpp = 2;
            short[] s = du.getData();
            raw = new byte[s.length * 2];
            for (int i = 0; i < s.length; i++) {
                raw[2 * i] = (byte) (s[i] >>> 8);
                raw[2 * i + 1] = (byte) s[i];
            }
        } else if (type == BufferedImage.TYPE_3BYTE_BGR && img.getRaster().getDataBuffer() instanceof DataBufferByte db
                && db.getData().length == w * h * 3) {
            colorType = 2;
            bitDepth = 8;
            bpp = 3;
            byte[] bgr = db.getData();
            raw = new byte[bgr.length];
            for (int i = 0; i < bgr.length; i += 3) {
                raw[i] = bgr[i + 2];
                raw[i + 1] = bgr[i + 1];
                raw[i + 2] = bgr[i];
            }
        } else {
            // anything else: through ARGB, written as RGB
            colorType = 2;
            bitDepth = 8;
            bpp = 3;
            raw = new byte[w * h * 3];
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                img.getRGB(0, y, w, 1, row, 0, w);
                for (int x = 0; x < w; x++) {
                    int p = (y * w + x) * 3;
                    raw[p] = (byte) (row[x] >> 16);
                    raw[p + 1] = (byte) (row[x] >> 8);
                    raw[p + 2] = (byte) row[x];
                }
            }
        }
        out.write(SIGNATURE);
        byte[] ihdr = new byte[13];
        putInt(ihdr, 0, w);
        putInt(ihdr, 4, h);
        ihdr[8] = (byte) bitDepth;
        ihdr[9] = (byte) colorType;
        chunk(out, "IHDR", ihdr, 13);

        int stride = w * bpp;
        byte[] filtered = new byte[(stride + 1) * h];
        for (int y = 0; y < h; y++) {
            int r = y * stride;
            int o = y * (stride + 1);
            // Sub: x - left; Up: x - above. Pick the one with the smaller sum of |residual|.
            long sumSub = 0;
            long sumUp = 0;
            for (int i = 0; i < stride; i++) {
                int x = raw[r + i] & 0xFF;
                int left = i >= bpp ? raw[r + i - bpp] & 0xFF : 0;
                int up = y > 0 ? raw[r - stride + i] & 0xFF : 0;
                sumSub += Math.abs((byte) (x - left));
                sumUp += Math.abs((byte) (x - up));
            }
            if (y > 0 && sumUp < sumSub) {
                filtered[o] = 2;
                for (int i = 0; i < stride; i++) {
                    filtered[o + 1 + i] = (byte) (raw[r + i] - raw[r - stride + i]);
                }
            } else {
                filtered[o] = 1;
                for (int i = 0; i < stride; i++) {
                    filtered[o + 1 + i] = (byte) (raw[r + i] - (i >= bpp ? raw[r + i - bpp] : 0));
                }
            }
        }
        Deflater d = new Deflater(LEVEL);
        d.setStrategy(Deflater.FILTERED); // residuals after filtering: a little smaller at the same speed
        try {
            d.setInput(filtered);
            d.finish();
            byte[] buf = new byte[1 << 16];
            while (!d.finished()) {
                int n = d.deflate(buf);
                if (n > 0) {
                    chunk(out, "IDAT", buf, n);
                }
            }
        } finally {
            d.end();
        }
        chunk(out, "IEND", new byte[0], 0);
    }

    private static void chunk(OutputStream out, String type, byte[] data, int len) throws IOException {
        byte[] head = new byte[8];
        putInt(head, 0, len);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(t, 0, head, 4, 4);
        out.write(head);
        out.write(data, 0, len);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data, 0, len);
        byte[] c = new byte[4];
        putInt(c, 0, (int) crc.getValue());
        out.write(c);
    }

    private static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }
}
