package org.hounsfield.imaging.nifti.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import org.hounsfield.imaging.volume.internal.VoxelStore;

/**
 * A .nii.gz written through: every slice is compressed, by the thread that loaded it, into a
 * gzip member of its own, and the members are written in slice order as soon as the slices
 * before them are in (so at most the compressed slices that arrived early wait in memory). The
 * NIfTI header, known only once every slice is loaded, goes first in the file as a member of one
 * stored (uncompressed) deflate block, whose size does not depend on its content: its place is
 * reserved, and it is written last. RFC 1952 allows any number of members; gunzip, zlib, Python
 * (nibabel) and Java read them as one stream, as they read {@link ParallelGzipOutputStream}'s.
 */
public final class GzipSliceWriter implements VoxelStore.SliceSink {
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
    private static final ThreadLocal<Deflater> DEFLATERS = ThreadLocal.withInitial(() -> new Deflater(6, true));

    private final FileChannel out;
    private final int level;
    private final int headerBytes;
    private final byte[][] waiting;
    private int next;
    private long pos;

    /**
     * @param slices      slices to come, indices 0 to slices - 1
     * @param headerBytes size of the header member's content (at most 65,535 bytes)
     */
    public GzipSliceWriter(FileChannel out, int slices, int level, int headerBytes) {
        if (headerBytes < 0 || headerBytes > 0xFFFF) {
            throw new IllegalArgumentException("header of " + headerBytes + " bytes");
        }
        this.out = out;
        this.level = level;
        this.headerBytes = headerBytes;
        this.waiting = new byte[slices][];
        this.pos = storedMemberSize(headerBytes);
    }

    /** Bytes of a gzip member holding {@code n} bytes in one stored block. */
    static int storedMemberSize(int n) {
        return HEADER.length + 5 + n + 8;
    }

    @Override
    public void accept(int index, ByteBuffer slice) throws IOException {
        byte[] member = member(slice, level);
        synchronized (this) {
            if (index < next || index >= waiting.length || waiting[index] != null) {
                throw new IllegalStateException("slice " + index + " given twice or out of range");
            }
            waiting[index] = member;
            while (next < waiting.length && waiting[next] != null) {
                write(waiting[next], pos);
                pos += waiting[next].length;
                waiting[next++] = null;
            }
        }
    }

    /** Writes the header member in its reserved place, once every slice is in. */
    public synchronized void finish(byte[] header) throws IOException {
        if (next != waiting.length) {
            int missing = 0;
            for (int i = next; i < waiting.length; i++) {
                missing += waiting[i] == null ? 1 : 0;
            }
            throw new IllegalStateException(missing + " slice(s) never arrived, the first of them slice " + next);
        }
        if (header.length != headerBytes) {
            throw new IllegalArgumentException("header of " + header.length + " bytes, " + headerBytes + " reserved");
        }
        ByteBuffer m = ByteBuffer.allocate(storedMemberSize(header.length));
        m.put(HEADER);
        m.put((byte) 1); // BFINAL = 1, BTYPE = 00 (stored)
        m.put((byte) header.length).put((byte) (header.length >>> 8));
        m.put((byte) ~header.length).put((byte) (~header.length >>> 8));
        m.put(header);
        CRC32 crc = new CRC32();
        crc.update(header);
        putTrailer(m, crc.getValue(), header.length);
        write(m.array(), 0);
    }

    private void write(byte[] b, long at) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(b);
        while (bb.hasRemaining()) {
            at += out.write(bb, at);
        }
    }

    /** A complete gzip member of the bytes from the buffer's position to its limit. */
    static byte[] member(ByteBuffer data, int level) {
        int len = data.remaining();
        CRC32 crc = new CRC32();
        crc.update(data.duplicate());
        Deflater d = DEFLATERS.get();
        d.reset();
        d.setLevel(level);
        d.setInput(data.duplicate());
        d.finish();
        byte[] buf = new byte[Math.max(64, len / 8) + HEADER.length + 8];
        System.arraycopy(HEADER, 0, buf, 0, HEADER.length);
        int n = HEADER.length;
        while (!d.finished()) {
            if (n == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            n += d.deflate(buf, n, buf.length - n);
        }
        byte[] m = Arrays.copyOf(buf, n + 8);
        ByteBuffer t = ByteBuffer.wrap(m, n, 8);
        putTrailer(t, crc.getValue(), len);
        return m;
    }

    private static void putTrailer(ByteBuffer b, long crc, int len) {
        b.put((byte) crc).put((byte) (crc >>> 8)).put((byte) (crc >>> 16)).put((byte) (crc >>> 24));
        b.put((byte) len).put((byte) (len >>> 8)).put((byte) (len >>> 16)).put((byte) (len >>> 24));
    }
}
