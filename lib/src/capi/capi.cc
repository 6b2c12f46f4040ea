// The C API (loganalyze/loganalyze.h): a shell over the C++ library. Every entry point
// catches what C++ can throw, since nothing may unwind into C, .NET or Python.
#include "loganalyze/loganalyze.h"

#include <cstdlib>
#include <cstring>
#include <exception>
#include <iterator>
#include <memory>
#include <mutex>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "fmt/format.h"
#include "loganalyze/analyzer.h"
#include "loganalyze/bundle.h"
#include "loganalyze/knowledge_base.h"
#include "loganalyze/matcher.h"
#include "loganalyze/reader.h"
#include "loganalyze/record.h"
#include "loganalyze/report.h"
#include "loganalyze/status_text.h"
#include "loganalyze/version.h"
#include "report/views.h"

struct la_kb {
  explicit la_kb(loganalyze::KnowledgeBase k) : kb(std::move(k)) {}
  loganalyze::KnowledgeBase kb;
  // The analyzer of the options of the last la_analyze: compiling the patterns takes longer
  // than analysing a small bundle, and a fleet worker analyses thousands with one handle.
  mutable std::mutex mu;
  mutable std::string analyzer_key;  // the options it was made with
  mutable std::shared_ptr<const loganalyze::Analyzer> analyzer;
};

