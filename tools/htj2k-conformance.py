#!/usr/bin/env python3
"""HTJ2K conformance run: Hounsfield's pure-Java HT block decoder against OpenJPEG and OpenJPH.

Part A: generates synthetic images (8/12/16-bit, signed and unsigned, 1 and 3 components, with
and without colour transform, sub-sampled) and encodes them with OpenJPH's ojph_compress over
many option sets (reversible 5/3 and irreversible 9/7, quantisation steps, code-block sizes,
precincts, the five progression orders, tiles and tile offsets, image offsets, resolution
counts), decodes each stream with opj_decompress (and ojph_expand) and with
org.hounsfield.codec.jpeg2000 (also at reduced resolutions) and compares: lossless streams must
be identical (and equal to the source image), lossy ones within 1.

Part B: ojph_compress never writes the HT SigProp/MagRef refinement passes, so synthetic
codestreams are built here: random but valid HT cleanup segments (random CxtVLC codewords of all
16 contexts, U-VLC, MEL runs, byte stuffing) followed by random refinement segments (2 or 3 passes,
vertically causal or not), one code-block per tile; our decode must equal ojph_expand's and
opj_decompress's.

Part C: the HTJ2K files of the shared corpus (../shared/corpus/transfer-syntax/htj2k, skipped when
absent): every frame's codestream is decoded by us, opj_decompress and ojph_expand; lossless
transfer syntaxes (.201, .202) must be identical, lossy (.203) within 1.

--derive-vlc: re-derives the CxtVLC tables of HtVlcTables.java from the reference decoders'
behaviour (see derive_vlc) and checks that they are identical.

Needs: python3 + numpy, ojph_compress/ojph_expand (Debian openjph-tools), opj_decompress
(libopenjp2-tools), a JDK 17.
Usage:  tools/htj2k-conformance.py [--keep DIR] [--quick] [--derive-vlc]
Exit status 1 when a lossless stream (or a synthetic stream) differs.
"""
import argparse, itertools, os, random, subprocess, sys, tempfile, shutil
import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

HELPER = r'''
import java.nio.file.*;
import java.io.*;
import org.hounsfield.codec.jpeg2000.*;
public class HtConfHelper {
    public static void main(String[] a) throws Exception {
        Jpeg2000Decoder dec = new Jpeg2000Decoder();
        for (String line : Files.readAllLines(Path.of(a[0]))) {
            String[] f = line.split("\t");
            byte[] src = Files.readAllBytes(Path.of(f[0]));
            try {
                Jpeg2000Image img = dec.decode(src, 0, src.length, Integer.parseInt(f[2]));
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                for (int c = 0; c < img.numComponents(); c++) {
                    int[] s = img.samples(c);
                    boolean wide = img.precision(c) > 8;
                    for (int v : s) {
                        out.write(v);
                        if (wide) out.write(v >> 8);
                    }
                }
                Files.write(Path.of(f[1]), out.toByteArray());
            } catch (Exception e) {
                System.out.println("FAIL\t" + f[0] + "\t" + e);
            }
        }
    }
}
'''


# ------------------------------------------------------------------------------ part A

