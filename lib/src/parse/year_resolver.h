// YearResolver: gives yearless MM/DD dates a year, streaming forwards.
#ifndef LOGANALYZE_PARSE_YEAR_RESOLVER_H_
#define LOGANALYZE_PARSE_YEAR_RESOLVER_H_

#include <cstdint>
#include <optional>

namespace loganalyze::internal {

// The newest record of an input is dated no later than its modification time (`mtime`,
// Unix seconds), or lies in `year_of_newest` when that is given. Walking forwards, a date
// that jumps back by more than half a year starts the next year (a log that spans New Year),
// and one that jumps forward by more than half a year steps back a year (a stray older line).
//
// The year of the newest record is known only at the end, so records get a provisional year
// anchored on the first date; Shift() is the correction, 0 unless the log spans more than a
// year or `mtime` is inconsistent with it.
class YearResolver {
 public:
  YearResolver(std::optional<int> year_of_newest, std::optional<int64_t> mtime, int64_t now);

  // The provisional year of the next record, dated `month`/`day`.
  int Next(int month, int day) {
    // Most records are dated the same day as the one before.
    if (started_ && month == last_month_ && day == last_day_) return year_;
    return NextDay(month, day);
  }
  // The correction to add to every provisional year. Call after the last Next().
  int Shift() const;

 private:
  int YearForReference(int month, int day) const;
  int NextDay(int month, int day);

  std::optional<int> year_of_newest_;
  int ref_year_, ref_month_, ref_day_;  // the reference date (mtime or now), UTC
  bool started_ = false;
  int year_ = 0;
  int prev_key_ = 0;  // day of the year of the previous record
  int last_month_ = 0, last_day_ = 0;
};

// Civil date (UTC) of Unix seconds.
void CivilFromUnix(int64_t seconds, int* year, int* month, int* day);

}  // namespace loganalyze::internal

#endif  // LOGANALYZE_PARSE_YEAR_RESOLVER_H_
