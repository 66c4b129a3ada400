#!/usr/bin/env bash
# Many 512x512 CT slices to PNG in the same run: one 'hounsfield render' call for all of them
# (single-threaded, then on all cores) against one DCMTK 'dcmj2pnm' process per slice, the same
# window (C 40, W 400) on both sides. Prints ms per slice and the ratios; best of 3 runs each.
#
#   bench/scripts/render-vs-dcmtk.sh [CORPUS] [SLICES]    (default ../shared/corpus, 200 slices)
# Needs: dcmj2pnm (Debian dcmtk); the CLI (./hounsfield, or $HOUNSFIELD).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
corpus="${1:-$root/../shared/corpus}"
n="${2:-200}"
hf="${HOUNSFIELD:-$root/hounsfield}"
src="$corpus/transfer-syntax/explicit-vr-le/CT1_UNC.explicit_little_endian.dcm"
command -v dcmj2pnm >/dev/null || { echo "render-vs-dcmtk: dcmj2pnm not installed (apt-get install dcmtk)" >&2; exit 2; }
[ -f "$src" ] || { echo "render-vs-dcmtk: $src not found" >&2; exit 2; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/in"
for i in $(seq -w 1 "$n"); do cp "$src" "$tmp/in/ct$i.dcm"; done
cat "$tmp"/in/*.dcm >/dev/null   # into the page cache

now() { date +%s.%N; }
best() {  # best of 3 wall-clock seconds of "$@", output dir cleared before each run
  local b=""
  for _ in 1 2 3; do
    rm -rf "$tmp/out" && mkdir -p "$tmp/out"
    local t0 t1
    t0=$(now); "$@" >/dev/null 2>&1; t1=$(now)
    b=$(python3 -c "import sys; a=float(sys.argv[1]); b=sys.argv[2]; print(a if not b or a < float(b) else b)" "$(python3 -c "print($t1-$t0)")" "$b")
  done
  echo "$b"
}
dcmtk_all() { for f in "$tmp"/in/*.dcm; do dcmj2pnm +Ww 40 400 +on "$f" "$tmp/out/$(basename "$f" .dcm).png"; done; }

"$hf" render -q --window 40,400 --out-dir "$tmp/warm" "$tmp/in/ct$(printf "%0${#n}d" 1).dcm" >/dev/null 2>&1 || true
t_hf1=$(best "$hf" render -q --threads 1 --window 40,400 --out-dir "$tmp/out" "$tmp/in")
t_hfn=$(best "$hf" render -q --window 40,400 --out-dir "$tmp/out" "$tmp/in")
t_dc=$(best dcmtk_all)
cores=$(nproc)
python3 - "$n" "$t_hf1" "$t_hfn" "$t_dc" "$cores" <<'PY'
import sys
n, hf1, hfn, dc, cores = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
print("%d CT slices 512x512 to PNG, window C 40 W 400, best of 3 runs (JVM start included for hounsfield)" % n)
print("  hounsfield render, 1 call, 1 thread   : %7.2f ms/slice  (%.2f s)" % (1000 * hf1 / n, hf1))
print("  hounsfield render, 1 call, %s threads  : %7.2f ms/slice  (%.2f s)" % (cores, 1000 * hfn / n, hfn))
print("  dcmj2pnm, 1 process per slice        : %7.2f ms/slice  (%.2f s)" % (1000 * dc / n, dc))
print("  ratio dcmj2pnm / hounsfield           : %.1fx (1 thread), %.1fx (%s threads)" % (dc / hf1, dc / hfn, cores))
PY
