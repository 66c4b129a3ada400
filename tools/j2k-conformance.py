#!/usr/bin/env python3
"""JPEG 2000 conformance run: Hounsfield's pure-Java decoder against OpenJPEG.

Generates synthetic images (8/12/16-bit, signed and unsigned, 1-bit, 1 and 3 components,
sub-sampled), encodes them with opj_compress under many option sets (tiles, precincts,
layers, the five progression orders, POC, code-block styles -M 1..63, 9/7, MCT, resolution
counts, code-block sizes, SOP/EPH, tile-parts, PLT/TLM, ROI, image/tile offsets), decodes
each stream with opj_decompress and with org.hounsfield.codec.jpeg2000 (also at reduced
resolutions) and compares the samples.

Needs: python3 + numpy, opj_compress/opj_decompress (Debian libopenjp2-tools), a JDK 17.
Usage:  tools/j2k-conformance.py [--keep DIR] [--quick]
Exit status 1 when a reversible (lossless) stream differs.
"""
import argparse, os, subprocess, sys, tempfile, shutil
import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

HELPER = r'''
import java.nio.file.*;
import java.io.*;
import org.hounsfield.codec.jpeg2000.*;
public class J2kConfHelper {
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


def make_image(w, h, ncomp, bits, signed, seed, sub=None):
    rng = np.random.default_rng(seed)
    planes = []
    for c in range(ncomp):
        dx, dy = sub[c] if sub else (1, 1)
        cw, ch = (w + dx - 1) // dx, (h + dy - 1) // dy
        y, x = np.mgrid[0:ch, 0:cw]
        hi = (1 << bits) - 1
        base = (np.sin(x / (3.0 + c)) * np.cos(y / 5.0) * 0.35 + (x + 2 * y) / (cw + 2 * ch + 1) * 0.5 + 0.1)
        noise = rng.integers(0, max(2, hi // 16 + 1), size=(ch, cw))
        v = np.clip((base * hi).astype(np.int64) + noise, 0, hi)
        if bits == 1:
            v = ((x // 3 + y // 2 + c) % 2 ^ (rng.random((ch, cw)) < 0.1)).astype(np.int64)
        if signed:
            v = v - (1 << (bits - 1))
        planes.append(v)
    return planes


def write_rawl(planes, bits, signed, path):
    with open(path, 'wb') as f:
        for p in planes:
            if bits <= 8:
                f.write(p.astype(np.int8 if signed else np.uint8).tobytes())
            else:
                f.write(p.astype('<i2' if signed else '<u2').tobytes())


def read_rawl(path, shapes, bits, signed):
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
    """(name, width, height, ncomp, bits, signed, opj_compress args, sub, lossless, discard list)"""
    L = []
    def add(name, args, w=67, h=45, nc=1, bits=12, signed=False, sub=None, lossless=True, discards=(0,)):
        L.append((name, w, h, nc, bits, signed, args, sub, lossless, discards))
    # 1-bit: opj_compress turns 1-bit PGX input into 8-bit, so 1-bit streams are covered by the
    # corpus SEG files (liver_j2k, liver_nonbyte_aligned_j2k) instead
    for bits in (2, 8, 12, 16):
        for signed in (False, True):
            add('bits%d%s' % (bits, 's' if signed else 'u'), ['-n', '3'], bits=bits, signed=signed)
            if bits > 1:
                add('bits%d%s-97' % (bits, 's' if signed else 'u'), ['-n', '3', '-I'], bits=bits, signed=signed, lossless=False)
    for n in (1, 2, 4, 6):
        add('res%d' % n, ['-n', str(n)], w=80, h=70, discards=tuple(range(0, n)))
    for p in ('LRCP', 'RLCP', 'RPCL', 'PCRL', 'CPRL'):
        add('prog-' + p, ['-p', p, '-n', '4', '-c', '[16,16],[16,16],[32,32],[64,64]', '-r', '8,4,1'], w=97, h=61, nc=3, bits=8)
        add('prog-tiles-' + p, ['-p', p, '-n', '3', '-t', '40,24', '-c', '[16,16]', '-r', '5,2,1'], w=97, h=61, nc=3, bits=8)
        add('prog-sub-' + p, ['-p', p, '-n', '3', '-c', '[32,32],[16,16]', '-r', '3,1'], w=96, h=64, nc=3, bits=8,
            sub=[(1, 1), (2, 2), (2, 1)])
    for t in ('32,32', '64,16', '50,37', '17,23'):
        add('tiles-' + t, ['-t', t, '-n', '3'], w=99, h=71)
    add('tiles-offsets', ['-t', '32,32', '-n', '3', '-d', '13,7', '-T', '5,3'], w=99, h=71)
    add('image-offset', ['-n', '4', '-d', '3,5'], w=77, h=51)
    add('image-offset-odd', ['-n', '4', '-d', '1,1'], w=33, h=17)
    for c in ('[16,16]', '[32,16],[16,8]', '[64,64],[32,32],[16,16],[8,8]', '[128,128],[4,4]'):
        add('precincts-' + c, ['-c', c, '-n', '4'], w=120, h=90)
    add('precincts-odd-offset', ['-c', '[32,32],[8,8]', '-n', '3', '-d', '5,9'], w=70, h=50)
    for b in ('4,4', '16,16', '64,32', '8,128', '64,64'):
        add('cblk-' + b, ['-b', b, '-n', '3'], w=130, h=100)
    add('layers-r', ['-r', '40,20,10,5,1', '-n', '4'], w=100, h=80)
    add('layers-q', ['-q', '30,40,50', '-n', '4', '-I'], w=100, h=80, lossless=False)
    add('lossy-r', ['-r', '10', '-n', '5', '-I'], w=100, h=80, bits=16, lossless=False)
    add('lossy-r53', ['-r', '8', '-n', '5'], w=100, h=80, bits=16, lossless=False)
    add('sop-eph', ['-SOP', '-EPH', '-n', '3', '-r', '4,1'], w=100, h=80)
    add('sop-eph-tiles', ['-SOP', '-EPH', '-t', '32,32', '-p', 'RPCL', '-c', '[32,32],[16,16]', '-n', '2'], w=100, h=80)
    add('tp-R', ['-TP', 'R', '-n', '4'], w=100, h=80)
    add('tp-L', ['-TP', 'L', '-r', '4,2,1', '-n', '4'], w=100, h=80)
    add('tp-C', ['-TP', 'C', '-t', '50,50'], w=100, h=80, nc=3, bits=8)
    add('plt-tlm', ['-PLT', '-TLM', '-t', '32,32', '-n', '3'], w=100, h=80)
    add('mct-rct', ['-mct', '1', '-n', '4'], w=100, h=80, nc=3, bits=8)
    add('mct-rct16', ['-mct', '1', '-n', '4'], w=100, h=80, nc=3, bits=16)
    add('mct-ict', ['-mct', '1', '-I', '-n', '4'], w=100, h=80, nc=3, bits=8, lossless=False)
    add('mct-ict-r', ['-mct', '1', '-I', '-r', '20,5'], w=100, h=80, nc=3, bits=8, lossless=False)
    add('nomct-3c', ['-mct', '0'], w=100, h=80, nc=3, bits=12)
    add('sub-422', ['-mct', '0', '-n', '3'], w=100, h=80, nc=3, bits=8, sub=[(1, 1), (2, 1), (2, 1)])
    add('sub-420-offset', ['-mct', '0', '-n', '3', '-d', '2,2'], w=100, h=80, nc=3, bits=8, sub=[(1, 1), (2, 2), (2, 2)])
    add('roi', ['-ROI', 'c=0,U=5', '-n', '3'], w=100, h=80)
    add('roi-97', ['-ROI', 'c=0,U=8', '-n', '3', '-I', '-r', '5'], w=100, h=80, lossless=False)
    add('poc', ['-n', '4', '-r', '4,2,1', '-POC', 'T0=0,0,2,3,1,LRCP/T0=0,0,3,5,1,RLCP'], w=100, h=80)
    add('poc-tiles', ['-t', '50,40', '-n', '3', '-r', '3,1', '-POC', 'T1=0,0,1,2,3,CPRL/T1=0,0,2,4,3,LRCP'], w=100, h=80, nc=3, bits=8)
    add('tiny-1x1', ['-n', '1'], w=1, h=1)
    add('tiny-1xN', ['-n', '1'], w=1, h=13)
    add('tiny-Nx1', ['-n', '1'], w=13, h=1)
    add('tiny-3x2', ['-n', '2'], w=3, h=2)
    add('tiny-7x3', ['-n', '2'], w=7, h=3)
    modes = range(1, 64) if not quick else (1, 2, 4, 8, 16, 32, 63)
    for m in modes:
        add('M%d' % m, ['-M', str(m), '-n', '4', '-r', '6,2,1'], w=90, h=70, bits=12)
    for m in (1, 5, 9, 33, 63):
        add('M%d-97' % m, ['-M', str(m), '-n', '4', '-I', '-r', '12,4'], w=90, h=70, bits=12, lossless=False)
        add('M%d-16s' % m, ['-M', str(m), '-n', '5'], w=128, h=96, bits=16, signed=True)
    add('ct-like', ['-n', '6'], w=256, h=256, bits=16, signed=True, discards=(0, 1, 2, 3))
    return L


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--keep', help='work directory to keep')
    ap.add_argument('--quick', action='store_true')
    args = ap.parse_args()
    work = args.keep or tempfile.mkdtemp(prefix='j2kconf')
    os.makedirs(work, exist_ok=True)
    classes = os.path.join(work, 'classes')
    os.makedirs(classes, exist_ok=True)
    srcs = [os.path.join(ROOT, 'core/src/main/java/org/hounsfield/core', f) for f in ('DicomException.java', 'DicomCodecException.java')]
    cdir = os.path.join(ROOT, 'codec/src/main/java/org/hounsfield/codec')
    srcs += [os.path.join(cdir, f) for f in os.listdir(cdir) if f.endswith('.java')]
    for d in ('jpeg2000', 'jpeg2000/internal'):
        srcs += [os.path.join(cdir, d, f) for f in os.listdir(os.path.join(cdir, d)) if f.endswith('.java')]
    helper = os.path.join(work, 'J2kConfHelper.java')
    open(helper, 'w').write(HELPER)
    subprocess.run(['javac', '--release', '17', '-d', classes] + srcs + [helper], check=True)

    results = []
    jobs = []
    options = set()
    for i, (name, w, h, nc, bits, signed, opts, sub, lossless, discards) in enumerate(cases(args.quick)):
        base = os.path.join(work, 'c%03d' % i)
        planes = make_image(w, h, nc, bits, signed, i, sub)
        if bits == 1:
            # opj_compress reads 1-bit samples from PGX only
            with open(base + '.pgx', 'wb') as f:
                f.write(b'PG ML + 1 %d %d\n' % (w, h) + planes[0].astype(np.uint8).tobytes())
            cmd = ['opj_compress', '-i', base + '.pgx', '-o', base + '.j2k'] + opts
        else:
            write_rawl(planes, bits, signed, base + '.rawl')
            fspec = '%d,%d,%d,%d,%s' % (w, h, nc, bits, 's' if signed else 'u')
            if sub:
                fspec += '@' + ':'.join('%dx%d' % s for s in sub)
            cmd = ['opj_compress', '-i', base + '.rawl', '-o', base + '.j2k', '-F', fspec] + opts
        r = subprocess.run(cmd, capture_output=True, text=True)
        if r.returncode != 0 or not os.path.exists(base + '.j2k'):
            results.append((name, 'SKIP (opj_compress failed: %s)' % (r.stdout + r.stderr).strip().splitlines()[-1:], None))
            continue
        for o in opts:
            if o.startswith('-'):
                options.add(o if o != '-M' else '-M ' + opts[opts.index(o) + 1])
        if sub:
            # opj_decompress cannot write sub-sampled components to raw: compare with the source
            jobs.append((name, 0, base, None, planes, bits, signed, lossless, sub, w, h))
            continue
        for d in discards:
            ref = '%s.r%d.opj.rawl' % (base, d)
            r = subprocess.run(['opj_decompress', '-i', base + '.j2k', '-o', ref, '-r', str(d)], capture_output=True, text=True)
            if r.returncode != 0 or not os.path.exists(ref):
                results.append(('%s/r%d' % (name, d), 'SKIP (opj_decompress failed)', None))
                continue
            jobs.append((name, d, base, ref, planes, bits, signed, lossless, sub, w, h))
    with open(os.path.join(work, 'jobs.tsv'), 'w') as f:
        for (name, d, base, ref, *_rest) in jobs:
            f.write('%s.j2k\t%s.r%d.hf.rawl\t%d\n' % (base, base, d, d))
    r = subprocess.run(['java', '-cp', classes, 'J2kConfHelper', os.path.join(work, 'jobs.tsv')], capture_output=True, text=True)
    fails = {l.split('\t')[1]: l.split('\t')[2] for l in r.stdout.splitlines() if l.startswith('FAIL')}
    if r.stderr:
        print(r.stderr)
    n_ident = n_close = n_bad = 0
    lossless_bad = 0
    for (name, d, base, ref, planes, bits, signed, lossless, sub, w, h) in jobs:
        label = '%s/r%d' % (name, d) if d else name
        ours = '%s.r%d.hf.rawl' % (base, d)
        if base + '.j2k' in fails:
            results.append((label, 'FAIL ' + fails[base + '.j2k'], lossless)); n_bad += 1; lossless_bad += lossless; continue
        shapes = []
        for c in range(len(planes)):
            dx, dy = sub[c] if sub else (1, 1)
            cw, ch = -(-w // dx), -(-h // dy)
            shapes.append((-(-ch // (1 << d)), -(-cw // (1 << d))))
        try:
            a = [p.reshape(-1) for p in planes] if ref is None else read_rawl(ref, shapes, bits, signed)
            b = read_rawl(ours, shapes, bits, signed)
            if signed:
                # opj_decompress writes signed samples masked to their precision
                m = (1 << bits) - 1
                a = [x & m for x in a]
                b = [x & m for x in b]
        except Exception as e:
            results.append((label, 'FAIL size mismatch (%s)' % e, lossless)); n_bad += 1; lossless_bad += lossless; continue
        diff = np.concatenate([np.abs(x - y) for x, y in zip(a, b)])
        if diff.max() == 0:
            n_ident += 1; results.append((label, 'identical' if ref else 'identical to source (sub-sampled)', lossless))
            if lossless and d == 0:
                orig = np.concatenate([p.reshape(-1) for p in planes])
                if signed:
                    orig = orig & ((1 << bits) - 1)
                if not np.array_equal(orig, np.concatenate(b)):
                    results[-1] = (label, 'identical to opj but NOT to the source image', lossless)
        else:
            frac = (diff > 0).mean()
            msg = 'max diff %d in %.3f%% of samples' % (diff.max(), 100 * frac)
            if not lossless and diff.max() <= 1 and frac <= 0.02:
                n_close += 1; results.append((label, 'close: ' + msg, lossless))
            else:
                n_bad += 1; lossless_bad += lossless; results.append((label, 'DIFFERENT: ' + msg, lossless))
    for label, status, _ in results:
        print('%-28s %s' % (label, status))
    n_streams = len({j[2] for j in jobs})
    print('\n%d streams (%d decodes incl. reduced resolutions), %d opj_compress option kinds: %s'
          % (n_streams, len(jobs), len(options), ' '.join(sorted(options, key=str))))
    print('identical to opj_decompress: %d, within 1 (lossy): %d, different/failed: %d' % (n_ident, n_close, n_bad))
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    sys.exit(1 if lossless_bad else 0)


if __name__ == '__main__':
    main()
