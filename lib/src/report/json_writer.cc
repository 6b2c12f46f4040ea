// JSON and JSON Lines reports, schema loganalyze.report/1 (documented in
// lib/REPORT_SCHEMA.md). Deterministic: every list has a fixed order.
#include <map>
#include <string>

#include "fmt/format.h"
#include "report/views.h"
#include "report/writers.h"

namespace loganalyze::internal {
namespace {

std::string Str(std::string_view s) { return JsonString(s); }
std::string NullableStr(std::string_view s) { return s.empty() ? "null" : JsonString(s); }

template <typename Range>
std::string StrArray(const Range& items) {
  std::string out = "[";
  bool first = true;
  for (const auto& s : items) {
    if (!first) out += ',';
    first = false;
    out += JsonString(s);
  }
  return out + "]";
}

// {"key":n,...} in key order.
std::string CountsJson(const std::map<std::string, uint64_t>& counts) {
  std::string out = "{";
  for (const auto& [key, n] : counts) {
    if (out.size() > 1) out += ',';
    out += fmt::format("{}:{}", Str(key), n);
  }
  return out + "}";
}

std::string SampleJson(const ReportSample& s) {
  return fmt::format("{{\"path\":{},\"member\":{},\"line\":{},\"text\":{}}}", Str(s.path),
                     NullableStr(s.member), s.line, Str(s.text));
}

// The fields of InputStats, without braces: "\"bytes\":1,\"lines\":2,...".
std::string StatsFields(const InputStats& s) {
  return fmt::format(
      "\"bytes\":{},\"lines\":{},\"records\":{},\"joined_records\":{},\"continuation_lines\":{},"
      "\"structure_lines\":{},\"unparsed_lines\":{},\"truncated_lines\":{},"
      "\"replaced_sequences\":{},\"bom_bytes\":{},\"line_bytes\":{},\"duplicate_records\":{},"
      "\"undated_records\":{}",
      s.bytes, s.lines, s.records, s.joined_records, s.continuation_lines, s.structure_lines,
      s.unparsed_lines, s.truncated_lines, s.replaced_sequences, s.bom_bytes, s.line_bytes,
      s.duplicate_records, s.undated_records);
}

std::string InputJson(const ReportInput& in) {
  return fmt::format(
      "{{\"path\":{},\"member\":{},\"format\":{},\"encoding\":{},{},\"first_time\":{},"
      "\"last_time\":{},\"content_hash\":{},\"duplicates\":{},\"notes\":{},\"error\":{},"
      "\"skipped\":{}}}",
      Str(in.path), NullableStr(in.member),
      in.format ? Str(FormatName(*in.format)) : std::string("null"),
      Str(EncodingName(in.encoding)), StatsFields(in.stats), JsonTime(in.first_time),
      JsonTime(in.last_time), NullableStr(in.content_hash), CountsJson(in.duplicates),
      StrArray(in.notes), NullableStr(in.error), NullableStr(in.skipped));
}

std::string UnlistedInputsJson(const UnlistedInputs& u) {
  return fmt::format(
      "{{\"inputs\":{},\"analysed\":{},\"skipped\":{},\"unreadable\":{},{},\"first_time\":{},"
      "\"last_time\":{},\"mars\":{},\"dpm\":{},\"expected\":{}}}",
      u.inputs, u.analysed, u.skipped, u.unreadable, StatsFields(u.stats), JsonTime(u.first_time),
      JsonTime(u.last_time), u.mars ? "true" : "false", u.dpm ? "true" : "false",
      StrArray(u.expected));
}

std::string FindingJson(const ReportFinding& f, const KnowledgeBase& kb, Language lang) {
  const FindingText t = DescribeFinding(kb, f, lang);
  std::string samples = "[";
  for (size_t i = 0; i < f.samples.size(); ++i) {
    if (i) samples += ',';
    samples += SampleJson(f.samples[i]);
  }
  samples += ']';
  return fmt::format(
      "{{\"id\":{},\"codes\":{},\"severity\":{},\"title\":{},\"cause\":{},\"actions\":{},"
      "\"docs\":{},\"known\":{},\"count\":{},\"first_seen\":{},\"last_seen\":{},\"days\":{},"
      "\"inputs\":{},\"more_inputs\":{},\"samples\":{}}}",
      Str(f.id), StrArray(f.codes), Str(SeverityName(f.severity)), Str(t.title), Str(t.cause),
      StrArray(t.actions), NullableStr(t.docs), t.known ? "true" : "false", f.count,
      JsonTime(f.first_seen), JsonTime(f.last_seen), CountsJson(f.days), StrArray(f.inputs),
      f.more_inputs, samples);
}

std::string JobJson(const ReportJob& j) {
  std::string phases = "[";
  bool first = true;
  for (const auto& [name, p] : j.phases) {
    if (!first) phases += ',';
    first = false;
    phases += fmt::format("{{\"name\":{},\"start\":{},\"end\":{}}}", Str(name),
                          JsonTime(p.start), JsonTime(p.end));
  }
  phases += ']';
  return fmt::format(
      "{{\"task_id\":{},\"kind\":{},\"start\":{},\"end\":{},\"outcome\":{},\"failed_phase\":{},"
      "\"codes\":{},\"first_seen\":{},\"last_seen\":{},\"succeeded_at\":{},\"failed_at\":{},"
      "\"phases\":{},\"inputs\":{},\"records\":{}}}",
      Str(j.task_id), Str(j.kind), JsonTime(j.Start()), JsonTime(j.End()), Str(j.Outcome()),
      NullableStr(j.FailedPhase()), StrArray(j.codes), JsonTime(j.first_seen),
      JsonTime(j.last_seen), JsonTime(j.succeeded_at), JsonTime(j.failed_at), phases,
      StrArray(j.inputs), j.records);
}

std::string UnknownJson(const UnknownTemplate& u) {
  return fmt::format("{{\"template\":{},\"count\":{},\"severity\":{},\"example\":{}}}",
                     Str(u.text), u.count, Str(SeverityName(u.severity)), SampleJson(u.example));
}

std::string ErrorJson(const ReportError& e) {
  return fmt::format("{{\"path\":{},\"member\":{},\"code\":{},\"message\":{}}}",
                     Str(e.path), NullableStr(e.member), Str(StatusCodeName(e.code)),
                     Str(e.message));
}

std::string FailedFilesJson(const Report& r, const ReportViews& v) {
  const std::string by_code = CountsJson(r.failed_files.by_code);
  std::string recurring = "[";
  for (size_t i = 0; i < v.recurring.size(); ++i) {
    if (i) recurring += ',';
    recurring += fmt::format("{{\"path\":{},\"code\":{},\"days\":{}}}", Str(v.recurring[i]->path),
                             Str(v.recurring[i]->code), StrArray(v.recurring[i]->days));
  }
  recurring += ']';
  std::string dirs = "[";
  for (size_t i = 0; i < v.top_directories.size(); ++i) {
    if (i) dirs += ',';
    dirs += fmt::format("{{\"path\":{},\"count\":{}}}", Str(v.top_directories[i].first),
                        v.top_directories[i].second);
  }
  dirs += ']';
  std::string items = "[";
  bool first = true;
  for (const auto& [key, item] : r.failed_files.items) {
    if (!first) items += ',';
    first = false;
    items += fmt::format("{{\"path\":{},\"code\":{},\"days\":{},\"count\":{}}}", Str(item.path),
                         Str(item.code), StrArray(item.days), item.count);
  }
  items += ']';
  return fmt::format(
      "{{\"total\":{},\"by_code\":{},\"recurring\":{},\"top_directories\":{},\"items\":{},"
      "\"unlisted\":{}}}",
      r.failed_files.total, by_code, recurring, dirs, items, r.failed_files.unlisted);
}

std::string SummaryJson(const ReportSummary& s) {
  std::string expected = "[";
  for (size_t i = 0; i < s.expected_logs.size(); ++i) {
    if (i) expected += ',';
    expected += fmt::format("{{\"name\":{},\"present\":{}}}", Str(s.expected_logs[i].name),
                            s.expected_logs[i].present ? "true" : "false");
  }
  expected += ']';
  return fmt::format(
      "{{\"inputs\":{},\"analysed\":{},\"skipped\":{},\"unreadable\":{},\"bytes\":{},"
      "\"lines\":{},\"records\":{},\"duplicate_records\":{},\"undated_records\":{},"
      "\"first_time\":{},\"last_time\":{},\"findings\":{},"
      "\"critical\":{},\"errors\":{},\"warnings\":{},\"info\":{},\"jobs\":{},"
      "\"unknown_templates\":{},\"unknown_overflow\":{},\"jobs_overflow\":{},"
      "\"findings_overflow\":{},\"unlisted_inputs\":{},\"errors_overflow\":{},"
      "\"expected_logs\":{},\"times\":\"as logged (UTC)\"}}",
      s.inputs, s.analysed, s.skipped, s.unreadable, s.bytes, s.lines, s.records,
      s.duplicate_records, s.undated_records, JsonTime(s.first_time), JsonTime(s.last_time),
      s.findings, s.critical, s.errors, s.warnings, s.info, s.jobs, s.unknown_templates,
      s.unknown_overflow, s.jobs_overflow, s.findings_overflow, s.unlisted_inputs,
      s.errors_overflow, expected);
}

// The "limits" object, or "" for a report without limits.
std::string LimitsJson(const Report& r) {
  if (!r.limits) return "";
  return fmt::format(
      "{{\"samples_per_finding\":{},\"max_templates\":{},\"max_jobs\":{},"
      "\"max_code_findings\":{},\"max_inputs\":{},\"inputs_per_finding\":{},"
      "\"max_failed_files\":{},\"max_errors\":{}}}",
      r.limits->samples_per_finding, r.limits->max_templates, r.limits->max_jobs,
      r.limits->max_code_findings, r.limits->max_inputs, r.limits->inputs_per_finding,
      r.limits->max_failed_files, r.limits->max_errors);
}

std::string ToolJson(const KnowledgeBase& kb, const RenderOptions& o) {
  return fmt::format("{{\"name\":\"loganalyze\",\"version\":{},\"kb_version\":{}}}",
                     Str(o.tool_version), Str(kb.version()));
}

template <typename T, typename F>
std::string JoinLines(const std::vector<T>& items, F&& to_json, std::string_view indent) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    out += indent;
    out += to_json(items[i]);
    if (i + 1 < items.size()) out += ',';
    out += '\n';
  }
  return out;
}

}  // namespace

