package org.hounsfield.codec.jpeg2000.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.hounsfield.core.DicomCodecException;

/**
 * Reads the main header and the tile-part headers of a JPEG 2000 codestream (ISO/IEC 15444-1
 * Annex A). Unknown marker segments are skipped by their length. Tolerates inconsistent SOT
 * markers: TNsot is ignored, Psot = 0 means "up to EOC", a Psot pointing past the data is clipped.
 */
public final class CodestreamParser {
    static final int SOC = 0xFF4F, CAP = 0xFF50, SIZ = 0xFF51, COD = 0xFF52, COC = 0xFF53, TLM = 0xFF55,
            PLM = 0xFF57, PLT = 0xFF58, QCD = 0xFF5C, QCC = 0xFF5D, RGN = 0xFF5E, POC = 0xFF5F, PPM = 0xFF60,
            PPT = 0xFF61, CRG = 0xFF63, COM = 0xFF64, SOT = 0xFF90, SOP = 0xFF91, EPH = 0xFF92, SOD = 0xFF93,
            EOC = 0xFFD9;

    /** Maximal number of samples we accept for a codestream not checked against a frame size. */
    static final long MAX_SAMPLES = 1L << 28;

    private final byte[] b;
    private final int end;
    private final int errorBase;
    private int pos;
    private Codestream cs;
    private Map<Integer, byte[]> ppmParts;
    private int ppmReadPos;
    private byte[] ppmAll;

    private CodestreamParser(byte[] b, int off, int end, int errorBase) {
        this.b = b;
        this.pos = off;
        this.end = end;
        this.errorBase = errorBase;
    }

    /**
     * Parses a raw codestream or a JP2 file (the contiguous codestream box is used).
     *
     * @param errorBase offset subtracted from array positions in exception offsets
     */
    public static Codestream parse(byte[] src, int off, int len, int errorBase) {
        if (off < 0 || len < 0 || off + len > src.length) {
            throw new DicomCodecException("JPEG 2000: invalid source range", 0);
        }
        int[] range = Jp2Boxes.findCodestream(src, off, len, errorBase);
        CodestreamParser p = new CodestreamParser(src, range[0], range[0] + range[1], errorBase);
        return p.run();
    }

    private DicomCodecException error(String msg, int at) {
        return new DicomCodecException("JPEG 2000: " + msg, Math.max(0, at - errorBase));
    }

    private int u8(int at) {
        if (at >= end) {
            throw error("truncated marker segment", at);
        }
        return b[at] & 0xFF;
    }

    private int u16(int at) {
        return (u8(at) << 8) | u8(at + 1);
    }

    private long u32(int at) {
        return ((long) u16(at) << 16) | u16(at + 2);
    }

    private int size32(int at, String what) {
        long v = u32(at);
        if (v > Integer.MAX_VALUE) {
            throw error(what + " too large: " + v, at);
        }
        return (int) v;
    }

