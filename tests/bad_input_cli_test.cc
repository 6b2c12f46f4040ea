// The bad-input catalogue of the issue "Hostile input", through the real `loganalyze`
// binary: a support bundle of broken things in, and the invariants of the report out:
//  - every input appears in the report: analysed, partly analysed, or skipped, with the reason;
//  - for every analysed input, bytes and lines read are accounted for exactly;
//  - exit code 3 whenever any input could not be fully read;
//  - the same input gives byte-identical JSON across runs and -j values.
// Each run is bounded in time and in the peak memory of the child (RUSAGE_CHILDREN). The
// library-level items and the index of where each item is covered are in bad_input_test.cc.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#if defined(LOGANALYZE_HAVE_ZLIB)
#include <zlib.h>
#endif

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <thread>
#include <vector>

#include "bounds.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "loganalyze/report.h"
#include "shell_util.h"
#include "test_util.h"

namespace loganalyze {
namespace {

namespace fs = std::filesystem;
using ::loganalyze::testing::kMiB;
using ::loganalyze::testing::kSanitizerSlack;
using ::loganalyze::testing::PeakRssBytes;
using ::loganalyze::testing::Stopwatch;
using ::loganalyze::testing::ToUtf16;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::StartsWith;

// Bounds of one CLI run over a small hostile bundle (generous: CI machines are slow and busy).
constexpr double kRunSeconds = 60.0;
constexpr uint64_t kRunPeakRss = 256 * kMiB;

constexpr char kRecord[] = "0AB0\t0974\t01/05\t10:00:00.000\t71\tx.cpp(1)\t\t\tWARNING\t";

// ---------------------------------------------------------------------------------------
// Running the CLI.

struct CliRun {
  int exit_code = -1;
  std::string out, err;
  double seconds = 0;
};

// Runs `prefix 'loganalyze' args` in `dir`, stdout captured, stderr to a file read after.
CliRun Cli(const fs::path& dir, const std::string& args, const std::string& prefix = "") {
  const fs::path err = dir / ".stderr";
  const std::string cmd = "cd '" + dir.string() + "' && " + prefix + "'" LOGANALYZE_CLI "' " +
                          args + " 2>'" + err.string() + "'";
  CliRun r;
  const Stopwatch clock;
  testing::ShellResult shell = testing::RunShell(cmd);
  r.seconds = clock.Seconds();
  r.exit_code = shell.exit_code;
  r.out = std::move(shell.out);
  std::ifstream in(err, std::ios::binary);
  r.err.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  fs::remove(err);
  return r;
}

Report ParseReport(const CliRun& run) {
  absl::StatusOr<Report> r = ParseJsonReport(run.out);
  EXPECT_TRUE(r.ok()) << r.status() << "\nstderr: " << run.err;
  return r.ok() ? *std::move(r) : Report();
}

// ---------------------------------------------------------------------------------------
// Building hostile zips byte by byte: no tool does encrypted flags, broken directories or
// bombs on request.

uint32_t Crc32(std::string_view s) {
  static const std::array<uint32_t, 256> table = [] {
    std::array<uint32_t, 256> t{};
    for (uint32_t i = 0; i < 256; ++i) {
      uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char ch : s) crc = table[(crc ^ ch) & 0xFF] ^ (crc >> 8);
  return ~crc;
}

struct ZipMember {
  std::string name;
  std::string stored;  // the member's bytes as stored (compressed when `deflated`)
  uint32_t crc = 0;
  uint64_t size = 0;  // uncompressed; below 4 GiB (no zip64)
  bool deflated = false;
  bool encrypted = false;
};

ZipMember Stored(std::string name, std::string data) {
  ZipMember m;
  m.name = std::move(name);
  m.crc = Crc32(data);
  m.size = data.size();
  m.stored = std::move(data);
  return m;
}

void Put16(std::string* out, uint32_t v) {
  out->push_back(static_cast<char>(v & 0xFF));
  out->push_back(static_cast<char>((v >> 8) & 0xFF));
}
void Put32(std::string* out, uint32_t v) {
  Put16(out, v & 0xFFFF);
  Put16(out, v >> 16);
}

// A zip with the members in order. `central_directory_at`, if given, receives the offset of
// the central directory.
std::string MakeZip(const std::vector<ZipMember>& members, size_t* central_directory_at = nullptr) {
  constexpr uint32_t kDosTime = (12 << 11) | (30 << 5);               // 12:30:00
  constexpr uint32_t kDosDate = ((2026 - 1980) << 9) | (1 << 5) | 4;  // 2026-01-04
  std::string out, directory;
  for (const ZipMember& m : members) {
    const uint32_t offset = static_cast<uint32_t>(out.size());
    const uint32_t flags = m.encrypted ? 1 : 0;
    const uint32_t method = m.deflated ? 8 : 0;
    Put32(&out, 0x04034b50);
    Put16(&out, 20);
    Put16(&out, flags);
    Put16(&out, method);
    Put16(&out, kDosTime);
    Put16(&out, kDosDate);
    Put32(&out, m.crc);
    Put32(&out, static_cast<uint32_t>(m.stored.size()));
    Put32(&out, static_cast<uint32_t>(m.size));
    Put16(&out, static_cast<uint32_t>(m.name.size()));
    Put16(&out, 0);
    out += m.name;
    out += m.stored;

    Put32(&directory, 0x02014b50);
    Put16(&directory, 20);
    Put16(&directory, 20);
    Put16(&directory, flags);
    Put16(&directory, method);
    Put16(&directory, kDosTime);
    Put16(&directory, kDosDate);
    Put32(&directory, m.crc);
    Put32(&directory, static_cast<uint32_t>(m.stored.size()));
    Put32(&directory, static_cast<uint32_t>(m.size));
    Put16(&directory, static_cast<uint32_t>(m.name.size()));
    Put16(&directory, 0);               // extra
    Put16(&directory, 0);               // comment
    Put16(&directory, 0);               // disk
    Put16(&directory, 0);               // internal attributes
    Put32(&directory, 0100644u << 16);  // external attributes: a regular file
    Put32(&directory, offset);
    directory += m.name;
  }
  if (central_directory_at != nullptr) *central_directory_at = out.size();
  const uint32_t directory_offset = static_cast<uint32_t>(out.size());
  out += directory;
  Put32(&out, 0x06054b50);
  Put16(&out, 0);
  Put16(&out, 0);
  Put16(&out, static_cast<uint32_t>(members.size()));
  Put16(&out, static_cast<uint32_t>(members.size()));
  Put32(&out, static_cast<uint32_t>(directory.size()));
  Put32(&out, directory_offset);
  Put16(&out, 0);
  return out;
}

#if defined(LOGANALYZE_HAVE_ZLIB)
// Raw deflate of `data`, at the best compression.
std::string Deflate(std::string_view data) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&z, data.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

ZipMember Deflated(std::string name, std::string_view data) {
  ZipMember m;
  m.name = std::move(name);
  m.crc = static_cast<uint32_t>(
      crc32(0, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size())));
  m.size = data.size();
  m.stored = Deflate(data);
  m.deflated = true;
  return m;
}

// A member of `blocks` MiB of one byte, deflated without ever holding it: one MiB is
// compressed once and ended with a full flush, which byte-aligns it and forgets the history,
// so that the same compressed block can be repeated; an empty final block ends the stream.
ZipMember DeflatedRepeat(std::string name, char byte, uint32_t blocks) {
  const std::string block(kMiB, byte);
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY), Z_OK);
  std::string piece(deflateBound(&z, block.size()) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(block.data()));
  z.avail_in = static_cast<uInt>(block.size());
  z.next_out = reinterpret_cast<Bytef*>(piece.data());
  z.avail_out = static_cast<uInt>(piece.size());
  EXPECT_EQ(deflate(&z, Z_FULL_FLUSH), Z_OK);
  piece.resize(z.total_out);
  std::string tail(64, '\0');
  z.next_out = reinterpret_cast<Bytef*>(tail.data());
  z.avail_out = static_cast<uInt>(tail.size());
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  tail.resize(64 - z.avail_out);
  deflateEnd(&z);

