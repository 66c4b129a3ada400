package org.hounsfield.imaging.volume;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.hounsfield.core.BulkDataRef;
import org.hounsfield.core.Dataset;
import org.hounsfield.core.DicomException;
import org.hounsfield.core.DicomIOException;
import org.hounsfield.core.Element;
import org.hounsfield.core.Tag;
import org.hounsfield.core.TransferSyntax;
import org.hounsfield.core.VR;
import org.hounsfield.core.io.DicomReader;
import org.hounsfield.core.io.ReadOptions;
import org.hounsfield.codec.FrameInfo;
import org.hounsfield.imaging.PixelData;
import org.hounsfield.imaging.series.Scan;
import org.hounsfield.imaging.series.SeriesScanner;
import org.hounsfield.imaging.series.SliceHeader;
import org.hounsfield.imaging.series.Stack;
import org.hounsfield.imaging.series.internal.Vec;
import org.hounsfield.imaging.volume.internal.VoxelStore;

/**
 * Builds {@link Volume}s from stacks found by {@link SeriesScanner}: one array for the voxels,
 * slices decoded in parallel straight into it (pixel data is left in the files until its slice
 * is decoded, so the heap holds little more than the voxels).
 *
 * <pre>{@code
 * Scan scan = SeriesScanner.scan(Path.of("ct/"));
 * Volume v = VolumeLoader.load(scan.stacks().get(0), VolumeOptions.physical());
 * Volume e = VolumeLoader.load(Path.of("enhanced-mr.dcm"));      // a multi-frame file
 * }</pre>
 *
 * <p>The slice vector is {@code (last - first) / (n - 1)} for evenly spaced slices; with variable
 * spacing it is the step between the first two slices, as dcm2niix writes it (the warnings of the
 * stack say so).
 */
public final class VolumeLoader {
    /** Pixel data values above this size stay in the file until read. */
    private static final long DEFER = 4096;
    private static final ReadOptions DEFERRED = ReadOptions.defaults().withDeferThreshold(DEFER);

    private VolumeLoader() {
    }

    /** The volume of a file's only stack (a multi-frame file, or a file of a single slice). */
    public static Volume load(Path file) {
        return load(file, VolumeOptions.stored());
    }

    public static Volume load(Path file, VolumeOptions options) {
        Scan scan = SeriesScanner.scan(List.of(file), 1);
        if (!scan.problems().isEmpty()) {
            throw new DicomException(scan.problems().get(0).message());
        }
        List<Stack> stacks = scan.stacks();
        if (stacks.size() != 1) {
            throw new DicomException(file + " holds " + stacks.size() + " stacks; scan it and load one");
        }
        return load(stacks.get(0), options);
    }

    public static Volume load(Stack stack) {
        return load(stack, VolumeOptions.stored());
    }

    public static Volume load(Stack stack, VolumeOptions options) {
        return load(stack, options, VoxelStore::allocate);
    }

