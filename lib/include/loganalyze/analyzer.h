// The analyzer: one input in, its partial report out. Reports merge (report.h), so a bundle
// is analysed input by input, on as many threads as wanted, with the same result.
//
//   auto kb = loganalyze::KnowledgeBase::Default();
//   auto analyzer = loganalyze::Analyzer::Create(*kb, {});
//   auto source = loganalyze::OpenFile(path);
//   loganalyze::Report report = (*analyzer)->Analyze(**source, {.name = path}, path, "");
#ifndef LOGANALYZE_ANALYZER_H_
#define LOGANALYZE_ANALYZER_H_

#include <cstddef>
#include <memory>
#include <string_view>

#include "loganalyze/export.h"
#include "absl/status/statusor.h"
#include "loganalyze/knowledge_base.h"
#include "loganalyze/matcher.h"
#include "loganalyze/reader.h"
#include "loganalyze/record.h"
#include "loganalyze/report.h"

namespace loganalyze {

struct LOGANALYZE_API AnalyzeOptions {
  ReadOptions read;
  LogTime since, until;  // keep records in [since, until]; unset bounds are open
  Severity min_severity = Severity::kInfo;  // findings and unknown errors below are dropped
  ReportLimits limits;  // the bounds of every report it makes (Report::limits)
};

// Immutable after Create; Analyze is thread-safe. Keeps its own handle to `kb` (a copy that
// shares the entries), so `kb` may be a temporary.
class LOGANALYZE_API Analyzer {
 public:
  ~Analyzer();
  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;

  // Compiles the knowledge base's patterns (tens of milliseconds for the default one).
  static absl::StatusOr<std::unique_ptr<const Analyzer>> Create(const KnowledgeBase& kb,
                                                                const AnalyzeOptions& options);

  // An analyzer with other options that shares this one's compiled patterns: nothing is
  // compiled again. Either may be destroyed first.
  std::unique_ptr<const Analyzer> WithOptions(const AnalyzeOptions& options) const;

  // Reads `source` to its end and returns the report of this one input. `path` and `member`
  // name it in the report (`member` empty unless it is inside an archive). A binary input is
  // reported as skipped, with the reason; a read error is reported in the input's `error`
  // and in `errors`, with everything read before it analysed.
  Report Analyze(ByteSource& source, const InputInfo& info, std::string_view path,
                 std::string_view member) const;

  // A report entry for an input that could not be opened at all: `status` (not OK) gives
  // the error's message and code.
  static Report Unreadable(std::string_view path, std::string_view member,
                           const absl::Status& status);

  const Matcher& matcher() const { return *matcher_; }
  const AnalyzeOptions& options() const { return options_; }

 private:
  Analyzer(std::shared_ptr<const Matcher> matcher, const AnalyzeOptions& options);
  std::shared_ptr<const Matcher> matcher_;
  AnalyzeOptions options_;
};

}  // namespace loganalyze

#endif  // LOGANALYZE_ANALYZER_H_