std::string RenderJson(const Report& r, const KnowledgeBase& kb, const RenderOptions& o) {
  const ReportViews v = MakeViews(r);
  std::string out = "{\n";
  out += fmt::format("\"schema\":\"{}\",\n", kReportSchema);
  out += "\"tool\":" + ToolJson(kb, o) + ",\n";
  out += fmt::format("\"language\":{},\n", Str(LanguageTag(o.language)));
  out += "\"summary\":" + SummaryJson(Summarize(r)) + ",\n";
  out += "\"inputs\":[\n" +
         JoinLines(v.inputs, [](const ReportInput* in) { return InputJson(*in); }, " ") + "],\n";
  out += "\"unlisted_inputs\":" + UnlistedInputsJson(r.unlisted_inputs) + ",\n";
  out += "\"findings\":[\n" +
         JoinLines(v.findings,
                   [&](const ReportFinding* f) { return FindingJson(*f, kb, o.language); }, " ") +
         "],\n";
  out += "\"failed_files\":" + FailedFilesJson(r, v) + ",\n";
  out += "\"jobs\":[\n" + JoinLines(v.jobs, [](const ReportJob* j) { return JobJson(*j); }, " ") +
         "],\n";
  out += "\"unknown\":[\n" +
         JoinLines(v.unknown, [](const UnknownTemplate* u) { return UnknownJson(*u); }, " ") +
         "],\n";
  out += fmt::format("\"unknown_overflow\":{},\n", r.unknown_overflow);
  out += fmt::format("\"jobs_overflow\":{},\n", r.jobs_overflow);
  out += fmt::format("\"findings_overflow\":{},\n", r.findings_overflow);
  out += fmt::format("\"errors_overflow\":{},\n", r.errors_overflow);
  if (r.limits) out += "\"limits\":" + LimitsJson(r) + ",\n";
  std::vector<std::string> hours;
  for (const auto& [hour, c] : r.timeline) {
    hours.push_back(fmt::format("{{\"bucket\":{},\"errors\":{},\"warnings\":{}}}", Str(hour),
                                c.errors, c.warnings));
  }
  out += "\"timeline\":[\n" + JoinLines(hours, [](const std::string& s) { return s; }, " ") +
         "],\n";
  std::vector<std::string> days;
  for (const auto& [day, c] : v.days) {
    days.push_back(fmt::format("{{\"bucket\":{},\"errors\":{},\"warnings\":{}}}", Str(day),
                               c.errors, c.warnings));
  }
  out += "\"timeline_daily\":[\n" +
         JoinLines(days, [](const std::string& s) { return s; }, " ") + "],\n";
  out += "\"errors\":[\n" +
         JoinLines(v.errors, [](const ReportError* e) { return ErrorJson(*e); }, " ") + "]\n";
  out += "}\n";
  return out;
}

