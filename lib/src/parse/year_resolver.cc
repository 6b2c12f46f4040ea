#include "parse/year_resolver.h"

#include <algorithm>
#include <cstdio>

#include "fmt/format.h"
#include "loganalyze/reader.h"

namespace loganalyze::internal {
namespace {
// A date that runs back by more than this starts the next year.
constexpr int kHalfYear = 183;
// A date a few days *before* the previous one, across New Year (12/31 after 01/01), is a
// late line of the old year; any other forward jump is a gap in the log, same year.
constexpr int kStrayDays = 7;
// Days of slack between the newest record and the reference date (clock skew, late flush).
constexpr int kSlackDays = 2;
// The walk stays within these years of the first record's: one year back (a late line of the
// old year first), two New Years forward. No log these products write spans more.
constexpr int kLowestLevel = -1;
constexpr int kHighestLevel = 2;
// How far Shift() may move an input back to put its 02/29 dates in a leap year.
constexpr int kMaxLeapShift = 3;

// Day of the year, 1..366, on a leap-year calendar so that 02/29 has a place.
int DayOfYear(int month, int day) {
  static constexpr int kBefore[13] = {0, 0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335};
  return kBefore[month] + day;
}

// 1990-01-01 and a day ahead of now: a modification time outside is not a log's.
constexpr int64_t kEarliestUsable = 631152000;
constexpr int64_t kDay = 86400;

std::string Date(int64_t unix) {
  int y, m, d;
  CivilFromUnix(unix, &y, &m, &d);
  return fmt::format("{:04}-{:02}-{:02}", y, m, d);
}

// Why a modification time cannot anchor the year, or "" when it can.
std::string Unusable(int64_t mtime, int64_t now) {
  if (mtime >= kEarliestUsable && mtime <= now + kDay) return std::string();
  if (mtime > now + kDay) return fmt::format("is in the future ({})", Date(mtime));
  if (mtime >= -kDay && mtime <= kDay) {
    return "is the Unix epoch (1970-01-01): the file carries no real time";
  }
  // 1980-01-01 in any time zone: the earliest time a zip entry can hold.
  if (mtime >= 315532800 - kDay && mtime <= 315532800 + kDay) {
    return "is 1980-01-01, the earliest time a zip can record: the archive kept no time";
  }
  return fmt::format("is {}, before any Azure Backup log was written", Date(mtime));
}

// The time stamp of a .Crash copy: "<log>.errlog.YYYY-MM-DD_HH-MM-SS.Crash", as Unix seconds.
std::optional<int64_t> CrashStamp(std::string_view name) {
  const size_t slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
  constexpr std::string_view kSuffix = ".crash";
  constexpr size_t kStampLength = 19;  // YYYY-MM-DD_HH-MM-SS
  if (name.size() < kSuffix.size() + kStampLength + 1) return std::nullopt;
  std::string tail(name.substr(name.size() - kSuffix.size()));
  for (char& c : tail) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (tail != kSuffix) return std::nullopt;
  const std::string stamp(name.substr(name.size() - kSuffix.size() - kStampLength, kStampLength));
  if (name[name.size() - kSuffix.size() - kStampLength - 1] != '.') return std::nullopt;
  int y, mo, d, h, mi, s;
  char tail_char;
  if (std::sscanf(stamp.c_str(), "%4d-%2d-%2d_%2d-%2d-%2d%c", &y, &mo, &d, &h, &mi, &s,
                  &tail_char) != 6 ||
      y < 1990 || y > 2200 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 ||
      s > 60) {
    return std::nullopt;
  }
  // Days from civil (Howard Hinnant's algorithm), then seconds.
  const int yy = y - (mo <= 2);
  const int64_t era = yy / 400;
  const int64_t yoe = yy - era * 400;
  const int64_t doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t days = era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
  return days * kDay + h * 3600 + mi * 60 + s;
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

YearReference ChooseYearReference(const InputInfo& info, const ReadOptions& options,
                                  int64_t now) {
  YearReference ref;
  if (options.year) {
    ref.year = options.year;
    ref.source = "--year";
    return ref;
  }
  if (const std::optional<int64_t> stamp = CrashStamp(info.name)) {
    ref.unix = *stamp;
    ref.source = "the date in the file name";
    return ref;
  }
  std::string why;
  if (info.mtime) {
    why = Unusable(*info.mtime, now);
    if (why.empty()) {
      ref.unix = *info.mtime;
      ref.source = "the modification time";
      return ref;
    }
    why = "its modification time " + why;
  } else {
    why = "it has no modification time";
  }
  if (info.archive_mtime && Unusable(*info.archive_mtime, now).empty()) {
    ref.unix = *info.archive_mtime;
    ref.source = "the archive's modification time";
  } else {
    ref.unix = now;
    ref.source = "the current date";
  }
  ref.fallback_note = fmt::format(
      "{}, so the year of its dates comes from {} ({}): its newest record is taken to be no "
      "later than that day. Give --year if that is wrong",
      why, ref.source, Date(ref.unix));
  return ref;
}

YearResolver::YearResolver(const YearReference& reference) : year_of_newest_(reference.year) {
  CivilFromUnix(reference.unix, &ref_year_, &ref_month_, &ref_day_);
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
    year_ = first_year_ = min_year_ = max_year_ = YearForReference(month, day);
  } else if (key + kHalfYear < prev_key_) {
    // Back by more than half a year: a New Year, unless the walk has reached its bound.
    if (year_ - first_year_ < kHighestLevel) {
      ++year_;
    } else {
      ++disorder_;
      if (first_disorder_.empty()) {
        first_disorder_ = fmt::format("{:02}/{:02} to {:02}/{:02}", last_month_, last_day_,
                                      month, day);
      }
    }
  } else if (key > prev_key_ + 366 - kStrayDays) {
    if (year_ - first_year_ > kLowestLevel) --year_;
  } else if (key + 1 < prev_key_) {
    // Back by more than a day within the year: no single log runs backwards like this.
    ++disorder_;
    if (first_disorder_.empty()) {
      first_disorder_ =
          fmt::format("{:02}/{:02} to {:02}/{:02}", last_month_, last_day_, month, day);
    }
  }
  prev_key_ = key;
  last_month_ = month;
  last_day_ = day;
  min_year_ = std::min(min_year_, year_);
  max_year_ = std::max(max_year_, year_);
  if (year_ > newest_year_ || (year_ == newest_year_ && key > newest_key_)) {
    newest_year_ = year_;
    newest_key_ = key;
    newest_month_ = month;
    newest_day_ = day;
  }
  if (month == 2 && day == 29 &&
      std::find(leap_day_years_.begin(), leap_day_years_.end(), year_) ==
          leap_day_years_.end()) {
    leap_day_years_.push_back(year_);
  }
  if (keep_changes_ > 0) {
    if (changes_.size() < keep_changes_) {
      changes_.push_back({month, day, year_});
    } else {
      changes_overflow_ = true;
    }
  }
  return year_;
}

int YearResolver::BaseShift() const {
  if (!started_) return 0;
  return YearForReference(newest_month_, newest_day_) - newest_year_;
}

int YearResolver::Shift() const {
  const int base = BaseShift();
  if (year_of_newest_ || leap_day_years_.empty()) return base;
  for (int back = 0; back <= kMaxLeapShift; ++back) {
    bool all = true;
    for (int y : leap_day_years_) all = all && IsLeapYear(y + base - back);
    if (all) return base - back;
  }
  return base;  // no shift puts them all in leap years: the caller leaves them undated
}

}  // namespace loganalyze::internal