    private Codestream run() {
        cs = new Codestream();
        cs.src = b;
        cs.start = pos;
        cs.errorBase = errorBase;
        if (end - pos < 2 || u16(pos) != SOC) {
            throw error("expected SOC marker (FF4F)", pos);
        }
        pos += 2;
        boolean sizSeen = false;
        List<Codestream.Tile> tileOrder = new ArrayList<>();
        // main header
        while (true) {
            if (pos + 2 > end) {
                throw error("truncated main header (expected SOT)", pos);
            }
            int m = u16(pos);
            if (m == SOT) {
                break;
            }
            if (m == EOC) {
                throw error("no tile in codestream (EOC in main header)", pos);
            }
            if ((m & 0xFF00) != 0xFF00) {
                throw error("expected a marker in main header, found " + Integer.toHexString(m), pos);
            }
            int segStart = pos + 4;
            int lm = u16(pos + 2);
            int segEnd = pos + 2 + lm;
            if (lm < 2 || segEnd > end) {
                throw error("invalid marker segment length " + lm + " for marker " + Integer.toHexString(m), pos);
            }
            if (!sizSeen && m != SIZ) {
                throw error("expected SIZ marker after SOC", pos);
            }
            switch (m) {
                case SIZ -> {
                    readSiz(segStart, segEnd);
                    sizSeen = true;
                }
                case COD -> cs.cod = readCod(segStart, segEnd);
                case COC -> {
                    if (cs.coc == null) {
                        cs.coc = new CodingStyle[cs.numComps];
                    }
                    readCoc(segStart, segEnd, cs.coc);
                }
                case QCD -> cs.qcd = readQuant(segStart, segEnd);
                case QCC -> {
                    if (cs.qcc == null) {
                        cs.qcc = new Quantization[cs.numComps];
                    }
                    readQcc(segStart, segEnd, cs.qcc);
                }
                case RGN -> {
                    if (cs.roiShift == null) {
                        cs.roiShift = newRoi();
                    }
                    readRgn(segStart, segEnd, cs.roiShift);
                }
                case POC -> cs.poc = readPoc(segStart, segEnd, cs.poc);
                case PPM -> {
                    if (ppmParts == null) {
                        ppmParts = new TreeMap<>();
                    }
                    int z = u8(segStart);
                    byte[] part = new byte[segEnd - segStart - 1];
                    System.arraycopy(b, segStart + 1, part, 0, part.length);
                    ppmParts.merge(z, part, CodestreamParser::concat);
                }
                case CAP -> cs.hasCap = true;
                default -> {
                    // TLM, PLM, CRG, COM, CPF and unknown segments: skipped by length
                }
            }
            pos = segEnd;
        }
        if (cs.cod == null) {
            throw error("missing COD marker in main header", pos);
        }
        if (cs.qcd == null) {
            throw error("missing QCD marker in main header", pos);
        }
        checkStyle(cs.cod, pos);
        if (ppmParts != null) {
            int total = 0;
            for (byte[] p : ppmParts.values()) {
                total += p.length;
            }
            ppmAll = new byte[total];
            int o = 0;
            for (byte[] p : ppmParts.values()) {
                System.arraycopy(p, 0, ppmAll, o, p.length);
                o += p.length;
            }
        }
        int numTiles = cs.numXTiles * cs.numYTiles;
        cs.tiles = new Codestream.Tile[numTiles];
        // tile-parts
        while (pos + 2 <= end) {
            int m = u16(pos);
            if (m == EOC) {
                cs.hasEoc = true;
                break;
            }
            if (m != SOT) {
                // garbage between tile-parts: look for the next SOT (inconsistent Psot)
                int next = findSot(pos);
                if (next < 0) {
                    break;
                }
                pos = next;
                continue;
            }
            int sotPos = pos;
            if (u16(pos + 2) != 10) {
                throw error("invalid SOT marker segment length", pos);
            }
            int isot = u16(pos + 4);
            long psot = u32(pos + 6);
            if (isot >= numTiles) {
                throw error("tile index " + isot + " out of range (" + numTiles + " tiles)", pos);
            }
            Codestream.Tile tile = cs.tiles[isot];
            if (tile == null) {
                tile = new Codestream.Tile(isot);
                cs.tiles[isot] = tile;
            }
            tileOrder.add(tile);
            boolean first = tile.parts.isEmpty();
            pos += 12;
            // tile-part header
            while (true) {
                if (pos + 2 > end) {
                    throw error("truncated tile-part header (expected SOD)", pos);
                }
                int tm = u16(pos);
                if (tm == SOD) {
                    pos += 2;
                    break;
                }
                if ((tm & 0xFF00) != 0xFF00) {
                    throw error("expected a marker in tile-part header, found " + Integer.toHexString(tm), pos);
                }
                int lm = u16(pos + 2);
                int segStart = pos + 4;
                int segEnd = pos + 2 + lm;
                if (lm < 2 || segEnd > end) {
                    throw error("invalid marker segment length in tile-part header", pos);
                }
                switch (tm) {
                    case COD -> {
                        tile.cod = readCod(segStart, segEnd);
                        checkStyle(tile.cod, pos);
                    }
                    case COC -> {
                        if (tile.coc == null) {
                            tile.coc = new CodingStyle[cs.numComps];
                        }
                        readCoc(segStart, segEnd, tile.coc);
                    }
                    case QCD -> tile.qcd = readQuant(segStart, segEnd);
                    case QCC -> {
                        if (tile.qcc == null) {
                            tile.qcc = new Quantization[cs.numComps];
                        }
                        readQcc(segStart, segEnd, tile.qcc);
                    }
                    case RGN -> {
                        if (tile.roiShift == null) {
                            tile.roiShift = newRoi();
                        }
                        readRgn(segStart, segEnd, tile.roiShift);
                    }
                    case POC -> tile.poc = readPoc(segStart, segEnd, first ? null : tile.poc);
                    case PPT -> {
                        if (ppmAll != null) {
                            throw error("PPT and PPM markers in the same codestream", pos);
                        }
                        if (tile.headers == null) {
                            tile.headers = new Codestream.ByteBuffer();
                        }
                        // Zppt ordering: tile-part headers arrive in order in practice
                        tile.headers.append(b, segStart + 1, segEnd - segStart - 1);
                    }
                    default -> {
                        // PLT, COM and others skipped
                    }
                }
                pos = segEnd;
            }
            int dataStart = pos;
            int dataEnd;
            if (psot == 0 || sotPos + psot > end) {
                dataEnd = lastDataEnd(dataStart);
            } else {
                dataEnd = (int) (sotPos + psot);
                if (dataEnd < dataStart) {
                    throw error("Psot shorter than the tile-part header", sotPos);
                }
                if (dataEnd + 2 <= end) {
                    int nm = u16(dataEnd);
                    if (nm != SOT && nm != EOC) {
                        // wrong Psot: data runs to the next SOT or EOC
                        int next = findSot(dataStart);
                        dataEnd = next >= 0 ? next : lastDataEnd(dataStart);
                    }
                }
            }
            if (ppmAll != null) {
                if (tile.headers == null) {
                    tile.headers = new Codestream.ByteBuffer();
                }
                if (ppmReadPos + 4 > ppmAll.length) {
                    throw error("PPM marker data exhausted", sotPos);
                }
                long n = ((long) (ppmAll[ppmReadPos] & 0xFF) << 24) | ((ppmAll[ppmReadPos + 1] & 0xFF) << 16)
                        | ((ppmAll[ppmReadPos + 2] & 0xFF) << 8) | (ppmAll[ppmReadPos + 3] & 0xFF);
                ppmReadPos += 4;
                if (n > ppmAll.length - ppmReadPos) {
                    throw error("PPM Nppm exceeds the PPM data", sotPos);
                }
                tile.headers.append(ppmAll, ppmReadPos, (int) n);
                ppmReadPos += (int) n;
            }
            tile.parts.add(new int[] {dataStart, dataEnd - dataStart});
            pos = dataEnd;
        }
        return cs;
    }

