// ExpandInputs and WildcardMatch over real folder trees built in the temporary folder.
#include "loganalyze/inputs.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#ifndef _WIN32
#include <sys/stat.h>  // mkfifo
#endif

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "test_util.h"

namespace loganalyze {
namespace {

namespace fs = std::filesystem;
using ::testing::AllOf;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Each;
using ::testing::Not;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;

// An InputError for `what`, of kind `code`, whose message matches `message`.
template <typename M>
auto Err(const std::string& what, absl::StatusCode code, M message) {
  return AllOf(Field(&InputError::what, what),
               ::testing::Property(&InputError::message, message),
               ::testing::ResultOf([](const InputError& e) { return e.status.code(); }, code));
}

// A fresh folder under the system's temporary folder, removed with everything in it.
class TempTree {
 public:
  TempTree() {
    static std::atomic<int> counter{0};
    const auto now = std::chrono::steady_clock::now().time_since_epoch().count();
    root_ = fs::temp_directory_path() /
            ("loganalyze_inputs_test_" + std::to_string(now) + "_" + std::to_string(++counter));
    fs::create_directories(root_);
  }
  ~TempTree() {
    std::error_code ec;
    // Undo a test's chmod so that the tree can be removed.
    for (auto it = fs::recursive_directory_iterator(root_, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (it->is_directory(ec) && !it->is_symlink(ec)) {
        fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, ec);
      }
    }
    fs::remove_all(root_, ec);
  }
  TempTree(const TempTree&) = delete;
  TempTree& operator=(const TempTree&) = delete;

  const fs::path& root() const { return root_; }
  // Creates the file (and its folders) and returns its path as ExpandInputs spells it.
  std::string File(const std::string& relative, const std::string& text = "x\n") const {
    const fs::path p = root_ / relative;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
    return Path(relative);
  }
  std::string Path(const std::string& relative) const {
    return (root_ / relative).lexically_normal().string();
  }
  // `root` with a relative path appended, as text typed by a user.
  std::string Arg(const std::string& relative) const { return root_.string() + "/" + relative; }

 private:
  fs::path root_;
};

// The tree most tests use: a MARS and a DPM folder, one nested folder, one file at the top.
class InputsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    engine_curr_ = tree_.File("mars/CBEngineCurr.errlog");
    engine1_ = tree_.File("mars/CBEngine1.errlog");
    failed_ = tree_.File("mars/LastBackupFailedFiles17af1.txt");
    deep_ = tree_.File("mars/sub/deep/Other.errlog");
    dpm_curr_ = tree_.File("dpm/DPMRACurr.errlog");
    dpm3_ = tree_.File("dpm/DPMRA3.errlog");
    top_ = tree_.File("top.errlog");
  }

  TempTree tree_;
  std::string engine_curr_, engine1_, failed_, deep_, dpm_curr_, dpm3_, top_;
};

TEST(WildcardMatchTest, StarStaysWithinOneFolder) {
  EXPECT_TRUE(WildcardMatch("*.errlog", "CBEngineCurr.errlog"));
  EXPECT_TRUE(WildcardMatch("CB*Curr*", "CBEngineCurr.errlog"));
  EXPECT_TRUE(WildcardMatch("*", "anything"));
  EXPECT_FALSE(WildcardMatch("*.errlog", "mars/CBEngineCurr.errlog"));
  EXPECT_FALSE(WildcardMatch("*.errlog", "CBEngineCurr.errlog.bak"));
  EXPECT_TRUE(WildcardMatch("mars/*.errlog", "mars/CBEngine1.errlog"));
  EXPECT_FALSE(WildcardMatch("mars/*.errlog", "mars/sub/CBEngine1.errlog"));
}

TEST(WildcardMatchTest, QuestionMarkIsOneCharacterNeverASeparator) {
  EXPECT_TRUE(WildcardMatch("DPMRA?.errlog", "DPMRA3.errlog"));
  EXPECT_FALSE(WildcardMatch("DPMRA?.errlog", "DPMRA12.errlog"));
  EXPECT_FALSE(WildcardMatch("DPMRA?.errlog", "DPMRA.errlog"));
  EXPECT_FALSE(WildcardMatch("a?b", "a/b"));
  EXPECT_TRUE(WildcardMatch("caf?.log", "caf\xC3\xA9.log"));  // é is two bytes, one character
}

