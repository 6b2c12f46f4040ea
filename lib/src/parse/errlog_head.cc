#include "parse/errlog_head.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "parse/errlog_fields.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace loganalyze::internal {
namespace {

// Which dates the general parser accepts: those that exist in some year, or (for
// ErrlogHeadHasImpossibleDate) any date of the right shape.
enum class DateRule : uint8_t { kExists, kAnyShape };

// Splits fields on tabs. The positions of the tabs in the first 128 bytes (where the columns
// are) are found at once, 16 bytes at a time with SSE2 where the compiler has it; a plain
// loop elsewhere. This runs for every line of every log.
class FieldCursor {
 public:
  explicit FieldCursor(std::string_view line) : line_(line) {
    const size_t n = std::min<size_t>(line.size(), kScan);
    size_t i = 0;
#if defined(__SSE2__)
    const __m128i tab = _mm_set1_epi8('\t');
    for (; i + 16 <= n; i += 16) {
      const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(line.data() + i));
      uint32_t bits = static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, tab)));
      while (bits != 0 && count_ < kMaxTabs) {
        tabs_[count_++] = static_cast<uint16_t>(i + static_cast<size_t>(__builtin_ctz(bits)));
        bits &= bits - 1;
      }
    }
#endif
    for (; i < n && count_ < kMaxTabs; ++i) {
      if (line[i] == '\t') tabs_[count_++] = static_cast<uint16_t>(i);
    }
    // Past the scanned head (a long source name) or past kMaxTabs, Next() asks memchr.
    scanned_ = count_ == kMaxTabs ? tabs_[kMaxTabs - 1] + 1 : n;
  }
  bool done() const { return pos_ > line_.size(); }
  size_t pos() const { return pos_; }
  std::string_view Next() {
    const size_t start = pos_;
    size_t end;
    if (next_ < count_) {
      end = tabs_[next_++];
    } else if (scanned_ >= line_.size()) {
      end = line_.size();
    } else {
      const size_t from = std::max(start, scanned_);
      const void* t = std::memchr(line_.data() + from, '\t', line_.size() - from);
      end = t ? static_cast<size_t>(static_cast<const char*>(t) - line_.data()) : line_.size();
    }
    pos_ = end + 1;
    return line_.substr(start, end - start);
  }

 private:
  static constexpr size_t kScan = 160;
  static constexpr size_t kMaxTabs = 16;
  std::string_view line_;
  uint16_t tabs_[kMaxTabs];
  size_t count_ = 0, next_ = 0;
  size_t scanned_ = 0;
  size_t pos_ = 0;
};

}  // namespace

namespace {

// A word of 4 to 8 bytes as one integer: its first four bytes and its last four (they
// overlap in a shorter word), so that a level word is found with one or two integer
// compares and no call. The same value for a constant word, at compile time.
constexpr uint64_t WordKey(const char* p, size_t n) {
  uint64_t lo = 0, hi = 0;
  for (size_t k = 0; k < 4; ++k) {
    lo |= uint64_t{static_cast<uint8_t>(p[k])} << (8 * k);
    hi |= uint64_t{static_cast<uint8_t>(p[n - 4 + k])} << (8 * k);
  }
  return lo | hi << 32;
}
inline uint64_t LoadWordKey(const char* p, size_t n) {
  uint32_t lo, hi;
  std::memcpy(&lo, p, 4);
  std::memcpy(&hi, p + n - 4, 4);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  lo = __builtin_bswap32(lo);
  hi = __builtin_bswap32(hi);
#endif
  return uint64_t{lo} | uint64_t{hi} << 32;
}
template <size_t N>
constexpr uint64_t KeyOf(const char (&word)[N]) {
  return WordKey(word, N - 1);
}

// The level word of `n` bytes at `p`: this runs for every field between the source and the
// level of every line.
inline Level LevelAt(const char* p, size_t n) {
  if (n < 4 || n > 8) return Level::kNone;
  const uint64_t key = LoadWordKey(p, n);
  switch (n) {
    case 4:
      if (key == KeyOf("INFO")) return Level::kInfo;
      if (key == KeyOf("PERF")) return Level::kPerf;
      break;
    case 5:
      if (key == KeyOf("ERROR")) return Level::kError;
      if (key == KeyOf("FATAL")) return Level::kFatal;
      break;
    case 6:
      if (key == KeyOf("NORMAL")) return Level::kInfo;
      break;
    case 7:
      if (key == KeyOf("WARNING")) return Level::kWarning;
      if (key == KeyOf("VERBOSE")) return Level::kVerbose;
      break;
    default:  // 8
      if (key == KeyOf("CRITICAL")) return Level::kCritical;
      if (key == KeyOf("ACTIVITY")) return Level::kActivity;
      break;
  }
  return Level::kNone;
}

}  // namespace

Level LevelFromWord(std::string_view w) { return LevelAt(w.data(), w.size()); }

