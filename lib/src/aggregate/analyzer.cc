// Analyzer: reads one input and aggregates its records into a partial report.
#include "loganalyze/analyzer.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "aggregate/analyze_filtered.h"
#include "aggregate/finding_id.h"
#include "aggregate/job_tracker.h"
#include "aggregate/log_product.h"
#include "aggregate/templates.h"
#include "fmt/format.h"
#include "loganalyze/status_text.h"
#include "parse/parser.h"
#include "parse/year_resolver.h"
#include "util/content_hash.h"

namespace loganalyze {
namespace {

constexpr size_t kMaxSampleText = 512;

Severity FromLevel(Level l) {
  switch (l) {
    case Level::kCritical:
      return Severity::kCritical;
    case Level::kFatal:
    case Level::kError:
      return Severity::kError;
    case Level::kWarning:
      return Severity::kWarning;
    default:
      return Severity::kInfo;
  }
}

bool ContainsWordNoCase(std::string_view s, std::string_view word) {
  for (size_t i = 0; i + word.size() <= s.size(); ++i) {
    if (i > 0 && std::isalpha(static_cast<unsigned char>(s[i - 1]))) continue;
    bool eq = true;
    for (size_t k = 0; k < word.size() && eq; ++k) {
      eq = std::tolower(static_cast<unsigned char>(s[i + k])) == word[k];
    }
    if (eq) return true;
  }
  return false;
}

// Plain-text logs have no level column: judge by the words a line uses.
Severity TextSeverity(std::string_view line) {
  if (ContainsWordNoCase(line, "critical") || ContainsWordNoCase(line, "fatal")) {
    return Severity::kError;
  }
  if (ContainsWordNoCase(line, "error") || ContainsWordNoCase(line, "failed") ||
      ContainsWordNoCase(line, "exception")) {
    return Severity::kError;
  }
  if (ContainsWordNoCase(line, "warning")) return Severity::kWarning;
  return Severity::kInfo;
}

std::string Day(LogTime t) { return t.ToString().substr(0, 10); }

// The day bucket key of a time: the packed time of its midnight (the time of day is the
// packing's low field, so this is FromCivil(year, month, day, 0, 0, 0, 0).packed()).
int64_t DayKey(LogTime t) { return t.packed() - t.millis_of_day(); }

// The hour bucket key of a time: the packed time of its hour.
int64_t HourKey(LogTime t) { return t.packed() - t.millis_of_day() % 3'600'000; }

// What one input contributes to a report, before its years are final.
struct Aggregation {
  Aggregation(std::string_view name, size_t max_jobs) : jobs(name, max_jobs) {}

  // A finding as it is being counted: its dated records by DayKey() (years provisional),
  // and the codes last added to it (most records of a finding repeat their codes).
  struct Counted {
    ReportFinding finding;
    std::map<int64_t, uint64_t> days;
    std::vector<std::string> last_codes;
  };
  // By finding id. Looked up once per matched record; the order is the report's, not this.
  absl::flat_hash_map<std::string, Counted> findings;
  std::map<std::string, UnknownTemplate> unknown;
  uint64_t unknown_overflow = 0;
  size_t code_findings = 0;
  uint64_t findings_overflow = 0;
  FailedFiles failed;
  std::map<int64_t, TimelineCount> timeline;
  internal::JobTracker jobs;