TEST(WildcardMatchTest, BothSeparatorsSplitFolders) {
  EXPECT_TRUE(WildcardMatch("samples\\mars\\*.errlog", "samples/mars/CBEngine1.errlog"));
  EXPECT_TRUE(WildcardMatch("samples/mars/*.errlog", "samples\\mars\\CBEngine1.errlog"));
  EXPECT_TRUE(WildcardMatch("C:\\Temp\\*.errlog", "C:/Temp/CBEngineCurr.errlog"));
  EXPECT_TRUE(WildcardMatch("samples//mars/*", "samples/mars/x"));
  EXPECT_FALSE(WildcardMatch("/samples/*", "samples/x"));  // rooted stays rooted
}

TEST(WildcardMatchTest, DoubleStarCrossesAnyNumberOfFolders) {
  EXPECT_TRUE(WildcardMatch("samples/**/*.errlog", "samples/x.errlog"));
  EXPECT_TRUE(WildcardMatch("samples/**/*.errlog", "samples/mars/x.errlog"));
  EXPECT_TRUE(WildcardMatch("samples\\**\\*.errlog", "samples/a/b/c/x.errlog"));
  EXPECT_FALSE(WildcardMatch("samples/**/*.errlog", "other/a/x.errlog"));
  EXPECT_TRUE(WildcardMatch("**", "a/b/c"));
  EXPECT_TRUE(WildcardMatch("**/deep/**/*.log", "a/deep/b/c/x.log"));
  EXPECT_FALSE(WildcardMatch("**/deep/**/*.log", "a/b/c/x.log"));
}

TEST_F(InputsTest, StarWithForwardSlashes) {
  const ExpandedInputs in = ExpandInputs({tree_.Arg("mars/*.errlog")});
  EXPECT_THAT(in.files, ElementsAre(engine1_, engine_curr_));
  EXPECT_THAT(in.errors, IsEmpty());
}

TEST_F(InputsTest, StarWithBackslashes) {
  // How a Windows user types it; `\` separates folders on Linux too.
  const ExpandedInputs in = ExpandInputs({tree_.root().string() + "\\mars\\*.errlog"});
  EXPECT_THAT(in.files, ElementsAre(engine1_, engine_curr_));
  EXPECT_THAT(in.errors, IsEmpty());
}

TEST_F(InputsTest, DoubleStarMatchesAtAnyDepthIncludingNone) {
  const ExpandedInputs in = ExpandInputs({tree_.Arg("**/*.errlog")});
  EXPECT_THAT(in.files, ElementsAre(dpm3_, dpm_curr_, engine1_, engine_curr_, deep_, top_));
  EXPECT_THAT(in.errors, IsEmpty());
  EXPECT_THAT(ExpandInputs({tree_.Arg("mars\\**\\Other.*")}).files, ElementsAre(deep_));
  EXPECT_THAT(ExpandInputs({tree_.Arg("*/**/deep/*")}).files, ElementsAre(deep_));
  EXPECT_THAT(ExpandInputs({tree_.Arg("dpm/**")}).files, ElementsAre(dpm3_, dpm_curr_));
}

TEST_F(InputsTest, QuestionMarkAndWildcardFolders) {
  EXPECT_THAT(ExpandInputs({tree_.Arg("dpm/DPMRA?.errlog")}).files, ElementsAre(dpm3_));
  EXPECT_THAT(ExpandInputs({tree_.Arg("*/CBEngine*.errlog")}).files,
              ElementsAre(engine1_, engine_curr_));
  EXPECT_THAT(ExpandInputs({tree_.Arg("m?rs/sub/*/Other.errlog")}).files, ElementsAre(deep_));
}

TEST_F(InputsTest, RelativePatternsNeedNoDotPrefix) {
  const fs::path saved = fs::current_path();
  fs::current_path(tree_.root());
  const ExpandedInputs in = ExpandInputs({"mars\\*.errlog", "*.errlog", "dpm/DPMRA3.errlog"});
  fs::current_path(saved);
  // With the system's separator, as the walk writes paths (`\` on Windows).
  auto native = [](const char* p) { return fs::path(p).lexically_normal().string(); };
  EXPECT_THAT(in.files, ElementsAre(native("dpm/DPMRA3.errlog"), native("mars/CBEngine1.errlog"),
                                    native("mars/CBEngineCurr.errlog"), "top.errlog"));
  EXPECT_THAT(in.errors, IsEmpty());
}

TEST_F(InputsTest, DirectoryIsWalkedRecursively) {
  const ExpandedInputs in = ExpandInputs({tree_.Arg("mars")});
  EXPECT_THAT(in.files, ElementsAre(engine1_, engine_curr_, failed_, deep_));
  EXPECT_THAT(in.errors, IsEmpty());
}

