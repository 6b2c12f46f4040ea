// Which parser an input gets: from its name, else from its first lines.
#ifndef LOGANALYZE_PARSE_FORMAT_DETECTOR_H_
#define LOGANALYZE_PARSE_FORMAT_DETECTOR_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "loganalyze/record.h"

namespace loganalyze::internal {

// How many leading non-blank lines content detection looks at.
inline constexpr size_t kDetectLines = 16;

// The format a name says: *.errlog and *.Crash copies (`X.errlog.<stamp>.Crash`) are errlogs,
// LastBackupFailedFiles*.txt is a failed-files list (case-insensitive, any directory).
// nullopt when the name says nothing (.log, .txt, no extension, ...).
std::optional<Format> FormatFromName(std::string_view name);

// Why `head` (the first bytes of an input, decoded to UTF-8) is a report that loganalyze
// wrote (text, JSON, JSON Lines, Markdown or HTML), or "" when it is not. Reading one as a
// log would count its findings again.
std::string OwnReportReason(std::string_view head);

// The format the first lines say: errlog when one of them starts an errlog record (as
// written or pasted, see LineLayout), failed-files when the first non-blank one is the
// failed-files header, else text.
Format FormatFromContent(const std::vector<std::string_view>& first_lines);

// How the records of an errlog are laid out.
enum class ErrlogLayout : uint8_t {
  kUnknown,  // the line starts no record
  kWritten,  // a record head as the products write it (ParseErrlogHead)
  kPasted,   // a pasted shape (ParsePastedText): a record after a Notepad++ or findstr
             // prefix or after decoration, with its whitespace collapsed, or with Excel times
};

// The layout of one line.
ErrlogLayout LineLayout(std::string_view line);

// The layout of the first of `first_lines` that starts a record; kUnknown when none does.
// An errlog is read with PastedErrlogParser when this is kPasted.
ErrlogLayout ErrlogLayoutFromContent(const std::vector<std::string_view>& first_lines);

}  // namespace loganalyze::internal

#endif  // LOGANALYZE_PARSE_FORMAT_DETECTOR_H_
