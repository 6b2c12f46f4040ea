// The work behind the command line: loading the knowledge base, analysing inputs in
// parallel, merging reports, writing the output.
#ifndef LOGANALYZE_CLI_RUN_H_
#define LOGANALYZE_CLI_RUN_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "loganalyze/analyzer.h"
#include "loganalyze/version.h"
#include "loganalyze/inputs.h"
#include "loganalyze/knowledge_base.h"
#include "loganalyze/matcher.h"
#include "loganalyze/report.h"

namespace loganalyze::cli {

inline constexpr char kVersion[] = LOGANALYZE_VERSION_STRING;

struct Options {
  std::vector<std::string> inputs;
  std::string files_from;
  std::string output;
  ReportFormat format = ReportFormat::kText;
  Language language = Language::kEnglish;
  bool color = false;
  bool quiet = false;
  int jobs = 0;
  std::optional<int> year;
  std::optional<LogTime> since, until;
  Severity min_severity = Severity::kInfo;
  std::optional<Severity> fail_on;
  std::string kb_dir;
  bool kb_replace = false;
  ArchiveLimits limits;
};

RenderOptions MakeRenderOptions(const Options& opt);
// The analyzer of the main command, as the options say (year, time window, severity).
absl::StatusOr<std::unique_ptr<const Analyzer>> CreateAnalyzer(const KnowledgeBase& kb,
                                                               const Options& opt);
absl::StatusOr<KnowledgeBase> LoadKnowledgeBase(const Options& opt);
int ExportPatterns(const KnowledgeBase& kb, PatternDialect dialect);
// `loganalyze merge`: within `limits` when given, else the bounds of the reports.
int Merge(const KnowledgeBase& kb, const std::vector<std::string>& files, const Options& opt,
          const ReportLimits* limits);
int Analyze(const KnowledgeBase& kb, const Options& opt);

}  // namespace loganalyze::cli

#endif  // LOGANALYZE_CLI_RUN_H_
