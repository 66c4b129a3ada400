package org.hounsfield.imaging.render;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferUShort;
import java.util.List;
import java.util.Locale;

import org.hounsfield.codec.FrameInfo;
import org.hounsfield.core.Dataset;
import org.hounsfield.core.DicomValueException;
import org.hounsfield.core.Element;
import org.hounsfield.core.Tag;
import org.hounsfield.imaging.PixelData;
import org.hounsfield.imaging.color.ColorSpaces;
import org.hounsfield.imaging.color.PaletteLut;
import org.hounsfield.imaging.lut.AutoWindow;
import org.hounsfield.imaging.lut.ModalityLut;
import org.hounsfield.imaging.lut.PresentationLut;
import org.hounsfield.imaging.lut.StoredValues;
import org.hounsfield.imaging.lut.VoiLut;
import org.hounsfield.imaging.lut.VoiTransform;
import org.hounsfield.imaging.lut.Window;
import org.hounsfield.imaging.overlay.Overlay;
import org.hounsfield.imaging.render.internal.Resample;

/**
 * Renders frames to pictures: stored values, Modality LUT, VOI (window or VOI LUT), Presentation
 * LUT (MONOCHROME1 / INVERSE), overlays, size; colour images through {@link ColorSpaces} and
 * {@link PaletteLut}.
 *
 * <p>Grayscale output values are truncated like DCMTK's: {@code (int) (y * 255)}, inverted
 * {@code (int) (255 - y * 255)}, with {@code y} the VOI output in [0, 1]; overlays are drawn in
 * white (the brightest value).
 *
 * <pre>{@code
 * Renderer r = Renderer.of(Dataset.read(Path.of("ct.dcm")));
 * BufferedImage img = r.render(0, RenderOptions.defaults()).image();
 * ImageFiles.writePng(img, Path.of("ct.png"));
 * }</pre>
 */
public final class Renderer {
    private final Dataset ds;
    private final PixelData px;
    private final FrameInfo info;
    private final String photometric;
    private final boolean floating;
    private PaletteLut palette;
    private List<Overlay> overlays;

    private Renderer(Dataset ds) {
        this.ds = ds;
        this.px = PixelData.of(ds);
        this.info = px.info();
        this.photometric = info.photometric().trim().toUpperCase(Locale.ROOT);
        this.floating = !ds.contains(Tag.PixelData) && (ds.contains(Tag.FloatPixelData) || ds.contains(Tag.DoubleFloatPixelData));
    }

    /** A renderer for a data set with pixel data. */
    public static Renderer of(Dataset ds) {
        return new Renderer(ds);
    }

    public int frameCount() {
        return px.frameCount();
    }

    public int rows() {
        return info.rows();
    }

    public int columns() {
        return info.columns();
    }

    public PixelData pixelData() {
        return px;
    }

    /** Whether frames render to RGB. */
    public boolean isColor() {
        return info.samplesPerPixel() == 3 || "PALETTE COLOR".equals(photometric);
    }

    /** The overlays of the data set (60xx). */
    public List<Overlay> overlays() {
        if (overlays == null) {
            overlays = Overlay.of(ds);
        }
        return overlays;
    }

    /** Frame {@code frame} with default options. */
    public BufferedImage render(int frame) {
        return render(frame, RenderOptions.defaults()).image();
    }

    /** Frame {@code frame} (0-based). */
    public Rendered render(int frame, RenderOptions o) {
        if (frame < 0 || frame >= px.frameCount()) {
            throw new DicomValueException("frame " + frame + " out of range (" + px.frameCount() + " frame" + (px.frameCount() == 1 ? "" : "s") + ", 0-based)");
        }
        int w = info.columns();
        int h = info.rows();
        Rendered r;
        if (isColor()) {
            if (o.bits() == 16) {
                throw new DicomValueException("16-bit output is for grayscale images; this one is " + photometric);
            }
            byte[] rgb;
            String how;
            if ("PALETTE COLOR".equals(photometric)) {
                if (palette == null) {
                    palette = PaletteLut.of(ds);
                }
                StoredValues sv = StoredValues.read(ds, px, frame);
                rgb = palette.toRgb8(sv.ints());
                how = "PALETTE COLOR, " + palette;
            } else {
                rgb = ColorSpaces.toRgb8(colorFrame(frame), info);
                how = "RGB".equals(photometric) ? "RGB" : photometric.startsWith("YBR_RCT") || photometric.startsWith("YBR_ICT")
                        ? photometric + " (decoded to RGB)" : photometric + " to RGB";
            }
            if (o.overlays()) {
                for (Overlay ov : overlays()) {
                    boolean[] m = ov.mask(frame, h, w);
                    for (int i = 0; i < m.length; i++) {
                        if (m[i]) {
                            rgb[3 * i] = rgb[3 * i + 1] = rgb[3 * i + 2] = (byte) 255;
                        }
                    }
                }
            }
            int[] size = fit(w, h, o);
            if (size[0] != w || size[1] != h) {
                rgb = Resample.bytes(rgb, w, h, 3, size[0], size[1]);
            }
            r = new Rendered(rgbImage(rgb, size[0], size[1]), frame, how, "");
        } else {
            if (info.samplesPerPixel() != 1) {
                throw new DicomValueException("cannot render " + info.samplesPerPixel() + " samples per pixel with Photometric Interpretation '" + photometric + "'");
            }
            StoredValues sv = StoredValues.read(ds, px, frame);
            ModalityLut m = floating ? ModalityLut.identity() : ModalityLut.of(ds, frame);
            VoiTransform voi = voi(frame, sv, m, o);
            PresentationLut pres = PresentationLut.of(ds);
            int max = o.bits() == 16 ? 65535 : 255;
            int[] out = gray(sv, m, voi, pres.inverted(), max);
            if (o.overlays()) {
                for (Overlay ov : overlays()) {
                    boolean[] mask = ov.mask(frame, h, w);
                    for (int i = 0; i < mask.length; i++) {
                        if (mask[i]) {
                            out[i] = max;
                        }
                    }
                }
            }
            int[] size = fit(w, h, o);
            if (size[0] != w || size[1] != h) {
                out = Resample.ints(out, w, h, 1, size[0], size[1]);
            }
            BufferedImage img = o.bits() == 16 ? gray16Image(out, size[0], size[1]) : gray8Image(out, size[0], size[1]);
            r = new Rendered(img, frame, voi.describe(), pres.inverted() ? "inverted (" + pres.reason() + ")" : "");
        }
        return r;
    }

