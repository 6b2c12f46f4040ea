// ReadLog: the streaming core's pipeline, Source -> LineSplitter -> Decoder -> Parser.
// (See decode/decoder.h for why lines are split before they are transcoded.)
#include <algorithm>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <map>
#include <utility>
#include <vector>

#include "decode/decoder.h"
#include "decode/encoding_detector.h"
#include "fmt/format.h"
#include "loganalyze/reader.h"
#include "parse/errlog_parser.h"
#include "parse/failed_files_parser.h"
#include "parse/format_detector.h"
#include "parse/pasted_errlog_parser.h"
#include "parse/text_parser.h"
#include "parse/year_resolver.h"
#include "source/platform.h"
#include "split/line_splitter.h"
#include "util/content_hash.h"

namespace loganalyze {
namespace {

using internal::Line;
using internal::RawLine;

// Bounds the lines held back while the format is decided from content.
constexpr size_t kMaxDetectBytes = 256 * 1024;

// Tracks the earliest and latest record time on the way to the caller's sink. Records dated
// 02/29 are kept apart by provisional year: whether their date exists is known only when the
// input's year shift is (see YearResolver).
class TimeRangeSink : public RecordSink {
 public:
  TimeRangeSink(RecordSink* inner, int known_shift) : inner_(inner), known_shift_(known_shift) {}
  void OnRecord(const Record& record) override {
    if (known_shift_ != 0 && record.time.is_set()) {
      Record shifted = record;
      shifted.time = record.time.AddYears(known_shift_);
      Deliver(shifted);
    } else {
      Deliver(record);
    }
  }
  // The earliest and latest times with `shift` years added, and the records whose date does
  // not exist then.
  void Finish(int shift, LogTime* first, LogTime* last, uint64_t* undated) const {
    Range out = all_;
    *undated = 0;
    for (const auto& [year, range] : leap_days_) {
      if (internal::IsLeapYear(year + shift)) {
        out.Add(range.first);
        out.Add(range.last);
      } else {
        *undated += range.count;
      }
    }
    *first = out.first.AddYears(shift);
    *last = out.last.AddYears(shift);
  }

 private:
  struct Range {
    LogTime first, last;  // set together
    void Add(LogTime t) {  // t is set
      if (!first.is_set()) {
        first = last = t;
      } else if (t < first) {
        first = t;
      } else if (t > last) {
        last = t;
      }
    }
  };
  struct Counted : Range {
    uint64_t count = 0;
  };
  void Deliver(const Record& r) {
    if (stopped_) return;  // nor counted in the time range
    if (r.time.is_set()) {
      if (r.time.month() == 2 && r.time.day() == 29) [[unlikely]] {
        Counted& c = leap_days_[r.time.year()];
        c.Add(r.time);
        ++c.count;
      } else {
        all_.Add(r.time);
      }
    }
    inner_->OnRecord(r);
    stopped_ = inner_->Stopped();
  }

 public:
  bool Stopped() const override { return stopped_; }

 private:
  RecordSink* inner_;
  bool stopped_ = false;
  const int known_shift_;  // InputInfo::year_shift, added to every record's year
  Range all_;
  std::map<int, Counted> leap_days_;
};

// The notes a reader of the report needs about the dates of an input.
void AddDateNotes(const internal::YearReference& reference, const internal::YearResolver& years,
                  const InputSummary& summary, std::vector<std::string>* notes) {
  if (!reference.fallback_note.empty()) notes->push_back(reference.fallback_note);
  const int shift = years.Shift();
  if (years.disorder() > 0) {
    const int lo = years.min_year() + shift, hi = years.max_year() + shift;
    notes->push_back(fmt::format(
        "dates out of order: they run backwards {} time(s) (first from {}), as in excerpts "
        "pasted together or a damaged log, so their years are uncertain; they were placed in "
        "{}, the newest no later than {} ({})",
        years.disorder(), years.first_disorder(),
        lo == hi ? std::to_string(lo) : fmt::format("{} to {}", lo, hi),
        reference.year ? fmt::format("the end of {}", *reference.year)
                       : summary.last_time.ToString().substr(0, 10),
        reference.source));
  }
  if (const int back = years.leap_day_shift(); back > 0) {
    notes->push_back(fmt::format(
        "it holds dates of 02/29, which the years from {} do not have, so its records were "
        "placed {} year(s) earlier, in a leap year (newest record {}). Give --year if that is "
        "wrong",
        reference.source, back, summary.last_time.ToString().substr(0, 10)));
  }
  if (summary.stats.undated_records > 0) {
    notes->push_back(fmt::format(
        "{} record(s) are dated 02/29 in a year without that day ({}): they are counted, but "
        "without a date",
        summary.stats.undated_records, reference.source));
  }
  const ImpossibleDateLines& bad = summary.impossible_date_lines;
  if (bad.count > 0) {
    std::string lines;
    for (uint64_t n : bad.line_numbers) lines += (lines.empty() ? "" : ", ") + std::to_string(n);
    notes->push_back(fmt::format(
        "{} line(s) carry a date that no year has (such as 04/31) and are counted as unparsed "
        "lines: line {}{}",
        bad.count, lines, bad.count > bad.line_numbers.size() ? ", ..." : ""));
  }
}

class Pipeline {
 public:
  Pipeline(const InputInfo& info, const ReadOptions& options, RecordSink* sink)
      : info_(info), options_(options), sink_(sink, info.year_shift.value_or(0)) {}