  ZipMember m;
  m.name = std::move(name);
  m.deflated = true;
  m.size = uint64_t{blocks} * kMiB;
  const uLong block_crc =
      crc32(0, reinterpret_cast<const Bytef*>(block.data()), static_cast<uInt>(block.size()));
  uLong crc = 0;
  m.stored.reserve(piece.size() * blocks + tail.size());
  for (uint32_t i = 0; i < blocks; ++i) {
    m.stored += piece;
    crc = crc32_combine(crc, block_crc, static_cast<z_off_t>(kMiB));
  }
  m.stored += tail;
  m.crc = static_cast<uint32_t>(crc);
  return m;
}
#endif

// ---------------------------------------------------------------------------------------

class BadInputCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("loganalyze_bad_cli_" + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_);
  }
  void TearDown() override {
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(root_, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, ec);
    }
    fs::remove_all(root_, ec);
  }

  void Write(const fs::path& p, std::string_view bytes) const {
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary)
        .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }
  static std::string Read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  // Every path under `dir`, to show that reading wrote nothing.
  static std::set<std::string> Listing(const fs::path& dir) {
    std::set<std::string> out;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(dir, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      out.insert(it->path().string());
    }
    return out;
  }

  fs::path root_;
};

const ReportInput* FindInput(const Report& r, std::string_view path_suffix,
                             std::string_view member = {}) {
  for (const ReportInput& in : r.inputs) {
    if (in.path.ends_with(path_suffix) && in.member == member) return &in;
  }
  return nullptr;
}

