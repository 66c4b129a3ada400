package org.hounsfield.imaging.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hounsfield.core.Dataset;
import org.hounsfield.core.DicomException;
import org.hounsfield.core.Tag;
import org.hounsfield.core.testing.SharedCorpus;
import org.hounsfield.core.testing.SharedCorpus.Entry;
import org.hounsfield.imaging.PixelData;
import org.hounsfield.imaging.lut.PhysicalFrame;
import org.hounsfield.imaging.overlay.Overlay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Rendering and physical values over the shared corpus (skipped without ../shared, failing under CI=true). */
class RenderCorpusTest {

    /** Images we do not render (yet), and the message that says why; rendering them later is fine. */
    static final List<String[]> NOT_RENDERED = List.<String[]>of(
            new String[] {"structure/nested_priv_SQ.dcm", "pixel data without usable Rows/Columns"});

    static List<Entry> images() {
        return SharedCorpus.wellFormed().stream().filter(e -> !e.get("frames").isEmpty()).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void firstAndLastFrameRender(Entry e) {
        Dataset ds = Dataset.read(e.file());
        String[] known = NOT_RENDERED.stream().filter(k -> k[0].equals(e.path())).findFirst().orElse(null);
        if (known != null) {
            try {
                Renderer.of(ds).render(0);
            } catch (RuntimeException ex) {
                assertThat(ex).isInstanceOf(DicomException.class).hasMessageContaining(known[1]);
            }
            return;
        }
        Renderer r = Renderer.of(ds);
        for (int f : new int[] {0, r.frameCount() - 1}) {
            var img = r.render(f);
            assertThat(img.getWidth()).isEqualTo(ds.getInt(Tag.Columns, -1));
            assertThat(img.getHeight()).isEqualTo(ds.getInt(Tag.Rows, -1));
        }
    }

    private static final Pattern MLUT = Pattern.compile("\"modality_lut_applied\":\\s*\\{[^}]*\"min\":\\s*([-0-9.eE]+),\\s*\"max\":\\s*([-0-9.eE]+)");

    /**
     * Physical values against pydicom's apply_modality_lut (reference JSON): smallest and largest
     * value over all frames. Enhanced images are left out (pydicom ignores functional groups).
     */
    @Test
    void physicalRangeEqualsPydicomApplyModalityLut() {
        int compared = 0;
        for (Entry e : images()) {
            String json = SharedCorpus.referenceJson(e);
            Matcher m = MLUT.matcher(json);
            String pi = e.get("photometric").toUpperCase(Locale.ROOT);
            if (!m.find() || !pi.startsWith("MONOCHROME") || json.contains("\"52009229\"") || json.contains("\"52009230\"")) {
                continue;
            }
            Dataset ds = Dataset.read(e.file());
            PixelData px = PixelData.of(ds);
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int f = 0; f < px.frameCount(); f++) {
                for (float v : PhysicalFrame.of(ds, px, f).values()) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            double rlo = Double.parseDouble(m.group(1));
            double rhi = Double.parseDouble(m.group(2));
            assertThat(lo).as(e.path() + " min").isCloseTo(rlo, within(1e-3 * Math.max(1, Math.abs(rlo))));
            assertThat(hi).as(e.path() + " max").isCloseTo(rhi, within(1e-3 * Math.max(1, Math.abs(rhi))));
            compared++;
        }
        assertThat(compared).isGreaterThanOrEqualTo(40);
    }

    @Test
    void overlaysOfTheCorpus() {
        Dataset ds = Dataset.read(SharedCorpus.corpus().resolve("display/MR-SIEMENS-DICOM-WithOverlays.dcm"));
        List<Overlay> ovs = Overlay.of(ds);
        assertThat(ovs).hasSize(1);
        assertThat(ovs.get(0)).hasToString("overlay 6000: 484x484 at (1,1), type G, 1 frame(s), Overlay Data (Siemens MedCom Object Graphics)");
        int set = 0;
        for (boolean b : ovs.get(0).mask(0, 484, 484)) {
            set += b ? 1 : 0;
        }
        assertThat(set).isEqualTo(OVERLAY_PIXELS);
        // empty overlay elements (60xx with no values) give no overlay
        assertThat(Overlay.of(Dataset.read(SharedCorpus.corpus().resolve("transfer-syntax/jpeg-lossless/JPEGLosslessP14SV1_1s_1f_u_16_16.dcm")))).isEmpty();
    }

    static final int OVERLAY_PIXELS = 323; // our picture with overlays equals dcmj2pnm's (tools/compare-render.py)
}
