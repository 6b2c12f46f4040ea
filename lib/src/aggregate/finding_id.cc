#include "aggregate/finding_id.h"

namespace loganalyze::internal {

void FindingId(const KnowledgeBase& kb, const MatchResult& result, std::string* id) {
  id->clear();
  if (result.finding >= 0) {
    id->append(kb.entries()[result.finding].id);
  } else if (!result.codes.empty()) {
    id->append("code:");
    id->append(result.codes.back().ToString());
  }
}

}  // namespace loganalyze::internal
