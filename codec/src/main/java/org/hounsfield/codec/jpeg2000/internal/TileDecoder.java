package org.hounsfield.codec.jpeg2000.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

import org.hounsfield.core.DicomCodecException;

/**
 * Decodes a parsed {@link Codestream}: for every tile builds the tile-components, resolutions,
 * sub-bands, precincts and code-blocks (Annex B), runs tier-2 and tier-1, dequantises, applies the
 * inverse wavelet transform, the inverse multi-component transform and the DC level shift, and
 * writes the samples into a {@link DecodedImage}.
 */
public final class TileDecoder {
    private static final int PARALLEL_MIN_BLOCKS = 8;

    private final Codestream cs;
    private final int discard;
    private final ForkJoinPool pool;
    private final Supplier<CodeBlockDecoder> htFactory;
    /**
     * Per-thread tier-1 scratch state, shared by every decoder on that thread. Static on purpose:
     * a ThreadLocal per TileDecoder left one stale Worker per decode in each thread's map (a leak
     * found by fuzzing: about 10 KB per decode until the heap ran out).
     */
    private static final ThreadLocal<Worker> WORKERS = ThreadLocal.withInitial(Worker::new);
    /** Per-thread wavelet scratch buffers (static for the same reason). */
    private static final ThreadLocal<Wavelet> WAVELETS = ThreadLocal.withInitial(Wavelet::new);
    /** Smallest level (in samples) whose wavelet passes are split among threads (tests lower it). */
    static long parallelMinSamples = 1 << 16;

    /** Per-thread scratch state for tier-1. */
    private static final class Worker {
        final CodeBlockDecoder ebcot = new EbcotBlockDecoder();
        CodeBlockDecoder ht;
        Supplier<CodeBlockDecoder> htSource;
        int[] scratch = new int[4096];

        CodeBlockDecoder decoderFor(int style, Supplier<CodeBlockDecoder> htFactory) {
            if ((style & CodingStyle.CB_HT) != 0) {
                if (htFactory == null) {
                    throw new DicomCodecException("JPEG 2000: HTJ2K (Part 15) code-blocks are not supported by this decoder", -1);
                }
                if (ht == null || htSource != htFactory) {
                    ht = htFactory.get();
                    htSource = htFactory;
                }
                return ht;
            }
            return ebcot;
        }
    }

    /**
     * @param discard   number of highest resolution levels not decoded
     * @param pool      pool for parallel code-block decoding, or null for single-threaded
     * @param htFactory block decoder for HTJ2K code-blocks, or null
     */
    public TileDecoder(Codestream cs, int discard, ForkJoinPool pool, Supplier<CodeBlockDecoder> htFactory) {
        this.cs = cs;
        this.discard = discard;
        this.pool = pool;
        this.htFactory = htFactory;
    }

    private static int ceilDiv(long a, long b) {
        return (int) -Math.floorDiv(-a, b);
    }

    private static int ceilDivPow2(long a, int e) {
        return (int) -((-a) >> e);
    }

    private DicomCodecException error(String msg) {
        return new DicomCodecException("JPEG 2000: " + msg, -1);
    }

    /** Decodes every tile into a new image. */
    public DecodedImage decode() {
        int n = cs.numComps;
        if (discard < 0 || discard > cs.minLevels()) {
            throw error("cannot discard " + discard + " resolution levels (codestream has " + cs.minLevels() + ")");
        }
        DecodedImage img = new DecodedImage(n);
        for (int c = 0; c < n; c++) {
            int cx0 = ceilDivPow2(ceilDiv(cs.xosiz, cs.xr[c]), discard);
            int cx1 = ceilDivPow2(ceilDiv(cs.xsiz, cs.xr[c]), discard);
            int cy0 = ceilDivPow2(ceilDiv(cs.yosiz, cs.yr[c]), discard);
            int cy1 = ceilDivPow2(ceilDiv(cs.ysiz, cs.yr[c]), discard);
            img.originX[c] = cx0;
            img.originY[c] = cy0;
            img.width[c] = cx1 - cx0;
            img.height[c] = cy1 - cy0;
            img.precision[c] = cs.precision[c];
            img.signed[c] = cs.signed[c];
            if (cs.tiles.length != 1) {
                img.planes[c] = new int[img.width[c] * img.height[c]];
            } // else allocated by decodeTile, or the tile's own buffer
        }
        for (int t = 0; t < cs.tiles.length; t++) {
            Codestream.Tile tile = cs.tiles[t];
            if (tile == null || !tile.present()) {
                throw new DicomCodecException("JPEG 2000: missing tile " + t + " (truncated codestream?)",
                        cs.src.length - cs.errorBase);
            }
            decodeTile(tile, img);
        }
        return img;
    }

