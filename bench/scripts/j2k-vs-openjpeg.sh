#!/usr/bin/env bash
# JPEG 2000 and HTJ2K decoding speed, Hounsfield against OpenJPEG (libopenjp2 2.5, the library of opj_decompress), on the same
# codestreams in one run, single-threaded and with 2 threads (targets of issue 4: ratio ours/OpenJPEG
# at most 1.0 single-threaded, below 1.0 with threads).
#
# Inputs (built in a temporary directory, nothing is written into the repository):
#   ct-*       the 512x512 16-bit lossless CT slices of the corpus (J2K codestreams as the vendors
#              wrote them, taken out of the DICOM files by DecodeTimer --dump-jpeg), plus one of
#              them re-encoded by opj_compress with its defaults (5/3, 5 levels, 64x64 blocks)
#   syn2k-*    a 2048x2048 12-bit synthetic image (smooth structures + Gaussian noise, fixed seed,
#              written as PGM by python3/numpy): opj_compress -I -r 10 (9/7, ratio 10)
#   phantom-*  3 slices of our 512x512 head phantom made lossless by gdcmconv --j2k (smooth content,
#              large uniform areas: little coded data per code-block; needs gdcmconv and ./hounsfield)
#   cr-lossy   the corpus 1955x1841 lossy 9/7 CR image (RG1_J2KI) as written by its encoder
#   ht-*       HTJ2K made by ojph_compress: the re-encoded CT slice lossless (-reversible true),
#              the 2k image lossy (-qstep 0.002) and lossless; plus the two corpus HTJ2K streams
#              (640x480 RGB, lossless and lossy)
#
# Method:
#   ours      J2kTimer (bench jar) reads every codestream into memory, warms the JIT up on all of
#             them, then decodes each repeatedly: single-threaded the median *thread CPU time* per
#             decode; with --threads 2 (ForkJoinPool of 2 for code-blocks and wavelet) the median
#             *wall time* per decode. Output: int sample planes; no file reading or writing.
#   OpenJPEG  bench/scripts/opj_decode_time.py calls libopenjp2 (the library of opj_decompress and
#             dcm2niix) in process through ctypes: opj_read_header + opj_decode + opj_end_decompress
#             of the file, nothing written; after a warm-up decode, the median of RUNS decodes:
#             single-threaded the process CPU time, with opj_codec_set_threads(2) the wall time.
#             (An earlier version timed opj_decompress processes minus a tiny-stream baseline; that
#             left opj_decompress's per-sample output conversion and RAW writing in OpenJPEG's
#             figure, 30-60 % of a CT decode, and made the ratios look better than they are.)
#   The machine may be shared: CPU time is robust to that, wall time (2 threads) is not — repeat.
# Per group: megapixels per second = sum of pixels (width x height) / sum of times, and the ratio
# ours/OpenJPEG of the summed times (below 1: we are faster).
#
# Usage: bench/scripts/j2k-vs-openjpeg.sh [CORPUS]        (default ../shared/corpus)
# Environment: RUNS (default 7), BENCH_CP class path holding the bench classes (default: mvn
#   package, bench/target/benchmarks.jar), OUT directory for inputs and raw results (default a new
#   temporary directory, printed at the end).
# Needs: java 17, python3 with numpy, opj_compress/opj_decompress (OpenJPEG 2.5), ojph_compress.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
corpus="$(cd "${1:-$root/../shared/corpus}" && pwd)"
RUNS="${RUNS:-7}"
if [ -z "${BENCH_CP:-}" ]; then
  (cd "$root" && mvn -o -B -q -DskipTests package -pl bench -am >/dev/null)
  BENCH_CP="$root/bench/target/benchmarks.jar"
fi
for t in java python3 opj_compress opj_decompress ojph_compress; do
  command -v "$t" >/dev/null || { echo "missing tool: $t" >&2; exit 1; }
done
python3 -c 'import numpy' || { echo "python3 needs numpy" >&2; exit 1; }
OUT="${OUT:-$(mktemp -d)}"
in="$OUT/in"
mkdir -p "$in" "$OUT/dump" "$OUT/tmp"
JAVA=(java -Xmx2g -XX:+UseParallelGC)

# ---- inputs ---------------------------------------------------------------------------------
echo "building inputs in $in" >&2
CT=(693_J2KR J2K_pixelrep_mismatch TOSHIBA_J2K_OpenJPEGv2Regression TOSHIBA_J2K_SIZ0_PixRep1
    TOSHIBA_J2K_SIZ1_PixRep0 explicit_VR-UN)
