package org.hounsfield.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Encapsulated pixel data (PS3.5 A.4): the Basic Offset Table item followed by the fragments of
 * the compressed frames. Each entry is a {@code byte[]} or, for deferred reading, a
 * {@link BulkDataRef}.
 *
 * <pre>{@code
 * Fragments f = ds.get(Tag.PixelData).fragments();
 * long[] bot = f.basicOffsetTable();      // empty when the table is empty
 * byte[] first = f.fragment(0);           // bytes of the first fragment after the table
 * }</pre>
 */
public final class Fragments {
    private final List<Object> items = new ArrayList<>();

    public Fragments() {
    }

    /** Adds an item: the first one added is the Basic Offset Table. */
    public void addItem(Object bytesOrRef) {
        if (!(bytesOrRef instanceof byte[]) && !(bytesOrRef instanceof BulkDataRef)) {
            throw new IllegalArgumentException("fragment must be byte[] or BulkDataRef");
        }
        items.add(bytesOrRef);
    }

    /** Number of items including the Basic Offset Table item. */
    public int itemCount() {
        return items.size();
    }

    /** Number of fragments (items after the Basic Offset Table). */
    public int fragmentCount() {
        return Math.max(0, items.size() - 1);
    }

    /** Raw item {@code i} (0 = offset table): a byte[] or a BulkDataRef. */
    public Object item(int i) {
        return items.get(i);
    }

    /** Bytes of item {@code i} (0 = offset table). */
    public byte[] itemBytes(int i) {
        Object o = items.get(i);
        return o instanceof byte[] b ? b : ((BulkDataRef) o).read();
    }

    /** Length of item {@code i} in bytes without reading it. */
    public int itemLength(int i) {
        Object o = items.get(i);
        return o instanceof byte[] b ? b.length : ((BulkDataRef) o).length();
    }

    /** Bytes of fragment {@code i} (0-based, after the offset table). */
    public byte[] fragment(int i) {
        return itemBytes(i + 1);
    }

    /** The Basic Offset Table entries (offsets of each frame's first fragment); empty if the table is. */
    public long[] basicOffsetTable() {
        if (items.isEmpty()) {
            return new long[0];
        }
        byte[] b = itemBytes(0);
        long[] out = new long[b.length / 4];
        for (int i = 0; i < out.length; i++) {
            int p = i * 4;
            out[i] = (b[p] & 0xFFL) | (b[p + 1] & 0xFFL) << 8 | (b[p + 2] & 0xFFL) << 16 | (b[p + 3] & 0xFFL) << 24;
        }
        return out;
    }
}
