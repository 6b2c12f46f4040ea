// The normalization table: one code in every form a log line gives it.
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "loganalyze/matcher.h"

namespace loganalyze {
namespace {

std::vector<std::string> Scan(std::string_view text) {
  std::vector<Code> codes;
  ScanCodes(text, &codes);
  std::vector<std::string> out;
  for (const Code& c : codes) out.push_back(c.ToString());
  return out;
}

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(CodeScannerTest, HresultInEveryForm) {
  for (std::string_view line : {
           "0x80070005",
           "0X80070005",
           "HResult: 80070005",
           "hr=0x80070005",
           "Failed: Hr: = [0x80070005] BackupRead failed",
           "Access is denied (0x80070005)",
           "failed with hr = -2147024891",
           "returned -2147024891",
           "error code 2147942405",
           "ErrorCode: 80070005",
       }) {
    EXPECT_THAT(Scan(line), ElementsAre("0x80070005")) << line;
  }
}

TEST(CodeScannerTest, ProductIdsInEveryForm) {
  EXPECT_THAT(Scan("internal service error [0x1FC07]"), ElementsAre("130055"));
  EXPECT_THAT(Scan("versions do not match (0x1FBD3)"), ElementsAre("130003"));
  EXPECT_THAT(Scan("Unable to connect (ID: 100050)"), ElementsAre("100050"));
  EXPECT_THAT(Scan("Error 34506. The passphrase"), ElementsAre("34506"));
  EXPECT_THAT(Scan("Error ID: 2013"), ElementsAre("2013"));
  EXPECT_THAT(Scan("Operation failed. ID: 120002"), ElementsAre("120002"));
  EXPECT_THAT(Scan("ErrorCode - FileFaultFault (ID 33621 )"),
              ElementsAre("FileFaultFault", "33621"));
}

TEST(CodeScannerTest, DpmDetailsCarryTwoCodes) {
  EXPECT_THAT(Scan("DPM encountered a retryable VSS error. (ID 30112 Details: VssError:The "
                   "writer experienced a transient error. (0x800423F3))"),
              ElementsAre("30112", "0x800423F3"));
  EXPECT_THAT(Scan("(ID 60 Details: Internal error code: 0x809909B0)"),
              ElementsAre("60", "0x809909B0"));
}

TEST(CodeScannerTest, WindowsServerBackupPassThrough) {
  EXPECT_THAT(Scan("HResult: 80780049 DetailedHResult: 8007007B"),
              ElementsAre("0x80780049", "0x8007007B"));
  EXPECT_THAT(Scan("PollAzureImportJob failed with error code: 1b7afbe0"),
              ElementsAre("0x1B7AFBE0"));
}

TEST(CodeScannerTest, NamedCodes) {
  EXPECT_THAT(Scan("job failed: SalBitmapError"), ElementsAre("SalBitmapError"));
  EXPECT_THAT(Scan("CBPServerRegisteredVaultDontMatchWithCurrent/Vault Credentials Error:100110"),
              ElementsAre("CBPServerRegisteredVaultDontMatchWithCurrent", "100110"));
  EXPECT_THAT(Scan("{Message = AADSTS500021: Access to 'x' tenant is denied."),
              ElementsAre("AADSTS500021"));
  EXPECT_THAT(Scan("VSS_E_PROVIDER_VETO E_FAIL ERROR_SHARING_VIOLATION WSAECONNRESET"),
              ElementsAre("VSS_E_PROVIDER_VETO", "E_FAIL", "ERROR_SHARING_VIOLATION",
                          "WSAECONNRESET"));
}

// Which rule decides a word: the first prefix it has, in the order Sal, CBP, AADSTS, then
// the FaultFault suffix, then the others; near misses of each are not codes.
TEST(CodeScannerTest, NamedCodeRulesInOrder) {
  EXPECT_THAT(Scan("SalxFaultFault CBPxFaultFault"), IsEmpty());  // Sal/CBP want a capital
  EXPECT_THAT(Scan("SalTooFaultFault AADSTSFaultFault"), ElementsAre("SalTooFaultFault"));
  EXPECT_THAT(Scan("VSS_E_FaultFault FaultFault ERRORFaultFault"),
              ElementsAre("VSS_E_FaultFault", "ERRORFaultFault"));
  // Any capital starts one, however short the name before the suffix (X, Q: no other rule
  // starts with them, so most words that do are passed over by their first letter).
  EXPECT_THAT(Scan("XFaultFault QFaultFaul Xfaultfault xFaultFault QxFaultFault"),
              ElementsAre("XFaultFault", "QxFaultFault"));
  EXPECT_THAT(Scan("RPC_S_SERVER_UNAVAILABLE RPC_E_DISCONNECTED RPC_X_NOPE"),
              ElementsAre("RPC_S_SERVER_UNAVAILABLE", "RPC_E_DISCONNECTED"));
  EXPECT_THAT(Scan("Sal SalBit CBPAbc AADSTS E_ E_X E_fail ERROR_ VSS_E_ WSAE WSAEX WSAEXY WSAExx"),
              ElementsAre("SalBit", "CBPAbc", "E_X", "WSAEXY"));
}

TEST(CodeScannerTest, NoFalseCodes) {
  EXPECT_THAT(Scan("0AB0\t0974\t08/04\t13:16:29.206\t18\tmtffile.cpp(1372)\t[0000000053582120]\t"
                   "1FCFF8B4-CCE2-42E6-8883-7AEB9A1C5CB6\tNORMAL\tBackup Progress: Succeeded"),
              IsEmpty());
  EXPECT_THAT(Scan("Last completed state for Ds Id 12345 is 5"), IsEmpty());
  EXPECT_THAT(Scan("h/w provider:[65536] copied 2147942405 bytes"), IsEmpty());
  EXPECT_THAT(Scan("Sales report 0x800700051 and 0x1234 [0x00001]"), IsEmpty());
  EXPECT_THAT(Scan("error 12 at step 5"), IsEmpty());
  EXPECT_THAT(Scan("Uploading 500 RO entries"), IsEmpty());
}

TEST(CodeScannerTest, DuplicatesAreReportedOnce) {
  EXPECT_THAT(Scan("0x80070005 then hr=0x80070005 and -2147024891"), ElementsAre("0x80070005"));
}

// Words are found 64 bytes at a time: a word may start, end or run across a block's edge,
// or end at the text's end inside a block; every place is tried.
TEST(CodeScannerTest, WordsAcrossEveryPlaceOfTheBlocks) {
  for (size_t at = 0; at <= 140; ++at) {
    SCOPED_TRACE(at);
    const std::string pad(at, ' ');
    EXPECT_THAT(Scan(pad + "hr=0x80070005"), ElementsAre("0x80070005"));
    EXPECT_THAT(Scan(pad + "HResult: 80070005 ."), ElementsAre("0x80070005"));
    if (at > 0) {
      // Joined to the word before it, the code is part of a longer word and no code.
      EXPECT_THAT(Scan(std::string(at, 'a') + "0x80070005"), IsEmpty());
      EXPECT_THAT(Scan(std::string(at, '_') + "SalBitmapError"), IsEmpty());
    }
    // Bytes of 0x80 and above end words; the name is a view into the text.
    const std::string text = std::string(at, '\xE9') + "SalBitmapError" + pad;
    std::vector<Code> codes;
    ScanCodes(text, &codes);
    ASSERT_EQ(codes.size(), 1u);
    EXPECT_EQ(codes[0].name, "SalBitmapError");
    EXPECT_EQ(codes[0].name.data(), text.data() + at);
  }
}

TEST(ParseCodeTest, AnyFormToCanonical) {
  const std::pair<std::string_view, std::string_view> table[] = {
      {"0x80070005", "0x80070005"},  {"0X80070005", "0x80070005"},
      {"80070005", "0x80070005"},    {"hr=0x80070005", "0x80070005"},
      {"Hr: = [0x80070005]", "0x80070005"}, {"(0x80070005)", "0x80070005"},
      {"-2147024891", "0x80070005"}, {"2147942405", "0x80070005"},
      {"[0x1FC07]", "130055"},       {"0x1FC07", "130055"},
      {"ID: 100050", "100050"},      {"100050", "100050"},
      {"Error 34506", "34506"},      {"(ID 30112 Details: x (0x800423F3))", "30112"},
      {"SalBitmapError", "SalBitmapError"}, {"AADSTS500021", "AADSTS500021"},
      {"0x8007018b", "0x8007018B"},  {"42", "42"},
  };
  for (const auto& [in, want] : table) {
    const std::optional<Code> c = ParseCode(in);
    ASSERT_TRUE(c.has_value()) << in;
    EXPECT_EQ(c->ToString(), want) << in;
  }
  EXPECT_FALSE(ParseCode("hello").has_value());
  EXPECT_FALSE(ParseCode("").has_value());
  EXPECT_FALSE(ParseCode("0xZZ").has_value());
}

}  // namespace
}  // namespace loganalyze
