package org.hounsfield.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.hounsfield.core.Dataset;
import org.hounsfield.core.Tag;
import org.hounsfield.core.example.HeadPhantom;
import org.hounsfield.core.io.DicomReader;
import org.hounsfield.core.io.DicomWriter;
import org.hounsfield.imaging.PixelData;
import org.hounsfield.imaging.convert.TargetSyntax;
import org.hounsfield.imaging.convert.Transcoder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


/** {@code hounsfield anonymize} on a small tree built here. */
class AnonymizeCommandTest {

    @TempDir
    Path tmp;

    Path in;
    Path secret;
    String out;
    String err;

    /** Runs the command as Main does (same exception handler), capturing stdout and stderr. */
    int run(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "anonymize";
        System.arraycopy(args, 0, all, 1, args.length);
        CliRun r = CliRun.of(all);
        out = r.out();
        err = r.err();
        return r.rc();
    }

    @BeforeEach
    void tree() throws IOException {
        in = tmp.resolve("in");
        DicomWriter.write(HeadPhantom.slice(32, 0), in.resolve("series/1.dcm"));
        DicomWriter.write(HeadPhantom.slice(32, 1), in.resolve("series/2.dcm"));
        Dataset us = HeadPhantom.slice(32, 2);
        us.setString(Tag.Modality, "US");
        DicomWriter.write(us, in.resolve("us/us.dcm"));
        Files.writeString(in.resolve("notes.txt"), "not DICOM");
        Path bad = in.resolve("broken/bad.dcm");
        Files.createDirectories(bad.getParent());
        Files.write(bad, truncated());
        secret = tmp.resolve("site.key");
        Files.writeString(secret, "a secret for the cli tests 123456\n");
    }

    /** A file cut in the middle of its pixel data. */
    private static byte[] truncated() {
        byte[] b = DicomWriter.toBytes(HeadPhantom.slice(32, 3), org.hounsfield.core.io.WriteOptions.defaults());
        return java.util.Arrays.copyOf(b, b.length - 700);
    }