    private void decodeTile(Codestream.Tile tile, DecodedImage img) {
        int p = tile.index % cs.numXTiles;
        int q = tile.index / cs.numXTiles;
        int tx0 = (int) Math.max((long) cs.xtosiz + (long) p * cs.xtsiz, cs.xosiz);
        int ty0 = (int) Math.max((long) cs.ytosiz + (long) q * cs.ytsiz, cs.yosiz);
        int tx1 = (int) Math.min((long) cs.xtosiz + (long) (p + 1) * cs.xtsiz, cs.xsiz);
        int ty1 = (int) Math.min((long) cs.ytosiz + (long) (q + 1) * cs.ytsiz, cs.ysiz);
        CodingStyle cod = tile.cod != null ? tile.cod : cs.cod;
        int n = cs.numComps;
        TileComponent[] comps = new TileComponent[n];
        int maxRes = 0;
        for (int c = 0; c < n; c++) {
            comps[c] = buildComponent(tile, c, tx0, ty0, tx1, ty1);
            maxRes = Math.max(maxRes, comps[c].levels + 1);
        }
        // tile data
        byte[] data;
        int off;
        int end;
        if (tile.parts.size() == 1) {
            data = cs.src;
            off = tile.parts.get(0)[0];
            end = off + tile.parts.get(0)[1];
        } else {
            int total = 0;
            for (int[] part : tile.parts) {
                total += part[1];
            }
            data = new byte[total];
            int o = 0;
            for (int[] part : tile.parts) {
                System.arraycopy(cs.src, part[0], data, o, part[1]);
                o += part[1];
            }
            off = 0;
            end = total;
        }
        List<ProgressionChange> prog = tile.poc != null ? tile.poc : cs.poc;
        if (prog == null) {
            prog = List.of(new ProgressionChange(0, 0, cod.layers, maxRes, n, cod.progression));
        }
        PacketDecoder pd = new PacketDecoder(comps, data, off, end,
                tile.headers != null ? tile.headers.data : null, tile.headers != null ? tile.headers.length : 0,
                cod, data == cs.src ? cs.errorBase : -1, new int[] {tx0, ty0, tx1, ty1}, cs.xr, cs.yr);
        pd.complete = cs.hasEoc;
        pd.decodeAll(prog);
        // tier-1 and dequantisation
        List<Object[]> jobs = new ArrayList<>();
        for (TileComponent tc : comps) {
            tc.decodedLevels = tc.levels - discard;
            Resolution top = tc.res[tc.decodedLevels];
            tc.bufW = top.x1 - top.x0;
            tc.bufH = top.y1 - top.y0;
            if (tc.style.transform == 1) {
                tc.idata = new int[tc.bufW * tc.bufH];
            } else {
                tc.fdata = new float[tc.bufW * tc.bufH];
            }
            for (int r = 0; r <= tc.decodedLevels; r++) {
                Resolution res = tc.res[r];
                for (Band band : res.bands) {
                    if (band.precincts == null) {
                        continue;
                    }
                    for (Precinct prc : band.precincts) {
                        if (prc == null) {
                            continue;
                        }
                        for (CodeBlock cb : prc.blocks) {
                            if (cb.numSegments > 0) {
                                jobs.add(new Object[] {tc, res, band, cb});
                            }
                        }
                    }
                }
            }
        }
        if (pool != null && jobs.size() >= PARALLEL_MIN_BLOCKS && pool.getParallelism() > 1) {
            pool.invoke(new BlockTask(jobs, 0, jobs.size()));
        } else {
            Worker wk = WORKERS.get();
            for (Object[] j : jobs) {
                decodeBlock(wk, j);
            }
        }
        // inverse DWT: rows then columns of each level, split among the pool's threads when large;
        // without a multi-component transform the last 9/7 level writes the output samples itself
        boolean mct = cod.mct != 0 && n >= 3;
        boolean[] stored = new boolean[n];
        for (TileComponent tc : comps) {
            if (tc.fdata != null && tc.decodedLevels > 0 && !(mct && tc.comp < 3) && cs.precision[tc.comp] <= 22
                    && chunks((long) tc.bufW * tc.bufH) == 1) {
                streamLevels97(img, tc);
                stored[tc.comp] = true;
                continue;
            }
            for (int r = 1; r <= tc.decodedLevels; r++) {
                Resolution cur = tc.res[r];
                Resolution prev = tc.res[r - 1];
                int w = cur.x1 - cur.x0;
                int h = cur.y1 - cur.y0;
                if (w == 0 || h == 0) {
                    continue;
                }
                int sw = prev.x1 - prev.x0;
                int sh = prev.y1 - prev.y0;
                int cx = cur.x0 & 1;
                int cy = cur.y0 & 1;
                int stride = tc.bufW;
                int[] id = tc.idata;
                float[] fd = tc.fdata;
                int pieces = chunks((long) w * h);
                if (pieces == 1) {
                    Wavelet wl = WAVELETS.get();
                    if (id != null) {
                        wl.inverse53(id, stride, w, h, sw, cx, sh, cy);
                    } else {
                        wl.inverse97(fd, stride, w, h, sw, cx, sh, cy, null);
                    }
                    continue;
                }
                parallel(pieces, k -> {
                    int y0 = (int) ((long) h * k / pieces);
                    int y1 = (int) ((long) h * (k + 1) / pieces);
                    if (id != null) {
                        WAVELETS.get().rows53(id, stride, y0, y1, w, sw, cx);
                    } else {
                        WAVELETS.get().rows97(fd, stride, y0, y1, w, sw, cx);
                    }
                });
                int strips = (w + Wavelet.STRIP - 1) / Wavelet.STRIP;
                int m = Math.min(pieces, strips);
                parallel(m, k -> {
                    int x0 = (int) ((long) strips * k / m) * Wavelet.STRIP;
                    int x1 = Math.min(w, (int) ((long) strips * (k + 1) / m) * Wavelet.STRIP);
                    if (id != null) {
                        WAVELETS.get().columns53(id, stride, x0, x1, h, sh, cy);
                    } else {
                        WAVELETS.get().columns97(fd, stride, x0, x1, h, sh, cy);
                    }
                });
            }
        }
        // inverse MCT
        if (cod.mct != 0 && n >= 3) {
            TileComponent a = comps[0];
            TileComponent b = comps[1];
            TileComponent c = comps[2];
            if (a.bufW != b.bufW || a.bufW != c.bufW || a.bufH != b.bufH || a.bufH != c.bufH) {
                throw error("multi-component transform on components of different sizes");
            }
            if (a.idata != null && b.idata != null && c.idata != null) {
                Mct.inverseRct(a.idata, b.idata, c.idata, a.bufW * a.bufH);
            } else if (a.fdata != null && b.fdata != null && c.fdata != null) {
                Mct.inverseIct(a.fdata, b.fdata, c.fdata, a.bufW * a.bufH);
            } else {
                throw error("multi-component transform on components with different wavelets");
            }
        }
        WAVELETS.get().trim();
        // DC level shift, clamp and store
        for (int c = 0; c < n; c++) {
            TileComponent tc = comps[c];
            if (stored[c]) {
                tc.fdata = null;
                continue;
            }
            Resolution top = tc.res[tc.decodedLevels];
            int ox = top.x0 - img.originX[c];
            int oy = top.y0 - img.originY[c];
            int prec = cs.precision[c];
            int shift = cs.signed[c] ? 0 : 1 << (prec - 1);
            int min = cs.signed[c] ? -(1 << (prec - 1)) : 0;
            int max = cs.signed[c] ? (1 << (prec - 1)) - 1 : (1 << prec) - 1;
            int pw = img.width[c];
            if (img.planes[c] == null && tc.idata != null && ox == 0 && oy == 0 && tc.bufW == pw
                    && tc.bufH == img.height[c] && tc.idata.length == pw * tc.bufH) {
                // the tile covers the component: its buffer becomes the output plane
                shiftClampInPlace(tc.idata, shift, min, max);
                img.planes[c] = tc.idata;
                tc.idata = null;
                continue;
            }
            int[] plane = plane(img, c);
            if (tc.fdata != null && prec <= 22) {
                storeRounded(tc.fdata, tc.bufW, tc.bufH, plane, oy * pw + ox, pw, shift, min, max);
                tc.fdata = null;
                continue;
            }
            for (int y = 0; y < tc.bufH; y++) {
                int src = y * tc.bufW;
                int dst = (oy + y) * pw + ox;
                if (tc.idata != null) {
                    int[] s = tc.idata;
                    for (int x = 0; x < tc.bufW; x++) {
                        int v = s[src + x] + shift;
                        plane[dst + x] = v < min ? min : v > max ? max : v;
                    }
                } else {
                    float[] s = tc.fdata;
                    for (int x = 0; x < tc.bufW; x++) {
                        float f = s[src + x];
                        int v = (f >= 2.0e9f ? Integer.MAX_VALUE - shift : f <= -2.0e9f ? Integer.MIN_VALUE + shift
                                : (int) Math.rint(f)) + shift;
                        plane[dst + x] = v < min ? min : v > max ? max : v;
                    }
                }
            }
            tc.idata = null;
            tc.fdata = null;
        }
    }

