// The errlog parser through the whole streaming core (ReadLog over a MemorySource):
//  - the accounting adds up (InputStats::Balanced) and every byte is counted;
//  - one byte at a time, a fuzzed chunk size and 64 KiB chunks give identical records
//    (differential on chunk sizes);
//  - the record heads hold views into their own line; every errlog record is dated on a day
//    that exists;
//  - pasted excerpts (Notepad++, findstr, collapsed whitespace, several records on a line):
//    joined records balance, the layout found does not depend on the chunk size;
//    ParsePastedText gives records in order with views inside the line, reads a written head
//    as ParseErrlogHead does, and its collapsed copy with the same PID, TID, date and time;
//  - analysing two inputs on two threads and merging in input order gives the same JSON as
//    one thread (the CLI's -j1 vs -j2);
//  - one input read in ranges on several threads, when they are joined, gives the report and
//    record sketch of one read (a large log at -j2);
//  - the analysis given quiet records (time and task only) reports what it reports when it
//    is given every record whole.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "aggregate/analyze_filtered.h"
#include "bundle/ranges.h"
#include "fuzz/fuzz_check.h"
#include "loganalyze/analyzer.h"
#include "loganalyze/reader.h"
#include "loganalyze/report.h"
#include "parse/errlog_head.h"
#include "parse/format_detector.h"
#include "parse/pasted_line.h"
#include "reference_lines.h"
#include "test_util.h"
#include "whole_records.h"

