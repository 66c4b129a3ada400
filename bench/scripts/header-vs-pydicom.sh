#!/usr/bin/env bash
# Header parsing (stop before pixel data) of the corpus, Hounsfield (JMH) against pydicom, in one run.
# Prints files/second for each and the ratio. Needs: mvn, Debian python3-pydicom (/usr/bin/python3).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
corpus="${1:-$root/../shared/corpus}"
cd "$root"
mvn -B -q -DskipTests package -pl bench -am >/dev/null
pyd=$(/usr/bin/python3 -W ignore - "$corpus" <<'PY'
import sys, time, os, pydicom
corpus = sys.argv[1]
rows = [l.split("\t", 1)[0] for l in open(os.path.join(corpus, "MANIFEST.tsv"), encoding="utf-8").read().splitlines()[1:] if l]
files = []
for p in rows:
    if p.startswith("malformed/"):
        continue
    f = os.path.join(corpus, p)
    try:
        pydicom.dcmread(f, stop_before_pixels=True, force=True); files.append(f)
    except Exception:
        pass
def once():
    for f in files:
        ds = pydicom.dcmread(f, stop_before_pixels=True, force=True)
        len(ds)
once()
n = 0; t0 = time.perf_counter()
while time.perf_counter() - t0 < 10:
    once(); n += len(files)
print("%.1f %d" % (n / (time.perf_counter() - t0), len(files)))
PY
)
py_fps=${pyd% *}; nfiles=${pyd#* }
csv=$(mktemp)
java -jar bench/target/benchmarks.jar HeaderParseBenchmark -p corpus="$corpus" -f 1 -wi 3 -i 5 -w 2s -r 2s -rf csv -rff "$csv" >/dev/null 2>&1
jmh=$(awk -F, 'NR==2 {printf "%.0f", $5}' "$csv"); rm -f "$csv"
echo "header parse, stop before pixel data, ${nfiles} corpus files, single thread"
echo "  hounsfield (JMH)  : ${jmh} files/s"
echo "  pydicom $( /usr/bin/python3 -c 'import pydicom;print(pydicom.__version__)') : ${py_fps} files/s"
python3 -c "print('  ratio            : %.1fx' % (float('${jmh}'.replace(',','')) / float('${py_fps}')))"