namespace {

bool ParseDate(std::string_view s, DateRule rule, int* month, int* day) {
  return ParseDateShape(s, month, day) && (rule == DateRule::kAnyShape || DateExists(*month, *day));
}

bool ParseGeneral(std::string_view line, DateRule rule, ErrlogHead* head) {
  // Cheap rejection: a record starts with a hex digit (PID) or a digit (date).
  if (line.size() < 18 || !IsHexDigit(line[0])) return false;
  FieldCursor f(line);
  *head = ErrlogHead();
  std::string_view field = f.Next();
  if (!ParseDate(field, rule, &head->month, &head->day)) {
    if (!IsHex(field, 1, 8) || f.done()) return false;
    head->pid = field;
    field = f.Next();
    if (!IsHex(field, 1, 8) || f.done()) return false;
    head->tid = field;
    field = f.Next();
    if (!ParseDate(field, rule, &head->month, &head->day)) return false;
  }
  if (f.done() || !ParseTime(f.Next(), &head->millis_of_day) || f.done()) return false;
  field = f.Next();
  if (!field.empty() && field.size() <= 4 && !f.done()) {
    bool alnum = true;
    for (char c : field) alnum = alnum && IsAlnum(c);
    if (alnum) {
      head->module = field;
      field = f.Next();
    }
  }
  head->source = field;
  size_t message_pos = f.pos();
  bool message_set = false;
  for (int i = 0; i < kMaxFieldsBeforeLevel && !f.done(); ++i) {
    const size_t field_pos = f.pos();
    field = f.Next();
    const Level level = LevelFromWord(field);
    if (level != Level::kNone) {
      head->level = level;
      head->message_pos = f.done() ? line.size() : f.pos();
      return true;
    }
    if (FileKnownField(field, head)) continue;
    if (!message_set) {
      // An unknown column: if no level word follows, the message starts here.
      message_pos = field_pos;
      message_set = true;
    }
  }
  // No level word: still a record (the head matched); keep everything unclassified.
  head->message_pos = message_set ? message_pos : std::min(f.pos(), line.size());
  return true;
}

}  // namespace

bool ParseErrlogHeadGeneral(std::string_view line, ErrlogHead* head) {
  return ParseGeneral(line, DateRule::kExists, head);
}

bool ErrlogHeadHasImpossibleDate(std::string_view line) {
  ErrlogHead head;
  return ParseGeneral(line, DateRule::kAnyShape, &head) && !DateExists(head.month, head.day);
}

namespace {

constexpr size_t kTabWindow = 128;

// The tabs among the first 128 bytes of a line, as a bit set consumed front to back: the
// field boundaries of the head, found with a few vector compares instead of a scan per
// field. Requires line.size() >= 16.
class TabBits {
 public:
  explicit TabBits(std::string_view line) {
    const size_t n = std::min(line.size(), kTabWindow);
    whole_line_ = n == line.size();
    const char* p = line.data();
#if defined(__SSE2__)
    const __m128i tab = _mm_set1_epi8('\t');
    auto bits = [&](size_t at) -> uint64_t {  // the tabs of the 16 bytes at `at`
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + at));
      return static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, tab)));
    };
    if (n == kTabWindow) {
      // The usual line: eight blocks at fixed places, no tail.
      lo_ = bits(0) | bits(16) << 16 | bits(32) << 32 | bits(48) << 48;
      hi_ = bits(64) | bits(80) << 16 | bits(96) << 32 | bits(112) << 48;
      return;
    }
    size_t i = 0;
    for (; i + 16 <= n; i += 16) Or(i, bits(i));
    if (i < n) Or(n - 16, bits(n - 16));  // the tail, loaded overlapping the block before it
#else
    for (size_t i = 0; i < n; ++i) {
      if (p[i] == '\t') Or(i, 1);
    }
#endif
  }

  // The position of the next tab, or -1 when there is none in the window.
  int Next() {
    if (lo_ != 0) {
      const int t = __builtin_ctzll(lo_);
      lo_ &= lo_ - 1;
      return t;
    }
    if (hi_ != 0) {
      const int t = 64 + __builtin_ctzll(hi_);
      hi_ &= hi_ - 1;
      return t;
    }
    return -1;
  }
  // Whether the window covered the whole line (so -1 means "no more tabs at all").
  bool whole_line() const { return whole_line_; }

 private:
  void Or(size_t at, uint64_t bits16) {
    if (at < 64) {
      lo_ |= bits16 << at;
      if (at > 48) hi_ |= bits16 >> (64 - at);
    } else {
      hi_ |= bits16 << (at - 64);
    }
  }
  uint64_t lo_ = 0, hi_ = 0;
  bool whole_line_ = false;
};

