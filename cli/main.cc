// loganalyze: command-line front end. Thin: arguments -> library -> output -> exit code.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "fmt/format.h"
#include "loganalyze/reader.h"
#include "loganalyze/status_text.h"

namespace {

class CountingSink : public loganalyze::RecordSink {
 public:
  void OnRecord(const loganalyze::Record&) override {}
};

void Collect(const std::string& arg, std::vector<std::string>* out) {
  std::error_code ec;
  if (std::filesystem::is_directory(arg, ec)) {
    for (auto it = std::filesystem::recursive_directory_iterator(
             arg, std::filesystem::directory_options::skip_permission_denied, ec);
         it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
      if (ec) break;
      if (it->is_regular_file(ec)) out->push_back(it->path().string());
    }
  } else {
    out->push_back(arg);
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> inputs;
  for (int i = 1; i < argc; ++i) Collect(argv[i], &inputs);
  std::sort(inputs.begin(), inputs.end());
  if (inputs.empty()) {
    fmt::print(stderr, "usage: loganalyze INPUT...\n");
    return 2;
  }
  int exit_code = 0;
  fmt::print("{:<52} {:<12} {:<12} {:>9} {:>7} {:>7}  {}\n", "input", "format", "encoding",
             "bytes", "lines", "records", "time range (UTC, as logged)");
  for (const std::string& path : inputs) {
    std::unique_ptr<loganalyze::ByteSource> source;
    loganalyze::InputInfo info;
    info.name = path;
    if (path == "-") {
      source = loganalyze::OpenStdin();
    } else {
      auto opened = loganalyze::OpenFile(path);
      if (!opened.ok()) {
        fmt::print(stderr, "loganalyze: {}\n", loganalyze::StatusMessage(opened.status()));
        exit_code = 3;
        continue;
      }
      source = std::move(*opened);
      info.mtime = loganalyze::FileModificationTime(path);
    }
    CountingSink sink;
    const loganalyze::InputSummary s = loganalyze::ReadLog(*source, info, {}, sink);
    fmt::print("{:<52} {:<12} {:<12} {:>9} {:>7} {:>7}  {} .. {}\n", path,
               loganalyze::FormatName(s.format), loganalyze::EncodingName(s.encoding),
               s.stats.bytes, s.stats.lines, s.stats.records, s.first_time.ToString(),
               s.last_time.ToString());
    if (!s.status.ok()) {
      fmt::print(stderr, "loganalyze: {}\n", loganalyze::StatusMessage(s.status));
      exit_code = 3;
    }
  }
  return exit_code;
}
