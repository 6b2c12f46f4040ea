// Reads a loganalyze.report/1 report, JSON or JSON Lines, back into a Report (for `merge`)
// with the words and summary it was written with (DescribedReport).
#include <map>
#include <string>

#include "fmt/format.h"
#include "kb/json_locator.h"
#include "loganalyze/report.h"
#include "loganalyze/status_text.h"
#include "report/views.h"
#include "simdjson.h"

namespace loganalyze {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

// Reading stops at the first field that is missing or of the wrong type, with its path.
class Reader {
 public:
  std::string error;

  std::string Str(object o, std::string_view key, std::string_view where) {
    std::string_view v;
    element e;
    if (o[key].get(e) != simdjson::SUCCESS) return Fail(where, key, "missing");
    if (e.is_null()) return std::string();
    if (e.get_string().get(v) != simdjson::SUCCESS) return Fail(where, key, "not a string");
    return std::string(v);
  }
  uint64_t Num(object o, std::string_view key, std::string_view where) {
    uint64_t v = 0;
    if (o[key].get_uint64().get(v) != simdjson::SUCCESS) Fail(where, key, "not a count");
    return v;
  }
  // A count that is written only when it is not 0: absent reads as 0.
  uint64_t NumOrZero(object o, std::string_view key, std::string_view where) {
    element e;
    if (o[key].get(e) != simdjson::SUCCESS) return 0;
    uint64_t v = 0;
    if (e.get_uint64().get(v) != simdjson::SUCCESS) Fail(where, key, "not a count");
    return v;
  }
  LogTime Time(object o, std::string_view key, std::string_view where) {
    const std::string s = Str(o, key, where);
    if (s.empty()) return LogTime();
    const LogTime t = internal::ParseTime(s);
    if (!t.is_set()) Fail(where, key, "not a time (YYYY-MM-DDTHH:MM:SS.mmm)");
    return t;
  }
  template <typename Out>
  void Strings(object o, std::string_view key, std::string_view where, Out* out) {
    array a;
    if (o[key].get_array().get(a) != simdjson::SUCCESS) {
      Fail(where, key, "not an array");
      return;
    }
    for (element e : a) {
      std::string_view s;
      if (e.get_string().get(s) != simdjson::SUCCESS) {
        Fail(where, key, "holds a non-string");
        return;
      }
      out->insert(out->end(), std::string(s));
    }
  }
  // Calls fn(object) for every element of the array `key`, each of which must be an object.
  // A default-constructed simdjson value must never be iterated, so nothing is visited
  // when the array or an element is missing or of the wrong type.
  template <typename F>
  void ForEachObject(object o, std::string_view key, std::string_view where, F&& fn) {
    array a;
    if (o[key].get_array().get(a) != simdjson::SUCCESS) {
      Fail(where, key, "missing or not an array");
      return;
    }
    for (element e : a) {
      object item;
      if (e.get_object().get(item) != simdjson::SUCCESS) {
        Fail(where, key, "holds a non-object");
        return;
      }
      fn(item);
    }
  }
  // Whether `key` is present: fields added to the schema later are absent from the reports
  // of earlier versions, which are still read.
  static bool Has(object o, std::string_view key) {
    element e;
    return o[key].get(e) == simdjson::SUCCESS;
  }
  // The object `key`; false (and the error set) when it is missing or not an object.
  bool Object(object o, std::string_view key, std::string_view where, object* out) {
    if (o[key].get_object().get(*out) != simdjson::SUCCESS) {
      Fail(where, key, "missing or not an object");
      return false;
    }
    return true;
  }
  // `{key: count}` objects.
  void Counts(object o, std::string_view key, std::string_view where,
              std::map<std::string, uint64_t>* out) {
    object m;
    if (o[key].get_object().get(m) != simdjson::SUCCESS) {
      Fail(where, key, "not an object");
      return;
    }
    for (auto field : m) {
      uint64_t n = 0;
      if (field.value.get_uint64().get(n) != simdjson::SUCCESS) {
        Fail(where, key, "holds a value that is not a count");
        return;
      }
      const std::string name(field.key);
      if (!out->emplace(name, n).second) Twice(where, fmt::format("key \"{}\"", name));
    }
  }
  ReportSample Sample(object o, std::string_view where) {
    ReportSample s;
    s.path = Str(o, "path", where);
    s.member = Str(o, "member", where);
    s.line = Num(o, "line", where);
    s.text = Str(o, "text", where);
    return s;
  }
  // A list keyed by `what` names it twice: a report written by loganalyze never does, and
  // keeping either one would lose the other silently.
  void Twice(std::string_view where, std::string_view what) {
    if (error.empty()) {
      error = fmt::format("{} holds {} twice: was the report edited or joined by hand?", where,
                          what);
    }
  }
  Severity Sev(object o, std::string_view where) {
    const std::string s = Str(o, "severity", where);
    const std::optional<Severity> v = SeverityFromName(s);
    if (!v) Fail(where, "severity", "not one of critical, error, warning, info");
    return v.value_or(Severity::kError);
  }

