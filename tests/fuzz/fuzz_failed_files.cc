// The failed-files parser: item lines split into a path and a code that are views of the
// line, names give a valid date or none, and ReadLog over a list balances its accounting
// and gives the same records whatever the chunk size.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/fuzz_check.h"
#include "loganalyze/reader.h"
#include "parse/failed_files_parser.h"
#include "test_util.h"

namespace {

bool Inside(std::string_view part, std::string_view whole) {
  return part.empty() ||
         (part.data() >= whole.data() && part.data() + part.size() <= whole.data() + whole.size());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes = loganalyze::fuzz::Bytes(data, size);

  // The first line doubles as a file name.
  const std::string_view first = bytes.substr(0, bytes.find('\n'));
  const loganalyze::LogTime date = loganalyze::internal::DateFromFailedFilesName(first);
  if (date.is_set()) {
    FUZZ_CHECK(date.month() >= 1 && date.month() <= 12 && date.day() >= 1 && date.day() <= 31);
    FUZZ_CHECK(date.millis_of_day() == 0);
  }

  size_t start = 0;
  while (start <= bytes.size()) {
    size_t end = bytes.find('\n', start);
    if (end == std::string_view::npos) end = bytes.size();
    const std::string_view line = bytes.substr(start, end - start);
    std::string_view path, code;
    const bool split = loganalyze::internal::SplitFailedItem(line, &path, &code);
    FUZZ_CHECK(Inside(path, line));
    FUZZ_CHECK(Inside(code, line));
    FUZZ_CHECK(split == !code.empty());
    (void)loganalyze::internal::IsFailedFilesHeader(line);
    start = end + 1;
  }

  loganalyze::InputInfo info;
  info.name = "LastBackupFailedFiles17af1_1_4_2026_1230.txt";
  loganalyze::ReadOptions options;
  options.chunk_bytes = 64 * 1024;
  const loganalyze::testing::ReadResult whole =
      loganalyze::testing::ReadBytes(bytes, info, options);
  const loganalyze::InputStats& s = whole.summary.stats;
  if (whole.summary.skipped.empty()) {
    // Analysed: every byte and line accounted for (a skipped input read its head only).
    FUZZ_CHECK(s.Balanced());
    FUZZ_CHECK(s.bytes == bytes.size());
    FUZZ_CHECK(whole.summary.format == loganalyze::Format::kFailedFiles);
    FUZZ_CHECK(s.records == whole.records.size());
    for (const auto& r : whole.records) {
      FUZZ_CHECK(r.time == "2026-01-04T00:00:00.000");
      FUZZ_CHECK(r.message.find(r.path) != std::string::npos);
    }
  }
  options.chunk_bytes = 1;
  const loganalyze::testing::ReadResult bytewise =
      loganalyze::testing::ReadBytes(bytes, info, options);
  FUZZ_CHECK(bytewise.records == whole.records);
  FUZZ_CHECK(bytewise.summary.stats.lines == s.lines);
  FUZZ_CHECK(bytewise.summary.stats.records == s.records);
  return 0;
}
