// A deterministic generator of realistic MARS and DPM errlog text, for benchmarks and the
// comparison script. The same seed and size always give the same bytes.
#ifndef LOGANALYZE_BENCHMARKS_CORPUS_H_
#define LOGANALYZE_BENCHMARKS_CORPUS_H_

#include <cstdint>
#include <string>

namespace loganalyze::bench {

struct CorpusOptions {
  uint64_t bytes = 64 << 20;   // approximate size of the text (UTF-8 bytes before encoding)
  uint64_t seed = 1;
  bool dpm = false;            // MSDPM/DPMRA-style lines instead of CBEngine lines
  double code_share = 0.01;    // share of lines carrying a knowledge-base code
  double continuation_share = 0.002;  // share of records followed by a stack trace
  // Days after 12/01 of the first line (of a 28-day-month calendar): pieces of one log and
  // the rotated logs of a bundle follow on in time, as real ones do.
  int start_day = 0;
};

// Appends errlog lines (CRLF, the column layout of the real logs) to `out` until it holds
// about `options.bytes` bytes.
void GenerateErrlog(const CorpusOptions& options, std::string* out);

// UTF-8 -> UTF-16LE with a BOM, as the products write their logs.
std::string ToUtf16Le(const std::string& utf8);

}  // namespace loganalyze::bench

#endif  // LOGANALYZE_BENCHMARKS_CORPUS_H_