// The invariants every report of this file must keep. `sizes`: the size of each plain file
// given, by path as the report names it.
void ExpectInvariants(const Report& r, const std::map<std::string, uint64_t>& sizes) {
  std::set<std::pair<std::string, std::string>> with_error;
  for (const ReportInput& in : r.inputs) {
    SCOPED_TRACE(InputKey(in.path, in.member));
    const bool analysed = in.format.has_value();
    if (!in.skipped.empty()) {
      // Skipped, with the reason.
      EXPECT_FALSE(analysed);
    } else if (!analysed) {
      // Not read at all: the reason is the error.
      EXPECT_FALSE(in.error.empty());
    } else {
      // Analysed, wholly or partly: every byte and line read is accounted for.
      EXPECT_TRUE(in.stats.Balanced())
          << "lines " << in.stats.lines << " records " << in.stats.records << " bytes "
          << in.stats.bytes << " line_bytes " << in.stats.line_bytes;
      auto size = sizes.find(in.path);
      if (in.member.empty() && in.error.empty() && size != sizes.end()) {
        EXPECT_EQ(in.stats.bytes, size->second);
      }
    }
    if (!in.error.empty()) with_error.insert({in.path, in.member});
  }
  // Every error names an input of the report, and every input with an error is listed.
  std::set<std::pair<std::string, std::string>> errors;
  for (const ReportError& e : r.errors) {
    EXPECT_FALSE(e.message.empty());
    errors.insert({e.path, e.member});
  }
  EXPECT_EQ(errors, with_error);
}

