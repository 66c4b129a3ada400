package org.hounsfield.imaging.lut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.hounsfield.core.Dataset;
import org.hounsfield.core.DicomValueException;
import org.hounsfield.core.Tag;
import org.hounsfield.core.VR;
import org.hounsfield.core.example.HeadPhantom;
import org.hounsfield.imaging.render.TestImages;
import org.junit.jupiter.api.Test;

class ModalityLutTest {

    @Test
    void rescaleWithHuForCtWhenRescaleTypeIsAbsent() {
        Dataset ds = TestImages.gray(1, 2, 1, 12, false, 0, 1000);
        ds.setString(Tag.Modality, "CT");
        ds.setString(Tag.RescaleSlope, VR.DS, "2");
        ds.setString(Tag.RescaleIntercept, VR.DS, "-1024");
        ModalityLut m = ModalityLut.of(ds);
        assertThat(m.apply(1000)).isEqualTo(976.0);
        assertThat(m.apply(new int[] {0, 1000})).containsExactly(-1024f, 976f);
        assertThat(m.unit()).isEqualTo("HU");
        assertThat(m.source()).isEqualTo("Rescale Slope 2, Intercept -1024");
        assertThat(m.isIdentity()).isFalse();
    }

    @Test
    void rescaleTypeGivesTheUnitAndAbsentRescaleIsIdentity() {
        Dataset ds = TestImages.gray(1, 1, 1, 8, false, 5);
        ds.setString(Tag.Modality, "MR");
        assertThat(ModalityLut.of(ds).isIdentity()).isTrue();
        assertThat(ModalityLut.of(ds).unit()).isEmpty();
        ds.setString(Tag.RescaleIntercept, VR.DS, "0.5");
        ds.setString(Tag.RescaleType, "US");
        ModalityLut m = ModalityLut.of(ds);
        assertThat(m.slope()).isEqualTo(1.0);
        assertThat(m.apply(5)).isEqualTo(5.5);
        assertThat(m.unit()).isEqualTo("US");
    }

    @Test
    void perFrameFunctionalGroupsWinOverSharedOnes() {
        Dataset ds = TestImages.gray(1, 1, 2, 12, false, 100, 100);
        ds.setString(Tag.Modality, "CT");
        ds.setString(Tag.RescaleIntercept, VR.DS, "-5000"); // top level: ignored for enhanced images
        Dataset shared = ds.newSequence(Tag.SharedFunctionalGroupsSequence).addItem();
        Dataset pvt = shared.newSequence(Tag.PixelValueTransformationSequence).addItem();
        pvt.setString(Tag.RescaleSlope, VR.DS, "1");
        pvt.setString(Tag.RescaleIntercept, VR.DS, "-1024");
        pvt.setString(Tag.RescaleType, "HU");
        var per = ds.newSequence(Tag.PerFrameFunctionalGroupsSequence);
        per.addItem();
        Dataset f1 = per.addItem().newSequence(Tag.PixelValueTransformationSequence).addItem();
        f1.setString(Tag.RescaleSlope, VR.DS, "2");
        f1.setString(Tag.RescaleIntercept, VR.DS, "10");
        ModalityLut m0 = ModalityLut.of(ds, 0);
        ModalityLut m1 = ModalityLut.of(ds, 1);
        assertThat(m0.apply(100)).isEqualTo(-924.0);
        assertThat(m0.source()).endsWith("(Pixel Value Transformation, shared functional groups)");
        assertThat(m1.apply(100)).isEqualTo(210.0);
        assertThat(m1.source()).endsWith("(Pixel Value Transformation, per-frame functional groups)");
        assertThat(m1.unit()).isEqualTo("HU"); // CT without Rescale Type in the frame's macro
        assertThat(PhysicalFrame.of(ds, 1).values()).containsExactly(210f);
    }

    @Test
    void modalityLutSequenceWithSignedFirstValueAndClamping() {
        Dataset ds = TestImages.gray(1, 5, 1, 12, true, -5, -2, -1, 1, 7);
        Dataset item = ds.newSequence(Tag.ModalityLUTSequence).addItem();
        item.setInts(Tag.LUTDescriptor, VR.US, 4, 0xFFFE, 12); // first value mapped -2 written as US
        item.setString(Tag.ModalityLUTType, "OD");
        item.setBytes(Tag.LUTData, VR.OW, org.hounsfield.imaging.render.TestImages.words(100, 200, 300, 400));
        ModalityLut m = ModalityLut.of(ds);
        assertThat(m.table().firstMapped()).isEqualTo(-2);
        assertThat(m.unit()).isEqualTo("OD");
        PhysicalFrame p = PhysicalFrame.of(ds, 0);
        assertThat(p.values()).containsExactly(100f, 100f, 200f, 400f, 400f);
        assertThat(p.valueAt(2, 0)).isEqualTo(200f);
        assertThatThrownBy(() -> p.valueAt(5, 0)).isInstanceOf(DicomValueException.class).hasMessageContaining("outside the 5x1 image");
    }

    @Test
    void anEmptyModalityLutItemCountsAsAbsent() {
        Dataset ds = TestImages.gray(1, 1, 1, 12, false, 10);
        Dataset item = ds.newSequence(Tag.ModalityLUTSequence).addItem();
        item.setBytes(Tag.LUTDescriptor, VR.US, new byte[0]);
        item.setBytes(Tag.LUTData, VR.US, new byte[0]);
        ds.setString(Tag.RescaleIntercept, VR.DS, "-10");
        assertThat(ModalityLut.of(ds).apply(10)).isEqualTo(0.0);
    }

    @Test
    void phantomInHounsfieldUnits() {
        Dataset ct = HeadPhantom.slice(64, 0);
        PhysicalFrame hu = PhysicalFrame.of(ct, 0);
        assertThat(hu.unit()).isEqualTo("HU");
        assertThat(hu.rows()).isEqualTo(64);
        for (int[] p : new int[][] {{0, 0}, {32, 32}, {32, 4}, {20, 40}}) {
            assertThat(hu.valueAt(p[0], p[1])).as("x %d y %d", p[0], p[1]).isEqualTo((float) HeadPhantom.hu(64, p[1], p[0]));
        }
        assertThat(hu.valueAt(0, 0)).isEqualTo(-1000f);
    }

    @Test
    void colourImagesHaveNoSinglePhysicalValue() {
        Dataset ds = TestImages.color(1, 1, "RGB", 1, 2, 3);
        assertThatThrownBy(() -> PhysicalFrame.of(ds, 0)).isInstanceOf(DicomValueException.class).hasMessageContaining("3 samples per pixel");
    }
}