TEST_F(InputsTest, SortedWithoutDuplicatesAndStdinPassesThrough) {
  const ExpandedInputs in =
      ExpandInputs({tree_.Arg("mars/*.errlog"), "-", tree_.Arg("mars/"),
                    tree_.Arg("./mars/CBEngine1.errlog"), "-", tree_.Arg("dpm/DPMRA3.errlog")});
  EXPECT_THAT(in.files, ElementsAre("-", dpm3_, engine1_, engine_curr_, failed_, deep_));
  EXPECT_TRUE(std::is_sorted(in.files.begin(), in.files.end()));
  EXPECT_THAT(in.errors, IsEmpty());
}

TEST_F(InputsTest, LiteralPathWithBackslashes) {
  const std::string arg = tree_.root().string() + "\\mars\\CBEngine1.errlog";
  EXPECT_THAT(ExpandInputs({arg}).files, ElementsAre(engine1_));
}

TEST_F(InputsTest, MissingFileIsAnError) {
  const std::string missing = tree_.Arg("mars/NoSuchFile.errlog");
  const ExpandedInputs in = ExpandInputs({missing, tree_.Arg("top.errlog")});
  EXPECT_THAT(in.files, ElementsAre(top_));
  EXPECT_THAT(in.errors, ElementsAre(Err(missing, absl::StatusCode::kNotFound, HasSubstr("no such file"))));
}

TEST_F(InputsTest, PatternMatchingNothingIsAnError) {
  const std::string pattern = tree_.Arg("mars/*.etl");
  const std::string no_folder = tree_.Arg("nowhere/*.errlog");
  const ExpandedInputs in = ExpandInputs({pattern, no_folder});
  EXPECT_THAT(in.files, IsEmpty());
  EXPECT_THAT(in.errors, ElementsAre(Err(pattern, absl::StatusCode::kNotFound, HasSubstr("no file matches")),
                          Err(no_folder, absl::StatusCode::kNotFound, HasSubstr("does not exist"))));
}

TEST_F(InputsTest, EmptyFolderIsAnError) {
  fs::create_directories(tree_.root() / "empty");
  const ExpandedInputs in = ExpandInputs({tree_.Arg("empty")});
  EXPECT_THAT(in.files, IsEmpty());
  EXPECT_THAT(in.errors, ElementsAre(Err(tree_.Arg("empty"), absl::StatusCode::kNotFound, HasSubstr("no files"))));
}

TEST_F(InputsTest, LinkBackIntoTheTreeIsListedNotFollowed) {
  std::error_code ec;
  fs::create_directory_symlink(tree_.root() / "mars", tree_.root() / "mars/sub/back", ec);
  if (ec) GTEST_SKIP() << "cannot create a symbolic link here: " << ec.message();
  fs::create_directory_symlink(tree_.root() / "mars/sub", tree_.root() / "mars/sub-again");
  for (const std::string& arg : {tree_.Arg("mars"), tree_.Arg("mars/**/*.errlog")}) {
    SCOPED_TRACE(arg);
    const ExpandedInputs in = ExpandInputs({arg});
    EXPECT_THAT(in.files, Contains(deep_));
    EXPECT_THAT(in.files, Contains(engine1_));
    EXPECT_THAT(in.files, Each(Not(HasSubstr("sub-again"))));
    EXPECT_THAT(in.errors, IsEmpty());
    EXPECT_THAT(in.skipped,
                UnorderedElementsAre(Pair(tree_.Path("mars/sub/back"), HasSubstr("inside")),
                                     Pair(tree_.Path("mars/sub-again"), HasSubstr("inside"))));
  }
}

// A walk does not leave the folder it was given: a link to a sibling folder, to / or to
// /proc is listed, with where it leads, and not followed.
TEST_F(InputsTest, LinksOutOfTheTreeAreListedNotFollowed) {
  std::error_code ec;
  fs::create_directory_symlink(tree_.root() / "dpm", tree_.root() / "mars/dpm-link", ec);
  if (ec) GTEST_SKIP() << "cannot create a symbolic link here: " << ec.message();
  fs::create_directory_symlink("/", tree_.root() / "mars/root-link");
  fs::create_directory_symlink("/proc", tree_.root() / "mars/proc-link");
  fs::create_symlink("/proc/self/status", tree_.root() / "mars/status.log");
  const ExpandedInputs in = ExpandInputs({tree_.Arg("mars")});
  EXPECT_THAT(in.files, ElementsAre(engine1_, engine_curr_, failed_, deep_));
  EXPECT_THAT(in.errors, IsEmpty());
  EXPECT_THAT(in.skipped,
              UnorderedElementsAre(
                  Pair(tree_.Path("mars/dpm-link"), AllOf(HasSubstr("outside"), HasSubstr("dpm"))),
                  Pair(tree_.Path("mars/root-link"), HasSubstr("the folder /, outside")),
                  Pair(tree_.Path("mars/proc-link"), HasSubstr("the folder /proc, outside")),
                  Pair(tree_.Path("mars/status.log"), HasSubstr("a file of the system"))));
}

