// Copies of one log in a bundle: which inputs can share records, and the record filter that
// counts each shared record once.
#ifndef LOGANALYZE_BUNDLE_COPIES_H_
#define LOGANALYZE_BUNDLE_COPIES_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "aggregate/analyze_filtered.h"
#include "loganalyze/record.h"

namespace loganalyze::internal {

// The log family of an input, from its file name: the name of the log without its rotation
// ("Curr", a number) and without a .Crash copy's stamp, in lower case.
//   CBEngineCurr.errlog, CBEngine1.errlog                  -> "cbengine"
//   MSDPMCurr.errlog.2026-01-04_20-55-45.Crash             -> "msdpm"
//   DPMRA3.errlog                                          -> "dpmra"
// "" for a name that is not an errlog's (an excerpt.txt, stdin).
std::string LogFamily(std::string_view name);
// True for a .Crash copy's name.
bool IsCrashCopy(std::string_view name);

// What makes two records the same event: their date (without the year, which each input
// infers on its own), time, process, thread, source and message (runs of blanks folded, so
// that a copy whose white space was collapsed still matches).
uint64_t RecordFingerprint(const Record& r);

// Closed ranges of final record times.
class TimeWindows {
 public:
  void Add(LogTime first, LogTime last) { ranges_.emplace_back(first, last); }
  bool empty() const { return ranges_.empty(); }
  bool Contains(LogTime t) const {
    for (const auto& [a, b] : ranges_) {
      if (t >= a && t <= b) return true;
    }
    return false;
  }

 private:
  std::vector<std::pair<LogTime, LogTime>> ranges_;
};

// The records of one input within some time windows: fingerprint -> how many times, and the
// input they count in (an index into the caller's list of inputs).
struct FingerprintCount {
  uint32_t count = 0;
  uint32_t origin = 0;
};
using FingerprintMap = absl::flat_hash_map<uint64_t, FingerprintCount>;

// Drops the records of an input that earlier inputs hold: a record's k-th occurrence in this
// input is dropped when an earlier input holds it at least k times (`known`, the most any
// one earlier input holds). Meanwhile it collects this input's own records within
// `collect_windows` into collected(), for the inputs after it.
class CopyFilter : public RecordFilter {
 public:
  // `self` is this input's index; `keys` names inputs by index (for dropped()).
  CopyFilter(FingerprintMap known, const std::vector<std::string>* keys, uint32_t self,
             TimeWindows collect_windows)
      : known_(std::move(known)), keys_(keys), self_(self), windows_(std::move(collect_windows)) {}

  bool Drop(const Record& r) override;
  const std::map<std::string, uint64_t>& dropped() const override { return dropped_; }
  FingerprintMap& collected() { return collected_; }

 private:
  FingerprintMap known_;
  absl::flat_hash_map<uint64_t, uint32_t> seen_;  // occurrences here of `known_` records
  const std::vector<std::string>* keys_;
  uint32_t self_;
  TimeWindows windows_;
  FingerprintMap collected_;
  std::map<std::string, uint64_t> dropped_;
};

// What the first read of an input tells about which other inputs may share its records,
// without reading them again:
//  - `sample`: about one record in 32, the same records in every copy (chosen by their time
//    and message length, so that no fingerprint is computed for the others), as sorted
//    fingerprints. A region of m shared records shows in both samples unless all of its
//    ~m/32 samples are missed: e^(-m/32). Past kMaxSamples, only the fingerprints with more
//    leading zero bits are kept (both samples of a shared record stay alike).
//  - `ends`: light fingerprints of the first and last kEnds records (time, process, thread
//    and the message's length and ends), sorted: rotated logs that repeat a few records
//    at their seam share some, whatever the sample.
//  - `records`: how many; a sample of a small input says little.
struct RecordSketch {
  std::vector<uint64_t> sample, ends;
  uint64_t records = 0;
};

class RecordSampler : public RecordFilter {
 public:
  static constexpr size_t kMaxSamples = 1 << 16;
  static constexpr size_t kEnds = 64;

  bool Drop(const Record& r) override;  // samples; never drops
  const std::map<std::string, uint64_t>& dropped() const override { return none_; }
  // Adds the sampler of the records that follow this one's (the next range of one input):
  // the sketch taken after is the one a single sampler of all the records would give.
  void Join(const RecordSampler& next);
  RecordSketch Take();

 private:
  // Raises the level until at most kMaxSamples distinct fingerprints are kept. The sample
  // taken is therefore the fingerprints of the fewest leading zero bits that fit, whatever
  // the order in which they came (and however the records were split into ranges).
  void Prune();

  std::vector<uint64_t> sample_;
  int level_ = 0;  // leading zero bits a fingerprint must have to be kept
  std::vector<uint64_t> head_;
  uint64_t tail_[kEnds] = {};  // a ring: the last kEnds records
  uint64_t records_ = 0;
  std::map<std::string, uint64_t> none_;
};

// Folds `from` into `into`: the larger count, and the origin of `into` when it has one (the
// caller folds inputs in their order, so the first origin wins).
void FoldMax(const FingerprintMap& from, FingerprintMap* into);

}  // namespace loganalyze::internal

#endif  // LOGANALYZE_BUNDLE_COPIES_H_
