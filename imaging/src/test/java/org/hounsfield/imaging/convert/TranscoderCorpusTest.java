package org.hounsfield.imaging.convert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.hounsfield.core.Dataset;
import org.hounsfield.core.DicomException;
import org.hounsfield.core.Tag;
import org.hounsfield.core.io.DicomReader;
import org.hounsfield.core.testing.SharedCorpus;
import org.hounsfield.imaging.PixelData;
import org.junit.jupiter.api.Test;

/**
 * Convert round trip over the corpus: every file whose pixel data we decode is converted to each
 * lossless target and back to Explicit VR Little Endian, and must decode to exactly the stored
 * values of the original. To keep the run short the compressed originals are decoded twice only:
 * the file goes to Explicit VR Little Endian first (verified against the original's decode), and
 * the six other targets start from that native copy. Explicit/implicit VR little endian, big
 * endian and RLE run on every file; deflated, JPEG Lossless and JPEG-LS (the slow ones) on every
 * fourth file plus the first file of each kind (source syntax, Bits Allocated, Samples per Pixel,
 * Pixel Representation), unless {@code -Dhounsfield.convert.all=true}.
 */
class TranscoderCorpusTest {

    private static byte[][] frames(Dataset ds) {
        PixelData px = PixelData.of(ds);
        byte[][] out = new byte[px.frameCount()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = px.frame(i);
        }
        return out;
    }

    private static boolean hasPixels(Dataset ds) {
        return ds.contains(Tag.PixelData) || ds.contains(Tag.FloatPixelData) || ds.contains(Tag.DoubleFloatPixelData);
    }

    @Test
    void everyDecodableFileSurvivesEveryLosslessTargetAndBack() {
        int files = 0;
        int undecodable = 0;
        long frameCount = 0;
        Map<TargetSyntax, Integer> converted = new EnumMap<>(TargetSyntax.class);
        Map<TargetSyntax, Integer> notEncodable = new EnumMap<>(TargetSyntax.class);
        Map<TargetSyntax, Long> millis = new EnumMap<>(TargetSyntax.class);
        List<String> failures = new ArrayList<>();
        long t0 = System.nanoTime();
        boolean all = Boolean.getBoolean("hounsfield.convert.all");
        java.util.Set<String> kinds = new java.util.HashSet<>();
        int index = 0;
        for (SharedCorpus.Entry e : SharedCorpus.wellFormed()) {
            Dataset ds;
            byte[][] original;
            try {
                ds = DicomReader.read(e.file());
                if (!hasPixels(ds)) {
                    continue;
                }
                original = frames(ds);
            } catch (DicomException ex) {
                undecodable++;
                continue;
            }
            files++;
            frameCount += original.length;
            String kind = e.get("transfer_syntax_uid") + "|" + ds.getInt(Tag.BitsAllocated, 0) + "|" + ds.getInt(Tag.SamplesPerPixel, 1)
                    + "|" + ds.getInt(Tag.PixelRepresentation, 0);
            boolean sample = all || kinds.add(kind) || index++ % 4 == 0;
            byte[] nativeCopy;
            try {
                nativeCopy = Transcoder.transcode(ds, TargetSyntax.EXPLICIT_LE).bytes();
            } catch (DicomException ex) {
                failures.add(e.path() + " -> explicit-le: " + ex.getMessage());
                continue;
            }
            converted.merge(TargetSyntax.EXPLICIT_LE, 1, Integer::sum);
            assertSame(e.path() + " explicit-le", original, frames(DicomReader.read(nativeCopy)), failures);
            for (TargetSyntax t : TargetSyntax.values()) {
                if (t == TargetSyntax.EXPLICIT_LE || !sample
                        && (t == TargetSyntax.DEFLATED || t == TargetSyntax.JPEG_LOSSLESS || t == TargetSyntax.JPEG_LS_LOSSLESS)) {
                    continue;
                }
                Transcoder.Result there;
                long t1 = System.nanoTime();
                try {
                    there = Transcoder.transcode(DicomReader.read(nativeCopy), t);
                } catch (DicomException ex) {
                    String m = String.valueOf(ex.getMessage());
                    int bits = ds.contains(Tag.PixelData) ? ds.getInt(Tag.BitsAllocated, 0) : 32;
                    // the only refusals allowed: JPEG/JPEG-LS for 1-bit and 32-bit data, float data in any compression
                    boolean expected = (m.startsWith("cannot encode") && (bits == 1 || bits == 32) && t != TargetSyntax.RLE)
                            || m.startsWith("float pixel data cannot be stored");
                    if (expected) {
                        notEncodable.merge(t, 1, Integer::sum);
                    } else {
                        failures.add(e.path() + " -> " + t.cliName() + ": " + m);
                    }
                    continue;
                }
                assertThat(DicomReader.read(there.bytes()).transferSyntax()).isEqualTo(t.transferSyntax());
                Transcoder.Result back = Transcoder.transcode(DicomReader.read(there.bytes()), TargetSyntax.EXPLICIT_LE);
                assertSame(e.path() + " " + t.cliName() + " and back", original, frames(DicomReader.read(back.bytes())), failures);
                converted.merge(t, 1, Integer::sum);
                millis.merge(t, (System.nanoTime() - t1) / 1_000_000, Long::sum);
            }
        }
        System.out.printf("convert round trip: %d decodable files (%d frames), %d not decodable by us; converted and back: %s;"
                + " not encodable (1/32-bit or float data): %s; %d failures; %.1f s (ms per target from the native copy: %s)%n",
                files, frameCount, undecodable, converted, notEncodable, failures.size(), (System.nanoTime() - t0) / 1e9, millis);
        failures.stream().limit(30).forEach(System.out::println);
        assertThat(failures).isEmpty();
        assertThat(files).isGreaterThan(200);
        assertThat(converted.get(TargetSyntax.RLE)).isGreaterThanOrEqualTo(files - 2);
        assertThat(converted.get(TargetSyntax.JPEG_LS_LOSSLESS)).isGreaterThan(all ? files - 40 : 60);
    }

    private static void assertSame(String what, byte[][] expected, byte[][] actual, List<String> failures) {
        if (expected.length != actual.length) {
            failures.add(what + ": " + actual.length + " frames, expected " + expected.length);
            return;
        }
        for (int i = 0; i < expected.length; i++) {
            int d = java.util.Arrays.mismatch(expected[i], actual[i]);
            if (d >= 0) {
                failures.add(what + ": frame " + i + " differs at byte " + d);
                return;
            }
        }
    }
}