  InputSummary Run(ByteSource& source);

 private:
  void OnRawLine(const RawLine& raw);
  // `pasted`: an errlog read with PastedErrlogParser.
  void StartParser(Format format, bool pasted);
  void DecideFromContent();

  const InputInfo& info_;
  const ReadOptions& options_;
  // The format the caller or the name says. An errlog's lines are still held back until
  // one shows whether they are written or pasted.
  std::optional<Format> forced_;
  TimeRangeSink sink_;
  InputSummary summary_;
  internal::YearReference reference_;  // errlogs: what their years are anchored on
  std::unique_ptr<internal::Decoder> decoder_;
  std::unique_ptr<internal::Parser> parser_;

  // Lines held back until the format is known (content detection).
  struct HeldLine {
    std::string text;
    Line line;
  };
  std::vector<HeldLine> held_;
  size_t held_bytes_ = 0;
  size_t held_non_blank_ = 0;
};

void Pipeline::StartParser(Format format, bool pasted) {
  summary_.format = format;
  InputStats* stats = &summary_.stats;
  switch (format) {
    case Format::kErrlog: {
      reference_ = internal::ChooseYearReference(info_, options_, internal::UnixNow());
      internal::YearResolver years(reference_);
      if (pasted) {
        parser_ = std::make_unique<internal::PastedErrlogParser>(options_, std::move(years), stats,
                                                                 &sink_);
      } else {
        parser_ =
            std::make_unique<internal::ErrlogParser>(options_, std::move(years), stats, &sink_);
      }
      break;
    }
    case Format::kFailedFiles:
      parser_ = std::make_unique<internal::FailedFilesParser>(info_.name, stats, &sink_);
      break;
    case Format::kText:
      parser_ = std::make_unique<internal::TextParser>(stats, &sink_);
      break;
  }
}

void Pipeline::DecideFromContent() {
  std::vector<std::string_view> lines;
  lines.reserve(held_.size());
  for (const HeldLine& h : held_) lines.push_back(h.text);
  const Format format = forced_ ? *forced_ : internal::FormatFromContent(lines);
  StartParser(format, format == Format::kErrlog && internal::ErrlogLayoutFromContent(lines) ==
                                                       internal::ErrlogLayout::kPasted);
  for (HeldLine& h : held_) {
    h.line.text = h.text;
    h.line.stable = false;  // a copy, gone after this call
    parser_->OnLine(h.line);
  }
  held_.clear();
  held_.shrink_to_fit();
}

void Pipeline::OnRawLine(const RawLine& raw) {
  InputStats& st = summary_.stats;
  ++st.lines;
  st.line_bytes += raw.total_bytes;
  st.truncated_lines += raw.truncated;
  Line line;
  line.text = decoder_->Decode(raw.bytes, raw.ascii);
  // Only a line that was not transcoded points into the chunk; a transcoded one lives in
  // the decoder's buffer until the next line.
  line.stable = line.text.data() == raw.bytes.data() && !raw.in_carry;
  line.number = raw.number;
  line.offset = raw.offset;
  line.truncated = raw.truncated;
  if (parser_) {
    parser_->OnLine(line);
    return;
  }
  held_.push_back(HeldLine{std::string(line.text), line});
  held_bytes_ += line.text.size();
  held_non_blank_ += !internal::IsBlank(line.text);
  // An errlog by name is decided by its first record, usually on its first line.
  if (held_non_blank_ >= internal::kDetectLines || held_bytes_ >= kMaxDetectBytes ||
      (forced_ == Format::kErrlog &&
       internal::LineLayout(line.text) != internal::ErrlogLayout::kUnknown)) {
    DecideFromContent();
  }
}

InputSummary Pipeline::Run(ByteSource& source) {
  InputStats& st = summary_.stats;
  const size_t chunk = std::max<size_t>(1, options_.chunk_bytes);

  // Read the head that encoding detection looks at.
  std::string head;
  bool eof = false;
  // Not zeroed: every byte is read into before it is used, and a bundle of many small
  // inputs would otherwise clear 256 KiB for each.
  const std::unique_ptr<char[]> storage(new char[chunk + 1]);
  char* const buffer = storage.get();
  while (head.size() < internal::kSniffBytes && !eof) {
    const size_t want = std::min(chunk, internal::kSniffBytes - head.size());
    absl::StatusOr<size_t> n = source.Read(buffer, want);
    if (!n.ok()) {
      summary_.status = n.status();
      eof = true;
    } else if (*n == 0) {
      eof = true;
    } else {
      head.append(buffer, *n);
    }
  }
  st.bytes = head.size();
  internal::ContentHash hash;
  hash.Update(head);
  const internal::DetectedEncoding detected = internal::DetectEncoding(head, eof);
  summary_.encoding = detected.encoding;
  st.bom_bytes = std::min(detected.bom_bytes, head.size());
  decoder_ = std::make_unique<internal::Decoder>(detected.encoding);
  if (options_.skip_binary) {
    summary_.skipped = internal::BinaryReason(head, detected);
    if (!summary_.skipped.empty()) {
      summary_.content_hash = hash.Finish();  // of the head: the rest was not read
      return std::move(summary_);
    }
  }

  if (options_.skip_own_reports) {
    // The first 2 KiB, in whole code units, decoded.
    const std::string_view body = std::string_view(head).substr(st.bom_bytes);
    const size_t unit = detected.encoding == Encoding::kUtf16Le ||
                                detected.encoding == Encoding::kUtf16Be ? 2 : 1;
    const size_t n = std::min<size_t>(body.size(), 2048) / unit * unit;
    internal::Decoder decoder(detected.encoding);
    summary_.skipped = internal::OwnReportReason(decoder.Decode(body.substr(0, n)));
    if (!summary_.skipped.empty()) {
      summary_.content_hash = hash.Finish();
      return std::move(summary_);
    }
  }

  forced_ = info_.format ? info_.format : internal::FormatFromName(info_.name);
  if (forced_ && *forced_ != Format::kErrlog) StartParser(*forced_, /*pasted=*/false);

  internal::UnitLayout layout = internal::UnitLayout::kByte;
  if (detected.encoding == Encoding::kUtf16Le) layout = internal::UnitLayout::kUtf16Le;
  if (detected.encoding == Encoding::kUtf16Be) layout = internal::UnitLayout::kUtf16Be;
  const size_t unit = layout == internal::UnitLayout::kByte ? 1 : 2;
  internal::LineSplitter splitter(layout, options_.max_line_bytes, st.bom_bytes);
  auto on_line = [this](const RawLine& raw) { OnRawLine(raw); };

  // Feed the head, then the rest chunk by chunk. Chunks handed to the splitter hold whole
  // code units; a dangling byte waits at the front of the buffer for the next read.
  std::string_view body = std::string_view(head).substr(st.bom_bytes);
  const size_t head_aligned = body.size() / unit * unit;
  splitter.Feed(body.substr(0, head_aligned), on_line);
  if (parser_) parser_->OnChunkEnd();
  size_t pending = body.size() - head_aligned;
  std::memcpy(buffer, body.data() + head_aligned, pending);
  head = std::string();

  while (!eof && !sink_.Stopped()) {
    absl::StatusOr<size_t> n = source.Read(buffer + pending, chunk);
    if (!n.ok()) {
      summary_.status = n.status();
      break;
    }
    if (*n == 0) break;
    st.bytes += *n;
    hash.Update(std::string_view(buffer + pending, *n));
    const size_t total = pending + *n;
    const size_t aligned = total / unit * unit;
    splitter.Feed(std::string_view(buffer, aligned), on_line);
    if (parser_) parser_->OnChunkEnd();
    pending = total - aligned;
    std::memmove(buffer, buffer + aligned, pending);
  }
  splitter.Finish(std::string_view(buffer, pending), on_line);
  if (!parser_) DecideFromContent();
  parser_->Finish();

  if (sink_.Stopped() && summary_.status.ok()) {
    summary_.status = absl::CancelledError(
        fmt::format("{}: the record sink stopped the reading", info_.name));
  }
  st.replaced_sequences = decoder_->replaced();
  summary_.content_hash = hash.Finish();
  const internal::YearResolver* years = parser_->years();
  summary_.year_shift = years != nullptr ? years->Shift() - info_.year_shift.value_or(0) : 0;
  if (const ImpossibleDateLines* d = parser_->impossible_date_lines()) {
    summary_.impossible_date_lines = *d;
  }
  summary_.pasted = parser_->pasted_layout();
  sink_.Finish(summary_.year_shift, &summary_.first_time, &summary_.last_time,
               &st.undated_records);
  if (summary_.pasted.any()) {
    summary_.notes.push_back("read as an excerpt pasted out of another tool: " +
                             summary_.pasted.Describe());
  }
  if (years != nullptr) AddDateNotes(reference_, *years, summary_, &summary_.notes);
  return std::move(summary_);
}

}  // namespace

InputSummary ReadLog(ByteSource& source, const InputInfo& info, const ReadOptions& options,
                     RecordSink& sink) {
  Pipeline pipeline(info, options, &sink);
  return pipeline.Run(source);
}

}  // namespace loganalyze
