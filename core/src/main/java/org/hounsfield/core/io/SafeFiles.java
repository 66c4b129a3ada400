package org.hounsfield.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.hounsfield.core.DicomIOException;

/**
 * Writes files so that no half-written output is ever left behind: the content goes to a
 * temporary file next to the target, which is moved into place only when complete.
 *
 * <pre>{@code
 * SafeFiles.write(out, os -> DicomWriter.write(ds, os));
 * }</pre>
 */
public final class SafeFiles {

    /** Writes the content to an output stream. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes the content through a file channel (positional writes allowed; the channel is closed after). */
    @FunctionalInterface
    public interface ChannelContent {
        void writeTo(java.nio.channels.FileChannel out) throws IOException;
    }

    private SafeFiles() {
    }

    /**
     * Like {@link #write(Path, Content)}, through a {@link java.nio.channels.FileChannel} of the
     * temporary file: for writers that fill a file out of order (several threads writing at
     * their own positions).
     */
    public static void writeChannel(Path target, ChannelContent content) {
        writeTemp(target, tmp -> {
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                content.writeTo(ch);
            }
        });
    }

    /**
     * Writes {@code target} atomically; refuses to write over {@code input} when given (never
     * overwrite an input).
     */
    public static void write(Path target, Content content) {
        writeTemp(target, tmp -> {
            try (OutputStream os = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                content.writeTo(os);
            }
        });
    }

    private static final java.util.concurrent.atomic.AtomicLong TEMP_COUNTER = new java.util.concurrent.atomic.AtomicLong();

    /**
     * A new empty file ".NAME.PID-N.tmp" beside the target (owner-only until the content is in).
     * Not Files.createTempFile: its random names come from a SecureRandom, whose seeding costs a
     * cold JVM about 7 ms; a name unique to this process, created with CREATE_NEW, is enough.
     */
    private static Path newTempFile(Path dir, String name) throws IOException {
        String prefix = "." + name + "." + ProcessHandle.current().pid() + "-";
        for (int attempt = 0; ; attempt++) {
            Path p = dir.resolve(prefix + TEMP_COUNTER.incrementAndGet() + ".tmp");
            try {
                if (p.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    return Files.createFile(p, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
                }
                return Files.createFile(p);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt > 1000) {
                    throw e; // a stale file of a dead process with the same pid, a thousand times over
                }
            }
        }
    }

    private interface TempWriter {
        void fill(Path tmp) throws IOException;
    }

    private static void writeTemp(Path target, TempWriter writer) {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Path tmp = null;
        try {
            if (dir != null) {
                Files.createDirectories(dir);
            }
            tmp = newTempFile(dir == null ? abs.resolveSibling("") : dir, abs.getFileName().toString());
            writer.fill(tmp);
            // createTempFile makes the file owner-only (0600); an output file gets the usual 0644
            if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new DicomIOException("cannot write " + target, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // nothing more to do
                }
            }
        }
    }

    /** Like {@link #write(Path, Content)}, but refuses when {@code target} is the same file as {@code input}. */
    public static void write(Path target, Path input, Content content) {
        try {
            if (input != null && Files.exists(target) && Files.isSameFile(target, input)) {
                throw new org.hounsfield.core.DicomException("refusing to overwrite the input file " + input);
            }
        } catch (IOException e) {
            throw new DicomIOException("cannot check " + target, e);
        }
        write(target, content);
    }
}