  bool Bool(object o, std::string_view key, std::string_view where) {
    bool v = false;
    if (o[key].get_bool().get(v) != simdjson::SUCCESS) Fail(where, key, "not true or false");
    return v;
  }
  // Records the first problem met; reading goes on, and the result is then discarded.
  std::string Fail(std::string_view where, std::string_view key, std::string_view what) {
    if (error.empty()) {
      error = key.empty() ? fmt::format("{} is {}", where, what)
                          : fmt::format("{}.{} is {}", where, key, what);
    }
    return std::string();
  }
};

// Reads the parts of a report, each from its JSON object: the lists of the JSON report, or
// the lines of a JSON Lines report (the same objects with a "type" added).
class ReportReader {
 public:
  explicit ReportReader(Reader* rd) : rd_(*rd) {}

  DescribedReport out;

  // The fields of InputStats in `o` (an input, or the unlisted inputs).
  void Stats(object o, std::string_view where, InputStats* out) {
    InputStats& s = *out;
    s.bytes = rd_.Num(o, "bytes", where);
    s.lines = rd_.Num(o, "lines", where);
    s.records = rd_.Num(o, "records", where);
    s.joined_records = rd_.NumOrZero(o, "joined_records", where);
    s.continuation_lines = rd_.Num(o, "continuation_lines", where);
    s.structure_lines = rd_.Num(o, "structure_lines", where);
    s.unparsed_lines = rd_.Num(o, "unparsed_lines", where);
    s.truncated_lines = rd_.Num(o, "truncated_lines", where);
    s.replaced_sequences = rd_.Num(o, "replaced_sequences", where);
    s.bom_bytes = rd_.Num(o, "bom_bytes", where);
    s.line_bytes = rd_.Num(o, "line_bytes", where);
    s.duplicate_records = rd_.NumOrZero(o, "duplicate_records", where);
    s.undated_records = rd_.NumOrZero(o, "undated_records", where);
  }

  void Unlisted(object o, std::string_view where) {
    UnlistedInputs& u = out.report.unlisted_inputs;
    u.inputs = rd_.Num(o, "inputs", where);
    u.analysed = rd_.Num(o, "analysed", where);
    u.skipped = rd_.Num(o, "skipped", where);
    u.unreadable = rd_.Num(o, "unreadable", where);
    Stats(o, where, &u.stats);
    u.first_time = rd_.Time(o, "first_time", where);
    u.last_time = rd_.Time(o, "last_time", where);
    u.mars = rd_.Bool(o, "mars", where);
    u.dpm = rd_.Bool(o, "dpm", where);
    rd_.Strings(o, "expected", where, &u.expected);
  }

