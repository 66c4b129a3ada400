package org.hounsfield.imaging.lut;

import java.util.Locale;
import java.util.Optional;

/**
 * Named CT windows in Hounsfield units (centre / width as commonly taught, e.g. Radiopaedia's
 * "Windowing (CT)" article). Names match case-insensitively, with spaces, hyphens or underscores.
 *
 * <pre>{@code
 * Window w = WindowPreset.find("soft tissue").orElseThrow().window();   // C 40 W 400
 * }</pre>
 */
public enum WindowPreset {
    BRAIN(40, 80, "brain parenchyma"),
    SUBDURAL(75, 215, "subdural and extra-axial blood"),
    STROKE(40, 40, "early ischaemic change, grey/white matter contrast"),
    TEMPORAL_BONE(600, 2800, "temporal bone, inner ear"),
    HEAD_SOFT_TISSUE(40, 380, "scalp, orbits, neck soft tissue"),
    LUNG(-600, 1500, "lung parenchyma"),
    MEDIASTINUM(50, 350, "mediastinum, heart, great vessels"),
    PE(100, 700, "pulmonary arteries (CT pulmonary angiogram)"),
    ABDOMEN(50, 400, "abdominal organs"),
    LIVER(30, 150, "liver lesions"),
    SOFT_TISSUE(40, 400, "soft tissue"),
    ANGIO(300, 600, "contrast-filled vessels (CT angiogram)"),
    BONE(400, 1800, "bone");

    private final double center;
    private final double width;
    private final String use;

    WindowPreset(double center, double width, String use) {
        this.center = center;
        this.width = width;
        this.use = use;
    }

    public double center() {
        return center;
    }

    public double width() {
        return width;
    }

    /** What the window is for. */
    public String use() {
        return use;
    }

    /** The name as typed on the command line: "soft-tissue". */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The preset as a LINEAR window explained by its name. */
    public Window window() {
        return new Window(center, width, Window.Function.LINEAR, "preset " + label());
    }

    /** Finds a preset by name ("lung", "Soft Tissue", "soft_tissue", "soft-tissue"). */
    public static Optional<WindowPreset> find(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        for (WindowPreset p : values()) {
            if (p.name().equals(n)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
