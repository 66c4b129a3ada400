package org.hounsfield.codec.jpeg2000.internal;

import java.util.List;

import org.hounsfield.core.DicomCodecException;

/**
 * Tier-2 decoder (ISO/IEC 15444-1 Annex B): walks the packets of one tile in the progression
 * order(s) of COD and POC, reads the packet headers (tag trees, inclusion, zero bit-planes, number
 * of passes, Lblock, segment lengths), skips SOP/EPH markers and gathers code-block data.
 */
final class PacketDecoder {
    private final TileComponent[] comps;
    private final byte[] data;
    private int dpos;
    private final int dend;
    private final byte[] hdr;
    private int hpos;
    private final int hend;
    private final boolean sop;
    private final boolean eph;
    private final int numLayers;
    private final int errorBase;
    private final PacketHeaderReader br = new PacketHeaderReader();
    private CodeBlock[] pending = new CodeBlock[64];
    private int[] pendingLen = new int[64];
    private final int tx0, ty0, tx1, ty1;
    private final int[] xr, yr;
    /** The codestream ended with EOC: missing trailing packets are tolerated. */
    boolean complete = true;
    private boolean exhausted;

    PacketDecoder(TileComponent[] comps, byte[] data, int off, int end, byte[] hdr, int hlen, CodingStyle cod,
                  int errorBase, int[] tileBounds, int[] xr, int[] yr) {
        this.comps = comps;
        this.data = data;
        this.dpos = off;
        this.dend = end;
        this.hdr = hdr;
        this.hpos = 0;
        this.hend = hlen;
        this.sop = cod.sop;
        this.eph = cod.eph;
        this.numLayers = cod.layers;
        this.errorBase = errorBase;
        this.tx0 = tileBounds[0];
        this.ty0 = tileBounds[1];
        this.tx1 = tileBounds[2];
        this.ty1 = tileBounds[3];
        this.xr = xr;
        this.yr = yr;
    }

