// The one place that knows how RE2 is configured and how its string type converts.
#ifndef LOGANALYZE_MATCH_RE2_UTIL_H_
#define LOGANALYZE_MATCH_RE2_UTIL_H_

#include <cstdint>
#include <string_view>

#include "absl/strings/string_view.h"
#include "re2/re2.h"

namespace loganalyze::internal {

// The memory budget of the pattern set and of each pattern. RE2's default (8 MiB) is too
// small for a few hundred case-insensitive patterns in one set.
inline constexpr int64_t kPatternMemoryBudget = int64_t{256} << 20;

inline RE2::Options PatternOptions() {
  RE2::Options o;
  o.set_log_errors(false);
  o.set_max_mem(kPatternMemoryBudget);
  return o;
}

inline re2::StringPiece ToPiece(std::string_view s) { return re2::StringPiece(s.data(), s.size()); }
inline absl::string_view ToAbsl(std::string_view s) { return absl::string_view(s.data(), s.size()); }

}  // namespace loganalyze::internal

#endif  // LOGANALYZE_MATCH_RE2_UTIL_H_
