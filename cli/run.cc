#include "cli/run.h"

#include <atomic>
#include <cctype>
#include <filesystem>
#include <set>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <mutex>
#include <sstream>
#include <thread>

#include "cli/progress.h"
#include "fmt/format.h"
#include "loganalyze/analyzer.h"
#include "loganalyze/matcher.h"
#include "loganalyze/status_text.h"

#ifdef _WIN32
#include <io.h>
#define LOGANALYZE_ISATTY(fd) _isatty(fd)
#else
#include <unistd.h>
#define LOGANALYZE_ISATTY(fd) isatty(fd)
#endif

namespace loganalyze::cli {
namespace {

// Counts the bytes read through it, for the progress bar.
class CountingSource : public ByteSource {
 public:
  CountingSource(ByteSource& inner, std::atomic<uint64_t>* counter)
      : inner_(inner), counter_(counter) {}
  absl::StatusOr<size_t> Read(char* buffer, size_t size) override {
    absl::StatusOr<size_t> n = inner_.Read(buffer, size);
    if (n.ok()) counter_->fetch_add(*n, std::memory_order_relaxed);
    return n;
  }

 private:
  ByteSource& inner_;
  std::atomic<uint64_t>* counter_;
};

std::string ReadHead(const std::string& path, size_t n) {
  std::ifstream in(path, std::ios::binary);
  std::string head(n, '\0');
  in.read(head.data(), static_cast<std::streamsize>(n));
  head.resize(static_cast<size_t>(std::max<std::streamsize>(0, in.gcount())));
  return head;
}

absl::Status WriteOutput(const std::string& path, const std::string& text) {
  if (path.empty() || path == "-") {
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
    return absl::OkStatus();
  }
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  if (!out) return absl::UnavailableError(fmt::format("cannot write {}", path));
  return absl::OkStatus();
}

RenderOptions MakeRenderOptions(const Options& opt) {
  RenderOptions r;
  r.language = opt.language;
  r.color = opt.color;
  r.tool_version = kVersion;
  return r;
}

// One unit of work: a file, or one shard of an archive's members (see ArchiveShard).
struct Unit {
  size_t file = 0;
  ArchiveShard shard;
};

// What a unit found; the units of one file are merged in order afterwards.
struct UnitResult {
  Report report;
  bool visited = false;  // an archive unit handed at least one member to the analyzer
};

// Archives whose members can be skipped without inflating them, so that several workers can
// share one: zip and uncompressed tar.
bool Shardable(std::string_view head) {
  return head.substr(0, 4) == std::string_view("PK\x03\x04", 4) ||
         (head.size() > 262 && head.substr(257, 5) == "ustar");
}

// Analyses one unit: a file, stdin, or (a shard of) an archive's members.
UnitResult AnalyzeUnit(const Analyzer& analyzer, const std::string& path, const Unit& unit,
                       const Options& opt, std::atomic<uint64_t>* bytes_done) {
  UnitResult out;
  InputInfo info;
  info.name = path;
  if (path == "-") {
    std::unique_ptr<ByteSource> in = OpenStdin();
    CountingSource counted(*in, bytes_done);
    info.name = "stdin";
    out.report = analyzer.Analyze(counted, info, "-", "");
    return out;
  }
  if (IsArchive(path, ReadHead(path, 512))) {
    const size_t samples = analyzer.options().samples_per_finding;
    const size_t templates = analyzer.options().max_templates;
    const absl::Status s = ForEachArchiveMember(
        path, opt.limits,
        [&](const MemberInfo& m, ByteSource& member) {
          Report r;
          if (!m.skipped.empty()) {
            ReportInput in;  // a link, device or FIFO: listed, with no bytes to read
            in.path = path;
            in.member = m.path;
            in.skipped = m.skipped;
            r.inputs.push_back(std::move(in));
          } else {
            InputInfo minfo;
            minfo.name = m.path;
            minfo.mtime = m.mtime;
            CountingSource counted(member, bytes_done);
            r = analyzer.Analyze(counted, minfo, path, m.path);
          }
          for (ReportInput& in : r.inputs) in.notes = m.notes;
          out.report.Merge(r, samples, templates);
          out.visited = true;
        },
        [&](std::string_view member, const absl::Status& status) {
          out.report.Merge(Analyzer::Unreadable(path, member, StatusMessage(status)), samples,
                           templates);
        },
        unit.shard);
    if (!s.ok() && unit.shard.index == 0) {
      out.report.Merge(Analyzer::Unreadable(path, "", StatusMessage(s)));
    }
    out.visited |= !out.report.inputs.empty();
    return out;
  }
  absl::StatusOr<std::unique_ptr<ByteSource>> source = OpenFile(path);
  if (!source.ok()) {
    out.report = Analyzer::Unreadable(path, "", StatusMessage(source.status()));
    return out;
  }
  info.mtime = FileModificationTime(path);
  CountingSource counted(**source, bytes_done);
  out.report = analyzer.Analyze(counted, info, path, "");
  return out;
}

std::vector<std::string> ReadFilesFrom(const std::string& from, std::vector<std::string>* errors) {
  std::vector<std::string> out;
  std::istream* in = &std::cin;
  std::ifstream file;
  if (from != "-") {
    file.open(from);
    if (!file) {
      errors->push_back(fmt::format("--files-from {}: cannot open", from));
      return out;
    }
    in = &file;
  }
  std::string line;
  while (std::getline(*in, line)) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (!line.empty()) out.push_back(line);
  }
  return out;
}

// Documentation and source files found while walking a folder (a bundle's README, a
// collection script) are listed, not analysed as logs. Named explicitly, they are analysed.
std::string NotALogReason(const std::string& path) {
  static constexpr std::string_view kExtensions[] = {
      ".md", ".py", ".sh", ".ps1", ".psm1", ".psd1", ".cmd", ".bat", ".json", ".html", ".htm",
      ".css", ".js", ".c", ".cc", ".cpp", ".h", ".cs", ".vbs"};
  std::string ext = std::filesystem::path(path).extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::string_view e : kExtensions) {
    if (ext == e) {
      return fmt::format("not a log ({} file found while walking a folder; name it to analyse it)",
                         ext);
    }
  }
  return std::string();
}

