#include "parse/format_detector.h"

#include <cctype>
#include <string>

#include "parse/errlog_head.h"
#include "parse/failed_files_parser.h"
#include "parse/parser.h"
#include "parse/pasted_line.h"

namespace loganalyze::internal {

std::optional<Format> FormatFromName(std::string_view name) {
  const size_t slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
  std::string lower(name);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const auto ends_with = [&lower](std::string_view suffix) {
    return lower.size() >= suffix.size() &&
           lower.compare(lower.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  if (ends_with(".errlog") || ends_with(".crash") ||
      lower.find(".errlog.") != std::string::npos) {
    return Format::kErrlog;
  }
  if (lower.rfind("lastbackupfailedfiles", 0) == 0 && ends_with(".txt")) {
    return Format::kFailedFiles;
  }
  return std::nullopt;
}

std::string OwnReportReason(std::string_view head) {
  // The first line, without colour codes (a text report written with --color always).
  std::string first;
  for (size_t i = 0; i < head.size() && head[i] != '\n' && first.size() < 512; ++i) {
    if (head[i] == '\x1B') {
      while (i < head.size() && head[i] != 'm' && head[i] != '\n') ++i;
      continue;
    }
    first += head[i];
  }
  const char* kind = nullptr;
  if (first.starts_with("loganalyze ") && first.find(" · knowledge base ") != std::string::npos) {
    kind = "text";
  } else if (first.starts_with("# loganalyze report")) {
    kind = "Markdown";
  } else if (first.starts_with("{\"type\":\"input\",\"path\":") ||
             first.starts_with("{\"type\":\"summary\",\"schema\":\"loganalyze.report/")) {
    kind = "JSON Lines";
  } else if (head.substr(0, 256).find("\"schema\":\"loganalyze.report/") != std::string_view::npos) {
    kind = "JSON";
  } else if (head.starts_with("<!DOCTYPE html>") &&
             head.substr(0, 2048).find("<title>loganalyze ") != std::string_view::npos) {
    kind = "HTML";
  }
  if (kind == nullptr) return std::string();
  return std::string("a report written by loganalyze (") + kind +
         "), not a log: reading it would count its findings again (`loganalyze merge` "
         "combines JSON reports)";
}

Format FormatFromContent(const std::vector<std::string_view>& first_lines) {
  bool first_non_blank = true;
  for (std::string_view line : first_lines) {
    if (IsBlank(line)) continue;
    if (first_non_blank && IsFailedFilesHeader(line)) return Format::kFailedFiles;
    first_non_blank = false;
    if (LineLayout(line) != ErrlogLayout::kUnknown) return Format::kErrlog;
  }
  return Format::kText;
}

ErrlogLayout LineLayout(std::string_view line) {
  ErrlogHead head;
  if (ParseErrlogHead(line, &head)) return ErrlogLayout::kWritten;
  std::vector<PastedRecord> records;
  if (ParsePastedText(line, &records) == PastedText::kRecords) return ErrlogLayout::kPasted;
  const PastedPrefix prefix = ParsePastedPrefix(line);
  if (prefix.tool != PasteTool::kNone &&
      ParsePastedText(line.substr(prefix.length), &records) == PastedText::kRecords) {
    return ErrlogLayout::kPasted;
  }
  return ErrlogLayout::kUnknown;
}

ErrlogLayout ErrlogLayoutFromContent(const std::vector<std::string_view>& first_lines) {
  for (std::string_view line : first_lines) {
    const ErrlogLayout layout = LineLayout(line);
    if (layout != ErrlogLayout::kUnknown) return layout;
  }
  return ErrlogLayout::kUnknown;
}

}  // namespace loganalyze::internal
