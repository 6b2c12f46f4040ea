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
#include "pipeline/ranges.h"
#include "source/platform.h"
#include "split/line_splitter.h"
#include "util/content_hash.h"

namespace loganalyze {
namespace {

using internal::Line;
using internal::RawLine;

// Bounds the lines held back while the format is decided from content.
constexpr size_t kMaxDetectBytes = 256 * 1024;

// Tracks the earliest and latest record time on the way to the caller's sink. Takes quiet
// records when that sink does.
class TimeRangeSink : public RecordSink, public internal::QuietRecordSink {
 public:
  TimeRangeSink(RecordSink* inner, int known_shift)
      : inner_(inner),
        inner_quiet_(dynamic_cast<internal::QuietRecordSink*>(inner)),
        known_shift_(known_shift) {}
  bool TakesQuietRecords() const override {
    return inner_quiet_ != nullptr && inner_quiet_->TakesQuietRecords();
  }
  void OnQuietRecord(const internal::QuietRecord& record) override {
    if (stopped_) return;
    internal::QuietRecord r = record;
    if (r.time.is_set()) {
      r.time = r.time.AddYears(known_shift_);
      times_.Add(r.time);
    }
    inner_quiet_->OnQuietRecord(r);
    stopped_ = inner_->Stopped();
  }
  void OnRecord(const Record& record) override {
    if (known_shift_ != 0 && record.time.is_set()) {
      Record shifted = record;
      shifted.time = record.time.AddYears(known_shift_);
      Deliver(shifted);
    } else {
      Deliver(record);
    }
  }
  const internal::RecordTimes& times() const { return times_; }
  bool Stopped() const override { return stopped_; }

 private:
  void Deliver(const Record& r) {
    if (stopped_) return;  // nor counted in the time range
    if (r.time.is_set()) times_.Add(r.time);
    inner_->OnRecord(r);
    stopped_ = inner_->Stopped();
  }

  RecordSink* inner_;
  internal::QuietRecordSink* inner_quiet_;  // the same sink, when it takes quiet records
  bool stopped_ = false;
  const int known_shift_;  // InputInfo::year_shift, added to every record's year
  internal::RecordTimes times_;
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
  // With `range`, reads one range of an input (see pipeline/ranges.h) into `*range_out`.
  Pipeline(const InputInfo& info, const ReadOptions& options, RecordSink* sink,
           const internal::RangeSpec* range = nullptr, internal::RangeRead* range_out = nullptr)
      : info_(info),
        options_(options),
        sink_(sink, info.year_shift.value_or(0)),
        range_(range),
        range_out_(range_out) {}

  InputSummary Run(ByteSource& source);

 private:
  void OnRawLine(const RawLine& raw);
  // `pasted`: an errlog read with PastedErrlogParser.
  void StartParser(Format format, bool pasted);
  void DecideFromContent();
  // Reads the head that encoding detection looks at, and decides the encoding and whether
  // the input is read at all. Returns false when it is not (binary, one of our reports).
  bool ReadHead(ByteSource& source);
  // Splits, decodes and parses everything after the head, chunk by chunk.
  void ReadBody(ByteSource& source);
  // The summary's times, year shift and notes, once the parser has finished.
  void FinishDates();
  // What the join of ranges needs, once the parser has finished.
  void ExportRange();

  const InputInfo& info_;
  const ReadOptions& options_;
  // The format the caller or the name says. An errlog's lines are still held back until
  // one shows whether they are written or pasted.
  std::optional<Format> forced_;
  TimeRangeSink sink_;
  const internal::RangeSpec* range_;
  internal::RangeRead* range_out_;
  InputSummary summary_;
  internal::YearReference reference_;  // errlogs: what their years are anchored on
  std::unique_ptr<internal::Decoder> decoder_;
  std::unique_ptr<internal::Parser> parser_;
  bool pasted_ = false;  // the errlog parser is PastedErrlogParser
  bool decided_within_ = false;  // the format was decided before the end of the input