// A bundle of everything the catalogue lists for a support bundle, as a folder with zips in
// it. Returns the sizes of its plain files, by path.
std::map<std::string, uint64_t> MakeHostileBundle(const fs::path& bundle) {
  auto write = [&](const std::string& name, std::string_view bytes) {
    const fs::path p = bundle / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary)
        .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  };
  const std::string engine = [] {
    std::ifstream in(fs::path(LOGANALYZE_SAMPLES_DIR) / "mars/CBEngineCurr.errlog",
                     std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }();
  const std::string etl = [] {
    std::ifstream in(fs::path(LOGANALYZE_SAMPLES_DIR) / "dpm/DPMUI.etl", std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }();
  std::mt19937 random(42);
  std::string noise(64 * 1024, '\0');
  for (char& c : noise) c = static_cast<char>(random());
  const std::string small = std::string(kRecord) + "a small log\r\n";

  write("Temp/CBEngineCurr.errlog", engine);
  write("Temp/empty.errlog", "");
  write("Temp/random.dat", noise);
  write("Temp/DPMUI.etl", etl);
  write("Temp/Security.evtx", std::string("ElfFile\0", 8) + noise.substr(0, 4096));
  write("Temp/nul.errlog", std::string(256 * 1024, '\0'));
  write("Temp/bom-only.errlog", "\xFF\xFE");
  write("Temp/odd.errlog", ToUtf16(small) + "\x41");
  write("Temp/surrogates.errlog", ToUtf16(std::string(kRecord) + "lone ") +
                                      std::string("\x00\xD8", 2) +
                                      ToUtf16(" surrogate\r\n", true, false));
  write("Temp/mixed.errlog", ToUtf16(small) + small);
  write("README.md", "# How this bundle was collected\n");

  // A zip with a good member, an encrypted one, path traversal names, an .etl, and zips
  // nested past the depth limit.
  std::string nested = MakeZip({Stored("leaf.errlog", small)});
  for (const char* name : {"l4.zip", "l3.zip", "l2.zip"}) nested = MakeZip({Stored(name, nested)});
  ZipMember secret = Stored("secret.errlog", "\x13\x37 twelve bytes of header and data");
  secret.encrypted = true;
  write("bundle.zip",
        MakeZip({Stored("good.errlog", small), secret, Stored("../../escaped.errlog", small),
                 Stored("/abs/rooted.errlog", small), Stored("Logs/DPMUI.etl", etl),
                 Stored("l1.zip", nested), Stored("after.errlog", small)}));

  // A zip whose central directory is overwritten with garbage.
  size_t cd = 0;
  std::string corrupt = MakeZip({Stored("one.errlog", small), Stored("two.errlog", small)}, &cd);
  std::fill(corrupt.begin() + static_cast<std::ptrdiff_t>(cd), corrupt.end() - 22, '\xAA');
  write("corrupt-cd.zip", corrupt);

  // A zip cut in the middle of its second member.
  std::string long_log;
  while (long_log.size() < 64 * 1024) long_log += small;
  const std::string whole =
      MakeZip({Stored("first.errlog", small), Stored("second.errlog", long_log)});
  write("truncated.zip", whole.substr(0, whole.size() / 2));

  std::map<std::string, uint64_t> sizes;
  for (const auto& e : fs::recursive_directory_iterator(bundle)) {
    if (e.is_regular_file()) sizes[e.path().lexically_normal().string()] = e.file_size();
  }
  // A symbolic link loop: Temp/loop -> the bundle itself.
  std::error_code ec;
  fs::create_directory_symlink(bundle, bundle / "Temp/loop", ec);
  return sizes;
}

TEST_F(BadInputCliTest, HostileBundleIsReportedInFullWithTheInvariantsKept) {
  const fs::path bundle = root_ / "bundle";
  const std::map<std::string, uint64_t> sizes = MakeHostileBundle(bundle);
  const std::set<std::string> before = Listing(root_);
  const std::string args = "'" + bundle.string() + "' --year 2026 -q -f json";

  const CliRun one = Cli(root_, args + " -j1");
  const uint64_t peak = PeakRssBytes(RUSAGE_CHILDREN);
  EXPECT_EQ(one.exit_code, 3) << one.err;
  EXPECT_LT(one.seconds, kRunSeconds * kSanitizerSlack);
  EXPECT_LT(peak, kRunPeakRss * kSanitizerSlack);
  const Report r = ParseReport(one);
  ExpectInvariants(r, sizes);

  // Every plain file is in the report, named as walked.
  for (const auto& [path, size] : sizes) {
    const bool listed = std::any_of(r.inputs.begin(), r.inputs.end(),
                                    [&](const ReportInput& in) { return in.path == path; });
    EXPECT_TRUE(listed) << path << " is missing from the report";
  }

  // Item by item.
  auto input = [&](std::string_view path, std::string_view member = {}) {
    const ReportInput* in = FindInput(r, path, member);
    EXPECT_NE(in, nullptr) << path << " " << member;
    return in != nullptr ? *in : ReportInput();
  };
  EXPECT_TRUE(input("Temp/CBEngineCurr.errlog").error.empty());
  EXPECT_GT(input("Temp/CBEngineCurr.errlog").stats.records, 100u);
  // Empty file: analysed, nothing in it.
  EXPECT_EQ(input("Temp/empty.errlog").stats.lines, 0u);
  EXPECT_TRUE(input("Temp/empty.errlog").format.has_value());
  // Random binary, .etl, .evtx, NULs: skipped with the reason.
  EXPECT_THAT(input("Temp/random.dat").skipped, StartsWith("binary file"));
  EXPECT_THAT(input("Temp/DPMUI.etl").skipped, StartsWith("binary file"));
  EXPECT_EQ(input("Temp/Security.evtx").skipped, "binary file: a Windows event log (.evtx)");
  EXPECT_EQ(input("Temp/nul.errlog").skipped, "binary file: NUL bytes in 8-bit text");
  // UTF-16: a BOM and nothing else, an odd byte count, an unpaired surrogate, then UTF-8.
  EXPECT_EQ(input("Temp/bom-only.errlog").stats.bom_bytes, 2u);
  EXPECT_EQ(input("Temp/bom-only.errlog").stats.lines, 0u);
  EXPECT_EQ(input("Temp/odd.errlog").stats.replaced_sequences, 1u);
  EXPECT_EQ(input("Temp/surrogates.errlog").stats.replaced_sequences, 1u);
  EXPECT_EQ(input("Temp/mixed.errlog").encoding, Encoding::kUtf16Le);
  // Documentation met while walking: listed, not read.
  EXPECT_THAT(input("README.md").skipped, StartsWith("not a log"));
  // The symbolic link loop: listed, not followed.
  EXPECT_THAT(input("Temp/loop").skipped, HasSubstr("inside the folder being read"));

  // The zip: a good member, the encrypted one named, traversal names read as names, the .etl
  // skipped inside too, the nesting past max_depth named, and the member after all of that.
  EXPECT_TRUE(input("bundle.zip", "good.errlog").error.empty());
  EXPECT_THAT(input("bundle.zip", "secret.errlog").error,
              AllOf(HasSubstr("bundle.zip"), HasSubstr("encrypted")));
  EXPECT_EQ(input("bundle.zip", "../../escaped.errlog").stats.records, 1u);
  EXPECT_EQ(input("bundle.zip", "/abs/rooted.errlog").stats.records, 1u);
  EXPECT_THAT(input("bundle.zip", "Logs/DPMUI.etl").skipped, StartsWith("binary file"));
  EXPECT_THAT(input("bundle.zip", "l1.zip/l2.zip/l3.zip/l4.zip").error, HasSubstr("max_depth"));
  EXPECT_EQ(input("bundle.zip", "after.errlog").stats.records, 1u);
  // The corrupt central directory: said so, and the members read from their local headers.
  EXPECT_THAT(input("corrupt-cd.zip").error,
              AllOf(HasSubstr("corrupt-cd.zip"), HasSubstr("central directory is damaged")));
  EXPECT_EQ(input("corrupt-cd.zip", "one.errlog").stats.records, 1u);
  EXPECT_EQ(input("corrupt-cd.zip", "two.errlog").stats.records, 1u);
  // The truncated zip: what it holds, and the member cut short named.
  EXPECT_EQ(input("truncated.zip", "first.errlog").stats.records, 1u);
  EXPECT_THAT(input("truncated.zip", "second.errlog").error, HasSubstr("truncated.zip"));

  // Nothing was written anywhere: not here, not where the traversal names point.
  EXPECT_EQ(Listing(root_), before);
  EXPECT_FALSE(fs::exists(root_.parent_path() / "escaped.errlog"));
  EXPECT_FALSE(fs::exists("/abs/rooted.errlog"));

  // The same bundle gives byte-identical JSON again, and with two threads.
  const CliRun again = Cli(root_, args + " -j1");
  const CliRun two = Cli(root_, args + " -j2");
  EXPECT_EQ(two.exit_code, 3);
  EXPECT_TRUE(again.out == one.out) << "a second run differs";
  EXPECT_TRUE(two.out == one.out) << "-j2 differs from -j1";

  // A report that could not be written is a failure whatever the analysis found: exit 2,
  // never 0, nor 3 (which says that the report lists what could not be read).
  if (fs::exists("/dev/full")) {
    const CliRun full = Cli(root_, args + " -j1 > /dev/full");
    EXPECT_EQ(full.exit_code, 2) << full.err;
    EXPECT_THAT(full.err, HasSubstr("cannot write the report to standard output"));
  }
}

TEST_F(BadInputCliTest, UnreadableFileIsNamedAndTheExitCodeIs3) {
  Write(root_ / "ok.errlog", std::string(kRecord) + "readable\n");
  Write(root_ / "locked.errlog", std::string(kRecord) + "locked away\n");
  fs::permissions(root_ / "locked.errlog", fs::perms::none);
  std::string prefix;
  if (::geteuid() == 0) {
    // Root reads anything: run the CLI as nobody, so that the permission means something.
    prefix = "setpriv --reuid=65534 --regid=65534 --clear-groups ";
    if (Cli(root_, "--version", prefix).exit_code != 0) {
      GTEST_SKIP() << "running as root, and setpriv cannot run the CLI as nobody here";
    }
  }
  const CliRun run = Cli(root_, "ok.errlog locked.errlog --year 2026 -q -f json", prefix);
  EXPECT_EQ(run.exit_code, 3) << run.err;
  EXPECT_LT(run.seconds, kRunSeconds * kSanitizerSlack);
  const Report r = ParseReport(run);
  ExpectInvariants(r, {{"ok.errlog", fs::file_size(root_ / "ok.errlog")}});
  const ReportInput* locked = FindInput(r, "locked.errlog");
  ASSERT_NE(locked, nullptr);
  EXPECT_THAT(locked->error, AllOf(HasSubstr("locked.errlog"), HasSubstr("Permission denied")));
  const ReportInput* ok = FindInput(r, "ok.errlog");
  ASSERT_NE(ok, nullptr);
  EXPECT_EQ(ok->stats.records, 1u);
}

// The window between listing and reading, made deterministic: with -j1 the CLI reads its
// inputs in name order, and the first one is a named pipe. When the CLI opens the pipe, the
// test deletes the second file, which was listed but is not open yet, then lets the CLI go on.
TEST_F(BadInputCliTest, FileThatDisappearsBetweenListingAndReadingIsNamed) {
  const fs::path fifo = root_ / "a-pipe.log";
  const fs::path gone = root_ / "b-gone.errlog";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0644), 0);
  Write(gone, std::string(kRecord) + "soon gone\n");
  std::atomic<bool> done{false};
  std::atomic<bool> removed{false};
  std::thread feeder([&] {
    while (!done) {
      // Succeeds only while the CLI has the pipe open for reading.
      const int fd = ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK);
      if (fd >= 0) {
        if (!removed) removed = fs::remove(gone);
        const std::string line = std::string(kRecord) + "from the pipe\n";
        [[maybe_unused]] const ssize_t n = ::write(fd, line.data(), line.size());
        ::close(fd);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  });
  const CliRun run =
      Cli(root_, "a-pipe.log b-gone.errlog --year 2026 -q -j1 -f json", "timeout 120 ");
  done = true;
  feeder.join();
  ASSERT_TRUE(removed) << "the CLI never opened the pipe";
  EXPECT_EQ(run.exit_code, 3) << run.err;
  EXPECT_LT(run.seconds, kRunSeconds * kSanitizerSlack);
  const Report r = ParseReport(run);
  ExpectInvariants(r, {});
  const ReportInput* pipe = FindInput(r, "a-pipe.log");
  ASSERT_NE(pipe, nullptr);
  EXPECT_TRUE(pipe->error.empty());
  const ReportInput* missing = FindInput(r, "b-gone.errlog");
  ASSERT_NE(missing, nullptr);
  EXPECT_THAT(missing->error, AllOf(HasSubstr("b-gone.errlog"), HasSubstr("No such file")));
}

