// Debian's Abseil (20220623) has its own absl::string_view class, distinct from
// std::string_view. This is the one place that converts between them.
#ifndef LOGANALYZE_STATUS_TEXT_H_
#define LOGANALYZE_STATUS_TEXT_H_

#include <string_view>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace loganalyze {

inline std::string_view ToStd(absl::string_view s) { return {s.data(), s.size()}; }
inline absl::string_view ToAbsl(std::string_view s) { return {s.data(), s.size()}; }

// The message of a status as std::string_view (valid while the status lives).
inline std::string_view StatusMessage(const absl::Status& s) { return ToStd(s.message()); }

}  // namespace loganalyze

#endif  // LOGANALYZE_STATUS_TEXT_H_
