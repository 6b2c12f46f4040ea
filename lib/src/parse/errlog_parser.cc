#include "parse/errlog_parser.h"

#include <algorithm>
#include <cstddef>
#include <utility>

namespace loganalyze::internal {

ErrlogParser::ErrlogParser(const ReadOptions& options, YearResolver years, InputStats* stats,
                           RecordSink* sink, QuietRecordSink* quiet)
    : max_message_bytes_(options.max_message_bytes),
      years_(std::move(years)),
      stats_(stats),
      sink_(sink),
      quiet_(quiet) {}

void ErrlogParser::OnLine(const Line& line) {
  if (ParseErrlogHead(line.text, next_head_)) {
    Flush();
    std::swap(head_, next_head_);
    ++stats_->records;
    pending_ = true;
    head_base_ = line.text.data();
    line_ = line.text;
    in_text_ = false;
    expires_ = !line.stable && line.survives_next;
    if (!line.stable && !line.survives_next) Pin();
    record_.format = Format::kErrlog;
    record_.line = line.number;
    record_.offset = line.offset;
    record_.line_count = 1;
    record_.truncated = line.truncated;
    record_.level = head_->level;
    const int year = years_.Next(head_->month, head_->day);
    record_.time =
        LogTime::FromDayMillis(year, head_->month, head_->day, head_->millis_of_day);
    return;
  }
  if (IsBlank(line.text)) {
    ++stats_->structure_lines;
    if (expires_) Pin();
    return;
  }
  // Not glued to the record before: the line and the continuation lines after it belong to a
  // record of their own, which cannot be dated. They are unparsed.
  if (ErrlogHeadHasImpossibleDate(line.text)) {
    Flush();
    ++stats_->unparsed_lines;
    impossible_date_lines_.Add(line.number);
    return;
  }
  if (!pending_) {
    ++stats_->unparsed_lines;
    return;
  }
  ++stats_->continuation_lines;
  ++record_.line_count;
  record_.truncated |= line.truncated;
  // The first line is always kept whole; continuations only while they fit.
  Pin();
  if (text_.size() + 1 + line.text.size() <= max_message_bytes_) {
    text_.push_back('\n');
    text_.append(line.text);
  } else {
    record_.truncated = true;
  }
}

void ErrlogParser::Pin() {
  if (!pending_ || in_text_) return;
  text_.assign(line_);
  in_text_ = true;
  expires_ = false;
}

void ErrlogParser::Flush() {
  if (!pending_) return;
  pending_ = false;
  // The head's views point into the line where it was first seen; the line is still there,
  // or copied to the start of text_ (with its continuations after it): move them by the
  // distance between the two.
  const std::string_view base = in_text_ ? std::string_view(text_) : line_;
  const ptrdiff_t shift = base.data() - head_base_;
  const size_t pos = std::min(head_->message_pos, base.size());
  auto rebase = [shift](std::string_view v) {
    return v.empty() ? std::string_view() : std::string_view(v.data() + shift, v.size());
  };
  if (quiet_ != nullptr && IsQuiet(record_.level, base.substr(pos))) {
    quiet_->OnQuietRecord(QuietRecord{record_.time, rebase(head_->task_id)});
    return;
  }
  auto set_fields = [this](auto move) {
    record_.pid = move(head_->pid);
    record_.tid = move(head_->tid);
    record_.module = move(head_->module);
    record_.source = move(head_->source);
    record_.object = move(head_->object);
    record_.task_id = move(head_->task_id);
  };
  if (shift == 0) {
    set_fields([](std::string_view v) { return v; });  // the usual record: no move
  } else {
    set_fields(rebase);
  }
  record_.message = std::string_view(base.data() + pos, base.size() - pos);
  sink_->OnRecord(record_);
}

void ErrlogParser::Finish() { Flush(); }

}  // namespace loganalyze::internal
