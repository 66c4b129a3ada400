#!/usr/bin/env bash
# Runs Jazzer fuzz targets in fuzzing mode, one after the other, each for the maxDuration written
# in its @FuzzTest annotation (30 minutes), and prints time and executions per target.
#
#   tools/fuzz.sh                          # every target
#   tools/fuzz.sh ReaderFuzzTest#read DecoderFuzzTest#jpeg2000
#
# Reader targets are seeded with the small files of ../shared/corpus (copied into the generated
# corpus directory fuzz/.cifuzz-corpus, which is not committed) besides the committed seeds.
# A finding is written next to the committed seeds as crash-<sha1>: rename it after the problem,
# fix the code, and keep it as a regression input (it then runs in every build).
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${HOUNSFIELD_SHARED:-../shared}
TARGETS=("$@")
if [ ${#TARGETS[@]} -eq 0 ]; then
  TARGETS=(ReaderFuzzTest#read ReaderFuzzTest#roundTrip DecoderFuzzTest#jpeg DecoderFuzzTest#jpegLs
           DecoderFuzzTest#rle DecoderFuzzTest#deflate DecoderFuzzTest#jpeg2000 DeidFuzzTest#deidentify)
fi
[ -n "${SKIP_INSTALL:-}" ] || mvn -B -q -o ${MVN_ARGS:-} install -DskipTests -pl fuzz -am >/dev/null
mkdir -p fuzz/target/fuzz-logs
for t in "${TARGETS[@]}"; do
  cls=${t%%#*}; method=${t##*#}
  corpus=fuzz/.cifuzz-corpus/org.hounsfield.fuzz.$cls/$method
  mkdir -p "$corpus"
  if { [ "$cls" = ReaderFuzzTest ] || [ "$cls" = DeidFuzzTest ]; } && [ -d "$SHARED/corpus" ]; then
    find "$SHARED/corpus" -type f -size -24k ! -name '*.json' ! -name '*.tsv' ! -name '*.md' ! -name '*.txt' \
      -exec sh -c 'cp "$1" "$2/corpus-$(sha1sum "$1" | cut -c1-16)"' _ {} "$corpus" \;
  fi
  log=fuzz/target/fuzz-logs/$cls-$method.log
  start=$(date +%s)
  set +e
  JAZZER_FUZZ=1 mvn -B -o ${MVN_ARGS:-} test -pl fuzz -Dhounsfield.mutation.heap=-Xmx1g -Dtest="$t" -Dsurefire.failIfNoSpecifiedTests=false >"$log" 2>&1
  rc=$?
  set -e
  secs=$(( $(date +%s) - start ))
  last=$(grep -E '^#[0-9]+' "$log" | tail -1 | awk '{print $1}' | tr -d '#')
  status=$([ $rc -eq 0 ] && echo "no finding" || echo "FINDING (see $log)")
  printf '%-28s %5d s  %12s executions  %s\n' "$t" "$secs" "${last:-?}" "$status"
done