    /** The output plane of component c, allocated on first use. */
    private static int[] plane(DecodedImage img, int c) {
        if (img.planes[c] == null) {
            img.planes[c] = new int[img.width[c] * img.height[c]];
        }
        return img.planes[c];
    }

    /** a[i] = clamp(a[i] + shift, min, max) for the whole array. */
    private static void shiftClampInPlace(int[] a, int shift, int min, int max) {
        for (int i = 0; i < a.length; i++) {
            int v = a[i] + shift;
            v = v < min ? min : v;
            a[i] = v > max ? max : v;
        }
    }

    /** 1.5 * 2^23: adding and subtracting it rounds a float below 2^22 in magnitude to an integer, ties to even. */
    private static final float ROUND_MAGIC = 12582912f;

    /**
     * The float path of the output: dst = clamp(rint(src) + shift, min, max), as the general loop
     * computes it, for precisions up to 22 bits. Below 2^22 in magnitude the magic-number rounding
     * equals Math.rint; beyond it the result is off by at most 2 but then clamped to the same bound
     * (the bounds minus the shift are below 2^21), and the clamp happens before adding the shift,
     * so a saturated conversion cannot overflow; a NaN gives 0 + shift as before.
     */
    private static void storeRounded(float[] src, int w, int h, int[] dst, int off, int dstride, int shift,
            int min, int max) {
        for (int y = 0; y < h; y++) {
            storeRow(src, y * w, dst, off + y * dstride, w, shift, min - shift, max - shift);
        }
    }

