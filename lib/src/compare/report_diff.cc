// DiffReports: findings, failed files and job failures of two reports, matched by identity
// (finding id; failed file path and code; how a job failed).
#include <algorithm>
#include <map>
#include <tuple>

#include "absl/status/status.h"
#include "compare/compared_report.h"
#include "loganalyze/diff.h"

namespace loganalyze {
namespace {

constexpr size_t kMaxTaskIds = 10;

FindingChange Compare(double older, double newer, double threshold) {
  if (newer > older * (1 + threshold)) return FindingChange::kWorse;
  if (older > newer * (1 + threshold)) return FindingChange::kBetter;
  return FindingChange::kSame;
}

std::vector<FindingDiff> DiffFindings(const Report& older, const Report& newer,
                                      const ReportDiff& d) {
  std::vector<FindingDiff> out;
  auto add = [&](const ReportFinding* o, const ReportFinding* n) {
    FindingDiff f;
    const ReportFinding& any = n != nullptr ? *n : *o;
    f.id = any.id;
    f.severity = any.severity;
    f.codes = any.codes;
    f.old_count = o != nullptr ? o->count : 0;
    f.new_count = n != nullptr ? n->count : 0;
    f.old_rate = internal::RatePerDay(f.old_count, d.older.days);
    f.new_rate = internal::RatePerDay(f.new_count, d.newer.days);
    f.by_rate = f.old_rate && f.new_rate;
    if (o == nullptr) {
      f.change = FindingChange::kNew;
    } else if (n == nullptr) {
      f.change = FindingChange::kGone;
    } else if (f.by_rate) {
      f.change = Compare(*f.old_rate, *f.new_rate, d.threshold);
    } else {
      f.change =
          Compare(static_cast<double>(f.old_count), static_cast<double>(f.new_count), d.threshold);
    }
    out.push_back(std::move(f));
  };
  for (const auto& [id, n] : newer.findings) {
    const auto it = older.findings.find(id);
    add(it == older.findings.end() ? nullptr : &it->second, &n);
  }
  for (const auto& [id, o] : older.findings) {
    if (!newer.findings.contains(id)) add(&o, nullptr);
  }
  std::sort(out.begin(), out.end(), [](const FindingDiff& a, const FindingDiff& b) {
    return std::make_tuple(a.change, b.severity, b.new_count, std::string_view(a.id)) <
           std::make_tuple(b.change, a.severity, a.new_count, std::string_view(b.id));
  });
  return out;
}

std::vector<FailedFileDiff> DiffFailedFiles(const Report& older, const Report& newer,
                                            const ReportDiff& d) {
  std::vector<FailedFileDiff> out;
  for (const auto& [key, n] : newer.failed_files.items) {
    const auto it = older.failed_files.items.find(key);
    const bool was = it != older.failed_files.items.end();
    out.push_back(FailedFileDiff{key.first, key.second,
                                 was ? FailedFileChange::kStill : FailedFileChange::kNew,
                                 was ? it->second.count : 0, n.count});
  }
  for (const auto& [key, o] : older.failed_files.items) {
    if (newer.failed_files.items.contains(key)) continue;
    out.push_back(FailedFileDiff{
        key.first, key.second,
        d.newer.has_failed_file_lists ? FailedFileChange::kFixed : FailedFileChange::kNotListed,
        o.count, 0});
  }
  std::sort(out.begin(), out.end(), [](const FailedFileDiff& a, const FailedFileDiff& b) {
    return std::tie(a.change, a.path, a.code) < std::tie(b.change, b.path, b.code);
  });
  return out;
}

using FailureKey = std::tuple<std::string, std::string, std::set<std::string>>;

struct FailedJobs {
  uint64_t count = 0;
  LogTime first_failed;
  std::vector<const ReportJob*> jobs;
};

std::map<FailureKey, FailedJobs> FailuresOf(const Report& r) {
  std::map<FailureKey, FailedJobs> out;
  for (const auto& [id, job] : r.jobs) {
    if (job.Outcome() != "failed") continue;
    FailedJobs& f = out[FailureKey(job.kind, job.FailedPhase(), job.codes)];
    ++f.count;
    const LogTime at = job.failed_at.is_set() ? job.failed_at : job.End();
    if (at.is_set() && (!f.first_failed.is_set() || at < f.first_failed)) f.first_failed = at;
    f.jobs.push_back(&job);
  }
  return out;
}

std::vector<JobFailureDiff> DiffJobFailures(const Report& older, const Report& newer) {
  const std::map<FailureKey, FailedJobs> o = FailuresOf(older), n = FailuresOf(newer);
  std::vector<JobFailureDiff> out;
  auto add = [&](const FailureKey& key, const FailedJobs* was, const FailedJobs* now) {
    JobFailureDiff j;
    std::tie(j.kind, j.phase, j.codes) = key;
    j.change = was == nullptr   ? JobFailureChange::kNew
               : now == nullptr ? JobFailureChange::kGone
                                : JobFailureChange::kStill;
    j.old_jobs = was != nullptr ? was->count : 0;
    j.new_jobs = now != nullptr ? now->count : 0;
    j.first_failed = now != nullptr ? now->first_failed : was->first_failed;
    if (now != nullptr) {
      std::vector<const ReportJob*> jobs = now->jobs;
      std::sort(jobs.begin(), jobs.end(), [](const ReportJob* a, const ReportJob* b) {
        return std::make_pair(a->Start(), std::string_view(a->task_id)) <
               std::make_pair(b->Start(), std::string_view(b->task_id));
      });
      for (size_t i = 0; i < jobs.size() && i < kMaxTaskIds; ++i) {
        j.new_task_ids.push_back(jobs[i]->task_id);
      }
    }
    out.push_back(std::move(j));
  };
  for (const auto& [key, now] : n) {
    const auto it = o.find(key);
    add(key, it == o.end() ? nullptr : &it->second, &now);
  }
  for (const auto& [key, was] : o) {
    if (!n.contains(key)) add(key, &was, nullptr);
  }
  std::sort(out.begin(), out.end(), [](const JobFailureDiff& a, const JobFailureDiff& b) {
    return std::tie(a.change, a.kind, a.phase, a.codes) <
           std::tie(b.change, b.kind, b.phase, b.codes);
  });
  return out;
}

}  // namespace

std::string_view FindingChangeName(FindingChange c) {
  switch (c) {
    case FindingChange::kNew:
      return "new";
    case FindingChange::kWorse:
      return "worse";
    case FindingChange::kBetter:
      return "better";
    case FindingChange::kGone:
      return "gone";
    case FindingChange::kSame:
      return "same";
  }
  return "";
}

std::string_view FailedFileChangeName(FailedFileChange c) {
  switch (c) {
    case FailedFileChange::kNew:
      return "new";
    case FailedFileChange::kStill:
      return "still";
    case FailedFileChange::kFixed:
      return "fixed";
    case FailedFileChange::kNotListed:
      return "not-listed";
  }
  return "";
}

std::string_view JobFailureChangeName(JobFailureChange c) {
  switch (c) {
    case JobFailureChange::kNew:
      return "new";
    case JobFailureChange::kStill:
      return "still";
    case JobFailureChange::kGone:
      return "gone";
  }
  return "";
}

bool ReportDiff::HasNew() const {
  return std::any_of(findings.begin(), findings.end(),
                     [](const FindingDiff& f) { return f.change == FindingChange::kNew; }) ||
         std::any_of(failed_files.begin(), failed_files.end(),
                     [](const FailedFileDiff& f) { return f.change == FailedFileChange::kNew; }) ||
         std::any_of(job_failures.begin(), job_failures.end(),
                     [](const JobFailureDiff& j) { return j.change == JobFailureChange::kNew; });
}

absl::StatusOr<ReportDiff> DiffReports(const Report& older, std::string_view older_name,
                                       const Report& newer, std::string_view newer_name,
                                       const DiffOptions& options) {
  if (!(options.threshold >= 0 && options.threshold <= 10)) {
    return absl::InvalidArgumentError(
        "the threshold of change must be between 0 and 10 (0% to 1000%)");
  }
  ReportDiff d;
  d.older = internal::DescribeReport(older, older_name);
  d.newer = internal::DescribeReport(newer, newer_name);
  d.threshold = options.threshold;
  d.findings = DiffFindings(older, newer, d);
  d.failed_files = DiffFailedFiles(older, newer, d);
  d.job_failures = DiffJobFailures(older, newer);
  return d;
}

}  // namespace loganalyze
