// The library's one analysis call (AnalyzeBundle, then RenderReport) and the real CLI give
// the same JSON, byte for byte, on a folder, a zip and a mix of both with a single file: an
// integrator who calls the library gets the numbers a support engineer sees in the CLI.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "loganalyze/analyzer.h"
#include "loganalyze/bundle.h"
#include "loganalyze/report.h"
#include "loganalyze/version.h"
#include "shell_util.h"

namespace loganalyze {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

class LibraryCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Both run in the source folder, so that both name the inputs by the same relative paths.
    ASSERT_EQ(::chdir(LOGANALYZE_SOURCE_DIR), 0);
    scratch_ = fs::temp_directory_path() / ("loganalyze_library_cli_" + std::to_string(::getpid()));
    fs::remove_all(scratch_);
    fs::create_directories(scratch_);
  }
  void TearDown() override { fs::remove_all(scratch_); }

  // What `loganalyze -f json --year 2026 --lang en ARGS` prints.
  std::string Cli(const std::string& args) {
    const testing::ShellResult r = testing::RunShell(
        "cd '" LOGANALYZE_SOURCE_DIR "' && '" LOGANALYZE_CLI "' -f json --year 2026 --lang en -q " +
        args + " 2>/dev/null");
    EXPECT_EQ(r.exit_code, 0) << args;
    return r.out;
  }

  // The same through the library, as its README shows it.
  std::string Library(const std::vector<std::string>& args) {
    absl::StatusOr<KnowledgeBase> kb = KnowledgeBase::Default();
    EXPECT_TRUE(kb.ok()) << kb.status();
    AnalyzeOptions options;
    options.read.year = 2026;
    absl::StatusOr<std::unique_ptr<const Analyzer>> analyzer = Analyzer::Create(*kb, options);
    EXPECT_TRUE(analyzer.ok()) << analyzer.status();
    absl::StatusOr<Report> report = AnalyzeBundle(**analyzer, args, BundleOptions());
    EXPECT_TRUE(report.ok()) << report.status();
    if (!report.ok()) return std::string();
    RenderOptions render;
    render.language = Language::kEnglish;
    render.tool_version = LOGANALYZE_VERSION_STRING;
    return RenderReport(*report, *kb, ReportFormat::kJson, render);
  }

  fs::path scratch_;
};

TEST_F(LibraryCliTest, FolderGivesTheSameJson) {
  const std::string cli = Cli("samples/");
  EXPECT_THAT(cli, HasSubstr("\"id\":\"mars.failed-file-corrupt\""));
  EXPECT_EQ(Library({"samples/"}), cli);
}

TEST_F(LibraryCliTest, ZipAndMixedInputsGiveTheSameJson) {
  if (std::system("command -v zip >/dev/null 2>&1") != 0) GTEST_SKIP() << "needs zip (package zip)";
  const fs::path zip = scratch_ / "bundle.zip";
  ASSERT_EQ(std::system(("zip -q -r '" + zip.string() + "' samples/mars samples/dpm").c_str()), 0);
  const std::string cli = Cli("'" + zip.string() + "'");
  EXPECT_THAT(cli, HasSubstr("\"member\":\"samples/mars/CBEngineCurr.errlog\""));
  EXPECT_EQ(Library({zip.string()}), cli);

  // A mix: the zip, a wildcard over a folder, and a file whose bytes the zip holds too (it
  // counts once).
  const std::string mixed_cli =
      Cli("'" + zip.string() + "' 'samples/mars/*.errlog' samples/dpm/DPMRACurr.errlog");
  EXPECT_THAT(mixed_cli, HasSubstr("\"path\":\"samples/dpm/DPMRACurr.errlog\""));
  EXPECT_EQ(Library({zip.string(), "samples/mars/*.errlog", "samples/dpm/DPMRACurr.errlog"}),
            mixed_cli);
}

}  // namespace
}  // namespace loganalyze
