#!/usr/bin/env bash
# Times loganalyze against ripgrep, grep and wc on deterministic corpora of both mixes, both
# encodings and both column layouts, in one run on one machine; then checks every throughput,
# scaling, memory and results target and prints whether each is met.
#
#   benchmarks/compare.sh [BUILD_DIR] [WORK_DIR]
#
# BUILD_DIR holds a Release build (default: build); WORK_DIR receives the corpora (default: a
# temporary folder). With SIZE=1G and BIG=4G it needs about 13 GiB of disk and, for a warm
# page cache, as much free memory as the largest file (4 GiB). Corpora already in WORK_DIR
# are reused unless make_corpus is newer than they are.
#
# Environment: RUNS (default 5) runs per timed command (the median is shown); SIZE (default
# 1G) the size of each UTF-8 corpus (the UTF-16LE copies hold the same lines, twice the
# bytes); BIG (default 4G; 0 skips) the size of the one-file scaling and memory check;
# GREP=0 skips grep (about 100 s per GiB with these patterns, so it runs once per UTF-8
# corpus).
#
# Needs ripgrep, GNU grep, wc, zip, cmp, numfmt and GNU time (/usr/bin/time):
# `apt-get install ripgrep zip time`.
set -euo pipefail

build=$(cd "${1:-build}" && pwd)
work=${2:-$(mktemp -d)}
runs=${RUNS:-5}
size=${SIZE:-1G}
big=${BIG:-4G}
use_grep=${GREP:-1}
cli="$build/cli/loganalyze"
make_corpus="$build/benchmarks/make_corpus"
for tool in rg grep wc zip cmp numfmt awk /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "compare.sh: $tool is missing" >&2; exit 2; }
done
[ -x "$cli" ] && [ -x "$make_corpus" ] || {
  echo "compare.sh: $cli or $make_corpus is missing: build $build first" >&2
  exit 2
}
size_bytes=$(numfmt --from=iec "$size")
big_bytes=0
[ "$big" != 0 ] && big_bytes=$(numfmt --from=iec "$big")
mkdir -p "$work"
cd "$work"
la=(--format json -q --year 2026)

echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
  "$(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM," \
  "load average $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine skews the times)"
echo "loganalyze: $("$cli" --version | sed -n 1p)"
echo "rg: $(rg --version | sed -n 1p); grep: $(grep --version | sed -n 1p)"
echo "corpus: $size per UTF-8 file, big: $big, runs: $runs, grep: $([ "$use_grep" = 0 ] && echo skipped || echo once per UTF-8 corpus)"
echo "GB/s = input bytes / median seconds / 1e9; peak RSS = the largest of the runs (rg maps"
echo "the file, so its RSS counts the file's pages)"
echo

# corpus FILE BYTES OPTIONS...: makes FILE unless it is there and newer than make_corpus;
# the shares make_corpus measured go to FILE.stats.
corpus() {
  local file=$1 bytes=$2; shift 2
  if [ ! -f "$file" ] || [ ! -f "$file.stats" ] || [ "$make_corpus" -nt "$file" ]; then
    "$make_corpus" "$file" "$bytes" "$@" --stats > "$file.stats"
  fi
}

# The corpora: name, mix, layout, encoding.
names=(real-2016.utf8 real-2019.utf8 real-2016.utf16 worst-2016.utf8 worst-2016.utf16)
declare -A mix_of=([real-2016.utf8]=realistic [real-2019.utf8]=realistic
  [real-2016.utf16]=realistic [worst-2016.utf8]=worst [worst-2016.utf16]=worst)
declare -A layout_of=([real-2016.utf8]=2016 [real-2019.utf8]=2019 [real-2016.utf16]=2016
  [worst-2016.utf8]=2016 [worst-2016.utf16]=2016)
for n in "${names[@]}"; do
  if [[ $n == *.utf16 ]]; then
    corpus "$n.errlog" $((size_bytes * 2)) --utf16 --mix "${mix_of[$n]}" --layout "${layout_of[$n]}"
  else
    corpus "$n.errlog" "$size_bytes" --mix "${mix_of[$n]}" --layout "${layout_of[$n]}"
  fi
