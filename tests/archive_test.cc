// ForEachArchiveMember and IsArchive over real archives made by the real tools (zip, 7z,
// gcab, tar, gzip, python3), in a fresh temporary folder per test.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <set>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "loganalyze/inputs.h"
#include "archive_util.h"
#include "test_util.h"

namespace loganalyze {
namespace {

namespace fs = std::filesystem;
using ::testing::AllOf;
using ::testing::AnyOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

// 2026-01-04 12:30:00 UTC: an even second, since zip and cab keep DOS times.
const int64_t kTime = testing::UnixSeconds(2026, 1, 4) + 12 * 3600 + 30 * 60;

std::string Message(const absl::Status& s) { return std::string(s.message()); }

struct Member {
  std::string path;
  std::optional<int64_t> mtime;
  std::optional<uint64_t> size;
  std::vector<std::string> notes;
  std::string skipped;
  std::string data;    // the first MiB
  uint64_t bytes = 0;  // all bytes read before the end or the error
  absl::Status status;
};

struct WalkResult {
  absl::Status status;
  std::vector<Member> members;
  std::vector<std::pair<std::string, absl::Status>> errors;

  const Member* Find(const std::string& path) const {
    for (const Member& m : members) {
      if (m.path == path) return &m;
    }
    return nullptr;
  }
  std::vector<std::string> Paths() const {
    std::vector<std::string> out;
    for (const Member& m : members) out.push_back(m.path);
    return out;
  }
};

// Reads every member to its end or its first error, as a consumer would.
WalkResult Walk(const fs::path& archive, const ArchiveLimits& limits = {}) {
  WalkResult r;
  r.status = ForEachArchiveMember(
      archive.string(), limits,
      [&](const MemberInfo& info, ByteSource& source) {
        Member m;
        m.path = info.path;
        m.mtime = info.mtime;
        m.size = info.size;
        m.notes = info.notes;
        m.skipped = info.skipped;
        std::vector<char> buffer(64 * 1024);
        for (;;) {
          const absl::StatusOr<size_t> n = source.Read(buffer.data(), buffer.size());
          if (!n.ok()) {
            m.status = n.status();
            break;
          }
          if (*n == 0) break;
          m.bytes += *n;
          if (m.data.size() < (1u << 20)) m.data.append(buffer.data(), *n);
        }
        r.members.push_back(std::move(m));
      },
      [&](std::string_view member, const absl::Status& status) {
        r.errors.emplace_back(std::string(member), status);
      });
  return r;
}

// Names of everything under `dir`, to show that reading wrote nothing.
std::set<std::string> Listing(const fs::path& dir) {
  std::set<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) out.insert(e.path().string());
  return out;
}

class ArchiveTest : public ::testing::Test {
 protected:

  // Writes a file under the test folder with the modification time kTime.
  void Write(const std::string& relative, const std::string& text) const {
    const fs::path p = dir_ / relative;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
    fs::last_write_time(p, std::chrono::file_clock::from_sys(
                               std::chrono::sys_seconds(std::chrono::seconds(kTime))));
  }
  // Runs a shell command in the test folder; tools' chatter goes to /dev/null.
  void Run(const std::string& command) const {
    const std::string line = "cd '" + dir_.string() + "' && (" + command + ") >/dev/null 2>&1";
    ASSERT_EQ(std::system(line.c_str()), 0) << line;
  }
  fs::path Path(const std::string& relative) const { return dir_ / relative; }

  // Two log files and a folder, the input of the format tests.
  void WriteLogs() const {
    Write("CBEngineCurr.errlog", kEngine);
    Write("sub/DPMRA3.errlog", kDpm);
  }
  void ExpectLogs(const WalkResult& r, const std::string& prefix = "") const {
    EXPECT_TRUE(r.status.ok()) << r.status;
    EXPECT_THAT(r.errors, IsEmpty());
    ASSERT_THAT(r.Paths(),
                ElementsAre(prefix + "CBEngineCurr.errlog", prefix + "sub/DPMRA3.errlog"));
    EXPECT_EQ(r.members[0].data, kEngine);
    EXPECT_EQ(r.members[1].data, kDpm);
    for (const Member& m : r.members) {
      EXPECT_TRUE(m.status.ok()) << m.status;
      EXPECT_EQ(m.mtime, kTime) << m.path;
      EXPECT_EQ(m.size, m.data.size()) << m.path;
    }
  }

  static constexpr const char* kEngine =
      "1F40\t1F44\t01/04\t12:30:01.123\t03\tCBEngine.cpp(100)\t\tNORMAL\tStarting backup\n";
  static constexpr const char* kDpm =
      "0A10\t0B20\t01/04\t12:31:00.000\t18\tDPMRA.cpp(7)\t\tWARNING\tVolume busy\n";

