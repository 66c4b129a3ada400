package org.hounsfield.cli;

import org.hounsfield.core.Dataset;
import org.hounsfield.core.Tag;

/**
 * A terminal-sized look at a native 16-bit grayscale slice: stored value, rescale to HU, linear
 * window, one character per block of pixels. For the demo only; rendering proper belongs to the
 * imaging pipeline.
 */
final class TextPreview {
    private static final String RAMP = " .:-=+*#%@";

    private TextPreview() {
    }

    static String render(Dataset ds, double center, double width, int cols) {
        int rows = ds.getInt(Tag.Rows, 0);
        int columns = ds.getInt(Tag.Columns, 0);
        double slope = ds.getDouble(Tag.RescaleSlope, 1);
        double intercept = ds.getDouble(Tag.RescaleIntercept, 0);
        byte[] px = ds.get(Tag.PixelData).bytes();
        int step = Math.max(1, columns / cols);
        int stepY = step * 2; // terminal cells are about twice as tall as wide
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r + stepY <= rows; r += stepY) {
            sb.append("   ");
            for (int c = 0; c + step <= columns; c += step) {
                double sum = 0;
                int n = 0;
                for (int y = r; y < r + stepY; y++) {
                    for (int x = c; x < c + step; x++) {
                        int p = (y * columns + x) * 2;
                        sum += ((px[p] & 0xFF) | (px[p + 1] & 0xFF) << 8) * slope + intercept;
                        n++;
                    }
                }
                double v = (sum / n - (center - width / 2)) / width;
                int i = (int) Math.round(Math.max(0, Math.min(1, v)) * (RAMP.length() - 1));
                sb.append(RAMP.charAt(i));
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