def make_image(w, h, ncomp, bits, signed, seed, sub=None):
    """Sine pattern + seeded noise. Signed images use the non-negative half of the range:
    ojph_compress 0.9 reads raw samples as unsigned (negative input values are mangled)."""
    rng = np.random.default_rng(seed)
    planes = []
    for c in range(ncomp):
        dx, dy = sub[c] if sub else (1, 1)
        cw, ch = (w + dx - 1) // dx, (h + dy - 1) // dy
        y, x = np.mgrid[0:ch, 0:cw]
        hi = (1 << (bits - 1)) - 1 if signed else (1 << bits) - 1
        base = (np.sin(x / (3.0 + c)) * np.cos(y / 5.0) * 0.35 + (x + 2 * y) / (cw + 2 * ch + 1) * 0.5 + 0.1)
        noise = rng.integers(0, max(2, hi // 16 + 1), size=(ch, cw))
        v = np.clip((base * hi).astype(np.int64) + noise, 0, hi)
        planes.append(v)
    return planes


def write_input(planes, bits, signed, sub, base):
    """PGM/PPM for unsigned equal-size components, raw planar little endian otherwise.
    Returns (path, extra ojph_compress args)."""
    h, w = planes[0].shape
    if not signed and not sub and len(planes) in (1, 3):
        maxval = (1 << bits) - 1
        dt = '>u2' if bits > 8 else 'u1'
        if len(planes) == 1:
            path = base + '.pgm'
            data = planes[0].astype(dt).tobytes()
            magic = b'P5'
        else:
            path = base + '.ppm'
            data = np.stack(planes, axis=-1).astype(dt).tobytes()
            magic = b'P6'
        with open(path, 'wb') as f:
            f.write(magic + b' %d %d %d\n' % (w, h, maxval) + data)
        return path, []
    path = base + '.yuv'
    with open(path, 'wb') as f:
        for p in planes:
            f.write(p.astype('<u2' if bits > 8 else 'u1').tobytes())
    n = len(planes)
    sub = sub or [(1, 1)] * n
    args = ['-dims', '{%d,%d}' % (w, h), '-num_comps', str(n), '-signed', ','.join(['true' if signed else 'false'] * n),
            '-bit_depth', ','.join([str(bits)] * n), '-downsamp', ','.join('{%d,%d}' % s for s in sub)]
    return path, args


def read_planar(path, shapes, bits, signed):
    data = open(path, 'rb').read()
    out, off = [], 0
    for (h, w) in shapes:
        n = w * h
        if bits <= 8:
            a = np.frombuffer(data, dtype=np.int8 if signed else np.uint8, count=n, offset=off); off += n
        else:
            a = np.frombuffer(data, dtype='<i2' if signed else '<u2', count=n, offset=off); off += 2 * n
        out.append(a.astype(np.int64))
    return out


def cases(quick):
    """(name, width, height, ncomp, bits, signed, ojph_compress args, sub, lossless, discard list)"""
    L = []

    def add(name, args, w=67, h=45, nc=1, bits=12, signed=False, sub=None, lossless=True, discards=(0,)):
        if lossless:
            args = ['-reversible', 'true'] + args
        L.append((name, w, h, nc, bits, signed, args, sub, lossless, discards))
    for bits in (8, 12, 16):
        for signed in (False, True):
            tag = '%d%s' % (bits, 's' if signed else 'u')
            add('bits' + tag, ['-num_decomps', '3'], bits=bits, signed=signed)
            add('bits%s-97' % tag, ['-num_decomps', '3', '-qstep', '0.002'], bits=bits, signed=signed, lossless=False)
    for n in (0, 1, 2, 4, 6):
        add('res%d' % n, ['-num_decomps', str(n)], w=80, h=70, discards=tuple(range(0, n + 1)))
    for q in ('0.0005', '0.01', '0.1'):
        add('qstep-' + q, ['-num_decomps', '5', '-qstep', q], w=100, h=80, bits=16, lossless=False)
    for p in ('LRCP', 'RLCP', 'RPCL', 'PCRL', 'CPRL'):
        add('prog-' + p, ['-prog_order', p, '-num_decomps', '4', '-precincts', '{16,16},{16,16},{32,32},{64,64}'],
            w=97, h=61, nc=3, bits=8)
        add('prog-tiles-' + p, ['-prog_order', p, '-num_decomps', '3', '-tile_size', '{40,24}', '-precincts', '{16,16}'],
            w=97, h=61, nc=3, bits=8)
        add('prog-sub-' + p, ['-prog_order', p, '-num_decomps', '3', '-precincts', '{32,32},{16,16}'],
            w=96, h=64, nc=3, bits=8, sub=[(1, 1), (2, 2), (2, 2)])
    for t in ('{32,32}', '{64,16}', '{50,37}', '{17,23}'):
        add('tiles-' + t, ['-tile_size', t, '-num_decomps', '3'], w=99, h=71)
    add('tiles-offsets', ['-tile_size', '{32,32}', '-num_decomps', '3', '-image_offset', '{13,7}', '-tile_offset', '{5,3}'],
        w=99, h=71)
    add('image-offset', ['-num_decomps', '4', '-image_offset', '{3,5}'], w=77, h=51)
    add('image-offset-odd', ['-num_decomps', '4', '-image_offset', '{1,1}'], w=33, h=17)
    for c in ('{16,16}', '{32,16},{16,8}', '{64,64},{32,32},{16,16},{8,8}', '{128,128},{4,4}'):
        add('precincts-' + c, ['-precincts', c, '-num_decomps', '4'], w=120, h=90)
    for b in ('{4,4}', '{16,16}', '{32,64}', '{8,128}', '{64,64}', '{1024,4}'):
        add('cblk-' + b, ['-block_size', b, '-num_decomps', '3'], w=130, h=100)
        add('cblk-' + b + '-97', ['-block_size', b, '-num_decomps', '3', '-qstep', '0.005'], w=130, h=100, lossless=False)
    for bits in (8, 12, 16):
        add('rgb%d-rct' % bits, ['-num_decomps', '4', '-colour_trans', 'true'], w=100, h=80, nc=3, bits=bits)
        add('rgb%d-ict' % bits, ['-num_decomps', '4', '-colour_trans', 'true', '-qstep', '0.003'], w=100, h=80, nc=3,
            bits=bits, lossless=False)
        add('rgb%d-nomct' % bits, ['-num_decomps', '4', '-colour_trans', 'false'], w=100, h=80, nc=3, bits=bits)
        add('rgb%d-nomct-97' % bits, ['-num_decomps', '4', '-colour_trans', 'false', '-qstep', '0.003'], w=100, h=80,
            nc=3, bits=bits, lossless=False)
    add('sub-420', ['-num_decomps', '3'], w=100, h=80, nc=3, bits=8, sub=[(1, 1), (2, 2), (2, 2)])
    add('sub-422-12', ['-num_decomps', '3'], w=100, h=80, nc=3, bits=12, sub=[(1, 1), (2, 1), (2, 1)])
    add('sub-420-97', ['-num_decomps', '3', '-qstep', '0.004'], w=100, h=80, nc=3, bits=8, sub=[(1, 1), (2, 2), (2, 2)],
        lossless=False)
    add('tiny-1x1', ['-num_decomps', '0'], w=1, h=1)
    add('tiny-1xN', ['-num_decomps', '1'], w=1, h=13)
    add('tiny-Nx1', ['-num_decomps', '1'], w=13, h=1)
    add('tiny-3x2', ['-num_decomps', '1'], w=3, h=2)
    add('tiny-7x3', ['-num_decomps', '2'], w=7, h=3)
    add('ct-like-16s', ['-num_decomps', '5'], w=256, h=256, bits=16, signed=True, discards=(0, 1, 2, 3))
    add('ct-like-12u', ['-num_decomps', '5', '-block_size', '{32,32}'], w=256, h=256, bits=12, discards=(0, 2))
    add('big-16u-97', ['-num_decomps', '5', '-qstep', '0.0002'], w=300, h=200, bits=16, lossless=False, discards=(0, 1))
    if quick:
        L = L[::3]
    return L


def run_part_a(work, classes, quick):
    results = []
    jobs = []
    options = set()
    for i, (name, w, h, nc, bits, signed, opts, sub, lossless, discards) in enumerate(cases(quick)):
        base = os.path.join(work, 'a%03d' % i)
        planes = make_image(w, h, nc, bits, signed, i, sub)
        src, extra = write_input(planes, bits, signed, sub, base)
        cmd = ['ojph_compress', '-i', src, '-o', base + '.j2c'] + extra + opts
        r = subprocess.run(cmd, capture_output=True, text=True)
        if r.returncode != 0 or not os.path.exists(base + '.j2c'):
            results.append((name, 'SKIP (ojph_compress failed: %s)' % (r.stdout + r.stderr).strip().splitlines()[-1:], None))
            continue
        for o in opts:
            if o.startswith('-'):
                options.add(o)
        options.update(['-bit_depth %d' % bits, 'signed' if signed else 'unsigned', '%d comp' % nc])
        if sub:
            options.add('-downsamp')
        for d in discards:
            if sub:
                # opj_decompress cannot write sub-sampled components to raw: use ojph_expand
                if d:
                    continue
                ref = '%s.r0.ojph.yuv' % base
                r = subprocess.run(['ojph_expand', '-i', base + '.j2c', '-o', ref], capture_output=True, text=True)
            else:
                ref = '%s.r%d.opj.raw' % (base, d)
                r = subprocess.run(['opj_decompress', '-i', base + '.j2c', '-o', ref, '-r', str(d)], capture_output=True,
                                   text=True)
            if r.returncode != 0 or not os.path.exists(ref):
                results.append(('%s/r%d' % (name, d), 'SKIP (reference decoder failed)', None))
                continue
            jobs.append((name, d, base, ref, planes, bits, signed, lossless, sub, w, h))
    with open(os.path.join(work, 'jobs.tsv'), 'w') as f:
        for (name, d, base, ref, *_rest) in jobs:
            f.write('%s.j2c\t%s.r%d.hf.raw\t%d\n' % (base, base, d, d))
    r = subprocess.run(['java', '-cp', classes, 'HtConfHelper', os.path.join(work, 'jobs.tsv')], capture_output=True,
                       text=True)
    fails = {l.split('\t')[1]: l.split('\t')[2] for l in r.stdout.splitlines() if l.startswith('FAIL')}
    if r.stderr:
        print(r.stderr)
    n_ident = n_close = n_bad = 0
    lossless_bad = 0
    for (name, d, base, ref, planes, bits, signed, lossless, sub, w, h) in jobs:
        label = '%s/r%d' % (name, d) if d else name
        ours = '%s.r%d.hf.raw' % (base, d)
        if base + '.j2c' in fails:
            results.append((label, 'FAIL ' + fails[base + '.j2c'], lossless)); n_bad += 1; lossless_bad += bool(lossless); continue
        shapes = []
        for c in range(len(planes)):
            dx, dy = sub[c] if sub else (1, 1)
            cw, ch = -(-w // dx), -(-h // dy)
            shapes.append((-(-ch // (1 << d)), -(-cw // (1 << d))))
        try:
            a = read_planar(ref, shapes, bits, signed)
            b = read_planar(ours, shapes, bits, signed)
            if signed:
                m = (1 << bits) - 1
                a = [x & m for x in a]
                b = [x & m for x in b]
        except Exception as e:
            results.append((label, 'FAIL size mismatch (%s)' % e, lossless)); n_bad += 1; lossless_bad += bool(lossless); continue
        diff = np.concatenate([np.abs(x - y) for x, y in zip(a, b)])
        refname = 'ojph_expand' if sub else 'opj_decompress'
        if diff.max() == 0:
            n_ident += 1
            results.append((label, 'identical to ' + refname, lossless))
            if lossless and d == 0:
                orig = np.concatenate([p.reshape(-1) for p in planes])
                if not np.array_equal(orig, np.concatenate(b)):
                    results[-1] = (label, 'identical to %s but NOT to the source image' % refname, lossless)
                    n_bad += 1
                    lossless_bad += 1
                    n_ident -= 1
        else:
            frac = (diff > 0).mean()
            msg = 'max diff %d in %.3f%% of samples (vs %s)' % (diff.max(), 100 * frac, refname)
            if not lossless and diff.max() <= 1:
                n_close += 1; results.append((label, 'close: ' + msg, lossless))
            else:
                n_bad += 1; lossless_bad += bool(lossless); results.append((label, 'DIFFERENT: ' + msg, lossless))
    for label, status, _ in results:
        print('%-34s %s' % (label, status))
    n_streams = len({j[2] for j in jobs})
    print('\nPart A: %d ojph_compress streams (%d decodes incl. reduced resolutions), options: %s'
          % (n_streams, len(jobs), ', '.join(sorted(options, key=str))))
    print('Part A: identical: %d, within 1 (lossy): %d, different/failed: %d' % (n_ident, n_close, n_bad))
    return lossless_bad


# ------------------------------------------------------------------------------ part B
# Synthetic HT code-blocks: a random walk through the cleanup-pass decoder state machine that
# emits matching MEL events, CxtVLC/U-VLC bits and MagSgn bits; refinement segments are random.

MEL_E = [0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 4, 5]


def load_vlc_table():
    """Reads the CxtVLC codewords from HtVlcTables.java: {(table, ctx): [(cw, len, rho, uoff, ek, e1)]}."""
    path = os.path.join(ROOT, 'codec/src/main/java/org/hounsfield/codec/jpeg2000/internal/HtVlcTables.java')
    txt = open(path).read()
    body = txt[txt.index('CODEWORDS = {') + 13:]
    body = body[:body.index('};')]
    words = {}
    for tok in body.replace('\n', ' ').split(','):
        tok = tok.strip()
        if not tok:
            continue
        v = int(tok, 16)
        key = ((v >> 26) & 1, (v >> 23) & 7)
        words.setdefault(key, []).append((v & 0x7F, (v >> 7) & 7, (v >> 10) & 15, (v >> 14) & 1, (v >> 15) & 15,
                                          (v >> 19) & 15))
    return words


def pack_forward(bits, lsb_first=True):
    out, i, prev_ff = [], 0, False
    while i < len(bits):
        n = 7 if prev_ff else 8
        v = 0
        for k in range(n):
            b = bits[i] if i < len(bits) else (0 if lsb_first else 1)
            v = v | (b << k) if lsb_first else (v << 1) | b
            i += 1
        out.append(v)
        prev_ff = v == 0xFF
    return out


def mel_bits(events):
    k, run, bits = 0, 0, []
    for e in events:
        if e == 0:
            run += 1
            if run == (1 << MEL_E[k]):
                bits.append(1); run = 0; k = min(k + 1, 12)
        else:
            bits.append(0)
            for j in range(MEL_E[k] - 1, -1, -1):
                bits.append((run >> j) & 1)
            run = 0; k = max(k - 1, 0)
    if run:
        bits.append(1)
    return bits


def pack_vlc(bits):
    i, nib = 0, 0
    n = 3 if bits[0:3] == [1, 1, 1] else 4
    for k in range(n):
        nib |= (bits[i] if i < len(bits) else 0) << k
        i += 1
    unstuff = ((nib << 4) | 0xF) > 0x8F
    out = []
    while i < len(bits):
        nxt = [(bits[i + k] if i + k < len(bits) else 0) for k in range(7)]
        if unstuff and nxt == [1] * 7:
            v = 0x7F; i += 7
        else:
            v = 0
            for k in range(8):
                v |= (bits[i] if i < len(bits) else 0) << k
                i += 1
        out.append(v)
        unstuff = v > 0x8F
    return nib, out


def uvlc_bits(u):
    """U-VLC prefix and suffix bits (LSB first) for u in 1..12 (no extension)."""
    if u == 1:
        return [1], []
    if u == 2:
        return [0, 1], []
    if u in (3, 4):
        return [0, 0, 1], [u - 3]
    s = u - 5
    return [0, 0, 0], [(s >> k) & 1 for k in range(5)]


def random_cleanup(w, h, rng, words, cap, density):
    """Returns cleanup segment bytes for a random valid w x h HT code-block whose exponent
    bounds U_q stay at most cap."""
    mel, vlc, ms = [], [], []
    sig = [[0] * w for _ in range(h)]
    E = [[0] * w for _ in range(h)]
    qw, qh = (w + 1) // 2, (h + 1) // 2
    for qy in range(qh):
        y = 2 * qy
        prev_rho = 0
        for q0 in range(0, qw, 2):
            pair = [q for q in (q0, q0 + 1) if q < qw]
            infos, kappas = [], []
            for q in pair:
                x = 2 * q
                emax = 0
                if qy == 0:
                    r = prev_rho
                    c = (r & 1) | ((r >> 1) & 1) | (((r >> 2) & 1) << 1) | (((r >> 3) & 1) << 2)
                else:
                    s = lambda xx, yy: 1 if 0 <= xx < w and sig[yy][xx] else 0
                    c = (s(x - 1, y - 1) | s(x, y - 1)) | ((((prev_rho >> 2) | (prev_rho >> 3)) & 1) << 1) \
                        | ((s(x + 1, y - 1) | s(x + 2, y - 1)) << 2)
                    emax = max([E[y - 1][xx] for xx in range(x - 1, x + 3) if 0 <= xx < w] + [0])
                allowed = 0
                for n in range(4):
                    if x + (n >> 1) < w and y + (n & 1) < h:
                        allowed |= 1 << n

                def kap(rho):
                    return 1 if qy == 0 or bin(rho).count('1') < 2 else max(1, emax - 1)
                cands = [t for t in words[(0 if qy == 0 else 1, c)] if t[2] & ~allowed == 0 and kap(t[2]) + t[3] <= cap]
                if c == 0:
                    if rng.random() > density:
                        mel.append(0); infos.append((0, 0, 0, 0)); kappas.append(1); prev_rho = 0; continue
                    mel.append(1)
                    cands = [t for t in cands if t[2]]
                cw, L, rho, uoff, ek, e1 = rng.choice(cands)
                vlc += [(cw >> k) & 1 for k in range(L)]
                infos.append((rho, uoff, ek, e1))
                kappas.append(kap(rho))
                prev_rho = rho
            us = [0] * len(pair)
            uoffs = [inf[1] for inf in infos]
            umax = [max(1, cap - k) for k in kappas]
            if qy == 0 and len(pair) == 2 and uoffs[0] and uoffs[1]:
                both_big = rng.random() < 0.4 and min(umax) >= 3
                mel.append(1 if both_big else 0)
                if both_big:
                    us = [rng.randint(3, umax[0]), rng.randint(3, umax[1])]
                    p0, s0 = uvlc_bits(us[0] - 2); p1, s1 = uvlc_bits(us[1] - 2)
                    vlc += p0 + p1 + s0 + s1
                else:
                    u0 = rng.randint(1, umax[0])
                    p0, s0 = uvlc_bits(u0)
                    if u0 > 2:
                        u1 = rng.randint(1, 2)
                        vlc += p0 + [u1 - 1] + s0
                    else:
                        u1 = rng.randint(1, umax[1])
                        p1, s1 = uvlc_bits(u1)
                        vlc += p0 + p1 + s0 + s1
                    us = [u0, u1]
            else:
                pf, sf = [], []
                for i, uo in enumerate(uoffs):
                    if uo:
                        us[i] = rng.randint(1, umax[i])
                        p, s_ = uvlc_bits(us[i])
                        pf += p; sf += s_
                vlc += pf + sf
            for i, q in enumerate(pair):
                rho, uoff, ek, e1 = infos[i]
                x = 2 * q
                U = kappas[i] + us[i]
                for n in range(4):
                    if rho >> n & 1:
                        m = U - ((ek >> n) & 1)
                        bits = [rng.randint(0, 1) for _ in range(m)]
                        v = sum(b << k for k, b in enumerate(bits)) | (((e1 >> n) & 1) << m)
                        ms += bits
                        xx, yy = x + (n >> 1), y + (n & 1)
                        sig[yy][xx] = 1
                        E[yy][xx] = (v | 1).bit_length()
    msb = pack_forward(ms)
    melb = pack_forward(mel_bits(mel), lsb_first=False) if mel else []
    nib, vl = pack_vlc(vlc + [0] * 8)
    scup = len(melb) + len(vl) + 2
    return bytes(msb + melb + list(reversed(vl)) + [(nib << 4) | (scup & 0xF), scup >> 4])


class HdrWriter:
    def __init__(self):
        self.out, self.cur, self.n, self.cap = [], 0, 0, 8

    def bit(self, b):
        self.cur = (self.cur << 1) | b
        self.n += 1
        if self.n == self.cap:
            self.out.append(self.cur)
            self.cap = 7 if self.cur == 0xFF else 8
            self.cur = self.n = 0

    def bits(self, v, n):
        for j in range(n - 1, -1, -1):
            self.bit((v >> j) & 1)

    def flush(self):
        if self.n:
            self.out.append(self.cur << (self.cap - self.n))
        if self.out and self.out[-1] == 0xFF:
            self.out.append(0)
        return bytes(self.out)


def u16(v):
    return bytes([(v >> 8) & 0xFF, v & 0xFF])


def u32(v):
    return u16(v >> 16) + u16(v & 0xFFFF)


def ht_packet(z, segs, passes):
    """One code-block per packet: cleanup segment plus an optional refinement segment."""
    h = HdrWriter()
    h.bit(1)
    h.bit(1)
    for _ in range(z):
        h.bit(0)
    h.bit(1)
    # number of passes: 1 -> '0', 2 -> '10', 3 -> '1100'
    h.bits({1: 0b0, 2: 0b10, 3: 0b1100}[passes], {1: 1, 2: 2, 3: 4}[passes])
    lb = 3
    need = max(len(segs[0]).bit_length(), (len(segs[1]).bit_length() - (passes - 1).bit_length() + 1) if passes > 1 else 0)
    while lb < need:
        h.bit(1)
        lb += 1
    h.bit(0)
    h.bits(len(segs[0]), lb)
    if passes > 1:
        h.bits(len(segs[1]), lb + (passes - 1).bit_length() - 1)
    return h.flush() + b''.join(segs)


def random_refinement(rng, n):
    """Random SigProp/MagRef segment bytes that respect the bit-stuffing rules of both streams:
    a 0xFF byte (10%) is always followed by a byte below 0x80."""
    out = []
    for _ in range(n):
        if out and out[-1] == 0xFF:
            out.append(rng.randint(0, 0x7F))
        else:
            out.append(0xFF if rng.random() < 0.1 else rng.randint(0, 0xFE))
    return bytes(out)


def synthetic_stream(rng, words, tw, th, ntx, nty, causal, mb=16, z=10, bits=16):
    W, H = tw * ntx, th * nty
    siz = u16(0x4000) + u32(W) + u32(H) + u32(0) + u32(0) + u32(tw) + u32(th) + u32(0) + u32(0) + u16(1) + bytes(
        [bits - 1, 1, 1])
    out = bytearray(b'\xff\x4f')
    out += b'\xff\x51' + u16(len(siz) + 2) + siz
    out += b'\xff\x50' + u16(8) + u32(0x00020000) + u16(0)
    cod = bytes([0, 2]) + u16(1) + bytes([0]) + bytes([0, 4, 4, 0x40 | (0x08 if causal else 0), 1])
    out += b'\xff\x52' + u16(len(cod) + 2) + cod
    out += b'\xff\x5c' + u16(4) + bytes([0x20, mb << 3])
    for t in range(ntx * nty):
        seg = random_cleanup(tw, th, rng, words, rng.choice((2, 4, 8)), rng.choice((0.3, 0.7, 0.95)))
        passes = rng.choice((1, 2, 3, 3))
        segs = [seg]
        if passes > 1:
            segs.append(random_refinement(rng, rng.randint(1, 40)))
        body = ht_packet(z, segs, passes)
        out += b'\xff\x90' + u16(10) + u16(t) + u32(12 + 2 + len(body)) + bytes([0, 1])
        out += b'\xff\x93' + body
    out += b'\xff\xd9'
    return bytes(out)


def run_part_b(work, classes, quick):
    words = load_vlc_table()
    rng = random.Random(2024)
    shapes = [(4, 4), (8, 8), (16, 16), (13, 9), (32, 7), (5, 17), (64, 64), (2, 2), (1, 5), (7, 1), (33, 33)]
    n_streams = 0
    bad = 0
    jobs = []
    for k, (tw, th) in enumerate(shapes * (1 if quick else 2)):
        for causal in (False, True):
            base = os.path.join(work, 'b%03d%s' % (k, 'c' if causal else ''))
            ntx, nty = max(1, 128 // max(tw, 8)), max(1, 64 // max(th, 8))
            open(base + '.j2c', 'wb').write(synthetic_stream(rng, words, tw, th, ntx, nty, causal))
            jobs.append((base, tw * ntx, th * nty))
    with open(os.path.join(work, 'jobsb.tsv'), 'w') as f:
        for base, W, H in jobs:
            f.write('%s.j2c\t%s.hf.raw\t0\n' % (base, base))
    r = subprocess.run(['java', '-cp', classes, 'HtConfHelper', os.path.join(work, 'jobsb.tsv')], capture_output=True,
                       text=True)
    fails = {l.split('\t')[1]: l.split('\t')[2] for l in r.stdout.splitlines() if l.startswith('FAIL')}
    agree_ojph = agree_opj = 0
    for base, W, H in jobs:
        n_streams += 1
        if base + '.j2c' in fails:
            print('%-34s FAIL %s' % (os.path.basename(base), fails[base + '.j2c'])); bad += 1; continue
        ours = np.fromfile(base + '.hf.raw', '<u2')
        refs = {}
        subprocess.run(['ojph_expand', '-i', base + '.j2c', '-o', base + '.ojph.raw'], capture_output=True)
        subprocess.run(['opj_decompress', '-i', base + '.j2c', '-o', base + '.opj.raw'], capture_output=True)
        for tool in ('ojph', 'opj'):
            p = '%s.%s.raw' % (base, tool)
            refs[tool] = np.fromfile(p, '<u2') if os.path.exists(p) else None
        ok_ojph = refs['ojph'] is not None and np.array_equal(refs['ojph'], ours)
        ok_opj = refs['opj'] is not None and np.array_equal(refs['opj'], ours)
        agree_ojph += ok_ojph
        agree_opj += ok_opj
        if not ok_ojph:
            bad += 1
            d = 'n/a' if refs['ojph'] is None else int(np.abs(refs['ojph'].astype(int) - ours).max())
            print('%-34s DIFFERENT from ojph_expand (max diff %s), opj %s' % (os.path.basename(base), d,
                                                                             'same' if ok_opj else 'different'))
    print('Part B: %d synthetic streams with HT refinement passes (%d code-blocks of %d shapes), identical to '
          'ojph_expand: %d, to opj_decompress: %d' % (n_streams, sum(
              max(1, 128 // max(w, 8)) * max(1, 64 // max(h, 8)) for (w, h) in shapes) * (2 if quick else 4),
              len(shapes), agree_ojph, agree_opj))
    return bad


# ------------------------------------------------------------------------------ part C

def dicom_frames(path):
    """(transfer syntax UID, [codestream per frame]) of an encapsulated DICOM file (explicit VR
    little endian dataset; one frame per fragment after the basic offset table, or all fragments
    of a single-frame image)."""
    b = open(path, 'rb').read()
    i = b.find(b'\x02\x00\x10\x00UI')
    ts = b[i + 8:i + 8 + int.from_bytes(b[i + 6:i + 8], 'little')].strip(b' \x00').decode('ascii')
    tag = b.rfind(b'\xe0\x7f\x10\x00OB\x00\x00\xff\xff\xff\xff')
    if tag < 0:
        return ts, []
    pos = tag + 12
    items = []
    while pos + 8 <= len(b):
        grp, elem, ln = int.from_bytes(b[pos:pos + 2], 'little'), int.from_bytes(b[pos + 2:pos + 4], 'little'), \
            int.from_bytes(b[pos + 4:pos + 8], 'little')
        pos += 8
        if (grp, elem) == (0xFFFE, 0xE0DD):
            break
        items.append(b[pos:pos + ln])
        pos += ln
    frags = items[1:]
    nframes = 1
    j = b.find(b'\x28\x00\x08\x00IS')
    if 0 <= j < tag:
        ln = int.from_bytes(b[j + 6:j + 8], 'little')
        nframes = int(b[j + 8:j + 8 + ln].strip(b' \x00') or 1)
    return ts, (frags if nframes == len(frags) and nframes > 1 else [b''.join(frags)])


def run_part_c(work, classes):
    corpus = os.path.join(os.path.dirname(ROOT), 'shared', 'corpus', 'transfer-syntax', 'htj2k')
    if not os.path.isdir(corpus):
        print('Part C: %s not found, skipped' % corpus)
        return 0
    bad = 0
    n = 0
    jobs = []
    for name in sorted(os.listdir(corpus)):
        if not name.endswith('.dcm'):
            continue
        ts, frames = dicom_frames(os.path.join(corpus, name))
        for k, fr in enumerate(frames):
            base = os.path.join(work, 'c_%s_f%d' % (name[:-4], k))
            open(base + '.j2c', 'wb').write(fr)
            jobs.append((name, k, ts, base))
    with open(os.path.join(work, 'jobsc.tsv'), 'w') as f:
        for name, k, ts, base in jobs:
            f.write('%s.j2c\t%s.hf.raw\t0\n' % (base, base))
    r = subprocess.run(['java', '-cp', classes, 'HtConfHelper', os.path.join(work, 'jobsc.tsv')], capture_output=True,
                       text=True)
    fails = {l.split('\t')[1]: l.split('\t')[2] for l in r.stdout.splitlines() if l.startswith('FAIL')}
    for name, k, ts, base in jobs:
        n += 1
        lossless = not ts.endswith('.203')
        if base + '.j2c' in fails:
            print('%-34s FAIL %s' % (name, fails[base + '.j2c'])); bad += 1; continue
        ours = np.fromfile(base + '.hf.raw', np.uint8).astype(np.int64)
        subprocess.run(['opj_decompress', '-i', base + '.j2c', '-o', base + '.opj.raw'], capture_output=True)
        subprocess.run(['ojph_expand', '-i', base + '.j2c', '-o', base + '.ojph.ppm'], capture_output=True)
        opj = np.fromfile(base + '.opj.raw', np.uint8).astype(np.int64)
        ppm = open(base + '.ojph.ppm', 'rb').read()
        ojph = np.frombuffer(ppm[len(ppm) - ours.size:], np.uint8).reshape(-1, 3).T.ravel().astype(np.int64)
        msgs = []
        for ref, arr in (('opj_decompress', opj), ('ojph_expand', ojph)):
            d = np.abs(arr - ours) if arr.size == ours.size else None
            if d is None:
                msgs.append('size differs from ' + ref); bad += 1
            elif d.max() == 0:
                msgs.append('identical to ' + ref)
            else:
                msgs.append('max diff %d in %d samples vs %s' % (d.max(), (d > 0).sum(), ref))
                bad += lossless or d.max() > 1
        print('%-34s %s frame %d: %s' % (name, ts, k, '; '.join(msgs)))
    print('Part C: %d corpus frames (8-bit RGB; the script reads 8-bit samples only)' % n)
    return bad


# ------------------------------------------------------------------------------ --derive-vlc
# Re-derives the CxtVLC tables of HtVlcTables.java by black-box probing of ojph_expand (checked
# against opj_decompress): one-quad to four-quad code-blocks (0 decomposition levels, reversible,
# unsigned 16-bit, one code-block per tile, thousands of tiles per codestream) put every 7-bit VLC
# pattern in every context, with known codewords before it to set the context; the decoded samples
# (random MagSgn bits, several variants) leave one (rho, u_off, e_k, e_1, length) per codeword.

PROBE_Z, PROBE_MB = 15, 16


def probe_codestream(tw, th, ntx, nty, segs):
    W, H = tw * ntx, th * nty
    siz = u16(0x4000) + u32(W) + u32(H) + u32(0) + u32(0) + u32(tw) + u32(th) + u32(0) + u32(0) + u16(1) + bytes([15, 1, 1])
    out = bytearray(b'\xff\x4f')
    out += b'\xff\x51' + u16(len(siz) + 2) + siz
    out += b'\xff\x50' + u16(8) + u32(0x00020000) + u16(0)
    cod = bytes([0, 2]) + u16(1) + bytes([0]) + bytes([0, 4, 4, 0x40, 1])
    out += b'\xff\x52' + u16(len(cod) + 2) + cod
    out += b'\xff\x5c' + u16(4) + bytes([0x20, PROBE_MB << 3])
    for t, seg in enumerate(segs):
        body = ht_packet(PROBE_Z, [seg], 1)
        out += b'\xff\x90' + u16(10) + u16(t) + u32(12 + 2 + len(body)) + bytes([0, 1])
        out += b'\xff\x93' + body
    out += b'\xff\xd9'
    return bytes(out)


def probe_segment(ms_bits, mel_events, vlc_bits):
    ms = pack_forward(ms_bits)
    mel = pack_forward(mel_bits(mel_events), lsb_first=False) if mel_events else []
    nib, vl = pack_vlc(vlc_bits)
    scup = len(mel) + len(vl) + 2
    return bytes(ms + mel + list(reversed(vl)) + [(nib << 4) | (scup & 0xF), scup >> 4])


def read_pgm16(path):
    d = open(path, 'rb').read()
    fields, pos = [], 0
    while len(fields) < 4:
        while d[pos:pos + 1].isspace():
            pos += 1
        if d[pos:pos + 1] == b'#':
            pos = d.index(b'\n', pos)
            continue
        st = pos
        while not d[pos:pos + 1].isspace():
            pos += 1
        fields.append(d[st:pos])
    W, H = int(fields[1]), int(fields[2])
    return np.frombuffer(d[pos + 1:pos + 1 + 2 * W * H], '>u2').astype(np.int64).reshape(H, W) - 32768


def run_probes(work, tw, th, probes, tool):
    n = len(probes)
    ntx = 64
    nty = (n + ntx - 1) // ntx
    segs = [probe_segment(p['ms'], p['mel'], p['vlc']) for p in probes] + [probe_segment(probes[0]['ms'], probes[0]['mel'],
                                                                                        probes[0]['vlc'])] * (ntx * nty - n)
    path = os.path.join(work, 'probe.j2c')
    out = os.path.join(work, 'probe.pgm')
    open(path, 'wb').write(probe_codestream(tw, th, ntx, nty, segs))
    if os.path.exists(out):
        os.remove(out)
    cmd = ['ojph_expand', '-i', path, '-o', out] if tool == 'ojph' else ['opj_decompress', '-i', path, '-o', out]
    subprocess.run(cmd, capture_output=True, check=True)
    img = read_pgm16(out)
    return [img[(i // ntx) * th:(i // ntx + 1) * th, (i % ntx) * tw:(i % ntx + 1) * tw].tolist() for i in range(n)]


class Sim:
    """Simulates HT cleanup decoding of a small block given the CxtVLC entries in decode order."""

    def __init__(self, w, h, entries, mel, vlc, ms):
        self.w, self.h = w, h
        self.entries = list(entries)
        self.mel = list(mel)
        self.vlc = list(vlc) + [0] * 64
        self.vp = 0
        self.ms = list(ms) + [1] * 256
        self.mp = 0

    def vbits(self, n):
        v = 0
        for k in range(n):
            v |= self.vlc[self.vp + k] << k
        self.vp += n
        return v

    def uvlc_prefix(self):
        if self.vbits(1):
            return 1
        if self.vbits(1):
            return 2
        if self.vbits(1):
            return 3
        return 5

    def sfx(self, pfx):
        return self.vbits({1: 0, 2: 0, 3: 1, 5: 5}[pfx])

    def run(self):
        w, h = self.w, self.h
        out = [[0] * w for _ in range(h)]
        E = [[0] * w for _ in range(h)]
        qw = (w + 1) // 2
        for qy in range((h + 1) // 2):
            rhos = [0] * qw
            infos = [None] * qw
            for q0 in range(0, qw, 2):
                pair = [q for q in (q0, q0 + 1) if q < qw]
                for q in pair:
                    x, y = 2 * q, 2 * qy
                    sig = lambda xx, yy: 1 if 0 <= xx < w and 0 <= yy < h and out[yy][xx] != 0 else 0
                    if qy == 0:
                        c = (sig(x - 2, y) | sig(x - 2, y + 1)) | (sig(x - 1, y) << 1) | (sig(x - 1, y + 1) << 2)
                        # significance of the previous quad is known only through rho (samples not yet decoded)
                        if q > 0:
                            r = rhos[q - 1]
                            c = ((r & 1) | ((r >> 1) & 1)) | (((r >> 2) & 1) << 1) | (((r >> 3) & 1) << 2)
                        else:
                            c = 0
                    else:
                        r = rhos[q - 1] if q > 0 else 0
                        cw = ((r >> 2) & 1) | ((r >> 3) & 1)
                        cnw = sig(x - 1, y - 1) | sig(x, y - 1)
                        cne = sig(x + 1, y - 1) | sig(x + 2, y - 1)
                        c = cnw | (cw << 1) | (cne << 2)
                    if c == 0:
                        ev = self.mel.pop(0)
                        if ev == 0:
                            rhos[q] = 0
                            infos[q] = (0, 0, 0, 0)
                            continue
                    rho, uoff, ek, e1, L = self.entries.pop(0)
                    self.vbits(L)
                    rhos[q] = rho
                    infos[q] = (rho, uoff, ek, e1)
                # u values
                uoffs = [infos[q][1] for q in pair]
                us = [0] * len(pair)
                if qy == 0:
                    if len(pair) == 2 and uoffs[0] and uoffs[1]:
                        ev = self.mel.pop(0)
                        if ev:
                            p0 = self.uvlc_prefix()
                            p1 = self.uvlc_prefix()
                            s0 = self.sfx(p0)
                            s1 = self.sfx(p1)
                            us = [2 + p0 + s0, 2 + p1 + s1]
                        else:
                            p0 = self.uvlc_prefix()
                            if p0 > 2:
                                b = self.vbits(1)
                                s0 = self.sfx(p0)
                                us = [p0 + s0, b + 1]
                            else:
                                p1 = self.uvlc_prefix()
                                s0 = self.sfx(p0)
                                s1 = self.sfx(p1)
                                us = [p0 + s0, p1 + s1]
                    else:
                        pf = [self.uvlc_prefix() if uo else 0 for uo in uoffs]
                        for i, uo in enumerate(uoffs):
                            if uo:
                                us[i] = pf[i] + self.sfx(pf[i])
                else:
                    pf = [self.uvlc_prefix() if uo else 0 for uo in uoffs]
                    for i, uo in enumerate(uoffs):
                        if uo:
                            us[i] = pf[i] + self.sfx(pf[i])
                # magsgn
                for i, q in enumerate(pair):
                    rho, uoff, ek, e1 = infos[q]
                    x, y = 2 * q, 2 * qy
                    kappa = 1
                    if qy > 0 and bin(rho).count('1') >= 2:
                        em = 0
                        for xx in range(x - 1, x + 3):
                            if 0 <= xx < w:
                                em = max(em, E[y - 1][xx])
                        kappa = max(1, em - 1)
                    U = kappa + us[i]
                    for n in range(4):
                        if rho >> n & 1:
                            xx = x + (n >> 1)
                            yy = y + (n & 1)
                            m = U - ((ek >> n) & 1)
                            v = 0
                            for k in range(m):
                                v |= self.ms[self.mp + k] << k
                            self.mp += m
                            v |= ((e1 >> n) & 1) << m
                            mu = (v >> 1) + 1
                            if xx >= w or yy >= h:
                                raise ValueError('outside')
                            out[yy][xx] = -mu if v & 1 else mu
                            E[yy][xx] = (v | 1).bit_length()
        return out


def all_hyps(rho):
    idx = [n for n in range(4) if rho >> n & 1]
    res = []
    for states in itertools.product((0, 1, 2), repeat=len(idx)):
        ek = e1 = 0
        for n, s in zip(idx, states):
            if s >= 1:
                ek |= 1 << n
            if s == 2:
                e1 |= 1 << n
        for uoff in (0, 1):
            for L in range(1, 8):
                res.append((rho, uoff, ek, e1, L))
    return res


def solve(work, tw, th, setups, R, seed, stats):
    """setups: (key, entries before the test quad, MEL events, VLC bits before it[, X list]).
    Returns {key: {X: [consistent hypotheses]}}."""
    rng = random.Random(seed)
    probes, meta = [], []
    for st in setups:
        key, pre, mel, prevlc = st[:4]
        for X in (st[4] if len(st) > 4 else range(128)):
            for _ in range(R):
                probes.append(dict(ms=[rng.randint(0, 1) for _ in range(200)], mel=mel,
                                   vlc=prevlc + [(X >> k) & 1 for k in range(7)] + [0] * 40))
                meta.append((key, pre, X))
    tiles = run_probes(work, tw, th, probes, 'ojph')
    other = run_probes(work, tw, th, probes, 'opj')
    stats['probes'] += len(probes)
    stats['disagree'] += sum(1 for a, b in zip(tiles, other) if a != b)
    res = {}
    for i, (key, pre, X) in enumerate(meta):
        d = res.setdefault(key, {})
        hyps = d.get(X)
        if hyps is None:
            hyps = [h for rho in range(16) for h in all_hyps(rho)]
        keep = []
        for hy in hyps:
            try:
                if Sim(tw, th, pre + [hy], probes[i]['mel'], probes[i]['vlc'], probes[i]['ms']).run() == tiles[i]:
                    keep.append(hy)
            except (ValueError, IndexError):
                pass
        d[X] = keep
    return res


def assign_codewords(dX):
    """dX: {X: list of hyps}. Returns {X: hyp} by prefix grouping, and the list of codewords."""
    assigned = {}
    words = []
    for L in range(1, 8):
        for pref in range(1 << L):
            group = [X for X in range(128) if X & ((1 << L) - 1) == pref]
            if any(X in assigned for X in group):
                continue
            common = None
            for X in group:
                s = set(h for h in dX[X] if h[4] == L)
                common = s if common is None else common & s
            if common:
                for X in group:
                    assigned[X] = sorted(common)
                words.append((pref, L, sorted(common)))
    return assigned, words


def derive_vlc(work):
    """Derives all 16 CxtVLC contexts; returns {(table, ctx): {(cw, len): (rho, uoff, ek, e1)}}."""
    stats = {'probes': 0, 'disagree': 0}
    tables = {}

    def setups_for(key):
        tab, c = int(key[1]), int(key[3])
        if key == 't0c0':
            return (2, 2), [(key, [], [1], [])]
        if tab == 0:
            rho = (c & 1) | (((c >> 1) & 1) << 2) | (((c >> 2) & 1) << 3)
            h, cw = entry('t0c0', rho)
            return (4, 2), [(key, [h], [1], cw)]
        if c in (0, 1, 4, 5):
            if c == 0:
                return (2, 4), [(key, [], [0, 1], [])]
            h, cw = entry('t0c0', {1: 2, 4: 8, 5: 10}[c])
            return (2, 4), [(key, [h], [1], cw)]
        # the test quad is the second of the second quad row; its neighbours set the context
        plan = {2: ([('t1c0', 4)], [0, 0, 1]), 3: ([('t0c0', 2), ('t1c4', 4)], [0, 1]),
                6: ([('t0c0', 8), ('t1c0', 4)], [0, 1, 1]), 7: ([('t0c0', 10), ('t1c4', 4)], [0, 1])}[c]
        pre, vlc = [], []
        for k, rho in plan[0]:
            h, cw = entry(k, rho)
            pre.append(h)
            vlc += cw
        return (4, 4), [(key, pre, plan[1], vlc)]

    def entry(key, rho):
        for pref, L, hs in tables[key]:
            h = hs[0]
            if h[0] == rho and h[1] == 0 and len(hs) == 1:
                return h, [(pref >> k) & 1 for k in range(L)]
        raise KeyError((key, rho))

    order = ['t0c0'] + ['t0c%d' % c for c in range(1, 8)] + ['t1c%d' % c for c in (0, 1, 4, 5, 2, 3, 6, 7)]
    for key in order:
        (tw, th), st = setups_for(key)
        dX = solve(work, tw, th, st, 6, 1, stats)[key]
        _, words = assign_codewords(dX)
        # ambiguous codewords (random MagSgn bits that happened to agree): probe again, longer
        for i, (pref, L, hs) in enumerate(words):
            if len(hs) > 1 and hs[0][0] != 0:
                again = solve(work, tw, th, [st[0] + ([pref],)], 40, 7, stats)[key][pref]
                hs = [h for h in hs if h in again]
                words[i] = (pref, L, hs)
        tables[key] = words
    out = {}
    for key, words in tables.items():
        d = {}
        for pref, L, hs in words:
            h = hs[0]
            if h[0] == 0:
                h = (0, 0, 0, 0, L)  # no significant sample: no exponent information either
            elif len(hs) != 1:
                raise SystemExit('unresolved codeword %s %d/%d: %s' % (key, pref, L, hs))
            d[(pref, L)] = h[:4]
        kraft = sum(2.0 ** -L for (_, L) in d)
        if abs(kraft - 1) > 1e-12:
            raise SystemExit('context %s is not a complete prefix code (Kraft sum %f)' % (key, kraft))
        out[(int(key[1]), int(key[3]))] = d
    print('--derive-vlc: %d probes, ojph_expand and opj_decompress disagreed on %d' % (stats['probes'], stats['disagree']))
    return out


def check_vlc(work):
    derived = derive_vlc(work)
    stored = load_vlc_table()
    n = sum(len(d) for d in derived.values())
    same = all({(cw, L): (rho, uoff, ek, e1) for cw, L, rho, uoff, ek, e1 in stored[k]} == derived[k] for k in derived)
    print('--derive-vlc: %d codewords in 16 contexts, %s HtVlcTables.java' % (n, 'identical to' if same else 'DIFFERENT from'))
    return 0 if same else 1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--keep', help='work directory to keep')
    ap.add_argument('--quick', action='store_true')
    ap.add_argument('--derive-vlc', action='store_true',
                    help='only re-derive the CxtVLC tables by probing the reference decoders (about 4 minutes)')
    args = ap.parse_args()
    work = args.keep or tempfile.mkdtemp(prefix='htconf')
    os.makedirs(work, exist_ok=True)
    classes = os.path.join(work, 'classes')
    os.makedirs(classes, exist_ok=True)
    srcs = [os.path.join(ROOT, 'core/src/main/java/org/hounsfield/core', f) for f in ('DicomException.java', 'DicomCodecException.java')]
    cdir = os.path.join(ROOT, 'codec/src/main/java/org/hounsfield/codec')
    srcs += [os.path.join(cdir, f) for f in os.listdir(cdir) if f.endswith('.java')]
    for d in ('jpeg2000', 'jpeg2000/internal'):
        srcs += [os.path.join(cdir, d, f) for f in os.listdir(os.path.join(cdir, d)) if f.endswith('.java')]
    if args.derive_vlc:
        bad = check_vlc(work)
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        sys.exit(bad)
    helper = os.path.join(work, 'HtConfHelper.java')
    open(helper, 'w').write(HELPER)
    subprocess.run(['javac', '--release', '17', '-d', classes] + srcs + [helper], check=True)
    bad = run_part_a(work, classes, args.quick)
    bad += run_part_b(work, classes, args.quick)
    bad += run_part_c(work, classes)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    sys.exit(1 if bad else 0)


if __name__ == '__main__':
    main()
