// What every report format shows, computed once: orderings, totals and derived lists.
#ifndef LOGANALYZE_REPORT_VIEWS_H_
#define LOGANALYZE_REPORT_VIEWS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "loganalyze/knowledge_base.h"
#include "loganalyze/report.h"

namespace loganalyze::internal {

struct ReportViews {
  std::vector<const ReportInput*> inputs;       // by (path, member)
  std::vector<const ReportError*> errors;       // by (path, member, message)
  std::vector<const ReportFinding*> findings;   // most important first
  std::vector<const ReportJob*> jobs;           // by start, then task id
  std::vector<const UnknownTemplate*> unknown;  // by count, then template
  std::vector<const FailedFileItem*> recurring;  // failing on 2+ days, most days first
  std::vector<std::pair<std::string, uint64_t>> top_directories;  // most failures first
  std::vector<std::pair<std::string, TimelineCount>> days;        // per day
  std::vector<ExpectedLog> expected;  // logs a bundle of this product should hold
  InputStats totals;
  LogTime first_time, last_time;
  uint64_t analysed = 0, skipped = 0, unreadable = 0;
};

ReportViews MakeViews(const Report& report);

// What an input's name (a path or member) says for the summary's expected logs: whether it is
// a log of MARS or of DPM, and which expected log it is (lower case), if one.
struct ExpectedLogFamily {
  bool mars = false, dpm = false;
  const char* expected = nullptr;  // "cbenginecurr.errlog", "msdpmcurr.errlog", ...
};
ExpectedLogFamily ExpectedLogFamilyOf(std::string_view name);

// What the report says about one input besides its numbers: the records already counted
// from other inputs, the records counted without a date, and the reader's notes.
std::vector<std::string> InputRemarks(const ReportInput& in, Language lang);

// The sentence a report past its bound on inputs listed shows after its list of inputs, or
// "" when every input is listed.
std::string UnlistedInputsText(const Report& report, Language lang);
// The same for the errors past the bound on errors listed.
std::string UnlistedErrorsText(const Report& report, Language lang);

// JSON string literal (with quotes) of UTF-8 text; invalid bytes become U+FFFD.
std::string JsonString(std::string_view s);
// A time as JSON: "YYYY-MM-DDTHH:MM:SS.mmm" or null.
std::string JsonTime(LogTime t);
// Parses "YYYY-MM-DDTHH:MM:SS.mmm" (the JSON form); unset on failure or "".
LogTime ParseTime(std::string_view s);

// "YYYY-MM-DD HH:MM" (a time to the minute, for people), or "-" when unset.
std::string Minute(LogTime t);
// "1.5 MB" style sizes.
std::string HumanBytes(uint64_t bytes);
// "1h 02m", "3m 05s", "12s".
std::string HumanDuration(LogTime start, LogTime end);

}  // namespace loganalyze::internal

#endif  // LOGANALYZE_REPORT_VIEWS_H_
