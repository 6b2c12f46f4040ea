#include "parse/pasted_errlog_parser.h"

#include <utility>

namespace loganalyze::internal {

PastedErrlogParser::PastedErrlogParser(const ReadOptions& options, YearResolver years,
                                       InputStats* stats, RecordSink* sink)
    : max_message_bytes_(options.max_message_bytes),
      years_(std::move(years)),
      stats_(stats),
      sink_(sink) {}

void PastedErrlogParser::OnLine(const Line& line) {
  if (IsBlank(line.text)) {
    ++stats_->structure_lines;
    return;
  }
  // The whole line first: a collapsed record's message may hold "name.ext:", which is no
  // findstr prefix.
  PastedPrefix prefix;
  PastedText kind = ParsePastedText(line.text, &records_);
  if (kind == PastedText::kOther) {
    prefix = ParsePastedPrefix(line.text);
    if (prefix.tool != PasteTool::kNone) {
      kind = ParsePastedText(line.text.substr(prefix.length), &records_);
    }
  }
  switch (kind) {
    case PastedText::kRecords:
      StartRecords(line, prefix);
      return;
    case PastedText::kImpossibleDate:
      Flush();  // what follows belongs to this undatable record, not to the one before
      ++stats_->unparsed_lines;
      impossible_date_lines_.Add(line.number);
      return;
    case PastedText::kOther:
      break;
  }
  if (prefix.tool == PasteTool::kNone && IsNotepadFindAllHeading(line.text)) {
    Flush();  // hits of another search or file follow
    ++stats_->structure_lines;
    layout_.notepad_find_all = true;
    return;
  }
  if (pending_ && tool_ == PasteTool::kNone) {
    // A record that no tool prefixed: the lines after it are its continuation, as in an
    // errlog, whatever they look like.
    Continue(line, line.text);
    return;
  }
  if (pending_ && Continues(prefix)) {
    Continue(line, line.text.substr(prefix.length));
    original_line_ = prefix.line_number;
    return;
  }
  Flush();
  ++stats_->unparsed_lines;
}

void PastedErrlogParser::Fill(const PastedRecord& r, const Line& line, Record* out) {
  const ErrlogHead& h = r.head;
  out->format = Format::kErrlog;
  out->line = line.number;
  out->offset = line.offset;
  out->line_count = 1;
  out->truncated = line.truncated;
  out->level = h.level;
  out->time = LogTime::FromDayMillis(years_.Next(h.month, h.day), h.month, h.day, h.millis_of_day);
  out->pid = h.pid;
  out->tid = h.tid;
  out->module = h.module;
  out->source = h.source;
  out->object = h.object;
  out->task_id = h.task_id;
  out->message = r.message;
}

void PastedErrlogParser::StartRecords(const Line& line, const PastedPrefix& prefix) {
  Flush();
  const size_t n = records_.size();
  stats_->records += n;
  stats_->joined_records += n - 1;
  layout_.notepad_find_all |= prefix.tool == PasteTool::kNotepadFindAll;
  layout_.findstr |= prefix.tool == PasteTool::kFindstr;
  layout_.several_per_line |= n > 1;
  for (const PastedRecord& r : records_) {
    layout_.collapsed |= r.collapsed;
    layout_.excel_times |= r.excel_time;
  }
  // All but the last are complete: nothing can continue them.
  Record done;
  for (size_t i = 0; i + 1 < n; ++i) {
    Fill(records_[i], line, &done);
    sink_->OnRecord(done);
  }
  // The last one waits for continuation lines, in a copy of its line.
  Fill(records_[n - 1], line, &record_);
  first_line_.assign(line.text);
  auto move = [&](std::string_view v) {
    return v.empty() ? std::string_view()
                     : std::string_view(first_line_)
                           .substr(static_cast<size_t>(v.data() - line.text.data()), v.size());
  };
  for (std::string_view* v : {&record_.pid, &record_.tid, &record_.module, &record_.source,
                              &record_.object, &record_.task_id, &record_.message}) {
    *v = move(*v);
  }
  pending_ = true;
  continuations_.clear();
  tool_ = prefix.tool;
  file_.assign(prefix.file);
  original_line_ = prefix.line_number;
}

bool PastedErrlogParser::Continues(const PastedPrefix& prefix) const {
  if (prefix.tool != tool_ || prefix.file != file_) return false;
  // Without line numbers, lines are taken to be next to each other, as in an errlog.
  if (prefix.line_number == 0 || original_line_ == 0) {
    return prefix.line_number == original_line_;
  }
  return prefix.line_number == original_line_ + 1;
}

void PastedErrlogParser::Continue(const Line& line, std::string_view text) {
  ++stats_->continuation_lines;
  ++record_.line_count;
  record_.truncated |= line.truncated;
  if (record_.message.size() + continuations_.size() + 1 + text.size() <= max_message_bytes_) {
    continuations_.push_back('\n');
    continuations_.append(text);
  } else {
    record_.truncated = true;
  }
}

void PastedErrlogParser::Flush() {
  if (!pending_) return;
  pending_ = false;
  if (!continuations_.empty()) {
    message_.assign(record_.message);
    message_.append(continuations_);
    record_.message = message_;
  }
  sink_->OnRecord(record_);
}

}  // namespace loganalyze::internal
