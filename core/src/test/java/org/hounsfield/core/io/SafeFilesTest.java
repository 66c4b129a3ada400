package org.hounsfield.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import org.hounsfield.core.DicomException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeFilesTest {

    @Test
    void writesAtomicallyWithUsualPermissions(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("sub/out.bin");
        SafeFiles.write(out, os -> os.write(new byte[] {1, 2, 3}));
        assertThat(Files.readAllBytes(out)).containsExactly(1, 2, 3);
        if (out.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).isEqualTo("rw-r--r--");
        }
    }

    @Test
    void aFailedWriteLeavesNothingBehind(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("out.bin");
        assertThatThrownBy(() -> SafeFiles.write(out, os -> {
            os.write(1);
            throw new IOException("disk full");
        })).isInstanceOf(DicomException.class);
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s).isEmpty();
        }
    }

    @Test
    void channelWritesOutOfOrderAndLeavesNothingOnFailure(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("out.bin");
        SafeFiles.writeChannel(out, ch -> {
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {3, 4}), 2);
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {1, 2}), 0);
        });
        assertThat(Files.readAllBytes(out)).containsExactly(1, 2, 3, 4);
        assertThatThrownBy(() -> SafeFiles.writeChannel(out, ch -> {
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {9}), 0);
            throw new IOException("disk full");
        })).isInstanceOf(DicomException.class);
        assertThat(Files.readAllBytes(out)).containsExactly(1, 2, 3, 4);
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s).containsExactly(out);
        }
    }
}
