#!/usr/bin/env bash
# Pixel decoding speed, Hounsfield against the native peers, on the same files in one run:
# DCMTK (dcmdrle, dcmdjpeg with its IJG 6b based libraries, dcmdjpls with its own CharLS fork),
# GDCM (gdcmconv --raw: libcharls 2 for JPEG-LS, IJG-based libgdcmjpeg8/12/16 for JPEG) and,
# for 8-bit JPEG, libjpeg-turbo's djpeg (SIMD) on the bare JPEG stream of each frame.
#
# Method (everything single-threaded; figures are CPU time, user + system, so that waiting for a
# core on a busy machine does not count):
#   ours   DecodeTimer (bench jar) loads the compressed frames of every corpus file of the codecs
#          below with at least MINPIX pixels (rows x columns x frames), warms the JIT up on all
#          of them, then decodes each file repeatedly and reports the median thread CPU time to
#          decode every frame of it. No JVM start-up, file reading or DICOM parsing is included.
#   peers  a peer is a process, so its start-up is measured and subtracted: hyperfine runs it on
#          the compressed file and on the uncompressed file that the same peer wrote from it (same
#          image, same output size; the second run holds start-up, reading, writing and dataset
#          handling, but no decoding). Decode time = CPU(compressed) - CPU(uncompressed), means
#          over RUNS runs. djpeg: a loop over the frames' JPEG streams (-outfile /dev/null) minus
#          the same number of djpeg runs on an 8x8 JPEG; djpeg also converts YCbCr to RGB, which
#          ours does not do (the other peers are told not to: dcmdjpeg +cn).
#   synthetic JPEG Baseline  the corpus has no large 8-bit baseline images, so larger ones are
#          made from corpus images (dcmj2pnm to PGM/PPM, cjpeg -quality 90 in 4:4:4, 4:2:2 and
#          4:2:0) and decoded by ours (DecodeTimer --jpeg) and by djpeg, as above.
#   end to end  wall clock, process start-up included, of `hounsfield pixels --sha256 FILES`
#          (one JVM for all files of a codec) against a loop of each peer over the same files.
# Per codec: megapixels per second = sum of pixels / sum of decode times over the files, and the
# ratio ours/peer of the summed times (below 1: we are faster). Targets (issue 3): RLE and JPEG
# Lossless <= 1 against the native peers, JPEG-LS <= 1.5 against CharLS (GDCM), JPEG Baseline
# <= 2 against libjpeg-turbo (djpeg).
#
# Usage: bench/scripts/pixels-vs-peers.sh [CORPUS]        (default ../shared/corpus)
# Environment: MINPIX (default 60000), RUNS hyperfine runs per command (default 20),
#   CODECS (default rle,jpeg-baseline,jpeg-extended,jpeg-lossless,jpeg-ls-lossless,jpeg-ls-near),
#   BENCH_CP class path holding the bench classes (default: mvn package, bench/target/benchmarks.jar),
#   CLI_CP class path of the CLI (default cli/target/hounsfield.jar), OUT directory for the raw
#   results (default a new temporary directory, printed at the end).
# Needs: java 17, hyperfine, python3, dcmtk, libgdcm-tools, libjpeg-turbo-progs.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
corpus="$(cd "${1:-$root/../shared/corpus}" && pwd)"
MINPIX="${MINPIX:-60000}"
RUNS="${RUNS:-20}"
CODECS="${CODECS:-rle,jpeg-baseline,jpeg-extended,jpeg-lossless,jpeg-ls-lossless,jpeg-ls-near}"
CLI_CP="${CLI_CP:-$root/cli/target/hounsfield.jar}"
if [ -z "${BENCH_CP:-}" ]; then
  (cd "$root" && mvn -B -q -DskipTests package -pl bench,cli -am >/dev/null)
  BENCH_CP="$root/bench/target/benchmarks.jar"
fi
for t in java hyperfine python3 dcmdjpeg dcmdjpls dcmdrle dcmj2pnm gdcmconv djpeg cjpeg; do
  command -v "$t" >/dev/null || { echo "missing tool: $t" >&2; exit 1; }
done
OUT="${OUT:-$(mktemp -d)}"
mkdir -p "$OUT/peer" "$OUT/synth"
JAVA=(java -XX:+UseSerialGC -XX:ActiveProcessorCount=1)
HF=(hyperfine -N --style none -w 3 -r "$RUNS")

echo "ours: DecodeTimer on $CODECS, files of at least $MINPIX pixels" >&2
"${JAVA[@]}" -cp "$BENCH_CP" org.hounsfield.bench.DecodeTimer --corpus "$corpus" --codecs "$CODECS" \
  --min-pixels "$MINPIX" --warmup-seconds 10 --min-ms 300 >"$OUT/ours.tsv"