  // The failed-file totals, which a report past its bound on items cannot derive from them
  // (Finish() sets them).
  void FailedFileTotals(object o, std::string_view where) {
    failed_unlisted_ = rd_.NumOrZero(o, "unlisted", where);
    if (failed_unlisted_ == 0) return;  // the items hold everything
    failed_total_ = rd_.Num(o, "total", where);
    rd_.Counts(o, "by_code", where, &failed_by_code_);
  }

  // Once every line or list is read.
  void Finish() {
    FailedFiles& ff = out.report.failed_files;
    if (failed_unlisted_ == 0) return;
    ff.unlisted = failed_unlisted_;
    ff.total = failed_total_;
    ff.by_code = std::move(failed_by_code_);
  }

  void Input(object o) {
    ReportInput in;
    in.path = rd_.Str(o, "path", "inputs[]");
    in.member = rd_.Str(o, "member", "inputs[]");
    const std::string format = rd_.Str(o, "format", "inputs[]");
    for (Format f : {Format::kErrlog, Format::kFailedFiles, Format::kText}) {
      if (format == FormatName(f)) in.format = f;
    }
    const std::string enc = rd_.Str(o, "encoding", "inputs[]");
    for (Encoding x : {Encoding::kUtf8, Encoding::kUtf16Le, Encoding::kUtf16Be,
                       Encoding::kWindows1252}) {
      if (enc == EncodingName(x)) in.encoding = x;
    }
    Stats(o, "inputs[]", &in.stats);
    in.first_time = rd_.Time(o, "first_time", "inputs[]");
    in.last_time = rd_.Time(o, "last_time", "inputs[]");
    in.error = rd_.Str(o, "error", "inputs[]");
    in.skipped = rd_.Str(o, "skipped", "inputs[]");
    if (Reader::Has(o, "content_hash")) in.content_hash = rd_.Str(o, "content_hash", "inputs[]");
    if (Reader::Has(o, "duplicates")) rd_.Counts(o, "duplicates", "inputs[]", &in.duplicates);
    if (Reader::Has(o, "notes")) rd_.Strings(o, "notes", "inputs[]", &in.notes);
    out.report.inputs.push_back(std::move(in));
  }

  void Finding(object o) {
    ReportFinding f;
    f.id = rd_.Str(o, "id", "findings[]");
    f.severity = rd_.Sev(o, "findings[]");
    rd_.Strings(o, "codes", "findings[]", &f.codes);
    f.count = rd_.Num(o, "count", "findings[]");
    f.first_seen = rd_.Time(o, "first_seen", "findings[]");
    f.last_seen = rd_.Time(o, "last_seen", "findings[]");
    if (Reader::Has(o, "days")) rd_.Counts(o, "days", "findings[]", &f.days);
    rd_.Strings(o, "inputs", "findings[]", &f.inputs);
    f.more_inputs = rd_.NumOrZero(o, "more_inputs", "findings[]");
    rd_.ForEachObject(o, "samples", "findings[]", [&](object so) {
      f.samples.push_back(rd_.Sample(so, "findings[].samples[]"));
    });
    FindingText t;
    t.title = rd_.Str(o, "title", "findings[]");
    t.cause = rd_.Str(o, "cause", "findings[]");
    rd_.Strings(o, "actions", "findings[]", &t.actions);
    t.docs = rd_.Str(o, "docs", "findings[]");
    t.known = rd_.Bool(o, "known", "findings[]");
    const std::string id = f.id;
    if (!out.report.findings.emplace(id, std::move(f)).second) {
      rd_.Twice("findings[]", fmt::format("id \"{}\"", id));
    }
    out.texts.emplace(id, std::move(t));
  }

  void FailedFile(object o) {
    FailedFileItem item;
    item.path = rd_.Str(o, "path", "failed_files.items[]");
    item.code = rd_.Str(o, "code", "failed_files.items[]");
    rd_.Strings(o, "days", "failed_files.items[]", &item.days);
    item.count = rd_.Num(o, "count", "failed_files.items[]");
    FailedFiles& ff = out.report.failed_files;
    ff.total += item.count;
    ff.by_code[item.code] += item.count;
    std::pair<std::string, std::string> key(item.path, item.code);
    if (!ff.items.emplace(key, std::move(item)).second) {
      rd_.Twice("failed_files.items[]",
                fmt::format("path \"{}\" with code \"{}\"", key.first, key.second));
    }
  }

