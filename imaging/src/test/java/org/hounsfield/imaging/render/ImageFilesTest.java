package org.hounsfield.imaging.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;

import org.hounsfield.core.DicomException;
import org.hounsfield.core.example.HeadPhantom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFilesTest {

    @TempDir
    Path tmp;

    private static BufferedImage gray8(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.getRaster().setSample(x, y, 0, (x * 7 + y * 13) & 0xFF);
            }
        }
        return img;
    }

    @Test
    void pngRoundTripsThroughImageIo() throws Exception {
        BufferedImage g = gray8(37, 21);
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(ImageFiles.png(g)));
        assertThat(back.getRaster().getSamples(0, 0, 37, 21, 0, (int[]) null)).containsExactly(g.getRaster().getSamples(0, 0, 37, 21, 0, (int[]) null));

        BufferedImage g16 = new BufferedImage(5, 3, BufferedImage.TYPE_USHORT_GRAY);
        for (int i = 0; i < 15; i++) {
            g16.getRaster().setSample(i % 5, i / 5, 0, i * 4369);
        }
        BufferedImage b16 = ImageIO.read(new ByteArrayInputStream(ImageFiles.png(g16)));
        assertThat(b16.getRaster().getSampleModel().getSampleSize(0)).isEqualTo(16);
        assertThat(b16.getRaster().getSamples(0, 0, 5, 3, 0, (int[]) null)).containsExactly(g16.getRaster().getSamples(0, 0, 5, 3, 0, (int[]) null));

        BufferedImage rgb = Renderer.of(TestImages.color(2, 2, "RGB", 255, 0, 0, 0, 255, 0, 0, 0, 255, 1, 2, 3)).render(0);
        Path p = tmp.resolve("rgb.png");
        ImageFiles.write(rgb, p);
        BufferedImage rb = ImageIO.read(p.toFile());
        assertThat(new int[] {rb.getRGB(0, 0), rb.getRGB(1, 0), rb.getRGB(0, 1), rb.getRGB(1, 1)})
                .containsExactly(0xFFFF0000, 0xFF00FF00, 0xFF0000FF, 0xFF010203);
        try (var s = Files.list(tmp)) {
            assertThat(s.map(x -> x.getFileName().toString()).toList()).containsExactly("rgb.png"); // no temporary file left
        }
    }

    @Test
    void jpegAndByExtension() throws Exception {
        BufferedImage ct = Renderer.of(HeadPhantom.slice(64, 0)).render(0);
        Path j = tmp.resolve("ct.jpg");
        ImageFiles.write(ct, j);
        BufferedImage back = ImageIO.read(j.toFile());
        assertThat(back.getWidth()).isEqualTo(64);
        assertThat(Math.abs((back.getRaster().getSample(32, 32, 0)) - ct.getRaster().getSample(32, 32, 0))).isLessThanOrEqualTo(4);
        assertThatThrownBy(() -> ImageFiles.write(ct, tmp.resolve("ct.bmp"))).isInstanceOf(DicomException.class)
                .hasMessage("unknown picture format 'ct.bmp' (use .png, .jpg or .gif)");
    }

    @Test
    void animatedGifKeepsEveryFrameAndTheDelay() throws Exception {
        List<BufferedImage> frames = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            BufferedImage f = new BufferedImage(4, 2, BufferedImage.TYPE_BYTE_GRAY);
            f.getRaster().setSample(i, 0, 0, 200);
            frames.add(f);
        }
        Path gif = tmp.resolve("cine.gif");
        ImageFiles.writeGif(frames, 40, gif);
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader r = ImageIO.getImageReadersByFormatName("gif").next();
            r.setInput(in);
            assertThat(r.getNumImages(true)).isEqualTo(3);
            for (int i = 0; i < 3; i++) {
                BufferedImage f = r.read(i);
                assertThat(f.getRaster().getSample(i, 0, 0)).isEqualTo(200);
                assertThat(f.getRaster().getSample((i + 1) % 4, 0, 0)).isZero();
                IIOMetadataNode root = (IIOMetadataNode) r.getImageMetadata(i).getAsTree("javax_imageio_gif_image_1.0");
                IIOMetadataNode gce = (IIOMetadataNode) root.getElementsByTagName("GraphicControlExtension").item(0);
                assertThat(gce.getAttribute("delayTime")).isEqualTo("4");
            }
        }
    }

    @Test
    void contactSheetTilesFramesInAGrid() {
        List<BufferedImage> frames = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            BufferedImage f = new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_GRAY);
            f.getRaster().setSample(0, 0, 0, 10 * (i + 1));
            frames.add(f);
        }
        BufferedImage sheet = ImageFiles.contactSheet(frames, 0);   // 3 columns, 2 rows, 2-pixel gaps
        assertThat(sheet.getWidth()).isEqualTo(3 * 3 + 2 * 2);
        assertThat(sheet.getHeight()).isEqualTo(2 * 2 + 2);
        assertThat(sheet.getRaster().getSample(0, 0, 0)).isEqualTo(10);
        assertThat(sheet.getRaster().getSample(5, 0, 0)).isEqualTo(20);
        assertThat(sheet.getRaster().getSample(10, 0, 0)).isEqualTo(30);
        assertThat(sheet.getRaster().getSample(5, 4, 0)).isEqualTo(50);
        assertThat(ImageFiles.contactSheet(frames, 5).getWidth()).isEqualTo(5 * 3 + 4 * 2);
    }
}
