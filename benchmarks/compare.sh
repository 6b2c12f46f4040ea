#!/usr/bin/env bash
# Times loganalyze against ripgrep, grep and wc on the same deterministic corpus, in one run
# on one machine, and prints medians, throughput, ratios and peak memory.
#
#   benchmarks/compare.sh [BUILD_DIR] [WORK_DIR]
#
# BUILD_DIR holds a Release build (default: build); WORK_DIR receives the corpus (default: a
# temporary folder; about 8 GiB of disk while it runs). Needs ripgrep, grep, wc, zip and
# GNU time (/usr/bin/time): `apt-get install ripgrep zip time`. RUNS (default 5) sets the
# number of runs per command; SIZE (default 1G) the corpus size; BIG (default 4G) the size of
# the memory-bound check (set BIG=0 to skip it).
set -euo pipefail

build=$(cd "${1:-build}" && pwd)
work=${2:-$(mktemp -d)}
runs=${RUNS:-5}
size=${SIZE:-1G}
big=${BIG:-4G}
cli="$build/cli/loganalyze"
make_corpus="$build/benchmarks/make_corpus"
for tool in rg grep wc zip /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "compare.sh: $tool is missing" >&2; exit 2; }
done
[ -x "$cli" ] && [ -x "$make_corpus" ] || { echo "compare.sh: build $build first" >&2; exit 2; }
mkdir -p "$work"
cd "$work"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "corpus: $size, runs: $runs, work dir: $work"
echo

[ -f utf8.errlog ] || "$make_corpus" utf8.errlog "$size"
[ -f utf16.errlog ] || "$make_corpus" utf16.errlog "$size" --utf16
[ -d bundle ] || "$make_corpus" --bundle bundle 8 128M
[ -f bundle.zip ] || (cd bundle && zip -q -1 ../bundle.zip ./*.errlog)
"$cli" patterns export --dialect portable > patterns.rg
"$cli" patterns export --dialect ere > patterns.ere

# median_of N COMMAND...: runs it N times; prints "median_seconds peak_rss_kib". Output goes
# to a file, not /dev/null: GNU grep stops at the first match when it writes to /dev/null.
median_of() {
  local n=$1; shift
  local times=() rss=0
  for ((i = 0; i < n; i++)); do
    /usr/bin/time -f "%e %M" -o time.out "$@" > cmd.out 2> cmd.err || true
    t=$(tail -n 1 time.out | cut -d' ' -f1)
    m=$(tail -n 1 time.out | cut -d' ' -f2)
    times+=("$t")
    (( m > rss )) && rss=$m
  done
  printf '%s\n' "${times[@]}" | sort -g | awk -v rss="$rss" \
    '{a[NR]=$1} END {m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2; print m, rss}'
}

bytes() { stat -c %s "$1"; }
declare -A secs mem
row() {  # name file command...
  local name=$1 file=$2 n=$runs; shift 2
  [[ "$name" == grep* ]] && n=1  # grep takes minutes per run with these patterns
  cat "$file" > /dev/null  # every tool starts with the file in the page cache
  read -r s m < <(median_of "$n" "$@")
  secs[$name]=$s; mem[$name]=$m
  awk -v n="$name" -v s="$s" -v b="$(bytes "$file")" -v m="$m" -v runs="$n" \
    'BEGIN {printf "%-38s %8.3f s %8.3f GB/s %9.1f MiB  (%d run%s)\n", n, s, b/s/1e9, m/1024, runs, (runs > 1 ? "s" : "")}'
}

echo "== UTF-8 errlog, -j1, full report ($(bytes utf8.errlog) bytes)"
row "loganalyze --format json -j1" utf8.errlog "$cli" utf8.errlog --format json -j1 -q --year 2026
row "rg -c -f patterns" utf8.errlog rg -c -f patterns.rg utf8.errlog
row "grep -c -E -i -f patterns" utf8.errlog grep -c -E -i -f patterns.ere utf8.errlog
row "wc -l" utf8.errlog wc -l utf8.errlog
awk -v a="${secs[loganalyze --format json -j1]}" -v r="${secs[rg -c -f patterns]}" \
    -v g="${secs[grep -c -E -i -f patterns]}" -v w="${secs[wc -l]}" \
  'BEGIN {printf "ratios: loganalyze runs %.2fx as fast as ripgrep and %.1fx as fast as grep; wc -l (the floor) is %.1fx faster than loganalyze\n", r/a, g/a, a/w}'
echo

echo "== UTF-16LE errlog, -j1 ($(bytes utf16.errlog) bytes)"
row "loganalyze --format json -j1 (utf16)" utf16.errlog "$cli" utf16.errlog --format json -j1 -q --year 2026
row "rg -c -f patterns (utf16)" utf16.errlog rg -c -f patterns.rg utf16.errlog
echo

if [ "$big" != 0 ]; then
  [ -f big.errlog ] || "$make_corpus" big.errlog "$big"
  echo "== peak memory: $size vs $big input"
  row "loganalyze -j1 ($big)" big.errlog "$cli" big.errlog --format json -j1 -q --year 2026
  awk -v a="${mem[loganalyze --format json -j1]}" -v b="${mem[loganalyze -j1 ($big)]}" \
    'BEGIN {printf "peak RSS %.1f MiB vs %.1f MiB (%+.1f%%)\n", a/1024, b/1024, (b-a)*100/a}'
  rm -f big.errlog
  echo
fi

echo "== bundle of 8 files ($(du -sb bundle | cut -f1) bytes), and the same as a zip"
cat bundle/* > /dev/null
row "bundle -j1" utf8.errlog "$cli" bundle --format json -j1 -q --year 2026
row "bundle -j2" utf8.errlog "$cli" bundle --format json -j2 -q --year 2026
row "bundle.zip -j1" bundle.zip "$cli" bundle.zip --format json -j1 -q --year 2026
row "bundle.zip -j2" bundle.zip "$cli" bundle.zip --format json -j2 -q --year 2026
awk -v a="${secs[bundle -j1]}" -v b="${secs[bundle -j2]}" -v c="${secs[bundle.zip -j1]}" \
    -v d="${secs[bundle.zip -j2]}" \
  'BEGIN {printf "speed-up with -j2: folder %.2fx, zip %.2fx\n", a/b, c/d}'
echo "(GB/s: the folder rows divide the 1 GiB corpus size, the zip rows the size of the compressed zip; read the seconds)"
echo

echo "== start-up: loganalyze explain 0x80070005"
row "explain 0x80070005" utf8.errlog "$cli" explain 0x80070005
# GNU time counts in hundredths of a second: the mean of 20 runs, timed in nanoseconds.
start=$(date +%s%N)
for ((i = 0; i < 20; i++)); do "$cli" explain 0x80070005 > /dev/null; done
end=$(date +%s%N)
awk -v ns="$((end - start))" 'BEGIN {printf "explain: %.1f ms wall (mean of 20 runs)\n", ns/20/1e6}'