  void Job(object o) {
    ReportJob j;
    j.task_id = rd_.Str(o, "task_id", "jobs[]");
    j.kind = rd_.Str(o, "kind", "jobs[]");
    j.first_seen = rd_.Time(o, "first_seen", "jobs[]");
    j.last_seen = rd_.Time(o, "last_seen", "jobs[]");
    j.succeeded_at = rd_.Time(o, "succeeded_at", "jobs[]");
    j.failed_at = rd_.Time(o, "failed_at", "jobs[]");
    rd_.Strings(o, "codes", "jobs[]", &j.codes);
    rd_.Strings(o, "inputs", "jobs[]", &j.inputs);
    j.records = rd_.Num(o, "records", "jobs[]");
    rd_.ForEachObject(o, "phases", "jobs[]", [&](object po) {
      const std::string name = rd_.Str(po, "name", "jobs[].phases[]");
      JobPhase ph;
      ph.start = rd_.Time(po, "start", "jobs[].phases[]");
      ph.end = rd_.Time(po, "end", "jobs[].phases[]");
      if (!j.phases.emplace(name, ph).second) {
        rd_.Twice("jobs[].phases[]", fmt::format("phase \"{}\"", name));
      }
    });
    const std::string task = j.task_id;
    if (!out.report.jobs.emplace(task, std::move(j)).second) {
      rd_.Twice("jobs[]", fmt::format("task_id \"{}\"", task));
    }
  }

  void Unknown(object o) {
    UnknownTemplate u;
    u.text = rd_.Str(o, "template", "unknown[]");
    u.count = rd_.Num(o, "count", "unknown[]");
    u.severity = rd_.Sev(o, "unknown[]");
    object ex;
    if (o["example"].get_object().get(ex) == simdjson::SUCCESS) {
      u.example = rd_.Sample(ex, "unknown[].example");
    }
    const std::string text = u.text;
    if (!out.report.unknown.emplace(text, std::move(u)).second) {
      rd_.Twice("unknown[]", fmt::format("template \"{}\"", text));
    }
  }

  void Timeline(object o) {
    const std::string bucket = rd_.Str(o, "bucket", "timeline[]");
    TimelineCount c;
    c.errors = rd_.Num(o, "errors", "timeline[]");
    c.warnings = rd_.Num(o, "warnings", "timeline[]");
    if (!out.report.timeline.emplace(bucket, c).second) {
      rd_.Twice("timeline[]", fmt::format("bucket \"{}\"", bucket));
    }
  }

  void Error(object o) {
    ReportError e;
    e.path = rd_.Str(o, "path", "errors[]");
    e.member = rd_.Str(o, "member", "errors[]");
    e.message = rd_.Str(o, "message", "errors[]");
    if (Reader::Has(o, "code")) {  // written since 0.2
      const std::string name = rd_.Str(o, "code", "errors[]");
      const std::optional<absl::StatusCode> code = StatusCodeFromName(name);
      if (!code) rd_.Fail("errors[]", "code", "not a status code name (not_found, ...)");
      e.code = code.value_or(absl::StatusCode::kUnknown);
    }
    out.report.errors.push_back(std::move(e));
  }

