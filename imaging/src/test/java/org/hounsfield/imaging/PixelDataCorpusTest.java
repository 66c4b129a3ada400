package org.hounsfield.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.hounsfield.core.Dataset;
import org.hounsfield.core.io.DicomReader;
import org.hounsfield.core.testing.SharedCorpus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every well-formed corpus file the reference decoders decode gives the reference's stored values
 * (SHA-256 of all frames in the conformance layout), with the errata of
 * {@code reference/pixel_errata.tsv} applied. Lossy files match exactly too: our JPEG and JPEG 2000
 * decoders give the same integers as GDCM.
 */
class PixelDataCorpusTest {

    /**
     * Files where the reference keeps bits the standard says are not part of the value; DCMTK reads
     * the same values we do (docs/conformance.md, "Pixel data").
     */
    static final Map<String, String> DCMTK_AGREES = Map.of(
            // 12-bit signed, words like 0x0FFF are -1 (pydicom 2.3.1 neither masks nor sign-extends)
            "display/mlut_18.dcm", "9195d8833fb4ec4fd38b7ba84b5025859211d62e76af3188dfb426683485d58a",
            // 15-bit signed JPEG-LS, codestream values >= 16384 are negative (GDCM does not sign-extend)
            "transfer-syntax/jpeg-ls/JLSL_16_15_1_1F.dcm", "bb0a20c386271e836966f81064e1b439a2951b1faa35b48ddbd34e11fb926b6c");

    record Case(String path, String sha) {
        @Override
        public String toString() {
            return path;
        }
    }

    static List<Case> cases() throws IOException {
        Path ref = SharedCorpus.corpus().resolve("reference");
        Map<String, String> errata = new TreeMap<>();
        for (String line : Files.readAllLines(ref.resolve("pixel_errata.tsv"), StandardCharsets.UTF_8)) {
            String[] f = line.split("\t", -1);
            if (!line.startsWith("#") && f.length >= 2 && !f[0].equals("path")) {
                errata.put(f[0], f[1]);
            }
        }
        List<String> lines = Files.readAllLines(ref.resolve("pixel_index.tsv"), StandardCharsets.UTF_8);
        List<String> head = List.of(lines.get(0).split("\t", -1));
        List<Case> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            String path = f[0];
            if (path.startsWith("malformed/") || !"yes".equals(f[head.indexOf("pixel_decoded")])) {
                continue;
            }
            String sha = errata.getOrDefault(path, DCMTK_AGREES.getOrDefault(path, f[head.indexOf("primary_sha256_le")]));
            out.add(new Case(path, sha));
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decodesToTheReferenceValues(Case c) throws Exception {
        Dataset ds = DicomReader.read(SharedCorpus.corpus().resolve(c.path()));
        PixelData px = PixelData.of(ds);
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (int f = 0; f < px.frameCount(); f++) {
            md.update(px.frame(f));
        }
        assertThat(HexFormat.of().formatHex(md.digest())).isEqualTo(c.sha());
    }
}
