// The platform layer: what a path becomes for the Windows API (long paths, UNC), and file
// identity, on whichever system the tests run.
#include "source/platform.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace loganalyze::internal {
namespace {

namespace fs = std::filesystem;

// A folder of this test's own under the system's temporary folder.
fs::path TempDir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("loganalyze_platform_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

TEST(PlatformTest, OneFileHasOneIdentityWhateverThePath) {
  const fs::path dir = TempDir("identity");
  std::ofstream(dir / "a.errlog") << "x";
  std::ofstream(dir / "b.errlog") << "x";  // the same bytes, another file
  const auto a = IdentityOf((dir / "a.errlog").string());
  const auto again = IdentityOf((dir / "." / "a.errlog").string());
  const auto b = IdentityOf((dir / "b.errlog").string());
  ASSERT_TRUE(a && again && b);
  EXPECT_EQ(*a, *again);
  EXPECT_NE(*a, *b);
  EXPECT_FALSE(IdentityOf((dir / "missing.errlog").string()).has_value());
  fs::remove_all(dir);
}

TEST(PlatformTest, AFileIsReadWhileAnotherHandleWritesIt) {
  const fs::path dir = TempDir("shared");
  const std::string path = (dir / "CBEngineCurr.errlog").string();
  std::ofstream writer(path, std::ios::binary);
  writer << "first\n" << std::flush;
  std::FILE* in = OpenForReading(path);
  ASSERT_NE(in, nullptr);
  char buf[16] = {};
  EXPECT_EQ(std::fread(buf, 1, sizeof buf, in), 6u);
  EXPECT_EQ(std::string(buf, 6), "first\n");
  std::fclose(in);
  writer.close();
  fs::remove_all(dir);
}

#ifdef _WIN32
TEST(PlatformTest, ShortPathsAreOnlyWidened) {
  EXPECT_EQ(WidePath("C:\\Temp\\CBEngineCurr.errlog"), L"C:\\Temp\\CBEngineCurr.errlog");
  EXPECT_EQ(WidePath("\\\\srv\\share\\Temp"), L"\\\\srv\\share\\Temp");
  EXPECT_EQ(WidePath("Temp/備份/a.errlog"), L"Temp/\u5099\u4EFD/a.errlog");
  EXPECT_EQ(WidePath(""), L"");
}

TEST(PlatformTest, LongPathsGetTheVerbatimPrefix) {
  const std::string deep(300, 'd');
  // A drive path: the prefix, `\` separators, `.` and `..` resolved as Windows would have.
  EXPECT_EQ(WidePath("C:/Temp/./x/../" + deep + "/a.errlog"),
            L"\\\\?\\C:\\Temp\\" + std::wstring(300, L'd') + L"\\a.errlog");
  // A UNC path: \\?\UNC\server\share, without the leading `\\`.
  EXPECT_EQ(WidePath("\\\\srv\\share\\" + deep + "\\a.errlog"),
            L"\\\\?\\UNC\\srv\\share\\" + std::wstring(300, L'd') + L"\\a.errlog");
  // Its server name kept whole (the first letter was lost once), `/`, `.` and `..` resolved.
  EXPECT_EQ(WidePath("//srv/share/x/./../" + deep),
            L"\\\\?\\UNC\\srv\\share\\" + std::wstring(300, L'd'));
  // Written verbatim already: kept as it is.
  const std::wstring verbatim = L"\\\\?\\UNC\\srv\\share\\" + std::wstring(300, L'd');
  EXPECT_EQ(WidePath(Utf8FromWide(verbatim)), verbatim);
  // Relative: no prefix, which would not resolve it.
  EXPECT_EQ(WidePath(deep + "\\a.errlog"), std::wstring(300, L'd') + L"\\a.errlog");
}

TEST(PlatformTest, Utf8FromWideReplacesUnpairedSurrogates) {
  EXPECT_EQ(Utf8FromWide(L"\u5099\u4EFD"), "備份");
  EXPECT_EQ(Utf8FromWide(std::wstring(L"a") + wchar_t(0xD800) + L"b"), "a\xEF\xBF\xBD" "b");
}
#endif

}  // namespace
}  // namespace loganalyze::internal