  // Moves everything into `report` with `years` added; with `dated` false, the times are
  // dropped instead (records whose date exists in no year they can have).
  void Finish(int years, bool dated, std::string_view input_key, Report* report) {
    for (auto& [id, counted] : findings) {
      ReportFinding& f = counted.finding;
      f.first_seen = dated ? f.first_seen.AddYears(years) : LogTime();
      f.last_seen = dated ? f.last_seen.AddYears(years) : LogTime();
      if (dated) {
        for (const auto& [day, n] : counted.days) {
          f.days[LogTime::FromPacked(day).AddYears(years).ToString().substr(0, 10)] += n;
        }
      }
      report->findings.emplace(id, std::move(f));
    }
    for (auto& [hour, c] : timeline) {
      if (!dated) break;
      const std::string key = LogTime::FromPacked(hour).AddYears(years).ToString().substr(0, 13);
      TimelineCount& t = report->timeline[key];
      t.errors += c.errors;
      t.warnings += c.warnings;
    }
    report->unknown = std::move(unknown);
    report->unknown_overflow = unknown_overflow;
    report->findings_overflow = findings_overflow;
    report->jobs_overflow = jobs.overflow();
    report->failed_files = std::move(failed);
    jobs.TakeJobs(years, input_key, &report->jobs);
    if (!dated) {
      for (auto& [id, job] : report->jobs) {
        job.first_seen = job.last_seen = job.succeeded_at = job.failed_at = LogTime();
        for (auto& [name, phase] : job.phases) phase = JobPhase();
      }
    }
  }
};

}  // namespace

namespace internal {

class AggregatingSink : public RecordSink, public QuietRecordSink {
 public:
  AggregatingSink(const KnowledgeBase& kb, const Matcher& matcher, const AnalyzeOptions& options,
                  std::string_view path, std::string_view member, std::string_view name,
                  internal::RecordFilter* filter)
      : kb_(kb),
        matcher_(matcher),
        options_(options),
        path_(path),
        member_(member),
        key_(InputKey(path, member)),
        name_(name),
        product_(internal::LogProductFromName(name)),
        filter_(filter),
        main_(name, options.limits.max_jobs) {}

  // A filter looks at every record whole.
  bool TakesQuietRecords() const override { return filter_ == nullptr; }
  // What OnRecord does with a record below WARNING, for its time and task.
  void OnQuietRecord(const QuietRecord& r) override {
    if (!InWindow(r.time)) return;
    a_ = For(r.time);
    a_->jobs.OnQuietRecord(r.task_id, r.time);
  }

  void OnRecord(const Record& r) override {
    if (filter_ != nullptr && filter_->Drop(r)) return;  // counted from another input
    if (!InWindow(r.time)) return;
    a_ = For(r.time);
    // Errors are logged at WARNING or above; NORMAL and the other progress levels are only
    // read for jobs and accounting, not matched (most of every log, so most of the time).
    if (r.format == Format::kErrlog && r.level != Level::kNone && r.level < Level::kWarning) {
      codes_.clear();
      a_->jobs.OnRecord(r, codes_, Severity::kInfo);
      return;
    }
    status_.Update(matcher_.Match(r.message, &scratch_, &result_, product_));
    codes_.clear();
    for (const Code& c : result_.codes) codes_.push_back(c.ToString());

    Severity severity = FromLevel(r.level);
    if (r.format == Format::kText) severity = TextSeverity(r.message);
    if (r.format == Format::kFailedFiles) severity = Severity::kWarning;
    if (result_.finding >= 0) {
      // The knowledge base knows better than the level column ("Last completed state for
      // Ds Id" is logged as WARNING but is informational).
      severity = kb_.entries()[result_.finding].severity;
    }
    a_->jobs.OnRecord(r, codes_, severity);
    if (r.format == Format::kFailedFiles) AddFailedItem(r);
    if (severity < options_.min_severity) return;

    // One line, one finding: the record's other codes are listed in it.
    internal::FindingId(kb_, result_, &finding_id_);
    if (result_.finding >= 0) {
      AddFinding(finding_id_, severity, r);
    } else if (severity >= Severity::kWarning || r.format == Format::kFailedFiles) {
      if (!finding_id_.empty()) {
        AddFinding(finding_id_, severity, r);
      } else if (r.format != Format::kFailedFiles) {
        AddUnknown(severity, r);
      }
    }
    // Failed-file items carry only the date of their list, not a time of day.
    if (r.time.is_set() && severity >= Severity::kWarning && r.format != Format::kFailedFiles) {
      TimelineCount& t = a_->timeline[HourKey(r.time)];
      (severity >= Severity::kError ? t.errors : t.warnings) += 1;
    }
  }

  // Moves everything into `report`, with the final years: `years` added to every provisional
  // one. Records dated 02/29 of a year without that day are counted without their date.
  void Finish(int years, Report* report) {
    main_.Finish(years, /*dated=*/true, key_, report);
    for (auto& [year, aggregation] : leap_days_) {
      Report part;
      aggregation.Finish(years, internal::IsLeapYear(year + years), key_, &part);
      report->Merge(part, options_.limits);
    }
  }

  const absl::Status& status() const { return status_; }