    /**
     * Loads into a store of the caller's making (internal: the NIfTI writer's write-through
     * store, which writes the slices into the output file as they are decoded).
     */
    public static Volume load(Stack stack, VolumeOptions options, VoxelStore.Factory stores) {
        SliceHeader first = stack.first();
        int nx = first.columns();
        int ny = first.rows();
        int nz = stack.positions();
        int nt = stack.timePoints();
        if (first.samplesPerPixel() != 1) {
            throw new DicomException("colour images (" + first.samplesPerPixel() + " samples per pixel, " + first.photometric()
                    + ") cannot be loaded as a volume");
        }
        List<SliceHeader> images = stack.images();
        int slices = images.size();
        double[] slopes = new double[slices];
        double[] intercepts = new double[slices];
        for (int i = 0; i < slices; i++) {
            slopes[i] = images.get(i).rescaleSlope();
            intercepts[i] = images.get(i).rescaleIntercept();
        }
        // image i goes to store slice target[i]; with fillGaps the positions are put on a regular grid
        int nzOut = nz;
        int[] target = new int[slices];
        for (int i = 0; i < slices; i++) {
            target[i] = i;
        }
        int[] grid = options.fillGaps() ? grid(stack) : null;
        if (grid != null) {
            nzOut = grid[nz - 1] + 1;
            for (int z = 0; z < nz; z++) {
                for (int t = 0; t < nt; t++) {
                    target[z * nt + t] = grid[z] * nt + t;
                }
            }
            double[] gs = new double[nzOut * nt];
            double[] gi = new double[nzOut * nt];
            java.util.Arrays.fill(gs, Double.NaN);
            for (int i = 0; i < slices; i++) {
                gs[target[i]] = slopes[i];
                gi[target[i]] = intercepts[i];
            }
            for (int k = 0; k < gs.length; k++) {
                if (Double.isNaN(gs[k])) {
                    gs[k] = gs[k - nt];
                    gi[k] = gi[k - nt];
                }
            }
            slopes = gs;
            intercepts = gi;
        }
        final double[] sl = slopes;
        final double[] ic = intercepts;
        // the pixel format comes from the first file itself (Float Pixel Data is not in the scan)
        Dataset ds0 = DicomReader.read(first.file(), DEFERRED);
        PixelData px0 = pixelData(ds0, first.file());
        FrameInfo info = px0.info();
        if (info.samplesPerPixel() != 1) {
            throw new DicomException("colour images cannot be loaded as a volume");
        }
        boolean floating = ds0.contains(Tag.FloatPixelData) || ds0.contains(Tag.DoubleFloatPixelData);
        VoxelType storedType = storedType(info, floating);
        boolean physical = options.values() == VolumeOptions.Values.PHYSICAL;
        VoxelType type = physical ? physicalType(info, storedType, slopes, intercepts) : storedType;
        String unit = unit(first);
        VoxelStore store = stores.create(type, Math.multiplyExact(nx, ny), nzOut * nt);

        // one task per file; a multi-frame file is split into ranges of frames
        Map<Path, List<Integer>> byFile = new LinkedHashMap<>();
        for (int i = 0; i < slices; i++) {
            byFile.computeIfAbsent(images.get(i).file(), k -> new ArrayList<>()).add(i);
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(options.threads(), slices)), r -> {
            Thread t = new Thread(r, "hounsfield-volume");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Map.Entry<Path, List<Integer>> e : byFile.entrySet()) {
                List<Integer> idx = e.getValue();
                if (idx.size() == 1) {
                    int s = idx.get(0);
                    futures.add(pool.submit(() -> {
                        SliceHeader h = images.get(s);
                        if (!floating && !h.file().equals(first.file())
                                && readNativeAt(h, info, target[s], store, nx, ny, physical ? sl[target[s]] : 1, physical ? ic[target[s]] : 0)) {
                            return null;
                        }
                        Dataset ds = e.getKey().equals(first.file()) ? ds0 : DicomReader.read(e.getKey(), DEFERRED);
                        decode(ds, e.getKey(), images.get(s), target[s], store, info, floating, nx, ny, physical, sl, ic);
                        return null;
                    }));
                } else {
                    Dataset ds = e.getKey().equals(first.file()) ? ds0 : DicomReader.read(e.getKey(), DEFERRED);
                    int parts = Math.min(options.threads() * 4, idx.size());
                    for (int p = 0; p < parts; p++) {
                        List<Integer> part = idx.subList(p * idx.size() / parts, (p + 1) * idx.size() / parts);
                        futures.add(pool.submit(() -> {
                            for (int s : part) {
                                decode(ds, e.getKey(), images.get(s), target[s], store, info, floating, nx, ny, physical, sl, ic);
                            }
                            return null;
                        }));
                    }
                }
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof DicomException de) {
                throw de;
            }
            if (c instanceof OutOfMemoryError oom) {
                throw oom;
            }
            throw new DicomException("volume load failed: " + c, c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DicomException("volume load interrupted");
        } finally {
            pool.shutdownNow();
        }

        // geometry
        double[] origin;
        double[] rowDir;
        double[] colDir;
        double[] sliceVector;
        double dx;
        double dy;
        if (stack.hasGeometry()) {
            double[] iop = first.orientation();
            rowDir = Vec.row(iop);
            colDir = Vec.col(iop);
            double[] ps = first.pixelSpacing();
            dy = ps[0];
            dx = ps[1];
            origin = stack.image(0, 0).position();
            if (nz > 1) {
                double[] p0 = stack.image(0, 0).position();
                sliceVector = stack.variableSpacing() && grid == null
                        ? Vec.sub(stack.image(1, 0).position(), p0)
                        : Vec.scale(Vec.sub(stack.image(nz - 1, 0).position(), p0), 1.0 / (nzOut - 1));
            } else {
                sliceVector = Vec.scale(Vec.normal(iop), stack.spacing());
            }
        } else {
            double[] ps = first.pixelSpacing();
            dy = ps != null && ps[0] > 0 ? ps[0] : 1;
            dx = ps != null && ps[1] > 0 ? ps[1] : 1;
            origin = new double[3];
            rowDir = new double[] {1, 0, 0};
            colDir = new double[] {0, 1, 0};
            sliceVector = new double[] {0, 0, stack.spacing()};
        }
        if (grid != null) {
            fill(store, grid, nt, nx * ny);
        }
        return new Volume(nx, ny, nzOut, nt, store, origin, rowDir, colDir, sliceVector, dx, dy, slopes, intercepts,
                physical, stack.hasGeometry(), unit, stack);
    }

