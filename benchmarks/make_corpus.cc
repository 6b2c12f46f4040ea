// make_corpus: writes the benchmark corpus.
//   make_corpus OUT SIZE [OPTIONS]              one file of about SIZE bytes
//   make_corpus --bundle DIR FILES SIZE [OPTIONS] FILES files (MARS and DPM), SIZE each
// OPTIONS: --utf16 (UTF-16LE with a BOM), --dpm (MSDPM lines; single file only),
// --seed N, --mix realistic|worst, --layout 2016|2019, --stats (the measured shares of what
// was written, on stdout). SIZE accepts K, M and G suffixes (powers of 1024).
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>

#include "corpus.h"

namespace {

using loganalyze::bench::CorpusOptions;
using loganalyze::bench::CorpusStats;

uint64_t ParseSize(const std::string& s) {
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  switch (end && *end ? *end : ' ') {
    case 'K': case 'k': v *= 1024; break;
    case 'M': case 'm': v *= 1024 * 1024; break;
    case 'G': case 'g': v *= 1024.0 * 1024 * 1024; break;
    default: break;
  }
  return static_cast<uint64_t>(v);
}

// Writes about `bytes` of corpus to `path`, 64 MiB at a time so memory stays small; each
// piece ends with a crash tail, so one file has one every 64 MiB and one at its end.
// `options.start_day`: days after 12/01 of the first line; each piece starts a day later (a
// piece spans about half a day of log time), so that the dates of one file run forwards.
bool Write(const std::string& path, uint64_t bytes, bool utf16, CorpusOptions options,
           CorpusStats* stats) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) {
    std::perror(path.c_str());
    return false;
  }
  const uint64_t piece = uint64_t{64} << 20;
  const uint64_t text_bytes = utf16 ? bytes / 2 : bytes;
  const uint64_t seed = options.seed;
  const int first_day = options.start_day;
  bool first = true;
  for (uint64_t done = 0, i = 0; done < text_bytes; ++i) {
    CorpusOptions o = options;
    o.bytes = std::min(piece, text_bytes - done);
    o.seed = seed * 1000003 + i;
    o.start_day = first_day + static_cast<int>(i);
    std::string text;
    loganalyze::bench::GenerateErrlog(o, &text, stats);
    done += text.size();
    std::string bytes_out = utf16 ? loganalyze::bench::ToUtf16Le(text) : text;
    if (utf16 && !first) bytes_out.erase(0, 2);  // one BOM per file
    first = false;
    std::fwrite(bytes_out.data(), 1, bytes_out.size(), f);
  }
  return std::fclose(f) == 0;
}

void PrintStats(const CorpusStats& s, const CorpusOptions& o, bool utf16, uint64_t files) {
  const double records = static_cast<double>(std::max<uint64_t>(s.records, 1));
  auto pct = [&](uint64_t n) { return 100.0 * static_cast<double>(n) / records; };
  // "count (share of records)"
  auto line = [&](const char* name, uint64_t n) {
    std::printf("%-20s %10llu  %7.3f%%\n", name, static_cast<unsigned long long>(n), pct(n));
  };
  std::printf("mix %s, layout %s, %s, %llu file%s\n",
              o.mix == loganalyze::bench::Mix::kWorst ? "worst" : "realistic",
              o.layout == loganalyze::bench::Layout::k2019 ? "2019" : "2016",
              utf16 ? "UTF-16LE" : "UTF-8", static_cast<unsigned long long>(files),
              files == 1 ? "" : "s");
  std::printf("text bytes (UTF-8)   %llu\n", static_cast<unsigned long long>(s.bytes));
  std::printf("lines                %llu\n", static_cast<unsigned long long>(s.lines));
  std::printf("records              %llu\n", static_cast<unsigned long long>(s.records));
  std::printf("continuation lines   %llu (%.3f%% of lines)\n",
              static_cast<unsigned long long>(s.continuation_lines),
              100.0 * static_cast<double>(s.continuation_lines) /
                  static_cast<double>(std::max<uint64_t>(s.lines, 1)));
  line("records continued", s.continued_records);
  static constexpr const char* kNames[] = {"NORMAL", "WARNING", "ERROR", "FATAL", "CRITICAL"};
  for (int i = 0; i < CorpusStats::kLevels; ++i) line(kNames[i], s.levels[i]);
  line("coded", s.coded);
  std::printf("coded of WARNING     %.1f%%\n",
              100.0 * static_cast<double>(s.coded) /
                  static_cast<double>(std::max<uint64_t>(s.levels[CorpusStats::kWarning], 1)));
  line("job markers", s.job_markers);
  line("empty pointer", s.empty_pointer);
  line("managed (.cs)", s.managed);
  line("no task GUID", s.no_guid);
  line("crash tails", s.crash_tails);
  std::printf("(shares are of records, except for continuation lines)\n");
}

int Usage() {
  std::fprintf(stderr,
               "usage: make_corpus OUT SIZE [OPTIONS]\n"
               "       make_corpus --bundle DIR FILES SIZE [OPTIONS]\n"
               "OPTIONS: --utf16 --dpm --seed N --mix realistic|worst --layout 2016|2019 "
               "--stats\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) return Usage();
  const bool bundle = std::strcmp(argv[1], "--bundle") == 0;
  const int positional = bundle ? 5 : 3;
  if (argc < positional) return Usage();
  bool utf16 = false, stats = false;
  CorpusOptions options;
  for (int i = positional; i < argc; ++i) {
    const std::string a = argv[i];
    const std::string next = i + 1 < argc ? argv[i + 1] : "";
    if (a == "--utf16") {
      utf16 = true;
    } else if (a == "--dpm") {
      options.dpm = true;
    } else if (a == "--stats") {
      stats = true;
    } else if (a == "--seed" && !next.empty()) {
      options.seed = std::strtoull(next.c_str(), nullptr, 10);
      ++i;
    } else if (a == "--mix" && (next == "realistic" || next == "worst")) {
      options.mix = next == "worst" ? loganalyze::bench::Mix::kWorst
                                    : loganalyze::bench::Mix::kRealistic;
      ++i;
    } else if (a == "--layout" && (next == "2016" || next == "2019")) {
      options.layout = next == "2019" ? loganalyze::bench::Layout::k2019
                                      : loganalyze::bench::Layout::k2016;
      ++i;
    } else {
      std::fprintf(stderr, "make_corpus: bad option %s\n", a.c_str());
      return Usage();
    }
  }
  CorpusStats counted;
  if (bundle) {
    const std::filesystem::path dir = argv[2];
    std::filesystem::create_directories(dir);
    const int files = std::atoi(argv[3]);
    const uint64_t size = ParseSize(argv[4]);
    const uint64_t seed = options.seed;
    for (int i = 0; i < files; ++i) {
      CorpusOptions o = options;
      o.dpm = i % 2 == 1;
      o.seed = seed + i;
      const std::string name = (o.dpm ? "MSDPM" : "CBEngine") + std::to_string(i) + ".errlog";
      // Each file follows the one before it of its family in time, as rotated logs do.
      o.start_day = (i / 2) * static_cast<int>(size / (uint64_t{64} << 20) + 2);
      if (!Write((dir / name).string(), size, utf16, o, &counted)) return 1;
    }
    if (stats) PrintStats(counted, options, utf16, static_cast<uint64_t>(files));
    return 0;
  }
  if (!Write(argv[1], ParseSize(argv[2]), utf16, options, &counted)) return 1;
  if (stats) PrintStats(counted, options, utf16, 1);
  return 0;
}
