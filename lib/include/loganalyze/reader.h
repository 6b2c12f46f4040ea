// Streaming one input: Source -> Decoder -> LineSplitter -> Parser, in bounded memory.
//
//   auto source = loganalyze::OpenFile("CBEngineCurr.errlog");
//   if (!source.ok()) { ... }
//   MySink sink;  // implements RecordSink
//   loganalyze::InputSummary s =
//       loganalyze::ReadLog(**source, {.name = "CBEngineCurr.errlog"}, {}, sink);
//
// Memory stays bounded by the chunk size plus the line and record limits, whatever the input.
//
// Thread safety: a ByteSource or RecordSink is used by one thread at a time; ReadLog, OpenFile,
// MemorySource and FileModificationTime may run on several threads at once, each ReadLog with
// its own source and sink.
#ifndef LOGANALYZE_READER_H_
#define LOGANALYZE_READER_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "loganalyze/export.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "loganalyze/record.h"

namespace loganalyze {

// A stream of bytes: a file, standard input, an archive member, memory. Not thread-safe.
class LOGANALYZE_API ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Reads up to `size` bytes into `buffer`. Returns the count read, 0 at the end of the
  // input, or an error naming the input.
  virtual absl::StatusOr<size_t> Read(char* buffer, size_t size) = 0;
};

// Opens `path` for reading. Returns NotFound / PermissionDenied / ... naming the path.
LOGANALYZE_API absl::StatusOr<std::unique_ptr<ByteSource>> OpenFile(const std::string& path);
// Standard input, in binary mode.
LOGANALYZE_API std::unique_ptr<ByteSource> OpenStdin();
// A view of memory; `bytes` must outlive the source.
LOGANALYZE_API std::unique_ptr<ByteSource> MemorySource(std::string_view bytes);

// The modification time of `path` as seconds since the Unix epoch, if it can be read.
LOGANALYZE_API std::optional<int64_t> FileModificationTime(const std::string& path);

// What the reader knows about an input besides its bytes.
struct LOGANALYZE_API InputInfo {
  std::string name;                     // file name or archive member path; drives detection
  std::optional<int64_t> mtime;         // modification time, Unix seconds (UTC)
  // The modification time of the archive holding the input, if any: the year's fallback
  // when `mtime` is missing or cannot be a log's (1970, 1980, the future).
  std::optional<int64_t> archive_mtime;
  std::optional<Format> format;         // forces the format instead of detecting it
  // The year shift (InputSummary::year_shift) an earlier read of these same bytes found:
  // records are then delivered with their final years, and the summary's shift is 0.
  std::optional<int> year_shift;
};

struct LOGANALYZE_API ReadOptions {
  size_t chunk_bytes = 256 * 1024;      // how much is read from the source at a time
  size_t max_line_bytes = 1 << 20;      // longer lines are cut and flagged
  size_t max_message_bytes = 1 << 20;   // a record's message, continuations included
  // The year of each input's newest record. Unset: each input's newest record is dated no
  // later than the stamp of a .Crash name, else its modification time, else the archive's,
  // else the current date (README, *Times*).
  std::optional<int> year;
  // Stop at the head of an input that is not text (an executable, an image, an .etl or
  // .evtx trace) and say why in InputSummary::skipped.
  bool skip_binary = true;
  // Stop at the head of a report that loganalyze wrote (text, JSON, JSON Lines, Markdown,
  // HTML), found in a bundle folder after an earlier run, and say why in skipped.
  bool skip_own_reports = true;
};

// Receives the records of one input in order.
class LOGANALYZE_API RecordSink {
 public:
  virtual ~RecordSink() = default;
  virtual void OnRecord(const Record& record) = 0;
  // Asked after each record: once it returns true, ReadLog delivers no more records, reads
  // no further than the chunk it is in, and returns with InputSummary::status Cancelled
  // (the stats cover what was read).
  virtual bool Stopped() const { return false; }
};

// Errlog lines shaped like a record head but dated on a day that no year has (04/31, 02/30,
// 13/01, 00/10). Such a line starts no record and continues none: it is counted in
// InputStats::unparsed_lines, and the first few are listed here so that a report can say
// which lines they were.
struct LOGANALYZE_API ImpossibleDateLines {
  static constexpr size_t kMaxListed = 10;
  uint64_t count = 0;                  // all such lines of the input
  std::vector<uint64_t> line_numbers;  // 1-based, in order: the first kMaxListed of them

  void Add(uint64_t line_number) {
    ++count;
    if (line_numbers.size() < kMaxListed) line_numbers.push_back(line_number);
  }
  bool operator==(const ImpossibleDateLines&) const = default;
};

struct LOGANALYZE_API InputSummary {
  Format format = Format::kText;
  Encoding encoding = Encoding::kUtf8;
  InputStats stats;
  LogTime first_time, last_time;  // earliest and latest record time (final years)
  // Errlog times carry no year. Records are delivered with a provisional year; the final year
  // of a record is its provisional year plus `year_shift`. It is 0 unless the input spans
  // more than a year or its dates run backwards by more than half a year more than once.
  int year_shift = 0;
  ImpossibleDateLines impossible_date_lines;
  // How an errlog pasted out of another tool was read (Notepad++, findstr, collapsed
  // whitespace, ...); none of its fields is set for a log as the products write it.
  PastedLayout pasted;
  absl::Status status;  // OK, or why reading stopped early (the stats cover what was read)
  std::string skipped;  // why the input was not read as text (binary), else empty
  // A 64-bit hash of every byte read (see content_hash in lib/REPORT_SCHEMA.md): with the
  // byte count, the identity of the input's content.
  uint64_t content_hash = 0;
  // Facts about how the input was read that a reader of the report needs to trust its
  // numbers (where the year came from, dates out of order, ...), in English.
  std::vector<std::string> notes;
};

// Reads `source` to its end (or its first read error) and delivers every record to `sink`.
LOGANALYZE_API InputSummary ReadLog(ByteSource& source, const InputInfo& info,
                                    const ReadOptions& options, RecordSink& sink);

}  // namespace loganalyze

#endif  // LOGANALYZE_READER_H_
