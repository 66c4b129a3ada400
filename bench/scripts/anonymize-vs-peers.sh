#!/usr/bin/env bash
# De-identification speed: files per second anonymizing a 300-slice CT series, Hounsfield against
# GDCM's gdcmanon and a DCMTK dcmodify command line, in one hyperfine run.
#
# The series: SLICES slices of SIZE x SIZE 16-bit pixels written by our example phantom
# (org.hounsfield.core.example.HeadPhantom.slice), one study, one series, Explicit VR Little Endian
# (512 x 512: 300 files of 0.5 MiB).
#
# Commands (each a process start, wall clock, output written to disk):
#   hounsfield        `hounsfield anonymize --secret-file KEY IN OUT`: the PS3.15 Basic Profile
#                     from Table E.1-1 at every depth, consistent UIDs, all cores (--threads 1: one).
#   gdcmanon          `gdcmanon -e -c CERT -i IN -o OUT`: GDCM's PS3.15 E.1.1 de-identifier
#                     (Basic Profile, and the original attributes encrypted into the Encrypted
#                     Attributes Sequence with the certificate, which GDCM requires). One thread.
#   dcmodify          DCMTK has no de-identifier; this is the dcmodify command line that applies the
#                     Basic Profile to the attributes this series holds (empty/replace/erase, new SOP
#                     Instance UIDs, private data erased), in place on a fresh copy made before each
#                     run (the copy is not timed). It covers these files only, not the profile.
#
# Usage: bench/scripts/anonymize-vs-peers.sh
# Environment: SLICES (300), SIZE (512), RUNS hyperfine runs (3), HOUNSFIELD command
#   (default: java -jar cli/target/hounsfield.jar), CLI_CP class path holding HeadPhantom (default
#   cli/target/hounsfield.jar), OUT work directory (default: a temporary one, printed).
# Needs: java 17, hyperfine, gdcmanon (libgdcm-tools), dcmodify (dcmtk), openssl.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
SLICES="${SLICES:-300}"
SIZE="${SIZE:-512}"
RUNS="${RUNS:-3}"
CLI_CP="${CLI_CP:-$root/cli/target/hounsfield.jar}"
HF="${HOUNSFIELD:-java -jar $root/cli/target/hounsfield.jar}"
for t in java hyperfine gdcmanon dcmodify openssl; do
  command -v "$t" >/dev/null || { echo "missing tool: $t" >&2; exit 1; }
done
OUT="${OUT:-$(mktemp -d)}"
mkdir -p "$OUT"
cd "$OUT"

# 1. the series
cat >MakeSeries.java <<'JAVA'
import java.nio.file.Path;
import org.hounsfield.core.example.HeadPhantom;
import org.hounsfield.core.io.DicomWriter;

public class MakeSeries {
    public static void main(String[] a) {
        int n = Integer.parseInt(a[1]);
        int size = Integer.parseInt(a[2]);
        for (int i = 0; i < n; i++) {
            DicomWriter.write(HeadPhantom.slice(size, i), Path.of(a[0], String.format("CT%04d.dcm", i + 1)));
        }
    }
}
JAVA
rm -rf series
java -cp "$CLI_CP" MakeSeries.java series "$SLICES" "$SIZE"
echo "series: $SLICES files, $(du -sh series | cut -f1) in $OUT/series" >&2

# 2. keys: our secret, GDCM's certificate
head -c 32 /dev/urandom >site.key
openssl req -x509 -newkey rsa:2048 -nodes -keyout key.pem -out cert.pem -days 2 -subj /CN=hounsfield-bench >/dev/null 2>&1

# 3. the dcmodify equivalent for the attributes of this series (PS3.15 Table E.1-1 actions)
DCMODIFY="dcmodify -nb -q -ie -gin -ep \
 -ma '(0010,0010)=ANON' -ma '(0010,0020)=ANON' -ma '(0010,0030)=' -ma '(0010,0040)=' \
 -ma '(0008,0020)=' -ma '(0008,0030)=' -ma '(0008,0050)=' -ma '(0008,0090)=' -ma '(0020,0010)=' \
 -ma '(0008,0021)=19000101' -ma '(0008,0023)=19000101' -ma '(0008,0033)=000000' -ma '(0008,0080)=ANON' \
 -ea '(0008,1030)' -ea '(0008,103E)' \
 -ma '(0020,000D)=2.25.1' -ma '(0020,000E)=2.25.2' -ma '(0020,0052)=2.25.3' \
 -i '(0012,0062)=YES' -i '(0012,0063)=dcmodify'"

rm -rf out-* work
hyperfine --style basic --runs "$RUNS" --export-json anonymize.json --export-markdown anonymize.md \
  --prepare "rm -rf out-hf out-hf1 out-gdcm work && cp -r series work" \
  -n hounsfield "$HF anonymize --secret-file site.key series out-hf" \
  -n "hounsfield --threads 1" "$HF anonymize --secret-file site.key --threads 1 series out-hf1" \
  -n gdcmanon "gdcmanon -e -c cert.pem -i series -o out-gdcm" \
  -n dcmodify "$DCMODIFY work/*.dcm" >&2

# 4. files per second
python3 - "$SLICES" anonymize.json <<'PY'
import json, sys
n = int(sys.argv[1])
res = json.load(open(sys.argv[2]))["results"]
print(f"{'command':<24} {'mean s':>8} {'stddev':>8} {'files/s':>9}")
for r in res:
    print(f"{r['command']:<24} {r['mean']:8.2f} {r['stddev'] or 0:8.2f} {n / r['mean']:9.1f}")
PY
echo "results: $OUT/anonymize.json, $OUT/anonymize.md" >&2