// A folder nested past the system's path limit: the file there is named with the reason, the
// rest is analysed, exit 3. Never dropped without a word.
TEST_F(BadInputCliTest, PathLongerThanTheSystemTakesIsNamed) {
  Write(root_ / "Temp/CBEngineCurr.errlog", std::string(kRecord) + "Failed: Hr: = [0x80070005]\n");
  const fs::path cwd = fs::current_path();
  fs::create_directories(root_ / "Temp/deep");
  fs::current_path(root_ / "Temp/deep");
  const std::string segment(200, 'd');
  for (int i = 0; i < 25; ++i) {  // 25 * 201 bytes: past PATH_MAX (4096)
    fs::create_directory(segment);
    fs::current_path(segment);
  }
  { std::ofstream("CBEngine1.errlog") << kRecord << "deep\n"; }
  fs::current_path(cwd);
  const CliRun run = Cli(root_, "Temp --year 2026 -q -f json");
  EXPECT_EQ(run.exit_code, 3) << run.err;
  const Report r = ParseReport(run);
  ExpectInvariants(r, {});
  ASSERT_NE(FindInput(r, "Temp/CBEngineCurr.errlog"), nullptr);
  bool named = false;
  for (const ReportError& e : r.errors) {
    named |= e.path.find(segment) != std::string::npos &&
             e.message.find("File name too long") != std::string::npos;
  }
  EXPECT_TRUE(named);
  // The tree is removed from inside: its full path is too long to name.
  fs::current_path(root_ / "Temp/deep");
  for (int i = 0; i < 25; ++i) fs::current_path(segment);
  fs::remove("CBEngine1.errlog");
  for (int i = 0; i < 25; ++i) {
    fs::current_path("..");
    fs::remove(segment);
  }
  fs::current_path(cwd);
}

