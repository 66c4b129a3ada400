package org.hounsfield.imaging.series;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.hounsfield.imaging.series.internal.Vec;

/**
 * Images of one series that form one volume: same size, orientation, pixel spacing and echo.
 * The images are sorted along the slice normal (row x column of Image Orientation (Patient)) by
 * Image Position (Patient) -- never by Instance Number or Slice Location -- and, at one position,
 * in time order (Temporal Position, Trigger Time, Acquisition Number, Instance Number), so that
 * repeated positions become time points of a 4D volume, as dcm2niix does.
 *
 * <p>The report says what is wrong with the geometry: missing slices, duplicate positions,
 * variable spacing, gantry tilt.
 *
 * <pre>{@code
 * Stack s = SeriesScanner.scan(dir).stacks().get(0);
 * s.positions();        // 120 slice positions
 * s.timePoints();       // 1
 * s.spacing();          // 2.5 (mm, along the slice vector)
 * s.missingSlices();    // 0
 * s.warnings();         // [] or ["gantry tilt 12.0 deg", ...]
 * }</pre>
 */
public final class Stack {
    /** Two slice positions closer than this along the normal (mm) are the same position. */
    public static final double POSITION_TOLERANCE = 0.01;

    private final List<SliceHeader> images;   // all images kept, sorted (position major, time minor)
    private final int positions;
    private final int timePoints;
    private final double[] distances;         // per position: distance along the normal
    private final int duplicates;
    private final int missing;
    private final double spacing;
    private final double minStep;
    private final double maxStep;
    private final boolean variableSpacing;
    private final double tilt;
    private final boolean geometry;
    private final String label;
    private final List<String> warnings = new ArrayList<>();

