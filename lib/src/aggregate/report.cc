// The report value: merging, ordering and the derived views of jobs (report.h).
#include "loganalyze/report.h"

#include <algorithm>
#include <map>
#include <string>
#include <tuple>

#include "fmt/format.h"
#include "loganalyze/analyzer.h"
#include "loganalyze/status_text.h"
#include "report/views.h"

namespace loganalyze {
namespace {

void MergeSamples(std::vector<ReportSample>* into, const std::vector<ReportSample>& from,
                  size_t limit) {
  into->insert(into->end(), from.begin(), from.end());
  std::sort(into->begin(), into->end(),
            [](const ReportSample& a, const ReportSample& b) { return a.Key() < b.Key(); });
  into->erase(std::unique(into->begin(), into->end(),
                          [](const ReportSample& a, const ReportSample& b) {
                            return a.Key() == b.Key();
                          }),
              into->end());
  if (into->size() > limit) into->resize(limit);
}

// Keeps, of the values of `items` that `counted` selects, the `limit` that come first in
// `order`; passes each other one to `drop` and erases it. `order` is a total order, so what
// is kept does not depend on the order in which reports were merged.
template <typename Map, typename Counted, typename Order, typename Drop>
void KeepFirst(Map* items, size_t limit, Counted counted, Order order, Drop drop) {
  std::vector<typename Map::iterator> all;
  for (auto it = items->begin(); it != items->end(); ++it) {
    if (counted(it->second)) all.push_back(it);
  }
  if (all.size() <= limit) return;
  std::sort(all.begin(), all.end(),
            [&](const auto& a, const auto& b) { return order(a->second, b->second); });
  for (size_t i = limit; i < all.size(); ++i) {
    drop(all[i]->second);
    items->erase(all[i]);
  }
}

void MinTime(LogTime* into, LogTime t) {
  if (t.is_set() && (!into->is_set() || t < *into)) *into = t;
}
void MaxTime(LogTime* into, LogTime t) {
  if (t.is_set() && (!into->is_set() || t > *into)) *into = t;
}

// Appends `from` to `into` (a list in the order of the inputs) and keeps its first `limit`
// elements; counts the others in `*unlisted` with `count`. Once a list has unlisted elements,
// every later one is unlisted too, so the listed ones are always the first of all: a prefix
// of the whole sequence, whatever the grouping of the merges.
template <typename T, typename Count>
void AppendFirst(std::vector<T>* into, const std::vector<T>& from, size_t limit, bool unlisted,
                 Count count) {
  for (const T& x : from) {
    if (!unlisted && into->size() < limit) {
      into->push_back(x);
    } else {
      unlisted = true;
      count(x);
    }
  }
  while (into->size() > limit) {  // a tighter bound than the one it was made with
    count(into->back());
    into->pop_back();
  }
}

}  // namespace

std::string InputKey(std::string_view path, std::string_view member) {
  std::string key(path);
  if (!member.empty()) {
    key += "!/";
    key += member;
  }
  return key;
}

LogTime ReportJob::Start() const {
  auto it = phases.find("Prebackup");
  if (it != phases.end() && it->second.start.is_set()) return it->second.start;
  return first_seen;
}

LogTime ReportJob::End() const {
  auto it = phases.find("UnInitialize Storage");
  if (it != phases.end() && it->second.end.is_set()) return it->second.end;
  if (failed_at.is_set() || succeeded_at.is_set()) {
    return std::max({failed_at, succeeded_at, last_seen});
  }
  return LogTime();  // no end seen
}

std::string_view ReportJob::Outcome() const {
  if (failed_at.is_set()) return "failed";
  if (succeeded_at.is_set()) return "succeeded";
  return "unknown";
}

std::string ReportJob::FailedPhase() const {
  if (!failed_at.is_set()) return std::string();
  // The phase that started last at or before the failure.
  std::string name;
  LogTime best;
  for (const auto& [phase, p] : phases) {
    if (p.start.is_set() && p.start <= failed_at && (!best.is_set() || p.start >= best)) {
      best = p.start;
      name = phase;
    }
  }
  return name;
}

ReportLimits ReportLimits::Wider(const ReportLimits& a, const ReportLimits& b) {
  ReportLimits w;
  w.samples_per_finding = std::max(a.samples_per_finding, b.samples_per_finding);
  w.max_templates = std::max(a.max_templates, b.max_templates);
  w.max_jobs = std::max(a.max_jobs, b.max_jobs);
  w.max_code_findings = std::max(a.max_code_findings, b.max_code_findings);
  w.max_inputs = std::max(a.max_inputs, b.max_inputs);
  w.inputs_per_finding = std::max(a.inputs_per_finding, b.inputs_per_finding);
  w.max_failed_files = std::max(a.max_failed_files, b.max_failed_files);
  w.max_errors = std::max(a.max_errors, b.max_errors);
  return w;
}

void Report::Merge(const Report& other) {
  if (!limits && !other.limits) {
    // Neither says: the defaults bound the merge, and the result says nothing either.
    Merge(other, ReportLimits());
    limits.reset();
    return;
  }
  Merge(other, limits && other.limits ? ReportLimits::Wider(*limits, *other.limits)
                                      : limits ? *limits : *other.limits);
}

void UnlistedInputs::Add(const ReportInput& in) {
  ++inputs;
  if (in.skipped.empty() && in.format) {
    ++analysed;
    stats.Add(in.stats);
    MinTime(&first_time, in.first_time);
    MaxTime(&last_time, in.last_time);
  } else if (!in.skipped.empty()) {
    ++skipped;
  }
  if (!in.error.empty()) ++unreadable;
  const internal::ExpectedLogFamily family =
      internal::ExpectedLogFamilyOf(in.member.empty() ? in.path : in.member);
  mars |= family.mars;
  dpm |= family.dpm;
  if (family.expected != nullptr) expected.insert(family.expected);
}

void UnlistedInputs::Add(const UnlistedInputs& o) {
  inputs += o.inputs;
  analysed += o.analysed;
  skipped += o.skipped;
  unreadable += o.unreadable;
  stats.Add(o.stats);
  MinTime(&first_time, o.first_time);
  MaxTime(&last_time, o.last_time);
  mars |= o.mars;
  dpm |= o.dpm;
  expected.insert(o.expected.begin(), o.expected.end());
}

void Report::Merge(const Report& other, const ReportLimits& l) {
  limits = l;
  const size_t samples = l.samples_per_finding, max_templates = l.max_templates,
               max_jobs = l.max_jobs, max_code_findings = l.max_code_findings;
  // In order: this report's listed and unlisted inputs, then `other`'s listed and unlisted.
  AppendFirst(&inputs, other.inputs, l.max_inputs, unlisted_inputs.inputs > 0,
              [this](const ReportInput& in) { unlisted_inputs.Add(in); });
  unlisted_inputs.Add(other.unlisted_inputs);
  for (const auto& [id, f] : other.findings) {
    auto [it, fresh] = findings.try_emplace(id, f);
    if (fresh) continue;
    ReportFinding& into = it->second;
    into.severity = std::max(into.severity, f.severity);
    into.codes.insert(f.codes.begin(), f.codes.end());
    into.count += f.count;
    MinTime(&into.first_seen, f.first_seen);
    MaxTime(&into.last_seen, f.last_seen);
    for (const auto& [day, n] : f.days) into.days[day] += n;
    into.inputs.insert(f.inputs.begin(), f.inputs.end());
    into.more_inputs += f.more_inputs;
    MergeSamples(&into.samples, f.samples, samples);
  }
  for (auto& [id, f] : findings) {
    while (f.inputs.size() > l.inputs_per_finding) {  // the first by key are kept
      f.inputs.erase(std::prev(f.inputs.end()));
      ++f.more_inputs;
    }
  }
  failed_files.total += other.failed_files.total;
  for (const auto& [code, n] : other.failed_files.by_code) failed_files.by_code[code] += n;
  for (const auto& [key, item] : other.failed_files.items) {
    auto [it, fresh] = failed_files.items.try_emplace(key, item);
    if (fresh) continue;
    it->second.days.insert(item.days.begin(), item.days.end());
    it->second.count += item.count;
  }
  // The first by (path, code): an item past the bound in a part is past it in the whole, so
  // every kept item has all its appearances, whatever the grouping.
  while (failed_files.items.size() > l.max_failed_files) {
    failed_files.items.erase(std::prev(failed_files.items.end()));
  }
  uint64_t kept = 0;
  for (const auto& [key, item] : failed_files.items) kept += item.count;
  failed_files.unlisted = failed_files.total - kept;
  for (const auto& [id, job] : other.jobs) {
    auto [it, fresh] = jobs.try_emplace(id, job);
    if (fresh) continue;
    ReportJob& into = it->second;
    // "mars-backup" (phase lines seen) is the most specific kind, then a DPM engine task.
    if (job.kind == "mars-backup" || into.kind.empty()) into.kind = job.kind;
    MinTime(&into.first_seen, job.first_seen);
    MaxTime(&into.last_seen, job.last_seen);
    MinTime(&into.succeeded_at, job.succeeded_at);
    MinTime(&into.failed_at, job.failed_at);
    for (const auto& [name, p] : job.phases) {
      JobPhase& ph = into.phases[name];
      MinTime(&ph.start, p.start);
      MaxTime(&ph.end, p.end);
    }
    into.codes.insert(job.codes.begin(), job.codes.end());
    into.inputs.insert(job.inputs.begin(), job.inputs.end());
    into.records += job.records;
  }
  for (const auto& [text, t] : other.unknown) {
    auto [it, fresh] = unknown.try_emplace(text, t);
    if (fresh) continue;
    it->second.count += t.count;
    it->second.severity = std::max(it->second.severity, t.severity);
    if (t.example.Key() < it->second.example.Key()) it->second.example = t.example;
  }
  unknown_overflow += other.unknown_overflow;
  jobs_overflow += other.jobs_overflow;
  findings_overflow += other.findings_overflow;
  const auto all = [](const auto&) { return true; };
  // The most frequent templates; ties by text.
  KeepFirst(
      &unknown, max_templates, all,
      [](const UnknownTemplate& a, const UnknownTemplate& b) {
        return std::tie(b.count, a.text) < std::tie(a.count, b.text);
      },
      [this](const UnknownTemplate& t) { unknown_overflow += t.count; });
  // The latest jobs: the ones a support engineer reads first.
  KeepFirst(
      &jobs, max_jobs, all,
      [](const ReportJob& a, const ReportJob& b) {
        return std::tie(b.first_seen, a.task_id) < std::tie(a.first_seen, b.task_id);
      },
      [this](const ReportJob& j) { jobs_overflow += j.records; });
  // The most frequent codes that have no entry.
  KeepFirst(
      &findings, max_code_findings,
      [](const ReportFinding& f) { return f.id.starts_with("code:"); },
      [](const ReportFinding& a, const ReportFinding& b) {
        return std::tie(b.count, a.id) < std::tie(a.count, b.id);
      },
      [this](const ReportFinding& f) { findings_overflow += f.count; });
  for (const auto& [hour, c] : other.timeline) {
    TimelineCount& t = timeline[hour];
    t.errors += c.errors;
    t.warnings += c.warnings;
  }
  AppendFirst(&errors, other.errors, l.max_errors, errors_overflow > 0,
              [this](const ReportError&) { ++errors_overflow; });
  errors_overflow += other.errors_overflow;
}

namespace {

// The identity of an analysed input's content, or "" when it has none.
// Report::Merge within `limits` when given, else within the wider of the two reports' own.
void MergeWithin(Report* into, const Report& other, const ReportLimits* limits) {
  if (limits != nullptr) {
    into->Merge(other, *limits);
  } else {
    into->Merge(other);
  }
}

std::string Identity(const ReportInput& in) {
  if (!in.format || !in.skipped.empty() || in.content_hash.empty() || in.stats.bytes == 0) {
    return std::string();
  }
  return std::to_string(in.stats.bytes) + "/" + in.content_hash;
}

}  // namespace

MergeOnceResult MergeOnce(Report* into, const Report& other, std::string_view name,
                          const ReportLimits* limits) {
  std::map<std::string, size_t> counted;  // identity -> index of the input in `into`
  for (size_t i = 0; i < into->inputs.size(); ++i) {
    const std::string id = Identity(into->inputs[i]);
    if (!id.empty()) counted.try_emplace(id, i);
  }
  MergeOnceResult result;
  size_t analysed = 0, without_identity = 0;
  std::vector<size_t> matches;
  for (const ReportInput& in : other.inputs) {
    if (!in.format || !in.skipped.empty()) continue;
    ++analysed;
    const std::string id = Identity(in);
    if (id.empty()) {
      ++without_identity;
      continue;
    }
    if (auto it = counted.find(id); it != counted.end()) {
      result.shared.push_back(InputKey(in.path, in.member));
      matches.push_back(it->second);
    }
  }
  if (!result.shared.empty()) {
    result.outcome = result.shared.size() == analysed
                         ? MergeOnceResult::Outcome::kAlreadyCounted
                         : MergeOnceResult::Outcome::kOverlapping;
    if (result.outcome == MergeOnceResult::Outcome::kAlreadyCounted) {
      for (size_t i : matches) {
        std::vector<std::string>& notes = into->inputs[i].notes;
        const std::string note = fmt::format("also in the merged report {}; counted once", name);
        if (std::find(notes.begin(), notes.end(), note) == notes.end()) notes.push_back(note);
      }
    }
    return result;
  }
  const size_t first_new = into->inputs.size();
  MergeWithin(into, other, limits);
  if (without_identity > 0) {
    for (size_t i = first_new; i < into->inputs.size(); ++i) {
      ReportInput& in = into->inputs[i];
      if (in.format && in.skipped.empty() && in.content_hash.empty()) {
        in.notes.push_back(fmt::format(
            "from {}, a report without input identities (an earlier version): whether the "
            "other reports cover this input too cannot be checked",
            name));
      }
    }
  }
  return result;
}

MergeJsonResult MergeJsonReport(Report* into, std::string_view json, std::string_view name,
                                const ReportLimits* limits) {
  MergeJsonResult result;
  absl::StatusOr<Report> report = ParseJsonReport(json);
  if (!report.ok()) {
    result.failed = true;
    result.message = std::string(StatusMessage(report.status()));
    MergeWithin(into,
                Analyzer::Unreadable(name, "",
                                     absl::Status(report.status().code(),
                                                  "not merged: " + result.message)),
                limits);
    return result;
  }
  const MergeOnceResult once = MergeOnce(into, *report, name, limits);
  std::string shared;
  for (const std::string& key : once.shared) shared += (shared.empty() ? "" : ", ") + key;
  if (once.outcome == MergeOnceResult::Outcome::kAlreadyCounted) {
    result.message = shared;
  } else if (once.outcome == MergeOnceResult::Outcome::kOverlapping) {
    result.failed = true;
    result.message = fmt::format(
        "not merged: it shares {} input(s) with the reports before it ({}) and covers others "
        "too, so the counts of the shared inputs cannot be told apart from the rest. "
        "Analyse the inputs together, or merge reports of separate inputs",
        once.shared.size(), shared);
    MergeWithin(into, Analyzer::Unreadable(name, "", absl::FailedPreconditionError(result.message)),
                limits);
  }
  return result;
}

std::vector<const ReportFinding*> OrderedFindings(const Report& report) {
  std::vector<const ReportFinding*> out;
  for (const auto& [id, f] : report.findings) out.push_back(&f);
  std::sort(out.begin(), out.end(), [](const ReportFinding* a, const ReportFinding* b) {
    if (a->severity != b->severity) return a->severity > b->severity;
    if (a->count != b->count) return a->count > b->count;
    if (a->last_seen != b->last_seen) return a->last_seen > b->last_seen;
    return a->id < b->id;
  });
  return out;
}

std::optional<ReportFormat> ReportFormatFromName(std::string_view name) {
  if (name == "text") return ReportFormat::kText;
  if (name == "json") return ReportFormat::kJson;
  if (name == "jsonl") return ReportFormat::kJsonl;
  if (name == "markdown" || name == "md") return ReportFormat::kMarkdown;
  if (name == "html") return ReportFormat::kHtml;
  return std::nullopt;
}

}  // namespace loganalyze
