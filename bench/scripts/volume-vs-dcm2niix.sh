#!/usr/bin/env bash
# Scan + volume of a phantom CT series (default 300 slices of 512x512): `hounsfield volume` against
# dcm2niix, wall time and peak memory (/usr/bin/time -v: maximum resident set size), in one run.
# Also: the smallest Java heap (-Xmx) at 1.2x the voxel data, with the peak heap the GC log shows,
# and the same series as JPEG 2000 (made with gdcmconv) when our decoder and gdcmconv are there.
#
# Usage: bench/scripts/volume-vs-dcm2niix.sh            (from the repository root, after mvn package)
# Environment: SLICES=300 SIZE=512 RUNS=3 WORK=/tmp/dir J2K=1 (0: skip the JPEG 2000 part)
#              HF_CLASSPATH=cli/target/hounsfield.jar HF_MAIN=org.hounsfield.cli.Main
#              JAVA_TUNED="-XX:TieredStopAtLevel=1"  (JVM options of the second hounsfield rows: C1 only,
#              no C2 compiler threads competing with the work on a short run; the launcher rows use
#              the launcher's own defaults: its class-data-sharing archive, and C1 only for volume)
set -euo pipefail
cd "$(dirname "$0")/../.."
SLICES=${SLICES:-300}
SIZE=${SIZE:-512}
RUNS=${RUNS:-3}
HF_CLASSPATH=${HF_CLASSPATH:-cli/target/hounsfield.jar}
HF_MAIN=${HF_MAIN:-org.hounsfield.cli.Main}
JAVA_TUNED=${JAVA_TUNED:--XX:TieredStopAtLevel=1}
WORK=${WORK:-$(mktemp -d /tmp/hf-volbench.XXXXXX)}
command -v dcm2niix >/dev/null || { echo "dcm2niix is not installed"; exit 1; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time is not installed (apt-get install time)"; exit 1; }

mkdir -p "$WORK"
# $WORK/hf JAVA_OPTIONS... -- ARGS...: a script, so that /usr/bin/time can run it
cat > "$WORK/hf" <<SCRIPT
#!/usr/bin/env bash
opts=()
while [ "\$1" != "--" ]; do opts+=("\$1"); shift; done
shift
exec java "\${opts[@]}" -cp "$HF_CLASSPATH" "$HF_MAIN" "\$@"
SCRIPT
chmod +x "$WORK/hf"
hf() { "$WORK/hf" "$@"; }

# median wall time (s) and max peak RSS (MiB) over RUNS runs of a command. Every run writes a new
# file, as dcm2niix does (it adds a suffix rather than overwrite): the outputs of the previous run
# are deleted first, outside the timing (replacing a 150 MiB file makes the kernel free its pages
# inside the timed run, about 0.1 s).
measure() {
  local label=$1; shift
  local times=() cpus=() rss=0
  for _ in $(seq "$RUNS"); do
    rm -f "$WORK"/out/d2n* "$WORK"/out/hf.* "$WORK"/out/j2k.*
    /usr/bin/time -f "%e %M %U %S" -o "$WORK/time.txt" "$@" > "$WORK/out.txt" 2>&1 || { echo "FAILED: $label"; cat "$WORK/out.txt"; return 1; }
    read -r t m u s < "$WORK/time.txt"
    times+=("$t")
    cpus+=("$(awk "BEGIN { print $u + $s }")")
    [ "$m" -gt "$rss" ] && rss=$m
  done
  local med best cpu
  med=$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  best=$(printf '%s\n' "${times[@]}" | sort -g | head -1)
  cpu=$(printf '%s\n' "${cpus[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  printf '| %-48s | %6.2f s | %6.2f s | %6.2f s | %6d MiB |\n' "$label" "$med" "$best" "$cpu" "$((rss / 1024))"
}

echo "# volume-vs-dcm2niix: $SLICES slices of ${SIZE}x${SIZE}, $RUNS runs each, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# $(dcm2niix -v 2>&1 | head -1); $(java -version 2>&1 | head -1)"
rm -rf "$WORK/out"
mkdir -p "$WORK/out"
if [ "$(ls "$WORK/native" 2>/dev/null | wc -l)" != "$SLICES" ]; then
  rm -rf "$WORK/native"
  hf -- phantom "$WORK/native" --slices "$SLICES" --size "$SIZE" --shuffle
fi
VOXEL_MB=$(( SLICES * SIZE * SIZE * 2 / 1048576 ))
echo "# voxel data: $VOXEL_MB MiB; files: $(du -sm "$WORK/native" | cut -f1) MiB"
echo
echo "| command (native, explicit VR little endian) | median wall | best wall | CPU (user+sys) | peak RSS |"
echo "| --- | ---: | ---: | ---: | ---: |"
measure "dcm2niix -z n (.nii)" dcm2niix -z n -f d2n -o "$WORK/out" "$WORK/native"
measure "hounsfield volume -o x.nii" "$WORK/hf" -- volume "$WORK/native" -o "$WORK/out/hf.nii"
measure "hounsfield volume -o x.nii ($JAVA_TUNED)" "$WORK/hf" $JAVA_TUNED -- volume "$WORK/native" -o "$WORK/out/hf.nii"
./hounsfield --version > /dev/null   # the launcher makes its class-data-sharing archive once
measure "./hounsfield volume -o x.nii (launcher: AppCDS, C1)" ./hounsfield volume "$WORK/native" -o "$WORK/out/hf.nii"
measure "dcm2niix -z y (.nii.gz)" dcm2niix -z y -f d2n -o "$WORK/out" "$WORK/native"
measure "hounsfield volume -o x.nii.gz" "$WORK/hf" -- volume "$WORK/native" -o "$WORK/out/hf.nii.gz"
measure "hounsfield volume -o x.nii.gz ($JAVA_TUNED)" "$WORK/hf" $JAVA_TUNED -- volume "$WORK/native" -o "$WORK/out/hf.nii.gz"
measure "./hounsfield volume -o x.nii.gz (launcher)" ./hounsfield volume "$WORK/native" -o "$WORK/out/hf.nii.gz"
measure "hounsfield series (scan only)" "$WORK/hf" -- series "$WORK/native"
if [ -n "${BENCH_CP:-}" ] || [ -f bench/target/benchmarks.jar ]; then
  # the library in a long-running process: the same work repeated in one JVM (bench jar)
  echo
  echo "# in one JVM (VolumeTimer, scan + write-through .nii, new file each round): $(java -cp "${BENCH_CP:-bench/target/benchmarks.jar}" org.hounsfield.bench.VolumeTimer --rounds 10 "$WORK/native" "$WORK/out/warm.nii")"
  echo "# in one JVM, .nii.gz: $(java -cp "${BENCH_CP:-bench/target/benchmarks.jar}" org.hounsfield.bench.VolumeTimer --rounds 10 "$WORK/native" "$WORK/out/warm.nii.gz")"
fi
"$WORK/hf" -- volume "$WORK/native" -o "$WORK/out/hf.nii" > /dev/null
"$WORK/hf" -- volume "$WORK/native" -o "$WORK/out/hf.nii.gz" > /dev/null
cmp "$WORK/out/hf.nii" <(gzip -dc "$WORK/out/hf.nii.gz") && echo && echo "# .nii and .nii.gz hold the same bytes"
cp "$WORK/out/hf.nii" "$WORK/native.nii"

# heap: a .nii is written through (slices go into the file as they load; no volume in memory), so
# a small heap is enough; the GC log gives the largest heap in use
echo
if hf -Xmx32m "-Xlog:gc:file=$WORK/gc.log" -- volume "$WORK/native" -o "$WORK/out/heap.nii" > /dev/null 2>&1; then
  peak=$( (grep -o '[0-9]*M->[0-9]*M' "$WORK/gc.log" || true) | tr 'M>-' '   ' | awk '{ if ($1 > m) m = $1 } END { print m + 0 }')
  echo "# .nii with -Xmx32m: enough; largest heap in use before a collection ${peak} MiB"
else
  echo "# .nii with -Xmx32m: not enough"
fi
# a .nii.gz holds the volume: -Xmx at 1.2x the voxel data must be enough (default G1 collector: the
# voxel array is one humongous object; Serial/Parallel GC would need an old generation larger than
# the array)
for pct in 120 110 105; do
  x=$(( VOXEL_MB * pct / 100 ))
  if hf -Xmx${x}m "-Xlog:gc:file=$WORK/gc.log" -- volume "$WORK/native" -o "$WORK/out/heap.nii.gz" > /dev/null 2>&1; then
    peak=$( (grep -o '[0-9]*M->[0-9]*M' "$WORK/gc.log" || true) | tr 'M>-' '   ' | awk '{ if ($1 > m) m = $1 } END { print m + 0 }')
    echo "# .nii.gz with -Xmx${x}m (${pct}% of the voxel data): enough; largest heap in use before a collection ${peak} MiB"
  else
    echo "# .nii.gz with -Xmx${x}m (${pct}% of the voxel data): not enough"
  fi
done

# JPEG 2000, when GDCM can write it and our decoder reads it
if [ "${J2K:-1}" = 1 ] && command -v gdcmconv >/dev/null; then
  rm -rf "$WORK/j2k"; mkdir -p "$WORK/j2k"
  for f in "$WORK"/native/*.dcm; do gdcmconv --j2k "$f" "$WORK/j2k/$(basename "$f")"; done
  if hf -- volume "$WORK/j2k" -o "$WORK/out/j2k.nii" > "$WORK/out.txt" 2>&1; then
    echo
    echo "| command (JPEG 2000 lossless, gdcmconv --j2k) | median wall | best wall | CPU (user+sys) | peak RSS |"
    echo "| --- | ---: | ---: | ---: | ---: |"
    measure "dcm2niix -z n (.nii)" dcm2niix -z n -f d2nj -o "$WORK/out" "$WORK/j2k"
    measure "hounsfield volume -o x.nii" "$WORK/hf" -- volume "$WORK/j2k" -o "$WORK/out/j2k.nii"
    measure "./hounsfield volume -o x.nii (launcher)" ./hounsfield volume "$WORK/j2k" -o "$WORK/out/j2k.nii"
    cmp "$WORK/out/j2k.nii" "$WORK/native.nii" && echo "# JPEG 2000 volume identical to the native one"
  else
    echo "# JPEG 2000: not measured, hounsfield cannot decode it yet: $(tail -1 "$WORK/out.txt")"
  fi
fi
echo "# work folder: $WORK"
