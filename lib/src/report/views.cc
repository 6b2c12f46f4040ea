#include "report/views.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <tuple>

#include "decode/utf8.h"
#include "fmt/format.h"
#include "util/names.h"

namespace loganalyze::internal {
namespace {

std::string ParentDirectory(std::string_view path) {
  const size_t slash = path.find_last_of("/\\");
  return slash == std::string_view::npos ? std::string() : std::string(path.substr(0, slash));
}

int64_t Millis(LogTime t) {
  // Days from civil (proleptic Gregorian), for durations.
  int y = t.year(), m = t.month(), d = t.day();
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t days = era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return days * 86400000 + t.millis_of_day();
}

}  // namespace

ExpectedLogFamily ExpectedLogFamilyOf(std::string_view path) {
  const std::string name = AsciiLower(BaseName(path));
  ExpectedLogFamily f;
  f.mars = name.starts_with("cbengine") || name.starts_with("lastbackupfailedfiles");
  f.dpm = name.starts_with("msdpm") || name.starts_with("dpmra");
  for (const char* expected : {"cbenginecurr.errlog", "msdpmcurr.errlog", "dpmracurr.errlog"}) {
    if (name == expected) f.expected = expected;
  }
  return f;
}

ReportViews MakeViews(const Report& report) {
  ReportViews v;
  for (const ReportInput& in : report.inputs) v.inputs.push_back(&in);
  std::sort(v.inputs.begin(), v.inputs.end(), [](const ReportInput* a, const ReportInput* b) {
    return std::tie(a->path, a->member) < std::tie(b->path, b->member);
  });
  for (const ReportError& e : report.errors) v.errors.push_back(&e);
  std::sort(v.errors.begin(), v.errors.end(), [](const ReportError* a, const ReportError* b) {
    return std::tie(a->path, a->member, a->message) < std::tie(b->path, b->member, b->message);
  });
  v.findings = OrderedFindings(report);
  for (const auto& [id, job] : report.jobs) v.jobs.push_back(&job);
  std::sort(v.jobs.begin(), v.jobs.end(), [](const ReportJob* a, const ReportJob* b) {
    return std::make_tuple(a->Start(), a->task_id) < std::make_tuple(b->Start(), b->task_id);
  });
  for (const auto& [text, t] : report.unknown) v.unknown.push_back(&t);
  std::sort(v.unknown.begin(), v.unknown.end(),
            [](const UnknownTemplate* a, const UnknownTemplate* b) {
              return std::tie(b->count, a->text) < std::tie(a->count, b->text);
            });
  std::map<std::string, uint64_t> dirs;
  for (const auto& [key, item] : report.failed_files.items) {
    if (item.days.size() >= 2) v.recurring.push_back(&item);
    dirs[ParentDirectory(item.path)] += item.count;
  }
  std::sort(v.recurring.begin(), v.recurring.end(),
            [](const FailedFileItem* a, const FailedFileItem* b) {
              return std::make_tuple(b->days.size(), a->path, a->code) <
                     std::make_tuple(a->days.size(), b->path, b->code);
            });
  v.top_directories.assign(dirs.begin(), dirs.end());
  std::sort(v.top_directories.begin(), v.top_directories.end(), [](const auto& a, const auto& b) {
    return std::tie(b.second, a.first) < std::tie(a.second, b.first);
  });
  if (v.top_directories.size() > 10) v.top_directories.resize(10);
  std::map<std::string, TimelineCount> days;
  for (const auto& [hour, c] : report.timeline) {
    TimelineCount& d = days[hour.substr(0, 10)];
    d.errors += c.errors;
    d.warnings += c.warnings;
  }
  v.days.assign(days.begin(), days.end());

  bool mars = report.unlisted_inputs.mars, dpm = report.unlisted_inputs.dpm;
  std::set<std::string> present = report.unlisted_inputs.expected;
  for (const ReportInput* in : v.inputs) {
    const ExpectedLogFamily family = ExpectedLogFamilyOf(in->member.empty() ? in->path : in->member);
    mars |= family.mars;
    dpm |= family.dpm;
    if (family.expected != nullptr) present.insert(family.expected);
    if (in->skipped.empty() && in->format) {
      ++v.analysed;
      v.totals.Add(in->stats);
      if (in->first_time.is_set() && (!v.first_time.is_set() || in->first_time < v.first_time)) {
        v.first_time = in->first_time;
      }
      if (in->last_time > v.last_time) v.last_time = in->last_time;
    } else if (!in->skipped.empty()) {
      ++v.skipped;
    }
    if (!in->error.empty()) ++v.unreadable;
  }
  // The inputs past the bound on inputs listed count in every total.
  const UnlistedInputs& more = report.unlisted_inputs;
  v.analysed += more.analysed;
  v.skipped += more.skipped;
  v.unreadable += more.unreadable;
  v.totals.Add(more.stats);
  if (more.first_time.is_set() && (!v.first_time.is_set() || more.first_time < v.first_time)) {
    v.first_time = more.first_time;
  }
  if (more.last_time > v.last_time) v.last_time = more.last_time;
  auto expect = [&](std::string_view name) {
    v.expected.push_back({std::string(name), present.count(AsciiLower(name)) > 0});
  };
  if (mars) expect("CBEngineCurr.errlog");
  if (dpm) {
    expect("MSDPMCurr.errlog");
    expect("DPMRACurr.errlog");
  }
  return v;
}

std::string UnlistedInputsText(const Report& report, Language lang) {
  const UnlistedInputs& u = report.unlisted_inputs;
  if (u.inputs == 0) return std::string();
  const size_t bound = report.limits.value_or(ReportLimits()).max_inputs;
  if (lang == Language::kEnglish) {
    return fmt::format(
        "{} more inputs are not listed (the first {} are; bound max_inputs): {} analysed, {} "
        "skipped, {} not read fully, {}, {} lines. They count in every total above; a report "
        "merged later that repeats one of them cannot be recognised as counted already.",
        u.inputs, bound, u.analysed, u.skipped, u.unreadable, HumanBytes(u.stats.bytes),
        u.stats.lines);
  }
  return fmt::format(
      "另有 {} 個輸入未列出（只列出前 {} 個；上限 max_inputs）：已分析 {} 個、略過 {} 個、未能完整讀取 "
      "{} 個，共 {}、{} 行。它們都已計入上方的總數；之後合併的報告若重複其中的輸入，將無法辨識為已計算過。",
      u.inputs, bound, u.analysed, u.skipped, u.unreadable, HumanBytes(u.stats.bytes),
      u.stats.lines);
}

std::string UnlistedErrorsText(const Report& report, Language lang) {
  if (report.errors_overflow == 0) return std::string();
  const size_t bound = report.limits.value_or(ReportLimits()).max_errors;
  return lang == Language::kEnglish
             ? fmt::format("{} more problems are not listed (the first {} are; bound max_errors).",
                           report.errors_overflow, bound)
             : fmt::format("另有 {} 個問題未列出（只列出前 {} 個；上限 max_errors）。",
                           report.errors_overflow, bound);
}

std::vector<std::string> InputRemarks(const ReportInput& in, Language lang) {
  const bool en = lang == Language::kEnglish;
  std::vector<std::string> out;
  for (const auto& [key, n] : in.duplicates) {
    out.push_back(en ? fmt::format("{} of its {} records were already counted from {}; they are "
                                   "not counted again",
                                   n, in.stats.records, key)
                     : fmt::format("{} 筆記錄（共 {} 筆）已在 {} 中計算過，不重複計算", n,
                                   in.stats.records, key));
  }
  if (in.stats.undated_records > 0) {
    const uint64_t n = in.stats.undated_records;
    out.push_back(en ? fmt::format("{} records carry a date that does not exist in the year "
                                   "assigned to them; they are counted without a date",
                                   n)
                     : fmt::format("{} 筆記錄的日期在推定的年份中不存在，計入但不標示日期", n));
  }
  out.insert(out.end(), in.notes.begin(), in.notes.end());
  return out;
}

}  // namespace loganalyze::internal

