// FindingId: the one finding a record counts for (one line, one finding).
#ifndef LOGANALYZE_AGGREGATE_FINDING_ID_H_
#define LOGANALYZE_AGGREGATE_FINDING_ID_H_

#include <string>

#include "loganalyze/knowledge_base.h"
#include "loganalyze/matcher.h"

namespace loganalyze::internal {

// Sets `id` to the finding of a record whose message matched as `result`: the id of the
// entry the matcher chose (MatchResult::finding), or, when no entry explains the record,
// "code:" and the last code of the message in canonical form (a message ends with its
// detail); the record's other codes are listed in that finding. Clears `id` when the record
// has neither an entry nor a code. Reuses `id`'s buffer.
void FindingId(const KnowledgeBase& kb, const MatchResult& result, std::string* id);

}  // namespace loganalyze::internal

#endif  // LOGANALYZE_AGGREGATE_FINDING_ID_H_
