package org.hounsfield.imaging.render;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferUShort;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

import org.hounsfield.core.DicomException;
import org.hounsfield.core.DicomIOException;
import org.hounsfield.core.io.SafeFiles;
import org.hounsfield.imaging.render.internal.PngEncoder;

/**
 * Writes rendered pictures: PNG (8-bit gray, 16-bit gray, RGB; our own fast encoder), JPEG and
 * animated GIF (javax.imageio), each through a temporary file moved into place when complete
 * ({@link SafeFiles}); and contact sheets of many frames.
 *
 * <pre>{@code
 * ImageFiles.writePng(img, Path.of("out.png"));
 * ImageFiles.write(img, Path.of("out.jpg"));                          // by extension
 * ImageFiles.writeGif(frames, 40, Path.of("cine.gif"));                // 40 ms a frame, looping
 * BufferedImage sheet = ImageFiles.contactSheet(frames, 0);            // about square
 * }</pre>
 */
public final class ImageFiles {
    /** JPEG quality used by {@link #write(BufferedImage, Path)}. */
    public static final float DEFAULT_JPEG_QUALITY = 0.9f;

    private ImageFiles() {
    }

    /** PNG bytes of an image. */
    public static byte[] png(BufferedImage img) {
        return PngEncoder.encode(img);
    }

    public static void writePng(BufferedImage img, Path file) {
        SafeFiles.write(file, os -> PngEncoder.write(img, os));
    }

    /** Writes PNG, JPEG (.jpg, .jpeg) or GIF (.gif) by the file's extension. */
    public static void write(BufferedImage img, Path file) {
        switch (extension(file)) {
            case "png":
                writePng(img, file);
                break;
            case "jpg":
            case "jpeg":
                writeJpeg(img, DEFAULT_JPEG_QUALITY, file);
                break;
            case "gif":
                writeGif(List.of(img), 0, file);
                break;
            default:
                throw new DicomException("unknown picture format '" + file.getFileName() + "' (use .png, .jpg or .gif)");
        }
    }