namespace loganalyze::capi {
namespace {

// The message of the last failure on this thread (la_last_error).
thread_local std::string last_error;

la_status Fail(la_status status, std::string message) {
  last_error = std::move(message);
  return status;
}

la_status StatusFromCode(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kOk:
      return LA_OK;
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kFailedPrecondition:
    case absl::StatusCode::kOutOfRange:
    case absl::StatusCode::kAlreadyExists:
      return LA_INVALID_ARGUMENT;
    case absl::StatusCode::kNotFound:
      return LA_NOT_FOUND;
    case absl::StatusCode::kPermissionDenied:
    case absl::StatusCode::kUnauthenticated:
      return LA_PERMISSION_DENIED;
    case absl::StatusCode::kCancelled:
      return LA_CANCELLED;
    case absl::StatusCode::kUnimplemented:
      return LA_UNSUPPORTED;
    case absl::StatusCode::kUnavailable:
    case absl::StatusCode::kDataLoss:
    case absl::StatusCode::kResourceExhausted:
    case absl::StatusCode::kAborted:
    case absl::StatusCode::kDeadlineExceeded:
      return LA_IO;
    default:
      return LA_INTERNAL;
  }
}

la_status Fail(const absl::Status& status) {
  return Fail(StatusFromCode(status.code()), std::string(StatusMessage(status)));
}

// Runs `body` with the error cleared first and no exception let out.
template <typename F>
la_status Guarded(F&& body) noexcept {
  try {
    last_error.clear();
    return body();
  } catch (const std::bad_alloc&) {
    return Fail(LA_INTERNAL, "out of memory");
  } catch (const std::exception& e) {
    return Fail(LA_INTERNAL, fmt::format("internal error: {}", e.what()));
  } catch (...) {
    return Fail(LA_INTERNAL, "internal error");
  }
}

// A copy the caller frees with la_free (malloc, so that it works whatever C++ allocator
// the library was built with).
char* CopyOut(std::string_view text) {
  char* out = static_cast<char*>(std::malloc(text.size() + 1));
  if (out == nullptr) throw std::bad_alloc();
  std::memcpy(out, text.data(), text.size());
  out[text.size()] = '\0';
  return out;
}

la_status ParseLanguage(const char* tag, Language* out) {
  if (tag == nullptr) {
    *out = Language::kEnglish;
    return LA_OK;
  }
  const std::optional<Language> l = LanguageFromTag(tag);
  if (!l) return Fail(LA_INVALID_ARGUMENT, fmt::format("lang takes en or zh-TW, not '{}'", tag));
  *out = *l;
  return LA_OK;
}

// since/until as the command line takes them (LogTime::ParseBound).
la_status ParseWhen(std::string_view option, const char* value, bool end, LogTime* out) {
  std::string error;
  const std::optional<LogTime> t = LogTime::ParseBound(value, end, &error);
  if (!t) return Fail(LA_INVALID_ARGUMENT, fmt::format("{} {}", option, error));
  *out = *t;
  return LA_OK;
}

// The options of `loganalyze -f json` that la_analyze_options stands for.
la_status MakeOptions(const la_analyze_options& o, AnalyzeOptions* aopt, BundleOptions* bopt,
                      RenderOptions* ropt) {
  if (o.jobs < 0) return Fail(LA_INVALID_ARGUMENT, fmt::format("jobs must be 0 or more, not {}", o.jobs));
  if (o.year != 0 && (o.year < 1990 || o.year > 2200)) {
    return Fail(LA_INVALID_ARGUMENT,
                fmt::format("year must be 0 (inferred) or 1990 to 2200, not {}", o.year));
  }
  if (o.year != 0) aopt->read.year = o.year;
  if (o.min_severity != nullptr) {
    const std::optional<Severity> s = SeverityFromName(o.min_severity);
    if (!s) {
      return Fail(LA_INVALID_ARGUMENT,
                  fmt::format("min_severity takes info, warning, error or critical, not '{}'",
                              o.min_severity));
    }
    aopt->min_severity = *s;
  }
  if (o.since != nullptr) {
    if (la_status s = ParseWhen("since", o.since, false, &aopt->since); s != LA_OK) return s;
  }
  if (o.until != nullptr) {
    if (la_status s = ParseWhen("until", o.until, true, &aopt->until); s != LA_OK) return s;
  }
  if (o.since != nullptr && o.until != nullptr && aopt->since > aopt->until) {
    return Fail(LA_INVALID_ARGUMENT,
                fmt::format("since {} is later than until {}: no record can be kept", o.since,
                            o.until));
  }
  bopt->jobs = o.jobs;
  ropt->tool_version = LOGANALYZE_VERSION_STRING;
  return ParseLanguage(o.lang, &ropt->language);
}

// The analyzer for `o` (already checked by MakeOptions), made once per handle and options.
absl::StatusOr<std::shared_ptr<const Analyzer>> AnalyzerFor(const la_kb& kb,
                                                            const la_analyze_options& o,
                                                            const AnalyzeOptions& aopt) {
  const auto text = [](const char* v) { return v == nullptr ? std::string("\x01") : v; };
  const std::string key = fmt::format("{}\x1f{}\x1f{}\x1f{}", o.year, text(o.since),
                                      text(o.until), text(o.min_severity));
  std::lock_guard<std::mutex> lock(kb.mu);
  if (kb.analyzer == nullptr || kb.analyzer_key != key) {
    absl::StatusOr<std::unique_ptr<const Analyzer>> made = Analyzer::Create(kb.kb, aopt);
    if (!made.ok()) return made.status();
    kb.analyzer = std::shared_ptr<const Analyzer>(*std::move(made));
    kb.analyzer_key = key;
  }
  return kb.analyzer;
}

std::string JsonList(const std::vector<std::string>& items) {
  std::string out = "[";
  for (const std::string& s : items) {
    if (out.size() > 1) out += ", ";
    out += internal::JsonString(s);
  }
  return out + "]";
}

std::string ExplainJson(const KnowledgeBase& kb, const std::vector<int>& hits, Language lang) {
  std::string out = "[";
  for (int i : hits) {
    const KbEntry& e = kb.entries()[i];
    if (out.size() > 1) out += ",";
    fmt::format_to(std::back_inserter(out),
                   "\n  {{\"id\": {}, \"title\": {}, \"severity\": {}, \"products\": {}, "
                   "\"codes\": {}, \"cause\": {}, \"actions\": {}, \"docs\": {}}}",
                   internal::JsonString(e.id), internal::JsonString(e.title.Get(lang)),
                   internal::JsonString(SeverityName(e.severity)), JsonList(e.products),
                   JsonList(e.codes), internal::JsonString(e.cause.Get(lang)),
                   JsonList(e.actions.Get(lang)), internal::JsonString(e.docs));
  }
  return out + (hits.empty() ? "]" : "\n]");
}

class NullSink : public RecordSink {
 public:
  void OnRecord(const Record&) override {}
};

// Turns records into la_records: NUL-terminated copies in buffers reused from record to
// record, so that nothing is allocated per record once they have grown.
class CallbackSink : public RecordSink {
 public:
  CallbackSink(la_record_callback callback, void* user) : callback_(callback), user_(user) {}

