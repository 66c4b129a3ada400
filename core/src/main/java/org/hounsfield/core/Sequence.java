package org.hounsfield.core;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The items of a sequence (SQ) element, each a {@link Dataset} whose parent is the dataset holding
 * the sequence (so Specific Character Set and Pixel Representation are inherited).
 *
 * <pre>{@code
 * Sequence seq = ds.newSequence(Tag.ReferencedImageSequence);
 * Dataset item = seq.addItem();
 * item.setString(Tag.ReferencedSOPInstanceUID, VR.UI, "1.2.3");
 * }</pre>
 */
public final class Sequence implements Iterable<Dataset> {
    private final Dataset parent;
    private final List<Dataset> items = new ArrayList<>();
    private boolean undefinedLength;

    Sequence(Dataset parent, boolean undefinedLength) {
        this.parent = parent;
        this.undefinedLength = undefinedLength;
    }

    /** Number of items. */
    public int size() {
        return items.size();
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    /** Item {@code i} (0-based). */
    public Dataset get(int i) {
        return items.get(i);
    }

    /** A live, unmodifiable view of the items. */
    public List<Dataset> items() {
        return java.util.Collections.unmodifiableList(items);
    }

    /** Appends a new empty item and returns it. */
    public Dataset addItem() {
        Dataset item = new Dataset(parent, parent.isBigEndian());
        items.add(item);
        return item;
    }

    /** Appends {@code item} (re-parented to this sequence's dataset). */
    public void add(Dataset item) {
        item.setParent(parent);
        items.add(item);
    }

    public Dataset remove(int i) {
        return items.remove(i);
    }

    /** Whether the sequence was read (and will be written) with undefined length. */
    public boolean undefinedLength() {
        return undefinedLength;
    }

    public void setUndefinedLength(boolean undefinedLength) {
        this.undefinedLength = undefinedLength;
    }

    /** The dataset that holds this sequence. */
    public Dataset parent() {
        return parent;
    }

    @Override
    public Iterator<Dataset> iterator() {
        return items().iterator();
    }
}
