package org.hounsfield.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hounsfield.codec.Codecs;
import org.hounsfield.codec.FrameDecoder;
import org.hounsfield.codec.FrameInfo;
import org.hounsfield.core.Dataset;
import org.hounsfield.imaging.PixelData;
import org.hounsfield.core.DicomException;
import org.hounsfield.core.Element;
import org.hounsfield.core.Tag;
import org.hounsfield.core.io.DicomReader;

/**
 * The compressed frames of the corpus files of one codec, held in memory so that a benchmark times
 * the decoder alone (no file reading, no DICOM parsing).
 *
 * <pre>{@code
 * List<CodecCorpus.Item> items = CodecCorpus.load(Path.of("../shared/corpus"), "jpeg-ls-lossless", 0);
 * long pixels = CodecCorpus.pixels(items);
 * }</pre>
 */
public final class CodecCorpus {

    /** Benchmark codec names and the transfer syntaxes they cover. */
    public static final Map<String, Set<String>> CODECS = new LinkedHashMap<>();

    static {
        CODECS.put("rle", Set.of("1.2.840.10008.1.2.5"));
        CODECS.put("jpeg-baseline", Set.of("1.2.840.10008.1.2.4.50"));
        CODECS.put("jpeg-extended", Set.of("1.2.840.10008.1.2.4.51"));
        CODECS.put("jpeg-lossless", Set.of("1.2.840.10008.1.2.4.57", "1.2.840.10008.1.2.4.70"));
        CODECS.put("jpeg-ls-lossless", Set.of("1.2.840.10008.1.2.4.80"));
        CODECS.put("jpeg-ls-near", Set.of("1.2.840.10008.1.2.4.81"));
        CODECS.put("deflate-frame", Set.of("1.2.840.10008.1.2.8.1"));
        CODECS.put("jpeg2000-lossless", Set.of("1.2.840.10008.1.2.4.90"));
        CODECS.put("jpeg2000-lossy", Set.of("1.2.840.10008.1.2.4.91"));
    }

    private CodecCorpus() {
    }

    /**
     * One corpus file: its decoder, geometry and compressed frames.
     *
     * @param path   path relative to the corpus
     * @param codec  benchmark codec name
     * @param frames compressed bytes of each frame
     */
    public record Item(String path, String codec, FrameDecoder decoder, FrameInfo info, byte[][] frames) {
        /** Pixels (rows x columns x frames) decoded by one pass over the file. */
        public long pixels() {
            return (long) info.rows() * info.columns() * frames.length;
        }

        /** Decodes every frame into {@code dst} (at least {@link FrameInfo#decodedFrameBytes()} long). */
        public void decodeAll(byte[] dst) {
            for (byte[] f : frames) {
                decoder.decode(f, 0, f.length, info, dst, 0);
            }
        }
    }

    /** The benchmark codec name of a transfer syntax, or null. */
    public static String codecOf(String tsUid) {
        for (Map.Entry<String, Set<String>> e : CODECS.entrySet()) {
            if (e.getValue().contains(tsUid)) {
                return e.getKey();
            }
        }
        return null;
    }

    /**
     * Every manifest file (outside malformed/) of {@code codec} with at least {@code minPixels}
     * pixels per pass that our decoder reads without error; a file that fails is reported on
     * stderr and left out, so a decoder in progress does not stop the benchmark.
     */
    public static List<Item> load(Path corpus, String codec, long minPixels) throws IOException {
        Set<String> uids = CODECS.get(codec);
        if (uids == null) {
            throw new IllegalArgumentException("unknown codec " + codec + ", expected one of " + CODECS.keySet());
        }
        List<Item> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(corpus.resolve("MANIFEST.tsv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] col = line.split("\t", -1);
            if (col.length < 7 || col[0].startsWith("malformed/") || !uids.contains(col[6])) {
                continue;
            }
            Item it = item(corpus, col[0], codec);
            if (it != null && it.pixels() >= minPixels) {
                out.add(it);
            }
        }
        return out;
    }

    /** Reads one file and checks that every frame decodes; null (with a note on stderr) if not. */
    public static Item item(Path corpus, String rel, String codec) {
        try {
            Dataset ds = DicomReader.read(corpus.resolve(rel));
            Element px = ds.get(Tag.PixelData);
            if (px == null || !px.isEncapsulated() || ds.transferSyntax() == null) {
                return null;
            }
            String uid = ds.transferSyntax().uid();
            FrameDecoder dec = Codecs.decoder(uid).orElse(null);
            if (dec == null) {
                System.err.println("skipped " + rel + ": no decoder for " + uid);
                return null;
            }
            // frames and geometry exactly as the product finds them
            PixelData pd = PixelData.of(ds);
            FrameInfo info = pd.info();
            byte[][] frames = new byte[pd.frameCount()][];
            for (int i = 0; i < frames.length; i++) {
                frames[i] = pd.compressedFrame(i);
            }
            Item it = new Item(rel, codec == null ? codecOf(uid) : codec, dec, info, frames);
            it.decodeAll(new byte[(int) info.decodedFrameBytes()]);
            return it;
        } catch (DicomException e) {
            System.err.println("skipped " + rel + ": " + e.getMessage());
            return null;
        } catch (RuntimeException e) { // a decoder in progress may still fail badly: leave the file out
            System.err.println("skipped " + rel + ": " + e);
            return null;
        }
    }




    /** Total pixels of one pass over {@code items}. */
    public static long pixels(List<Item> items) {
        long n = 0;
        for (Item it : items) {
            n += it.pixels();
        }
        return n;
    }

    /** Size of a buffer that holds any one decoded frame of {@code items}. */
    public static int maxFrameBytes(List<Item> items) {
        long m = 0;
        for (Item it : items) {
            m = Math.max(m, it.info().decodedFrameBytes());
        }
        return (int) m;
    }
}