    /**
     * Grid index of each position when the stack has missing slices and every gap is a whole
     * multiple of the usual spacing (within 5 %); null otherwise (nothing to fill, or no grid).
     */
    static int[] grid(Stack stack) {
        if (!stack.hasGeometry() || stack.missingSlices() == 0 || stack.positions() < 2) {
            return null;
        }
        double[] d = stack.distances();
        double[] steps = new double[d.length - 1];
        for (int i = 1; i < d.length; i++) {
            steps[i - 1] = d[i] - d[i - 1];
        }
        double[] sorted = steps.clone();
        java.util.Arrays.sort(sorted);
        double step = sorted[sorted.length / 2];
        int[] g = new int[d.length];
        for (int i = 1; i < d.length; i++) {
            double k = (d[i] - d[0]) / step;
            g[i] = (int) Math.round(k);
            if (Math.abs(k - g[i]) > 0.05 || g[i] <= g[i - 1]) {
                return null;
            }
        }
        if (g[d.length - 1] + 1 > 4 * d.length) {
            return null; // mostly empty: not a series with a few missing slices
        }
        return g;
    }

    /** Fills the slices between loaded grid slices by linear interpolation of their neighbours. */
    private static void fill(VoxelStore store, int[] grid, int nt, int sliceSize) {
        for (int z = 1; z < grid.length; z++) {
            int lo = grid[z - 1];
            int hi = grid[z];
            for (int k = lo + 1; k < hi; k++) {
                double f = (double) (k - lo) / (hi - lo);
                for (int t = 0; t < nt; t++) {
                    int a = lo * nt + t;
                    int b = hi * nt + t;
                    int dst = k * nt + t;
                    for (int i = 0; i < sliceSize; i++) {
                        store.set(dst, i, store.get(a, i) * (1 - f) + store.get(b, i) * f);
                    }
                }
            }
        }
    }

    private static PixelData pixelData(Dataset ds, Path file) {
        if (!ds.contains(Tag.PixelData) && !ds.contains(Tag.FloatPixelData) && !ds.contains(Tag.DoubleFloatPixelData)) {
            throw new DicomException(file + ": no pixel data");
        }
        return PixelData.of(ds);
    }

    /** Decodes one frame into slice {@code s} of the store. */
    private static void decode(Dataset ds, Path file, SliceHeader h, int s, VoxelStore store, FrameInfo info, boolean floating,
                               int nx, int ny, boolean physical, double[] slopes, double[] intercepts) {
        PixelData px = pixelData(ds, file);
        FrameInfo fi = px.info();
        if (fi.rows() != ny || fi.columns() != nx || fi.bitsAllocated() != info.bitsAllocated() || fi.samplesPerPixel() != 1) {
            throw new DicomException(file + ": image " + fi.columns() + "x" + fi.rows() + " " + fi.bitsAllocated()
                    + "-bit differs from the stack's " + nx + "x" + ny + " " + info.bitsAllocated() + "-bit");
        }
        double sl = physical ? slopes[s] : 1;
        double ic = physical ? intercepts[s] : 0;
        if (fastNative(ds, px, h.frame(), store, s, sl, ic)) {
            return;
        }
        byte[] frame = frame(ds, px, h.frame());
        int bps = fi.bytesPerSample();
        if (physical) {
            store.putFrame(s, frame, bps, fi.signed(), floating, slopes[s], intercepts[s]);
        } else {
            store.putFrame(s, frame, bps, fi.signed(), floating, 1, 0);
        }
    }

