#include "loganalyze/version.h"

#include <string>

#include "fmt/format.h"
#include "gtest/gtest.h"
#include "loganalyze/knowledge_base.h"

namespace loganalyze {
namespace {

TEST(VersionTest, MacrosAndTheLinkedLibraryAgree) {
  EXPECT_EQ(Version(), LOGANALYZE_VERSION_STRING);
  EXPECT_EQ(fmt::format("{}.{}.{}", LOGANALYZE_VERSION_MAJOR, LOGANALYZE_VERSION_MINOR,
                        LOGANALYZE_VERSION_PATCH),
            LOGANALYZE_VERSION_STRING);
  EXPECT_EQ(LOGANALYZE_VERSION, LOGANALYZE_VERSION_MAJOR * 10000 +
                                    LOGANALYZE_VERSION_MINOR * 100 + LOGANALYZE_VERSION_PATCH);
}

TEST(VersionTest, KnowledgeBaseVersionIsTheCompiledInOne) {
  absl::StatusOr<KnowledgeBase> kb = KnowledgeBase::Default();
  ASSERT_TRUE(kb.ok()) << kb.status();
  EXPECT_EQ(DefaultKnowledgeBaseVersion(), kb->version());
  EXPECT_EQ(DefaultKnowledgeBaseVersion(), LOGANALYZE_KB_VERSION_STRING);
  EXPECT_FALSE(DefaultKnowledgeBaseVersion().empty());
}

}  // namespace
}  // namespace loganalyze
