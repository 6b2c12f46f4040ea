// Section and field labels of the human-readable reports, in English and Traditional Chinese.
#ifndef LOGANALYZE_REPORT_LABELS_H_
#define LOGANALYZE_REPORT_LABELS_H_

#include <string_view>

#include "loganalyze/knowledge_base.h"

namespace loganalyze::internal {

enum class Label {
  kOverview, kFindings, kFailedFiles, kJobs, kUnknown, kTimeline, kProblems,
  kInputs, kTimesNote, kExpected, kMissing, kPresent, kCause, kActions, kCodes, kFirst, kLast,
  kSeenIn, kExample, kNoFindings, kTotal, kRecurring, kTopDirectories, kByCode, kStart, kEnd,
  kOutcome, kFailedPhase, kSlowestPhases, kPerDay, kErrors, kWarnings, kSkipped, kNone,
  kOverflow, kDocs, kMore, kAnalysed, kLines,
};

std::string_view L(Language lang, Label label);
// The severity as shown to people ("ERROR" / "錯誤").
std::string_view SeverityLabel(Language lang, Severity s);

}  // namespace loganalyze::internal

#endif  // LOGANALYZE_REPORT_LABELS_H_
