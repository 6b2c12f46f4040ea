#include "report/views.h"

#include <algorithm>
#include <cctype>
#include <map>
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

  bool mars = false, dpm = false;
  std::vector<std::string> names;
  for (const ReportInput* in : v.inputs) {
    const std::string name = AsciiLower(BaseName(in->member.empty() ? in->path : in->member));
    names.push_back(name);
    mars |= name.starts_with("cbengine") || name.starts_with("lastbackupfailedfiles");
    dpm |= name.starts_with("msdpm") || name.starts_with("dpmra");
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
  auto expect = [&](std::string_view name) {
    const std::string lower = AsciiLower(name);
    const bool present = std::find(names.begin(), names.end(), lower) != names.end();
    v.expected.push_back({std::string(name), present});
  };
  if (mars) expect("CBEngineCurr.errlog");
  if (dpm) {
    expect("MSDPMCurr.errlog");
    expect("DPMRACurr.errlog");
  }
  return v;
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
  s.inputs = report.inputs.size();
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