  void OnRecord(const Record& r) override {
    la_record out{};
    out.line = r.line;
    out.offset = r.offset;
    out.line_count = r.line_count;
    out.truncated = r.truncated ? 1 : 0;
    out.time = Set(kTime, r.time.ToString());
    out.level = Set(kLevel, LevelName(r.level));
    out.format = Set(kFormat, FormatName(r.format));
    out.pid = Set(kPid, r.pid);
    out.tid = Set(kTid, r.tid);
    out.module = Set(kModule, r.module);
    out.source = Set(kSource, r.source);
    out.object = Set(kObject, r.object);
    out.task_id = Set(kTaskId, r.task_id);
    out.message = Set(kMessage, r.message);
    out.message_size = r.message.size();
    out.path = Set(kPath, r.path);
    out.code = Set(kCode, r.code);
    codes_.clear();
    ScanCodes(r.message, &codes_);
    std::string& joined = fields_[kCodes];
    joined.clear();
    for (const Code& c : codes_) {
      if (!joined.empty()) joined += ',';
      joined += c.ToString();
    }
    out.codes = joined.c_str();
    ++delivered_;
    if (callback_(&out, user_) != 0) stopped_ = true;
  }

  bool Stopped() const override { return stopped_; }
  uint64_t delivered() const { return delivered_; }

 private:
  enum Field {
    kTime, kLevel, kFormat, kPid, kTid, kModule, kSource, kObject, kTaskId, kMessage, kPath,
    kCode, kCodes, kFieldCount
  };
  const char* Set(Field f, std::string_view value) {
    fields_[f].assign(value.data(), value.size());
    return fields_[f].c_str();
  }

  la_record_callback callback_;
  void* user_;
  std::string fields_[kFieldCount];
  std::vector<Code> codes_;
  bool stopped_ = false;
  uint64_t delivered_ = 0;
};

la_status ReadRecords(const char* path, const la_read_options* options,
                      la_record_callback callback, void* user, uint64_t* out_records) {
  if (out_records != nullptr) *out_records = 0;
  if (path == nullptr) return Fail(LA_INVALID_ARGUMENT, "la_read_records: path is NULL");
  if (callback == nullptr) return Fail(LA_INVALID_ARGUMENT, "la_read_records: callback is NULL");
  ReadOptions read;
  if (options != nullptr && options->year != 0) {
    if (options->year < 1990 || options->year > 2200) {
      return Fail(LA_INVALID_ARGUMENT, fmt::format("year must be 0 (inferred) or 1990 to 2200, "
                                                   "not {}", options->year));
    }
    read.year = options->year;
  }
  InputInfo info;
  info.name = path;
  info.mtime = FileModificationTime(path);

  // First pass: where the years fall (errlog lines have none, README "Times").
  absl::StatusOr<std::unique_ptr<ByteSource>> source = OpenFile(path);
  if (!source.ok()) return Fail(source.status());
  NullSink null_sink;
  const InputSummary first = ReadLog(**source, info, read, null_sink);
  info.year_shift = first.year_shift;

  // Second pass: every record with its final year.
  source = OpenFile(path);
  if (!source.ok()) return Fail(source.status());
  CallbackSink sink(callback, user);
  const InputSummary summary = ReadLog(**source, info, read, sink);
  if (out_records != nullptr) *out_records = sink.delivered();
  if (sink.Stopped()) {
    return Fail(LA_CANCELLED, fmt::format("{}: stopped by the callback after {} record(s)", path,
                                          sink.delivered()));
  }
  if (!summary.status.ok()) return Fail(summary.status);
  return LA_OK;
}

}  // namespace
}  // namespace loganalyze::capi

