// The checklist of issue "knowledge base": every error of the two seed troubleshooting
// guides is found by the matcher in a realistic line, and by `explain`.
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "loganalyze/knowledge_base.h"
#include "loganalyze/matcher.h"

namespace loganalyze {
namespace {

struct Item {
  const char* what;     // the guide's error, in short
  const char* line;     // a realistic log or console line
  const char* entry;    // the entry that must be a finding of that line
  const char* explain;  // what a support engineer would type after `loganalyze explain`
};

// Tabs between the errlog columns are real.
#define ERRLOG(level, msg) \
  "0AB0\t0974\t01/04\t13:16:29.206\t18\tbackupasync.cpp(1184)\t[0000000053582120]\t" \
  "1FCFF8B4-CCE2-42E6-8883-7AEB9A1C5CB6\t\t" level "\t" msg

const Item kMarsGuide[] = {
    {"invalid vault credentials (34513)",
     "Invalid vault credentials provided. The file is either corrupted or does not have the "
     "latest credentials associated with recovery service. (ID: 34513)",
     "mars.vault-credentials-invalid", "34513"},
    {"vault credentials download failed (403)",
     "Unable to download vault credential file. (ID: 403)", "mars.vault-credential-download-failed",
     "403"},
    {"agent cannot connect to Azure Backup (100050)",
     ERRLOG("WARNING", "The Microsoft Azure Recovery Service Agent was unable to connect to "
                       "Microsoft Azure Backup. (ID: 100050)"),
     "mars.cannot-connect-azure-backup", "ID: 100050"},
    {"proxy authentication required (407)",
     ERRLOG("WARNING", "WebException: The remote server returned an error: (407) Proxy "
                       "Authentication Required."),
     "mars.proxy-auth-required", "proxy authentication required"},
    {"credential file from another vault (100110)",
     "The vault credential file specified cannot be used as it is not downloaded from the vault "
     "associated with this server. (ID: 100110)",
     "mars.vault-credential-wrong-vault", "100110"},
    {"backup completed with warnings",
     "Backup completed with warning. The backup skipped some files; see LastBackupFailedFiles.",
     "mars.backup-completed-with-warnings", "completed with warnings"},
    {"failed file 0x80070570", "D:\\Shares\\Finance\\ledger.xlsx\t0x80070570",
     "mars.failed-file-corrupt", "0x80070570"},
    {"failed file 0x80070002", "D:\\Shares\\tmp\\~$report.docx (Error: 0x80070002)",
     "mars.failed-file-not-found", "-2147024894"},
    {"failed file 0x80070003", "D:\\Shares\\gone\\folder\t0x80070003",
     "mars.failed-path-not-found", "80070003"},
    {"failed file 0x80070005", ERRLOG("WARNING", "Failed: Hr: = [0x80070005] BackupRead failed "
                                                 "on file(D:\\Shares\\HR\\salaries.xlsx)"),
     "mars.failed-file-access-denied", "hr=0x80070005"},
    {"failed file 0x8007018B",
     "C:\\Users\\amy\\OneDrive - Contoso\\Plan.docx\t0x8007018B",
     "mars.failed-cloud-file-access-denied", "0x8007018b"},
    {"critical inconsistency after a protected folder is recreated",
     ERRLOG("WARNING", "A critical inconsistency was detected, therefore changes cannot be "
                       "replicated."),
     "mars.critical-inconsistency-folder-recreated", "critical inconsistency"},
    {"failed to set the encryption key",
     "Failed to set the encryption key for secure backups. Activation did not succeed "
     "completely but the encryption passphrase was saved to the following file.",
     "mars.encryption-key-set-failed", "encryption key secure backups"},
    {"activation incomplete [0x1FC07]",
     "The activation did not complete successfully. The current operation failed due to an "
     "internal service error [0x1FC07]. Retry the operation after some time.",
     "mars.activation-internal-error-1fc07", "[0x1FC07]"},
    {"passphrase not configured (34506)",
     "Error 34506. The encryption passphrase stored on this computer is not correctly "
     "configured.",
     "mars.passphrase-not-configured", "Error 34506"},
    // The same error in the words of Azure's troubleshooter for Azure Backup Server: "stored
    // for this computer", without the ID, so only the wording can find it.
    {"passphrase not configured, worded 'stored for this computer'",
     ERRLOG("WARNING", "The encryption passphrase stored for this computer is not correctly "
                       "configured"),
     "mars.passphrase-not-configured", "passphrase not correctly configured"},
    {"scheduled backups not running",
     "Task Scheduler failed to launch action \"C:\\Program Files\\Microsoft Azure Recovery "
     "Services Agent\\bin\\cbengine.exe\" in instance \"{5F7A3A27-0D5B-4D83-A3C6-0B3E3C5B7D41}\" "
     "of task \"\\Microsoft\\OnlineBackup\\Microsoft-OnlineBackup\".",
     "mars.scheduled-backup-not-running", "排程"},
    {"resource not provisioned in service stamp (230006)",
     "Resource not provisioned in service stamp. (ID: 230006)", "mars.resource-not-provisioned",
     "230006"},
    {"job not started: another job in progress",
     ERRLOG("WARNING", "Job could not be started as another job was in progress."),
     "mars.job-already-in-progress", "another job in progress"},
    {"recovery volume mount failure (iSCSI)",
     "Unable to mount the recovery volume: the Microsoft iSCSI Initiator service is disabled. "
     "(ID: 480010)",
     "mars.iscsi-initiator-disabled", "iSCSI"},
    {"cache folder blocked", ERRLOG("WARNING", "Failed: Hr: = [0x80070020] Unable to open the "
                                               "cache folder C:\\Program Files\\Microsoft Azure "
                                               "Recovery Services Agent\\Scratch: it is in use "
                                               "by another process (antivirus scan)"),
     "mars.cache-folder-blocked", "cache folder antivirus"},
    {"shadow copy storage too small",
     "Increase the shadow copy storage: the shadow copy storage area on volume C: is too small "
     "for the backup.",
     "mars.shadow-storage-too-small", "shadow copy storage"},
    {"SalChecksumStoreInitializationFailed",
     ERRLOG("WARNING", "Backup failed: SalChecksumStoreInitializationFailed"),
     "mars.scratch-checksum-store-failed", "SalChecksumStoreInitializationFailed"},
    {"SalVhdInitializationError", ERRLOG("WARNING", "Job failed: SalVhdInitializationError"),
     "mars.scratch-vhd-init-failed", "SalVhdInitializationError"},
    {"SalLowDiskSpace", ERRLOG("WARNING", "Backup failed with SalLowDiskSpace"),
     "mars.scratch-low-disk-space", "SalLowDiskSpace"},
    {"SalBitmapError", ERRLOG("WARNING", "Unable to find changes in a file. SalBitmapError"),
     "mars.change-tracking-failed", "SalBitmapError"},
};

const Item kMabsGuide[] = {
    {"invalid vault credentials at registration",
     "Provided vault credentials are invalid. The file is either corrupted or does not have "
     "the latest credentials associated with recovery service.",
     "mars.vault-credentials-invalid", "invalid vault credentials"},
    {"replica is inconsistent", "Replica is inconsistent.", "dpm.replica-inconsistent",
     "複本不一致"},
    {"online RP: snapshot failed",
     "The Windows Azure Backup Agent was unable to create a snapshot of the selected volume.",
     "mabs.online-snapshot-selected-volume", "snapshot selected volume"},
    {"online RP: cannot reach OBEngine",
     "The Windows Azure Backup Agent was unable to connect to the OBEngine service.",
     "mabs.obengine-unreachable", "OBEngine"},
    {"online RP: no encryption passphrase",
     "The encryption passphrase for this server is not set. Please configure an encryption "
     "passphrase.",
     "mabs.online-passphrase-not-set", "no encryption passphrase"},
    {"CBPServerRegisteredVaultDontMatchWithCurrent / 100110",
     "Error Code: CBPServerRegisteredVaultDontMatchWithCurrent/Vault Credentials Error:100110",
     "mars.vault-credential-wrong-vault", "CBPServerRegisteredVaultDontMatchWithCurrent"},
    {"VMware FileFaultFault (33621)",
     "VMware encountered an error while DPM attempted to get ChangeTracking information. "
     "ErrorCode - FileFaultFault (ID 33621 )",
     "dpm.vmware-change-tracking-33621", "FileFaultFault"},
    {"communication error with the DPM Agent Coordinator service",
     "The agent operation failed because of a communication error with the DPM Agent "
     "Coordinator service on FS01.contoso.com.",
     "dpm.agent-coordinator-comm-error", "Agent Coordinator"},
    {"setup could not update registry metadata",
     "Setup could not update registry metadata. Registry key: RefsEnableInlineTrim",
     "mabs.setup-registry-metadata", "RefsEnableInlineTrim"},
    {"invalid credentials when pushing the agent",
     "The credentials that are specified for the server are invalid.",
     "dpm.agent-push-invalid-credentials", "invalid credentials agent"},
    {"agent install failed (4024)",
     "The Microsoft Azure Recovery Services agent installation failed and was rolled back. "
     "(ID: 4024)",
     "mabs.mars-install-failed-4024", "4024"},
    {"protection group: cannot enumerate application components",
     "DPM could not enumerate the application component on the protected computer "
     "SQL02.fabrikam.com.",
     "dpm.pg-cannot-enumerate-components", "enumerate application components"},
    {"protection group: cannot configure protection", "Unable to configure protection.",
     "dpm.pg-unable-to-configure-protection", "configure protection"},
    {"protection group: storage pool out of space",
     "There is not enough free disk space in the storage pool to allocate the replica.",
     "dpm.storage-pool-insufficient-space", "storage pool space"},
    {"policy change failed [0x29834]",
     "The backup policy could not be modified. Error: The current operation failed due to an "
     "internal service error [0x29834].",
     "mabs.policy-change-failed-170036", "0x29834"},
    {"device not ready", "Backup failed: The device is not ready.", "dpm.device-not-ready",
     "device not ready"},
    {"system state backup space",
     "If you are backing up only system state, verify if there is enough free space on the "
     "protected computer to store the system state backup.",
     "dpm.system-state-backup-space", "system state"},
    {"BMR backup failure", "BMR backup failed. Windows Server Backup returned an error.",
     "dpm.bmr-backup-failed", "BMR"},
    {"VMware VM not offered for reprotection",
     "The VMware VM web01 cannot be added: this item is already protected by DPM server "
     "MABS-OLD.contoso.com.",
     "dpm.vmware-reprotect-not-offered", "VMware reprotect"},
    {"error accessing a file or share",
     "An error occurred while trying to access \\\\FS01\\Share\\Projects. Check that the file "
     "or share exists.",
     "dpm.file-share-access-error", "access file share"},
    {"incorrect security PIN",
     "The security PIN that was entered is incorrect. Provide the correct security PIN to "
     "complete this operation.",
     "mabs.security-pin-incorrect", "security PIN"},
    {"operation failed (120002)", "Operation failed. ID: 120002",
     "mabs.change-passphrase-failed-120002", "120002"},
    {"e-mail notification error (2013)", "Error ID: 2013",
     "dpm.smtp-notification-2013", "2013"},
    {"CBPSourceSnapshotFailedReplicaMissingOrInvalid",
     "Online recovery point creation failed: CBPSourceSnapshotFailedReplicaMissingOrInvalid",
     "mabs.online-replica-missing-or-invalid", "CBPSourceSnapshotFailedReplicaMissingOrInvalid"},
    {"CBPSourceSnapshotFailedReplicaMetadataInvalid",
     "Job failed: CBPSourceSnapshotFailedReplicaMetadataInvalid",
     "mabs.online-replica-metadata-invalid", "CBPSourceSnapshotFailedReplicaMetadataInvalid"},
    {"CBPSourceSnapshotFailedReplicaInconsistent",
     "Job failed: CBPSourceSnapshotFailedReplicaInconsistent", "mabs.online-replica-inconsistent",
     "CBPSourceSnapshotFailedReplicaInconsistent"},
    {"CBPSourceSnapshotFailedReplicaCloningIssue",
     "Job failed: CBPSourceSnapshotFailedReplicaCloningIssue", "mabs.online-replica-cloning-issue",
     "CBPSourceSnapshotFailedReplicaCloningIssue"},
};

class SeedChecklistTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto kb = KnowledgeBase::Default();
    ASSERT_TRUE(kb.ok()) << kb.status();
    kb_ = new KnowledgeBase(*std::move(kb));
    auto m = Matcher::Create(*kb_);
    ASSERT_TRUE(m.ok()) << m.status();
    matcher_ = m->release();
  }
  static void TearDownTestSuite() {
    delete matcher_;
    delete kb_;
  }

  void Check(const Item& item) {
    const int want = kb_->FindById(item.entry);
    ASSERT_GE(want, 0) << item.what << ": no entry " << item.entry;
    MatchScratch scratch;
    MatchResult result;
    ASSERT_TRUE(matcher_->Match(item.line, &scratch, &result).ok());
    EXPECT_THAT(result.entries, ::testing::Contains(want))
        << item.what << ": the line does not produce " << item.entry << "\n  " << item.line;
    EXPECT_THAT(Explain(*kb_, item.explain), ::testing::Contains(want))
        << item.what << ": `explain " << item.explain << "` does not find " << item.entry;
  }

  static KnowledgeBase* kb_;
  static const Matcher* matcher_;
};

KnowledgeBase* SeedChecklistTest::kb_ = nullptr;
const Matcher* SeedChecklistTest::matcher_ = nullptr;

TEST_F(SeedChecklistTest, MarsGuide) {
  for (const Item& item : kMarsGuide) Check(item);
}

TEST_F(SeedChecklistTest, AzureBackupServerGuide) {
  for (const Item& item : kMabsGuide) Check(item);
}

}  // namespace
}  // namespace loganalyze