    Stack(List<SliceHeader> headers, String label) {
        if (headers.isEmpty()) {
            throw new IllegalArgumentException("empty stack");
        }
        this.label = label;
        SliceHeader first = headers.get(0);
        boolean geo = true;
        for (SliceHeader h : headers) {
            geo &= h.hasGeometry();
        }
        this.geometry = geo;
        List<SliceHeader> sorted = new ArrayList<>(headers);
        // remove exact duplicates: the same instance and frame seen twice (copied files)
        sorted.sort(TIME_ORDER);
        List<SliceHeader> unique = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        int dup = 0;
        for (SliceHeader h : sorted) {
            String id = h.sopInstanceUid().isEmpty() ? h.file() + "#" + h.frame() : h.sopInstanceUid() + "#" + h.frame();
            if (seen.add(id)) {
                unique.add(h);
            } else {
                dup++;
            }
        }
        if (!geo) {
            unique.sort(STACK_ORDER);
            this.images = List.copyOf(unique);
            this.positions = unique.size();
            this.timePoints = 1;
            this.distances = new double[positions];
            for (int i = 0; i < positions; i++) {
                distances[i] = i;
            }
            this.duplicates = dup;
            this.missing = 0;
            this.spacing = Double.isFinite(first.spacingBetweenSlices()) && first.spacingBetweenSlices() > 0 ? first.spacingBetweenSlices()
                    : Double.isFinite(first.sliceThickness()) && first.sliceThickness() > 0 ? first.sliceThickness() : 1;
            this.minStep = spacing;
            this.maxStep = spacing;
            this.variableSpacing = false;
            this.tilt = 0;
            warnings.add("no usable Image Position/Orientation (Patient) or Pixel Spacing: slices in Instance Number order, geometry unknown");
            if (dup > 0) {
                warnings.add(dup + " duplicate image(s) ignored");
            }
            return;
        }
        double[] n = Vec.normal(first.orientation());
        // position major, time minor; the sort is stable so the time order survives within a position
        List<SliceHeader> byPos = new ArrayList<>(unique);
        byPos.sort(new Comparator<SliceHeader>() {
            @Override
            public int compare(SliceHeader a, SliceHeader b) {
                return Double.compare(Vec.dot(a.position(), n), Vec.dot(b.position(), n));
            }
        });
        List<List<SliceHeader>> groups = new ArrayList<>();
        double last = Double.NaN;
        for (SliceHeader h : byPos) {
            double d = Vec.dot(h.position(), n);
            if (groups.isEmpty() || Math.abs(d - last) > POSITION_TOLERANCE) {
                groups.add(new ArrayList<>());
                last = d;
            }
            groups.get(groups.size() - 1).add(h);
        }
        for (List<SliceHeader> g : groups) {
            g.sort(TIME_ORDER);
        }
        int minCount = Integer.MAX_VALUE;
        int maxCount = 0;
        for (List<SliceHeader> g : groups) {
            minCount = Math.min(minCount, g.size());
            maxCount = Math.max(maxCount, g.size());
        }
        List<SliceHeader> kept = new ArrayList<>();
        if (minCount == maxCount) {
            this.timePoints = minCount;
            for (List<SliceHeader> g : groups) {
                kept.addAll(g);
            }
        } else {
            // unequal repetitions are not time points: keep the first image at each position
            this.timePoints = 1;
            int extra = 0;
            for (List<SliceHeader> g : groups) {
                kept.add(g.get(0));
                extra += g.size() - 1;
            }
            warnings.add(extra + " image(s) at duplicate positions ignored (positions hold " + minCount + " to " + maxCount + " images)");
            dup += extra;
        }
        this.duplicates = dup;
        this.images = List.copyOf(kept);
        this.positions = groups.size();
        this.distances = new double[positions];
        for (int i = 0; i < positions; i++) {
            distances[i] = Vec.dot(groups.get(i).get(0).position(), n);
        }
        if (positions >= 2) {
            double[] steps = new double[positions - 1];
            for (int i = 1; i < positions; i++) {
                steps[i - 1] = distances[i] - distances[i - 1];
            }
            double[] s = steps.clone();
            Arrays.sort(s);
            double median = s[s.length / 2];
            // along the slice vector, not the normal: tilted stacks are further apart than their normal distance
            double[] p0 = groups.get(0).get(0).position();
            double[] pn = groups.get(positions - 1).get(0).position();
            double alongNormal = distances[positions - 1] - distances[0];
            double factor = alongNormal > 0 ? Vec.norm(Vec.sub(pn, p0)) / alongNormal : 1;
            this.minStep = s[0] * factor;
            this.maxStep = s[s.length - 1] * factor;
            this.spacing = median * factor;
            this.variableSpacing = maxStep - minStep > 0.001 + 0.01 * spacing;
            int miss = 0;
            for (double st : steps) {
                if (st > 1.5 * median) {
                    miss += (int) Math.round(st / median) - 1;
                }
            }
            this.missing = miss;
            this.tilt = Math.min(Vec.angleDegrees(Vec.sub(pn, p0), n), 180 - Vec.angleDegrees(Vec.sub(pn, p0), n));
        } else {
            double st = first.spacingBetweenSlices();
            double th = first.sliceThickness();
            this.spacing = Double.isFinite(st) && st > 0 ? st : Double.isFinite(th) && th > 0 ? th : 1;
            this.minStep = spacing;
            this.maxStep = spacing;
            this.variableSpacing = false;
            this.missing = 0;
            this.tilt = 0;
        }
        if (dup > 0 && minCount == maxCount) {
            warnings.add(dup + " duplicate image(s) ignored");
        }
        if (missing > 0) {
            warnings.add(missing + " missing slice(s) (gaps of up to " + fmt(maxStep) + " mm, spacing " + fmt(spacing) + " mm)");
        }
        if (variableSpacing) {
            warnings.add("variable slice spacing " + fmt(minStep) + " to " + fmt(maxStep) + " mm");
        }
        if (tilt > 0.01) {
            warnings.add("gantry tilt " + fmt(tilt) + " deg (slice vector not along the slice normal"
                    + (first.gantryTilt() != 0 ? "; Gantry/Detector Tilt " + fmt(first.gantryTilt()) : "") + ")");
        }
    }

