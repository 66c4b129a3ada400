package org.hounsfield.deid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.hounsfield.core.Dataset;
import org.hounsfield.core.DicomValueException;
import org.hounsfield.core.Sequence;
import org.hounsfield.core.Tag;
import org.hounsfield.core.TransferSyntax;
import org.hounsfield.core.UID;
import org.hounsfield.core.VR;
import org.hounsfield.core.io.DicomReader;
import org.hounsfield.core.io.DicomWriter;
import org.hounsfield.core.io.WriteOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The profile's actions, options, consistency and refusals on small data sets built here. */
class DeidentifierTest {

    static final byte[] SECRET = "a test secret of 32 bytes.......".getBytes(StandardCharsets.US_ASCII);
    static final String STUDY = "1.2.826.0.1.3680043.2.1125.1.1";
    static final String SERIES = "1.2.826.0.1.3680043.2.1125.1.2";
    static final String SOP1 = "1.2.826.0.1.3680043.2.1125.1.3.1";
    static final String SOP2 = "1.2.826.0.1.3680043.2.1125.1.3.2";

    @TempDir
    Path tmp;

    /** A CT instance with identity in the usual places, nested sequences, private data, an overlay and a curve. */
    static Dataset ct(String sop, String patientId) {
        Dataset ds = new Dataset();
        ds.setString(Tag.SpecificCharacterSet, "ISO_IR 100");
        ds.setBytes(0x00080000, VR.UL, new byte[] {0, 0, 0, 0}); // a group length
        ds.setString(Tag.SOPClassUID, UID.CTImageStorage);
        ds.setString(Tag.SOPInstanceUID, sop);
        ds.setString(Tag.StudyDate, "20151124");
        ds.setString(Tag.SeriesDate, "20151124");
        ds.setString(Tag.AcquisitionDateTime, VR.DT, "20151124093012.5+0100");
        ds.setString(Tag.StudyTime, "093000");
        ds.setString(Tag.AccessionNumber, "ACC12345");
        ds.setString(Tag.Modality, "CT");
        ds.setString(Tag.InstitutionName, "Hounsfield General Hospital");
        ds.setString(Tag.StudyDescription, "CT chest abdomen pelvis - 55F Dr. Smith, Jane Doe ACC12345");
        ds.setString(Tag.SeriesDescription, "Axial 5mm");
        ds.setString(Tag.PatientName, "Doe^Jane");
        ds.setString(Tag.PatientID, patientId);
        ds.setString(Tag.PatientBirthDate, "19700101");
        ds.setString(Tag.PatientSex, "F");
        ds.setString(Tag.PatientAge, "055Y");
        ds.setString(Tag.OtherPatientIDs, "OTHER-77");
        ds.setString(Tag.DeviceSerialNumber, "SN-998877");
        ds.setString(Tag.StudyInstanceUID, STUDY);
        ds.setString(Tag.SeriesInstanceUID, SERIES);
        ds.setString(Tag.FrameOfReferenceUID, "1.2.840.10008.1.4.1.1"); // a well-known frame of reference (Talairach)
        Sequence refs = ds.newSequence(Tag.ReferencedImageSequence);
        Dataset r = refs.addItem();
        r.setString(Tag.ReferencedSOPClassUID, UID.CTImageStorage);
        r.setString(Tag.ReferencedSOPInstanceUID, SOP2);
        // identity three levels down in unlisted sequences
        Dataset l1 = ds.newSequence(Tag.ReferencedSeriesSequence).addItem();
        l1.setString(Tag.SeriesInstanceUID, SERIES);
        Dataset l2 = l1.newSequence(Tag.ReferencedSeriesSequence).addItem();
        Dataset l3 = l2.newSequence(Tag.ReferencedSeriesSequence).addItem();
        l3.setString(Tag.PatientName, "Doe^Jane");
        l3.setString(Tag.ReferencedSOPInstanceUID, SOP1);
        // private data: a creator and two elements, one of them on the safe list (GEMS_PARM_01 xx27)
        ds.setString(0x00430010, VR.LO, "GEMS_PARM_01");
        ds.setString(0x00431027, VR.SH, "1.375:1");
        ds.setString(0x00431028, VR.LO, "Jane Doe private copy");
        // an overlay and a curve
        ds.setInts(0x60000010, VR.US, 4);
        ds.setInts(0x60000011, VR.US, 4);
        ds.setBytes(0x60003000, VR.OW, new byte[] {(byte) 0xFF, (byte) 0xFF});
        ds.setString(0x60004000, VR.LT, "drawn by Dr. Smith");
        ds.setString(0x50000022, VR.LO, "curve of Jane Doe");
        ds.setInts(Tag.Rows, VR.US, 2);
        ds.setInts(Tag.Columns, VR.US, 2);
        ds.setInts(Tag.BitsAllocated, VR.US, 16);
        ds.setInts(Tag.BitsStored, VR.US, 12);
        ds.setInts(Tag.SamplesPerPixel, VR.US, 1);
        ds.setString(Tag.PhotometricInterpretation, "MONOCHROME2");
        ds.setBytes(Tag.PixelData, VR.OW, new byte[] {1, 0, 2, 0, 3, 0, 4, 0});
        Dataset meta = new Dataset();
        meta.setString(Tag.MediaStorageSOPClassUID, VR.UI, UID.CTImageStorage);
        meta.setString(Tag.MediaStorageSOPInstanceUID, VR.UI, sop);
        meta.setString(Tag.SourceApplicationEntityTitle, VR.AE, "HOSPITAL_PACS");
        ds.setFileMeta(meta);
        ds.setPreamble(new byte[128]);
        ds.setTransferSyntax(TransferSyntax.EXPLICIT_VR_LE);
        return ds;
    }