using loganalyze::capi::Fail;
using loganalyze::capi::Guarded;

extern "C" {

const char* la_status_name(la_status status) {
  switch (status) {
    case LA_OK: return "LA_OK";
    case LA_INVALID_ARGUMENT: return "LA_INVALID_ARGUMENT";
    case LA_NOT_FOUND: return "LA_NOT_FOUND";
    case LA_PERMISSION_DENIED: return "LA_PERMISSION_DENIED";
    case LA_IO: return "LA_IO";
    case LA_CANCELLED: return "LA_CANCELLED";
    case LA_INCOMPLETE: return "LA_INCOMPLETE";
    case LA_UNSUPPORTED: return "LA_UNSUPPORTED";
    case LA_INTERNAL: return "LA_INTERNAL";
  }
  return "LA_UNKNOWN";
}

const char* la_last_error(void) { return loganalyze::capi::last_error.c_str(); }

void la_free(char* text) { std::free(text); }

const char* la_version(void) { return LOGANALYZE_VERSION_STRING; }

la_status la_kb_default(la_kb** out) {
  return Guarded([&] {
    if (out == nullptr) return Fail(LA_INVALID_ARGUMENT, "la_kb_default: out is NULL");
    *out = nullptr;
    absl::StatusOr<loganalyze::KnowledgeBase> kb = loganalyze::KnowledgeBase::Default();
    if (!kb.ok()) return Fail(kb.status());
    *out = new la_kb{*std::move(kb)};
    return LA_OK;
  });
}

la_status la_kb_from_directory(const char* dir, int with_default, la_kb** out) {
  return Guarded([&] {
    if (out == nullptr) return Fail(LA_INVALID_ARGUMENT, "la_kb_from_directory: out is NULL");
    *out = nullptr;
    if (dir == nullptr) return Fail(LA_INVALID_ARGUMENT, "la_kb_from_directory: dir is NULL");
    absl::StatusOr<loganalyze::KnowledgeBase> kb =
        with_default != 0 ? loganalyze::KnowledgeBase::DefaultExtendedBy(dir)
                          : loganalyze::KnowledgeBase::FromDirectory(dir);
    if (!kb.ok()) return Fail(kb.status());
    *out = new la_kb{*std::move(kb)};
    return LA_OK;
  });
}

void la_kb_free(la_kb* kb) { delete kb; }

la_status la_kb_version(const la_kb* kb, const char** out) {
  return Guarded([&] {
    if (kb == nullptr || out == nullptr) {
      return Fail(LA_INVALID_ARGUMENT, "la_kb_version: kb or out is NULL");
    }
    *out = kb->kb.version().c_str();
    return LA_OK;
  });
}

la_status la_kb_entry_count(const la_kb* kb, size_t* out) {
  return Guarded([&] {
    if (kb == nullptr || out == nullptr) {
      return Fail(LA_INVALID_ARGUMENT, "la_kb_entry_count: kb or out is NULL");
    }
    *out = kb->kb.entries().size();
    return LA_OK;
  });
}

la_status la_analyze(const la_kb* kb, const char* const* paths, size_t path_count,
                     const la_analyze_options* options, char** out_json) {
  using namespace loganalyze;
  return Guarded([&] {
    if (out_json == nullptr) return Fail(LA_INVALID_ARGUMENT, "la_analyze: out_json is NULL");
    *out_json = nullptr;
    if (kb == nullptr) return Fail(LA_INVALID_ARGUMENT, "la_analyze: kb is NULL");
    if (paths == nullptr || path_count == 0) {
      return Fail(LA_INVALID_ARGUMENT, "la_analyze: no inputs (paths is NULL or path_count 0)");
    }
    std::vector<std::string> args;
    for (size_t i = 0; i < path_count; ++i) {
      if (paths[i] == nullptr) {
        return Fail(LA_INVALID_ARGUMENT, fmt::format("la_analyze: paths[{}] is NULL", i));
      }
      args.emplace_back(paths[i]);
    }
    AnalyzeOptions aopt;
    BundleOptions bopt;
    RenderOptions ropt;
    const la_analyze_options o = options ? *options : la_analyze_options{};
    if (la_status s = capi::MakeOptions(o, &aopt, &bopt, &ropt); s != LA_OK) return s;
    absl::StatusOr<std::shared_ptr<const Analyzer>> analyzer = capi::AnalyzerFor(*kb, o, aopt);
    if (!analyzer.ok()) return Fail(analyzer.status());
    absl::StatusOr<Report> report = AnalyzeBundle(**analyzer, args, bopt);
    if (!report.ok()) return Fail(report.status());
    *out_json = capi::CopyOut(RenderReport(*report, kb->kb, ReportFormat::kJson, ropt));
    if (report->errors.empty()) return LA_OK;
    const ReportError& e = report->errors.front();
    return Fail(LA_INCOMPLETE,
                fmt::format("{} input(s) could not be read (see the report's errors); the "
                            "first: {}: {}",
                            report->errors.size(), InputKey(e.path, e.member), e.message));
  });
}

la_status la_explain(const la_kb* kb, const char* query, const char* lang, char** out_json) {
  using namespace loganalyze;
  return Guarded([&] {
    if (out_json == nullptr) return Fail(LA_INVALID_ARGUMENT, "la_explain: out_json is NULL");
    *out_json = nullptr;
    if (kb == nullptr) return Fail(LA_INVALID_ARGUMENT, "la_explain: kb is NULL");
    if (query == nullptr) return Fail(LA_INVALID_ARGUMENT, "la_explain: query is NULL");
    Language language;
    if (la_status s = capi::ParseLanguage(lang, &language); s != LA_OK) return s;
    *out_json = capi::CopyOut(capi::ExplainJson(kb->kb, Explain(kb->kb, query), language));
    return LA_OK;
  });
}

la_status la_merge_reports(const la_kb* kb, const char* const* reports,
                           const char* const* names, size_t count, const char* lang,
                           char** out_json) {
  using namespace loganalyze;
  return Guarded([&] {
    if (out_json == nullptr) return Fail(LA_INVALID_ARGUMENT, "la_merge_reports: out_json is NULL");
    *out_json = nullptr;
    if (kb == nullptr) return Fail(LA_INVALID_ARGUMENT, "la_merge_reports: kb is NULL");
    if (reports == nullptr && count > 0) {
      return Fail(LA_INVALID_ARGUMENT, "la_merge_reports: reports is NULL");
    }
    RenderOptions ropt;
    ropt.tool_version = LOGANALYZE_VERSION_STRING;
    if (la_status s = capi::ParseLanguage(lang, &ropt.language); s != LA_OK) return s;
    for (size_t i = 0; i < count; ++i) {
      if (reports[i] == nullptr) {
        return Fail(LA_INVALID_ARGUMENT, fmt::format("la_merge_reports: reports[{}] is NULL", i));
      }
    }
    Report merged;
    std::string first_failure;
    for (size_t i = 0; i < count; ++i) {
      const std::string name = names != nullptr && names[i] != nullptr
                                   ? std::string(names[i])
                                   : fmt::format("report {}", i + 1);
      const MergeJsonResult r = MergeJsonReport(&merged, reports[i], name);
      if (r.failed && first_failure.empty()) first_failure = name + ": " + r.message;
    }
    *out_json = capi::CopyOut(RenderReport(merged, kb->kb, ReportFormat::kJson, ropt));
    if (first_failure.empty()) return LA_OK;
    return Fail(LA_INCOMPLETE, std::move(first_failure));
  });
}

la_status la_read_records(const char* path, const la_read_options* options,
                          la_record_callback callback, void* user, uint64_t* out_records) {
  return Guarded(
      [&] { return loganalyze::capi::ReadRecords(path, options, callback, user, out_records); });
}

}  // extern "C"