    private static Map<String, String> hashes(Path dir) throws Exception {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                m.put(dir.relativize(p).toString(), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
            }
        }
        return m;
    }

    @Test
    void mirrorsTheTreeReportsAndNeverTouchesTheInput() throws Exception {
        Map<String, String> before = hashes(in);
        Path o = tmp.resolve("out");
        Path report = tmp.resolve("report.json");
        int rc = run("--secret-file", secret.toString(), "--report", report.toString(), in.toString(), o.toString());
        assertThat(rc).as(err).isEqualTo(1); // one refused, one failed
        assertThat(hashes(in)).isEqualTo(before);
        assertThat(hashes(o).keySet()).containsExactly("series/1.dcm", "series/2.dcm"); // nothing half-written, no temp files
        assertThat(out).contains("anonymized 2 file(s), refused 1, failed 1");
        assertThat(err).contains("skipped  notes.txt: not DICOM").contains("REFUSED  us/us.dcm: Burned In Annotation is absent for modality US")
                .contains("ERROR  broken/bad.dcm");
        Dataset a = DicomReader.read(o.resolve("series/1.dcm"));
        Dataset b = DicomReader.read(o.resolve("series/2.dcm"));
        assertThat(a.getString(Tag.PatientName)).startsWith("ANON^");
        assertThat(a.getString(Tag.PatientID)).isEqualTo(b.getString(Tag.PatientID)).startsWith("ANON");
        assertThat(a.getString(Tag.StudyInstanceUID)).isEqualTo(b.getString(Tag.StudyInstanceUID)).startsWith("2.25.");
        assertThat(a.getString(Tag.SOPInstanceUID)).isNotEqualTo(b.getString(Tag.SOPInstanceUID));
        assertThat(a.getString(Tag.PatientIdentityRemoved)).isEqualTo("YES");
        assertThat(a.contains(Tag.InstitutionName)).isTrue();
        assertThat(a.getString(Tag.InstitutionName)).doesNotContain("Hounsfield");
        assertThat(PixelData.of(a).frame(0)).isEqualTo(PixelData.of(HeadPhantom.slice(32, 0)).frame(0));
        String json = Files.readString(report);
        assertThat(json).startsWith("[\n").contains("\"input\": \"series/1.dcm\", \"output\": \"series/1.dcm\", \"status\": \"ok\"")
                .contains("\"status\": \"refused\"").contains("\"status\": \"failed\"")
                .contains("\"new_sop_instance_uid\": \"" + a.getString(Tag.SOPInstanceUID) + "\"");

        // a second run with the same secret gives the same bytes; the US image is accepted on request
        Path o2 = tmp.resolve("out2");
        Path csv = tmp.resolve("report.csv");
        assertThat(run("--secret-file", secret.toString(), "--accept-burned-in", "--report", csv.toString(), "--threads", "1",
                in.resolve("series").toString(), o2.toString())).isZero();
        assertThat(Files.readAllBytes(o2.resolve("1.dcm"))).isEqualTo(Files.readAllBytes(o.resolve("series/1.dcm")));
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("input,output,status,message,new_sop_instance_uid,patient_id,removed,emptied,replaced,"
                + "uids_replaced,cleaned,private_kept,pixels_blanked");
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).startsWith("1.dcm,1.dcm,ok,," + a.getString(Tag.SOPInstanceUID) + "," + a.getString(Tag.PatientID) + ",");
        assertThat(run("--secret-file", secret.toString(), "--accept-burned-in", in.resolve("us/us.dcm").toString(),
                tmp.resolve("single.dcm").toString())).isZero();
        assertThat(DicomReader.read(tmp.resolve("single.dcm")).getString(Tag.Modality)).isEqualTo("US");
    }

    @Test
    void refusesOutputInsideTheInputAndTheReverse() throws Exception {
        Map<String, String> before = hashes(in);
        assertThat(run("--secret-file", secret.toString(), in.toString(), in.resolve("anon").toString())).isEqualTo(2);
        assertThat(err).contains("OUT must be outside IN");
        assertThat(run("--secret-file", secret.toString(), in.resolve("series").toString(), in.toString())).isEqualTo(2);
        assertThat(run("--secret-file", secret.toString(), in.toString(), in.toString())).isEqualTo(2);
        assertThat(run("--secret-file", secret.toString(), in.resolve("series/1.dcm").toString(), in.resolve("series/1.dcm").toString())).isEqualTo(2);
        assertThat(hashes(in)).isEqualTo(before);
        Files.writeString(tmp.resolve("short.key"), "short");
        assertThat(run("--secret-file", tmp.resolve("short.key").toString(), in.toString(), tmp.resolve("o").toString())).isEqualTo(2);
        assertThat(err).contains("use at least 16");
        assertThat(run("--retain", "descriptors", in.toString(), tmp.resolve("o").toString())).isEqualTo(2);
        assertThat(run("--retain", "full-dates,modified-dates", in.toString(), tmp.resolve("o").toString())).isEqualTo(2);
        assertThat(Files.exists(tmp.resolve("o"))).isFalse();
    }

    @Test
    void optionsMappingAndBlanking() throws Exception {
        Path map = tmp.resolve("map.csv");
        Files.writeString(map, "original_patient_id,new_patient_id,new_patient_name\nHF-PHANTOM-1,SUBJ-001,Subject^001\n");
        Path o = tmp.resolve("out");
        assertThat(run("--secret-file", secret.toString(), "--mapping", map.toString(), "--retain", "modified-dates,patient-characteristics",
                "--clean", "descriptors", in.resolve("series").toString(), o.toString())).as(err).isZero();
        Dataset a = DicomReader.read(o.resolve("1.dcm"));
        assertThat(a.getString(Tag.PatientID)).isEqualTo("SUBJ-001");
        assertThat(a.getString(Tag.PatientName)).isEqualTo("Subject^001");
        assertThat(a.getString(Tag.PatientSex)).isEqualTo("O");
        assertThat(a.getString(Tag.StudyDescription)).isEqualTo("CT WITHOUT CONTRAST"); // "Head" is the patient's given name (Phantom^Head)
        assertThat(a.getString(Tag.StudyDate)).matches("\\d{8}").isNotEqualTo("20261125");
        assertThat(a.getString(Tag.LongitudinalTemporalInformationModified)).isEqualTo("MODIFIED");
        assertThat(a.getSequence(Tag.DeidentificationMethodCodeSequence).items().stream().map(i -> i.getString(Tag.CodeValue)))
                .containsExactly("113100", "113108", "113107", "113105");

        // blanking a compressed image: decoded first, the rectangle is 0, the rest unchanged
        Dataset jls = DicomReader.read(Transcoder.transcode(HeadPhantom.slice(32, 0), TargetSyntax.JPEG_LS_LOSSLESS).bytes());
        Path cin = tmp.resolve("cin");
        DicomWriter.write(jls, cin.resolve("jls.dcm"));
        Path co = tmp.resolve("cout");
        assertThat(run("--secret-file", secret.toString(), "--blank", "0,0,32,4", cin.toString(), co.toString())).as(err).isZero();
        Dataset blanked = DicomReader.read(co.resolve("jls.dcm"));
        byte[] px = PixelData.of(blanked).frame(0);
        byte[] orig = PixelData.of(HeadPhantom.slice(32, 0)).frame(0);
        for (int i = 0; i < px.length; i++) {
            assertThat(px[i]).isEqualTo(i < 32 * 4 * 2 ? (byte) 0 : orig[i]);
        }
        assertThat(blanked.getSequence(Tag.DeidentificationMethodCodeSequence).items().stream().map(i -> i.getString(Tag.CodeValue)))
                .containsExactly("113100", "113101");
    }
}