Report Skipped(const std::string& path, const std::string& reason) {
  Report r;
  ReportInput in;
  in.path = path;
  in.skipped = reason;
  in.stats.bytes = FileSizeOrZero(path);
  r.inputs.push_back(std::move(in));
  return r;
}

int ExitCode(const Report& report, const Options& opt) {
  if (opt.fail_on) {
    for (const auto& [id, f] : report.findings) {
      if (f.severity >= *opt.fail_on) return 1;
    }
  }
  return report.errors.empty() ? 0 : 3;
}

}  // namespace

bool StdoutIsTerminal() { return LOGANALYZE_ISATTY(1) != 0; }

absl::StatusOr<KnowledgeBase> LoadKnowledgeBase(const Options& opt) {
  if (opt.kb_replace && opt.kb_dir.empty()) {
    return absl::InvalidArgumentError("--kb-replace needs --kb-dir DIR");
  }
  if (opt.kb_replace) return KnowledgeBase::FromDirectory(opt.kb_dir);
  absl::StatusOr<KnowledgeBase> kb = KnowledgeBase::Default();
  if (!kb.ok() || opt.kb_dir.empty()) return kb;
  absl::StatusOr<KnowledgeBase> extra = KnowledgeBase::FromDirectory(opt.kb_dir);
  if (!extra.ok()) return extra.status();
  if (absl::Status s = kb->Merge(*extra); !s.ok()) return s;
  return kb;
}

int ExportPatterns(const KnowledgeBase& kb, PatternDialect dialect) {
  absl::StatusOr<std::unique_ptr<const Matcher>> matcher = Matcher::Create(kb);
  if (!matcher.ok()) {
    fmt::print(stderr, "loganalyze: {}\n", StatusMessage(matcher.status()));
    return 2;
  }
  std::string out;
  for (const std::string& p : loganalyze::ExportPatterns(**matcher, dialect)) out += p + "\n";
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}

int Merge(const KnowledgeBase& kb, const std::vector<std::string>& files, const Options& opt) {
  Report merged;
  bool failed = false;
  for (const std::string& f : files) {
    std::string text;
    if (f == "-") {
      std::ostringstream s;
      s << std::cin.rdbuf();
      text = s.str();
    } else {
      std::ifstream in(f, std::ios::binary);
      if (!in) {
        fmt::print(stderr, "loganalyze: {}: cannot open\n", f);
        // The merged report says what it could not read, as an analysis does.
        merged.Merge(Analyzer::Unreadable(f, "", "not merged: cannot open this report"));
        failed = true;
        continue;
      }
      std::ostringstream s;
      s << in.rdbuf();
      text = s.str();
    }
    absl::StatusOr<Report> r = ParseJsonReport(text);
    if (!r.ok()) {
      fmt::print(stderr, "loganalyze: {}: {}\n", f, StatusMessage(r.status()));
      merged.Merge(Analyzer::Unreadable(
          f, "", fmt::format("not merged: {}", StatusMessage(r.status()))));
      failed = true;
      continue;
    }
    merged.Merge(*r);
  }
  const std::string out = RenderReport(merged, kb, opt.format, MakeRenderOptions(opt));
  if (absl::Status s = WriteOutput(opt.output, out); !s.ok()) {
    fmt::print(stderr, "loganalyze: {}\n", StatusMessage(s));
    return 2;
  }
  if (failed) return 3;
  return ExitCode(merged, opt);
}

