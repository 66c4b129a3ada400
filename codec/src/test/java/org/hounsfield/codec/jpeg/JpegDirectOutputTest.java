package org.hounsfield.codec.jpeg;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import org.hounsfield.codec.FrameInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Colour frames whose components all have the same sampling factors are decoded straight into the
 * destination (no component planes): the samples, edge blocks included, are those of the JDK's
 * reader (libjpeg's accurate integer IDCT, raw YCbCr without colour conversion) and those of the
 * whole-plane path.
 */
class JpegDirectOutputTest {

    /** Encodes with the JDK writer, every component sampled {@code h x v}. */
    static byte[] encode(BufferedImage img, int h, int v, float quality) throws IOException {
        ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam p = w.getDefaultWriteParam();
        p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        p.setCompressionQuality(quality);
        IIOMetadata meta = w.getDefaultImageMetadata(new ImageTypeSpecifier(img), p);
        String format = "javax_imageio_jpeg_image_1.0";
        Node tree = meta.getAsTree(format);
        NodeList specs = ((Element) tree).getElementsByTagName("componentSpec");
        for (int i = 0; i < specs.getLength(); i++) {
            Element c = (Element) specs.item(i);
            c.setAttribute("HsamplingFactor", Integer.toString(h));
            c.setAttribute("VsamplingFactor", Integer.toString(v));
        }
        meta.setFromTree(format, tree);
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bos)) {
            w.setOutput(out);
            w.write(null, new IIOImage(img, null, meta), p);
        }
        w.dispose();
        return bos.toByteArray();
    }

    @ParameterizedTest(name = "{0}x{1}, sampling {2}x{3}, quality {4}")
    @CsvSource({"37,23,1,1,0.9", "20,27,1,1,1.0", "8,8,1,1,0.5", "1,1,1,1,0.9", "9,17,1,2,0.9", "64,48,2,1,0.3"})
    void colourWithoutSubsamplingMatchesTheJdkDecoder(int w, int h, int hs, int vs, float quality) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Random rnd = new Random(w * 31L + h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = (x * 255 / w + rnd.nextInt(40)) & 0xFF;
                int g = (y * 255 / h + rnd.nextInt(40)) & 0xFF;
                int b = (x * y + rnd.nextInt(80)) & 0xFF;
                img.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        byte[] jpeg = encode(img, hs, vs, quality);
        assertThat(samplingFactors(jpeg)).isEqualTo(new int[] {hs << 4 | vs, hs << 4 | vs, hs << 4 | vs});

        FrameInfo info = new FrameInfo(h, w, 3, 8, 8, false, 0, "YBR_FULL");
        byte[] ours = new byte[w * h * 3 + 5];
        new JpegDecoder().decode(jpeg, 0, jpeg.length, info, ours, 5);

        ImageReader reader = ImageIO.getImageReadersByFormatName("jpeg").next();
        Raster ref;
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg))) {
            reader.setInput(in);
            ref = reader.readRaster(0, null);
        }
        reader.dispose();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    assertThat(ours[5 + (y * w + x) * 3 + c] & 0xFF).as("x %d y %d component %d", x, y, c)
                            .isEqualTo(ref.getSample(x, y, c));
                }
            }
        }

        // the same frame through component planes (the path a frame with several scans takes)
        byte[] planes = new byte[w * h * 3 + 5];
        assertThat(new JpegFrameDecoder(jpeg, 0, jpeg.length, info, false).decode(planes, 5)).isTrue();
        assertThat(ours).isEqualTo(planes);
    }

    /** The sampling factor byte of each component in the frame header. */
    private static int[] samplingFactors(byte[] jpeg) {
        int sof = JpegTestSupport.indexOfMarker(jpeg, 0xC0, 2);
        int n = jpeg[sof + 9] & 0xFF;
        int[] f = new int[n];
        for (int i = 0; i < n; i++) {
            f[i] = jpeg[sof + 11 + 3 * i] & 0xFF;
        }
        return f;
    }
}
