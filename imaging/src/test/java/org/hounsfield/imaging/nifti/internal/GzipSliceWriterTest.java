package org.hounsfield.imaging.nifti.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GzipSliceWriterTest {

    @TempDir
    Path tmp;

    /** Slices given out of order, by several threads, still inflate to header + slices in order. */
    @Test
    void slicesInAnyOrderInflateInOrder() throws Exception {
        Random rnd = new Random(7);
        int n = 23;
        byte[][] slices = new byte[n][];
        for (int i = 0; i < n; i++) {
            slices[i] = new byte[1 + rnd.nextInt(5000)];
            for (int k = 0; k < slices[i].length; k++) {
                slices[i][k] = (byte) (rnd.nextInt(4) == 0 ? rnd.nextInt() : i); // compressible, not trivial
            }
        }
        byte[] header = new byte[352];
        rnd.nextBytes(header);
        Path f = tmp.resolve("x.gz");
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            GzipSliceWriter w = new GzipSliceWriter(ch, n, 6, header.length);
            Thread[] threads = new Thread[3];
            for (int t = 0; t < threads.length; t++) {
                int first = t;
                threads[t] = new Thread(() -> {
                    for (int i = n - 1 - first; i >= 0; i -= threads.length) { // backwards: worst order
                        try {
                            w.accept(i, ByteBuffer.allocateDirect(slices[i].length).put(slices[i]).flip());
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                });
                threads[t].start();
            }
            for (Thread t : threads) {
                t.join();
            }
            w.finish(header);
        }
        java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
        expected.write(header);
        for (byte[] s : slices) {
            expected.write(s);
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(f))) {
            assertThat(in.readAllBytes()).isEqualTo(expected.toByteArray());
        }
    }

    @Test
    void aMissingOrRepeatedSliceIsAnError() throws Exception {
        try (FileChannel ch = FileChannel.open(tmp.resolve("y.gz"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            GzipSliceWriter w = new GzipSliceWriter(ch, 2, 6, 4);
            w.accept(1, ByteBuffer.wrap(new byte[] {1, 2}));
            assertThatThrownBy(() -> w.accept(1, ByteBuffer.wrap(new byte[] {1}))).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> w.accept(2, ByteBuffer.wrap(new byte[] {1}))).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> w.finish(new byte[4])).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("1 slice(s) never arrived");
            w.accept(0, ByteBuffer.wrap(new byte[] {0}));
            assertThatThrownBy(() -> w.finish(new byte[5])).isInstanceOf(IllegalArgumentException.class);
            w.finish(new byte[4]);
        }
    }
}
