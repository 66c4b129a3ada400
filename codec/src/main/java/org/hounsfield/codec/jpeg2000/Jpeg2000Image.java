package org.hounsfield.codec.jpeg2000;

import org.hounsfield.codec.jpeg2000.internal.DecodedImage;

/**
 * A decoded JPEG 2000 image: one plane of {@code int} samples per component, after the inverse
 * multi-component transform and DC level shift, at the decoded resolution. Samples of signed
 * components are signed values, of unsigned components values in {@code [0, 2^precision)}.
 */
public final class Jpeg2000Image {
    private final DecodedImage img;

    Jpeg2000Image(DecodedImage img) {
        this.img = img;
    }

    /** Number of components (samples per pixel). */
    public int numComponents() {
        return img.numComponents;
    }

    /** Width of component {@code c} in samples (reduced by sub-sampling and discarded levels). */
    public int width(int c) {
        return img.width[c];
    }

    /** Height of component {@code c} in samples. */
    public int height(int c) {
        return img.height[c];
    }

    /** Width of component 0. */
    public int width() {
        return img.width[0];
    }

    /** Height of component 0. */
    public int height() {
        return img.height[0];
    }

    /** Bit depth of component {@code c} in the codestream (SIZ Ssiz + 1). */
    public int precision(int c) {
        return img.precision[c];
    }

    /** Whether component {@code c} is signed in the codestream. */
    public boolean signed(int c) {
        return img.signed[c];
    }

    /** The samples of component {@code c}, row-major, {@link #width(int)} per row (not a copy). */
    public int[] samples(int c) {
        return img.planes[c];
    }
}