// Pipes, sockets and devices met in a walk are listed with what they are.
TEST_F(InputsTest, SpecialFilesAreListedAsSkipped) {
#ifdef _WIN32
  GTEST_SKIP() << "Windows has no named pipe in a folder, nor /dev/null";
#else
  const fs::path fifo = tree_.root() / "mars/pipe.log";
  if (::mkfifo(fifo.c_str(), 0600) != 0) GTEST_SKIP() << "cannot make a FIFO here";
#endif
  std::error_code ec;
  fs::create_symlink("/dev/null", tree_.root() / "mars/null.log", ec);
  const ExpandedInputs in = ExpandInputs({tree_.Arg("mars")});
  EXPECT_THAT(in.files, ElementsAre(engine1_, engine_curr_, failed_, deep_));
  EXPECT_THAT(in.skipped, Contains(Pair(tree_.Path("mars/pipe.log"), HasSubstr("named pipe"))));
  if (!ec) {
    EXPECT_THAT(in.skipped, Contains(Pair(tree_.Path("mars/null.log"), HasSubstr("/dev/null"))));
  }
}

// One file reached by several names is listed once, with the others in a note.
TEST_F(InputsTest, OneFileByManyNamesIsListedOnce) {
  std::error_code ec;
  fs::create_symlink(tree_.root() / "mars/CBEngine1.errlog", tree_.root() / "alias.errlog", ec);
  if (ec) GTEST_SKIP() << "cannot create a symbolic link here: " << ec.message();
  const std::string relative =
      fs::relative(tree_.root() / "mars/CBEngine1.errlog", fs::current_path()).string();
  const ExpandedInputs in =
      ExpandInputs({engine1_, tree_.Arg("mars"), relative, tree_.Arg("alias.errlog")});
  EXPECT_EQ(std::count(in.files.begin(), in.files.end(), engine1_), 1);
  EXPECT_THAT(in.files, Not(Contains(tree_.Path("alias.errlog"))));
  EXPECT_THAT(in.files, Not(Contains(relative)));
  EXPECT_THAT(in.notes.at(engine1_), Contains(HasSubstr("also reached as " + tree_.Path("alias.errlog"))));
  EXPECT_THAT(in.notes.at(engine1_), Contains(HasSubstr("also reached as " + relative)));
  EXPECT_TRUE(in.named.count(engine1_));
  EXPECT_FALSE(in.named.count(engine_curr_));  // found by the walk
}

// A path longer than the system takes is reported, never dropped without a word.
TEST_F(InputsTest, PathTooLongForTheSystemIsReported) {
#ifdef _WIN32
  GTEST_SKIP() << "builds a path past POSIX's PATH_MAX (4096 bytes) by changing into each "
                  "folder, which Wine's server refuses; paths past Windows' 260 characters "
                  "are in windows_cli_test (PathsLongerThan260CharactersThroughTheVerbatimPrefix)";
#endif
  fs::path deep = tree_.root() / "long";
  fs::create_directories(deep);
  const fs::path cwd = fs::current_path();
  fs::current_path(deep);
  const std::string segment(200, 'x');
  std::string relative;
  for (int i = 0; i < 25; ++i) {  // 25 * 201 bytes: past PATH_MAX (4096)
    fs::create_directory(segment);
    fs::current_path(segment);
    relative += segment + "/";
  }
  { std::ofstream(std::string("CBEngineCurr.errlog")) << "x\n"; }
  fs::current_path(cwd);
  const ExpandedInputs in = ExpandInputs({tree_.Arg("long")});
  ASSERT_THAT(in.files, IsEmpty());
  ASSERT_FALSE(in.errors.empty());
  bool named = false;
  for (const InputError& e : in.errors) {
    named |= e.message().find("too long") != std::string::npos ||
             e.message().find("cannot") != std::string::npos;
  }
  EXPECT_TRUE(named) << in.errors[0].message();
}

