package org.hounsfield.imaging.series;

import java.util.ArrayList;
import java.util.List;

import org.hounsfield.imaging.series.internal.Vec;

/**
 * One series (Series Instance UID) and its stacks: usually one; more when the series mixes
 * image sizes, orientations (localizers), echoes or pixel spacings.
 *
 * <pre>{@code
 * for (Series s : scan.series()) {
 *     System.out.println(s.number() + " " + s.description() + ": " + s.stacks().size() + " stack(s)");
 * }
 * }</pre>
 */
public final class Series {
    private final String uid;
    private final List<Stack> stacks;

    Series(String uid, List<Stack> stacks) {
        this.uid = uid;
        this.stacks = List.copyOf(stacks);
    }

    public String uid() {
        return uid;
    }

    public int number() {
        return stacks.get(0).first().seriesNumber();
    }

    public String description() {
        SliceHeader h = stacks.get(0).first();
        return h.seriesDescription().isEmpty() ? h.protocolName() : h.seriesDescription();
    }

    public String modality() {
        return stacks.get(0).first().modality();
    }

    public List<Stack> stacks() {
        return stacks;
    }

    /** All images of all stacks. */
    public int imageCount() {
        return stacks.stream().mapToInt(s -> s.images().size()).sum();
    }

    /** Whether the stacks have different orientations (e.g. a three-plane localizer). */
    public boolean mixedOrientation() {
        double[] o = null;
        for (Stack s : stacks) {
            if (!s.hasGeometry()) {
                continue;
            }
            double[] so = s.first().orientation();
            if (o == null) {
                o = so;
            } else if (!Vec.near(o, so, 1e-4)) {
                return true;
            }
        }
        return false;
    }

    /** Series-level problems plus each stack's. */
    public List<String> warnings() {
        List<String> out = new ArrayList<>();
        if (mixedOrientation()) {
            out.add("mixed orientations: " + stacks.size() + " stacks");
        }
        for (Stack s : stacks) {
            for (String w : s.warnings()) {
                out.add(stacks.size() > 1 ? "stack " + (stacks.indexOf(s) + 1) + ": " + w : w);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "Series[" + number() + " " + uid + ", " + stacks.size() + " stack(s)]";
    }
}