rels=()
for n in "${CT[@]}"; do rels+=("transfer-syntax/jpeg2000/$n.dcm"); done
rels+=(transfer-syntax/jpeg2000/RG1_J2KI.dcm transfer-syntax/htj2k/HTJ2KLossless_08_RGB.dcm
       transfer-syntax/htj2k/HTJ2K_08_RGB.dcm)
"${JAVA[@]}" -cp "$BENCH_CP" org.hounsfield.bench.DecodeTimer --corpus "$corpus" --dump-jpeg "$OUT/dump" \
  "${rels[@]}" >"$OUT/dump/index.tsv"
i=0
for n in "${CT[@]}"; do cp "$OUT/dump/$i.0.jpg" "$in/ct-$n.j2k"; i=$((i + 1)); done
cp "$OUT/dump/$i.0.jpg" "$in/cr-lossy-RG1_J2KI.j2k"; i=$((i + 1))
cp "$OUT/dump/$i.0.jpg" "$in/ht-corpus-rgb-lossless.j2c"; i=$((i + 1))
cp "$OUT/dump/$i.0.jpg" "$in/ht-corpus-rgb-lossy.j2c"

# the first CT slice as a PGM, re-encoded by both encoders
opj_decompress -i "$in/ct-693_J2KR.j2k" -o "$OUT/tmp/ct.pgm" -quiet >/dev/null
opj_compress -i "$OUT/tmp/ct.pgm" -o "$in/ct-opj-default.j2k" >/dev/null
ojph_compress -i "$OUT/tmp/ct.pgm" -o "$in/ht-ct-lossless.j2c" -reversible true >/dev/null