done
"$cli" patterns export --dialect portable > patterns.rg
"$cli" patterns export --dialect ere > patterns.ere

echo "== the corpora, as make_corpus measured them (shares of records)"
printf '%-18s %9s %9s %8s %8s %8s %8s %8s %8s %8s %8s %7s\n' corpus records "cont.lines" \
  WARNING ERROR FATAL CRITICAL coded "no ptr" managed "no GUID" crashes
for n in "${names[@]}"; do
  awk -v n="$n" '
    $1 == "records" && NF == 2 {r = $2}
    $1 == "continuation" {c = $3}
    $1 ~ /^(WARNING|ERROR|FATAL|CRITICAL|coded)$/ && NF == 3 {s[$1] = $3}
    $1 == "managed" {s["managed"] = $4}
    $1 == "empty" {s["ptr"] = $4}
    $1 == "no" && $2 == "task" {s["guid"] = $5}
    $1 == "crash" {k = $3}
    END {printf "%-18s %9d %9d %8s %8s %8s %8s %8s %8s %8s %8s %7d\n", n, r, c, s["WARNING"],
         s["ERROR"], s["FATAL"], s["CRITICAL"], s["coded"], s["ptr"], s["managed"], s["guid"], k}
  ' "$n.errlog.stats"
done
echo

# median_of N KEEP COMMAND...: runs it N times, keeping the first run's output in KEEP;
# prints "median_seconds peak_rss_kib same" (same: 1 when every run wrote the same bytes).
# GNU time gives the peak RSS; the wall time is taken in nanoseconds around it (GNU time
# counts hundredths of a second).
# Output goes to a file, not /dev/null: GNU grep stops at the first match when it writes to
# /dev/null.
median_of() {
  local n=$1 keep=$2 times=() rss=0 same=1 t0 t1 m
  shift 2
  for ((i = 0; i < n; i++)); do
    t0=$(date +%s%N)
    /usr/bin/time -f "%M" -o time.out "$@" > cmd.out 2> cmd.err || true
    t1=$(date +%s%N)
    m=$(tail -n 1 time.out)
    times+=("$(awk -v ns=$((t1 - t0)) 'BEGIN {printf "%.4f", ns/1e9}')")
    ((m > rss)) && rss=$m
    if ((i == 0)); then
      mv cmd.out "$keep"
    elif ! cmp -s cmd.out "$keep"; then
      same=0
    fi
  done
  printf '%s\n' "${times[@]}" | sort -g | awk -v rss="$rss" -v same="$same" \
    '{a[NR]=$1} END {m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2; print m, rss, same}'
}

bytes() { du -sb "$1" | cut -f1; }
declare -A secs mem gbs same
# row KEY LABEL FILE N COMMAND...: times COMMAND N times on FILE (a warm page cache first);
# the first run's output is kept in out/KEY.
mkdir -p out
row() {
  local key=$1 label=$2 file=$3 n=$4 s m k b
  shift 4
  cat "$file" > /dev/null 2>&1 || find "$file" -type f -exec cat {} + > /dev/null
  read -r s m k < <(median_of "$n" "out/$key" "$@")
  b=$(bytes "$file")
  secs[$key]=$s; mem[$key]=$m; same[$key]=$k
  gbs[$key]=$(awk -v s="$s" -v b="$b" 'BEGIN {printf "%.3f", (s > 0 ? b/s/1e9 : 0)}')
  awk -v l="$label" -v s="$s" -v g="${gbs[$key]}" -v m="$m" -v n="$n" \
    'BEGIN {printf "  %-40s %8.3f s %8.3f GB/s %8.1f MiB  (%d run%s)\n", l, s, g, m/1024, n, (n > 1 ? "s" : "")}'
}
na() { printf '  %-40s %s\n' "$1" "$2"; }

