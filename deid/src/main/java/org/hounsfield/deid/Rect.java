package org.hounsfield.deid;

/**
 * A rectangle of pixels to blank (columns {@code x .. x+width-1}, rows {@code y .. y+height-1},
 * 0-based from the top-left corner), in every frame.
 *
 * <pre>{@code
 * Rect.parse("0,0,512,40");    // the top 40 rows of a 512-wide image
 * }</pre>
 */
public record Rect(int x, int y, int width, int height) {

    public Rect {
        if (x < 0 || y < 0 || width <= 0 || height <= 0) {
            throw new IllegalArgumentException("rectangle needs x,y >= 0 and width,height > 0: " + x + "," + y + "," + width + "," + height);
        }
    }

    /** Parses "x,y,width,height". */
    public static Rect parse(String s) {
        String[] f = s.trim().split("\\s*,\\s*");
        if (f.length != 4) {
            throw new IllegalArgumentException("expected x,y,width,height, got '" + s + "'");
        }
        try {
            return new Rect(Integer.parseInt(f[0]), Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected four integers x,y,width,height, got '" + s + "'");
        }
    }

    @Override
    public String toString() {
        return x + "," + y + "," + width + "," + height;
    }
}