    /** One row of {@link #storeRounded}: lo and hi are the bounds minus the shift. */
    private static void storeRow(float[] src, int s, int[] dst, int d, int w, int shift, int lo, int hi) {
        for (int x = 0; x < w; x++) {
            int v = (int) ((src[s + x] + ROUND_MAGIC) - ROUND_MAGIC);
            v = v < lo ? lo : v;
            v = v > hi ? hi : v;
            dst[d + x] = v + shift;
        }
    }

    /**
     * All 9/7 levels of tc on this thread with {@link Wavelet#level97}: each level's low-pass
     * output goes to one of two scratch buffers, read by the next level; the last level's rows are
     * rounded and stored into the image.
     */
    private void streamLevels97(DecodedImage img, TileComponent tc) {
        Wavelet wl = WAVELETS.get();
        float[] a = tc.fdata;
        float[] ll = a;
        int llStride = tc.bufW;
        for (int r = 1; r <= tc.decodedLevels; r++) {
            Resolution cur = tc.res[r];
            Resolution prev = tc.res[r - 1];
            int w = cur.x1 - cur.x0;
            int h = cur.y1 - cur.y0;
            if (w == 0 || h == 0) {
                continue; // nothing to output; the next level has no low-pass part on that side
            }
            Wavelet.RowSink sink;
            float[] next = null;
            if (r == tc.decodedLevels) {
                sink = outputRows(img, tc);
            } else {
                float[] dst = wl.llBuffer(r & 1, w * h);
                next = dst;
                sink = (y, src, off, len) -> System.arraycopy(src, off, dst, y * w, len);
            }
            wl.level97(ll, llStride, a, tc.bufW, w, h, prev.x1 - prev.x0, cur.x0 & 1, prev.y1 - prev.y0,
                    cur.y0 & 1, sink);
            ll = next;
            llStride = w;
        }
    }