    /** Lower-case extension without the dot, or "". */
    public static String extension(Path file) {
        String n = file.getFileName() == null ? "" : file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** Baseline JPEG, {@code quality} 0..1; 16-bit gray is written as its high byte (JPEG baseline is 8-bit). */
    public static void writeJpeg(BufferedImage img, float quality, Path file) {
        BufferedImage src = to8Bit(img);
        SafeFiles.write(file, os -> {
            ImageWriter w = writer("jpeg");
            try (ImageOutputStream ios = ImageIO.createImageOutputStream(nonClosing(os))) {
                w.setOutput(ios);
                ImageWriteParam p = w.getDefaultWriteParam();
                p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                p.setCompressionQuality(Math.max(0f, Math.min(1f, quality)));
                w.write(null, new IIOImage(src, null, null), p);
            } finally {
                w.dispose();
            }
        });
    }

    /**
     * An animated GIF that loops forever; {@code delayMillis} per frame (GIF counts hundredths of
     * a second; 0 = as fast as the viewer goes). Gray frames keep their 256 levels exactly; RGB
     * frames are reduced to a 256-colour palette by ImageIO.
     */
    public static void writeGif(List<BufferedImage> frames, int delayMillis, Path file) {
        if (frames.isEmpty()) {
            throw new DicomException("no frames for " + file);
        }
        SafeFiles.write(file, os -> {
            ImageWriter w = writer("gif");
            try (ImageOutputStream ios = ImageIO.createImageOutputStream(nonClosing(os))) {
                w.setOutput(ios);
                w.prepareWriteSequence(null);
                for (BufferedImage f : frames) {
                    BufferedImage img = indexed(to8Bit(f));
                    ImageWriteParam p = w.getDefaultWriteParam();
                    IIOMetadata meta = w.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img), p);
                    String fmt = meta.getNativeMetadataFormatName();
                    IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(fmt);
                    IIOMetadataNode gce = child(root, "GraphicControlExtension");
                    gce.setAttribute("disposalMethod", "none");
                    gce.setAttribute("userInputFlag", "FALSE");
                    gce.setAttribute("transparentColorFlag", "FALSE");
                    gce.setAttribute("delayTime", Integer.toString(Math.max(0, Math.round(delayMillis / 10f))));
                    gce.setAttribute("transparentColorIndex", "0");
                    if (frames.size() > 1) {
                        IIOMetadataNode apps = child(root, "ApplicationExtensions");
                        IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
                        app.setAttribute("applicationID", "NETSCAPE");
                        app.setAttribute("authenticationCode", "2.0");
                        app.setUserObject(new byte[] {1, 0, 0}); // loop forever
                        apps.appendChild(app);
                    }
                    meta.setFromTree(fmt, root);
                    w.writeToSequence(new IIOImage(img, null, meta), p);
                }
                w.endWriteSequence();
            } finally {
                w.dispose();
            }
        });
    }

    /**
     * Frames side by side in a grid ({@code columns} per row; 0 = about square), 2 black pixels
     * between them. All frames must have the same kind (gray 8/16 or RGB); the tile is the largest
     * frame size.
     */
    public static BufferedImage contactSheet(List<BufferedImage> frames, int columns) {
        if (frames.isEmpty()) {
            throw new DicomException("no frames for a contact sheet");
        }
        int n = frames.size();
        int cols = columns > 0 ? Math.min(columns, n) : (int) Math.ceil(Math.sqrt(n));
        int rows = (n + cols - 1) / cols;
        int tw = 0;
        int th = 0;
        for (BufferedImage f : frames) {
            tw = Math.max(tw, f.getWidth());
            th = Math.max(th, f.getHeight());
        }
        int gap = 2;
        long w = (long) cols * tw + (long) (cols - 1) * gap;
        long h = (long) rows * th + (long) (rows - 1) * gap;
        if (w * h > 1L << 28) {
            throw new DicomException("contact sheet of " + n + " frames would be " + w + "x" + h + " pixels; use --size to make the frames smaller");
        }
        int type = frames.get(0).getType();
        BufferedImage sheet = new BufferedImage((int) w, (int) h, type == BufferedImage.TYPE_CUSTOM ? BufferedImage.TYPE_3BYTE_BGR : type);
        WritableRaster dst = sheet.getRaster();
        for (int i = 0; i < n; i++) {
            BufferedImage f = frames.get(i);
            if (f.getType() != sheet.getType()) {
                throw new DicomException("contact sheet frames must all be of one kind");
            }
            int x = (i % cols) * (tw + gap);
            int y = (i / cols) * (th + gap);
            dst.setRect(x, y, f.getRaster());
        }
        return sheet;
    }

    /** 16-bit gray to 8-bit (high byte); other images unchanged. */
    static BufferedImage to8Bit(BufferedImage img) {
        if (img.getType() != BufferedImage.TYPE_USHORT_GRAY) {
            return img;
        }
        short[] s = ((DataBufferUShort) img.getRaster().getDataBuffer()).getData();
        BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        byte[] d = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < d.length; i++) {
            d[i] = (byte) ((s[i] & 0xFFFF) >>> 8);
        }
        return out;
    }

    /** 8-bit gray as an indexed image with a 256-level gray palette (exact in GIF); other images unchanged. */
    static BufferedImage indexed(BufferedImage img) {
        if (img.getType() != BufferedImage.TYPE_BYTE_GRAY) {
            return img;
        }
        byte[] ramp = new byte[256];
        for (int i = 0; i < 256; i++) {
            ramp[i] = (byte) i;
        }
        IndexColorModel cm = new IndexColorModel(8, 256, ramp, ramp, ramp);
        BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_BYTE_INDEXED, cm);
        byte[] src = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        byte[] d = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        System.arraycopy(src, 0, d, 0, d.length);
        return out;
    }

    private static ImageWriter writer(String format) {
        Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName(format);
        if (!it.hasNext()) {
            throw new DicomIOException("no ImageIO writer for " + format, null);
        }
        return it.next();
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
                return (IIOMetadataNode) root.item(i);
            }
        }
        IIOMetadataNode n = new IIOMetadataNode(name);
        root.appendChild(n);
        return n;
    }

    /** ImageIO closes its stream; SafeFiles closes the file itself. */
    private static OutputStream nonClosing(OutputStream os) {
        return new java.io.FilterOutputStream(os) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
