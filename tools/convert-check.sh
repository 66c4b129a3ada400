#!/usr/bin/env bash
# Converts DICOM files to every lossless target of `hounsfield convert` and checks that DCMTK's
# dcmdump and GDCM's gdcminfo read every output (issue 7, "Must show").
#
# Each conversion is verified by Hounsfield itself (the output decoded again and compared with the
# input's stored values); this script adds the independent readers. A file counts as read when the
# tool exits with status 0 and (dcmdump) prints no "E:" error line. A failure is an output the tool
# cannot read although it reads the input; outputs of inputs the tool cannot read either (gdcminfo
# and non-image objects, its asserts on some RT Dose and SEG files) are counted as "na". Files that
# `convert` refuses (JPEG for 1-bit or 32-bit data, pixel data we cannot decode) are counted apart.
# Known GDCM limit, counted as "na" too: gdcminfo (GDCM 3.0.21) aborts on RLE Lossless files with
# Bits Allocated 1 or Bits Stored < Bits Allocated, whoever wrote them: it aborts on the corpus's own
# 1-bit RLE segmentations (modality/seg/liver_rle.dcm) and on `gdcmconv --rle` output of a 7-bit image.
#
# Usage: tools/convert-check.sh [IN] [WORK]
#   IN    file or folder to convert (default ../shared/corpus without malformed/ and dicomdir/)
#   WORK  where outputs go (default a temporary directory, printed at the end)
# Environment: HOUNSFIELD command to run (default: java -jar cli/target/hounsfield.jar),
#   TARGETS (default: explicit-le implicit-le explicit-be deflated rle jpeg-lossless jpeg-ls-lossless),
#   THREADS for convert (default 1).
# Needs: java 17, dcmdump (dcmtk), gdcminfo (libgdcm-tools).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
WORK="${2:-$(mktemp -d)}"
THREADS="${THREADS:-1}"
TARGETS="${TARGETS:-explicit-le implicit-le explicit-be deflated rle jpeg-lossless jpeg-ls-lossless}"
read -r -a HF <<<"${HOUNSFIELD:-java -jar $root/cli/target/hounsfield.jar}"
for t in dcmdump gdcminfo; do
  command -v "$t" >/dev/null || { echo "missing tool: $t" >&2; exit 1; }
done
INPUTS=()
if [ -n "${1:-}" ]; then
  INPUTS=("$(cd "$(dirname "$1")" && pwd)/$(basename "$1")")
else
  # the well-formed corpus: DICOMDIR sets hold offsets (refused by convert), malformed/ is broken on purpose
  corpus="$(cd "$root/../shared/corpus" && pwd)"
  for d in "$corpus"/*/; do
    case "$(basename "$d")" in malformed|dicomdir|reference|tools|LICENSES) continue ;; esac
    INPUTS+=("${d%/}")
  done
fi
mkdir -p "$WORK"

# a tool "fails" on an output when it reads the input but not the output; outputs of inputs the
# tool cannot read either (non-image objects for gdcminfo, its own asserts) are counted apart
reads() {  # tool file
  if [ "$1" = dcmdump ]; then
    dcmdump "$2" >/dev/null 2>"$WORK/tool.err" && ! grep -q '^E:' "$WORK/tool.err"
  else
    gdcminfo "$2" >/dev/null 2>"$WORK/tool.err"
  fi
}
gdcm_rle_limit() {  # file: RLE with Bits Allocated 1 or Bits Stored < Bits Allocated
  local ts ba bs
  ts=$(dcmdump -Un +P 0002,0010 "$1" 2>/dev/null | grep -o '\[[^]]*\]' | tr -d '[]\0 ')
  [ "$ts" = "1.2.840.10008.1.2.5" ] || return 1
  ba=$(dcmdump +P 0028,0100 "$1" 2>/dev/null | awk '{print $3; exit}')
  bs=$(dcmdump +P 0028,0101 "$1" 2>/dev/null | awk '{print $3; exit}')
  [ -n "$ba" ] && [ -n "$bs" ] && { [ "$ba" = 1 ] || [ "$bs" -lt "$ba" ]; }
}
total_bad=0
printf '%-18s %8s %8s %10s %10s %10s %10s %9s\n' target written refused dcmdump-ok dcmdump-na gdcminfo-ok gdcminfo-na failures
for t in $TARGETS; do
  out="$WORK/$t"
  rm -rf "$out"
  : >"$WORK/$t.log"; : >"$WORK/$t.err"; : >"$WORK/$t.failures"
  written=0; bad=0
  declare -A ok=([dcmdump]=0 [gdcminfo]=0) na=([dcmdump]=0 [gdcminfo]=0)
  for in in "${INPUTS[@]}"; do
    dest="$out"
    [ -d "$in" ] && dest="$out/$(basename "$in")"
    mkdir -p "$out"
    "${HF[@]}" convert --transfer-syntax "$t" --threads "$THREADS" "$in" "$dest" >>"$WORK/$t.log" 2>>"$WORK/$t.err" || true
    while IFS= read -r -d '' f; do
      written=$((written + 1))
      if [ -d "$in" ]; then src="$in/${f#"$dest"/}"; else src="$in"; fi
      for tool in dcmdump gdcminfo; do
        if reads "$tool" "$f" 2>/dev/null; then
          ok[$tool]=$((ok[$tool] + 1))
        elif ! reads "$tool" "$src" 2>/dev/null || { [ "$tool" = gdcminfo ] && gdcm_rle_limit "$f"; }; then
          na[$tool]=$((na[$tool] + 1))
        else
          echo "$tool  $f: $(head -c 300 "$WORK/tool.err" | tr '\n' ' ')" >>"$WORK/$t.failures"; bad=$((bad + 1))
        fi
      done
    done < <(find "$dest" -type f -print0 2>/dev/null)
  done
  refused=$(grep -c '^ERROR' "$WORK/$t.err" || true)
  printf '%-18s %8d %8d %10d %10d %10d %10d %9d\n' "$t" "$written" "$refused" "${ok[dcmdump]}" "${na[dcmdump]}" \
    "${ok[gdcminfo]}" "${na[gdcminfo]}" "$bad"
  total_bad=$((total_bad + bad))
done
echo "outputs, convert logs (*.err: files convert refused) and reader failures (*.failures) in $WORK"
[ "$total_bad" -eq 0 ]
