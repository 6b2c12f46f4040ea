// JobTracker: rebuilds jobs from the records that share a task GUID.
#ifndef LOGANALYZE_AGGREGATE_JOB_TRACKER_H_
#define LOGANALYZE_AGGREGATE_JOB_TRACKER_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "loganalyze/knowledge_base.h"
#include "loganalyze/record.h"
#include "loganalyze/report.h"

namespace loganalyze::internal {

// Reads the phase and outcome lines of MARS backups (`Backup Progress: <phase> started`,
// `... finished` (and the product's "finsihed"), `Succeeded`, `Failed`) and of DPM tasks
// (`Task state change [A] -> [B]`, `Job failed`, `Job completed`), and keeps every job's
// first and last record, phases, outcome and codes.
class JobTracker {
 public:
  // `kind` names the jobs of this input that show no MARS backup phases ("mars-task",
  // "dpm-task", "task"), from its file name.
  // At most `max_jobs` jobs are kept; records of further task GUIDs are counted in
  // overflow() (bounded memory whatever the input).
  JobTracker(std::string_view input_name, size_t max_jobs);
  uint64_t overflow() const { return overflow_; }

  // `codes` are the record's canonical codes; `severity` its effective severity.
  void OnRecord(const Record& r, const std::vector<std::string>& codes, Severity severity);

  // Moves the jobs into `jobs`, adding `years` to their times (see InputSummary::year_shift).
  void TakeJobs(int years, std::string_view input_key, std::map<std::string, ReportJob>* jobs);

 private:
  ReportJob* Find(std::string_view task_id);

  std::string default_kind_;
  std::map<std::string, ReportJob, std::less<>> jobs_;
  ReportJob* last_ = nullptr;  // records of one task come in runs: skip the map lookup
  size_t max_jobs_;
  uint64_t overflow_ = 0;
};

}  // namespace loganalyze::internal

#endif  // LOGANALYZE_AGGREGATE_JOB_TRACKER_H_
