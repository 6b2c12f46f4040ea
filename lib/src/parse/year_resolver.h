// YearResolver: gives yearless MM/DD dates a year, streaming forwards.
#ifndef LOGANALYZE_PARSE_YEAR_RESOLVER_H_
#define LOGANALYZE_PARSE_YEAR_RESOLVER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace loganalyze {
struct InputInfo;
struct ReadOptions;
}  // namespace loganalyze

namespace loganalyze::internal {

// What the year of an input's records is anchored on: its newest record is dated no later
// than `unix` (a modification time, the stamp in a .Crash name, ...), or lies in `year` when
// the user said so.
struct YearReference {
  std::optional<int> year;      // ReadOptions::year
  int64_t unix = 0;             // used when `year` is unset
  std::string source;           // "the modification time", "the date in the file name", ...
  // Set when the input's own modification time could not be used: why, and what was used.
  std::string fallback_note;
};

// Chooses the reference of an input, in order: ReadOptions::year; the stamp of a .Crash copy's
// name (`X.errlog.2026-01-04_20-55-45.Crash`, the time of its last line); its modification
// time; the modification time of the archive holding it; the current time `now`. A
// modification time is not used when it is the Unix epoch, the zip format's earliest time
// (1980-01-01), any time before 1990 (before these products existed), or more than a day in
// the future; the note then says so.
YearReference ChooseYearReference(const InputInfo& info, const ReadOptions& options,
                                  int64_t now);

// The newest record of an input lies no later than the reference date, or in the reference
// year when one is given. Walking forwards, a date that jumps back by more than half a year
// starts the next year (a log that spans New Year); one that jumps forward by more than
// 359 days steps back a year (a late line of the old year). The walk is bounded: an input's
// dates span at most four calendar years (one step back, two New Years), so logs whose dates
// run out of order (pasted together, damaged) cannot drift by centuries; such dates are
// counted as out of order.
//
// The year of the newest record is known only at the end, so records get a provisional year
// anchored on the first date; Shift() is the correction, 0 unless the log spans more than a
// year or its dates run out of order. Unless the year is given, Shift() prefers a year in
// which every 02/29 the input holds exists (a log copied in a later year keeps its real
// leap year); whether a record's final date exists is for the caller to check.
class YearResolver {
 public:
  explicit YearResolver(const YearReference& reference);
  // `year_of_newest` as ReadOptions::year; otherwise the reference is `mtime`, or `now`.
  YearResolver(std::optional<int> year_of_newest, std::optional<int64_t> mtime, int64_t now);

  // The provisional year of the next record, dated `month`/`day`.
  int Next(int month, int day) {
    // Most records are dated the same day as the one before.
    if (started_ && month == last_month_ && day == last_day_) return year_;
    return NextDay(month, day);
  }
  // The correction to add to every provisional year. Call after the last Next().
  int Shift() const;

  // Backward jumps of more than a day that are not a New Year, plus New Years past the bound.
  uint64_t disorder() const { return disorder_; }
  // The first such jump, as "MM/DD to MM/DD"; empty when there was none.
  const std::string& first_disorder() const { return first_disorder_; }
  // The lowest and highest provisional years given (0 before any Next()).
  int min_year() const { return min_year_; }
  int max_year() const { return max_year_; }
  // How many years Shift() moved the input back so that its 02/29 dates exist (0 mostly).
  int leap_day_shift() const { return BaseShift() - Shift(); }

  // A date where the walk's day changed, with the provisional year it was given.
  struct DayChange {
    int month, day, year;
  };
  // Keeps the day changes, up to `max` of them (see day_changes_overflow()). The walk's state
  // changes only at a day change, so another resolver fed the same changes, in the same
  // order, ends in the same state: this is how the ranges of one input, read apart, are
  // given the years one walk over the whole input would give (ranges.h).
  void KeepDayChanges(size_t max) { keep_changes_ = max; }
  const std::vector<DayChange>& day_changes() const { return changes_; }
  bool day_changes_overflow() const { return changes_overflow_; }

 private:
  int YearForReference(int month, int day) const;
  int NextDay(int month, int day);
  int BaseShift() const;

  std::optional<int> year_of_newest_;
  int ref_year_, ref_month_, ref_day_;  // the reference date, UTC
  bool started_ = false;
  int year_ = 0;
  int first_year_ = 0;
  int prev_key_ = 0;  // day of the year of the previous record
  int last_month_ = 0, last_day_ = 0;
  // The newest date given, by (provisional year, day of the year).
  int newest_year_ = 0, newest_key_ = 0, newest_month_ = 0, newest_day_ = 0;
  int min_year_ = 0, max_year_ = 0;
  uint64_t disorder_ = 0;
  std::string first_disorder_;
  std::vector<int> leap_day_years_;  // provisional years of the 02/29 dates, without repeats
  size_t keep_changes_ = 0;
  std::vector<DayChange> changes_;
  bool changes_overflow_ = false;
};

// Civil date (UTC) of Unix seconds.
void CivilFromUnix(int64_t seconds, int* year, int* month, int* day);
// Whether 02/29 exists in `year` (Gregorian).
constexpr bool IsLeapYear(int year) {
  return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

}  // namespace loganalyze::internal

#endif  // LOGANALYZE_PARSE_YEAR_RESOLVER_H_