    /**
     * The VOI stage for a grayscale frame under options {@code o}: explicit window, preset,
     * automatic, the file's window / VOI LUT number {@code o.voiIndex()}, else min-max.
     */
    public VoiTransform voi(int frame, RenderOptions o) {
        StoredValues sv = StoredValues.read(ds, px, frame);
        return voi(frame, sv, floating ? ModalityLut.identity() : ModalityLut.of(ds, frame), o);
    }

    private VoiTransform voi(int frame, StoredValues sv, ModalityLut m, RenderOptions o) {
        if (o.window() != null) {
            return o.window();
        }
        if (o.preset() != null) {
            return o.preset().window();
        }
        if (o.auto() != null) {
            return AutoWindow.compute(o.auto(), sv, m);
        }
        List<Window> windows = Window.of(ds, frame);
        if (o.voiIndex() < windows.size()) {
            return windows.get(o.voiIndex());
        }
        List<VoiLut> luts = VoiLut.of(ds);
        int k = o.voiIndex() - windows.size();
        if (k < luts.size()) {
            return luts.get(k);
        }
        if (o.voiIndex() > 0) {
            throw new DicomValueException("the file has " + windows.size() + " window(s) and " + luts.size()
                    + " VOI LUT(s); there is no number " + o.voiIndex() + " (0-based)");
        }
        return AutoWindow.compute(AutoWindow.Method.MIN_MAX, sv, m);
    }

    /** Gray values 0..max through Modality LUT, VOI and inversion; a table per distinct stored value when that is cheaper. */
    private static int[] gray(StoredValues sv, ModalityLut m, VoiTransform voi, boolean invert, int max) {
        int n = sv.length();
        int[] out = new int[n];
        if (sv.isInteger() && n > 0) {
            int[] v = sv.ints();
            long lo = (long) sv.min();
            long hi = (long) sv.max();
            if (hi - lo < Math.max(4096, n)) {
                int[] table = new int[(int) (hi - lo + 1)];
                for (int i = 0; i < table.length; i++) {
                    table[i] = level(voi.apply(m.apply(lo + i)), invert, max);
                }
                int base = (int) lo;
                for (int i = 0; i < n; i++) {
                    out[i] = table[v[i] - base];
                }
                return out;
            }
        }
        for (int i = 0; i < n; i++) {
            double x = sv.get(i);
            out[i] = Double.isNaN(x) ? 0 : level(voi.apply(m.apply(x)), invert, max);
        }
        return out;
    }

    /** Output level of a VOI output in [0, 1], truncated as DCMTK does. */
    static int level(double y, boolean invert, int max) {
        double v = invert ? max - y * max : y * max;
        int i = (int) v;
        return i < 0 ? 0 : i > max ? max : i;
    }

    /**
     * Colour frame bytes. {@link PixelData} expands uncompressed YBR_FULL_422 as pydicom does;
     * the retired YBR_PARTIAL_422, stored the same way, is expanded here.
     */
    private byte[] colorFrame(int frame) {
        Element e = ds.get(Tag.PixelData);
        if (e != null && !e.isEncapsulated() && photometric.equals("YBR_PARTIAL_422") && info.bitsAllocated() == 8) {
            long sub = (long) info.rows() * info.columns() * 2;
            long full = (long) info.rows() * info.columns() * 3 * px.frameCount();
            if (e.length() >= sub * (frame + 1) && e.length() < full) {
                byte[] all = e.bytes();
                byte[] f = new byte[(int) sub];
                System.arraycopy(all, (int) (sub * frame), f, 0, f.length);
                return ColorSpaces.expandYbr422(f, 1);
            }
        }
        return px.frame(frame);
    }

    /** Output size: the natural size, or fitted into maxWidth x maxHeight keeping the aspect ratio. */
    static int[] fit(int w, int h, RenderOptions o) {
        int mw = o.maxWidth();
        int mh = o.maxHeight();
        if (mw <= 0 && mh <= 0) {
            return new int[] {w, h};
        }
        double s = Math.min(mw > 0 ? (double) mw / w : Double.MAX_VALUE, mh > 0 ? (double) mh / h : Double.MAX_VALUE);
        return new int[] {Math.max(1, (int) Math.round(w * s)), Math.max(1, (int) Math.round(h * s))};
    }

    static BufferedImage gray8Image(int[] v, int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        byte[] d = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < d.length; i++) {
            d[i] = (byte) v[i];
        }
        return img;
    }

    static BufferedImage gray16Image(int[] v, int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_USHORT_GRAY);
        short[] d = ((DataBufferUShort) img.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < d.length; i++) {
            d[i] = (short) v[i];
        }
        return img;
    }

    static BufferedImage rgbImage(byte[] rgb, int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        byte[] d = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < d.length; i += 3) {
            d[i] = rgb[i + 2];
            d[i + 1] = rgb[i + 1];
            d[i + 2] = rgb[i];
        }
        return img;
    }
}