// The position of the open file `path` in some process's file table, or -1 while no process
// has it open.
int64_t OpenFilePosition(const fs::path& path) {
  std::error_code ec;
  for (const auto& proc : fs::directory_iterator("/proc", ec)) {
    const std::string pid = proc.path().filename().string();
    if (pid.find_first_not_of("0123456789") != std::string::npos) continue;
    std::error_code fd_ec;
    for (const auto& fd : fs::directory_iterator(proc.path() / "fd", fd_ec)) {
      std::error_code link_ec;
      if (fs::read_symlink(fd.path(), link_ec) != path) continue;
      std::ifstream info(proc.path() / "fdinfo" / fd.path().filename());
      std::string key;
      int64_t pos = -1;
      while (info >> key) {
        if (key == "pos:" && info >> pos) return pos;
      }
    }
  }
  return -1;
}

// A log truncated while it is read (rotated in place, cleared by the agent) is marked as
// partly read, with both sizes, and the exit code is 3.
TEST_F(BadInputCliTest, FileThatShrinksWhileItIsReadIsMarkedPartlyRead) {
  const fs::path big = fs::canonical(root_) / "CBEngineCurr.errlog";
  std::string block;
  while (block.size() < (1 << 20)) block += std::string(kRecord) + "a warning\n";
  for (int attempt = 0; attempt < 3; ++attempt) {
    {
      std::ofstream out(big, std::ios::binary | std::ios::trunc);
      for (int i = 0; i < (192 << attempt); ++i) out << block;
    }
    const uint64_t size = fs::file_size(big);
    std::atomic<bool> done{false};
    std::atomic<int64_t> cut_at{-1};
    std::thread cutter([&] {
      while (!done) {
        const int64_t pos = OpenFilePosition(big);
        if (pos > 0 && static_cast<uint64_t>(pos) < size) {
          fs::resize_file(big, 0);
          cut_at = pos;
          return;
        }
      }
    });
    const CliRun run = Cli(root_, "CBEngineCurr.errlog --year 2026 -q -j1 -f json");
    done = true;
    cutter.join();
    if (cut_at < 0) continue;  // the whole file was read before it could be cut: larger
    EXPECT_EQ(run.exit_code, 3) << run.err;
    const Report r = ParseReport(run);
    ExpectInvariants(r, {});
    const ReportInput* in = FindInput(r, "CBEngineCurr.errlog");
    ASSERT_NE(in, nullptr);
    EXPECT_THAT(in->error, AllOf(HasSubstr("shrank while it was read"),
                                 HasSubstr(std::to_string(size) + " bytes when opened")));
    EXPECT_LT(in->stats.bytes, size);
    return;
  }
  GTEST_SKIP() << "the file was always read to its end before it could be cut";
}

