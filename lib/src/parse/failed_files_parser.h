// FailedFilesParser: MARS LastBackupFailedFiles*.txt lists.
#ifndef LOGANALYZE_PARSE_FAILED_FILES_PARSER_H_
#define LOGANALYZE_PARSE_FAILED_FILES_PARSER_H_

#include <string_view>

#include "parse/parser.h"

namespace loganalyze::internal {

// The date in a failed-files name: `LastBackupFailedFiles<token>_<M>_<D>_<YYYY><rest>.txt`.
// Returns an unset time when the name carries no such date.
LogTime DateFromFailedFilesName(std::string_view name);

// Splits one item line into its path and its error code, in the layouts seen or plausible:
// `path<TAB>code`, `code<TAB>path`, `path (Error: code)`, `path (code)`, `path code`,
// `code path`. A code is 0x-hex, 8 bare hex digits, or a (signed) decimal number. Returns false
// (path = the trimmed line, code empty) when the line carries no code.
bool SplitFailedItem(std::string_view line, std::string_view* path, std::string_view* code);

// The file is a fixed header line, one failed item per line, and a trailer of dashes.
// Headers, trailers and blank lines are structure; every other line is an item record dated
// by the file name.
class FailedFilesParser : public Parser {
 public:
  FailedFilesParser(std::string_view name, InputStats* stats, RecordSink* sink);
  void OnLine(const Line& line) override;
  void Finish() override {}

 private:
  LogTime date_;
  InputStats* stats_;
  RecordSink* sink_;
};

// True for the header line that opens a failed-files list.
bool IsFailedFilesHeader(std::string_view line);

}  // namespace loganalyze::internal

#endif  // LOGANALYZE_PARSE_FAILED_FILES_PARSER_H_