int Analyze(const KnowledgeBase& kb, const Options& opt) {
  AnalyzeOptions aopt;
  aopt.read.year = opt.year;
  aopt.min_severity = opt.min_severity;
  if (opt.since) aopt.since = *opt.since;
  if (opt.until) aopt.until = *opt.until;
  absl::StatusOr<std::unique_ptr<const Analyzer>> analyzer = Analyzer::Create(kb, aopt);
  if (!analyzer.ok()) {
    fmt::print(stderr, "loganalyze: {}\n", StatusMessage(analyzer.status()));
    return 2;
  }
  std::vector<std::string> args = opt.inputs;
  std::vector<std::string> list_errors;
  if (!opt.files_from.empty()) {
    for (std::string& p : ReadFilesFrom(opt.files_from, &list_errors)) args.push_back(p);
  }
  const ExpandedInputs expanded = ExpandInputs(args);
  const std::vector<std::string>& files = expanded.files;

  // Every unit gets its own partial report; they are merged in input order, so the result is
  // the same whatever -j is. An archive that can be skipped through is split into one unit
  // per thread, so that its members inflate in parallel.
  std::set<std::string> named(args.begin(), args.end());
  std::vector<Unit> units;
  for (size_t i = 0; i < files.size(); ++i) {
    size_t shards = 1;
    if (opt.jobs > 1 && files[i] != "-" && (named.count(files[i]) || NotALogReason(files[i]).empty())) {
      const std::string head = ReadHead(files[i], 512);
      if (IsArchive(files[i], head) && Shardable(head)) {
        shards = static_cast<size_t>(opt.jobs);
      }
    }
    for (size_t k = 0; k < shards; ++k) units.push_back({i, ArchiveShard{k, shards}});
  }
  std::vector<UnitResult> results(units.size());
  std::atomic<size_t> next{0}, done{0};
  std::atomic<uint64_t> bytes_done{0};
  uint64_t bytes_total = 0;
  for (const std::string& f : files) {
    if (f != "-") bytes_total += FileSizeOrZero(f);
  }
  Progress progress(!opt.quiet && StderrIsTerminal(), files.size(), bytes_total);
  auto worker = [&] {
    for (size_t u; (u = next.fetch_add(1)) < units.size();) {
      const std::string& path = files[units[u].file];
      const std::string reason = named.count(path) ? "" : NotALogReason(path);
      if (reason.empty()) {
        results[u] = AnalyzeUnit(**analyzer, path, units[u], opt, &bytes_done);
      } else {
        results[u].report = Skipped(path, reason);
      }
      if (units[u].shard.index + 1 == units[u].shard.count) done.fetch_add(1);
      progress.Update(done.load(), bytes_done.load());
    }
  };
  const size_t threads =
      std::min<size_t>(static_cast<size_t>(opt.jobs), std::max<size_t>(1, units.size()));
  std::vector<std::thread> pool;
  for (size_t t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (std::thread& t : pool) t.join();
  progress.Finish();

  Report report;
  for (const auto& [arg, message] : expanded.errors) {
    report.Merge(Analyzer::Unreadable(arg, "", message));
  }
  for (const std::string& e : list_errors) report.Merge(Analyzer::Unreadable(opt.files_from, "", e));
  for (size_t u = 0; u < units.size();) {
    // All the units of one file.
    const size_t file = units[u].file;
    bool visited = false;
    for (; u < units.size() && units[u].file == file; ++u) {
      report.Merge(results[u].report, aopt.samples_per_finding, aopt.max_templates,
                   aopt.max_jobs, aopt.max_code_findings);
      visited |= results[u].visited || !results[u].report.inputs.empty();
    }
    if (!visited) report.Merge(Analyzer::Unreadable(files[file], "", "the archive holds no files"));
  }

  const std::string out = RenderReport(report, kb, opt.format, MakeRenderOptions(opt));
  if (absl::Status s = WriteOutput(opt.output, out); !s.ok()) {
    fmt::print(stderr, "loganalyze: {}\n", StatusMessage(s));
    return 2;
  }
  if (!opt.quiet && !report.errors.empty()) {
    fmt::print(stderr, "loganalyze: {} input(s) could not be read fully (see the report)\n",
               report.errors.size());
  }
  return ExitCode(report, opt);
}

}  // namespace loganalyze::cli
