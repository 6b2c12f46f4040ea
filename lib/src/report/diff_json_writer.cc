// The JSON forms of a comparison (loganalyze.diff/1) and of recurring findings
// (loganalyze.recurring/1), documented in lib/REPORT_SCHEMA.md. Lists keep the orders the
// library gives them, so the output is deterministic.
#include <iterator>
#include <string>

#include "fmt/format.h"
#include "report/diff_writers.h"
#include "report/views.h"

namespace loganalyze::internal {
namespace {

template <typename... Args>
void Put(std::string& out, fmt::format_string<Args...> f, Args&&... args) {
  fmt::format_to(std::back_inserter(out), f, std::forward<Args>(args)...);
}

std::string Rate(const std::optional<double>& r) { return r ? fmt::format("{}", *r) : "null"; }

std::string Codes(const std::set<std::string>& codes) {
  std::string out = "[";
  for (const std::string& c : codes) {
    if (out.size() > 1) out += ',';
    out += JsonString(c);
  }
  return out + "]";
}

std::string Compared(const ComparedReport& c) {
  std::string errors = "[";
  for (const ReportError& e : c.errors) {
    Put(errors, "{}{{\"path\":{},\"member\":{},\"message\":{}}}", errors.size() > 1 ? "," : "",
        JsonString(e.path), JsonString(e.member), JsonString(e.message));
  }
  errors += "]";
  return fmt::format(
      "{{\"name\":{},\"first_time\":{},\"last_time\":{},\"days\":{},\"inputs\":{},"
      "\"analysed\":{},\"has_failed_file_lists\":{},\"errors\":{}}}",
      JsonString(c.name), JsonTime(c.first_time), JsonTime(c.last_time),
      c.days ? std::to_string(*c.days) : "null", c.inputs, c.analysed, c.has_failed_file_lists,
      errors);
}

std::string Head(std::string_view schema, const KnowledgeBase& kb, const RenderOptions& o) {
  return fmt::format(
      "{{\n\"schema\":\"{}\",\n\"tool\":{{\"name\":\"loganalyze\",\"version\":{},"
      "\"kb_version\":{}}},\n\"language\":{},\n",
      schema, JsonString(o.tool_version), JsonString(kb.version()),
      JsonString(LanguageTag(o.language)));
}

template <typename T, typename F>
std::string List(const std::vector<T>& items, F&& to_json) {
  std::string out = "[\n";
  for (size_t i = 0; i < items.size(); ++i) {
    out += ' ';
    out += to_json(items[i]);
    out += i + 1 < items.size() ? ",\n" : "\n";
  }
  return out + "]";
}

template <typename Item>
size_t CountOf(const std::vector<Item>& items, decltype(Item::change) c) {
  size_t n = 0;
  for (const Item& i : items) n += i.change == c;
  return n;
}

}  // namespace

std::string RenderDiffJson(const ReportDiff& d, const KnowledgeBase& kb, const RenderOptions& o) {
  std::string out = Head(kDiffSchema, kb, o);
  Put(out, "\"threshold\":{},\n\"older\":{},\n\"newer\":{},\n", d.threshold, Compared(d.older),
      Compared(d.newer));
  Put(out,
      "\"summary\":{{\"has_new\":{},\"findings\":{{\"new\":{},\"worse\":{},\"better\":{},"
      "\"gone\":{},\"same\":{}}},\"failed_files\":{{\"new\":{},\"still\":{},\"fixed\":{},"
      "\"not_listed\":{}}},\"job_failures\":{{\"new\":{},\"still\":{},\"gone\":{}}}}},\n",
      d.HasNew(), CountOf(d.findings, FindingChange::kNew),
      CountOf(d.findings, FindingChange::kWorse), CountOf(d.findings, FindingChange::kBetter),
      CountOf(d.findings, FindingChange::kGone), CountOf(d.findings, FindingChange::kSame),
      CountOf(d.failed_files, FailedFileChange::kNew),
      CountOf(d.failed_files, FailedFileChange::kStill),
      CountOf(d.failed_files, FailedFileChange::kFixed),
      CountOf(d.failed_files, FailedFileChange::kNotListed),
      CountOf(d.job_failures, JobFailureChange::kNew),
      CountOf(d.job_failures, JobFailureChange::kStill),
      CountOf(d.job_failures, JobFailureChange::kGone));
  out += "\"findings\":" +
         List(d.findings,
              [&](const FindingDiff& f) {
                return fmt::format(
                    "{{\"id\":{},\"change\":\"{}\",\"severity\":\"{}\",\"title\":{},\"codes\":{},"
                    "\"old_count\":{},\"new_count\":{},\"old_rate\":{},\"new_rate\":{},\"compared_"
                    "by\":\"{}\"}}",
                    JsonString(f.id), FindingChangeName(f.change), SeverityName(f.severity),
                    JsonString(FindingTitle(kb, f.id, f.codes, o.language)), Codes(f.codes),
                    f.old_count, f.new_count, Rate(f.old_rate), Rate(f.new_rate),
                    f.by_rate ? "rate" : "count");
              }) +
         ",\n";
  out +=
      "\"failed_files\":" +
      List(d.failed_files,
           [](const FailedFileDiff& f) {
             return fmt::format(
                 "{{\"path\":{},\"code\":{},\"change\":\"{}\",\"old_count\":{},\"new_count\":{}}}",
                 JsonString(f.path), JsonString(f.code), FailedFileChangeName(f.change),
                 f.old_count, f.new_count);
           }) +
      ",\n";
  out += "\"job_failures\":" +
         List(d.job_failures,
              [](const JobFailureDiff& j) {
                std::string tasks = "[";
                for (const std::string& t : j.new_task_ids) {
                  if (tasks.size() > 1) tasks += ',';
                  tasks += JsonString(t);
                }
                return fmt::format(
                    "{{\"kind\":{},\"phase\":{},\"codes\":{},\"change\":\"{}\",\"old_jobs\":{},"
                    "\"new_jobs\":{},\"first_failed\":{},\"task_ids\":{}]}}",
                    JsonString(j.kind), JsonString(j.phase), Codes(j.codes),
                    JobFailureChangeName(j.change), j.old_jobs, j.new_jobs,
                    JsonTime(j.first_failed), tasks);
              }) +
         "\n}\n";
  return out;
}

std::string RenderRecurringJson(const RecurringFindings& r, const KnowledgeBase& kb,
                                const RenderOptions& o) {
  std::string out = Head(kRecurringSchema, kb, o);
  Put(out, "\"min_present\":{},\n", r.min_present);
  out += "\"reports\":" + List(r.reports, Compared) + ",\n";
  out +=
      "\"findings\":" +
      List(r.findings,
           [&](const RecurringFinding& f) {
             std::string counts = "[";
             for (uint64_t c : f.counts)
               counts += fmt::format("{}{}", counts.size() > 1 ? "," : "", c);
             return fmt::format(
                 "{{\"id\":{},\"severity\":\"{}\",\"title\":{},\"codes\":{},\"present\":{},"
                 "\"first_report\":{},\"first_report_name\":{},\"first_seen\":{},\"in_latest\":{},"
                 "\"counts\":{}]}}",
                 JsonString(f.id), SeverityName(f.severity),
                 JsonString(FindingTitle(kb, f.id, f.codes, o.language)), Codes(f.codes), f.present,
                 f.first_report + 1, JsonString(r.reports[f.first_report].name),
                 JsonTime(f.first_seen), f.in_latest, counts);
           }) +
      "\n}\n";
  return out;
}

}  // namespace loganalyze::internal