  // The fields of the JSON report's root (or of the JSON Lines summary line) that are not
  // lists: tool, language, limits, overflow counts. `where` names the object in errors.
  void Header(object o, std::string_view where, bool overflow_in_summary) {
    object tool;
    if (rd_.Object(o, "tool", where, &tool)) {
      out.tool_version = rd_.Str(tool, "version", "tool");
      out.kb_version = rd_.Str(tool, "kb_version", "tool");
    }
    if (Reader::Has(o, "language")) {
      const std::string tag = rd_.Str(o, "language", where);
      const std::optional<Language> language = LanguageFromTag(tag);
      if (!language) rd_.Fail(where, "language", "not a language tag (en, zh-TW)");
      out.language = language.value_or(Language::kEnglish);
    }
    if (Reader::Has(o, "limits")) {
      object l;
      if (rd_.Object(o, "limits", where, &l)) {
        ReportLimits limits;
        limits.samples_per_finding = rd_.Num(l, "samples_per_finding", "limits");
        limits.max_templates = rd_.Num(l, "max_templates", "limits");
        limits.max_jobs = rd_.Num(l, "max_jobs", "limits");
        limits.max_code_findings = rd_.Num(l, "max_code_findings", "limits");
        // Bounds of later versions: reports without them were made within the defaults.
        const ReportLimits defaults;
        const auto bound = [&](std::string_view key, size_t fallback) -> size_t {
          return Reader::Has(l, key) ? rd_.Num(l, key, "limits") : fallback;
        };
        limits.max_inputs = bound("max_inputs", defaults.max_inputs);
        limits.inputs_per_finding = bound("inputs_per_finding", defaults.inputs_per_finding);
        limits.max_failed_files = bound("max_failed_files", defaults.max_failed_files);
        limits.max_errors = bound("max_errors", defaults.max_errors);
        out.report.limits = limits;
      }
    }
    if (!overflow_in_summary) {
      out.report.unknown_overflow = rd_.Num(o, "unknown_overflow", where);
      out.report.jobs_overflow = rd_.Num(o, "jobs_overflow", where);
      out.report.findings_overflow = rd_.Num(o, "findings_overflow", where);
      out.report.errors_overflow = rd_.NumOrZero(o, "errors_overflow", where);
    }
  }

  void Summary(object o, std::string_view where, bool overflow_in_summary) {
    ReportSummary& s = out.summary;
    s.inputs = rd_.Num(o, "inputs", where);
    s.analysed = rd_.Num(o, "analysed", where);
    s.skipped = rd_.Num(o, "skipped", where);
    s.unreadable = rd_.Num(o, "unreadable", where);
    s.bytes = rd_.Num(o, "bytes", where);
    s.lines = rd_.Num(o, "lines", where);
    s.records = rd_.Num(o, "records", where);
    s.duplicate_records = rd_.NumOrZero(o, "duplicate_records", where);
    s.undated_records = rd_.NumOrZero(o, "undated_records", where);
    s.first_time = rd_.Time(o, "first_time", where);
    s.last_time = rd_.Time(o, "last_time", where);
    s.findings = rd_.Num(o, "findings", where);
    s.critical = rd_.Num(o, "critical", where);
    s.errors = rd_.Num(o, "errors", where);
    s.warnings = rd_.Num(o, "warnings", where);
    s.info = rd_.Num(o, "info", where);
    s.jobs = rd_.Num(o, "jobs", where);
    s.unknown_templates = rd_.Num(o, "unknown_templates", where);
    s.unknown_overflow = rd_.NumOrZero(o, "unknown_overflow", where);
    s.jobs_overflow = rd_.NumOrZero(o, "jobs_overflow", where);
    s.findings_overflow = rd_.NumOrZero(o, "findings_overflow", where);
    s.unlisted_inputs = rd_.NumOrZero(o, "unlisted_inputs", where);
    s.errors_overflow = rd_.NumOrZero(o, "errors_overflow", where);
    if (Reader::Has(o, "expected_logs")) {
      rd_.ForEachObject(o, "expected_logs", where, [&](object e) {
        s.expected_logs.push_back(
            {rd_.Str(e, "name", "expected_logs[]"), rd_.Bool(e, "present", "expected_logs[]")});
      });
    }
    if (overflow_in_summary) {
      out.report.unknown_overflow = s.unknown_overflow;
      out.report.jobs_overflow = s.jobs_overflow;
      out.report.findings_overflow = s.findings_overflow;
      out.report.errors_overflow = s.errors_overflow;
    }
  }