 private:
  // Whether a record at `t` is inside --since and --until (an undated one is).
  bool InWindow(LogTime t) const {
    return !t.is_set() || !((options_.since.is_set() && t < options_.since) ||
                            (options_.until.is_set() && t > options_.until));
  }
  // Where a record at `t` is counted. One dated 02/29 is kept apart until the input's years
  // are final: its date may exist in no year it can be given (YearResolver).
  Aggregation* For(LogTime t) {
    return t.is_set() && t.month() == 2 && t.day() == 29 ? &LeapDay(t.year()) : &main_;
  }

  Aggregation& LeapDay(int year) {
    auto it = leap_days_.find(year);
    if (it == leap_days_.end()) {
      it = leap_days_.try_emplace(year, name_, options_.limits.max_jobs).first;
    }
    return it->second;
  }

  ReportSample Sample(const Record& r) const {
    ReportSample s{path_, member_, r.line, {}};
    const std::string_view first = r.message.substr(0, r.message.find('\n'));
    if (r.format == Format::kErrlog && r.time.is_set()) {
      const std::string t = r.time.ToString();  // "YYYY-MM-DDTHH:MM:SS.mmm", year provisional
      s.text = fmt::format("{}/{} {} {} {}", t.substr(5, 2), t.substr(8, 2), t.substr(11),
                           LevelName(r.level), first);
    } else {
      s.text = std::string(first);
    }
    if (s.text.size() > kMaxSampleText) s.text.resize(kMaxSampleText);
    return s;
  }

  void AddFinding(const std::string& id, Severity severity, const Record& r) {
    auto& findings = a_->findings;
    auto it = findings.find(id);
    if (it == findings.end()) {
      if (id.starts_with("code:")) {
        if (a_->code_findings >= options_.limits.max_code_findings) {
          ++a_->findings_overflow;  // bounded memory: counted, not kept
          return;
        }
        ++a_->code_findings;
      }
      it = findings.try_emplace(id).first;
    }
    Aggregation::Counted& counted = it->second;
    ReportFinding& f = counted.finding;
    if (f.count == 0) {
      f.id = id;
      f.severity = severity;
      f.inputs.insert(key_);
    }
    f.severity = std::max(f.severity, severity);
    ++f.count;
    if (codes_ != counted.last_codes) {
      f.codes.insert(codes_.begin(), codes_.end());
      counted.last_codes = codes_;
    }
    if (r.time.is_set()) {
      if (!f.first_seen.is_set() || r.time < f.first_seen) f.first_seen = r.time;
      if (!f.last_seen.is_set() || r.time > f.last_seen) f.last_seen = r.time;
      ++counted.days[DayKey(r.time)];
    }
    // Records come in line order, so the first ones are the samples to keep.
    if (f.samples.size() < options_.limits.samples_per_finding) f.samples.push_back(Sample(r));
  }

  void AddUnknown(Severity severity, const Record& r) {
    internal::MessageTemplate(r.message, &template_);
    if (template_.empty()) return;
    std::map<std::string, UnknownTemplate>& unknown = a_->unknown;
    auto it = unknown.find(template_);
    if (it == unknown.end()) {
      if (unknown.size() >= options_.limits.max_templates) {
        ++a_->unknown_overflow;  // bounded memory: counted, not kept
        return;
      }
      it = unknown.emplace(template_, UnknownTemplate{template_, 0, severity, Sample(r)}).first;
    }
    ++it->second.count;
    it->second.severity = std::max(it->second.severity, severity);
  }

  void AddFailedItem(const Record& r) {
    std::string code(r.code);
    if (const std::optional<Code> c = ParseCode(r.code)) code = c->ToString();
    FailedFiles& failed = a_->failed;
    ++failed.total;
    ++failed.by_code[code];
    FailedFileItem& item = failed.items[{std::string(r.path), code}];
    if (item.count == 0) {
      item.path = std::string(r.path);
      item.code = code;
    }
    ++item.count;
    if (r.time.is_set()) item.days.insert(Day(r.time));
  }

  const KnowledgeBase& kb_;
  const Matcher& matcher_;
  const AnalyzeOptions& options_;
  std::string path_, member_, key_, name_;
  ProductScope product_;  // the log family of the input, from its name
  internal::RecordFilter* filter_;
  MatchScratch scratch_;
  MatchResult result_;
  std::vector<std::string> codes_;
  std::string finding_id_;
  std::string template_;
  absl::Status status_;

