// RenderReport: one entry point for every format; the names of status codes in reports.
#include "loganalyze/report.h"

#include <array>
#include <utility>

#include "report/html_writer.h"
#include "report/writers.h"

namespace loganalyze {

std::string RenderReport(const Report& report, const KnowledgeBase& kb, ReportFormat format,
                         const RenderOptions& options) {
  switch (format) {
    case ReportFormat::kText:
      return internal::RenderText(report, kb, options);
    case ReportFormat::kJson:
      return internal::RenderJson(report, kb, options);
    case ReportFormat::kJsonl:
      return internal::RenderJsonl(report, kb, options);
    case ReportFormat::kMarkdown:
      return internal::RenderMarkdown(report, kb, options);
    case ReportFormat::kHtml:
      return internal::RenderHtml(report, kb, options);
  }
  return std::string();
}

namespace {

constexpr std::array<std::pair<absl::StatusCode, std::string_view>, 17> kStatusCodeNames = {{
    {absl::StatusCode::kOk, "ok"},
    {absl::StatusCode::kCancelled, "cancelled"},
    {absl::StatusCode::kUnknown, "unknown"},
    {absl::StatusCode::kInvalidArgument, "invalid_argument"},
    {absl::StatusCode::kDeadlineExceeded, "deadline_exceeded"},
    {absl::StatusCode::kNotFound, "not_found"},
    {absl::StatusCode::kAlreadyExists, "already_exists"},
    {absl::StatusCode::kPermissionDenied, "permission_denied"},
    {absl::StatusCode::kResourceExhausted, "resource_exhausted"},
    {absl::StatusCode::kFailedPrecondition, "failed_precondition"},
    {absl::StatusCode::kAborted, "aborted"},
    {absl::StatusCode::kOutOfRange, "out_of_range"},
    {absl::StatusCode::kUnimplemented, "unimplemented"},
    {absl::StatusCode::kInternal, "internal"},
    {absl::StatusCode::kUnavailable, "unavailable"},
    {absl::StatusCode::kDataLoss, "data_loss"},
    {absl::StatusCode::kUnauthenticated, "unauthenticated"},
}};

}  // namespace

std::string_view StatusCodeName(absl::StatusCode code) {
  for (const auto& [c, name] : kStatusCodeNames) {
    if (c == code) return name;
  }
  return "unknown";
}

std::optional<absl::StatusCode> StatusCodeFromName(std::string_view name) {
  for (const auto& [c, n] : kStatusCodeNames) {
    if (n == name) return c;
  }
  return std::nullopt;
}

}  // namespace loganalyze
