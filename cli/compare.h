// `loganalyze diff` and `loganalyze recurring`: reports or bundles of one server compared.
// Loading, comparing and rendering are the library's (loganalyze/diff.h); this chooses the
// exit code.
#ifndef LOGANALYZE_CLI_COMPARE_H_
#define LOGANALYZE_CLI_COMPARE_H_

#include <cstddef>
#include <string>
#include <vector>

#include "cli/run.h"

namespace loganalyze::cli {

struct CompareOptions {
  double threshold = 0.2;    // diff: a change of more than this fraction is worse or better
  bool fail_on_new = false;  // diff: exit 1 when anything is new
  size_t min_present = 2;    // recurring: findings in at least this many reports
};

// Exit codes: 0 compared; 1 something new under fail_on_new; 2 usage error, a report that
// cannot be read, or output not written; 3 some inputs of a bundle could not be read.
int Diff(const KnowledgeBase& kb, const std::string& older, const std::string& newer,
         const Options& opt, const CompareOptions& copt);
int Recurring(const KnowledgeBase& kb, const std::vector<std::string>& reports, const Options& opt,
              const CompareOptions& copt);

}  // namespace loganalyze::cli

#endif  // LOGANALYZE_CLI_COMPARE_H_