    static Deidentifier.Builder builder(Option... options) {
        return Deidentifier.builder().secret(SECRET).options(options);
    }

    private static List<String> codes(Dataset ds) {
        return ds.getSequence(Tag.DeidentificationMethodCodeSequence).items().stream().map(i -> i.getString(Tag.CodeValue)).toList();
    }

    @Test
    void basicProfileAppliesTheTableAtEveryDepth() {
        Deidentifier d = builder().build();
        Dataset ds = ct(SOP1, "PID-1");
        Deidentifier.Result r = d.deidentify(ds);
        UidMapper m = d.uidMapper();

        // Z
        assertThat(ds.getString(Tag.StudyDate)).isEmpty();
        assertThat(ds.getString(Tag.AccessionNumber)).isEmpty();
        assertThat(ds.getString(Tag.PatientBirthDate)).isEmpty();
        assertThat(ds.getString(Tag.PatientSex)).isEmpty();
        assertThat(ds.getString(Tag.StudyTime)).isEmpty();
        // X
        assertThat(ds.contains(Tag.StudyDescription)).isFalse();
        assertThat(ds.contains(Tag.SeriesDescription)).isFalse();
        assertThat(ds.contains(Tag.PatientAge)).isFalse();
        assertThat(ds.contains(Tag.OtherPatientIDs)).isFalse();
        // X/D (conformant: D) and X/Z/D: dummies
        assertThat(ds.getString(Tag.SeriesDate)).isEqualTo("19000101");
        assertThat(ds.getString(Tag.AcquisitionDateTime)).isEqualTo("19000101");
        assertThat(ds.getString(Tag.InstitutionName)).matches("ANON[0-9A-F]{8}");
        assertThat(ds.getString(Tag.DeviceSerialNumber)).matches("ANON[0-9A-F]{8}");
        // patient pseudonym, consistent
        assertThat(ds.getString(Tag.PatientID)).matches("ANON[0-9A-F]{12}").isEqualTo(r.patientId());
        assertThat(ds.getString(Tag.PatientName)).isEqualTo("ANON^" + r.patientId().substring(4));
        // U, references, registry UIDs kept
        assertThat(ds.getString(Tag.SOPInstanceUID)).isEqualTo(m.map(SOP1)).isEqualTo(r.newSopInstanceUid()).startsWith("2.25.");
        assertThat(ds.getString(Tag.StudyInstanceUID)).isEqualTo(m.map(STUDY));
        assertThat(ds.getString(Tag.FrameOfReferenceUID)).isEqualTo("1.2.840.10008.1.4.1.1");
        assertThat(ds.getSequence(Tag.ReferencedImageSequence).get(0).getString(Tag.ReferencedSOPInstanceUID)).isEqualTo(m.map(SOP2));
        assertThat(ds.getSequence(Tag.ReferencedImageSequence).get(0).getString(Tag.ReferencedSOPClassUID)).isEqualTo(UID.CTImageStorage);
        Dataset l1 = ds.getSequence(Tag.ReferencedSeriesSequence).get(0);
        Dataset l3 = l1.getSequence(Tag.ReferencedSeriesSequence).get(0).getSequence(Tag.ReferencedSeriesSequence).get(0);
        assertThat(l1.getString(Tag.SeriesInstanceUID)).isEqualTo(m.map(SERIES));
        assertThat(l3.getString(Tag.PatientName)).isEqualTo(r.patientName());
        assertThat(l3.getString(Tag.ReferencedSOPInstanceUID)).isEqualTo(r.newSopInstanceUid());
        // private, overlay, curve, group length
        assertThat(java.util.Arrays.stream(ds.tags()).noneMatch(Tag::isPrivate)).isTrue();
        assertThat(java.util.Arrays.stream(ds.tags()).noneMatch(t -> (t >>> 16) == 0x6000 || (t >>> 16) == 0x5000)).isTrue();
        assertThat(ds.contains(0x00080000)).isFalse();
        // what the profile adds
        assertThat(ds.getString(Tag.PatientIdentityRemoved)).isEqualTo("YES");
        assertThat(codes(ds)).containsExactly("113100");
        assertThat(ds.getSequence(Tag.DeidentificationMethodCodeSequence).get(0).getString(Tag.CodingSchemeDesignator)).isEqualTo("DCM");
        assertThat(ds.getString(Tag.DeidentificationMethod)).contains("Basic Application Confidentiality Profile");
        assertThat(ds.getString(Tag.LongitudinalTemporalInformationModified)).isEqualTo("REMOVED");
        // file meta replaced, preamble dropped
        assertThat(ds.fileMeta().getString(Tag.MediaStorageSOPInstanceUID)).isEqualTo(r.newSopInstanceUid());
        assertThat(ds.fileMeta().contains(Tag.SourceApplicationEntityTitle)).isFalse();
        assertThat(ds.preamble()).isNull();
        assertThat(r.originalSopInstanceUid()).isEqualTo(SOP1);
        assertThat(r.removed()).isGreaterThan(10);
        // the file reads back with the same values
        Dataset back = DicomReader.read(DicomWriter.toBytes(ds, WriteOptions.defaults()));
        assertThat(back.getString(Tag.SOPInstanceUID)).isEqualTo(r.newSopInstanceUid());
        assertThat(back.fileMeta().getString(Tag.MediaStorageSOPInstanceUID)).isEqualTo(r.newSopInstanceUid());
        String bytes = new String(DicomWriter.toBytes(ds, WriteOptions.defaults()), StandardCharsets.ISO_8859_1);
        for (String original : List.of("Doe", "Jane", "PID-1", "ACC12345", "Hounsfield General", "SN-998877", "HOSPITAL_PACS", SOP1, STUDY, "20151124")) {
            assertThat(bytes).as(original).doesNotContain(original);
        }
    }

