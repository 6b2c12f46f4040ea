// Reads a loganalyze.report/1 JSON document back into a Report (for `merge`).
#include <map>
#include <string>

#include "fmt/format.h"
#include "kb/json_locator.h"
#include "loganalyze/report.h"
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

 private:
  std::string Fail(std::string_view where, std::string_view key, std::string_view what) {
    if (error.empty()) {
      error = key.empty() ? fmt::format("{} is {}", where, what)
                          : fmt::format("{}.{} is {}", where, key, what);
    }
    return std::string();
  }
};

}  // namespace

absl::StatusOr<Report> ParseJsonReport(std::string_view json) {
  simdjson::dom::parser parser;
  const simdjson::padded_string padded(json);
  element doc;
  if (const auto err = parser.parse(padded).get(doc); err != simdjson::SUCCESS) {
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
  Reader rd;
  object root;
  if (doc.get_object().get(root) != simdjson::SUCCESS) {
    return absl::InvalidArgumentError("the report is not a JSON object");
  }
  const std::string schema = rd.Str(root, "schema", "the report");
  if (schema != kReportSchema) {
    return absl::InvalidArgumentError(fmt::format(
        "schema is \"{}\", this loganalyze reads \"{}\"", schema.empty() ? "(none)" : schema,
        kReportSchema));
  }
  Report r;
  rd.ForEachObject(root, "inputs", "report", [&](object o) {
    ReportInput in;
    in.path = rd.Str(o, "path", "inputs[]");
    in.member = rd.Str(o, "member", "inputs[]");
    const std::string format = rd.Str(o, "format", "inputs[]");
    for (Format f : {Format::kErrlog, Format::kFailedFiles, Format::kText}) {
      if (format == FormatName(f)) in.format = f;
    }
    const std::string enc = rd.Str(o, "encoding", "inputs[]");
    for (Encoding x : {Encoding::kUtf8, Encoding::kUtf16Le, Encoding::kUtf16Be,
                       Encoding::kWindows1252}) {
      if (enc == EncodingName(x)) in.encoding = x;
    }
    InputStats& s = in.stats;
    s.bytes = rd.Num(o, "bytes", "inputs[]");
    s.lines = rd.Num(o, "lines", "inputs[]");
    s.records = rd.Num(o, "records", "inputs[]");
    s.joined_records = rd.NumOrZero(o, "joined_records", "inputs[]");
    s.continuation_lines = rd.Num(o, "continuation_lines", "inputs[]");
    s.structure_lines = rd.Num(o, "structure_lines", "inputs[]");
    s.unparsed_lines = rd.Num(o, "unparsed_lines", "inputs[]");
    s.truncated_lines = rd.Num(o, "truncated_lines", "inputs[]");
    s.replaced_sequences = rd.Num(o, "replaced_sequences", "inputs[]");
    s.bom_bytes = rd.Num(o, "bom_bytes", "inputs[]");
    s.line_bytes = rd.Num(o, "line_bytes", "inputs[]");
    in.first_time = rd.Time(o, "first_time", "inputs[]");
    in.last_time = rd.Time(o, "last_time", "inputs[]");
    in.error = rd.Str(o, "error", "inputs[]");
    in.skipped = rd.Str(o, "skipped", "inputs[]");
    if (Reader::Has(o, "duplicate_records")) {
      s.duplicate_records = rd.Num(o, "duplicate_records", "inputs[]");
    }
    if (Reader::Has(o, "undated_records")) {
      s.undated_records = rd.Num(o, "undated_records", "inputs[]");
    }
    if (Reader::Has(o, "content_hash")) in.content_hash = rd.Str(o, "content_hash", "inputs[]");
    if (Reader::Has(o, "duplicates")) rd.Counts(o, "duplicates", "inputs[]", &in.duplicates);
    if (Reader::Has(o, "notes")) rd.Strings(o, "notes", "inputs[]", &in.notes);
    r.inputs.push_back(std::move(in));
  });
  rd.ForEachObject(root, "findings", "report", [&](object o) {
    ReportFinding f;
    f.id = rd.Str(o, "id", "findings[]");
    f.severity = rd.Sev(o, "findings[]");
    rd.Strings(o, "codes", "findings[]", &f.codes);
    f.count = rd.Num(o, "count", "findings[]");
    f.first_seen = rd.Time(o, "first_seen", "findings[]");
    f.last_seen = rd.Time(o, "last_seen", "findings[]");
    rd.Strings(o, "inputs", "findings[]", &f.inputs);
    rd.ForEachObject(o, "samples", "findings[]", [&](object so) {
      f.samples.push_back(rd.Sample(so, "findings[].samples[]"));
    });
    const std::string id = f.id;
    if (!r.findings.emplace(id, std::move(f)).second) {
      rd.Twice("findings[]", fmt::format("id \"{}\"", id));
    }
  });
  object ff;
  if (root["failed_files"].get_object().get(ff) != simdjson::SUCCESS) {
    return absl::InvalidArgumentError("report.failed_files is missing or not an object");
  }
  rd.ForEachObject(ff, "items", "failed_files", [&](object o) {
    FailedFileItem item;
    item.path = rd.Str(o, "path", "failed_files.items[]");
    item.code = rd.Str(o, "code", "failed_files.items[]");
    rd.Strings(o, "days", "failed_files.items[]", &item.days);
    item.count = rd.Num(o, "count", "failed_files.items[]");
    r.failed_files.total += item.count;
    r.failed_files.by_code[item.code] += item.count;
    std::pair<std::string, std::string> key(item.path, item.code);
    if (!r.failed_files.items.emplace(key, std::move(item)).second) {
      rd.Twice("failed_files.items[]",
               fmt::format("path \"{}\" with code \"{}\"", key.first, key.second));
    }
  });
  rd.ForEachObject(root, "jobs", "report", [&](object o) {
    ReportJob j;
    j.task_id = rd.Str(o, "task_id", "jobs[]");
    j.kind = rd.Str(o, "kind", "jobs[]");
    j.first_seen = rd.Time(o, "first_seen", "jobs[]");
    j.last_seen = rd.Time(o, "last_seen", "jobs[]");
    j.succeeded_at = rd.Time(o, "succeeded_at", "jobs[]");
    j.failed_at = rd.Time(o, "failed_at", "jobs[]");
    rd.Strings(o, "codes", "jobs[]", &j.codes);
    rd.Strings(o, "inputs", "jobs[]", &j.inputs);
    j.records = rd.Num(o, "records", "jobs[]");
    rd.ForEachObject(o, "phases", "jobs[]", [&](object po) {
      const std::string name = rd.Str(po, "name", "jobs[].phases[]");
      JobPhase ph;
      ph.start = rd.Time(po, "start", "jobs[].phases[]");
      ph.end = rd.Time(po, "end", "jobs[].phases[]");
      if (!j.phases.emplace(name, ph).second) {
        rd.Twice("jobs[].phases[]", fmt::format("phase \"{}\"", name));
      }
    });
    const std::string task = j.task_id;
    if (!r.jobs.emplace(task, std::move(j)).second) {
      rd.Twice("jobs[]", fmt::format("task_id \"{}\"", task));
    }
  });
  rd.ForEachObject(root, "unknown", "report", [&](object o) {
    UnknownTemplate u;
    u.text = rd.Str(o, "template", "unknown[]");
    u.count = rd.Num(o, "count", "unknown[]");
    u.severity = rd.Sev(o, "unknown[]");
    object ex;
    if (o["example"].get_object().get(ex) == simdjson::SUCCESS) {
      u.example = rd.Sample(ex, "unknown[].example");
    }
    const std::string text = u.text;
    if (!r.unknown.emplace(text, std::move(u)).second) {
      rd.Twice("unknown[]", fmt::format("template \"{}\"", text));
    }
  });
  r.unknown_overflow = rd.Num(root, "unknown_overflow", "report");
  r.jobs_overflow = rd.Num(root, "jobs_overflow", "report");
  r.findings_overflow = rd.Num(root, "findings_overflow", "report");
  if (Reader::Has(root, "limits")) {
    object l;
    if (rd.Object(root, "limits", "report", &l)) {
      ReportLimits limits;
      limits.samples_per_finding = rd.Num(l, "samples_per_finding", "limits");
      limits.max_templates = rd.Num(l, "max_templates", "limits");
      limits.max_jobs = rd.Num(l, "max_jobs", "limits");
      limits.max_code_findings = rd.Num(l, "max_code_findings", "limits");
      r.limits = limits;
    }
  }
  rd.ForEachObject(root, "timeline", "report", [&](object o) {
    const std::string bucket = rd.Str(o, "bucket", "timeline[]");
    TimelineCount c;
    c.errors = rd.Num(o, "errors", "timeline[]");
    c.warnings = rd.Num(o, "warnings", "timeline[]");
    if (!r.timeline.emplace(bucket, c).second) {
      rd.Twice("timeline[]", fmt::format("bucket \"{}\"", bucket));
    }
  });
  rd.ForEachObject(root, "errors", "report", [&](object o) {
    r.errors.push_back({rd.Str(o, "path", "errors[]"), rd.Str(o, "member", "errors[]"),
                        rd.Str(o, "message", "errors[]")});
  });
  if (!rd.error.empty()) return absl::InvalidArgumentError(rd.error);
  return r;
}

}  // namespace loganalyze
