package org.hounsfield.imaging.lut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.hounsfield.core.Dataset;
import org.hounsfield.core.DicomValueException;
import org.hounsfield.core.Tag;
import org.hounsfield.core.VR;
import org.hounsfield.imaging.render.TestImages;
import org.junit.jupiter.api.Test;

class WindowTest {

    @Test
    void linearFollowsPs33C112121() {
        Window w = new Window(40, 80);
        // borders: c - 0.5 - (w - 1) / 2 = 0 and c - 0.5 + (w - 1) / 2 = 79
        assertThat(w.apply(-1000)).isEqualTo(0.0);
        assertThat(w.apply(0)).isEqualTo(0.0);
        assertThat(w.apply(40)).isCloseTo(0.5 / 79 + 0.5, within(1e-15));
        assertThat(w.apply(79)).isCloseTo(1.0, within(1e-15));
        assertThat(w.apply(79.01)).isEqualTo(1.0);
        assertThat(w.describe()).isEqualTo("window C 40 W 80 LINEAR");
    }

    @Test
    void widthOneIsAStepAtCentreMinusAHalf() {
        Window w = new Window(10, 1);
        assertThat(w.apply(9.5)).isEqualTo(0.0);
        assertThat(w.apply(9.51)).isEqualTo(1.0);
    }

    @Test
    void linearExactAndSigmoid() {
        Window e = new Window(40, 80, Window.Function.LINEAR_EXACT, "");
        assertThat(e.apply(0)).isEqualTo(0.0);
        assertThat(e.apply(40)).isEqualTo(0.5);
        assertThat(e.apply(60)).isEqualTo(0.75);
        assertThat(e.apply(80)).isEqualTo(1.0);
        Window s = new Window(40, 80, Window.Function.SIGMOID, "");
        assertThat(s.apply(40)).isEqualTo(0.5);
        assertThat(s.apply(60)).isCloseTo(1 / (1 + Math.exp(-1)), within(1e-15));
        assertThat(s.apply(60)).isCloseTo(0.7310585786300049, within(1e-15));
    }

    @Test
    void invalidWidthsAreRefused() {
        assertThatThrownBy(() -> new Window(40, 0.5)).isInstanceOf(DicomValueException.class)
                .hasMessage("Window Width 0.5 is invalid for LINEAR (at least 1)");
        assertThatThrownBy(() -> new Window(40, 0, Window.Function.SIGMOID, "")).isInstanceOf(DicomValueException.class);
        assertThat(Window.isValid(40, 0.5, Window.Function.LINEAR_EXACT)).isTrue();
        assertThatThrownBy(() -> Window.Function.parse("CUBIC")).isInstanceOf(DicomValueException.class);
        assertThat(Window.Function.parse(" sigmoid ")).isEqualTo(Window.Function.SIGMOID);
    }

    @Test
    void severalWindowsWithExplanationsAndFunction() {
        Dataset ds = TestImages.gray(1, 1, 1, 12, false, 0);
        ds.setString(Tag.WindowCenter, VR.DS, "40", "400", "7");
        ds.setString(Tag.WindowWidth, VR.DS, "80", "1800", "0");
        ds.setString(Tag.WindowCenterWidthExplanation, "BRAIN", "BONE", "BROKEN");
        ds.setString(Tag.VOILUTFunction, "SIGMOID");
        List<Window> ws = Window.of(ds, 0);
        assertThat(ws).containsExactly(new Window(40, 80, Window.Function.SIGMOID, "BRAIN"),
                new Window(400, 1800, Window.Function.SIGMOID, "BONE"));
        assertThat(ws.get(1).describe()).isEqualTo("window C 400 W 1800 SIGMOID (BONE)");
    }

    @Test
    void frameVoiLutFunctionalGroupPerFrame() {
        Dataset ds = TestImages.gray(1, 1, 2, 12, false, 0, 0);
        ds.setString(Tag.WindowCenter, VR.DS, "1");
        ds.setString(Tag.WindowWidth, VR.DS, "2");
        var per = ds.newSequence(Tag.PerFrameFunctionalGroupsSequence);
        for (int f = 0; f < 2; f++) {
            Dataset v = per.addItem().newSequence(Tag.FrameVOILUTSequence).addItem();
            v.setString(Tag.WindowCenter, VR.DS, Integer.toString(60 + f));
            v.setString(Tag.WindowWidth, VR.DS, "75");
        }
        assertThat(Window.of(ds, 0)).containsExactly(new Window(60, 75));
        assertThat(Window.of(ds, 1)).containsExactly(new Window(61, 75));
    }