  testing::ScratchDir scratch_{"loganalyze_archive_test_"};
  const fs::path dir_ = scratch_.path();
};

TEST(IsArchiveTest, ByNameOrByMagic) {
  for (const char* name : {"x.zip", "X.ZIP", "a.7z", "a.cab", "a.tar", "a.tar.gz", "a.tgz",
                           "CBEngineCurr.errlog.gz"}) {
    EXPECT_TRUE(IsArchive(name, "")) << name;
  }
  EXPECT_FALSE(IsArchive("CBEngineCurr.errlog", "1F40\t1F44"));
  EXPECT_FALSE(IsArchive("zip", ""));
  EXPECT_TRUE(IsArchive("renamed.bin", std::string("PK\x03\x04", 4)));
  EXPECT_TRUE(IsArchive("renamed.bin", std::string("7z\xBC\xAF\x27\x1C", 6)));
  EXPECT_TRUE(IsArchive("renamed.bin", std::string("MSCF\0\0\0\0", 8)));
  EXPECT_TRUE(IsArchive("renamed.bin", std::string("\x1F\x8B\x08", 3)));
  std::string tar(512, '\0');
  tar.replace(257, 5, "ustar");
  EXPECT_TRUE(IsArchive("renamed.bin", tar));
}

TEST_F(ArchiveTest, Zip) {
  REQUIRE_TOOL("zip", "zip");
  WriteLogs();
  Run("zip -q -r logs.zip CBEngineCurr.errlog sub");  // with a folder entry "sub/"
  ExpectLogs(Walk(Path("logs.zip")));
}

TEST_F(ArchiveTest, SevenZip) {
  REQUIRE_TOOL("7z", "p7zip-full");
  WriteLogs();
  Run("7z a -bd -y logs.7z CBEngineCurr.errlog sub");
  ExpectLogs(Walk(Path("logs.7z")));
}

TEST_F(ArchiveTest, Cab) {
  REQUIRE_TOOL("gcab", "gcab");
  WriteLogs();
  Run("gcab -c -z logs.cab CBEngineCurr.errlog sub/DPMRA3.errlog");
  ExpectLogs(Walk(Path("logs.cab")));
}

TEST_F(ArchiveTest, TarAndTarGz) {
  REQUIRE_TOOL("tar", "tar");
  REQUIRE_TOOL("gzip", "gzip");
  WriteLogs();
  Run("tar -cf logs.tar CBEngineCurr.errlog sub && tar -czf logs.tar.gz CBEngineCurr.errlog sub"
      " && cp logs.tar.gz logs.tgz");
  for (const char* name : {"logs.tar", "logs.tar.gz", "logs.tgz"}) {
    SCOPED_TRACE(name);
    ExpectLogs(Walk(Path(name)));
  }
}

TEST_F(ArchiveTest, SingleGzFile) {
  REQUIRE_TOOL("gzip", "gzip");
  Write("CBEngineCurr.errlog", kEngine);
  Run("gzip CBEngineCurr.errlog");  // keeps the time on the .gz
  const WalkResult r = Walk(Path("CBEngineCurr.errlog.gz"));
  EXPECT_TRUE(r.status.ok()) << r.status;
  EXPECT_THAT(r.errors, IsEmpty());
  ASSERT_THAT(r.Paths(), ElementsAre("CBEngineCurr.errlog"));
  EXPECT_EQ(r.members[0].data, kEngine);
  EXPECT_EQ(r.members[0].mtime, kTime);
}

TEST_F(ArchiveTest, ArchivesInsideAZip) {
  REQUIRE_TOOL("zip", "zip");
  REQUIRE_TOOL("tar", "tar");
  Write("inner/dir/x.errlog", kEngine);
  Write("logs/a.log", kDpm);
  Write("one.errlog", kEngine);
  Write("top.log", "top\n");
  Run("cd inner && zip -q -r ../inner.zip dir");
  Run("cd logs && tar -czf ../logs.tar.gz a.log");
  // Zipped from a pipe: sizes follow the data, which the streaming zip reader must handle.
  Run("printf 'piped\\n' | zip -q piped.zip -");
  Run("gzip one.errlog && zip -q outer.zip inner.zip logs.tar.gz one.errlog.gz piped.zip top.log");
  const WalkResult r = Walk(Path("outer.zip"));
  EXPECT_TRUE(r.status.ok()) << r.status;
  EXPECT_THAT(r.errors, IsEmpty());
  ASSERT_THAT(r.Paths(), ElementsAre("inner.zip/dir/x.errlog", "logs.tar.gz/a.log",
                                     "one.errlog.gz/one.errlog", "piped.zip/-", "top.log"));
  EXPECT_EQ(r.members[0].data, kEngine);
  EXPECT_EQ(r.members[0].mtime, kTime);
  EXPECT_EQ(r.members[1].data, kDpm);
  EXPECT_EQ(r.members[2].data, kEngine);
  EXPECT_EQ(r.members[3].data, "piped\n");
  EXPECT_EQ(r.members[4].data, "top\n");
}

TEST_F(ArchiveTest, SevenZipAndCabInsideAZip) {
  REQUIRE_TOOL("zip", "zip");
  REQUIRE_TOOL("7z", "p7zip-full");
  REQUIRE_TOOL("gcab", "gcab");
  WriteLogs();
  Run("7z a -bd -y logs.7z CBEngineCurr.errlog sub && gcab -c -z logs.cab CBEngineCurr.errlog"
      " && zip -q outer.zip logs.7z logs.cab");
  const WalkResult r = Walk(Path("outer.zip"));
  EXPECT_TRUE(r.status.ok()) << r.status;
  ASSERT_THAT(r.Paths(), ElementsAre("logs.cab/CBEngineCurr.errlog"));
  EXPECT_EQ(r.members[0].data, kEngine);
  // 7z keeps its index at the end and needs seeking: a nested one is named, not read.
  ASSERT_THAT(r.errors, SizeIs(1));
  EXPECT_EQ(r.errors[0].first, "logs.7z");
  EXPECT_EQ(r.errors[0].second.code(), absl::StatusCode::kUnimplemented);
  EXPECT_THAT(Message(r.errors[0].second), AllOf(HasSubstr(Path("outer.zip").string()),
                                                 HasSubstr("'logs.7z'"), HasSubstr("extract it")));
}

TEST_F(ArchiveTest, ZipRecognisedByMagicWhateverItsName) {
  REQUIRE_TOOL("zip", "zip");
  Write("x.errlog", kEngine);
  Run("zip -q inner.zip x.errlog && mv inner.zip inner.bin && zip -q outer.zip inner.bin");
  EXPECT_THAT(Walk(Path("outer.zip")).Paths(), ElementsAre("inner.bin/x.errlog"));
}

TEST_F(ArchiveTest, NestingPastMaxDepthIsAnErrorForThatMember) {
  REQUIRE_TOOL("zip", "zip");
  Write("leaf.log", "leaf\n");
  Write("beside.log", "beside\n");
  // l4.zip > l3.zip > l2.zip > l1.zip > l0.zip > leaf.log
  Run("zip -q l0.zip leaf.log && zip -q l1.zip l0.zip && zip -q l2.zip l1.zip"
      " && zip -q l3.zip l2.zip && zip -q l4.zip l3.zip beside.log");
  ArchiveLimits limits;
  limits.max_depth = 3;
  const WalkResult r = Walk(Path("l4.zip"), limits);
  EXPECT_TRUE(r.status.ok()) << r.status;
  EXPECT_THAT(r.Paths(), ElementsAre("beside.log"));
  ASSERT_THAT(r.errors, SizeIs(1));
  EXPECT_EQ(r.errors[0].first, "l3.zip/l2.zip/l1.zip/l0.zip");
  EXPECT_EQ(r.errors[0].second.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(Message(r.errors[0].second),
              AllOf(HasSubstr(Path("l4.zip").string()), HasSubstr("l3.zip/l2.zip/l1.zip/l0.zip"),
                    HasSubstr("max_depth (3)")));

  limits.max_depth = 4;
  const WalkResult deeper = Walk(Path("l4.zip"), limits);
  EXPECT_THAT(deeper.errors, IsEmpty());
  EXPECT_THAT(deeper.Paths(), ElementsAre("l3.zip/l2.zip/l1.zip/l0.zip/leaf.log", "beside.log"));
}

TEST_F(ArchiveTest, CorruptMemberIsReportedAndTheNextOneRead) {
  REQUIRE_TOOL("zip", "zip");
  std::string text;
  for (int i = 0; i < 2000; ++i) text += "line " + std::to_string(i * 7919 % 10007) + " of a log\n";
  Write("a.log", text);
  Write("b.log", text);
  Write("c.log", text);
  Run("zip -q logs.zip a.log b.log c.log");
  // Overwrite the middle of b.log's compressed data.
  std::fstream f(Path("logs.zip"), std::ios::in | std::ios::out | std::ios::binary);
  const std::string zip((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  const size_t b = zip.find("b.log");
  ASSERT_NE(b, std::string::npos);
  f.seekp(static_cast<std::streamoff>(b + 200));
  f << std::string(64, '\xAA');
  f.close();

  const WalkResult r = Walk(Path("logs.zip"));
  EXPECT_TRUE(r.status.ok()) << r.status;
  ASSERT_THAT(r.Paths(), ElementsAre("a.log", "b.log", "c.log"));
  EXPECT_TRUE(r.members[0].status.ok());
  EXPECT_EQ(r.members[0].data, text);
  EXPECT_EQ(r.members[1].status.code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(Message(r.members[1].status),
              AllOf(HasSubstr(Path("logs.zip").string()), HasSubstr("'b.log'")));
  EXPECT_TRUE(r.members[2].status.ok()) << r.members[2].status;
  EXPECT_EQ(r.members[2].data, text);
}

TEST_F(ArchiveTest, TruncatedZipGivesWhatItHoldsAndAnError) {
  REQUIRE_TOOL("zip", "zip");
  std::string big;
  for (int i = 0; i < 50000; ++i) big += "entry " + std::to_string(i * 7919 % 100003) + "\n";
  Write("a.log", kEngine);
  Write("b.log", big);
  Run("zip -q logs.zip a.log b.log");
  fs::resize_file(Path("logs.zip"), fs::file_size(Path("logs.zip")) / 2);

  const WalkResult r = Walk(Path("logs.zip"));
  EXPECT_TRUE(r.status.ok()) << r.status;
  ASSERT_THAT(r.Paths(), ElementsAre("a.log", "b.log"));
  EXPECT_EQ(r.members[0].data, kEngine);
  EXPECT_FALSE(r.members[1].status.ok());
  EXPECT_THAT(Message(r.members[1].status),
              AllOf(HasSubstr(Path("logs.zip").string()), HasSubstr("'b.log'")));
}

TEST_F(ArchiveTest, EncryptedMemberIsAnErrorAndOthersAreRead) {
  REQUIRE_TOOL("zip", "zip");
  Write("secret.log", kEngine);
  Write("plain.log", kDpm);
  Run("zip -q -P secret logs.zip secret.log && zip -q logs.zip plain.log");
  const WalkResult r = Walk(Path("logs.zip"));
  EXPECT_TRUE(r.status.ok()) << r.status;
  ASSERT_THAT(r.Paths(), ElementsAre("secret.log", "plain.log"));
  EXPECT_EQ(r.members[0].status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(Message(r.members[0].status),
              AllOf(HasSubstr(Path("logs.zip").string()), HasSubstr("'secret.log'"),
                    HasSubstr("encrypted")));
  EXPECT_EQ(r.members[0].bytes, 0u);
  EXPECT_TRUE(r.members[1].status.ok());
  EXPECT_EQ(r.members[1].data, kDpm);
}

TEST_F(ArchiveTest, EncryptedSevenZip) {
  REQUIRE_TOOL("7z", "p7zip-full");
  Write("secret.log", kEngine);
  Run("7z a -bd -y -psecret data.7z secret.log && 7z a -bd -y -psecret -mhe=on names.7z "
      "secret.log");
  const WalkResult data = Walk(Path("data.7z"));
  EXPECT_TRUE(data.status.ok()) << data.status;
  ASSERT_THAT(data.Paths(), ElementsAre("secret.log"));
  EXPECT_THAT(Message(data.members[0].status),
              AllOf(HasSubstr(Path("data.7z").string()), HasSubstr("encrypted")));
  // With the names encrypted too, nothing can be read at all.
  const WalkResult names = Walk(Path("names.7z"));
  EXPECT_FALSE(names.status.ok());
  EXPECT_THAT(Message(names.status),
              AllOf(HasSubstr(Path("names.7z").string()), HasSubstr("password")));
}

TEST_F(ArchiveTest, PathTraversalNamesAreJustNames) {
  REQUIRE_TOOL("zip", "zip");
  // zip keeps a "../" that it is given: the archive holds "../../escaped.errlog".
  Write("escaped.errlog", "up\n");
  fs::create_directories(Path("a/b"));
  Run("cd a/b && zip -q ../../evil.zip ../../escaped.errlog && rm ../../escaped.errlog");
  const std::set<std::string> before = Listing(dir_);
  const WalkResult r = Walk(Path("evil.zip"));
  EXPECT_TRUE(r.status.ok()) << r.status;
  ASSERT_THAT(r.Paths(), ElementsAre("../../escaped.errlog"));
  EXPECT_EQ(r.members[0].data, "up\n");
  EXPECT_EQ(Listing(dir_), before);  // nothing written, here or above
  EXPECT_FALSE(fs::exists(dir_.parent_path().parent_path() / "escaped.errlog"));
  EXPECT_FALSE(fs::exists("../../escaped.errlog"));
}

TEST_F(ArchiveTest, AbsoluteAndBackslashNamesAreJustNames) {
  REQUIRE_TOOL("python3", "python3");
  Run("python3 -c \"import zipfile; z = zipfile.ZipFile('evil.zip', 'w'); "
      "z.writestr('/abs/rooted.errlog', 'root\\n'); "
      "z.writestr('..\\\\..\\\\win.errlog', 'win\\n'); z.close()\"");
  const std::set<std::string> before = Listing(dir_);
  const WalkResult r = Walk(Path("evil.zip"));
  EXPECT_TRUE(r.status.ok()) << r.status;
  // libarchive turns the backslashes of zip names into slashes; either way, just a name.
  ASSERT_THAT(r.Paths(),
              ElementsAre("/abs/rooted.errlog", AnyOf("../../win.errlog", "..\\..\\win.errlog")));
  EXPECT_EQ(r.members[0].data, "root\n");
  EXPECT_EQ(r.members[1].data, "win\n");
  EXPECT_EQ(Listing(dir_), before);
  EXPECT_FALSE(fs::exists("/abs/rooted.errlog"));
}

TEST_F(ArchiveTest, MemberLimitStopsTheMemberAndTheWalkGoesOn) {
  REQUIRE_TOOL("zip", "zip");
  // 32 MiB of log-like text; the limit sits below it.
  std::string line = "1F40\t1F44\t01/04\t12:30:01.123\t03\tCBEngine.cpp(100)\t\tNORMAL\tx\n";
  std::string text;
  while (text.size() < (32u << 20)) text += line;
  Write("big.log", text);
  Write("after.log", "after\n");
  Run("zip -q logs.zip big.log after.log");
  ArchiveLimits limits;
  limits.max_member_bytes = 8 << 20;
  limits.max_ratio = 100000;
  const WalkResult r = Walk(Path("logs.zip"), limits);
  ASSERT_THAT(r.Paths(), ElementsAre("big.log", "after.log"));
  EXPECT_EQ(r.members[0].status.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(Message(r.members[0].status),
              AllOf(HasSubstr(Path("logs.zip").string()), HasSubstr("'big.log'"),
                    HasSubstr("max_member_bytes")));
  EXPECT_LE(r.members[0].bytes, 8u << 20);
  EXPECT_EQ(r.members[1].data, "after\n");
}

TEST_F(ArchiveTest, TotalLimitStopsTheWalk) {
  REQUIRE_TOOL("zip", "zip");
  std::string text;
  for (int i = 0; i < 300000; ++i) text += "entry " + std::to_string(i) + "\n";  // ~3.5 MB
  Write("a.log", text);
  Write("b.log", text);
  Write("c.log", text);
  Run("zip -q logs.zip a.log b.log c.log");
  ArchiveLimits limits;
  limits.max_total_bytes = 5 << 20;
  const WalkResult r = Walk(Path("logs.zip"), limits);
  EXPECT_TRUE(r.status.ok()) << r.status;
  ASSERT_THAT(r.Paths(), ElementsAre("a.log", "b.log"));  // c.log is not reached
  EXPECT_TRUE(r.members[0].status.ok());
  EXPECT_EQ(r.members[1].status.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(Message(r.members[1].status),
              AllOf(HasSubstr("'b.log'"), HasSubstr("max_total_bytes")));
}

// One zip bomb for the suite: 300 MB of zeros (about 300 KB zipped), then a small log.
class BombTest : public ArchiveTest {
 protected:
  static void SetUpTestSuite() {
    if (!testing::HaveTool("zip")) return;
    bomb_dir_ =
        new fs::path(fs::temp_directory_path() /
                     ("loganalyze_archive_bomb_" +
                      std::to_string(std::chrono::steady_clock::now().time_since_epoch().count())));
    fs::create_directories(*bomb_dir_);
    const std::string cmd = "cd '" + bomb_dir_->string() +
                            "' && head -c 300000000 /dev/zero > zeros.bin && echo after > after.log"
                            " && zip -q bomb.zip zeros.bin after.log && rm zeros.bin";
    if (std::system(cmd.c_str()) != 0) fs::remove(*bomb_dir_ / "bomb.zip");
  }
  static void TearDownTestSuite() {
    if (bomb_dir_ == nullptr) return;
    std::error_code ec;
    fs::remove_all(*bomb_dir_, ec);
    delete bomb_dir_;
    bomb_dir_ = nullptr;
  }
  void SetUp() override {
    if (bomb_dir_ == nullptr || !fs::exists(*bomb_dir_ / "bomb.zip")) {
      GTEST_SKIP() << (testing::HaveTool("zip") ? std::string("bomb.zip could not be made")
                                                : testing::MissingToolReason("zip", "zip"));
    }
  }
  // Walks the bomb and checks that zeros.bin stops with `limit` named and after.log is read.
  // Returns the bytes zeros.bin delivered before it was stopped.
  uint64_t ExpectStopped(const ArchiveLimits& limits, const std::string& limit) {
    const auto start = std::chrono::steady_clock::now();
    const WalkResult r = Walk(*bomb_dir_ / "bomb.zip", limits);
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::steady_clock::now() - start)
                        .count();
    EXPECT_TRUE(r.status.ok()) << r.status;
    EXPECT_THAT(r.errors, IsEmpty());
    EXPECT_THAT(r.Paths(), ElementsAre("zeros.bin", "after.log"));
    if (r.members.size() != 2) return 0;
    EXPECT_EQ(r.members[0].status.code(), absl::StatusCode::kResourceExhausted);
    EXPECT_THAT(Message(r.members[0].status),
                AllOf(HasSubstr("bomb.zip"), HasSubstr("'zeros.bin'"), HasSubstr(limit)));
    EXPECT_TRUE(r.members[1].status.ok());
    EXPECT_EQ(r.members[1].data, "after\n");
    EXPECT_LT(ms, 3000);
    std::cout << "  zeros.bin stopped after " << r.members[0].bytes << " bytes in " << ms
              << " ms: " << r.members[0].status.message() << "\n";
    return r.members[0].bytes;
  }

  static fs::path* bomb_dir_;
};

fs::path* BombTest::bomb_dir_ = nullptr;

TEST_F(BombTest, StoppedByTheMemberLimit) {
  ArchiveLimits limits;
  limits.max_member_bytes = 64 << 20;
  limits.max_ratio = 1'000'000;
  EXPECT_LE(ExpectStopped(limits, "max_member_bytes"), 64u << 20);
}

TEST_F(BombTest, StoppedByTheRatio) {
  ArchiveLimits limits;
  limits.max_ratio = 100;
  // Stopped once the archive as a whole is past the ratio too: 100 times its size (give or
  // take the last block read).
  EXPECT_LE(ExpectStopped(limits, "max_ratio"),
            100 * fs::file_size(*bomb_dir_ / "bomb.zip") + (1u << 20));
}

TEST_F(BombTest, NestedBombIsStoppedToo) {
  const fs::path outer = *bomb_dir_ / "outer.zip";
  const std::string cmd = "cd '" + bomb_dir_->string() + "' && zip -q outer.zip bomb.zip";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  ArchiveLimits limits;
  limits.max_ratio = 100;
  const WalkResult r = Walk(outer, limits);
  fs::remove(outer);
  EXPECT_TRUE(r.status.ok()) << r.status;
  ASSERT_THAT(r.Paths(), ElementsAre("bomb.zip/zeros.bin", "bomb.zip/after.log"));
  EXPECT_EQ(r.members[0].status.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(
      Message(r.members[0].status),
      AllOf(HasSubstr("outer.zip"), HasSubstr("'bomb.zip/zeros.bin'"), HasSubstr("max_ratio")));
  EXPECT_EQ(r.members[1].data, "after\n");
}

TEST_F(BombTest, StoppedByTheTotal) {
  ArchiveLimits limits;
  limits.max_total_bytes = 16 << 20;
  limits.max_ratio = 1'000'000;
  const WalkResult r = Walk(*bomb_dir_ / "bomb.zip", limits);
  ASSERT_THAT(r.Paths(), ElementsAre("zeros.bin"));  // the walk stops there
  EXPECT_THAT(Message(r.members[0].status), HasSubstr("max_total_bytes"));
}

TEST_F(ArchiveTest, GzipBombStoppedByTheRatio) {
  REQUIRE_TOOL("gzip", "gzip");
  Run("head -c 64000000 /dev/zero | gzip > zeros.log.gz");
  ArchiveLimits limits;
  limits.max_ratio = 100;
  const WalkResult r = Walk(Path("zeros.log.gz"), limits);
  ASSERT_THAT(r.Paths(), ElementsAre("zeros.log"));
  EXPECT_EQ(r.members[0].status.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(Message(r.members[0].status), HasSubstr("max_ratio"));
  EXPECT_LE(r.members[0].bytes, 100 * fs::file_size(Path("zeros.log.gz")) + (1u << 20));
}

TEST_F(ArchiveTest, TarGzBombEndsTheWalkRatherThanInflateItAll) {
  REQUIRE_TOOL("tar", "tar");
  // Getting past a member of a tar.gz means inflating it: after a bomb, the walk stops.
  Write("after.log", "after\n");
  Run("head -c 64000000 /dev/zero > zeros.bin && tar -czf bomb.tar.gz zeros.bin after.log"
      " && rm zeros.bin");
  ArchiveLimits limits;
  limits.max_ratio = 100;
  const auto start = std::chrono::steady_clock::now();
  const WalkResult r = Walk(Path("bomb.tar.gz"), limits);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  EXPECT_TRUE(r.status.ok()) << r.status;
  ASSERT_THAT(r.Paths(), ElementsAre("zeros.bin"));
  EXPECT_THAT(Message(r.members[0].status), HasSubstr("max_ratio"));
  ASSERT_THAT(r.errors, SizeIs(1));
  EXPECT_EQ(r.errors[0].first, "");
  EXPECT_THAT(Message(r.errors[0].second), AllOf(HasSubstr("bomb.tar.gz"), HasSubstr("'zeros.bin'"),
                                                 HasSubstr("later members are not read")));
}

TEST_F(ArchiveTest, MembersLeftHalfReadAreSkipped) {
  REQUIRE_TOOL("tar", "tar");
  WriteLogs();
  Run("tar -czf logs.tar.gz CBEngineCurr.errlog sub && zip -q logs.zip CBEngineCurr.errlog sub/*");
  for (const char* name : {"logs.tar.gz", "logs.zip"}) {
    SCOPED_TRACE(name);
    std::vector<std::string> heads;
    const absl::Status status = ForEachArchiveMember(
        Path(name).string(), {},
        [&](const MemberInfo&, ByteSource& source) {
          char head[4];
          const absl::StatusOr<size_t> n = source.Read(head, sizeof head);
          heads.emplace_back(head, n.ok() ? *n : 0);
        },
        [&](std::string_view member, const absl::Status& s) {
          ADD_FAILURE() << member << ": " << s;
        });
    EXPECT_TRUE(status.ok()) << status;
    EXPECT_THAT(heads, ElementsAre("1F40", "0A10"));
  }
}

TEST_F(ArchiveTest, SolidSevenZipOfLogsIsNotMistakenForABomb) {
  REQUIRE_TOOL("7z", "p7zip-full");
  // Several log-like members share one solid block, so the compressed bytes of the later
  // ones go by while the first is read: their own ratio looks enormous.
  std::vector<std::string> texts;
  uint32_t state = 12345;
  for (const char* name : {"a.log", "b.log", "c.log", "d.log"}) {
    std::string text;
    while (text.size() < (3u << 19)) {
      state = state * 1103515245u + 12345u;
      text += "1F40\t1F44\t01/04\t12:30:01.123\t03\tCBEngine.cpp(" + std::to_string(state >> 20) +
              ")\t\tNORMAL\tjob " + std::to_string((state >> 4) & 0xFFFF) + " done\n";
    }
    Write(name, text);
    texts.push_back(std::move(text));
  }
  Run("7z a -bd -y -ms=on logs.7z a.log b.log c.log d.log");
  ArchiveLimits limits;
  limits.max_ratio = 20;  // well above these logs' ratio as a whole
  const WalkResult r = Walk(Path("logs.7z"), limits);
  EXPECT_TRUE(r.status.ok()) << r.status;
  EXPECT_THAT(r.errors, IsEmpty());
  ASSERT_THAT(r.members, SizeIs(4));
  for (size_t i = 0; i < r.members.size(); ++i) {
    EXPECT_TRUE(r.members[i].status.ok()) << r.members[i].status;
    EXPECT_EQ(r.members[i].bytes, texts[i].size()) << r.members[i].path;
  }
}

TEST_F(ArchiveTest, NotAnArchiveOrMissing) {
  Write("fake.zip", "this is a text file, not a zip\n");
  const absl::Status fake = Walk(Path("fake.zip")).status;
  EXPECT_EQ(fake.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(Message(fake), HasSubstr(Path("fake.zip").string()));
  const absl::Status missing = Walk(Path("missing.zip")).status;
  EXPECT_EQ(missing.code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(Message(missing), HasSubstr(Path("missing.zip").string()));
}

// ---------------------------------------------------------------------------------------
// Member names in UTF-8 whatever the archive did with them, and entries that are not files.

// "備份記錄" (backup records), a folder name of Traditional Chinese Windows, in CP950.
constexpr char kBackupRecordsCp950[] = "\xB3\xC6\xA5\xF7\xB0O\xBF\xFD";
// "許功蓋" in CP950: the second byte of each character is 0x5C, a backslash in ASCII.
constexpr char kBackslashTrailsCp950[] = "\xB3\x5C\xA5\x5C\xBB\x5C";
// "Ärger─Protokoll" (a German word and a box-drawing line) in CP437.
constexpr char kGermanCp437[] = "\x8E" "rger\xC4" "Protokoll";

constexpr char kCp950Note[] =
    "member name decoded from CP950 (Traditional Chinese Windows); the zip does not mark it "
    "as UTF-8";

class ArchiveNamesTest : public ArchiveTest {
 protected:
  void WriteZip(const std::string& zip, const testing::ZipMembers& members) const {
    ASSERT_TRUE(testing::WriteZip(Path(zip), members));
  }
  void WriteLegacyZip(const std::string& zip, const testing::ZipMembers& members) const {
    ASSERT_TRUE(testing::WriteLegacyZip(Path(zip), members));
  }
  // `zip` holds kEngine as 備份記錄/Temp/CBEngineCurr.errlog, a name that needed no decoding.
  void ExpectTheEngineLogAsNamed(const std::string& zip) const {
    const WalkResult r = Walk(Path(zip));
    EXPECT_TRUE(r.status.ok()) << r.status;
    EXPECT_THAT(r.errors, IsEmpty());
    ASSERT_THAT(r.Paths(), ElementsAre("備份記錄/Temp/CBEngineCurr.errlog"));
    EXPECT_EQ(r.members[0].data, kEngine);
    EXPECT_THAT(r.members[0].notes, IsEmpty());
  }
};

TEST_F(ArchiveNamesTest, ZipWithTheUtf8FlagKeepsItsNames) {
  WriteZip("flagged.zip", {{"備份記錄/Temp/CBEngineCurr.errlog", kEngine}});
  ExpectTheEngineLogAsNamed("flagged.zip");
}

TEST_F(ArchiveNamesTest, ZipOfSevenZipKeepsItsNames) {
  REQUIRE_TOOL("7z", "p7zip-full");
  Write("備份記錄/Temp/CBEngineCurr.errlog", kEngine);
  Run("7z a -bd -y -tzip 7z.zip 備份記錄");  // 7-Zip sets the flag on names that need it
  ExpectTheEngineLogAsNamed("7z.zip");
}

TEST_F(ArchiveNamesTest, SevenZipKeepsItsNames) {
  REQUIRE_TOOL("7z", "p7zip-full");
  Write("備份記錄/Temp/CBEngineCurr.errlog", kEngine);
  Write("備份記錄/日誌.log", kDpm);
  Run("7z a -bd -y logs.7z 備份記錄");
  const WalkResult r = Walk(Path("logs.7z"));
  EXPECT_TRUE(r.status.ok()) << r.status;
  EXPECT_THAT(r.errors, IsEmpty());
  ASSERT_THAT(r.Paths(), ::testing::UnorderedElementsAre("備份記錄/Temp/CBEngineCurr.errlog",
                                                          "備份記錄/日誌.log"));
  EXPECT_EQ(r.Find("備份記錄/Temp/CBEngineCurr.errlog")->data, kEngine);
  for (const Member& m : r.members) EXPECT_THAT(m.notes, IsEmpty()) << m.path;
}

TEST_F(ArchiveNamesTest, LegacyZipFromTraditionalChineseWindowsIsReadAsCp950) {
  WriteLegacyZip("legacy.zip",
                 {{std::string(kBackupRecordsCp950) + "/Temp/CBEngineCurr.errlog", kEngine},
                  // Backslashes between folders, as some Windows tools write them.
                  {std::string(kBackslashTrailsCp950) + "\\Temp\\DPMRACurr.errlog", kDpm},
                  {"日誌/utf8-without-the-flag.log", kEngine},
                  {"plain.log", kDpm}});
  const WalkResult r = Walk(Path("legacy.zip"));
  EXPECT_TRUE(r.status.ok()) << r.status;
  EXPECT_THAT(r.errors, IsEmpty());
  ASSERT_THAT(r.Paths(), ElementsAre("備份記錄/Temp/CBEngineCurr.errlog",
                                     "許功蓋/Temp/DPMRACurr.errlog",
                                     "日誌/utf8-without-the-flag.log", "plain.log"));
  EXPECT_EQ(r.members[0].data, kEngine);
  EXPECT_EQ(r.members[1].data, kDpm);
  EXPECT_THAT(r.members[0].notes, ElementsAre(kCp950Note));
  EXPECT_THAT(r.members[1].notes, ElementsAre(kCp950Note));
  // Valid UTF-8 stays UTF-8, and ASCII needs no word.
  EXPECT_THAT(r.members[2].notes, IsEmpty());
  EXPECT_THAT(r.members[3].notes, IsEmpty());
}

TEST_F(ArchiveNamesTest, LegacyZipThatIsNotChineseIsReadAsCp437) {
  WriteLegacyZip("legacy.zip", {{std::string(kGermanCp437) + "/CBEngineCurr.errlog", kEngine}});
  const WalkResult r = Walk(Path("legacy.zip"));
  EXPECT_TRUE(r.status.ok()) << r.status;
  ASSERT_THAT(r.Paths(), ElementsAre("Ärger─Protokoll/CBEngineCurr.errlog"));
  EXPECT_EQ(r.members[0].data, kEngine);
  EXPECT_THAT(r.members[0].notes,
              ElementsAre(AllOf(HasSubstr("decoded from CP437"),
                                HasSubstr("the zip does not mark it as UTF-8"))));
}

TEST_F(ArchiveNamesTest, TarNamesAreUtf8OrDecodedLikeALegacyZip) {
  REQUIRE_TOOL("tar", "tar");
  REQUIRE_TOOL("python3", "python3");
  Write("備份記錄/Temp/CBEngineCurr.errlog", kEngine);
  Run("tar --format=pax -cf pax.tar 備份記錄 && tar --format=ustar -cf ustar.tar 備份記錄");
  for (const char* tar : {"pax.tar", "ustar.tar"}) {
    SCOPED_TRACE(tar);
    const WalkResult r = Walk(Path(tar));
    EXPECT_TRUE(r.status.ok()) << r.status;
    ASSERT_THAT(r.Paths(), ElementsAre("備份記錄/Temp/CBEngineCurr.errlog"));
    EXPECT_THAT(r.members[0].notes, IsEmpty());
  }
  // A tar written on a machine whose file names are CP950.
  Run("python3 -c \"import tarfile; t = tarfile.open('cp950.tar', 'w', "
      "format=tarfile.GNU_FORMAT, encoding='cp950'); "
      "t.add('備份記錄/Temp/CBEngineCurr.errlog'); t.close()\"");
  const WalkResult r = Walk(Path("cp950.tar"));
  EXPECT_TRUE(r.status.ok()) << r.status;
  ASSERT_THAT(r.Paths(), ElementsAre("備份記錄/Temp/CBEngineCurr.errlog"));
  EXPECT_EQ(r.members[0].data, kEngine);
  EXPECT_THAT(r.members[0].notes,
              ElementsAre(AllOf(HasSubstr("decoded from CP950"), HasSubstr("tar"))));
}

TEST_F(ArchiveNamesTest, NameThatCannotBeDecodedIsNamedByItsPosition) {
  // The UTF-8 flag is set, but the bytes are CP950: libarchive gives no name at all.
  WriteZip("bad.zip", {{"a.log", kEngine}, {"éééé/b.log", kDpm}});
  std::string bytes = testing::ReadWholeFile(Path("bad.zip"));
  for (size_t at = bytes.find("éééé"); at != std::string::npos; at = bytes.find("éééé")) {
    bytes.replace(at, 8, kBackupRecordsCp950);
  }
  testing::WriteWholeFile(Path("bad.zip"), bytes);
  const WalkResult r = Walk(Path("bad.zip"));
  EXPECT_TRUE(r.status.ok()) << r.status;
  ASSERT_THAT(r.Paths(), ElementsAre("a.log", "(unnamed member 2)"));
  EXPECT_EQ(r.members[1].data, kDpm);
  EXPECT_THAT(r.members[1].notes, ElementsAre(HasSubstr("cannot be decoded")));
}

TEST_F(ArchiveNamesTest, TarLinksDevicesAndFifosAreListedAsSkipped) {
  REQUIRE_TOOL("tar", "tar");
  REQUIRE_TOOL("python3", "python3");
  Write("備份記錄/Temp/CBEngineCurr.errlog", kEngine);
  Run("ln 備份記錄/Temp/CBEngineCurr.errlog hard.errlog && "
      "ln -s 備份記錄/Temp/CBEngineCurr.errlog sym.errlog && mkfifo fifo && "
      "tar -cf links.tar 備份記錄 hard.errlog sym.errlog fifo");
  const WalkResult r = Walk(Path("links.tar"));
  EXPECT_TRUE(r.status.ok()) << r.status;
  EXPECT_THAT(r.errors, IsEmpty());
  // The folders are not listed: they hold no data.
  ASSERT_THAT(r.Paths(), ElementsAre("備份記錄/Temp/CBEngineCurr.errlog", "hard.errlog",
                                     "sym.errlog", "fifo"));
  EXPECT_EQ(r.members[0].data, kEngine);
  EXPECT_EQ(r.members[0].skipped, "");
  EXPECT_EQ(r.members[1].skipped,
            "hard link to member '備份記錄/Temp/CBEngineCurr.errlog'; its data is read as that "
            "member");
  EXPECT_EQ(r.members[2].skipped,
            "symbolic link to '備份記錄/Temp/CBEngineCurr.errlog'; links inside an archive are "
            "not followed");
  EXPECT_EQ(r.members[3].skipped, "a FIFO entry, not a file");
  for (size_t i = 1; i < r.members.size(); ++i) {
    EXPECT_EQ(r.members[i].bytes, 0u) << r.members[i].path;
    EXPECT_TRUE(r.members[i].status.ok()) << r.members[i].status;
  }

  // A device node needs root to make, not to describe: Python writes its header.
  Run("python3 -c \"import tarfile; t = tarfile.open('device.tar', 'w'); "
      "i = tarfile.TarInfo('dev/console'); i.type = tarfile.CHRTYPE; t.addfile(i); "
      "t.close()\"");
  const WalkResult device = Walk(Path("device.tar"));
  ASSERT_THAT(device.Paths(), ElementsAre("dev/console"));
  EXPECT_EQ(device.members[0].skipped, "a device entry, not a file");
}

}  // namespace
}  // namespace loganalyze
