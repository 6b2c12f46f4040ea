// The five most important findings of a folder, a support bundle (.zip) or log files, with
// their titles in English or Traditional Chinese: the library's analysis call, as the
// command line makes it.
//
//   top_findings [--lang zh-TW] [--year 2026] PATH...
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "loganalyze/analyzer.h"
#include "loganalyze/bundle.h"
#include "loganalyze/knowledge_base.h"
#include "loganalyze/report.h"

int main(int argc, char** argv) {
  using namespace loganalyze;
  Language language = Language::kEnglish;
  AnalyzeOptions options;
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--lang" && i + 1 < argc) {
      language = LanguageFromTag(argv[++i]).value_or(Language::kEnglish);
    } else if (arg == "--year" && i + 1 < argc) {
      options.read.year = std::atoi(argv[++i]);
    } else {
      paths.emplace_back(arg);
    }
  }
  absl::StatusOr<KnowledgeBase> kb = KnowledgeBase::Default();
  if (!kb.ok()) return 2;
  absl::StatusOr<std::unique_ptr<const Analyzer>> analyzer = Analyzer::Create(*kb, options);
  if (!analyzer.ok()) return 2;
  absl::StatusOr<Report> report = AnalyzeBundle(**analyzer, paths, BundleOptions{});
  if (!report.ok()) {
    std::fprintf(stderr, "%s\n", std::string(report.status().message()).c_str());
    return 2;
  }
  // The report with its words: titles, causes and actions in `language`.
  const DescribedReport described = Describe(*std::move(report), *kb, language);
  const ReportSummary& s = described.summary;
  std::printf("%llu inputs, %llu records, %llu findings\n",
              static_cast<unsigned long long>(s.inputs),
              static_cast<unsigned long long>(s.records),
              static_cast<unsigned long long>(s.findings));
  const std::vector<const ReportFinding*> ordered = OrderedFindings(described.report);
  for (size_t i = 0; i < ordered.size() && i < 5; ++i) {
    const ReportFinding& f = *ordered[i];
    std::printf("%llu\t%s\t%s\n", static_cast<unsigned long long>(f.count),
                std::string(SeverityName(f.severity)).c_str(),
                described.TextOf(f).title.c_str());
  }
  for (const ReportError& e : described.report.errors) {
    std::printf("cannot read %s: %s (%s)\n", e.path.c_str(), e.message.c_str(),
                std::string(StatusCodeName(e.code)).c_str());
  }
  return described.report.errors.empty() ? 0 : 3;
}
