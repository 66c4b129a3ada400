package org.hounsfield.codec.jpeg;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hounsfield.codec.FrameInfo;

/** Access to the committed test streams (see resources README.txt). */
final class JpegTestSupport {
    private JpegTestSupport() {
    }

    record Case(String name, FrameInfo info) {
        byte[] stream() {
            return resource(name + ".jpg");
        }

        byte[] expected() {
            return resource(name + ".raw");
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static byte[] resource(String name) {
        try (InputStream in = JpegTestSupport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Case> cases() {
        String idx = new String(resource("cases.tsv"), StandardCharsets.UTF_8);
        List<Case> out = new ArrayList<>();
        for (String line : idx.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t");
            int spp = Integer.parseInt(f[3]);
            out.add(new Case(f[0], new FrameInfo(Integer.parseInt(f[1]), Integer.parseInt(f[2]), spp,
                    Integer.parseInt(f[4]), Integer.parseInt(f[5]), false, 0, spp == 3 ? "YBR_FULL" : "MONOCHROME2")));
        }
        return out;
    }

    static Case find(String name) {
        return cases().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    static byte[] decode(byte[] stream, FrameInfo info) {
        byte[] dst = new byte[(int) info.decodedFrameBytes()];
        new JpegDecoder().decode(stream, 0, stream.length, info, dst, 0);
        return dst;
    }

    /** Position of the first marker {@code code} at or after {@code from}. */
    static int indexOfMarker(byte[] s, int code, int from) {
        for (int i = from; i + 1 < s.length; i++) {
            if (s[i] == (byte) 0xFF && (s[i + 1] & 0xFF) == code) {
                return i;
            }
        }
        return -1;
    }
}
