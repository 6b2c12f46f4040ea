// One input read in ranges, each on its own thread, and the ranges joined into what one read
// of the whole input gives: the reader's part (see aggregate/ranges.h for the analysis).
//
// A large errlog is cut at line starts that begin a record, so that no record and none of
// its continuation lines straddles two ranges. Each range is read by a pipeline of its own,
// with line numbers counted from 1 and years walked from its own first date. What a range
// cannot know alone is settled at the join:
//  - years: the year walk changes state only where the day changes, so each range keeps
//    its day changes (with the provisional years it gave them), and the join replays them,
//    in order, through one walk over the whole input. The difference between the two years
//    is the correction for that range; it must be the same for all of a range's changes
//    (it is unless the walk meets its bounds in a damaged log), else the join refuses;
//  - line numbers: the lines of the ranges before are added;
//  - the time range and the 02/29 records: joined with the range's correction.
// The join refuses (and the caller reads the input whole instead) whenever the parts might
// not add up to the whole: an input that is not a written errlog, a first range that ended
// before its format was decided, a range that could not be read to its end, too many day
// changes to keep.
#ifndef LOGANALYZE_PIPELINE_RANGES_H_
#define LOGANALYZE_PIPELINE_RANGES_H_

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "loganalyze/reader.h"
#include "parse/year_resolver.h"

namespace loganalyze::internal {

// The earliest and latest record times of an input, with the records dated 02/29 kept apart
// by provisional year: whether their date exists is known only when the input's year shift
// is (see YearResolver).
struct RecordTimes {
  struct Span {
    LogTime first, last;  // set together
    uint64_t count = 0;
    void Add(LogTime t) {  // t is set
      ++count;
      if (!first.is_set()) {
        first = last = t;
      } else if (t < first) {
        first = t;
      } else if (t > last) {
        last = t;
      }
    }
    void Add(const Span& s, int years);
  };
  Span all;                      // every dated record but those of 02/29
  std::map<int, Span> leap_days;  // those of 02/29, by provisional year

  void Add(LogTime t) {  // t is set
    if (t.month() == 2 && t.day() == 29) [[unlikely]] {
      leap_days[t.year()].Add(t);
    } else {
      all.Add(t);
    }
  }
  // Adds the times of a later range, `years` added to its provisional years.
  void Join(const RecordTimes& other, int years);
  // The earliest and latest times with `shift` years added, and how many records have a
  // date that does not exist then.
  void Finish(int shift, LogTime* first, LogTime* last, uint64_t* undated) const;
};

// The day changes a range's walk keeps at most; a range with more (a log whose dates jump
// back and forth on every line) is not joined.
inline constexpr size_t kMaxDayChanges = 1 << 16;

// Where a range starts, and what the head of the input decided for every range.
struct RangeSpec {
  // The offset of the range's first byte. The first range (0) is read as ReadLog reads an
  // input: BOM, encoding and format from its head. Any other starts at a line that begins
  // a record and is read as a written errlog in `encoding`.
  uint64_t begin = 0;
  Encoding encoding = Encoding::kUtf8;
  YearReference reference;  // of the whole input (ChooseYearReference), the same for all
};

// What one range leaves for the join, beside the records it gave its sink.
struct RangeRead {
  // Format, encoding, status, pasted layout; stats and impossible-date lines of the range
  // (line numbers from 1 at its start). No times, year shift, notes or content hash.
  InputSummary summary;
  bool written_errlog = false;  // read by the errlog parser, not as a pasted excerpt
  // The format was decided from lines of the range before its end, as one read of the whole
  // input decides it (the first range must also hold the head that the encoding and the
  // binary check look at: the caller cuts it at kSniffBytes or later).
  bool decided_within = false;
  std::vector<YearResolver::DayChange> days;
  bool days_overflow = false;
  RecordTimes times;  // provisional years of this range's walk
};

// Reads one range of an input: `source` yields the range's bytes and ends where it ends.
RangeRead ReadLogRange(ByteSource& source, const InputInfo& info, const ReadOptions& options,
                       const RangeSpec& spec, RecordSink& sink);

// The summary ReadLog would give for the whole input, from the reads of its ranges in order
// (`spec` as given to them), with no content hash (the caller hashes the whole input).
// `years[k]` receives the years to add to range k's provisional years to make them the
// whole input's, and `lines[k]` the lines before range k. Returns nullopt when the ranges
// cannot be joined (see above): the input must then be read whole.
std::optional<InputSummary> JoinRangeReads(const InputInfo& info, const RangeSpec& spec,
                                           const std::vector<RangeRead>& reads,
                                           std::vector<int>* years,
                                           std::vector<uint64_t>* lines);

}  // namespace loganalyze::internal

#endif  // LOGANALYZE_PIPELINE_RANGES_H_