    @Test
    void removePolicyRemovesWhatTheCodesAllow() {
        Dataset ds = ct(SOP1, "PID-1");
        builder().compoundPolicy(Deidentifier.CompoundPolicy.REMOVE).build().deidentify(ds);
        assertThat(ds.contains(Tag.InstitutionName)).isFalse();
        assertThat(ds.contains(Tag.SeriesDate)).isFalse();
        assertThat(ds.contains(Tag.ReferencedImageSequence)).isFalse();
        assertThat(ds.getString(Tag.PatientID)).isEmpty(); // Z/D gives Z
    }

    @Test
    void sameInputSameOutputAcrossFilesAndRuns() {
        Dataset a1 = ct(SOP1, "PID-1");
        Dataset a2 = ct(SOP2, "PID-1");
        Deidentifier run1 = builder().build();
        Deidentifier.Result r1 = run1.deidentify(a1);
        Deidentifier.Result r2 = run1.deidentify(a2);
        // same study, series, patient in both files; the reference in file 1 points to file 2's new UID
        assertThat(a1.getString(Tag.StudyInstanceUID)).isEqualTo(a2.getString(Tag.StudyInstanceUID));
        assertThat(a1.getString(Tag.SeriesInstanceUID)).isEqualTo(a2.getString(Tag.SeriesInstanceUID));
        assertThat(r1.patientId()).isEqualTo(r2.patientId());
        assertThat(a1.getSequence(Tag.ReferencedImageSequence).get(0).getString(Tag.ReferencedSOPInstanceUID)).isEqualTo(r2.newSopInstanceUid());
        // a second run with the same secret gives byte-identical files
        Dataset b1 = ct(SOP1, "PID-1");
        builder().build().deidentify(b1);
        assertThat(DicomWriter.toBytes(b1, WriteOptions.defaults())).isEqualTo(DicomWriter.toBytes(a1, WriteOptions.defaults()));
        // another secret, other UIDs
        Dataset c1 = ct(SOP1, "PID-1");
        Deidentifier.builder().secret("another secret of 32 bytes......".getBytes(StandardCharsets.US_ASCII)).build().deidentify(c1);
        assertThat(c1.getString(Tag.SOPInstanceUID)).isNotEqualTo(r1.newSopInstanceUid());
        // another patient, another pseudonym
        assertThat(builder().build().deidentify(ct(SOP1, "PID-2")).patientId()).isNotEqualTo(r1.patientId());
    }