    /** The output rows of tile-component tc, stored as {@link #storeRounded} does (precision <= 22). */
    private Wavelet.RowSink outputRows(DecodedImage img, TileComponent tc) {
        int c = tc.comp;
        Resolution top = tc.res[tc.decodedLevels];
        int pw = img.width[c];
        int base = (top.y0 - img.originY[c]) * pw + (top.x0 - img.originX[c]);
        int prec = cs.precision[c];
        int shift = cs.signed[c] ? 0 : 1 << (prec - 1);
        int min = cs.signed[c] ? -(1 << (prec - 1)) : 0;
        int max = cs.signed[c] ? (1 << (prec - 1)) - 1 : (1 << prec) - 1;
        int[] plane = plane(img, c);
        return (y, src, off, w) -> storeRow(src, off, plane, base + y * pw, w, shift, min - shift, max - shift);
    }

    /** Number of pieces to split a pass over {@code samples} into: 1 without a pool or when small. */
    private int chunks(long samples) {
        if (pool == null || pool.getParallelism() < 2 || samples < parallelMinSamples) {
            return 1;
        }
        return 2 * pool.getParallelism();
    }

    /** Runs body(0 .. n-1) in the pool and waits for all of them. */
    private void parallel(int n, IntConsumer body) {
        List<ForkJoinTask<?>> tasks = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            int piece = k;
            tasks.add(ForkJoinTask.adapt(() -> body.accept(piece)));
        }
        pool.invoke(new RecursiveAction() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void compute() {
                invokeAll(tasks);
            }
        });
    }

    private final class BlockTask extends RecursiveAction {
        private static final long serialVersionUID = 1L;
        private final List<Object[]> jobs;
        private final int from;
        private final int to;

        BlockTask(List<Object[]> jobs, int from, int to) {
            this.jobs = jobs;
            this.from = from;
            this.to = to;
        }

        @Override
        protected void compute() {
            if (to - from <= 4) {
                Worker wk = WORKERS.get();
                for (int i = from; i < to; i++) {
                    decodeBlock(wk, jobs.get(i));
                }
                return;
            }
            int mid = (from + to) >>> 1;
            invokeAll(new BlockTask(jobs, from, mid), new BlockTask(jobs, mid, to));
        }
    }

    private void decodeBlock(Worker wk, Object[] job) {
        TileComponent tc = (TileComponent) job[0];
        Resolution res = (Resolution) job[1];
        Band band = (Band) job[2];
        CodeBlock cb = (CodeBlock) job[3];
        int nbp = band.magnitudeBits + tc.roiShift - cb.zeroBitPlanes;
        if (nbp <= 0) {
            return;
        }
        int w = cb.width();
        int h = cb.height();
        CodeBlockDecoder decoder = wk.decoderFor(tc.style.cbStyle, htFactory);
        int offX = 0;
        int offY = 0;
        if (res.r > 0) {
            Resolution prev = tc.res[res.r - 1];
            if (band.orient == Band.HL || band.orient == Band.HH) {
                offX = prev.x1 - prev.x0;
            }
            if (band.orient == Band.LH || band.orient == Band.HH) {
                offY = prev.y1 - prev.y0;
            }
        }
        int bx = cb.x0 - band.x0 + offX;
        int by = cb.y0 - band.y0 + offY;
        int roi = tc.roiShift;
        int stride = tc.bufW;
        if (roi == 0 && decoder instanceof EbcotBlockDecoder ebcot) {
            // straight into the (zeroed) tile-component buffer, dequantised
            int o = by * stride + bx;
            if (tc.idata != null) {
                ebcot.decodeInto(cb, nbp, band.orient, tc.style.cbStyle, tc.idata, o, stride);
            } else {
                ebcot.decodeInto(cb, nbp, band.orient, tc.style.cbStyle, tc.fdata, o, stride, band.step);
            }
            return;
        }
        if (roi == 0 && tc.idata != null && decoder instanceof HtBlockDecoder ht) {
            // every sample of the block written straight into the tile-component buffer, halved
            ht.decodeInto(cb, nbp, tc.style.cbStyle, tc.idata, by * stride + bx, stride);
            return;
        }
        if (wk.scratch.length < w * h) {
            wk.scratch = new int[w * h];
        }
        int[] out = wk.scratch;
        decoder.decode(cb, nbp, band.orient, tc.style.cbStyle, out);
        if (roi > 0) {
            int thresh = 1 << Math.min(30, roi + 1);
            for (int i = 0; i < w * h; i++) {
                int v = out[i];
                int m = v < 0 ? -v : v;
                if (m >= thresh) {
                    m >>= roi;
                    out[i] = v < 0 ? -m : m;
                }
            }
        }
        if (tc.idata != null) {
            int[] dst = tc.idata;
            for (int y = 0; y < h; y++) {
                int o = (by + y) * stride + bx;
                int s = y * w;
                for (int x = 0; x < w; x++) {
                    dst[o + x] = out[s + x] / 2;
                }
            }
        } else {
            float[] dst = tc.fdata;
            float step = band.step;
            for (int y = 0; y < h; y++) {
                int o = (by + y) * stride + bx;
                int s = y * w;
                for (int x = 0; x < w; x++) {
                    dst[o + x] = out[s + x] * step;
                }
            }
        }
    }

    private TileComponent buildComponent(Codestream.Tile tile, int c, int tx0, int ty0, int tx1, int ty1) {
        CodingStyle style = cs.styleOf(tile, c);
        Quantization quant = cs.quantOf(tile, c);
        int roi = cs.roiShiftOf(tile, c);
        int tcx0 = ceilDiv(tx0, cs.xr[c]);
        int tcy0 = ceilDiv(ty0, cs.yr[c]);
        int tcx1 = ceilDiv(tx1, cs.xr[c]);
        int tcy1 = ceilDiv(ty1, cs.yr[c]);
        int nl = style.levels;
        Resolution[] res = new Resolution[nl + 1];
        long blockCount = 0;
        long maxBlocks = Math.max(64L, 4L * (tcx1 - tcx0) * (long) (tcy1 - tcy0));
        for (int r = 0; r <= nl; r++) {
            int lv = nl - r;
            int rx0 = ceilDivPow2(tcx0, lv);
            int ry0 = ceilDivPow2(tcy0, lv);
            int rx1 = ceilDivPow2(tcx1, lv);
            int ry1 = ceilDivPow2(tcy1, lv);
            Band[] bands;
            if (r == 0) {
                bands = new Band[] {new Band(Band.LL, rx0, ry0, rx1, ry1)};
            } else {
                bands = new Band[3];
                int nb = lv + 1;
                for (int o = 1; o <= 3; o++) {
                    long xo = (o & 1) == 1 ? 1L << (nb - 1) : 0;
                    long yo = o >= 2 ? 1L << (nb - 1) : 0;
                    bands[o - 1] = new Band(o, ceilDivPow2(tcx0 - xo, nb), ceilDivPow2(tcy0 - yo, nb),
                            ceilDivPow2(tcx1 - xo, nb), ceilDivPow2(tcy1 - yo, nb));
                }
            }
            int ppx = style.ppx[r];
            int ppy = style.ppy[r];
            Resolution resolution = new Resolution(r, rx0, ry0, rx1, ry1, ppx, ppy, bands);
            res[r] = resolution;
            if ((long) resolution.pw * resolution.ph > maxBlocks) {
                throw error("too many precincts in tile-component");
            }
            int pbx = r == 0 ? ppx : ppx - 1;
            int pby = r == 0 ? ppy : ppy - 1;
            int xcb = Math.min(style.cbw, pbx);
            int ycb = Math.min(style.cbh, pby);
            int prcX0 = r == 0 ? (rx0 >> ppx) << ppx : (rx0 >> ppx) << (ppx - 1);
            int prcY0 = r == 0 ? (ry0 >> ppy) << ppy : (ry0 >> ppy) << (ppy - 1);
            for (Band band : bands) {
                int bandIndex = r == 0 ? 0 : 1 + 3 * (r - 1) + (band.orient - 1);
                int expn = quant.exponent(bandIndex, nl);
                band.magnitudeBits = quant.guardBits + expn - 1;
                if (style.transform == 0) {
                    double step = (1.0 + quant.mantissa(bandIndex) / 2048.0) * Math.pow(2.0, cs.precision[c] - expn);
                    band.step = 0.5f * (float) step;
                }
                if (band.empty() || resolution.pw == 0 || resolution.ph == 0) {
                    continue;
                }
                band.precincts = new Precinct[resolution.pw * resolution.ph];
                for (int j = 0; j < resolution.ph; j++) {
                    for (int i = 0; i < resolution.pw; i++) {
                        long px0 = Math.max(band.x0, prcX0 + ((long) i << pbx));
                        long py0 = Math.max(band.y0, prcY0 + ((long) j << pby));
                        long px1 = Math.min(band.x1, prcX0 + ((long) (i + 1) << pbx));
                        long py1 = Math.min(band.y1, prcY0 + ((long) (j + 1) << pby));
                        if (px0 >= px1 || py0 >= py1) {
                            band.precincts[i + j * resolution.pw] = new Precinct(new CodeBlock[0], 0, 0);
                            continue;
                        }
                        int cbx0 = (int) (px0 >> xcb);
                        int cby0 = (int) (py0 >> ycb);
                        int cbx1 = ceilDivPow2(px1, xcb);
                        int cby1 = ceilDivPow2(py1, ycb);
                        int cw = cbx1 - cbx0;
                        int ch = cby1 - cby0;
                        blockCount += (long) cw * ch;
                        if (blockCount > maxBlocks) {
                            throw error("too many code-blocks in tile-component");
                        }
                        CodeBlock[] blocks = new CodeBlock[cw * ch];
                        for (int y = 0; y < ch; y++) {
                            for (int x = 0; x < cw; x++) {
                                int bx0 = (int) Math.max(px0, (long) (cbx0 + x) << xcb);
                                int by0 = (int) Math.max(py0, (long) (cby0 + y) << ycb);
                                int bx1 = (int) Math.min(px1, (long) (cbx0 + x + 1) << xcb);
                                int by1 = (int) Math.min(py1, (long) (cby0 + y + 1) << ycb);
                                blocks[x + y * cw] = new CodeBlock(bx0, by0, bx1, by1);
                            }
                        }
                        band.precincts[i + j * resolution.pw] = new Precinct(blocks, cw, ch);
                    }
                }
            }
        }
        return new TileComponent(c, tcx0, tcy0, tcx1, tcy1, style, quant, roi, res);
    }
}