TEST_F(BadInputCliTest, DecompressionBombIsStoppedInBoundedTimeAndMemory) {
#if !defined(LOGANALYZE_HAVE_ZLIB)
  GTEST_SKIP() << "needs zlib to build the bomb (Debian package zlib1g-dev)";
#else
  // A 4095 MiB member of one text byte (one endless line, not binary), deflated to about
  // 4 MB, inside a zip that is itself deflated to a few KB: a tiny zip that inflates to
  // gigabytes. Then a small log that must still be read. Default limits.
  const std::string inner = MakeZip({DeflatedRepeat("bomb.log", 'A', 4095)});
  const std::string outer =
      MakeZip({Deflated("inner.zip", inner),
               Stored("after.errlog", std::string(kRecord) + "after the bomb\n")});
  Write(root_ / "bomb.zip", outer);
  EXPECT_LT(outer.size(), 64u * 1024);

  const CliRun run = Cli(root_, "bomb.zip --year 2026 -q -f json");
  const uint64_t peak = PeakRssBytes(RUSAGE_CHILDREN);
  EXPECT_EQ(run.exit_code, 3) << run.err;
  EXPECT_LT(run.seconds, kRunSeconds * kSanitizerSlack);
  EXPECT_LT(peak, kRunPeakRss * kSanitizerSlack);
  const Report r = ParseReport(run);
  ExpectInvariants(r, {});
  const ReportInput* bomb = FindInput(r, "bomb.zip", "inner.zip/bomb.log");
  ASSERT_NE(bomb, nullptr);
  EXPECT_THAT(bomb->error,
              AllOf(HasSubstr("bomb.zip"), HasSubstr("inner.zip/bomb.log"), HasSubstr("stopped")));
  EXPECT_LT(bomb->stats.bytes, uint64_t{4095} * kMiB);
  const ReportInput* after = FindInput(r, "bomb.zip", "after.errlog");
  ASSERT_NE(after, nullptr);
  EXPECT_EQ(after->stats.records, 1u);
  std::cout << "  bomb stopped after " << bomb->stats.bytes << " bytes in " << run.seconds
            << " s, peak " << peak / kMiB << " MiB: " << bomb->error << "\n";
#endif
}