    /** Time order at one position: Temporal Position, Trigger Time, Acquisition Number, Instance Number, file, frame. */
    static final Comparator<SliceHeader> TIME_ORDER = new Comparator<>() {
        // a class, not a chain of Comparator.comparing lambdas: those cost a few ms to link in a cold JVM
        @Override
        public int compare(SliceHeader a, SliceHeader b) {
            int c = Integer.compare(a.temporalPosition(), b.temporalPosition());
            if (c == 0) {
                c = Double.compare(Double.isNaN(a.triggerTime()) ? 0 : a.triggerTime(), Double.isNaN(b.triggerTime()) ? 0 : b.triggerTime());
            }
            if (c == 0) {
                c = Integer.compare(a.acquisitionNumber(), b.acquisitionNumber());
            }
            return c != 0 ? c : lastKeys(a, b);
        }
    };

    /** The last keys of both orders: Instance Number, file, frame. */
    private static int lastKeys(SliceHeader a, SliceHeader b) {
        int c = Integer.compare(a.instanceNumber(), b.instanceNumber());
        if (c == 0) {
            c = a.file().toString().compareTo(b.file().toString());
        }
        return c != 0 ? c : Integer.compare(a.frame(), b.frame());
    }

    /** Order without geometry: Stack ID, In-Stack Position, Instance Number, file, frame. */
    private static final Comparator<SliceHeader> STACK_ORDER = new Comparator<>() {
        @Override
        public int compare(SliceHeader a, SliceHeader b) {
            int c = a.stackId().compareTo(b.stackId());
            if (c == 0) {
                c = Integer.compare(a.inStackPosition(), b.inStackPosition());
            }
            return c != 0 ? c : lastKeys(a, b);
        }
    };

    static String fmt(double d) {
        return String.format(Locale.ROOT, "%.4g", d).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
    }

    /** The images in volume order: {@code images().get(z * timePoints() + t)}. */
    public List<SliceHeader> images() {
        return images;
    }

    /** The image at slice position {@code z} (0 = lowest along the normal) and time point {@code t}. */
    public SliceHeader image(int z, int t) {
        return images.get(z * timePoints + t);
    }

    public SliceHeader first() {
        return images.get(0);
    }

    /** Number of distinct slice positions. */
    public int positions() {
        return positions;
    }

    /** Images per position (1 for a 3D volume). */
    public int timePoints() {
        return timePoints;
    }

    public int rows() {
        return first().rows();
    }

    public int columns() {
        return first().columns();
    }

    /** Distance of each position along the slice normal (mm, ascending). */
    public double[] distances() {
        return distances.clone();
    }

    /** Images ignored as duplicates. */
    public int duplicates() {
        return duplicates;
    }

    /** Estimated number of missing slices (gaps of a multiple of the usual spacing). */
    public int missingSlices() {
        return missing;
    }

    /** The usual (median) distance between neighbouring positions along the slice vector (mm). */
    public double spacing() {
        return spacing;
    }

    public double minSpacing() {
        return minStep;
    }

    public double maxSpacing() {
        return maxStep;
    }

    public boolean variableSpacing() {
        return variableSpacing;
    }

    /** Angle between the slice vector and the slice normal in degrees (gantry tilt); 0 for a regular stack. */
    public double tilt() {
        return tilt;
    }

    /** Whether every image has position, orientation and pixel spacing. */
    public boolean hasGeometry() {
        return geometry;
    }

    /** Why this stack was split from the others of its series ("" for the main one), e.g. "echo 2". */
    public String label() {
        return label;
    }

    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** Anatomical name of the orientation: AXIAL, CORONAL, SAGITTAL or OBLIQUE (UNKNOWN without geometry). */
    public String orientationName() {
        if (!geometry) {
            return "UNKNOWN";
        }
        double[] n = Vec.normal(first().orientation());
        double ax = Math.abs(n[0]);
        double ay = Math.abs(n[1]);
        double az = Math.abs(n[2]);
        double max = Math.max(ax, Math.max(ay, az));
        String base = max == az ? "AXIAL" : max == ay ? "CORONAL" : "SAGITTAL";
        return max > 0.9999 ? base : "OBLIQUE (" + base.toLowerCase(Locale.ROOT) + ")";
    }

    @Override
    public String toString() {
        return "Stack[" + columns() + "x" + rows() + "x" + positions + (timePoints > 1 ? "x" + timePoints : "") + " " + first().seriesUid()
                + (label.isEmpty() ? "" : " " + label) + "]";
    }
}