// "MM/DD\tHH:MM:SS.mmm": the shape only; the ranges are checked by the caller.
inline bool DateTimeShape(const char* d) {
#if defined(__SSE2__)
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(d));
  const __m128i digit =
      _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('/')), _mm_cmplt_epi8(v, _mm_set1_epi8(':')));
  const __m128i punct =
      _mm_cmpeq_epi8(v, _mm_setr_epi8(0, 0, '/', 0, 0, '\t', 0, 0, ':', 0, 0, ':', 0, 0, '.', 0));
  constexpr int kDigits = 0b1011011011011011;  // bytes 0 1 3 4 6 7 9 10 12 13 15
  constexpr int kPunct = 0b0100100100100100;   // bytes 2 5 8 11 14
  return (_mm_movemask_epi8(digit) & kDigits) == kDigits &&
         (_mm_movemask_epi8(punct) & kPunct) == kPunct && IsDigit(d[16]) && IsDigit(d[17]);
#else
  return IsDigit(d[0]) && IsDigit(d[1]) && d[2] == '/' && IsDigit(d[3]) && IsDigit(d[4]) &&
         d[5] == '\t' && IsDigit(d[6]) && IsDigit(d[7]) && d[8] == ':' && IsDigit(d[9]) &&
         IsDigit(d[10]) && d[11] == ':' && IsDigit(d[12]) && IsDigit(d[13]) && d[14] == '.' &&
         IsDigit(d[15]) && IsDigit(d[16]) && IsDigit(d[17]);
#endif
}

// The layout nearly every line of MARS and DPM logs has:
//   PID \t TID \t MM/DD \t HH:MM:SS.mmm \t NN \t source \t {[obj] | GUID | ""}* \t LEVEL ...
// with its field boundaries taken from TabBits. Returns false on the first thing outside
// that shape, or when the head reaches past the window; the caller then runs the general
// parser, which decides. Whenever this returns true, its result is the general parser's
// (tests/errlog_head_test.cc and the errlog fuzz target compare the two).
bool ParseCommonLayout(std::string_view line, ErrlogHead* head) {
  const char* const s = line.data();
  TabBits tabs(line);
  // Written in place: on failure the general parser starts `head` afresh.
  ErrlogHead& h = *head;
  h.object = std::string_view();
  h.task_id = std::string_view();
  const int t0 = tabs.Next();  // PID: 1..8 hex digits
  if (t0 < 1 || t0 > 8 || !AllHex(s, t0)) return false;
  const int t1 = tabs.Next();  // TID: 1..8 hex digits
  const int tid_len = t1 - t0 - 1;
  if (tid_len < 1 || tid_len > 8 || !AllHex(s + t0 + 1, tid_len)) return false;
  // "MM/DD\tHH:MM:SS.mmm\t": the next two tabs 6 and 19 bytes on, nothing else between.
  if (tabs.Next() != t1 + 6 || tabs.Next() != t1 + 19) return false;
  const char* d = s + t1 + 1;
  if (!DateTimeShape(d)) return false;
  h.month = TwoDigits(d);
  h.day = TwoDigits(d + 3);
  const int hh = TwoDigits(d + 6), mm = TwoDigits(d + 9), ss = TwoDigits(d + 12);
  // A date that no year has (04/31, 13/01) is left to the general parser, which rejects it.
  if (h.day < 1 || h.day > kLastDay[h.month] || hh > 23 || mm > 59 || ss > 60) return false;
  h.millis_of_day = ((hh * 60 + mm) * 60 + ss) * 1000 + TwoDigits(d + 15) * 10 + (d[17] - '0');
  const int t3 = t1 + 19;
  const int t4 = tabs.Next();  // module: 1..4 letters or digits
  const int module_len = t4 - t3 - 1;
  if (module_len < 1 || module_len > 4) return false;
  for (int k = t3 + 1; k < t4; ++k) {
    if (!IsAlnum(s[k])) return false;
  }
  const int t5 = tabs.Next();  // source: anything
  if (t5 < 0) return false;
  h.pid = std::string_view(s, static_cast<size_t>(t0));
  h.tid = std::string_view(s + t0 + 1, static_cast<size_t>(tid_len));
  h.module = std::string_view(s + t3 + 1, static_cast<size_t>(module_len));
  h.source = std::string_view(s + t4 + 1, static_cast<size_t>(t5 - t4 - 1));
  // Empty fields, one object pointer and one GUID, in any order, then the level word.
  size_t p = static_cast<size_t>(t5) + 1;
  for (int i = 0; i < kMaxFieldsBeforeLevel && p < line.size(); ++i) {
    const int t = tabs.Next();
    if (t < 0 && !tabs.whole_line()) return false;
    const size_t q = t < 0 ? line.size() : static_cast<size_t>(t);
    const std::string_view field(s + p, q - p);
    if (const Level level = LevelAt(field.data(), field.size()); level != Level::kNone) {
      h.level = level;
      h.message_pos = t < 0 ? line.size() : q + 1;
      return true;
    }
    if (t < 0 || !FileKnownField(field, &h)) return false;
    p = q + 1;
  }
  return false;
}

}  // namespace

bool ParseErrlogHead(std::string_view line, ErrlogHead* head) {
  if (line.size() < 18 || !IsHexDigit(line[0])) return false;
  return ParseCommonLayout(line, head) || ParseErrlogHeadGeneral(line, head);
}

}  // namespace loganalyze::internal
