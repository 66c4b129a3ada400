package org.hounsfield.core.validate;

import static org.assertj.core.api.Assertions.assertThat;

import org.hounsfield.core.Dataset;
import org.hounsfield.core.Tag;
import org.hounsfield.core.UID;
import org.junit.jupiter.api.Test;

/** Type 1 and Type 2 attributes of the mandatory modules, from the generated iod-requirements.tsv. */
class IodCheckTest {

    /** A CT Image with every top-level Type 1 and Type 2 attribute of its mandatory modules. */
    static Dataset completeCt() {
        Dataset ds = new Dataset();
        ds.setString(Tag.SOPClassUID, UID.CTImageStorage);
        ds.setString(Tag.SOPInstanceUID, "1.2.3.4");
        ds.setString(Tag.PatientName, "Doe^John");
        for (int t : new int[] {Tag.PatientID, Tag.PatientBirthDate, Tag.PatientSex, Tag.StudyDate, Tag.StudyTime,
                Tag.ReferringPhysicianName, Tag.StudyID, Tag.AccessionNumber, Tag.SeriesNumber, Tag.PositionReferenceIndicator,
                Tag.Manufacturer, Tag.InstanceNumber, Tag.SliceThickness, Tag.KVP, Tag.AcquisitionNumber}) {
            ds.putRaw(t, org.hounsfield.core.dict.ElementDictionary.lookup(t).vr(), new byte[0], 0); // Type 2: empty is fine
        }
        ds.setString(Tag.StudyInstanceUID, "1.2.3");
        ds.setString(Tag.SeriesInstanceUID, "1.2.3.1");
        ds.setString(Tag.Modality, "CT");
        ds.setString(Tag.FrameOfReferenceUID, "1.2.3.9");
        ds.setString(Tag.ImageType, "ORIGINAL", "PRIMARY", "AXIAL");
        ds.setString(Tag.PixelSpacing, "0.5", "0.5");
        ds.setString(Tag.ImageOrientationPatient, "1", "0", "0", "0", "1", "0");
        ds.setString(Tag.ImagePositionPatient, "0", "0", "0");
        ds.setInt(Tag.SamplesPerPixel, 1);
        ds.setString(Tag.PhotometricInterpretation, "MONOCHROME2");
        ds.setInt(Tag.Rows, 2);
        ds.setInt(Tag.Columns, 2);
        ds.setInt(Tag.BitsAllocated, 16);
        ds.setInt(Tag.BitsStored, 12);
        ds.setInt(Tag.HighBit, 11);
        ds.setInt(Tag.PixelRepresentation, 0);
        ds.setString(Tag.RescaleIntercept, "-1024");
        ds.setString(Tag.RescaleSlope, "1");
        return ds;
    }

    @Test
    void aCompleteCtImageHasNoFindings() {
        assertThat(IodCheck.problems(completeCt())).isEmpty();
        assertThat(IodCheck.sopClasses()).contains(UID.CTImageStorage, UID.MRImageStorage);
    }

    @Test
    void namesMissingAndEmptyAttributesWithTheirModule() {
        Dataset ds = completeCt();
        ds.remove(Tag.Modality);
        ds.remove(Tag.PatientName);
        ds.putRaw(Tag.SeriesInstanceUID, org.hounsfield.core.VR.UI, new byte[0], 0);
        assertThat(IodCheck.problems(ds)).containsExactlyInAnyOrder(
                "missing Type 1 attribute (0008,0060) Modality (module General Series)",
                "Type 1 attribute (0020,000E) Series Instance UID (module General Series) is empty",
                "missing Type 2 attribute (0010,0010) Patient's Name (module Patient)");
    }

    @Test
    void theSopClassMayComeFromTheFileMeta() {
        Dataset ds = completeCt();
        ds.remove(Tag.SOPClassUID);
        assertThat(IodCheck.problems(ds)).isEmpty(); // no SOP class, no table: nothing to check
        Dataset meta = new Dataset();
        meta.setString(Tag.MediaStorageSOPClassUID, UID.CTImageStorage);
        ds.setFileMeta(meta);
        assertThat(IodCheck.problems(ds)).containsExactly("missing Type 1 attribute (0008,0016) SOP Class UID (module SOP Common)");
    }

    @Test
    void unknownSopClassesAreNotChecked() {
        Dataset ds = new Dataset();
        ds.setString(Tag.SOPClassUID, "1.2.3.4.5.6");
        assertThat(IodCheck.problems(ds)).isEmpty();
    }
}