    /** End of the tile data when Psot is 0 or wrong: before a final EOC (trailing padding allowed). */
    private int lastDataEnd(int from) {
        for (int i = end - 2; i >= from && i >= end - 64; i--) {
            if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == 0xD9) {
                cs.hasEoc = true;
                return i;
            }
        }
        return end;
    }

    /** Next SOT marker (FF90 000A) at or after {@code from}, or -1. */
    private int findSot(int from) {
        for (int i = from; i + 4 <= end; i++) {
            if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == 0x90 && b[i + 2] == 0 && b[i + 3] == 10) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] concat(byte[] a, byte[] c) {
        byte[] r = new byte[a.length + c.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(c, 0, r, a.length, c.length);
        return r;
    }

    private int[] newRoi() {
        int[] r = new int[cs.numComps];
        java.util.Arrays.fill(r, -1);
        return r;
    }

    private void readSiz(int p, int segEnd) {
        cs.rsiz = u16(p);
        cs.xsiz = size32(p + 2, "Xsiz");
        cs.ysiz = size32(p + 6, "Ysiz");
        cs.xosiz = size32(p + 10, "XOsiz");
        cs.yosiz = size32(p + 14, "YOsiz");
        cs.xtsiz = size32(p + 18, "XTsiz");
        cs.ytsiz = size32(p + 22, "YTsiz");
        cs.xtosiz = size32(p + 26, "XTOsiz");
        cs.ytosiz = size32(p + 30, "YTOsiz");
        int n = u16(p + 34);
        if (n < 1 || n > 16384) {
            throw error("invalid number of components " + n, p + 34);
        }
        if (p + 36 + 3 * n > segEnd) {
            throw error("SIZ segment too short for " + n + " components", p);
        }
        cs.numComps = n;
        cs.precision = new int[n];
        cs.signed = new boolean[n];
        cs.xr = new int[n];
        cs.yr = new int[n];
        long samples = 0;
        for (int c = 0; c < n; c++) {
            int s = u8(p + 36 + 3 * c);
            cs.precision[c] = (s & 0x7F) + 1;
            cs.signed[c] = (s & 0x80) != 0;
            cs.xr[c] = u8(p + 37 + 3 * c);
            cs.yr[c] = u8(p + 38 + 3 * c);
            if (cs.precision[c] > 30) {
                throw error("unsupported component precision " + cs.precision[c], p + 36 + 3 * c);
            }
            if (cs.xr[c] == 0 || cs.yr[c] == 0) {
                throw error("invalid component sub-sampling 0", p + 37 + 3 * c);
            }
        }
        if (cs.xsiz <= cs.xosiz || cs.ysiz <= cs.yosiz || cs.xtsiz == 0 || cs.ytsiz == 0
                || cs.xtosiz > cs.xosiz || cs.ytosiz > cs.yosiz
                || (long) cs.xtosiz + cs.xtsiz <= cs.xosiz || (long) cs.ytosiz + cs.ytsiz <= cs.yosiz) {
            throw error("inconsistent image/tile geometry in SIZ", p);
        }
        samples = (long) (cs.xsiz - cs.xosiz) * (cs.ysiz - cs.yosiz) * n;
        if (samples > MAX_SAMPLES) {
            throw error("image too large: " + samples + " samples", p);
        }
        long ntx = ((long) cs.xsiz - cs.xtosiz + cs.xtsiz - 1) / cs.xtsiz;
        long nty = ((long) cs.ysiz - cs.ytosiz + cs.ytsiz - 1) / cs.ytsiz;
        if (ntx * nty > 65535) {
            throw error("too many tiles: " + ntx * nty, p);
        }
        cs.numXTiles = (int) ntx;
        cs.numYTiles = (int) nty;
    }

    private int compIndex(int p) {
        return cs.numComps < 257 ? u8(p) : u16(p);
    }

    private CodingStyle readCod(int p, int segEnd) {
        CodingStyle s = new CodingStyle();
        int scod = u8(p);
        s.sop = (scod & 2) != 0;
        s.eph = (scod & 4) != 0;
        s.progression = u8(p + 1);
        s.layers = u16(p + 2);
        s.mct = u8(p + 4);
        if (s.layers == 0) {
            throw error("COD: number of layers is 0", p + 2);
        }
        if (s.progression > 4) {
            throw error("COD: invalid progression order " + s.progression, p + 1);
        }
        readSpcod(s, (scod & 1) != 0, p + 5, segEnd);
        return s;
    }

    private void readCoc(int p, int segEnd, CodingStyle[] into) {
        int c = compIndex(p);
        int q = p + (cs.numComps < 257 ? 1 : 2);
        if (c >= cs.numComps) {
            throw error("COC: component " + c + " out of range", p);
        }
        CodingStyle s = new CodingStyle();
        int scoc = u8(q);
        readSpcod(s, (scoc & 1) != 0, q + 1, segEnd);
        into[c] = s;
    }

    private void readSpcod(CodingStyle s, boolean precincts, int p, int segEnd) {
        s.levels = u8(p);
        s.cbw = u8(p + 1) + 2;
        s.cbh = u8(p + 2) + 2;
        s.cbStyle = u8(p + 3);
        s.transform = u8(p + 4);
        if (s.levels > 32) {
            throw error("invalid number of decomposition levels " + s.levels, p);
        }
        if (s.cbw > 10 || s.cbh > 10 || s.cbw + s.cbh > 12) {
            throw error("invalid code-block size", p + 1);
        }
        if (s.transform > 1) {
            throw error("unsupported wavelet transform " + s.transform + " (Part 2)", p + 4);
        }
        s.ppx = new int[s.levels + 1];
        s.ppy = new int[s.levels + 1];
        for (int r = 0; r <= s.levels; r++) {
            if (precincts) {
                if (p + 5 + r >= segEnd) {
                    throw error("COD/COC: missing precinct sizes", p + 5 + r);
                }
                int v = u8(p + 5 + r);
                s.ppx[r] = v & 15;
                s.ppy[r] = v >> 4;
                if (r > 0 && (s.ppx[r] == 0 || s.ppy[r] == 0)) {
                    throw error("precinct size exponent 0 at resolution " + r, p + 5 + r);
                }
            } else {
                s.ppx[r] = 15;
                s.ppy[r] = 15;
            }
        }
    }

    private void checkStyle(CodingStyle s, int at) {
        // nothing beyond readSpcod checks for now
    }

    private Quantization readQuant(int p, int segEnd) {
        Quantization q = new Quantization();
        int sq = u8(p);
        q.style = sq & 0x1F;
        q.guardBits = sq >> 5;
        p++;
        if (q.style == Quantization.NONE) {
            int n = segEnd - p;
            q.exponent = new int[Math.max(1, n)];
            q.mantissa = new int[Math.max(1, n)];
            for (int i = 0; i < n; i++) {
                q.exponent[i] = u8(p + i) >> 3;
            }
        } else if (q.style == Quantization.DERIVED || q.style == Quantization.EXPOUNDED) {
            int n = q.style == Quantization.DERIVED ? 1 : (segEnd - p) / 2;
            if (n < 1 || p + 2 * n > segEnd) {
                throw error("QCD/QCC: missing step sizes", p);
            }
            q.exponent = new int[n];
            q.mantissa = new int[n];
            for (int i = 0; i < n; i++) {
                int v = u16(p + 2 * i);
                q.exponent[i] = v >> 11;
                q.mantissa[i] = v & 0x7FF;
            }
        } else {
            throw error("invalid quantization style " + q.style, p - 1);
        }
        return q;
    }

    private void readQcc(int p, int segEnd, Quantization[] into) {
        int c = compIndex(p);
        if (c >= cs.numComps) {
            throw error("QCC: component " + c + " out of range", p);
        }
        into[c] = readQuant(p + (cs.numComps < 257 ? 1 : 2), segEnd);
    }

    private void readRgn(int p, int segEnd, int[] into) {
        int c = compIndex(p);
        int q = p + (cs.numComps < 257 ? 1 : 2);
        if (c >= cs.numComps) {
            throw error("RGN: component " + c + " out of range", p);
        }
        if (u8(q) != 0) {
            throw error("unsupported ROI style " + u8(q), q);
        }
        into[c] = u8(q + 1);
    }

    private List<ProgressionChange> readPoc(int p, int segEnd, List<ProgressionChange> list) {
        List<ProgressionChange> l = list == null ? new ArrayList<>() : list;
        int cw = cs.numComps < 257 ? 1 : 2;
        int entry = 5 + 2 * cw;
        while (p + entry <= segEnd) {
            int rs = u8(p);
            int csi = cw == 1 ? u8(p + 1) : u16(p + 1);
            int lye = u16(p + 1 + cw);
            int re = u8(p + 3 + cw);
            int ce = cw == 1 ? u8(p + 4 + cw) : u16(p + 4 + cw);
            int order = u8(p + 4 + 2 * cw);
            if (ce == 0) {
                ce = 256;
            }
            if (order > 4) {
                throw error("POC: invalid progression order " + order, p + 4 + 2 * cw);
            }
            l.add(new ProgressionChange(rs, csi, lye, re, Math.min(ce, cs.numComps), order));
            p += entry;
        }
        return l;
    }
}
