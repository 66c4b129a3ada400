package org.hounsfield.core;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A value left in its file (read with a defer threshold): the bytes are read again on each access
 * and never kept in memory by the dataset.
 *
 * @param file   the file holding the value
 * @param offset byte offset of the value in the file
 * @param length value length in bytes
 */
public record BulkDataRef(Path file, long offset, int length) {

    /** Reads the value from the file. */
    public byte[] read() {
        byte[] out = new byte[length];
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer bb = ByteBuffer.wrap(out);
            long pos = offset;
            while (bb.hasRemaining()) {
                int n = ch.read(bb, pos);
                if (n < 0) {
                    throw new DicomParseException("deferred value of " + length + " bytes ends early in " + file, pos);
                }
                pos += n;
            }
        } catch (IOException e) {
            throw new DicomIOException("cannot read deferred value from " + file, e);
        }
        return out;
    }
}
