// A whole bundle in one call: the files, folders, wildcards and archives a support engineer
// has, analysed on every core, merged into one report in which every event counts once.
//
//   auto kb = loganalyze::KnowledgeBase::Default();
//   auto analyzer = loganalyze::Analyzer::Create(*kb, {});
//   absl::StatusOr<loganalyze::Report> report =
//       loganalyze::AnalyzeBundle(**analyzer, {"case-12345.zip", "extra/"}, {});
//
// Thread safety: AnalyzeBundle may run on several threads at once, with one Analyzer shared
// between them; each call starts its own workers, and calls `options.progress` from them one
// at a time.
#ifndef LOGANALYZE_BUNDLE_H_
#define LOGANALYZE_BUNDLE_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "loganalyze/export.h"
#include "absl/status/statusor.h"
#include "loganalyze/analyzer.h"
#include "loganalyze/inputs.h"
#include "loganalyze/report.h"

namespace loganalyze {

struct LOGANALYZE_API BundleProgress {
  size_t files_done = 0, files_total = 0;  // files and archives named or found
  uint64_t bytes_done = 0, bytes_total = 0;
};

struct LOGANALYZE_API BundleOptions {
  ArchiveLimits limits;
  // Threads; 0 means one per core. No more threads are started than there are cores or
  // pieces of work (a file, or a share of an archive's members).
  int jobs = 0;
  // The file the report will be written to, if any: the call fails when it is one of the
  // inputs (the same file, by identity), so that a report never overwrites a log.
  std::string output;
  // Called from the worker threads, one call at a time, as files are done.
  std::function<void(const BundleProgress&)> progress;
  // When set and it becomes true (from any thread, the progress callback included), the
  // call stops within one read of each worker (256 KiB) and returns CancelledError.
  const std::atomic<bool>* cancel = nullptr;
  // Files that list more inputs, one per line (`loganalyze --files-from`; "-" is standard
  // input), read as ReadInputList reads them; their paths come after `args`. A list that
  // cannot be read is an error of the report, named by its path.
  std::vector<std::string> input_lists;
};

// Expands `args` as ExpandInputs does and analyses every input, archive members included,
// into one report. The same as analysing the inputs one by one and merging the reports,
// except that nothing counts twice:
// - a file reached by several names is read once (ExpandInputs);
// - inputs with the same bytes (a copy of a file, in a folder or in an archive) count once:
//   the first, in path order, is analysed, and the others are listed with the note;
// - records that copies of one log share (a .Crash copy of its service's current log,
//   rotated logs that overlap, a log collected on two days, an excerpt pasted from a log in
//   the bundle) count once: a record that a related earlier input holds too (same time,
//   process, thread, source and message) counts in the first of them, in this order: logs
//   before .Crash copies before excerpts, then by path; the others count it in
//   stats.duplicate_records and ReportInput::duplicates. Related: one log family, time
//   ranges that overlap, and one folder or records in common (README, *Counting once*).
// Files found while walking a folder, and archive members, that are documentation or
// source code (NotALogReason) are listed as skipped; so are reports of earlier runs.
// Returns InvalidArgument only when `options.output` is one of the inputs, and Cancelled
// when `options.cancel` became true; every other problem is in the report
// (ReportInput::error, Report::errors).
LOGANALYZE_API absl::StatusOr<Report> AnalyzeBundle(const Analyzer& analyzer,
                                                    const std::vector<std::string>& args,
                                                    const BundleOptions& options);

// Why a file found while walking a folder, or an archive member, is not analysed as a log:
// a bundle's README, a collection script, a report page (.md, .py, .ps1, .json, .html, ...).
// "" when its name allows it. A file named explicitly is always analysed.
LOGANALYZE_API std::string NotALogReason(std::string_view name);

}  // namespace loganalyze

#endif  // LOGANALYZE_BUNDLE_H_