namespace loganalyze {

ReportSummary Summarize(const Report& report) {
  const internal::ReportViews v = internal::MakeViews(report);
  ReportSummary s;
  s.inputs = report.inputs.size() + report.unlisted_inputs.inputs;
  s.analysed = v.analysed;
  s.skipped = v.skipped;
  s.unreadable = v.unreadable;
  s.bytes = v.totals.bytes;
  s.lines = v.totals.lines;
  s.records = v.totals.records;
  s.duplicate_records = v.totals.duplicate_records;
  s.undated_records = v.totals.undated_records;
  s.first_time = v.first_time;
  s.last_time = v.last_time;
  s.findings = report.findings.size();
  for (const auto& [id, f] : report.findings) {
    switch (f.severity) {
      case Severity::kCritical: s.critical += f.count; break;
      case Severity::kError: s.errors += f.count; break;
      case Severity::kWarning: s.warnings += f.count; break;
      case Severity::kInfo: s.info += f.count; break;
    }
  }
  s.jobs = report.jobs.size();
  s.unknown_templates = report.unknown.size();
  s.unknown_overflow = report.unknown_overflow;
  s.jobs_overflow = report.jobs_overflow;
  s.findings_overflow = report.findings_overflow;
  s.unlisted_inputs = report.unlisted_inputs.inputs;
  s.errors_overflow = report.errors_overflow;
  s.expected_logs = v.expected;
  return s;
}

FindingText DescribeFinding(const KnowledgeBase& kb, const ReportFinding& f, Language lang) {
  FindingText t;
  const int e = kb.FindById(f.id);
  if (e >= 0) {
    const KbEntry& entry = kb.entries()[e];
    t.title = entry.title.Get(lang);
    t.cause = entry.cause.Get(lang);
    t.actions = entry.actions.Get(lang);
    t.docs = entry.docs;
    t.known = true;
    return t;
  }
  const std::string code = f.id.starts_with("code:") ? f.id.substr(5) : f.id;
  if (lang == Language::kEnglish) {
    t.title = fmt::format("Code {} (no knowledge-base entry)", code);
    t.cause = "The knowledge base has no entry for this code yet.";
    t.actions = {fmt::format("Read the sample lines, then search Microsoft's documentation for "
                             "{}.",
                             code),
                 "Add an entry under patterns/ when the cause is known."};
  } else {
    t.title = fmt::format("代碼 {}（知識庫尚無此項目）", code);
    t.cause = "知識庫目前還沒有這個代碼的說明。";
    t.actions = {fmt::format("先閱讀範例記錄行，再到 Microsoft 文件搜尋 {}。", code),
                 "確認原因後，在 patterns/ 新增一個項目。"};
  }
  return t;
}

}  // namespace loganalyze

