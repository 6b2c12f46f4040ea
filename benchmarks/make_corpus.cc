// make_corpus: writes the benchmark corpus.
//   make_corpus OUT SIZE [--utf16] [--dpm] [--seed N]     one file of about SIZE bytes
//   make_corpus --bundle DIR FILES SIZE [--utf16]          FILES files (MARS and DPM), SIZE each
// SIZE accepts K, M and G suffixes (powers of 1024).
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "corpus.h"

namespace {

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

// Writes about `bytes` of corpus to `path`, 64 MiB at a time so memory stays small.
// `first_day`: days after 12/01 of the first line; each 64 MiB piece starts a day later (a
// piece spans about half a day of log time), so that the dates of one file run forwards.
bool Write(const std::string& path, uint64_t bytes, bool utf16, bool dpm, uint64_t seed,
           int first_day = 0) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) {
    std::perror(path.c_str());
    return false;
  }
  const uint64_t piece = uint64_t{64} << 20;
  const uint64_t text_bytes = utf16 ? bytes / 2 : bytes;
  bool first = true;
  for (uint64_t done = 0, i = 0; done < text_bytes; ++i) {
    loganalyze::bench::CorpusOptions o;
    o.bytes = std::min(piece, text_bytes - done);
    o.seed = seed * 1000003 + i;
    o.dpm = dpm;
    o.start_day = first_day + static_cast<int>(i);
    std::string text;
    loganalyze::bench::GenerateErrlog(o, &text);
    done += text.size();
    std::string bytes_out = utf16 ? loganalyze::bench::ToUtf16Le(text) : text;
    if (utf16 && !first) bytes_out.erase(0, 2);  // one BOM per file
    first = false;
    std::fwrite(bytes_out.data(), 1, bytes_out.size(), f);
  }
  return std::fclose(f) == 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr,
                 "usage: make_corpus OUT SIZE [--utf16] [--dpm] [--seed N]\n"
                 "       make_corpus --bundle DIR FILES SIZE [--utf16]\n");
    return 2;
  }
  bool utf16 = false, dpm = false;
  uint64_t seed = 1;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--utf16") utf16 = true;
    if (a == "--dpm") dpm = true;
    if (a == "--seed" && i + 1 < argc) seed = std::strtoull(argv[i + 1], nullptr, 10);
  }
  if (std::string(argv[1]) == "--bundle") {
    if (argc < 5) return 2;
    const std::filesystem::path dir = argv[2];
    std::filesystem::create_directories(dir);
    const int files = std::atoi(argv[3]);
    const uint64_t size = ParseSize(argv[4]);
    for (int i = 0; i < files; ++i) {
      const bool is_dpm = i % 2 == 1;
      const std::string name = (is_dpm ? "MSDPM" : "CBEngine") + std::to_string(i) + ".errlog";
      // Each file follows the one before it of its family in time, as rotated logs do.
      const int first_day = (i / 2) * static_cast<int>(size / (uint64_t{64} << 20) + 2);
      if (!Write((dir / name).string(), size, utf16, is_dpm, seed + i, first_day)) return 1;
    }
    return 0;
  }
  return Write(argv[1], ParseSize(argv[2]), utf16, dpm, seed) ? 0 : 1;
}
