// Real errlog lines from the reference notes on the log formats (section 3.1, samples (a) to
// (f)), character for character, for the tests of pasted excerpts; and what a copy that
// collapses whitespace makes of a line.
#ifndef LOGANALYZE_TESTS_REFERENCE_LINES_H_
#define LOGANALYZE_TESTS_REFERENCE_LINES_H_

#include <string>
#include <string_view>

namespace loganalyze::testing {

// (a) DPM 2012 R2, MSDPM, from a .Crash copy: the CRITICAL line and the WARNING before it.
inline constexpr std::string_view kDpmCrashLine =
    "180C\t280C\t06/01\t20:55:45.690\t09\teverettexception.cpp(761)\t\t"
    "8AE83798-7A85-466A-80CA-22CA66582965\tCRITICAL\tException "
    "Message = Input string was not in a correct format. of type System.FormatException, "
    "process will terminate after generating dump";

inline constexpr std::string_view kDpmCrashCause =
    "180C\t280C\t06/01\t20:54:55.393\t09\tAppAssert.cs(130)\t\t"
    "8AE83798-7A85-466A-80CA-22CA66582965\tWARNING\tvalue "
    "of non-nullable parameter @RecoverableObjectMachineName is null";

// (b) MARS 2019, a restore job: two hits of Notepad++ "Find All", Line 28 and Line 56,
// without their prefixes.
inline constexpr std::string_view kMarsRestore1 =
    "0AB0\t0974\t08/04\t13:16:29.206\t18\tmtffile.cpp(1372)\t[0000000053582120]\t"
    "1FCFF8B4-CCE2-42E6-8883-7AEB9A1C5CB6\t\tWARNING\tFailed: "
    "Hr: = [0x8000ffff] BackupRead failed on "
    "file(D:\\Genesis_VAN\\1Public\\1Sales\\1Broadcast\\1BROUCHURES & MANUALS\\Sony\\Old\\L "
    "O A N   AGREEMENT\\Sony Loan Agreement Boilerplate\\Loan Agreement Oct 02.DOC)";

inline constexpr std::string_view kMarsRestore2 =
    "0AB0\t0974\t08/04\t13:16:29.237\t18\tmtffile.cpp(1372)\t[0000000053581B00]\t"
    "1FCFF8B4-CCE2-42E6-8883-7AEB9A1C5CB6\t\tWARNING\tFailed: "
    "Hr: = [0x8000ffff] BackupRead failed on "
    "file(D:\\Genesis_VAN\\1Public\\1Sales\\1Broadcast\\1BROUCHURES & MANUALS\\Sony\\Old\\L "
    "O A N   AGREEMENT\\MatrixLoan July 03 ChTV_files\\editdata.mso)";

// (c) MARS 2016, PID and TID removed by the author of the source.
inline constexpr std::string_view kMarsProgress =
    "06/07\t01:23:25.640\t71\tbackupasync.cpp(1279)\t[000000001A12E3F0]\t"
    "F3E32129-DC79-4A28-9ACC-3F30CB5810B6\tNORMAL\tBackup "
    "Progress: Prebackup started.";

// (d) MARS offline seeding: four records with collapsed whitespace run into one line, with
// the ellipses of the source.
inline constexpr std::string_view kOfflineSeedingRun =
    "... 44B4 3968 10/21 21:02:21.611 69 AzureServiceManagementHelper.cs(320) "
    "0517B3DB-347D-45A8-9DAB-FD7D1EA7D134 FATAL GetImportJobStatus:: Import job with name "
    "'ImportJobName' is not found 44B4 3968 10/21 21:02:21.611 71 backupasync.cpp(1589) "
    "[000000001B73B830] 0517B3DB-347D-45A8-9DAB-FD7D1EA7D134 NORMAL PollAzureImportJob :: "
    "Import Job: 'ImportJobName' is in pending state: '1' 44B4 3968 10/21 21:02:21.611 71 "
    "backupasync.cpp(1607) [000000001B73B830] 0517B3DB-347D-45A8-9DAB-FD7D1EA7D134 WARNING "
    "PollAzureImportJob failed with error code: 1b7afbe0 44B4 3968 10/21 21:02:21.611 71 "
    "backupasync.cpp(1184) [000000001B73B830] 0517B3DB-347D-45A8-9DAB-FD7D1EA7D134 WARNING "
    "Failed: Hr: = [0x80780054] Offline Backup Progress: Failed\" .....";

// (e) DPMRA on a Hyper-V host, whitespace collapsed, no task GUID.
inline constexpr std::string_view kDpmraCollapsed =
    "0990 17D8 11/05 13:02:42.416 31 vsssnapshotrequestor.cpp(585) [00000000003970D0] NORMAL "
    "CVssSnapshotRequestor:: ProviderId:[{2F900F90-00E9-440E-873A-96CA5EB079E5}], h/w "
    "provider:[65536], volume:[\\\\\\\\?\\Volume{de393808-58d8-11df-be86-00155d4e0e00}\\\\]";

// (f) DPMRA after "save as ANSI", findstr over several files and Excel's rendering of the
// time, with the spacing of the source.
inline constexpr std::string_view kCsvFindstr1 =
    "N2-DPMRACurr.errlog:0900  9-May 4:00:45 PM csvapi.cpp(400)            WARNING  Failed: "
    "Hr: = [0x8007173d] : ClusterPrepareSharedVolumeForBackup for "
    "C:\\ClusterStorage\\Volume1\\ failed";

inline constexpr std::string_view kCsvFindstr2 =
    "N1-DPMRACurr.errlog:0CF4  9-May 4:01:06 PM vsssnapshotrequestor.cpp(585)     NORMAL "
    "\"CVssSnapshotRequestor:: ProviderId:[{B5946137-7B9F-4925-AF80-51ABD60B20D5}], h/w "
    "provider:[0], volume:[\\\\\\\\?\\Volume{GUD}\\\\]\"";

// What a copy that collapses whitespace makes of a line: each run of tabs and spaces one space.
inline std::string Collapse(std::string_view line) {
  std::string out;
  for (char c : line) {
    const bool blank = c == ' ' || c == '\t';
    if (blank && !out.empty() && out.back() == ' ') continue;
    out.push_back(blank ? ' ' : c);
  }
  return out;
}

}  // namespace loganalyze::testing

#endif  // LOGANALYZE_TESTS_REFERENCE_LINES_H_
