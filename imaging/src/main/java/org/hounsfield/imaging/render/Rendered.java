package org.hounsfield.imaging.render;

import java.awt.image.BufferedImage;

/**
 * A rendered frame and how it was made.
 *
 * @param image        8-bit gray ({@code TYPE_BYTE_GRAY}), 8-bit RGB ({@code TYPE_3BYTE_BGR}) or
 *                     16-bit gray ({@code TYPE_USHORT_GRAY})
 * @param frame        the frame (0-based)
 * @param voi          the VOI stage used ("window C 40 W 80 LINEAR (BRAIN)"), or the colour path
 * @param presentation whether and why the output was inverted
 */
public record Rendered(BufferedImage image, int frame, String voi, String presentation) {
}