    /** Decodes all packets; stops quietly when the tile data ends between packets. */
    void decodeAll(List<ProgressionChange> progressions) {
        for (ProgressionChange pc : progressions) {
            int le = Math.min(pc.layerEnd, numLayers);
            int ce = Math.min(pc.compEnd, comps.length);
            int maxRes = 0;
            for (TileComponent tc : comps) {
                maxRes = Math.max(maxRes, tc.levels + 1);
            }
            int re = Math.min(pc.resEnd, maxRes);
            switch (pc.order) {
                case CodingStyle.LRCP -> {
                    for (int l = 0; l < le; l++) {
                        for (int r = pc.resStart; r < re; r++) {
                            for (int c = pc.compStart; c < ce; c++) {
                                if (r > comps[c].levels) {
                                    continue;
                                }
                                Resolution res = comps[c].res[r];
                                for (int p = 0; p < res.pw * res.ph; p++) {
                                    packet(c, r, p, l);
                                    if (exhausted) {
                                        return; // every later packet is absent: do not walk the rest of the progression
                                    }
                                }
                            }
                        }
                    }
                }
                case CodingStyle.RLCP -> {
                    for (int r = pc.resStart; r < re; r++) {
                        for (int l = 0; l < le; l++) {
                            for (int c = pc.compStart; c < ce; c++) {
                                if (r > comps[c].levels) {
                                    continue;
                                }
                                Resolution res = comps[c].res[r];
                                for (int p = 0; p < res.pw * res.ph; p++) {
                                    packet(c, r, p, l);
                                    if (exhausted) {
                                        return; // every later packet is absent: do not walk the rest of the progression
                                    }
                                }
                            }
                        }
                    }
                }
                case CodingStyle.RPCL -> {
                    long[] st = steps(pc.compStart, ce, pc.resStart, re);
                    for (int r = pc.resStart; r < re; r++) {
                        for (long y = ty0; y < ty1; y += st[1] - (y % st[1])) {
                            for (long x = tx0; x < tx1; x += st[0] - (x % st[0])) {
                                for (int c = pc.compStart; c < ce; c++) {
                                    int p = precinctAt(c, r, x, y);
                                    if (p >= 0) {
                                        for (int l = 0; l < le; l++) {
                                            packet(c, r, p, l);
                                            if (exhausted) {
                                                return; // every later packet is absent: do not walk the rest of the progression
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                case CodingStyle.PCRL -> {
                    long[] st = steps(pc.compStart, ce, pc.resStart, re);
                    for (long y = ty0; y < ty1; y += st[1] - (y % st[1])) {
                        for (long x = tx0; x < tx1; x += st[0] - (x % st[0])) {
                            for (int c = pc.compStart; c < ce; c++) {
                                for (int r = pc.resStart; r < re; r++) {
                                    int p = precinctAt(c, r, x, y);
                                    if (p >= 0) {
                                        for (int l = 0; l < le; l++) {
                                            packet(c, r, p, l);
                                            if (exhausted) {
                                                return; // every later packet is absent: do not walk the rest of the progression
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                case CodingStyle.CPRL -> {
                    for (int c = pc.compStart; c < ce; c++) {
                        long[] st = steps(c, c + 1, pc.resStart, re);
                        for (long y = ty0; y < ty1; y += st[1] - (y % st[1])) {
                            for (long x = tx0; x < tx1; x += st[0] - (x % st[0])) {
                                for (int r = pc.resStart; r < re; r++) {
                                    int p = precinctAt(c, r, x, y);
                                    if (p >= 0) {
                                        for (int l = 0; l < le; l++) {
                                            packet(c, r, p, l);
                                            if (exhausted) {
                                                return; // every later packet is absent: do not walk the rest of the progression
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                default -> throw new DicomCodecException("JPEG 2000: invalid progression order", -1);
            }
        }
    }

    private long[] steps(int c0, int c1, int r0, int r1) {
        long dx = Long.MAX_VALUE;
        long dy = Long.MAX_VALUE;
        for (int c = c0; c < c1; c++) {
            TileComponent tc = comps[c];
            for (int r = r0; r < Math.min(r1, tc.levels + 1); r++) {
                Resolution res = tc.res[r];
                int lv = tc.levels - r;
                dx = Math.min(dx, (long) xr[c] << Math.min(40, res.ppx + lv));
                dy = Math.min(dy, (long) yr[c] << Math.min(40, res.ppy + lv));
            }
        }
        if (dx == Long.MAX_VALUE) {
            dx = Math.max(1, tx1 - tx0);
            dy = Math.max(1, ty1 - ty0);
        }
        return new long[] {dx, dy};
    }

    /** Precinct of component c, resolution r starting at reference grid point (x, y), or -1. */
    private int precinctAt(int c, int r, long x, long y) {
        TileComponent tc = comps[c];
        if (r > tc.levels) {
            return -1;
        }
        Resolution res = tc.res[r];
        if (res.pw == 0 || res.ph == 0) {
            return -1;
        }
        int lv = tc.levels - r;
        int rpx = Math.min(40, res.ppx + lv);
        int rpy = Math.min(40, res.ppy + lv);
        long dxr = (long) xr[c] << rpx;
        long dyr = (long) yr[c] << rpy;
        if (!(y % dyr == 0 || (y == ty0 && (((long) res.y0 << lv) % (1L << rpy)) != 0))) {
            return -1;
        }
        if (!(x % dxr == 0 || (x == tx0 && (((long) res.x0 << lv) % (1L << rpx)) != 0))) {
            return -1;
        }
        long px = ceilDiv(x, (long) xr[c] << lv) >> res.ppx;
        long py = ceilDiv(y, (long) yr[c] << lv) >> res.ppy;
        int pi = (int) (px - (res.x0 >> res.ppx));
        int pj = (int) (py - (res.y0 >> res.ppy));
        if (pi < 0 || pj < 0 || pi >= res.pw || pj >= res.ph) {
            return -1;
        }
        return pi + pj * res.pw;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    private DicomCodecException truncated(int at) {
        return new DicomCodecException("JPEG 2000: truncated packet data", Math.max(0, at - errorBase));
    }

    private void packet(int c, int r, int p, int l) {
        Resolution res = comps[c].res[r];
        if (l < res.nextLayer[p] || exhausted) {
            return;
        }
        if (hdr == null && dpos >= dend) {
            // the tile data ends at a packet boundary: remaining packets are absent (as OpenJPEG)
            if (!complete) {
                throw truncated(dpos);
            }
            exhausted = true;
            return;
        }
        res.nextLayer[p] = l + 1;
        int style = comps[c].style.cbStyle;
        // SOP marker in the bit stream
        if (sop && dpos + 6 <= dend && (data[dpos] & 0xFF) == 0xFF && (data[dpos + 1] & 0xFF) == 0x91) {
            dpos += 6;
        }
        byte[] hb;
        int hp;
        int he;
        if (hdr != null) {
            hb = hdr;
            hp = hpos;
            he = hend;
        } else {
            hb = data;
            hp = dpos;
            he = dend;
        }
        int npend = 0;
        br.start(hb, hp, he, hdr != null ? -1 : errorBase);
        if (br.bit() != 0) {
            for (Band band : res.bands) {
                if (band.precincts == null) {
                    continue;
                }
                Precinct prc = band.precincts[p];
                if (prc == null) {
                    continue;
                }
                CodeBlock[] blocks = prc.blocks;
                for (int i = 0; i < blocks.length; i++) {
                    CodeBlock cb = blocks[i];
                    boolean incl;
                    boolean first = !cb.included;
                    if (first) {
                        incl = prc.inclusion.decode(br, i % prc.cw, i / prc.cw, l + 1) <= l;
                    } else {
                        incl = br.bit() != 0;
                    }
                    if (!incl) {
                        continue;
                    }
                    if (first) {
                        int t = 1;
                        while (prc.zeroBitPlanes.decode(br, i % prc.cw, i / prc.cw, t) >= t) {
                            if (++t > 74) {
                                throw new DicomCodecException("JPEG 2000: invalid zero bit-plane count", -1);
                            }
                        }
                        cb.zeroBitPlanes = prc.zeroBitPlanes.decode(br, i % prc.cw, i / prc.cw, t);
                        cb.included = true;
                    }
                    int np = numPasses();
                    while (br.bit() != 0) {
                        cb.lblock++;
                        if (cb.lblock > 32) {
                            throw new DicomCodecException("JPEG 2000: invalid Lblock increment", -1);
                        }
                    }
                    int total = 0;
                    int remaining = np;
                    while (remaining > 0) {
                        int s = cb.numSegments - 1;
                        if (s < 0 || cb.segPasses[s] >= maxPasses(s, style)) {
                            cb.addSegment();
                            s++;
                        }
                        int take = Math.min(remaining, maxPasses(s, style) - cb.segPasses[s]);
                        int nbits = cb.lblock + 31 - Integer.numberOfLeadingZeros(take);
                        if (nbits > 31) {
                            throw new DicomCodecException("JPEG 2000: invalid codeword segment length", -1);
                        }
                        int len = br.bits(nbits);
                        cb.segPasses[s] += take;
                        cb.segLengths[s] += len;
                        total += len;
                        remaining -= take;
                    }
                    cb.passes += np;
                    if (cb.passes > 1000) {
                        throw new DicomCodecException("JPEG 2000: too many coding passes", -1);
                    }
                    if (npend == pending.length) {
                        pending = java.util.Arrays.copyOf(pending, npend * 2);
                        pendingLen = java.util.Arrays.copyOf(pendingLen, npend * 2);
                    }
                    pending[npend] = cb;
                    pendingLen[npend++] = total;
                }
            }
        }
        hp = br.align();
        if (eph && hp + 2 <= he && (hb[hp] & 0xFF) == 0xFF && (hb[hp + 1] & 0xFF) == 0x92) {
            hp += 2;
        }
        if (hdr != null) {
            hpos = hp;
        } else {
            dpos = hp;
        }
        for (int k = 0; k < npend; k++) {
            int len = pendingLen[k];
            if (len > dend - dpos) {
                throw truncated(dpos);
            }
            pending[k].appendData(data, dpos, len);
            pending[k] = null;
            dpos += len;
        }
    }

    private int numPasses() {
        if (br.bit() == 0) {
            return 1;
        }
        if (br.bit() == 0) {
            return 2;
        }
        int v = br.bits(2);
        if (v != 3) {
            return 3 + v;
        }
        v = br.bits(5);
        if (v != 31) {
            return 6 + v;
        }
        return 37 + br.bits(7);
    }

    private static int maxPasses(int seg, int style) {
        if ((style & CodingStyle.CB_HT) != 0) {
            // HTJ2K: a cleanup pass alone, then SigProp + MagRef of the same HT set (one segment)
            return (seg & 1) == 0 ? 1 : 2;
        }
        if ((style & CodingStyle.CB_TERMALL) != 0) {
            return 1;
        }
        if ((style & CodingStyle.CB_BYPASS) != 0) {
            return seg == 0 ? 10 : (seg & 1) != 0 ? 2 : 1;
        }
        return Integer.MAX_VALUE;
    }
}
