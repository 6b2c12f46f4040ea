// Which product wrote an input, judged from its file name.
#ifndef LOGANALYZE_AGGREGATE_LOG_PRODUCT_H_
#define LOGANALYZE_AGGREGATE_LOG_PRODUCT_H_

#include <string_view>

#include "loganalyze/knowledge_base.h"

namespace loganalyze::internal {

// The log family of an input from its file name (a path or an archive member path; only the
// last component counts, in any case): the MARS agent's logs (CBEngine*, GatewayProvider*,
// OBRecoveryServicesManagementAgent*, the installer's OBInstaller*, OBManagedlog*, OBMsi*,
// and LastBackupFailedFiles*.txt) are kMars; the DPM/MABS services' logs (MSDPM*, DPM*
// such as DPMRA* and DPMAccessManager*, LAAgent*, AgentBootStrapper*, the cmdlet wrappers,
// EurClient*, with their .Crash copies) are kDpm; anything else, plain excerpts included,
// is kAny (unknown).
ProductScope LogProductFromName(std::string_view name);

}  // namespace loganalyze::internal

#endif  // LOGANALYZE_AGGREGATE_LOG_PRODUCT_H_