    private static final ThreadLocal<ByteBuffer> DIRECT = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(0));

    /**
     * The fast path of a series of native 16-bit slices: the scan found where the file's pixel
     * data element starts, so the frame is read from there (element header checked, then the
     * value) without parsing the header again. Only when the file's image attributes are those of
     * the stack's first file, whose pixel data went through PixelData's rules; false (use the
     * general path) for anything else: another transfer syntax, another layout, an element that is
     * not what the scan saw.
     */
    private static boolean readNativeAt(SliceHeader h, FrameInfo info, int s, VoxelStore store, int nx, int ny,
                                        double slope, double intercept) {
        long at = h.pixelDataOffset();
        if (at < 0 || info.bitsAllocated() != 16 || info.samplesPerPixel() != 1 || h.bitsAllocated() != 16
                || h.samplesPerPixel() != 1 || h.rows() != ny || h.columns() != nx || h.bitsStored() != info.bitsStored()
                || h.signed() != info.signed() || !TransferSyntax.isKnown(h.transferSyntaxUid())) {
            return false;
        }
        TransferSyntax ts = TransferSyntax.of(h.transferSyntaxUid());
        if (ts.encapsulated() || ts.deflated()) {
            return false;
        }
        int fb = nx * ny * 2;
        ByteBuffer bb = DIRECT.get();
        if (bb.capacity() < Math.max(fb, 12)) {
            bb = ByteBuffer.allocateDirect(Math.max(fb, 12));
            DIRECT.set(bb);
        }
        try (FileChannel ch = FileChannel.open(h.file(), StandardOpenOption.READ)) {
            // element header: tag, then (explicit VR) "OW"/"OB", 2 reserved bytes, 4-byte length,
            // or (implicit VR) a 4-byte length
            bb.clear().limit(12);
            readFully(ch, bb, at, h.file());
            bb.flip().order(ts.bigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            int tag = (bb.getShort(0) & 0xFFFF) << 16 | (bb.getShort(2) & 0xFFFF);
            if (tag != Tag.PixelData) {
                return false;
            }
            long length;
            long value;
            boolean ob = false;
            if (ts.explicitVr()) {
                int vr = (bb.get(4) & 0xFF) << 8 | (bb.get(5) & 0xFF);
                ob = vr == VR.OB.code();
                if ((vr != VR.OW.code() && !ob) || bb.getShort(6) != 0) {
                    return false; // not the layout the transfer syntax says: let the reader sort it out
                }
                length = bb.getInt(8) & 0xFFFFFFFFL;
                value = at + 12;
            } else {
                length = bb.getInt(4) & 0xFFFFFFFFL;
                value = at + 8;
            }
            long off = (long) fb * h.frame();
            if (length == 0xFFFFFFFFL || off + fb > length) {
                return false;
            }
            bb.clear().limit(fb);
            readFully(ch, bb, value + off, h.file());
            bb.flip();
            ByteOrder order = ts.bigEndian() && !ob ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            store.putFrame16(s, bb.order(order), info.bitsStored(), info.signed(), slope, intercept);
            return true;
        } catch (IOException e) {
            throw new DicomIOException("cannot read pixel data of " + h.file(), e);
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer bb, long pos, Path file) throws IOException {
        while (bb.hasRemaining()) {
            int n = ch.read(bb, pos);
            if (n < 0) {
                throw new DicomException(file + ": pixel data ends early, at byte offset " + pos + " (" + bb.remaining() + " more bytes expected)");
            }
            pos += n;
        }
    }

    private static final ThreadLocal<ByteBuffer> BUFFER = ThreadLocal.withInitial(() -> ByteBuffer.allocate(0));

    /**
     * Native 16-bit single-sample frames go straight from the file into the voxels through one
     * reused buffer per thread: no per-slice arrays, one pass. Same rules as PixelData.frame.
     */
    private static boolean fastNative(Dataset ds, PixelData px, int f, VoxelStore store, int s, double slope, double intercept) {
        Element pixel = ds.get(Tag.PixelData);
        FrameInfo fi = px.info();
        if (pixel == null || pixel.isEncapsulated() || fi.bitsAllocated() != 16 || fi.samplesPerPixel() != 1) {
            return false;
        }
        int fb = px.frameBytes();
        long off = (long) fb * f;
        ByteOrder order = ds.isBigEndian() && pixel.vr() != VR.OB ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        Object raw = pixel.rawValue();
        ByteBuffer bb;
        if (raw instanceof BulkDataRef ref) {
            if (off + fb > ref.length()) {
                throw new DicomException("pixel data holds " + ref.length() + " bytes; frame " + f + " needs bytes " + off + " to " + (off + fb));
            }
            bb = BUFFER.get();
            if (bb.capacity() < fb) {
                bb = ByteBuffer.allocate(fb);
                BUFFER.set(bb);
            }
            bb.clear().limit(fb);
            try (FileChannel ch = FileChannel.open(ref.file(), StandardOpenOption.READ)) {
                long pos = ref.offset() + off;
                while (bb.hasRemaining()) {
                    int n = ch.read(bb, pos);
                    if (n < 0) {
                        throw new DicomException(ref.file() + ": pixel data ends early (frame " + f + ")");
                    }
                    pos += n;
                }
            } catch (IOException e) {
                throw new DicomIOException("cannot read pixel data of " + ref.file(), e);
            }
            bb.flip();
        } else if (raw instanceof byte[] b) {
            if (off + fb > b.length) {
                throw new DicomException("pixel data holds " + b.length + " bytes; frame " + f + " needs bytes " + off + " to " + (off + fb));
            }
            bb = ByteBuffer.wrap(b, (int) off, fb).slice();
        } else {
            return false;
        }
        store.putFrame16(s, bb.order(order), fi.bitsStored(), fi.signed(), slope, intercept);
        return true;
    }

    /**
     * Frame {@code f}: a deferred native multi-frame value is read frame by frame from the file
     * (through a one-frame copy of the image attributes, so PixelData's rules still apply) instead
     * of reading the whole value for every frame.
     */
    private static byte[] frame(Dataset ds, PixelData px, int f) {
        Element pixel = ds.get(Tag.PixelData);
        if (px.frameCount() > 1 && pixel != null && !pixel.isEncapsulated() && pixel.rawValue() instanceof BulkDataRef ref
                && px.info().bitsAllocated() >= 8) {
            int fb = px.frameBytes();
            long off = (long) fb * f;
            if (off + fb > ref.length()) {
                throw new DicomException("pixel data holds " + ref.length() + " bytes; frame " + f + " needs bytes " + off + " to " + (off + fb));
            }
            Dataset one = new Dataset(null, ds.isBigEndian());
            for (int tag : new int[] {Tag.SamplesPerPixel, Tag.PhotometricInterpretation, Tag.Rows, Tag.Columns,
                    Tag.BitsAllocated, Tag.BitsStored, Tag.HighBit, Tag.PixelRepresentation, Tag.PlanarConfiguration}) {
                Element e = ds.get(tag);
                if (e != null) {
                    one.putRaw(tag, e.vr(), e.bytes(), 0);
                }
            }
            one.putRaw(Tag.PixelData, pixel.vr(), new BulkDataRef(ref.file(), ref.offset() + off, fb).read(), 0);
            one.setTransferSyntax(ds.transferSyntax());
            return PixelData.of(one).frame(0);
        }
        return px.frame(f);
    }

    static VoxelType storedType(FrameInfo info, boolean floating) {
        return switch (info.bitsAllocated()) {
            case 1, 8 -> info.signed() ? VoxelType.INT8 : VoxelType.UINT8;
            case 16 -> info.signed() ? VoxelType.INT16 : VoxelType.UINT16;
            case 32 -> floating ? VoxelType.FLOAT32 : info.signed() ? VoxelType.INT32 : VoxelType.UINT32;
            case 64 -> VoxelType.FLOAT64;
            default -> throw new DicomException("unsupported Bits Allocated " + info.bitsAllocated());
        };
    }

    /** int16/int32 when every slice's rescale maps the stored range onto integers that fit, else float32. */
    static VoxelType physicalType(FrameInfo info, VoxelType stored, double[] slopes, double[] intercepts) {
        if (stored.floating()) {
            return stored;
        }
        int bits = Math.max(1, Math.min(info.bitsStored(), info.bitsAllocated()));
        double lo = info.signed() ? -Math.pow(2, bits - 1) : 0;
        double hi = info.signed() ? Math.pow(2, bits - 1) - 1 : Math.pow(2, bits) - 1;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        boolean integral = true;
        for (int i = 0; i < slopes.length; i++) {
            if (slopes[i] != Math.rint(slopes[i]) || intercepts[i] != Math.rint(intercepts[i])) {
                integral = false;
                break;
            }
            double a = lo * slopes[i] + intercepts[i];
            double b = hi * slopes[i] + intercepts[i];
            min = Math.min(min, Math.min(a, b));
            max = Math.max(max, Math.max(a, b));
        }
        if (integral) {
            if (min >= Short.MIN_VALUE && max <= Short.MAX_VALUE) {
                return VoxelType.INT16;
            }
            if (min >= Integer.MIN_VALUE && max <= Integer.MAX_VALUE) {
                return VoxelType.INT32;
            }
        }
        return VoxelType.FLOAT32;
    }

    private static String unit(SliceHeader h) {
        String t = h.rescaleType();
        if (!t.isEmpty()) {
            return t;
        }
        return "CT".equalsIgnoreCase(h.modality()) ? "HU" : "";
    }
}