# an 8x8 grey JPEG: djpeg start-up reference
printf 'P5\n8 8\n255\n' >"$OUT/tiny.pgm"; head -c 64 /dev/zero >>"$OUT/tiny.pgm"
cjpeg -outfile "$OUT/tiny.jpg" "$OUT/tiny.pgm"

# djpeg over a list of JPEG files, minus as many runs on the tiny JPEG. Both commands are the same
# shell loop over a list of words: the reference must not spawn anything else (a `$(seq N)` there
# costs a subshell and a process, about 1 ms of CPU, which would be taken off djpeg's time)
time_djpeg() { # json files...
  local json=$1; shift
  local loop="for f in $*; do djpeg -outfile /dev/null \$f; done"
  local tinies; tinies=$(for _ in "$@"; do printf '%s ' "$OUT/tiny.jpg"; done)
  local tiny="for f in $tinies; do djpeg -outfile /dev/null \$f; done"
  "${HF[@]}" --export-json "$json" "sh -c '$loop'" "sh -c '$tiny'" >/dev/null
}

: >"$OUT/peers.tsv"
n=0
while IFS=$'\t' read -r codec path frames pixels ms rest; do
  n=$((n + 1))
  in="$corpus/$path"
  case "$codec" in
    rle) dcmtk=(dcmdrle) ;;
    jpeg-ls-*) dcmtk=(dcmdjpls) ;;
    *) dcmtk=(dcmdjpeg +cn) ;;   # +cn: no colour conversion, like ours
  esac
  d="$OUT/peer/$n"; mkdir -p "$d"
  echo "peers: $path" >&2
  # a peer that cannot decode the file (e.g. DCMTK and 1-bit RLE) gets no figure
  dh=""; gh=""; dj=""
  if "${dcmtk[@]}" "$in" "$d/dcmtk.dcm" 2>"$d/dcmtk.err"; then
    "${HF[@]}" --export-json "$d/dcmtk.json" \
      "${dcmtk[*]} $in $d/o1.dcm" "${dcmtk[*]} $d/dcmtk.dcm $d/o2.dcm" >/dev/null
    dh="$d/dcmtk.json"
  fi
  if gdcmconv --raw "$in" "$d/gdcm.dcm" 2>"$d/gdcm.err"; then
    "${HF[@]}" --export-json "$d/gdcm.json" \
      "gdcmconv --raw $in $d/o3.dcm" "gdcmconv --raw $d/gdcm.dcm $d/o4.dcm" >/dev/null
    gh="$d/gdcm.json"
  fi
  if [ "$codec" = jpeg-baseline ] || [ "$codec" = jpeg-extended ]; then
    "${JAVA[@]}" -cp "$BENCH_CP" org.hounsfield.bench.DecodeTimer --corpus "$corpus" \
      --dump-jpeg "$d/jpg" "$path" >/dev/null
    if djpeg -outfile /dev/null "$d/jpg/0.0.jpg" 2>/dev/null; then   # libjpeg-turbo 2.1 is 8-bit only
      time_djpeg "$d/dj.json" "$d"/jpg/*.jpg
      dj="$d/dj.json"
    fi
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$codec" "$path" "$frames" "$pixels" "$ms" "$dh" "$gh" "$dj" \
    >>"$OUT/peers.tsv"
done <"$OUT/ours.tsv"

# synthetic JPEG Baseline streams from corpus images
echo "synthetic JPEG Baseline" >&2
s="$OUT/synth"
dcmj2pnm +Wm +op "$corpus/transfer-syntax/jpeg-lossless/RG2_JPLL.dcm" "$s/rg2.pgm"
dcmj2pnm +Wm +op "$corpus/transfer-syntax/jpeg-lossless/sample-op.dcm" "$s/op.pgm"
dcmj2pnm +op "$corpus/photometric/OBXXXX1A.dcm" "$s/ob.ppm"
dcmj2pnm +op "$corpus/transfer-syntax/jpeg-extended/JPEGExtended_3s_1f_u_08_08.dcm" "$s/ex.ppm"
for g in rg2 op; do cjpeg -quality 90 -outfile "$s/$g-grey.jpg" "$s/$g.pgm"; done
for c in ob ex; do
  for smp in 1x1 2x1 2x2; do cjpeg -quality 90 -sample "$smp" -outfile "$s/$c-$smp.jpg" "$s/$c.ppm"; done
done
"${JAVA[@]}" -cp "$BENCH_CP" org.hounsfield.bench.DecodeTimer --jpeg --warmup-seconds 5 --min-ms 300 \
  "$s"/*.jpg >"$OUT/synth.tsv"
: >"$OUT/synth-peers.tsv"
while IFS=$'\t' read -r codec path frames pixels ms rest; do
  time_djpeg "$path.json" "$path"
  printf '%s\t%s\t%s\t%s\t%s\t\t\t%s\n' "jpeg-baseline (cjpeg q90)" "$path" "$frames" "$pixels" "$ms" \
    "$path.json" >>"$OUT/synth-peers.tsv"
done <"$OUT/synth.tsv"

# end to end: one JVM for the files of a codec against one peer process per file, on the files
# both peers decode
: >"$OUT/e2e.tsv"
for codec in ${CODECS//,/ }; do
  files=$(awk -F'\t' -v c="$codec" -v r="$corpus" \
    '$1 == c && $6 != "" && $7 != "" {printf "%s/%s ", r, $2}' "$OUT/peers.tsv")
  [ -n "$files" ] || continue
  case "$codec" in
    rle) tool="dcmdrle" ;;
    jpeg-ls-*) tool="dcmdjpls" ;;
    *) tool="dcmdjpeg +cn" ;;
  esac
  echo "end to end: $codec" >&2
  hyperfine -N --style none -w 1 -r 3 --export-json "$OUT/e2e-$codec.json" \
    "${JAVA[*]} -cp $CLI_CP org.hounsfield.cli.Main pixels --sha256 $files" \
    "sh -c 'for f in $files; do $tool \$f $OUT/e2e.dcm; done'" \
    "sh -c 'for f in $files; do gdcmconv --raw \$f $OUT/e2e.dcm; done'" >/dev/null
  printf '%s\t%s\t%s\n' "$codec" "$(echo $files | wc -w)" "$OUT/e2e-$codec.json" >>"$OUT/e2e.tsv"
done

python3 - "$OUT" <<'PY'
import json, sys, collections
out = sys.argv[1]
def cpu(p):
    """CPU ms (user + system) of each command of a hyperfine export."""
    return [(r["user"] + r["system"]) * 1000 for r in json.load(open(p))["results"]]
rows = []
for name in ("peers.tsv", "synth-peers.tsv"):
    for line in open(out + "/" + name):
        codec, path, frames, pixels, ms, dh, gh, dj = line.rstrip("\n").split("\t")
        r = dict(codec=codec, path=path, frames=int(frames), pixels=int(pixels), ours=float(ms))
        for k, f in (("dcmtk", dh), ("gdcm", gh), ("djpeg", dj)):
            if f:
                m = cpu(f)
                r[k] = m[0] - m[1]
                r[k + "_start"] = m[1]
        rows.append(r)
def cell(r, k):
    return "%.1f (%.1f)" % (r[k], r[k + "_start"]) if k in r else "-"
print("Per file: decode CPU ms. Peers: compressed run minus uncompressed run (that run, in")
print("brackets, is start-up and I/O); ours: median in one JVM after warm-up.")
print()
print("| codec | file | MP | ours | DCMTK | GDCM | djpeg |")
print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
for r in rows:
    print("| %s | %s | %.2f | %.2f | %s | %s | %s |" % (r["codec"], r["path"].split("/")[-1], r["pixels"] / 1e6,
          r["ours"], cell(r, "dcmtk"), cell(r, "gdcm"), cell(r, "djpeg")))
print()
print("Per codec: MP/s = sum of pixels / sum of decode times; ours/peer = our time / the peer's on")
print("the files that peer decodes (< 1: we are faster)")
print()
print("| codec | files | MP | ours MP/s | DCMTK MP/s | ours/DCMTK | GDCM MP/s | ours/GDCM | djpeg MP/s | ours/djpeg |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
by = collections.OrderedDict()
for r in rows:
    by.setdefault(r["codec"], []).append(r)
for codec, rs in by.items():
    px = sum(r["pixels"] for r in rs) / 1e6
    cells = ["%.0f" % (px / sum(r["ours"] for r in rs) * 1000)]
    for k in ("dcmtk", "gdcm", "djpeg"):
        sub = [r for r in rs if k in r]
        t = sum(r[k] for r in sub)
        if not sub or t <= 0:
            cells += ["-", "-"]
            continue
        spx = sum(r["pixels"] for r in sub) / 1e6
        note = "" if len(sub) == len(rs) else " (%d files)" % len(sub)
        cells += ["%.0f" % (spx / t * 1000), "%.2f%s" % (sum(r["ours"] for r in sub) / t, note)]
    print("| %s | %d | %.1f | %s |" % (codec, len(rs), px, " | ".join(cells)))
print()
print("End to end, wall clock with process start-up (mean of 3 runs, seconds; files both peers decode)")
print()
print("| codec | files | hounsfield pixels --sha256 (1 JVM) | DCMTK (1 process per file) | GDCM (1 process per file) |")
print("| --- | ---: | ---: | ---: | ---: |")
for line in open(out + "/e2e.tsv"):
    codec, nfiles, p = line.rstrip("\n").split("\t")
    m = [r["mean"] for r in json.load(open(p))["results"]]
    print("| %s | %s | %.2f | %.2f | %.2f |" % (codec, nfiles, m[0], m[1], m[2]))
PY
echo "raw results in $OUT" >&2
