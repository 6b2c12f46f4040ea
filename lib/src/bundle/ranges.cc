#include "bundle/ranges.h"

#include <algorithm>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/functional/function_ref.h"
#include "aggregate/analyze_filtered.h"
#include "decode/decoder.h"
#include "decode/encoding_detector.h"
#include "parse/errlog_head.h"
#include "parse/format_detector.h"
#include "pipeline/ranges.h"
#include "source/platform.h"
#include "util/content_hash.h"

namespace loganalyze::internal {
namespace {

// How far past a cut a record start is looked for: a record with a long stack trace after
// it still has its next record within this.
constexpr uint64_t kSearchBytes = uint64_t{1} << 20;

// Passes everything `source` yields to `take`, `chunk` bytes at a time; false on a read
// error.
bool ForEachChunk(ByteSource& source, size_t chunk,
                  absl::FunctionRef<void(std::string_view)> take) {
  const std::unique_ptr<char[]> buffer(new char[chunk]);
  for (;;) {
    absl::StatusOr<size_t> n = source.Read(buffer.get(), chunk);
    if (!n.ok()) return false;
    if (*n == 0) return true;
    take(std::string_view(buffer.get(), *n));
  }
}

// Reads everything `source` yields into `*out`; false on a read error.
bool ReadAll(ByteSource& source, std::string* out) {
  return ForEachChunk(source, 64 * 1024, [out](std::string_view b) { out->append(b); });
}

// True if the code unit at `p` is `c` (a byte, or a UTF-16LE unit).
bool UnitIs(std::string_view s, size_t i, size_t unit, char c) {
  return s[i] == c && (unit == 1 || s[i + 1] == 0);
}

// The offset of the first line at or after `from` (and before `end`) that starts a record,
// as the reader would see it: a line after a line feed, whose head parses. nullopt when
// there is none within kSearchBytes.
std::optional<uint64_t> FindRecordStart(const RangeOpener& open, uint64_t from, uint64_t end,
                                        Encoding encoding, size_t max_line_bytes) {
  const size_t unit = encoding == Encoding::kUtf16Le ? 2 : 1;
  from = from / unit * unit;  // units start at even offsets, after a BOM too
  if (from >= end) return std::nullopt;
  absl::StatusOr<std::unique_ptr<ByteSource>> source =
      open(from, std::min(kSearchBytes, end - from), /*counted=*/false);
  std::string window;
  if (!source.ok() || !ReadAll(**source, &window)) return std::nullopt;
  window.resize(window.size() / unit * unit);
  const std::string_view w = window;
  Decoder decoder(encoding);
  // Past the first line feed: every line start after it is one in the reader's split too.
  size_t i = 0;
  while (i < w.size() && !UnitIs(w, i, unit, '\n')) i += unit;
  while (i < w.size()) {
    const size_t start = i + unit;
    size_t e = start;
    while (e < w.size() && !UnitIs(w, e, unit, '\n') && !UnitIs(w, e, unit, '\r')) e += unit;
    if (e >= w.size()) return std::nullopt;  // the line does not end within the window
    ErrlogHead head;
    if (e - start <= max_line_bytes &&
        ParseErrlogHead(decoder.Decode(w.substr(start, e - start)), &head)) {
      return from + start;
    }
    i = e;
    while (i < w.size() && !UnitIs(w, i, unit, '\n')) i += unit;
  }
  return std::nullopt;
}

// Adds `lines` to the line numbers of the samples of a range's part of the report.
void ShiftLines(uint64_t lines, Report* part) {
  for (auto& [id, f] : part->findings) {
    for (ReportSample& s : f.samples) s.line += lines;
  }
  for (auto& [text, t] : part->unknown) t.example.line += lines;
}

}  // namespace

std::optional<RangeAnalysis> AnalyzeInRanges(const Analyzer& analyzer, const RangeOpener& open,
                                             uint64_t size, const InputInfo& info,
                                             std::string_view path, std::string_view member,
                                             size_t ranges, uint64_t min_range_bytes,
                                             bool sample) {
  const AnalyzeOptions& options = analyzer.options();
  // Only what ranges reproduce exactly: an errlog by its name, every record counted.
  if (ranges < 2 || size < 2 * min_range_bytes || options.since.is_set() ||
      options.until.is_set() || info.year_shift ||
      (info.format ? *info.format : FormatFromName(info.name).value_or(Format::kText)) !=
          Format::kErrlog) {
    return std::nullopt;
  }
  ranges = static_cast<size_t>(std::min<uint64_t>(ranges, size / min_range_bytes));

  // The encoding, as the first range's reader will decide it.
  std::string head;
  {
    absl::StatusOr<std::unique_ptr<ByteSource>> source =
        open(0, std::min<uint64_t>(size, kSniffBytes), /*counted=*/false);
    if (!source.ok() || !ReadAll(**source, &head)) return std::nullopt;
  }
  const Encoding encoding = DetectEncoding(head, head.size() == size).encoding;
  if (encoding != Encoding::kUtf8 && encoding != Encoding::kUtf16Le) return std::nullopt;

  // Cuts at the first record start after each even share of the input; the first range
  // holds at least the head that one read decides the encoding and binary input on.
  std::vector<uint64_t> starts = {0};
  for (size_t k = 1; k < ranges; ++k) {
    const uint64_t target =
        std::max({size / ranges * k, starts.back() + min_range_bytes, uint64_t{kSniffBytes}});
    if (target >= size) break;
    const std::optional<uint64_t> cut =
        FindRecordStart(open, target, size, encoding, options.read.max_line_bytes);
    if (cut && *cut > starts.back() && *cut < size) starts.push_back(*cut);
  }
  if (starts.size() < 2) return std::nullopt;
  const size_t n = starts.size();
  starts.push_back(size);

  RangeSpec first;
  first.encoding = encoding;
  first.reference = ChooseYearReference(info, options.read, UnixNow());
  std::vector<RangeSpec> specs(n, first);
  std::vector<RangeRead> reads(n);
  std::vector<RecordSampler> samplers(n);
  std::vector<std::unique_ptr<RecordAggregator>> aggregators;
  std::vector<bool> opened(n, false);
  for (size_t k = 0; k < n; ++k) {
    specs[k].begin = starts[k];
    aggregators.push_back(std::make_unique<RecordAggregator>(analyzer, path, member, info.name,
                                                             sample ? &samplers[k] : nullptr));
  }
  auto read_range = [&](size_t k) {
    absl::StatusOr<std::unique_ptr<ByteSource>> source =
        open(starts[k], starts[k + 1] - starts[k], /*counted=*/true);
    if (!source.ok()) return;
    opened[k] = true;
    reads[k] = ReadLogRange(**source, info, options.read, specs[k], aggregators[k]->sink());
  };
  // The content hash is of the whole input, in order: one more thread reads it all.
  uint64_t hash = 0;
  bool hashed = false;
  auto hash_all = [&] {
    absl::StatusOr<std::unique_ptr<ByteSource>> source = open(0, size, /*counted=*/false);
    if (!source.ok()) return;
    ContentHash h;
    uint64_t total = 0;
    if (!ForEachChunk(**source, std::max<size_t>(1, options.read.chunk_bytes),
                      [&](std::string_view b) {
                        h.Update(b);
                        total += b.size();
                      })) {
      return;
    }
    hash = h.Finish();
    hashed = total == size;
  };
  std::vector<std::thread> threads;
  threads.emplace_back(hash_all);
  for (size_t k = 1; k < n; ++k) threads.emplace_back(read_range, k);
  read_range(0);
  for (std::thread& t : threads) t.join();

  // Every range read to its end, as it was when the cuts were made.
  if (!hashed) return std::nullopt;
  for (size_t k = 0; k < n; ++k) {
    if (!opened[k] || reads[k].summary.stats.bytes != starts[k + 1] - starts[k]) {
      return std::nullopt;
    }
  }
  std::vector<int> years;
  std::vector<uint64_t> lines;
  std::optional<InputSummary> summary = JoinRangeReads(info, first, reads, &years, &lines);
  if (!summary) return std::nullopt;
  summary->content_hash = hash;

  // The parts in order, with the years and line numbers of the whole input. A bound reached
  // in a part or in the whole keeps other items than one read would (the first ones seen):
  // such an input is read whole.
  Report parts;
  absl::Status status;
  for (size_t k = 0; k < n; ++k) {
    Report part;
    aggregators[k]->Finish(summary->year_shift + years[k], &part);
    ShiftLines(lines[k], &part);
    parts.Merge(part, options.limits);
    if (status.ok()) status = aggregators[k]->status();
  }
  if (parts.unknown_overflow > 0 || parts.jobs_overflow > 0 || parts.findings_overflow > 0) {
    return std::nullopt;
  }
  RangeAnalysis out;
  out.year_shift = summary->year_shift;
  out.report = InputReport(options, path, member, *summary, sample ? &samplers[0] : nullptr,
                           status,
                           [&](Report* report) {
                             parts.limits = report->limits;
                             *report = std::move(parts);
                           });
  if (sample) {
    for (size_t k = 1; k < n; ++k) samplers[0].Join(samplers[k]);
    out.sketch = samplers[0].Take();
  }
  return out;
}

}  // namespace loganalyze::internal