for n in "${names[@]}"; do
  f=$n.errlog
  enc=UTF-8
  [[ $n == *.utf16 ]] && enc=UTF-16LE
  echo "== ${mix_of[$n]} mix, ${layout_of[$n]} layout, $enc ($(bytes "$f") bytes)"
  row "la:$n" "loganalyze --format json -j1" "$f" "$runs" "$cli" "$f" "${la[@]}" -j1
  row "rg:$n" "rg -c -f patterns.rg" "$f" "$runs" rg -c -f patterns.rg "$f"
  if [ "$enc" = UTF-16LE ]; then
    na "grep -c -E -i -f patterns.ere" "n/a: grep cannot read UTF-16LE (rg transcodes it by its BOM)"
  elif [ "$use_grep" = 0 ]; then
    na "grep -c -E -i -f patterns.ere" "skipped (GREP=0)"
  else
    row "grep:$n" "grep -c -E -i -f patterns.ere" "$f" 1 grep -c -E -i -f patterns.ere "$f"
  fi
  row "wc:$n" "wc -l" "$f" "$runs" wc -l "$f"
  awk -v a="${secs[la:$n]}" -v r="${secs[rg:$n]}" -v g="${secs[grep:$n]:-0}" -v w="${secs[wc:$n]}" \
    'BEGIN {printf "  loganalyze is %.2fx as fast as rg", r/a
            if (g > 0) printf ", %.1fx as fast as grep", g/a
            printf "; wc -l (the floor) %.1fx faster than loganalyze\n", a/w}'
  echo
done

real="real-2016.utf8"
echo "== -j2 against -j1 on the same input (the outputs are compared below)"
row "la-j2:$real" "$real -j2" "$real.errlog" "$runs" "$cli" "$real.errlog" "${la[@]}" -j2
if [ "$big" != 0 ]; then
  corpus big.errlog "$big_bytes"
  row "big-j1" "big.errlog ($big) -j1" big.errlog "$runs" "$cli" big.errlog "${la[@]}" -j1
  row "big-j2" "big.errlog ($big) -j2" big.errlog "$runs" "$cli" big.errlog "${la[@]}" -j2
  awk -v a="${secs[big-j1]}" -v b="${secs[big-j2]}" \
    'BEGIN {printf "  one %s file: -j2 runs %.2fx as fast as -j1\n", "'"$big"'", a/b}'
fi
echo

if [ ! -d bundle ] || [ "$make_corpus" -nt bundle/CBEngine0.errlog ]; then
  rm -rf bundle bundle.zip
  "$make_corpus" --bundle bundle 8 128M --stats > bundle.stats
