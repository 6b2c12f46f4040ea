// A deterministic generator of realistic MARS and DPM errlog text, for benchmarks and the
// comparison script. The same seed and options always give the same bytes.
#ifndef LOGANALYZE_BENCHMARKS_CORPUS_H_
#define LOGANALYZE_BENCHMARKS_CORPUS_H_

#include <cstdint>
#include <optional>
#include <string>

namespace loganalyze::bench {

// What the lines say: the shares of levels, coded lines and job markers (see corpus.cc for
// the exact shares of each).
enum class Mix {
  kRealistic,  // mostly NORMAL progress, a few % WARNING (a third with codes), rare errors
  kWorst,      // 30% WARNING, most with codes: the matcher sees far more records
};

// The column layout. 2016: PID TID date time module source pointer GUID LEVEL message.
// 2019: the same with one more (empty) column between the GUID and the level.
enum class Layout { k2016, k2019 };

struct CorpusOptions {
  uint64_t bytes = 64 << 20;   // approximate size of the text (UTF-8 bytes before encoding)
  uint64_t seed = 1;
  bool dpm = false;            // MSDPM/DPMRA-style lines instead of CBEngine lines
  Mix mix = Mix::kRealistic;
  Layout layout = Layout::k2016;
  // Overrides of the mix: the share of records carrying a knowledge-base code (WARNING
  // lines), and the share of records followed by a stack trace.
  std::optional<double> code_share;
  std::optional<double> continuation_share;
  // End with the CRITICAL "process will terminate" record and stack a crashing service
  // writes last.
  bool crash_tail = true;
  // Days after 12/01 of the first line (of a 28-day-month calendar): pieces of one log and
  // the rotated logs of a bundle follow on in time, as real ones do.
  int start_day = 0;
};

// What a generator call wrote, counted as it wrote it.
struct CorpusStats {
  enum Level { kNormal, kWarning, kError, kFatal, kCritical, kLevels };
  uint64_t bytes = 0;               // UTF-8 bytes
  uint64_t lines = 0;               // records plus continuation lines
  uint64_t records = 0;
  uint64_t continuation_lines = 0;  // stack lines after a record
  uint64_t continued_records = 0;   // records followed by continuation lines
  uint64_t levels[kLevels] = {};    // records per level
  uint64_t coded = 0;               // records whose message carries a knowledge-base code
  uint64_t job_markers = 0;         // progress, state-change and job-outcome records
  uint64_t empty_pointer = 0;       // records with an empty pointer column
  uint64_t managed = 0;             // records from a managed-code (.cs) source
  uint64_t no_guid = 0;             // records without a task GUID
  uint64_t crash_tails = 0;         // CRITICAL "process will terminate" records
};

// Appends errlog lines (CRLF, the column layout of the real logs) to `out` until it holds
// about `options.bytes` more bytes; adds what it wrote to the counts of `stats` when given.
void GenerateErrlog(const CorpusOptions& options, std::string* out,
                    CorpusStats* stats = nullptr);

// UTF-8 -> UTF-16LE with a BOM, as the products write their logs.
std::string ToUtf16Le(const std::string& utf8);

}  // namespace loganalyze::bench

#endif  // LOGANALYZE_BENCHMARKS_CORPUS_H_
