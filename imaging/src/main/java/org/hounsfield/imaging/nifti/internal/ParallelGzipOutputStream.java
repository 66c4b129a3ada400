package org.hounsfield.imaging.nifti.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * gzip on several threads: the input is cut into blocks, each compressed on its own into a
 * complete gzip member, members written in order. RFC 1952 allows a file of several members;
 * gunzip, zlib's gzread, Python's gzip (nibabel) and Java's GZIPInputStream read them as one
 * stream. At most {@code 2 * threads} blocks are in flight, so memory stays a few MiB.
 */
public final class ParallelGzipOutputStream extends OutputStream {
    private static final int BLOCK = 1 << 20;
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

    private final OutputStream out;
    private final int level;
    private final ExecutorService pool;
    private final ArrayDeque<Future<byte[]>> pending = new ArrayDeque<>();
    private final int maxPending;
    private byte[] block = new byte[BLOCK];
    private int fill;
    private boolean closed;

    public ParallelGzipOutputStream(OutputStream out, int level, int threads) {
        this.out = out;
        this.level = level;
        int n = Math.max(1, threads);
        this.maxPending = 2 * n;
        this.pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "hounsfield-gzip");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n = Math.min(len, BLOCK - fill);
            System.arraycopy(b, off, block, fill, n);
            fill += n;
            off += n;
            len -= n;
            if (fill == BLOCK) {
                submit();
            }
        }
    }

    private void submit() throws IOException {
        if (fill == 0) {
            return;
        }
        byte[] data = block;
        int len = fill;
        block = new byte[BLOCK];
        fill = 0;
        pending.add(pool.submit(() -> member(data, len, level)));
        while (pending.size() >= maxPending) {
            drainOne();
        }
    }

    private void drainOne() throws IOException {
        try {
            out.write(pending.removeFirst().get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("gzip interrupted");
        } catch (ExecutionException e) {
            throw new IOException("gzip failed", e.getCause());
        }
    }

    static byte[] member(byte[] data, int len, int level) {
        Deflater d = new Deflater(level, true);
        try {
            d.setInput(data, 0, len);
            d.finish();
            ByteArrayOutputStream bos = new ByteArrayOutputStream(len / 4 + 64);
            bos.write(HEADER, 0, HEADER.length);
            byte[] buf = new byte[64 * 1024];
            while (!d.finished()) {
                int n = d.deflate(buf);
                bos.write(buf, 0, n);
            }
            CRC32 crc = new CRC32();
            crc.update(data, 0, len);
            long c = crc.getValue();
            byte[] trailer = {(byte) c, (byte) (c >>> 8), (byte) (c >>> 16), (byte) (c >>> 24),
                (byte) len, (byte) (len >>> 8), (byte) (len >>> 16), (byte) (len >>> 24)};
            bos.write(trailer, 0, 8);
            return bos.toByteArray();
        } finally {
            d.end();
        }
    }

    /** Compresses what is left and writes every member; does not close the underlying stream. */
    public void finish() throws IOException {
        if (closed) {
            return;
        }
        if (fill > 0 || pending.isEmpty()) {
            // an empty input still gets one (empty) member, so the file is valid gzip
            byte[] data = Arrays.copyOf(block, fill);
            int len = fill;
            fill = 0;
            pending.add(pool.submit(() -> member(data, len, level)));
        }
        while (!pending.isEmpty()) {
            drainOne();
        }
        out.flush();
        closed = true;
        pool.shutdown();
    }

    /** Stops the threads (after {@link #finish}, or on failure); the underlying stream stays open. */
    public void abort() {
        pool.shutdownNow();
    }

    @Override
    public void close() throws IOException {
        try {
            finish();
        } finally {
            pool.shutdownNow();
            out.close();
        }
    }
}