std::string RenderJsonl(const Report& r, const KnowledgeBase& kb, const RenderOptions& o) {
  const ReportViews v = MakeViews(r);
  std::string out;
  auto line = [&out](std::string_view type, const std::string& object) {
    // {"type":"x", ...rest of the object}
    out += fmt::format("{{\"type\":\"{}\",{}\n", type, object.substr(1));
  };
  for (const ReportInput* in : v.inputs) line("input", InputJson(*in));
  // Lines that only a report past its bounds has.
  if (r.unlisted_inputs.inputs > 0) line("unlisted_inputs", UnlistedInputsJson(r.unlisted_inputs));
  if (r.failed_files.unlisted > 0) {
    line("failed_files", fmt::format("{{\"total\":{},\"by_code\":{},\"unlisted\":{}}}",
                                     r.failed_files.total, CountsJson(r.failed_files.by_code),
                                     r.failed_files.unlisted));
  }
  for (const ReportFinding* f : v.findings) line("finding", FindingJson(*f, kb, o.language));
  for (const ReportJob* j : v.jobs) line("job", JobJson(*j));
  for (const UnknownTemplate* u : v.unknown) line("unknown", UnknownJson(*u));
  for (const auto& [key, item] : r.failed_files.items) {
    line("failed_file", fmt::format("{{\"path\":{},\"code\":{},\"days\":{},\"count\":{}}}",
                                    Str(item.path), Str(item.code), StrArray(item.days),
                                    item.count));
  }
  for (const auto& [hour, c] : r.timeline) {
    line("timeline", fmt::format("{{\"bucket\":{},\"errors\":{},\"warnings\":{}}}", Str(hour),
                                 c.errors, c.warnings));
  }
  for (const ReportError* e : v.errors) line("error", ErrorJson(*e));
  // The last line: what the other lines add up to, and what a reader needs besides them.
  const std::string summary = SummaryJson(Summarize(r));
  const std::string limits = LimitsJson(r);
  line("summary", fmt::format("{{\"schema\":\"{}\",\"tool\":{},\"language\":{},{}{}",
                              kReportSchema, ToolJson(kb, o), Str(LanguageTag(o.language)),
                              limits.empty() ? "" : "\"limits\":" + limits + ",",
                              summary.substr(1)));
  return out;
}

}  // namespace loganalyze::internal