# 2048x2048 12-bit synthetic image
python3 - "$OUT/tmp" <<'EOF'
import sys, numpy as np
d = sys.argv[1]
rng = np.random.default_rng(20261125)
y, x = np.mgrid[0:2048, 0:2048].astype(np.float64)
v = (2048 + 900 * np.sin(x / 97.0) * np.cos(y / 131.0)
     + 700 * np.exp(-((x - 1000) ** 2 + (y - 900) ** 2) / 2.0e5)
     + 300 * ((x // 256 + y // 256) % 2) + rng.normal(0, 20, x.shape))
img = np.clip(np.rint(v), 0, 4095).astype('>u2')
def pgm(name, a):
    with open(f'{d}/{name}', 'wb') as f:
        f.write(b'P5\n%d %d\n4095\n' % (a.shape[1], a.shape[0]))
        f.write(a.tobytes())
pgm('syn2k.pgm', img)
EOF
opj_compress -i "$OUT/tmp/syn2k.pgm" -o "$in/syn2k-lossy97.j2k" -I -r 10 >/dev/null
ojph_compress -i "$OUT/tmp/syn2k.pgm" -o "$in/ht-syn2k-lossy.j2c" -qstep 0.002 >/dev/null
ojph_compress -i "$OUT/tmp/syn2k.pgm" -o "$in/ht-syn2k-lossless.j2c" -reversible true >/dev/null
# a smooth, sparse CT: 3 slices of our head phantom (12-bit values in 16-bit samples, large uniform
# areas) made JPEG 2000 lossless by GDCM (OpenJPEG, its defaults), as a converted archive holds them
if command -v gdcmconv >/dev/null && [ -x "$root/hounsfield" ]; then
  "$root/hounsfield" phantom "$OUT/tmp/phantom" --slices 5 --size 512 >/dev/null
  mkdir -p "$OUT/tmp/phantom-j2k"
  for k in 2 3 4; do
    f=$(ls "$OUT/tmp/phantom" | sort | sed -n "${k}p")
    gdcmconv --j2k "$OUT/tmp/phantom/$f" "$OUT/tmp/phantom-j2k/$k.dcm"
  done
  "${JAVA[@]}" -cp "$BENCH_CP" org.hounsfield.bench.DecodeTimer --corpus "$OUT/tmp/phantom-j2k" --dump-jpeg "$OUT/dump-phantom" \
    2.dcm 3.dcm 4.dcm >/dev/null
  for i in 0 1 2; do cp "$OUT/dump-phantom/$i.0.jpg" "$in/phantom-gdcm-$i.j2k"; done
fi
ls -l "$in" >&2

# ---- ours -------------------------------------------------------------------------------------
files=("$in"/*)
echo "ours: J2kTimer, 1 thread (CPU time)" >&2
"${JAVA[@]}" -XX:ActiveProcessorCount=1 -cp "$BENCH_CP" org.hounsfield.bench.J2kTimer --threads 1 \
  --warmup-seconds 8 --min-ms 400 "${files[@]}" >"$OUT/ours-1.tsv"
echo "ours: J2kTimer, 2 threads (wall time)" >&2
"${JAVA[@]}" -cp "$BENCH_CP" org.hounsfield.bench.J2kTimer --threads 2 \
  --warmup-seconds 8 --min-ms 400 "${files[@]}" >"$OUT/ours-2.tsv"

# ---- OpenJPEG and the report ------------------------------------------------------------------
SCRIPTS="$root/bench/scripts" python3 - "$OUT" "$RUNS" <<'EOF'
import os, sys, time, statistics
out, runs = sys.argv[1], int(sys.argv[2])
ind, tmp = f'{out}/in', f'{out}/tmp'

def read_ours(path):
    r = {}
    for line in open(path):
        f = line.rstrip('\n').split('\t')
        r[os.path.basename(f[0])] = (int(f[1]), float(f[2]))
    return r
ours1, ours2 = read_ours(f'{out}/ours-1.tsv'), read_ours(f'{out}/ours-2.tsv')

sys.path.insert(0, os.environ['SCRIPTS'])
import opj_decode_time as opj
lib = opj.load()

def opj_ms(path, threads):
    opj.decode(lib, path, threads)  # warm-up
    clock = time.process_time if threads == 1 else time.perf_counter
    t = []
    for _ in range(runs):
        t0 = clock()
        opj.decode(lib, path, threads)
        t.append((clock() - t0) * 1e3)
    return statistics.median(t)

groups = [
    ('CT 512 16-bit lossless (Part 1)', lambda n: n.startswith('ct-')),
    ('CT phantom 512 lossless (gdcmconv, smooth)', lambda n: n.startswith('phantom-')),
    ('2k 12-bit lossy 9/7 (synthetic)', lambda n: n.startswith('syn2k-')),
    ('CR 1955x1841 lossy 9/7 (corpus)', lambda n: n.startswith('cr-lossy')),
    ('HTJ2K CT 512 lossless', lambda n: n == 'ht-ct-lossless.j2c'),
    ('HTJ2K 2k 12-bit lossy', lambda n: n == 'ht-syn2k-lossy.j2c'),
    ('HTJ2K 2k 12-bit lossless', lambda n: n == 'ht-syn2k-lossless.j2c'),
    ('HTJ2K 640x480 RGB (corpus)', lambda n: n.startswith('ht-corpus')),
]
rows = []
for name in sorted(os.listdir(ind)):
    px, ms1 = ours1[name]
    p1, p2 = opj_ms(f'{ind}/{name}', 1), opj_ms(f'{ind}/{name}', 2)
    rows.append((name, px, ms1, ours2[name][1], p1, p2))
    print(f'{name}\t{px}\tours1={ms1:.2f}ms\tours2={ours2[name][1]:.2f}ms\topj1={p1:.2f}ms\topj2={p2:.2f}ms',
          file=sys.stderr)

with open(f'{out}/results.tsv', 'w') as f:
    f.write('file\tpixels\tours_1t_ms\tours_2t_ms\topj_1t_ms\topj_2t_ms\n')
    for r in rows:
        f.write('\t'.join(str(x) for x in r) + '\n')

print('| input | files | MP | ours 1T MP/s | OpenJPEG 1T MP/s | ratio 1T | ours 2T MP/s | OpenJPEG 2T MP/s | ratio 2T |')
print('|---|---|---|---|---|---|---|---|---|')
for g, pred in groups:
    sel = [r for r in rows if pred(r[0])]
    if not sel:
        continue
    px = sum(r[1] for r in sel)
    o1, o2, p1, p2 = (sum(r[i] for r in sel) for i in (2, 3, 4, 5))
    mp = lambda ms: px / 1e3 / ms
    print(f'| {g} | {len(sel)} | {px / 1e6:.2f} | {mp(o1):.1f} | {mp(p1):.1f} | {o1 / p1:.2f} | '
          f'{mp(o2):.1f} | {mp(p2):.1f} | {o2 / p2:.2f} |')
EOF
echo "raw results: $OUT" >&2