    @Test
    void emptyOrUnreadableWindowsAreAbsent() {
        Dataset ds = TestImages.gray(1, 1, 1, 12, false, 0);
        ds.setString(Tag.WindowCenter, VR.DS, "");
        ds.setString(Tag.WindowWidth, VR.DS, "");
        assertThat(Window.of(ds, 0)).isEmpty();
        ds.setString(Tag.WindowCenter, VR.DS, "abc");
        ds.setString(Tag.WindowWidth, VR.DS, "10");
        assertThat(Window.of(ds, 0)).isEmpty();
    }

    @Test
    void automaticWindows() {
        Window mm = AutoWindow.minMax(10, 20);
        assertThat(mm.center()).isEqualTo(15.5);
        assertThat(mm.width()).isEqualTo(11.0);
        assertThat(mm.apply(10)).isEqualTo(0.0);
        assertThat(mm.apply(20)).isEqualTo(1.0);
        assertThat(mm.apply(15)).isEqualTo(0.5);
        assertThat(mm.explanation()).isEqualTo("auto: min-max 10 to 20");

        int[] v = new int[1000];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        StoredValues sv = StoredValues.ofInts(v);
        Window p = AutoWindow.compute(AutoWindow.Method.PERCENTILE, sv, ModalityLut.rescale(2, -1000, "HU"));
        // 1st percentile of 0..999 is value 9, 99th is 990; through the rescale -982 and 980
        assertThat(p).isEqualTo(new Window(-1, 1962, Window.Function.LINEAR_EXACT, "auto: 1st-99th percentile -982 to 980"));
        Window m = AutoWindow.compute(AutoWindow.Method.MIN_MAX, sv, ModalityLut.rescale(-1, 0, ""));
        assertThat(m.center()).isEqualTo(-499.0);   // values -999..0
        assertThat(m.width()).isEqualTo(1000.0);
        assertThat(AutoWindow.Method.parse("Min-Max")).isEqualTo(AutoWindow.Method.MIN_MAX);
        assertThat(AutoWindow.Method.parse("histogram")).isEqualTo(AutoWindow.Method.PERCENTILE);
        assertThatThrownBy(() -> AutoWindow.Method.parse("otsu")).isInstanceOf(DicomValueException.class);
    }

    @Test
    void presetsByName() {
        assertThat(WindowPreset.find("Soft Tissue")).contains(WindowPreset.SOFT_TISSUE);
        assertThat(WindowPreset.find("soft-tissue")).contains(WindowPreset.SOFT_TISSUE);
        assertThat(WindowPreset.find("nope")).isEmpty();
        assertThat(WindowPreset.LUNG.window()).isEqualTo(new Window(-600, 1500, Window.Function.LINEAR, "preset lung"));
        assertThat(WindowPreset.BRAIN.center()).isEqualTo(40.0);
        assertThat(WindowPreset.BRAIN.width()).isEqualTo(80.0);
        assertThat(WindowPreset.BONE.window().describe()).isEqualTo("window C 400 W 1800 LINEAR (preset bone)");
        assertThat(WindowPreset.values()).extracting(WindowPreset::label)
                .contains("brain", "subdural", "stroke", "lung", "mediastinum", "abdomen", "liver", "bone", "soft-tissue");
    }

    @Test
    void presentationLutShape() {
        Dataset ds = TestImages.gray(1, 1, 1, 8, false, 0);
        assertThat(PresentationLut.of(ds).inverted()).isFalse();
        ds.setString(Tag.PresentationLUTShape, "INVERSE");
        assertThat(PresentationLut.of(ds)).isEqualTo(new PresentationLut(true, "Presentation LUT Shape INVERSE"));
        ds.setString(Tag.PhotometricInterpretation, "MONOCHROME1");
        assertThat(PresentationLut.of(ds)).isEqualTo(new PresentationLut(true, "MONOCHROME1, Presentation LUT Shape INVERSE"));
        ds.setString(Tag.PresentationLUTShape, "IDENTITY");
        assertThat(PresentationLut.of(ds).inverted()).isTrue();
        ds.remove(Tag.PresentationLUTShape);
        assertThat(PresentationLut.of(ds)).isEqualTo(new PresentationLut(true, "MONOCHROME1"));
    }
}