TEST_F(InputsTest, SelfLinkAndBrokenLinkAreReported) {
  std::error_code ec;
  fs::create_symlink(tree_.root() / "dpm/self", tree_.root() / "dpm/self", ec);
  if (ec) GTEST_SKIP() << "cannot create a symbolic link here: " << ec.message();
  fs::create_symlink(tree_.root() / "dpm/gone.errlog", tree_.root() / "dpm/broken.errlog");
  const ExpandedInputs in = ExpandInputs({tree_.Arg("dpm")});
  EXPECT_THAT(in.files, ElementsAre(dpm3_, dpm_curr_));
  EXPECT_THAT(in.errors, ElementsAre(Err(tree_.Path("dpm/broken.errlog"), absl::StatusCode::kNotFound,
                                         HasSubstr("broken")),
                                     Err(tree_.Path("dpm/self"), absl::StatusCode::kFailedPrecondition,
                                         HasSubstr("cannot follow"))));
}

TEST_F(InputsTest, UnreadableFolderIsReported) {
  const fs::path locked = tree_.root() / "mars/locked";
  tree_.File("mars/locked/Hidden.errlog");
  fs::permissions(locked, fs::perms::none);
  std::error_code ec;
  fs::directory_iterator probe(locked, ec);
  if (!ec) GTEST_SKIP() << "this user can read a folder without permissions (root?)";
  const ExpandedInputs in = ExpandInputs({tree_.Arg("mars")});
  EXPECT_THAT(in.files, ElementsAre(engine1_, engine_curr_, failed_, deep_));
  EXPECT_THAT(in.errors, ElementsAre(Err(tree_.Path("mars/locked"), absl::StatusCode::kPermissionDenied,
                                         AllOf(HasSubstr("cannot read"), HasSubstr("skipped")))));
}

// --files-from lists as Windows tools write them: PowerShell's `>` gives UTF-16LE with a BOM
// and CRLF, others UTF-8 with a BOM, UTF-16 without one, or bare CR line ends. Every form
// gives the same paths, a Chinese folder name intact, blank lines and trailing spaces gone.
TEST(ReadInputListTest, EveryEncodingAndLineEndGivesTheSamePaths) {
  // 備份記錄: "backup records".
  constexpr char kChinesePath[] = "C:\\Logs\\備份記錄\\CBEngineCurr.errlog";
  const std::string text = std::string(kChinesePath) +
                           "\r\n"
                           "\r\n"
                           "D:\\Temp\\MSDPMCurr.errlog  \r\n"
                           "last without a line end";
  std::string bare_cr = text;
  std::replace(bare_cr.begin(), bare_cr.end(), '\n', '\r');
  const std::pair<const char*, std::string> forms[] = {
      {"UTF-16LE with a BOM", testing::ToUtf16(text)},
      {"UTF-16LE", testing::ToUtf16(text, /*little_endian=*/true, /*bom=*/false)},
      {"UTF-16BE with a BOM", testing::ToUtf16(text, /*little_endian=*/false)},
      {"UTF-16BE", testing::ToUtf16(text, /*little_endian=*/false, /*bom=*/false)},
      {"UTF-8 with a BOM", "\xEF\xBB\xBF" + text},
      {"UTF-8", text},
      {"bare CR", bare_cr},
  };
  for (const auto& [name, bytes] : forms) {
    const std::unique_ptr<ByteSource> source = MemorySource(bytes);
    const absl::StatusOr<std::vector<std::string>> paths = ReadInputList(*source);
    ASSERT_TRUE(paths.ok()) << name << ": " << paths.status();
    EXPECT_THAT(*paths,
                ElementsAre(kChinesePath, "D:\\Temp\\MSDPMCurr.errlog", "last without a line end"))
        << name;
  }
  const std::unique_ptr<ByteSource> empty = MemorySource("");
  EXPECT_THAT(ReadInputList(*empty).value(), IsEmpty());
}

// A list that cannot be read fails with the read error, which names the list.
TEST(ReadInputListTest, ReadErrorIsTheListsError) {
  class Failing : public ByteSource {
   public:
    absl::StatusOr<size_t> Read(char*, size_t) override {
      return absl::DataLossError("reading list.txt: Input/output error");
    }
  };
  Failing source;
  const absl::StatusOr<std::vector<std::string>> paths = ReadInputList(source);
  EXPECT_EQ(paths.status(), absl::DataLossError("reading list.txt: Input/output error"));
}

}  // namespace
}  // namespace loganalyze
