#include "aggregate/log_product.h"

#include "gtest/gtest.h"

namespace loganalyze::internal {
namespace {

TEST(LogProductTest, MarsAgentLogs) {
  for (const char* name :
       {"CBEngineCurr.errlog", "CBEngine12.errlog", "cbenginecurr.errlog", "GatewayProvider0.errlog",
        "OBRecoveryServicesManagementAgent0.errlog", "OBInstaller0Curr.errlog",
        "OBManagedlog.LOGCurr.errlog", "OBMsi.log", "LastBackupFailedFiles17af1_1_3_2026_1230.txt",
        "C:\\Program Files\\Microsoft Azure Recovery Services Agent\\Temp\\CBEngineCurr.errlog",
        "case.zip/FS01/Temp/GatewayProvider0.errlog"}) {
    EXPECT_EQ(LogProductFromName(name), ProductScope::kMars) << name;
  }
}

TEST(LogProductTest, DpmServiceLogs) {
  for (const char* name :
       {"MSDPMCurr.errlog", "MSDPMCurr.errlog.2026-01-04_20-55-45.Crash", "DPMRACurr.errlog",
        "DPMRA3.errlog", "dpmracurr.errlog", "DPMAccessManagerCurr.errlog", "DPMMACCurr.errlog",
        "DpmWriterCurr.errlog", "LAAgentCurr.errlog", "AgentBootStrapperCurr.errlog",
        "ExchangeCmdletsWrapperCurr.errlog", "WssCmdletsWrapperCurr.errlog", "EurClientCurr.errlog",
        "bundle.7z/DPM/Temp/MSDPMCurr.errlog"}) {
    EXPECT_EQ(LogProductFromName(name), ProductScope::kDpm) << name;
  }
}

TEST(LogProductTest, EverythingElseIsUnknown) {
  // Only the file name counts: a DPM folder does not make its files DPM logs.
  for (const char* name : {"", "-", "excerpt.txt", "setup.log", "case-12345.log",
                           "DPM/Temp/notes.txt", "MARS/CBEngine/readme.txt", "ms.errlog"}) {
    EXPECT_EQ(LogProductFromName(name), ProductScope::kAny) << name;
  }
}

}  // namespace
}  // namespace loganalyze::internal