  // Read by ReadHead, fed by ReadBody.
  std::string head_;
  bool eof_ = false;
  internal::ContentHash hash_;
  bool hashing_ = true;  // a range read does not hash: the caller hashes the whole input
  std::unique_ptr<char[]> storage_;

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
      reference_ = range_ != nullptr
                       ? range_->reference
                       : internal::ChooseYearReference(info_, options_, internal::UnixNow());
      internal::YearResolver years(reference_);
      if (range_ != nullptr) years.KeepDayChanges(internal::kMaxDayChanges);
      pasted_ = pasted;
      if (pasted) {
        parser_ = std::make_unique<internal::PastedErrlogParser>(options_, std::move(years), stats,
                                                                 &sink_);
      } else {
        parser_ =
            std::make_unique<internal::ErrlogParser>(options_, std::move(years), stats, &sink_,
                                                     sink_.TakesQuietRecords() ? &sink_ : nullptr);
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
    h.line.survives_next = false;
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
  // the decoder's buffer until the line after the next one has been decoded.
  line.stable = line.text.data() == raw.bytes.data() && !raw.in_carry;
  line.survives_next = line.text.data() != raw.bytes.data();
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

bool Pipeline::ReadHead(ByteSource& source) {
  InputStats& st = summary_.stats;
  char* const buffer = storage_.get();
  const size_t chunk = std::max<size_t>(1, options_.chunk_bytes);
  while (head_.size() < internal::kSniffBytes && !eof_) {
    const size_t want = std::min(chunk, internal::kSniffBytes - head_.size());
    absl::StatusOr<size_t> n = source.Read(buffer, want);
    if (!n.ok()) {
      summary_.status = n.status();
      eof_ = true;
    } else if (*n == 0) {
      eof_ = true;
    } else {
      head_.append(buffer, *n);
    }
  }
  st.bytes = head_.size();
  if (hashing_) hash_.Update(head_);
  const internal::DetectedEncoding detected = internal::DetectEncoding(head_, eof_);
  summary_.encoding = detected.encoding;
  st.bom_bytes = std::min(detected.bom_bytes, head_.size());
  decoder_ = std::make_unique<internal::Decoder>(detected.encoding);
  if (options_.skip_binary) {
    summary_.skipped = internal::BinaryReason(head_, detected);
    if (!summary_.skipped.empty()) return false;
  }
  if (options_.skip_own_reports) {
    // The first 2 KiB, in whole code units, decoded.
    const std::string_view body = std::string_view(head_).substr(st.bom_bytes);
    const size_t unit = detected.encoding == Encoding::kUtf16Le ||
                                detected.encoding == Encoding::kUtf16Be ? 2 : 1;
    const size_t n = std::min<size_t>(body.size(), 2048) / unit * unit;
    internal::Decoder decoder(detected.encoding);
    summary_.skipped = internal::OwnReportReason(decoder.Decode(body.substr(0, n)));
    if (!summary_.skipped.empty()) return false;
  }
  forced_ = info_.format ? info_.format : internal::FormatFromName(info_.name);
  if (forced_ && *forced_ != Format::kErrlog) StartParser(*forced_, /*pasted=*/false);
  return true;
}

void Pipeline::ReadBody(ByteSource& source) {
  InputStats& st = summary_.stats;
  char* const buffer = storage_.get();
  const size_t chunk = std::max<size_t>(1, options_.chunk_bytes);
  internal::UnitLayout layout = internal::UnitLayout::kByte;
  if (summary_.encoding == Encoding::kUtf16Le) layout = internal::UnitLayout::kUtf16Le;
  if (summary_.encoding == Encoding::kUtf16Be) layout = internal::UnitLayout::kUtf16Be;
  const size_t unit = layout == internal::UnitLayout::kByte ? 1 : 2;
  const uint64_t begin = range_ != nullptr ? range_->begin : 0;
  internal::LineSplitter splitter(layout, options_.max_line_bytes, begin + st.bom_bytes);
  auto on_line = [this](const RawLine& raw) { OnRawLine(raw); };

  // Feed the head, then the rest chunk by chunk. Chunks handed to the splitter hold whole
  // code units; a dangling byte waits at the front of the buffer for the next read.
  std::string_view body = std::string_view(head_).substr(st.bom_bytes);
  const size_t head_aligned = body.size() / unit * unit;
  splitter.Feed(body.substr(0, head_aligned), on_line);
  if (parser_) parser_->OnChunkEnd();
  size_t pending = body.size() - head_aligned;
  std::memcpy(buffer, body.data() + head_aligned, pending);
  head_ = std::string();

  while (!eof_ && !sink_.Stopped()) {
    absl::StatusOr<size_t> n = source.Read(buffer + pending, chunk);
    if (!n.ok()) {
      summary_.status = n.status();
      break;
    }
    if (*n == 0) break;
    st.bytes += *n;
    if (hashing_) hash_.Update(std::string_view(buffer + pending, *n));
    const size_t total = pending + *n;
    const size_t aligned = total / unit * unit;
    splitter.Feed(std::string_view(buffer, aligned), on_line);
    if (parser_) parser_->OnChunkEnd();
    pending = total - aligned;
    std::memmove(buffer, buffer + aligned, pending);
  }
  splitter.Finish(std::string_view(buffer, pending), on_line);
  decided_within_ = parser_ != nullptr;
  if (!parser_) DecideFromContent();
  parser_->Finish();
}

void Pipeline::FinishDates() {
  const internal::YearResolver* years = parser_->years();
  summary_.year_shift = years != nullptr ? years->Shift() - info_.year_shift.value_or(0) : 0;
  sink_.times().Finish(summary_.year_shift, &summary_.first_time, &summary_.last_time,
                       &summary_.stats.undated_records);
  if (summary_.pasted.any()) {
    summary_.notes.push_back("read as an excerpt pasted out of another tool: " +
                             summary_.pasted.Describe());
  }
  if (years != nullptr) AddDateNotes(reference_, *years, summary_, &summary_.notes);
}

void Pipeline::ExportRange() {
  internal::RangeRead& out = *range_out_;
  out.written_errlog = summary_.format == Format::kErrlog && !pasted_;
  out.decided_within = decided_within_;
  if (const internal::YearResolver* years = parser_->years()) {
    out.days = years->day_changes();
    out.days_overflow = years->day_changes_overflow();
  }
  out.times = sink_.times();
}

InputSummary Pipeline::Run(ByteSource& source) {
  storage_.reset(new char[std::max<size_t>(1, options_.chunk_bytes) + 1]);
  hashing_ = range_ == nullptr;
  if (range_ == nullptr || range_->begin == 0) {
    if (!ReadHead(source)) {
      summary_.content_hash = hash_.Finish();  // of the head: the rest was not read
      if (range_out_ != nullptr) range_out_->summary = summary_;
      return std::move(summary_);
    }
  } else {
    // A later range: it starts at a record's first line, in the input's encoding.
    summary_.encoding = range_->encoding;
    decoder_ = std::make_unique<internal::Decoder>(range_->encoding);
    StartParser(Format::kErrlog, /*pasted=*/false);
  }
  ReadBody(source);

  if (sink_.Stopped() && summary_.status.ok()) {
    summary_.status = absl::CancelledError(
        fmt::format("{}: the record sink stopped the reading", info_.name));
  }
  summary_.stats.replaced_sequences = decoder_->replaced();
  if (const ImpossibleDateLines* d = parser_->impossible_date_lines()) {
    summary_.impossible_date_lines = *d;
  }
  summary_.pasted = parser_->pasted_layout();
  if (range_out_ != nullptr) {
    ExportRange();
    range_out_->summary = summary_;
    return std::move(summary_);
  }
  summary_.content_hash = hash_.Finish();
  FinishDates();
  return std::move(summary_);
}

}  // namespace

InputSummary ReadLog(ByteSource& source, const InputInfo& info, const ReadOptions& options,
                     RecordSink& sink) {
  Pipeline pipeline(info, options, &sink);
  return pipeline.Run(source);
}

namespace internal {

void RecordTimes::Span::Add(const Span& s, int years) {
  if (s.count == 0) return;
  const uint64_t total = count + s.count;
  Add(s.first.AddYears(years));
  Add(s.last.AddYears(years));
  count = total;
}

void RecordTimes::Join(const RecordTimes& other, int years) {
  all.Add(other.all, years);
  for (const auto& [year, span] : other.leap_days) leap_days[year + years].Add(span, years);
}

void RecordTimes::Finish(int shift, LogTime* first, LogTime* last, uint64_t* undated) const {
  Span out = all;
  *undated = 0;
  for (const auto& [year, span] : leap_days) {
    if (IsLeapYear(year + shift)) {
      out.Add(span.first);
      out.Add(span.last);
    } else {
      *undated += span.count;
    }
  }
  *first = out.first.AddYears(shift);
  *last = out.last.AddYears(shift);
}

RangeRead ReadLogRange(ByteSource& source, const InputInfo& info, const ReadOptions& options,
                       const RangeSpec& spec, RecordSink& sink) {
  RangeRead out;
  Pipeline pipeline(info, options, &sink, &spec, &out);
  pipeline.Run(source);
  return out;
}

std::optional<InputSummary> JoinRangeReads(const InputInfo& info, const RangeSpec& spec,
                                           const std::vector<RangeRead>& reads,
                                           std::vector<int>* years,
                                           std::vector<uint64_t>* lines) {
  if (reads.empty()) return std::nullopt;
  for (const RangeRead& r : reads) {
    if (!r.summary.status.ok() || !r.summary.skipped.empty() || !r.written_errlog ||
        !r.decided_within || r.days_overflow) {
      return std::nullopt;
    }
  }
  InputSummary out;
  out.format = Format::kErrlog;
  out.encoding = reads[0].summary.encoding;
  YearResolver walk(spec.reference);
  RecordTimes times;
  years->assign(reads.size(), 0);
  lines->assign(reads.size(), 0);
  uint64_t lines_before = 0;
  for (size_t k = 0; k < reads.size(); ++k) {
    const RangeRead& r = reads[k];
    // The whole input's walk, fed this range's day changes: the same correction for all.
    std::optional<int> shift;
    for (const YearResolver::DayChange& d : r.days) {
      const int correction = walk.Next(d.month, d.day) - d.year;
      if (shift && *shift != correction) return std::nullopt;
      shift = correction;
    }
    (*years)[k] = shift.value_or(0);
    (*lines)[k] = lines_before;
    out.stats.Add(r.summary.stats);
    const ImpossibleDateLines& bad = r.summary.impossible_date_lines;
    for (uint64_t n : bad.line_numbers) {
      if (out.impossible_date_lines.line_numbers.size() < ImpossibleDateLines::kMaxListed) {
        out.impossible_date_lines.line_numbers.push_back(lines_before + n);
      }
    }
    out.impossible_date_lines.count += bad.count;
    times.Join(r.times, (*years)[k]);
    lines_before += r.summary.stats.lines;
  }
  out.year_shift = walk.Shift() - info.year_shift.value_or(0);
  times.Finish(out.year_shift, &out.first_time, &out.last_time, &out.stats.undated_records);
  AddDateNotes(spec.reference, walk, out, &out.notes);
  return out;
}

}  // namespace internal

}  // namespace loganalyze