namespace loganalyze::internal {

std::string JsonString(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  out.push_back('"');
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  size_t i = 0;
  while (i < s.size()) {
    const uint8_t c = p[i];
    if (c >= 0x80) {
      const size_t len = Utf8SequenceLength(p + i, s.size() - i);
      if (len == 0 || len == kUtf8Truncated) {
        out += "\xEF\xBF\xBD";
        ++i;
      } else {
        out.append(s.substr(i, len));
        i += len;
      }
      continue;
    }
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20 || c == 0x7F) {
          out += fmt::format("\\u{:04x}", c);
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
    ++i;
  }
  out.push_back('"');
  return out;
}

std::string JsonTime(LogTime t) { return t.is_set() ? "\"" + t.ToString() + "\"" : "null"; }

LogTime ParseTime(std::string_view s) {
  // YYYY-MM-DDTHH:MM:SS.mmm
  if (s.size() != 23 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' ||
      s[16] != ':' || s[19] != '.') {
    return LogTime();
  }
  auto num = [&](size_t pos, size_t len, int* out) {
    int v = 0;
    for (size_t i = pos; i < pos + len; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
      v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
  };
  int y, mo, d, h, mi, se, ms;
  if (!num(0, 4, &y) || !num(5, 2, &mo) || !num(8, 2, &d) || !num(11, 2, &h) ||
      !num(14, 2, &mi) || !num(17, 2, &se) || !num(20, 3, &ms)) {
    return LogTime();
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60) return LogTime();
  return LogTime::FromCivil(y, mo, d, h, mi, se, ms);
}

std::string Minute(LogTime t) {
  if (!t.is_set()) return "-";
  std::string s = t.ToString().substr(0, 16);
  s[10] = ' ';
  return s;
}

std::string HumanBytes(uint64_t bytes) {
  if (bytes < 1024) return fmt::format("{} B", bytes);
  if (bytes < 1024 * 1024) return fmt::format("{:.1f} KB", bytes / 1024.0);
  if (bytes < uint64_t{1} << 30) return fmt::format("{:.1f} MB", bytes / 1048576.0);
  return fmt::format("{:.2f} GB", bytes / 1073741824.0);
}

std::string HumanDuration(LogTime start, LogTime end) {
  if (!start.is_set() || !end.is_set() || end < start) return "";
  const int64_t s = (Millis(end) - Millis(start)) / 1000;
  if (s >= 3600) return fmt::format("{}h {:02}m", s / 3600, s / 60 % 60);
  if (s >= 60) return fmt::format("{}m {:02}s", s / 60, s % 60);
  return fmt::format("{}s", s);
}

}  // namespace loganalyze::internal