 private:
  Reader& rd_;
  uint64_t failed_unlisted_ = 0, failed_total_ = 0;
  std::map<std::string, uint64_t> failed_by_code_;
};

absl::Status CheckSchema(Reader& rd, object o, std::string_view where) {
  const std::string schema = rd.Str(o, "schema", where);
  if (schema != kReportSchema) {
    return absl::InvalidArgumentError(fmt::format(
        "schema is \"{}\", this loganalyze reads \"{}\"", schema.empty() ? "(none)" : schema,
        kReportSchema));
  }
  return absl::OkStatus();
}

absl::Status SyntaxError(std::string_view json, simdjson::error_code err) {
  const internal::JsonSyntaxError where = internal::LocateJsonSyntaxError(json);
  // Broken at its very first character, the text is something else than a report (a
  // log, notes): "truncated" would send the user looking in the wrong place.
  const size_t start = json.find_first_not_of(" \t\r\n");
  if (where.found && (start == std::string_view::npos || where.offset > start)) {
    return absl::InvalidArgumentError(fmt::format(
        "not a complete JSON document (line {}, column {}: {}); was the report truncated?",
        where.line, where.column, where.what));
  }
  if (where.found) {
    return absl::InvalidArgumentError(fmt::format(
        "not a JSON document (line {}, column {}: {}); merge reads the reports that "
        "`loganalyze -f json` writes",
        where.line, where.column, where.what));
  }
  return absl::InvalidArgumentError(
      fmt::format("not a JSON document: {}", simdjson::error_message(err)));
}

absl::StatusOr<DescribedReport> ParseJson(simdjson::dom::parser& parser, std::string_view json) {
  const simdjson::padded_string padded(json);
  element doc;
  if (const auto err = parser.parse(padded).get(doc); err != simdjson::SUCCESS) {
    return SyntaxError(json, err);
  }
  Reader rd;
  object root;
  if (doc.get_object().get(root) != simdjson::SUCCESS) {
    return absl::InvalidArgumentError("the report is not a JSON object");
  }
  if (absl::Status s = CheckSchema(rd, root, "the report"); !s.ok()) return s;
  ReportReader r(&rd);
  rd.ForEachObject(root, "inputs", "report", [&](object o) { r.Input(o); });
  rd.ForEachObject(root, "findings", "report", [&](object o) { r.Finding(o); });
  object ff;
  if (root["failed_files"].get_object().get(ff) != simdjson::SUCCESS) {
    return absl::InvalidArgumentError("report.failed_files is missing or not an object");
  }
  rd.ForEachObject(ff, "items", "failed_files", [&](object o) { r.FailedFile(o); });
  r.FailedFileTotals(ff, "failed_files");
  object unlisted;
  if (Reader::Has(root, "unlisted_inputs") &&
      rd.Object(root, "unlisted_inputs", "report", &unlisted)) {
    r.Unlisted(unlisted, "unlisted_inputs");
  }
  rd.ForEachObject(root, "jobs", "report", [&](object o) { r.Job(o); });
  rd.ForEachObject(root, "unknown", "report", [&](object o) { r.Unknown(o); });
  r.Header(root, "report", /*overflow_in_summary=*/false);
  rd.ForEachObject(root, "timeline", "report", [&](object o) { r.Timeline(o); });
  rd.ForEachObject(root, "errors", "report", [&](object o) { r.Error(o); });
  object summary;
  if (rd.Object(root, "summary", "report", &summary)) {
    r.Summary(summary, "summary", /*overflow_in_summary=*/false);
  }
  r.Finish();
  if (!rd.error.empty()) return absl::InvalidArgumentError(rd.error);
  return std::move(r.out);
}

// A JSON Lines report: one object per line, each with its "type"; the summary line last.
absl::StatusOr<DescribedReport> ParseJsonl(simdjson::dom::parser& parser, std::string_view text) {
  Reader rd;
  ReportReader r(&rd);
  bool summary = false;
  size_t number = 0;
  for (size_t pos = 0; pos < text.size();) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    auto fail = [&](std::string_view what) {
      return absl::InvalidArgumentError(fmt::format("line {}: {}", number, what));
    };
    if (summary) return fail("a line after the summary line, which ends a report");
    element doc;
    object o;
    if (const auto err = parser.parse(line.data(), line.size()).get(doc);
        err != simdjson::SUCCESS) {
      return fail(fmt::format("not a JSON object ({}); was the report cut or edited?",
                              simdjson::error_message(err)));
    }
    if (doc.get_object().get(o) != simdjson::SUCCESS) return fail("not a JSON object");
    const std::string type = rd.Str(o, "type", "the line");
    if (type == "input") {
      r.Input(o);
    } else if (type == "finding") {
      r.Finding(o);
    } else if (type == "job") {
      r.Job(o);
    } else if (type == "unknown") {
      r.Unknown(o);
    } else if (type == "failed_file") {
      r.FailedFile(o);
    } else if (type == "failed_files") {
      r.FailedFileTotals(o, "failed_files");
    } else if (type == "unlisted_inputs") {
      r.Unlisted(o, "unlisted_inputs");
    } else if (type == "timeline") {
      r.Timeline(o);
    } else if (type == "error") {
      r.Error(o);
    } else if (type == "summary") {
      if (absl::Status s = CheckSchema(rd, o, "the summary line"); !s.ok()) {
        return fail(StatusMessage(s));
      }
      r.Header(o, "summary", /*overflow_in_summary=*/true);
      r.Summary(o, "summary", /*overflow_in_summary=*/true);
      summary = true;
    } else {
      return fail(fmt::format("type \"{}\" is none of input, unlisted_inputs, finding, job, "
                              "unknown, failed_file, failed_files, timeline, error, summary",
                              type));
    }
    if (!rd.error.empty()) return fail(rd.error);
  }
  if (!summary) {
    return absl::InvalidArgumentError(
        "the JSON Lines report has no summary line (its last line); was it truncated?");
  }
  r.Finish();
  return std::move(r.out);
}