  Aggregation main_;
  std::map<int, Aggregation> leap_days_;  // by provisional year
  Aggregation* a_ = &main_;               // where the current record goes
};

RecordAggregator::RecordAggregator(const Analyzer& analyzer, std::string_view path,
                                   std::string_view member, std::string_view name,
                                   RecordFilter* filter)
    : sink_(std::make_unique<AggregatingSink>(analyzer.matcher().knowledge_base(),
                                              analyzer.matcher(), analyzer.options(), path,
                                              member, name, filter)) {}
RecordAggregator::~RecordAggregator() = default;
RecordSink& RecordAggregator::sink() { return *sink_; }
void RecordAggregator::Finish(int years, Report* report) { sink_->Finish(years, report); }
const absl::Status& RecordAggregator::status() const { return sink_->status(); }

}  // namespace internal

// The matcher keeps the knowledge base's handle; the analyzer reaches it through the matcher.
Analyzer::Analyzer(std::shared_ptr<const Matcher> matcher, const AnalyzeOptions& options)
    : matcher_(std::move(matcher)), options_(options) {}

std::unique_ptr<const Analyzer> Analyzer::WithOptions(const AnalyzeOptions& options) const {
  return std::unique_ptr<const Analyzer>(new Analyzer(matcher_, options));
}

Analyzer::~Analyzer() = default;

absl::StatusOr<std::unique_ptr<const Analyzer>> Analyzer::Create(const KnowledgeBase& kb,
                                                                 const AnalyzeOptions& options) {
  absl::StatusOr<std::unique_ptr<const Matcher>> matcher = Matcher::Create(kb);
  if (!matcher.ok()) return matcher.status();
  return std::unique_ptr<const Analyzer>(new Analyzer(*std::move(matcher), options));
}

Report Analyzer::Unreadable(std::string_view path, std::string_view member,
                            const absl::Status& status) {
  Report report;
  ReportInput input;
  input.path = std::string(path);
  input.member = std::string(member);
  input.error = std::string(StatusMessage(status));
  report.errors.push_back({input.path, input.member, input.error, status.code()});
  report.inputs.push_back(std::move(input));
  return report;
}

Report Analyzer::Analyze(ByteSource& source, const InputInfo& info, std::string_view path,
                         std::string_view member) const {
  return internal::AnalyzeFiltered(*this, source, info, path, member, nullptr);
}

Report internal::AnalyzeFiltered(const Analyzer& analyzer, ByteSource& source,
                                 const InputInfo& info, std::string_view path,
                                 std::string_view member, RecordFilter* filter,
                                 int* year_shift) {
  RecordAggregator aggregator(analyzer, path, member, info.name, filter);
  const InputSummary summary = ReadLog(source, info, analyzer.options().read, aggregator.sink());
  if (year_shift != nullptr) *year_shift = summary.year_shift;
  return InputReport(analyzer.options(), path, member, summary, filter, aggregator.status(),
                     [&](Report* report) { aggregator.Finish(summary.year_shift, report); });
}

Report internal::InputReport(const AnalyzeOptions& options, std::string_view path,
                             std::string_view member, const InputSummary& summary,
                             const RecordFilter* filter, const absl::Status& records_status,
                             absl::FunctionRef<void(Report*)> finish) {
  Report report;
  report.limits = options.limits;
  ReportInput input;
  input.path = std::string(path);
  input.member = std::string(member);
  input.encoding = summary.encoding;
  input.stats = summary.stats;
  input.notes = summary.notes;
  if (filter != nullptr) {
    input.duplicates = filter->dropped();
    for (const auto& [key, n] : input.duplicates) input.stats.duplicate_records += n;
  }
  if (!summary.skipped.empty()) {
    input.skipped = summary.skipped;
  } else {
    input.content_hash = internal::ContentHash::Hex(summary.content_hash);
    input.format = summary.format;
    input.first_time = summary.first_time;
    input.last_time = summary.last_time;
    finish(&report);
  }
  absl::Status status = summary.status;
  if (status.ok()) status = records_status;
  if (!status.ok()) {
    input.error = std::string(StatusMessage(status));
    report.errors.push_back({input.path, input.member, input.error, status.code()});
  }
  report.inputs.push_back(std::move(input));
  return report;
}

}  // namespace loganalyze