namespace {

using loganalyze::Analyzer;
using loganalyze::InputInfo;
using loganalyze::InputSummary;
using loganalyze::ReadOptions;
using loganalyze::Report;
using loganalyze::internal::ErrlogHead;
using loganalyze::internal::PastedRecord;
using loganalyze::internal::PastedText;

struct Run {
  InputSummary summary;
  std::vector<loganalyze::testing::OwnedRecord> records;
};

Run Read(std::string_view bytes, const InputInfo& info, ReadOptions options, size_t chunk) {
  options.chunk_bytes = chunk;
  loganalyze::testing::ReadResult r = loganalyze::testing::ReadBytes(bytes, info, options);
  return Run{std::move(r.summary), std::move(r.records)};
}

bool SameSummary(const InputSummary& a, const InputSummary& b) {
  const auto& x = a.stats;
  const auto& y = b.stats;
  return a.format == b.format && a.encoding == b.encoding && a.first_time == b.first_time &&
         a.last_time == b.last_time && a.year_shift == b.year_shift && a.skipped == b.skipped &&
         a.status == b.status && x.bytes == y.bytes && x.bom_bytes == y.bom_bytes &&
         x.line_bytes == y.line_bytes && x.lines == y.lines && x.records == y.records &&
         x.continuation_lines == y.continuation_lines && x.structure_lines == y.structure_lines &&
         x.unparsed_lines == y.unparsed_lines && x.truncated_lines == y.truncated_lines &&
         x.replaced_sequences == y.replaced_sequences && x.joined_records == y.joined_records &&
         a.impossible_date_lines == b.impossible_date_lines && a.pasted == b.pasted;
}

const Analyzer& SharedAnalyzer() {
  static const loganalyze::KnowledgeBase* kb =
      new loganalyze::KnowledgeBase(*loganalyze::KnowledgeBase::Default());
  static const Analyzer* analyzer = [] {
    loganalyze::AnalyzeOptions options;
    options.read.year = 2026;
    options.limits.max_templates = 4;  // small, so that the overflow and its merge are exercised
    return Analyzer::Create(*kb, options)->release();
  }();
  return *analyzer;
}

Report AnalyzeOne(std::string_view bytes, const std::string& name) {
  auto source = loganalyze::MemorySource(bytes);
  InputInfo info;
  info.name = name;
  return SharedAnalyzer().Analyze(*source, info, name, "");
}

// AnalyzeOne with every record handed to the analysis whole.
Report AnalyzeWhole(std::string_view bytes, const std::string& name) {
  auto source = loganalyze::MemorySource(bytes);
  InputInfo info;
  info.name = name;
  return loganalyze::testing::AnalyzeWholeRecords(SharedAnalyzer(), *source, info, name);
}

std::string Json(const Report& r) {
  loganalyze::RenderOptions o;
  o.tool_version = "fuzz";
  return loganalyze::RenderReport(r, SharedAnalyzer().matcher().knowledge_base(),
                                  loganalyze::ReportFormat::kJson, o);
}

bool Inside(std::string_view v, std::string_view text) {
  return v.empty() || (v.data() >= text.data() && v.data() + v.size() <= text.data() + text.size());
}

// The pasted-excerpt parsers on one raw line.
void CheckPastedLine(std::string_view line, std::vector<PastedRecord>* records) {
  const PastedText kind = loganalyze::internal::ParsePastedText(line, records);
  FUZZ_CHECK((kind == PastedText::kRecords) == !records->empty());
  const char* end_of_previous = line.data();
  for (const PastedRecord& r : *records) {
    const ErrlogHead& h = r.head;
    FUZZ_CHECK(loganalyze::internal::DateExists(h.month, h.day));
    FUZZ_CHECK(h.millis_of_day >= 0 && h.millis_of_day < 86'401'000);
    FUZZ_CHECK(h.message_pos <= line.size());
    for (std::string_view v : {h.pid, h.tid, h.module, h.source, h.object, h.task_id}) {
      FUZZ_CHECK(Inside(v, line));
      FUZZ_CHECK(v.empty() || v.data() >= end_of_previous);
    }
    FUZZ_CHECK(Inside(r.message, line));
    FUZZ_CHECK(r.message.empty() || r.message.data() == line.data() + h.message_pos);
    end_of_previous = line.data() + h.message_pos + r.message.size();
  }

  ErrlogHead written;
  const bool is_written = loganalyze::internal::ParseErrlogHead(line, &written);
  FUZZ_CHECK(is_written == (loganalyze::internal::LineLayout(line) ==
                            loganalyze::internal::ErrlogLayout::kWritten));
  if (is_written) {
    FUZZ_CHECK(records->size() == 1 && (*records)[0].head == written);
    // The same record with its whitespace collapsed: where it still parses, the columns
    // before the source are the same.
    const std::string collapsed = loganalyze::testing::Collapse(line);
    std::vector<PastedRecord> again;
    if (loganalyze::internal::ParsePastedText(collapsed, &again) == PastedText::kRecords) {
      const ErrlogHead& c = again[0].head;
      FUZZ_CHECK(c.pid == written.pid && c.tid == written.tid && c.month == written.month &&
                 c.day == written.day && c.millis_of_day == written.millis_of_day);
    }
  }

  const loganalyze::internal::PastedPrefix prefix = loganalyze::internal::ParsePastedPrefix(line);
  FUZZ_CHECK(prefix.length <= line.size());
  FUZZ_CHECK(prefix.file.empty() || prefix.file.data() == line.data());
  FUZZ_CHECK((prefix.tool == loganalyze::internal::PasteTool::kNone) == (prefix.length == 0));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view rest = loganalyze::fuzz::Bytes(data, size);
  const uint8_t flags = loganalyze::fuzz::TakeByte(&rest);
  const size_t chunk = 1 + loganalyze::fuzz::TakeByte(&rest);
  const std::string_view bytes = rest;

  InputInfo info;
  // Mostly an errlog by name; sometimes a name that says nothing, so that the format comes
  // from content detection.
  info.name = (flags & 1) ? "CBEngineCurr.errlog" : "trace.log";
  info.mtime = 1767225600;  // 2026-01-01
  ReadOptions options;
  options.year = (flags & 2) ? std::optional<int>(2026) : std::nullopt;
  if (flags & 4) {
    options.max_line_bytes = 40;  // reach the line and message limits with small inputs
    options.max_message_bytes = 100;
  }
  options.skip_binary = (flags & 8) == 0;

  const Run big = Read(bytes, info, options, 64 * 1024);
  const InputSummary& s = big.summary;
  FUZZ_CHECK(s.status.ok());
  if (s.skipped.empty()) {
    // Analysed: every byte and line accounted for.
    FUZZ_CHECK(s.stats.Balanced());
    FUZZ_CHECK(s.stats.bytes == bytes.size());
    FUZZ_CHECK(s.stats.records == big.records.size());
    FUZZ_CHECK(s.stats.joined_records <= s.stats.records);
    FUZZ_CHECK(s.format == loganalyze::Format::kErrlog || !s.pasted.any());
    const auto& impossible = s.impossible_date_lines;
    FUZZ_CHECK(impossible.count <= s.stats.unparsed_lines);
    FUZZ_CHECK(impossible.line_numbers.size() ==
               std::min<uint64_t>(impossible.count, loganalyze::ImpossibleDateLines::kMaxListed));
    for (size_t i = 0; i < impossible.line_numbers.size(); ++i) {
      FUZZ_CHECK(impossible.line_numbers[i] >= 1 && impossible.line_numbers[i] <= s.stats.lines);
      FUZZ_CHECK(i == 0 || impossible.line_numbers[i] > impossible.line_numbers[i - 1]);
    }
  } else {
    // Skipped after its head: nothing split into lines, nothing delivered.
    FUZZ_CHECK(big.records.empty());
    FUZZ_CHECK(s.stats.lines == 0 && s.stats.line_bytes == 0);
    FUZZ_CHECK(s.stats.bytes <= bytes.size());
  }
  for (const auto& r : big.records) {
    FUZZ_CHECK(r.line >= 1 && r.line <= s.stats.lines);
    FUZZ_CHECK(r.offset < bytes.size());
    if (r.format == loganalyze::Format::kErrlog && !r.time.empty()) {
      // "YYYY-MM-DDT...": the day exists (02/29 only in a leap year is the year's business).
      const int month = (r.time[5] - '0') * 10 + (r.time[6] - '0');
      const int day = (r.time[8] - '0') * 10 + (r.time[9] - '0');
      FUZZ_CHECK(loganalyze::internal::DateExists(month, day));
    }
    FUZZ_CHECK(r.message.size() <=
               std::max(options.max_message_bytes, options.max_line_bytes) * 3 + 3);
  }

  for (size_t c : {size_t{1}, chunk}) {
    const Run other = Read(bytes, info, options, c);
    FUZZ_CHECK(SameSummary(other.summary, s));
    FUZZ_CHECK(other.records == big.records);
  }

  // The head parser on each raw line: views inside the line, the message after the head.
  std::vector<PastedRecord> pasted;
  size_t start = 0;
  while (start < bytes.size()) {
    size_t end = bytes.find('\n', start);
    if (end == std::string_view::npos) end = bytes.size();
    const std::string_view line = bytes.substr(start, end - start);
    loganalyze::internal::ErrlogHead head, general;
    const bool parsed = loganalyze::internal::ParseErrlogHead(line, &head);
    // The fast path for the common layout agrees with the general parser.
    FUZZ_CHECK(parsed == loganalyze::internal::ParseErrlogHeadGeneral(line, &general));
    if (parsed) {
      FUZZ_CHECK(head == general);
      FUZZ_CHECK(head.message_pos <= line.size());
      FUZZ_CHECK(loganalyze::internal::DateExists(head.month, head.day));
      // A line dated on a day that no year has is never a head.
      FUZZ_CHECK(!loganalyze::internal::ErrlogHeadHasImpossibleDate(line));
      for (std::string_view v :
           {head.pid, head.tid, head.module, head.source, head.object, head.task_id}) {
        FUZZ_CHECK(Inside(v, line));
      }
    }
    CheckPastedLine(line, &pasted);
    start = end + 1;
  }

  // -j1 vs -j2: the input split in two, analysed in order or on two threads, merged in
  // input order, gives byte-identical JSON.
  const size_t cut = bytes.empty() ? 0 : chunk % (bytes.size() + 1);
  const std::string_view a = bytes.substr(0, cut), b = bytes.substr(cut);
  Report one = AnalyzeOne(a, "a.errlog");
  one.Merge(AnalyzeOne(b, "b.errlog"));
  Report ra, rb;
  std::thread ta([&] { ra = AnalyzeOne(a, "a.errlog"); });
  std::thread tb([&] { rb = AnalyzeOne(b, "b.errlog"); });
  ta.join();
  tb.join();
  ra.Merge(rb);
  const std::string json = Json(one);
  FUZZ_CHECK(json == Json(ra));
  for (const auto& in : one.inputs) {
    if (in.format) FUZZ_CHECK(in.stats.Balanced());  // analysed; a skipped input read its head only
    FUZZ_CHECK(in.format.has_value() != !in.skipped.empty());
  }
  // The report of hostile input is readable by `merge`.
  FUZZ_CHECK(loganalyze::ParseJsonReport(json).ok());
  // Most records reach the analysis as quiet records (time and task only); its report is the
  // one it gives when every record comes whole.
  FUZZ_CHECK(Json(AnalyzeOne(bytes, "CBEngineCurr.errlog")) ==
             Json(AnalyzeWhole(bytes, "CBEngineCurr.errlog")));

  // One input read in ranges on several threads (a large log at -j2): when the ranges are
  // joined, the report and the record sketch are those of one read. The first range holds
  // at least the 64 KiB head that decides encoding and format, so the fuzzed bytes follow
  // a head of ordinary records (UTF-8, or UTF-16LE for some inputs), and the cuts fall in
  // the fuzzed bytes.
  {
    const bool wide = (flags & 64) != 0;
    std::string head;
    // Just past 64 KiB of input, so that the first cut falls in the fuzzed bytes.
    for (int i = 0; head.size() < (wide ? 32800u : 65600u); ++i) {
      head += "0AB0\t0974\t01/01\t00:" + std::to_string(10 + i / 60 % 50) + ":" +
              std::to_string(10 + i % 50) + ".000\t71\tbackupasync.cpp(1)\t\t\tNORMAL\tstep\r\n";
    }
    const std::string input =
        (wide ? loganalyze::testing::ToUtf16(head) : head) + std::string(bytes);
    const std::string name = "CBEngineCurr.errlog";
    InputInfo named = info;
    named.name = name;
    auto source = loganalyze::MemorySource(input);
    loganalyze::internal::RecordSampler sampler;
    const Report whole = loganalyze::internal::AnalyzeFiltered(SharedAnalyzer(), *source, named,
                                                               name, "", &sampler);
    const loganalyze::internal::RecordSketch sketch = sampler.Take();
    loganalyze::internal::RangeOpener open = [&](uint64_t offset, uint64_t length, bool)
        -> absl::StatusOr<std::unique_ptr<loganalyze::ByteSource>> {
      return loganalyze::MemorySource(std::string_view(input).substr(offset, length));
    };
    const size_t ranges = 2 + flags / 16 % 4;
    const std::optional<loganalyze::internal::RangeAnalysis> parts =
        loganalyze::internal::AnalyzeInRanges(SharedAnalyzer(), open, input.size(), named, name,
                                              "", ranges, /*min_range_bytes=*/chunk);
    if (parts) {
      FUZZ_CHECK(Json(parts->report) == Json(whole));
      FUZZ_CHECK(parts->sketch.sample == sketch.sample && parts->sketch.ends == sketch.ends &&
                 parts->sketch.records == sketch.records);
    }
  }
  return 0;
}