TEST_F(BadInputCliTest, BrokenKnowledgeBaseIsRefusedNamingEachProblem) {
  const std::string entry = R"({"id": "ID", "products": ["MARS"], "codes": [],
    "severity": "error", "title": {"en": "T", "zh-TW": "標"},
    "cause": {"en": "C.", "zh-TW": "因。"}, "actions": {"en": ["Do."], "zh-TW": ["做。"]},
    "patterns": ["PATTERN"], "samples": {"match": ["x"], "no_match": ["y"]}})";
  auto make = [&](const std::string& id, const std::string& pattern) {
    std::string e = entry;
    e.replace(e.find("ID"), 2, id);
    e.replace(e.find("PATTERN"), 7, pattern);
    return e;
  };
  const fs::path kb = root_ / "kb";
  Write(kb / "broken.json", "{\"schema\": \"loganalyze.kb/1\",\n \"entries\": [}\n");
  Write(kb / "dup.json", R"({"schema": "loganalyze.kb/1", "entries": [)" +
                             make("mars.twice", "one") + "," + make("mars.twice", "two") + "]}");
  Write(root_ / "x.errlog", std::string(kRecord) + "x\n");
  const CliRun loading = Cli(root_, "--kb-dir kb x.errlog -q -f json");
  EXPECT_EQ(loading.exit_code, 2);
  EXPECT_TRUE(loading.out.empty());  // no report from a broken knowledge base
  EXPECT_THAT(loading.err, HasSubstr("broken.json:2:"));
  EXPECT_THAT(loading.err, AllOf(HasSubstr("mars.twice"), HasSubstr("duplicate id")));

  // A pattern RE2 rejects is found when the patterns compile: named with RE2's reason.
  fs::remove_all(kb);
  Write(kb / "regex.json", R"({"schema": "loganalyze.kb/1", "entries": [)" +
                               make("mars.lookbehind", "(?<=x)y") + "]}");
  const CliRun compiling = Cli(root_, "--kb-dir kb x.errlog -q -f json");
  EXPECT_EQ(compiling.exit_code, 2);
  EXPECT_TRUE(compiling.out.empty());
  EXPECT_THAT(compiling.err, AllOf(HasSubstr("regex.json"), HasSubstr("mars.lookbehind"),
                                   HasSubstr("rejected by RE2")));
}

TEST_F(BadInputCliTest, MergeOfBadReportsNamesEachAndKeepsTheRest) {
  Write(root_ / "x.errlog", std::string(kRecord) + "a warning nobody knows\n");
  const CliRun good = Cli(root_, "x.errlog --year 2026 -q -f json -o good.json");
  ASSERT_EQ(good.exit_code, 0) << good.err;
  const std::string json = Read(root_ / "good.json");
  Write(root_ / "cut.json", json.substr(0, json.size() / 2));
  std::string other = json;
  other.replace(other.find("loganalyze.report/1"), 19, "loganalyze.report/2");
  Write(root_ / "other.json", other);
  Write(root_ / "notes.txt", "These are my notes, not a report.\n");

  const CliRun run =
      Cli(root_, "merge good.json cut.json other.json notes.txt missing.json -f json");
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_LT(run.seconds, kRunSeconds * kSanitizerSlack);
  // stderr names each report that was not merged, and why.
  EXPECT_THAT(run.err, HasSubstr("cut.json: not a complete JSON document"));
  EXPECT_THAT(run.err, HasSubstr("other.json: schema is \"loganalyze.report/2\""));
  EXPECT_THAT(run.err, HasSubstr("notes.txt: not a JSON document"));
  EXPECT_THAT(run.err, HasSubstr("missing.json: cannot open"));
  // The merged report holds the good one and lists every report it could not read.
  const Report r = ParseReport(run);
  ExpectInvariants(r, {});
  const ReportInput* x = FindInput(r, "x.errlog");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(x->stats.records, 1u);
  for (const char* name : {"cut.json", "other.json", "notes.txt", "missing.json"}) {
    const ReportInput* bad = FindInput(r, name);
    ASSERT_NE(bad, nullptr) << name;
    EXPECT_FALSE(bad->error.empty()) << name;
  }
}

}  // namespace
}  // namespace loganalyze
