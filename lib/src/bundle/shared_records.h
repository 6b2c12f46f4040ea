// Which errlog inputs of a bundle can share records, and which of their records to drop so
// that each shared record counts once: the plan of two reads, and the exclusions between
// them. The reads themselves are the caller's (bundle.cc).
//
// Inputs are ordered as a shared record counts in the first: logs, then .Crash copies, then
// excerpts (inputs with no log family), each in the caller's (path) order. An input is
// compared with the earlier inputs whose time range overlaps its own and that are, with it,
// of one log family and either
//  - show records in common in their sketches (RecordSketch: a sample of their records, and
//    the records at their ends): a .Crash copy and its log, rotated logs that repeat their
//    seam, a log collected on two days; or
//  - sit in one folder (or next to a copy with the same bytes) when one of them is too small
//    for its sketch to say (fewer than kSmallInput records);
// or when either is an excerpt (no log family). Such an input is a "target". Logs that only
// overlap in time (the same log of many servers, generated logs) are not compared.
//  1. Collect: every target, in full, and every input that a later target overlaps, within
//     the hull of those targets' ranges, is read and its records counted by fingerprint.
//  2. Filter: every target is read again, dropping the k-th occurrence of a record when an
//     earlier related input holds that record at least k times.
// Each input is read at most twice more; an archive is walked once per read (the caller
// batches), and the work grows with the records compared, not with pairs of inputs.
#ifndef LOGANALYZE_BUNDLE_SHARED_RECORDS_H_
#define LOGANALYZE_BUNDLE_SHARED_RECORDS_H_

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "bundle/copies.h"
#include "loganalyze/record.h"

namespace loganalyze::internal {

struct LogInput {
  std::string family;  // LogFamily(name); "" for an excerpt
  // Where it is (an archive member's folder includes the archive), and where its copies
  // with the same bytes are: a .Crash file next to a copy of its log is next to it too.
  std::vector<std::string> folders;
  bool crash = false;  // a .Crash copy
  LogTime first, last;  // the final time range; both set
  RecordSketch sketch;  // of its first read
};

inline constexpr uint64_t kSmallInput = 1024;

struct SharedRecordsPlan {
  // Indices of the inputs in the order in which a shared record counts in the first.
  std::vector<size_t> order;
  // By input: compared with earlier inputs (read twice: collect, then filter).
  std::vector<bool> target;
  // By input: the range to collect records from, when the collect read is needed.
  std::vector<std::optional<std::pair<LogTime, LogTime>>> collect;
  // By input: its rank in `order`, the origin index the filters use.
  std::vector<uint32_t> rank;
};

SharedRecordsPlan PlanSharedRecords(const std::vector<LogInput>& inputs);

// The records to drop from each target, from the collected records of every input
// (`collected[i]` unset when input i could not be read again). Returns, by input, the map
// for CopyFilter (empty for non-targets); `not_compared[i]` lists, for a target, the
// earlier related inputs whose records could not be collected.
std::vector<FingerprintMap> PlanExclusions(
    const std::vector<LogInput>& inputs, const SharedRecordsPlan& plan,
    std::vector<std::optional<FingerprintMap>>& collected,
    std::vector<std::vector<size_t>>* not_compared);

}  // namespace loganalyze::internal

#endif  // LOGANALYZE_BUNDLE_SHARED_RECORDS_H_
