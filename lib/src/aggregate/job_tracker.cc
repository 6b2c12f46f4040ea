#include "aggregate/job_tracker.h"

#include <cctype>

#include "aggregate/log_product.h"

namespace loganalyze::internal {
namespace {

constexpr std::string_view kProgress = "Backup Progress: ";
constexpr std::string_view kStateChange = "Task state change [";

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) !=
        std::tolower(static_cast<unsigned char>(prefix[i]))) {
      return false;
    }
  }
  return true;
}

enum class JobWord { kNone, kFailed, kSucceeded };

// "Job failed", "job completed", "Job succeeded" (either case of the J). Runs on every record
// of a task, so it looks for the 'b' of "ob " with memchr (a letter five times rarer in
// messages than 'o') rather than folding case.
JobWord FindJobOutcome(std::string_view m) {
  for (size_t b = m.find('b', 2); b != std::string_view::npos; b = m.find('b', b + 1)) {
    if (b + 1 >= m.size() || m[b + 1] != ' ' || m[b - 1] != 'o' ||
        (m[b - 2] != 'J' && m[b - 2] != 'j')) {
      continue;
    }
    const std::string_view rest = m.substr(b + 2);
    if (StartsWithNoCase(rest, "failed")) return JobWord::kFailed;
    if (StartsWithNoCase(rest, "completed") || StartsWithNoCase(rest, "succeeded")) {
      return JobWord::kSucceeded;
    }
  }
  return JobWord::kNone;
}

bool IsTerminalState(std::string_view s) {
  return s == "Failed" || s == "Succeeded" || s == "Completed" || s == "Cancelled";
}

// The phase called `name`, looked up without building a string unless it is new.
JobPhase& PhaseOf(ReportJob& job, std::string_view name) {
  auto it = job.phases.find(name);
  if (it == job.phases.end()) it = job.phases.emplace(std::string(name), JobPhase()).first;
  return it->second;
}

}  // namespace

JobTracker::JobTracker(std::string_view input_name, size_t max_jobs) : max_jobs_(max_jobs) {
  switch (LogProductFromName(input_name)) {
    case ProductScope::kMars:
      default_kind_ = "mars-task";
      break;
    case ProductScope::kDpm:
      default_kind_ = "dpm-task";
      break;
    case ProductScope::kAny:
      default_kind_ = "task";
      break;
  }
}

ReportJob* JobTracker::Find(std::string_view task_id) {
  auto it = jobs_.find(task_id);
  if (it == jobs_.end()) {
    if (jobs_.size() >= max_jobs_) return nullptr;
    it = jobs_.emplace(std::string(task_id), ReportJob()).first;
    it->second.task_id = std::string(task_id);
    it->second.kind = default_kind_;
  }
  return last_ = &it->second;
}

void JobTracker::OnMarkers(ReportJob& job, const Record& r,
                           const std::vector<std::string>& codes, Severity severity) {
  std::string_view m = r.message;
  m = m.substr(0, m.find('\n'));
  bool failure = false;

  if (const size_t p = m.find(kProgress); p != std::string_view::npos) {
    job.kind = "mars-backup";
    std::string_view rest = m.substr(p + kProgress.size());
    while (!rest.empty() && (rest.back() == '.' || rest.back() == ' ')) rest.remove_suffix(1);
    if (StartsWithNoCase(rest, "Succeeded")) {
      Earliest(&job.succeeded_at, r.time);
    } else if (StartsWithNoCase(rest, "Failed")) {
      Earliest(&job.failed_at, r.time);
      failure = true;
    } else {
      const size_t sp = rest.find_last_of(' ');
      if (sp != std::string_view::npos) {
        const std::string_view phase = rest.substr(0, sp);
        const std::string_view verb = rest.substr(sp + 1);
        if (verb == "started") {
          Earliest(&PhaseOf(job, phase).start, r.time);
        } else if (verb == "finished" || verb == "finsihed" || verb == "completed") {
          Latest(&PhaseOf(job, phase).end, r.time);
        }
      }
    }
  } else if (const size_t q = m.find(kStateChange); q != std::string_view::npos) {
    // Task state change [A] -> [B]
    const std::string_view rest = m.substr(q + kStateChange.size());
    const size_t a_end = rest.find(']');
    const size_t b_start = rest.find("-> [");
    if (a_end != std::string_view::npos && b_start != std::string_view::npos) {
      const std::string_view from = rest.substr(0, a_end);
      std::string_view to = rest.substr(b_start + 4);
      to = to.substr(0, to.find(']'));
      if (!IsTerminalState(from)) Latest(&PhaseOf(job, from).end, r.time);
      if (to == "Failed" || to == "Cancelled") {
        Earliest(&job.failed_at, r.time);
        failure = true;
      } else if (to == "Succeeded" || to == "Completed") {
        Earliest(&job.succeeded_at, r.time);
      } else {
        Earliest(&PhaseOf(job, to).start, r.time);
      }
    }
  } else if (const JobWord w = FindJobOutcome(m); w == JobWord::kFailed) {
    Earliest(&job.failed_at, r.time);
    failure = true;
  } else if (w == JobWord::kSucceeded) {
    Earliest(&job.succeeded_at, r.time);
  }
  if (failure || severity >= Severity::kError) job.codes.insert(codes.begin(), codes.end());
}

void JobTracker::TakeJobs(int years, std::string_view input_key,
                          std::map<std::string, ReportJob>* jobs) {
  for (auto& [id, job] : jobs_) {
    if (years != 0) {
      job.first_seen = job.first_seen.AddYears(years);
      job.last_seen = job.last_seen.AddYears(years);
      job.succeeded_at = job.succeeded_at.AddYears(years);
      job.failed_at = job.failed_at.AddYears(years);
      for (auto& [name, p] : job.phases) {
        p.start = p.start.AddYears(years);
        p.end = p.end.AddYears(years);
      }
    }
    job.inputs.insert(std::string(input_key));
    (*jobs)[id] = std::move(job);
  }
  jobs_.clear();
  last_ = nullptr;
}

}  // namespace loganalyze::internal
