// Helpers shared by the tests: encoders for test inputs and a sink that keeps records.
#ifndef LOGANALYZE_TESTS_TEST_UTIL_H_
#define LOGANALYZE_TESTS_TEST_UTIL_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "loganalyze/reader.h"
#include "loganalyze/record.h"

namespace loganalyze::testing {

// UTF-8 (valid) -> UTF-16 bytes, little or big endian, optionally with a BOM.
inline std::string ToUtf16(std::string_view utf8, bool little_endian = true, bool bom = true) {
  std::u32string cps;
  for (size_t i = 0; i < utf8.size();) {
    const auto b = static_cast<unsigned char>(utf8[i]);
    uint32_t cp;
    int len;
    if (b < 0x80) {
      cp = b, len = 1;
    } else if (b < 0xE0) {
      cp = b & 0x1F, len = 2;
    } else if (b < 0xF0) {
      cp = b & 0x0F, len = 3;
    } else {
      cp = b & 0x07, len = 4;
    }
    for (int k = 1; k < len; ++k) cp = cp << 6 | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
    cps.push_back(cp);
    i += len;
  }
  std::string out;
  auto put = [&](uint16_t u) {
    const char hi = static_cast<char>(u >> 8), lo = static_cast<char>(u & 0xFF);
    if (little_endian) {
      out.push_back(lo), out.push_back(hi);
    } else {
      out.push_back(hi), out.push_back(lo);
    }
  };
  if (bom) put(0xFEFF);
  for (uint32_t cp : cps) {
    if (cp >= 0x10000) {
      put(static_cast<uint16_t>(0xD800 + ((cp - 0x10000) >> 10)));
      put(static_cast<uint16_t>(0xDC00 + ((cp - 0x10000) & 0x3FF)));
    } else {
      put(static_cast<uint16_t>(cp));
    }
  }
  return out;
}

// An owned copy of a Record.
struct OwnedRecord {
  uint64_t line = 0, offset = 0;
  uint32_t line_count = 0;
  bool truncated = false;
  Format format = Format::kText;
  Level level = Level::kNone;
  std::string time;
  std::string pid, tid, module, source, object, task_id, message, path, code;

  bool operator==(const OwnedRecord&) const = default;
};

class CollectingSink : public RecordSink {
 public:
  void OnRecord(const Record& r) override {
    records.push_back(OwnedRecord{r.line, r.offset, r.line_count, r.truncated, r.format,
                                  r.level, r.time.ToString(), std::string(r.pid),
                                  std::string(r.tid), std::string(r.module),
                                  std::string(r.source), std::string(r.object),
                                  std::string(r.task_id), std::string(r.message),
                                  std::string(r.path), std::string(r.code)});
  }
  std::vector<OwnedRecord> records;
};

struct ReadResult {
  InputSummary summary;
  std::vector<OwnedRecord> records;
};

inline ReadResult ReadBytes(std::string_view bytes, InputInfo info, ReadOptions options = {}) {
  auto source = MemorySource(bytes);
  CollectingSink sink;
  ReadResult r;
  r.summary = ReadLog(*source, info, options, sink);
  r.records = std::move(sink.records);
  return r;
}

// Unix seconds of a UTC civil date (for modification times in tests).
inline int64_t UnixSeconds(int y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return (era * 146097 + doe - 719468) * 86400;
}

}  // namespace loganalyze::testing

#endif  // LOGANALYZE_TESTS_TEST_UTIL_H_