    @Test
    void uidMapperGivesValidUidsUnder225() {
        UidMapper m = new UidMapper(SECRET);
        String u = m.map("1.2.840.113619.2.55.3.604688119.969.1268071029.320");
        assertThat(u).matches("2\\.25\\.[1-9][0-9]{0,38}").hasSizeLessThanOrEqualTo(44);
        assertThat(m.map("1.2.840.113619.2.55.3.604688119.969.1268071029.320\0")).isEqualTo(u);
        assertThat(m.map("1.2.3")).isNotEqualTo(u);
        assertThat(m.map("")).isEmpty();
        assertThatThrownBy(() -> new UidMapper(new byte[8])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void retainOptions() {
        Dataset ds = ct(SOP1, "PID-1");
        Deidentifier.Result r = builder(Option.RETAIN_UIDS, Option.RETAIN_DEVICE_IDENTITY, Option.RETAIN_INSTITUTION_IDENTITY,
                Option.RETAIN_PATIENT_CHARACTERISTICS, Option.RETAIN_LONGITUDINAL_FULL_DATES).build().deidentify(ds);
        assertThat(ds.getString(Tag.SOPInstanceUID)).isEqualTo(SOP1);
        assertThat(r.newSopInstanceUid()).isEqualTo(SOP1);
        assertThat(ds.getString(Tag.StudyInstanceUID)).isEqualTo(STUDY);
        assertThat(ds.getString(Tag.DeviceSerialNumber)).isEqualTo("SN-998877");
        assertThat(ds.getString(Tag.InstitutionName)).isEqualTo("Hounsfield General Hospital");
        assertThat(ds.getString(Tag.PatientSex)).isEqualTo("F");
        assertThat(ds.getString(Tag.PatientAge)).isEqualTo("055Y");
        assertThat(ds.getString(Tag.StudyDate)).isEqualTo("20151124");
        assertThat(ds.getString(Tag.AcquisitionDateTime)).isEqualTo("20151124093012.5+0100");
        assertThat(ds.getString(Tag.LongitudinalTemporalInformationModified)).isEqualTo("UNMODIFIED");
        assertThat(ds.getString(Tag.PatientName)).startsWith("ANON^"); // no option keeps names
        assertThat(codes(ds)).containsExactly("113100", "113110", "113109", "113112", "113108", "113106");
    }

    @Test
    void modifiedDatesShiftEveryDateOfAPatientByTheSameDays() {
        Deidentifier d = builder(Option.RETAIN_LONGITUDINAL_MODIFIED_DATES).build();
        Dataset a = ct(SOP1, "PID-1");
        Deidentifier.Result r = d.deidentify(a);
        int days = r.dateShiftDays();
        assertThat(days).isBetween(-3650, -1);
        String expected = LocalDate.of(2015, 11, 24).plusDays(days).format(DateTimeFormatter.BASIC_ISO_DATE);
        assertThat(a.getString(Tag.StudyDate)).isEqualTo(expected);
        assertThat(a.getString(Tag.SeriesDate)).isEqualTo(expected);
        assertThat(a.getString(Tag.AcquisitionDateTime)).isEqualTo(expected + "093012.5+0100");
        assertThat(a.getString(Tag.StudyTime)).isEqualTo("093000"); // times of day kept
        assertThat(a.getString(Tag.PatientBirthDate)).isEmpty(); // no option keeps the birth date
        assertThat(a.getString(Tag.LongitudinalTemporalInformationModified)).isEqualTo("MODIFIED");
        assertThat(codes(a)).containsExactly("113100", "113107");
        Dataset b = ct(SOP2, "PID-1");
        assertThat(d.deidentify(b).dateShiftDays()).isEqualTo(days);
        assertThat(b.getString(Tag.StudyDate)).isEqualTo(expected);
        // another patient: another shift (for this secret)
        assertThat(d.deidentify(ct(SOP2, "PID-2")).dateShiftDays()).isNotEqualTo(days);
    }

    @Test
    void cleanDescriptorsKeepsTheMeaningAndDropsTheIdentity() {
        Dataset ds = ct(SOP1, "PID-1");
        builder(Option.CLEAN_DESCRIPTORS).build().deidentify(ds);
        assertThat(ds.getString(Tag.StudyDescription)).isEqualTo("CT chest abdomen pelvis");
        assertThat(ds.getString(Tag.SeriesDescription)).isEqualTo("Axial 5mm");
        assertThat(codes(ds)).containsExactly("113100", "113105");
    }

    @Test
    void retainSafePrivateKeepsListedAndDeclaredElementsOnly() {
        Dataset ds = ct(SOP1, "PID-1");
        // a block the instance declares safe (PS3.15 E.3.10, Private Data Element Characteristics Sequence)
        ds.setString(0x00090010, VR.LO, "ACME SAFE BLOCK");
        ds.setString(0x00091001, VR.DS, "42");
        ds.setString(0x00091002, VR.UI, SOP2);
        Dataset decl = ds.newSequence(Tag.PrivateDataElementCharacteristicsSequence).addItem();
        decl.setInts(Tag.PrivateGroupReference, VR.US, 0x0009);
        decl.setString(Tag.PrivateCreatorReference, VR.LO, "ACME SAFE BLOCK");
        decl.setString(Tag.BlockIdentifyingInformationStatus, VR.CS, "SAFE");
        Deidentifier.Result r = builder(Option.RETAIN_SAFE_PRIVATE).build().deidentify(ds);
        assertThat(ds.getString(0x00430010)).isEqualTo("GEMS_PARM_01");
        assertThat(ds.getString(0x00431027)).isEqualTo("1.375:1");
        assertThat(ds.contains(0x00431028)).isFalse();
        assertThat(ds.getString(0x00091001)).isEqualTo("42");
        assertThat(ds.getString(0x00091002)).isEqualTo(new UidMapper(SECRET).map(SOP2)); // private UIDs are replaced too
        assertThat(r.privateKept()).isEqualTo(3);
        assertThat(codes(ds)).containsExactly("113100", "113111");
    }

    @Test
    void cleanGraphicsKeepsOverlaysWithCleanedText() {
        Dataset ds = ct(SOP1, "PID-1");
        builder(Option.CLEAN_GRAPHICS).build().deidentify(ds);
        assertThat(ds.get(0x60003000).bytes()).containsExactly(0xFF, 0xFF);
        assertThat(ds.getString(0x60004000)).isEqualTo("drawn by");
        assertThat(ds.getString(0x50000022)).isEqualTo("curve of");
        assertThat(codes(ds)).containsExactly("113100", "113103");
    }

    @Test
    void cleanStructuredContentScrubsTextInsideContentItems() {
        Dataset ds = ct(SOP1, "PID-1");
        Dataset item = ds.newSequence(Tag.ContentSequence).addItem();
        item.setString(Tag.ValueType, VR.CS, "TEXT");
        Dataset concept = item.newSequence(Tag.ConceptNameCodeSequence).addItem();
        concept.setString(Tag.CodeValue, VR.SH, "121071");
        concept.setString(Tag.CodingSchemeDesignator, VR.SH, "DCM");
        concept.setString(Tag.CodeMeaning, VR.LO, "Finding");
        item.setString(Tag.TextValue, VR.UT, "Nodule seen by Dr. Smith in Jane Doe on 2015-11-24");
        Dataset basic = ct(SOP1, "PID-1");
        basic.newSequence(Tag.ContentSequence).add(copyOf(item));
        builder(Option.CLEAN_STRUCTURED_CONTENT).build().deidentify(ds);
        Dataset cleaned = ds.getSequence(Tag.ContentSequence).get(0);
        assertThat(cleaned.getString(Tag.TextValue)).isEqualTo("Nodule seen by in on");
        assertThat(cleaned.getSequence(Tag.ConceptNameCodeSequence).get(0).getString(Tag.CodeMeaning)).isEqualTo("Finding");
        // the Basic Profile replaces the content (D): text becomes a dummy, codes stay
        builder().build().deidentify(basic);
        Dataset dummy = basic.getSequence(Tag.ContentSequence).get(0);
        assertThat(dummy.getString(Tag.TextValue)).matches("ANON[0-9A-F]{8}");
        assertThat(dummy.getSequence(Tag.ConceptNameCodeSequence).get(0).getString(Tag.CodeMeaning)).isEqualTo("Finding");
    }

    private static Dataset copyOf(Dataset item) {
        Dataset c = new Dataset();
        for (int t : item.tags()) {
            org.hounsfield.core.Element e = item.get(t);
            if (e.rawValue() instanceof Sequence s) {
                Sequence n = c.newSequence(t);
                for (Dataset i : s) {
                    n.add(copyOf(i));
                }
            } else {
                c.putRaw(t, e.vr(), e.bytes(), 0);
            }
        }
        return c;
    }

    @Test
    void optionsThatCannotBeHonouredAreRefused() {
        assertThatThrownBy(() -> builder(Option.RETAIN_LONGITUDINAL_FULL_DATES, Option.RETAIN_LONGITUDINAL_MODIFIED_DATES).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder(Option.CLEAN_RECOGNIZABLE_VISUAL_FEATURES).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder(Option.CLEAN_PIXEL_DATA).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Deidentifier.builder().secret(new byte[4])).isInstanceOf(IllegalArgumentException.class);
        assertThat(Option.parse("modified-dates")).isEqualTo(Option.RETAIN_LONGITUDINAL_MODIFIED_DATES);
        assertThat(Option.parse("clean-descriptors")).isEqualTo(Option.CLEAN_DESCRIPTORS);
        assertThat(Option.parse("RETAIN_UIDS")).isEqualTo(Option.RETAIN_UIDS);
        assertThatThrownBy(() -> Option.parse("everything")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void burnedInAnnotationIsRefusedUnlessAcceptedOrBlanked() {
        Dataset yes = ct(SOP1, "PID-1");
        yes.setString(Tag.BurnedInAnnotation, "YES");
        assertThatThrownBy(() -> builder().build().deidentify(yes)).isInstanceOf(DeidentificationRefusedException.class)
                .hasMessageContaining("Burned In Annotation is YES");
        Dataset us = ct(SOP1, "PID-1");
        us.setString(Tag.Modality, "US");
        assertThatThrownBy(() -> builder().build().deidentify(us)).isInstanceOf(DeidentificationRefusedException.class)
                .hasMessageContaining("absent for modality US");
        Dataset sc = ct(SOP1, "PID-1");
        sc.setString(Tag.SOPClassUID, "1.2.840.10008.5.1.4.1.1.7");
        sc.setString(Tag.Modality, "OT");
        assertThatThrownBy(() -> builder().build().deidentify(sc)).isInstanceOf(DeidentificationRefusedException.class)
                .hasMessageContaining("secondary capture");
        Dataset usNo = ct(SOP1, "PID-1");
        usNo.setString(Tag.Modality, "US");
        usNo.setString(Tag.BurnedInAnnotation, "NO");
        builder().build().deidentify(usNo); // declared clean: accepted
        Deidentifier.Result accepted = builder().acceptBurnedIn(true).build().deidentify(us);
        assertThat(accepted.notes()).anyMatch(n -> n.contains("accepted by the user"));
        // blanking: the rectangle becomes 0, the Clean Pixel Data Option is recorded
        Deidentifier.Result blanked = builder().blank(List.of(new Rect(0, 0, 1, 2))).build().deidentify(yes);
        assertThat(yes.get(Tag.PixelData).bytes()).containsExactly(0, 0, 2, 0, 0, 0, 4, 0);
        assertThat(blanked.pixelsBlanked()).isEqualTo(2);
        assertThat(codes(yes)).containsExactly("113100", "113101");
        // a DICOMDIR is refused
        Dataset dir = new Dataset();
        dir.newSequence(Tag.DirectoryRecordSequence);
        assertThatThrownBy(() -> builder().build().deidentify(dir)).isInstanceOf(DeidentificationRefusedException.class)
                .hasMessageContaining("DICOMDIR");
    }

    @Test
    void patientMappingFromCsv() throws Exception {
        Path csv = tmp.resolve("map.csv");
        Files.writeString(csv, "original_patient_id,new_patient_id,new_patient_name\nPID-1,SUBJ-001,\"Subject^001\"\nPID-3,SUBJ-003\n");
        PatientMapping map = PatientMapping.readCsv(csv);
        assertThat(map.size()).isEqualTo(2);
        assertThat(map.lookup("PID-3")).isEqualTo(new PatientMapping.Entry("SUBJ-003", "SUBJ-003"));
        Deidentifier d = builder().patientMapping(map).build();
        Dataset ds = ct(SOP1, "PID-1");
        d.deidentify(ds);
        assertThat(ds.getString(Tag.PatientID)).isEqualTo("SUBJ-001");
        assertThat(ds.getString(Tag.PatientName)).isEqualTo("Subject^001");
        Deidentifier.Result unmapped = d.deidentify(ct(SOP2, "PID-2"));
        assertThat(unmapped.patientId()).startsWith("ANON");
        assertThat(unmapped.notes()).anyMatch(n -> n.contains("not in the mapping"));
        Path bad = tmp.resolve("bad.csv");
        Files.writeString(bad, "PID-1\n");
        assertThatThrownBy(() -> PatientMapping.readCsv(bad)).isInstanceOf(DicomValueException.class).hasMessageContaining("bad.csv:1");
        Path twice = tmp.resolve("twice.csv");
        Files.writeString(twice, "A,B\nA,C\n");
        assertThatThrownBy(() -> PatientMapping.readCsv(twice)).isInstanceOf(DicomValueException.class).hasMessageContaining("twice");
    }

    @Test
    void profileTableRowsAndOptionResolution() {
        ProfileTable t = ProfileTable.standard();
        assertThat(t.rules()).hasSize(657);
        assertThat(t.rule(Tag.PatientName).basic()).isEqualTo("Z");
        assertThat(t.rule(Tag.PatientID).basic()).isEqualTo("Z/D");
        assertThat(t.rule(Tag.ReferencedImageSequence).basic()).isEqualTo("X/Z/U*");
        assertThat(t.rule(0x60023000).name()).isEqualTo("Overlay Data");
        assertThat(t.rule(0x501E0010).name()).isEqualTo("Curve Data");
        assertThat(t.rule(0x60013000).name()).isEqualTo("Private Attributes"); // odd group: private
        assertThat(t.rule(Tag.Rows)).isNull();
        ProfileTable.Rule cal = t.rule(0x00181200); // Date of Last Calibration: device K, full dates K, modified dates C
        assertThat(cal.code(java.util.EnumSet.of(Option.RETAIN_DEVICE_IDENTITY))).isEqualTo("K");
        assertThat(cal.code(java.util.EnumSet.of(Option.RETAIN_DEVICE_IDENTITY, Option.RETAIN_LONGITUDINAL_MODIFIED_DATES))).isEqualTo("C");
        assertThat(cal.code(java.util.EnumSet.noneOf(Option.class))).isEqualTo("X");
        Deidentifier d = builder().build();
        assertThat(d.resolve("X/Z/D", true)).isEqualTo(Deidentifier.Action.D);
        assertThat(d.resolve("X/Z/D", false)).isEqualTo(Deidentifier.Action.X); // not in a standard composite IOD (Note 13)
        assertThat(d.resolve("X/Z", true)).isEqualTo(Deidentifier.Action.Z);
        assertThat(d.resolve("X/Z/U*", true)).isEqualTo(Deidentifier.Action.U);
        assertThat(d.resolve("Z/D", true)).isEqualTo(Deidentifier.Action.D);
    }
}