fi
[ -f bundle.zip ] || (cd bundle && zip -q -1 ../bundle.zip ./*.errlog)
echo "== bundle of 8 files of 128 MiB, realistic mix ($(bytes bundle) bytes), and the same as a zip ($(bytes bundle.zip) bytes)"
row "bundle-j1" "bundle -j1" bundle "$runs" "$cli" bundle "${la[@]}" -j1
row "bundle-j2" "bundle -j2" bundle "$runs" "$cli" bundle "${la[@]}" -j2
row "zip-j1" "bundle.zip -j1" bundle.zip "$runs" "$cli" bundle.zip "${la[@]}" -j1
row "zip-j2" "bundle.zip -j2" bundle.zip "$runs" "$cli" bundle.zip "${la[@]}" -j2
awk -v a="${secs[bundle-j1]}" -v b="${secs[bundle-j2]}" -v c="${secs[zip-j1]}" \
    -v d="${secs[zip-j2]}" \
  'BEGIN {printf "  speed-up with -j2: folder %.2fx, zip %.2fx (zip GB/s: compressed bytes)\n", a/b, c/d}'
echo

echo "== start-up: loganalyze explain 0x80070005"
# GNU time counts in hundredths of a second: the mean of 20 runs, timed in nanoseconds.
start=$(date +%s%N)
for ((i = 0; i < 20; i++)); do "$cli" explain 0x80070005 > /dev/null; done
end=$(date +%s%N)
awk -v ns="$((end - start))" 'BEGIN {printf "  explain: %.1f ms wall (mean of 20 runs)\n", ns/20/1e6}'
echo

# The targets, each computed from the rows above.
echo "== targets (median of $runs run(s), -j1 unless said, --format json, page cache warm)"
printf '  %-52s %14s %12s  %s\n' target measured wanted result
target() {  # LABEL MEASURED OP WANTED UNIT
  awk -v l="$1" -v v="$2" -v op="$3" -v w="$4" -v u="$5" 'BEGIN {
    ok = (op == ">=") ? v >= w : (op == "<=") ? v <= w : v > w
    printf "  %-52s %10.2f %-3s %2s %6.2f %-3s  %s\n", l, v, u, op, w, u, ok ? "met" : "NOT met"
  }'
  return 0
}
skipped() { printf '  %-52s %14s %12s  %s\n' "$1" - - "$2"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.3f", a/b}'; }
mib() { awk -v k="$1" 'BEGIN {printf "%.1f", k/1024}'; }
target "UTF-8, realistic, 2016 layout: GB/s per core" "${gbs[la:real-2016.utf8]}" ">=" 2.5 ""
target "UTF-8, realistic, 2019 layout: GB/s per core" "${gbs[la:real-2019.utf8]}" ">=" 2.5 ""
target "UTF-8, realistic, 2016: times as fast as rg -c -f" \
  "$(ratio "${secs[rg:real-2016.utf8]}" "${secs[la:real-2016.utf8]}")" ">=" 4 x
target "UTF-8, realistic, 2019: times as fast as rg -c -f" \
  "$(ratio "${secs[rg:real-2019.utf8]}" "${secs[la:real-2019.utf8]}")" ">=" 4 x
target "UTF-16LE, realistic (same lines): GB/s of input" "${gbs[la:real-2016.utf16]}" ">=" 2.0 ""
target "UTF-8, worst mix: GB/s" "${gbs[la:worst-2016.utf8]}" ">=" 1.0 ""
target "UTF-8, worst mix: times as fast as rg -c -f" \
  "$(ratio "${secs[rg:worst-2016.utf8]}" "${secs[la:worst-2016.utf8]}")" ">" 1 x
target "UTF-16LE, worst mix: GB/s of input" "${gbs[la:worst-2016.utf16]}" ">=" 1.0 ""
target "UTF-16LE, worst mix: times as fast as rg -c -f" \
  "$(ratio "${secs[rg:worst-2016.utf16]}" "${secs[la:worst-2016.utf16]}")" ">" 1 x
if [ "$big" != 0 ]; then
  target "one $big file: -j2 speed-up over -j1" "$(ratio "${secs[big-j1]}" "${secs[big-j2]}")" ">=" 1.7 x
else
  skipped "one BIG file: -j2 speed-up over -j1" "skipped (BIG=0)"
fi
target "peak RSS, $size, -j1" "$(mib "${mem[la:$real]}")" "<=" 100 MiB
target "peak RSS, $size, -j2" "$(mib "${mem[la-j2:$real]}")" "<=" 100 MiB
if [ "$big" != 0 ]; then
  target "peak RSS, $big, -j1" "$(mib "${mem[big-j1]}")" "<=" 100 MiB
  target "peak RSS, $big, -j2" "$(mib "${mem[big-j2]}")" "<=" 100 MiB
else
  skipped "peak RSS, BIG, -j1 and -j2" "skipped (BIG=0)"
fi
# Results: the JSON of -j1 and -j2 on the same input, and of every repeated run.
compared=("$real.errlog la:$real la-j2:$real" "bundle bundle-j1 bundle-j2"
  "bundle.zip zip-j1 zip-j2")
[ "$big" != 0 ] && compared+=("big.errlog big-j1 big-j2")
differ=() inputs=()
for c in "${compared[@]}"; do
  read -r input a b <<< "$c"
  inputs+=("$input")
  cmp -s "out/$a" "out/$b" || differ+=("$input")
done
for k in "${!same[@]}"; do
  [[ $k == la* || $k == big* || $k == bundle* || $k == zip* ]] && [ "${same[$k]}" = 0 ] &&
    differ+=("$k (repeated runs)")
done
printf '  %-52s %14s %12s  %s\n' "JSON identical, -j1 vs -j2 and run vs run" \
  "${#differ[@]} differ" "  0 differ" "$([ ${#differ[@]} = 0 ] && echo met || echo "NOT met")"
echo "    compared with cmp: ${inputs[*]} (-j1 vs -j2), and the $runs run(s) of every loganalyze row"
((${#differ[@]})) && echo "    different: ${differ[*]}"
echo "    (the chunking and the fast path cannot be chosen from the command line: only -j is"
echo "    compared here)"
echo
echo "total time: $((SECONDS / 60)) min $((SECONDS % 60)) s; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
