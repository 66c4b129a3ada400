package org.hounsfield.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

import org.hounsfield.core.Dataset;
import org.hounsfield.core.Element;
import org.hounsfield.core.Fragments;
import org.hounsfield.core.Sequence;
import org.hounsfield.core.Tag;
import org.hounsfield.core.TransferSyntax;
import org.hounsfield.core.VR;
import org.hounsfield.core.testing.SharedCorpus;
import org.hounsfield.core.testing.SharedCorpus.Entry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Unmodified files in a native or deflated syntax are rewritten byte-identical; every file reads
 * back equal, element by element, after writing it in each of the four writable syntaxes.
 */
class RoundTripTest {

    static final Set<String> NATIVE = Set.of("1.2.840.10008.1.2", "1.2.840.10008.1.2.1", "1.2.840.10008.1.2.2", "1.2.840.10008.1.2.1.99");
    static final TransferSyntax[] WRITABLE = {TransferSyntax.EXPLICIT_VR_LE, TransferSyntax.IMPLICIT_VR_LE,
            TransferSyntax.EXPLICIT_VR_BE, TransferSyntax.DEFLATED_EXPLICIT_VR_LE};

    static List<Entry> files() {
        return SharedCorpus.wellFormed().stream().filter(e -> !CorpusReadTest.TRUNCATED_IN_THE_WILD.contains(e.path())).toList();
    }

    static List<Entry> nativeFiles() {
        return files().stream().filter(e -> NATIVE.contains(e.get("transfer_syntax_uid"))).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nativeFiles")
    void unmodifiedIsByteIdentical(Entry e) throws IOException {
        byte[] original = Files.readAllBytes(e.file());
        Dataset ds = DicomReader.read(original);
        byte[] written = DicomWriter.toBytes(ds, WriteOptions.defaults());
        if (ds.transferSyntax().deflated()) {
            // another compressor's deflate stream differs; the meta and the inflated data set must not
            int metaEnd = metaEnd(original);
            assertThat(metaEnd(written)).isEqualTo(metaEnd);
            assertThat(java.util.Arrays.copyOf(written, metaEnd)).isEqualTo(java.util.Arrays.copyOf(original, metaEnd));
            assertThat(inflate(written, metaEnd)).isEqualTo(inflate(original, metaEnd));
        } else {
            assertThat(written).isEqualTo(original);
        }
    }

    private static int metaEnd(byte[] b) {
        int p = 132;
        while (p + 8 <= b.length && b[p] == 2 && b[p + 1] == 0) {
            String vr = new String(b, p + 4, 2, java.nio.charset.StandardCharsets.US_ASCII);
            VR v = VR.of(vr);
            long len;
            if (v != null && v.longLength()) {
                len = (b[p + 8] & 0xFFL) | (b[p + 9] & 0xFFL) << 8 | (b[p + 10] & 0xFFL) << 16 | (b[p + 11] & 0xFFL) << 24;
                p += 12 + (int) len;
            } else {
                len = (b[p + 6] & 0xFF) | (b[p + 7] & 0xFF) << 8;
                p += 8 + (int) len;
            }
        }
        return p;
    }

    private static byte[] inflate(byte[] b, int from) throws IOException {
        try (InflaterInputStream in = new InflaterInputStream(new ByteArrayInputStream(b, from, b.length - from), new Inflater(true))) {
            return in.readAllBytes();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void readsBackEqualInEveryWritableSyntax(Entry e) {
        Dataset ds = DicomReader.read(e.file());
        boolean encapsulated = ds.get(Tag.PixelData) != null && ds.get(Tag.PixelData).isEncapsulated();
        for (TransferSyntax ts : WRITABLE) {
            Dataset back;
            if (encapsulated) {
                // compressed pixel data cannot be labelled with a native syntax: round-trip the data set encoding itself
                byte[] body = DicomWriter.encodeDataset(ds, ts.explicitVr(), ts.bigEndian());
                back = DicomReader.readDataset(body, ts.deflated() ? TransferSyntax.EXPLICIT_VR_LE : ts, ReadOptions.defaults());
            } else {
                back = DicomReader.read(DicomWriter.toBytes(ds, WriteOptions.of(ts)));
                assertThat(back.transferSyntax()).isEqualTo(ts);
            }
            List<String> diffs = new ArrayList<>();
            compare(ds, back, "", diffs, ts.explicitVr());
            assertThat(diffs).as("differences after writing %s in %s", e.path(), ts).isEmpty();
        }
    }

    /** Element by element: tags, VRs (explicit syntaxes), values normalised to little endian. */
    static void compare(Dataset a, Dataset b, String path, List<String> diffs, boolean explicit) {
        if (a.size() != b.size()) {
            diffs.add(path + " element count " + a.size() + " vs " + b.size());
        }
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            Element x = a.elementAt(i);
            Element y = b.elementAt(i);
            String p = path + Tag.toString(x.tag());
            if (x.tag() != y.tag()) {
                diffs.add(p + " tag vs " + Tag.toString(y.tag()));
                return;
            }
            if (x.vr() != y.vr() && (explicit || x.vr() == org.hounsfield.core.VR.SQ || y.vr() == org.hounsfield.core.VR.SQ)) {
                // implicit VR does not carry VRs: there only the values must survive
                diffs.add(p + " VR " + x.vr() + " vs " + y.vr());
                continue;
            }
            if (x.rawValue() instanceof Sequence sx) {
                Sequence sy = y.sequence();
                if (sx.size() != sy.size()) {
                    diffs.add(p + " items " + sx.size() + " vs " + sy.size());
                    continue;
                }
                for (int k = 0; k < sx.size(); k++) {
                    compare(sx.get(k), sy.get(k), p + "[" + k + "].", diffs, explicit);
                }
            } else if (x.rawValue() instanceof Fragments fx) {
                Fragments fy = y.fragments();
                if (fx.itemCount() != fy.itemCount()) {
                    diffs.add(p + " fragments " + fx.itemCount() + " vs " + fy.itemCount());
                    continue;
                }
                for (int k = 0; k < fx.itemCount(); k++) {
                    if (!java.util.Arrays.equals(fx.itemBytes(k), fy.itemBytes(k))) {
                        diffs.add(p + " fragment " + k);
                    }
                }
            } else if (!java.util.Arrays.equals(x.littleEndianBytes(), y.littleEndianBytes())) {
                diffs.add(p + " value");
            }
        }
    }

}
