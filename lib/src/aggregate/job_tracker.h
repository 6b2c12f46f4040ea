// JobTracker: rebuilds jobs from the records that share a task GUID.
#ifndef LOGANALYZE_AGGREGATE_JOB_TRACKER_H_
#define LOGANALYZE_AGGREGATE_JOB_TRACKER_H_

#include <cstdint>
#include <cstring>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "loganalyze/knowledge_base.h"
#include "loganalyze/record.h"
#include "loganalyze/report.h"
#include "parse/parser.h"

namespace loganalyze::internal {

// Reads the phase and outcome lines of MARS backups (`Backup Progress: <phase> started`,
// `... finished` (and the product's "finsihed"), `Succeeded`, `Failed`) and of DPM tasks
// (`Task state change [A] -> [B]`, `Job failed`, `Job completed`), and keeps every job's
// first and last record, phases, outcome and codes.
class JobTracker {
 public:
  // Jobs of this input that show no MARS backup phases are "mars-task", "dpm-task" or
  // "task" after the log family of `input_name` (LogProductFromName).
  // At most `max_jobs` jobs are kept; records of further task GUIDs are counted in
  // overflow() (bounded memory whatever the input).
  JobTracker(std::string_view input_name, size_t max_jobs);
  uint64_t overflow() const { return overflow_; }

  // `codes` are the record's canonical codes; `severity` its effective severity. Runs for
  // every record of a task: the usual one (same task as the one before, a progress-level
  // line without a job marker) is handled here inline.
  void OnRecord(const Record& r, const std::vector<std::string>& codes, Severity severity) {
    ReportJob* job = Count(r.task_id, r.time);
    if (job == nullptr) return;
    // Progress lines (NORMAL) start with their marker; a failure line (WARNING and above)
    // may carry it after the code ("Failed: Hr: = [0x...] Backup Progress: Failed").
    // Searching only the lines that can carry one keeps this cheap on the many other lines.
    if (IsQuiet(r.level, r.message)) return;
    OnMarkers(*job, r, codes, severity);
  }
  // A record below WARNING with no marker (a QuietRecord): what OnRecord does with it.
  void OnQuietRecord(std::string_view task_id, LogTime time) { Count(task_id, time); }

  // Moves the jobs into `jobs`, adding `years` to their times (see InputSummary::year_shift).
  void TakeJobs(int years, std::string_view input_key, std::map<std::string, ReportJob>* jobs);

 private:
  // Task ids are GUIDs: 36 bytes compared as words, with no call to memcmp (which a
  // compare of this size still becomes), and no branch until the end.
  static bool SameTask(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    if (a.size() != 36) return a == b;
    uint64_t diff = 0;
    for (size_t k = 0; k < 32; k += 8) diff |= Word(a.data() + k) ^ Word(b.data() + k);
    uint32_t x, y;
    std::memcpy(&x, a.data() + 32, 4);
    std::memcpy(&y, b.data() + 32, 4);
    return (diff | (x ^ y)) == 0;
  }
  static uint64_t Word(const char* p) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    return w;
  }
  // Keeps the earlier (later) of two times; an unset time changes nothing.
  static void Earliest(LogTime* into, LogTime t) {
    if (t.is_set() && (!into->is_set() || t < *into)) *into = t;
  }
  static void Latest(LogTime* into, LogTime t) {
    if (t.is_set() && (!into->is_set() || t > *into)) *into = t;
  }
  // Counts a record of `task_id` at `time` in its job, which it returns; null for a record
  // of no task, or of a job past the bound (counted in overflow()).
  ReportJob* Count(std::string_view task_id, LogTime time) {
    if (task_id.empty()) return nullptr;
    ReportJob* job = last_ != nullptr && SameTask(last_->task_id, task_id) ? last_ : Find(task_id);
    if (job == nullptr) {
      ++overflow_;
      return nullptr;
    }
    ++job->records;
    Earliest(&job->first_seen, time);
    Latest(&job->last_seen, time);
    return job;
  }
  // The job of a task other than the one of the record before (the caller checks that).
  ReportJob* Find(std::string_view task_id);
  // The phase and outcome markers of one record.
  void OnMarkers(ReportJob& job, const Record& r, const std::vector<std::string>& codes,
                 Severity severity);

  std::string default_kind_;
  std::map<std::string, ReportJob, std::less<>> jobs_;
  ReportJob* last_ = nullptr;  // records of one task come in runs: skip the map lookup
  size_t max_jobs_;
  uint64_t overflow_ = 0;
};

}  // namespace loganalyze::internal

#endif  // LOGANALYZE_AGGREGATE_JOB_TRACKER_H_
