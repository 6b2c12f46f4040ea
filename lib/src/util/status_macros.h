// Debian's Abseil (20220623) has no status macros; these are the two the library needs.
#ifndef LOGANALYZE_UTIL_STATUS_MACROS_H_
#define LOGANALYZE_UTIL_STATUS_MACROS_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define LOGANALYZE_CONCAT_INNER_(a, b) a##b
#define LOGANALYZE_CONCAT_(a, b) LOGANALYZE_CONCAT_INNER_(a, b)

// Returns from the current function with the status of `expr` if it is not OK.
#define LA_RETURN_IF_ERROR(expr)                        \
  do {                                                  \
    const ::absl::Status la_status_ = (expr);           \
    if (!la_status_.ok()) return la_status_;            \
  } while (0)

// `lhs = value of expr` or return its error status.
#define LA_ASSIGN_OR_RETURN(lhs, expr) \
  LA_ASSIGN_OR_RETURN_IMPL_(LOGANALYZE_CONCAT_(la_statusor_, __LINE__), lhs, expr)
#define LA_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                              \
  if (!tmp.ok()) return tmp.status();             \
  lhs = std::move(tmp).value()

#endif  // LOGANALYZE_UTIL_STATUS_MACROS_H_
