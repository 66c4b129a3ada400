package org.hounsfield.codec.jpeg;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import org.hounsfield.codec.FrameInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Greyscale streams written by the JDK's JPEG writer decode to exactly what the JDK's reader
 * (libjpeg's accurate integer IDCT, as ours) gives: sequential frames take the one-pass streaming
 * path, progressive frames (several scans) the whole-plane path.
 */
class JpegImageIoTest {

    static byte[] encode(BufferedImage img, boolean progressive, float quality) throws IOException {
        ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam p = w.getDefaultWriteParam();
        p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        p.setCompressionQuality(quality);
        if (progressive) {
            p.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        }
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bos)) {
            w.setOutput(out);
            w.write(null, new IIOImage(img, null, null), p);
        }
        w.dispose();
        return bos.toByteArray();
    }

    @ParameterizedTest(name = "{0}x{1}, progressive {2}, quality {3}")
    @CsvSource({"37,23,false,0.9", "37,23,true,0.9", "64,64,false,0.5", "64,64,true,0.75", "17,129,true,1.0", "8,8,false,0.3"})
    void greyscaleMatchesTheJdkDecoder(int w, int h, boolean progressive, float quality) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        Random rnd = new Random(w * 31L + h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = Math.min(255, (x * 255 / w + y * 3 + rnd.nextInt(20)) & 0xFF);
                img.getRaster().setSample(x, y, 0, v);
            }
        }
        byte[] jpeg = encode(img, progressive, quality);
        BufferedImage ref = ImageIO.read(new ByteArrayInputStream(jpeg));
        byte[] ours = new byte[w * h];
        new JpegDecoder().decode(jpeg, 0, jpeg.length, new FrameInfo(h, w, 1, 8, 8, false, 0, "MONOCHROME2"), ours, 0);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                assertThat(ours[y * w + x] & 0xFF).as("pixel %d,%d", x, y).isEqualTo(ref.getRaster().getSample(x, y, 0));
            }
        }
    }
}
