#!/usr/bin/env bash
# Counts the instructions `loganalyze --format json -j1` executes on small deterministic
# corpora, for one build or several side by side: a measure of the work done that, unlike
# time, does not change with other work on the machine (compare.sh's times vary by 10-40%
# on a shared machine; these counts by less than 0.1%). For comparing two versions of the
# code, not for throughput: instructions are not cycles (cache misses, branch mispredictions
# and vector width are not counted), and it runs about 50 times slower than the tool.
#
#   benchmarks/instructions.sh [BUILD_DIR...]
#
# Each BUILD_DIR holds a Release build (default: build). The corpora go to WORK_DIR
# (default: a temporary folder). Environment: SIZE (default 64M), the size of each UTF-8
# corpus (the UTF-16LE one holds the same lines, twice the bytes).
#
# Prints, per build and corpus, the instructions of the whole run and those per input byte
# once the run on a one-line log (the start: loading and compiling the knowledge base) is
# taken off. Needs valgrind (`apt-get install valgrind`).
set -euo pipefail

builds=("$@")
[ ${#builds[@]} -eq 0 ] && builds=(build)
work=${WORK_DIR:-$(mktemp -d)}
size=${SIZE:-64M}
command -v valgrind >/dev/null || { echo "instructions.sh: valgrind is missing" >&2; exit 2; }
for b in "${builds[@]}"; do
  [ -x "$b/cli/loganalyze" ] || { echo "instructions.sh: $b/cli/loganalyze is missing" >&2; exit 2; }
done
make_corpus=${builds[0]}/benchmarks/make_corpus
[ -x "$make_corpus" ] || { echo "instructions.sh: $make_corpus is missing" >&2; exit 2; }
mkdir -p "$work"

# corpus NAME OPTIONS...: made once per WORK_DIR and size.
corpus() {
  local file=$work/$1.$size.errlog; shift
  [ -f "$file" ] || "$make_corpus" "$file" "$@" >/dev/null
  echo "$file"
}
size_bytes=$(numfmt --from=iec "$size")
one=$work/one.errlog
printf '0AB3\t097C\t12/01\t08:00:00.192\t12\tproxyhelper.cpp(231)\t\t\tNORMAL\tstarted\r\n' > "$one"
files=(
  "realistic UTF-8|$(corpus real.utf8 "$size_bytes" --mix realistic)"
  "worst UTF-8|$(corpus worst.utf8 "$size_bytes" --mix worst)"
  "realistic UTF-16LE|$(corpus real.utf16 $((size_bytes * 2)) --utf16 --mix realistic)"
)

# instructions BINARY FILE: the instructions of one run, as valgrind counts them.
instructions() {
  valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
    "$1" "$2" --format json -q --year 2026 -j1 2>&1 >/dev/null |
    awk '/I *refs:/ {gsub(",", "", $NF); print $NF}'
}

echo "corpora: $size per UTF-8 file, in $work"
printf '%-24s %-20s %16s %14s\n' build input instructions "per byte"
for b in "${builds[@]}"; do
  cli=$b/cli/loganalyze
  start=$(instructions "$cli" "$one")
  printf '%-24s %-20s %16s %14s\n' "$b" "one line (the start)" "$start" ""
  for entry in "${files[@]}"; do
    name=${entry%%|*} file=${entry#*|}
    n=$(instructions "$cli" "$file")
    bytes=$(stat -c %s "$file")
    printf '%-24s %-20s %16s %14s\n' "$b" "$name" "$n" \
      "$(awk -v n="$n" -v s="$start" -v b="$bytes" 'BEGIN {printf "%.2f", (n - s) / b}')"
  done
done
