#include "parse/year_resolver.h"

namespace loganalyze::internal {
namespace {
// A date that runs back by more than this starts the next year.
constexpr int kHalfYear = 183;
// A date a few days *before* the previous one, across New Year (12/31 after 01/01), is a
// late line of the old year; any other forward jump is a gap in the log, same year.
constexpr int kStrayDays = 7;
// Days of slack between the newest record and the reference date (clock skew, late flush).
constexpr int kSlackDays = 2;

// Day of the year, 1..366, on a leap-year calendar so that 02/29 has a place.
int DayOfYear(int month, int day) {
  static constexpr int kBefore[13] = {0, 0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335};
  return kBefore[month] + day;
}
}  // namespace

void CivilFromUnix(int64_t seconds, int* year, int* month, int* day) {
  // Howard Hinnant's days-to-civil algorithm.
  int64_t z = (seconds >= 0 ? seconds : seconds - 86399) / 86400 + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  *day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *year = static_cast<int>(yoe + era * 400 + (*month <= 2));
}

YearResolver::YearResolver(std::optional<int> year_of_newest, std::optional<int64_t> mtime,
                           int64_t now)
    : year_of_newest_(year_of_newest) {
  CivilFromUnix(mtime.value_or(now), &ref_year_, &ref_month_, &ref_day_);
}

int YearResolver::YearForReference(int month, int day) const {
  if (year_of_newest_) return *year_of_newest_;
  return DayOfYear(month, day) <= DayOfYear(ref_month_, ref_day_) + kSlackDays ? ref_year_
                                                                             : ref_year_ - 1;
}

int YearResolver::NextDay(int month, int day) {
  const int key = DayOfYear(month, day);
  if (!started_) {
    started_ = true;
    year_ = YearForReference(month, day);
  } else if (key + kHalfYear < prev_key_) {
    ++year_;
  } else if (key > prev_key_ + 366 - kStrayDays) {
    --year_;
  }
  prev_key_ = key;
  last_month_ = month;
  last_day_ = day;
  return year_;
}

int YearResolver::Shift() const {
  if (!started_) return 0;
  return YearForReference(last_month_, last_day_) - year_;
}

}  // namespace loganalyze::internal