// Whether `text` is a JSON Lines report: its first line is a whole JSON object with a "type".
bool IsJsonl(simdjson::dom::parser& parser, std::string_view text) {
  const size_t start = text.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return false;
  const size_t end = text.find('\n', start);
  const std::string_view first =
      text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
  object o;
  std::string_view type;
  return parser.parse(first.data(), first.size()).get_object().get(o) == simdjson::SUCCESS &&
         o["type"].get_string().get(type) == simdjson::SUCCESS;
}

}  // namespace

absl::StatusOr<DescribedReport> ParseDescribedReport(std::string_view text) {
  simdjson::dom::parser parser;
  return IsJsonl(parser, text) ? ParseJsonl(parser, text) : ParseJson(parser, text);
}

absl::StatusOr<Report> ParseJsonReport(std::string_view json) {
  absl::StatusOr<DescribedReport> d = ParseDescribedReport(json);
  if (!d.ok()) return d.status();
  return std::move(d->report);
}

namespace {
const FindingText& Fallback() {
  static const FindingText* const kNone = new FindingText();
  return *kNone;
}
}  // namespace

const FindingText& DescribedReport::TextOf(const ReportFinding& finding) const {
  auto it = texts.find(finding.id);
  return it == texts.end() ? Fallback() : it->second;
}

DescribedReport Describe(Report report, const KnowledgeBase& kb, Language language,
                         std::string_view tool_version) {
  DescribedReport d;
  d.language = language;
  d.tool_version = std::string(tool_version);
  d.kb_version = std::string(kb.version());
  d.summary = Summarize(report);
  for (const auto& [id, f] : report.findings) d.texts.emplace(id, DescribeFinding(kb, f, language));
  d.report = std::move(report);
  return d;
}

}  // namespace loganalyze
