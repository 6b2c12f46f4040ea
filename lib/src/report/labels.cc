#include "report/labels.h"

namespace loganalyze::internal {

std::string_view L(Language lang, Label label) {
  const bool en = lang == Language::kEnglish;
  switch (label) {
    case Label::kOverview: return en ? "Bundle overview" : "記錄檔總覽";
    case Label::kFindings: return en ? "Findings" : "發現的問題";
    case Label::kFailedFiles: return en ? "Failed files" : "備份失敗的檔案";
    case Label::kJobs: return en ? "Jobs" : "作業";
    case Label::kUnknown: return en ? "Unknown errors" : "未知的錯誤";
    case Label::kTimeline: return en ? "Timeline" : "時間軸";
    case Label::kProblems: return en ? "Problems reading inputs" : "讀取輸入時發生的問題";
    case Label::kInputs: return en ? "inputs" : "個輸入";
    case Label::kTimesNote:
      return en ? "times as logged (UTC)" : "時間依記錄檔原樣顯示（UTC）";
    case Label::kExpected: return en ? "Expected logs" : "應有的記錄檔";
    case Label::kMissing: return en ? "missing" : "缺少";
    case Label::kPresent: return en ? "present" : "已提供";
    case Label::kCause: return en ? "Cause" : "原因";
    case Label::kActions: return en ? "What to do" : "處理方式";
    case Label::kCodes: return en ? "codes" : "代碼";
    case Label::kFirst: return en ? "first" : "首次";
    case Label::kLast: return en ? "last" : "最後";
    case Label::kSeenIn: return en ? "in" : "出現於";
    case Label::kExample: return en ? "e.g." : "範例";
    case Label::kNoFindings: return en ? "No known problem found." : "沒有發現已知的問題。";
    case Label::kTotal: return en ? "total" : "合計";
    case Label::kRecurring: return en ? "Recurring (2+ days)" : "重複失敗（兩天以上）";
    case Label::kTopDirectories: return en ? "Folders with the most failures" : "失敗最多的資料夾";
    case Label::kByCode: return en ? "By code" : "依代碼";
    case Label::kStart: return en ? "start" : "開始";
    case Label::kEnd: return en ? "end" : "結束";
    case Label::kOutcome: return en ? "outcome" : "結果";
    case Label::kFailedPhase: return en ? "failed in" : "失敗階段";
    case Label::kSlowestPhases: return en ? "Slowest phases" : "最慢的階段";
    case Label::kPerDay: return en ? "per day" : "每日";
    case Label::kErrors: return en ? "errors" : "錯誤";
    case Label::kWarnings: return en ? "warnings" : "警告";
    case Label::kSkipped: return en ? "skipped" : "已略過";
    case Label::kNone: return en ? "none" : "無";
    case Label::kOverflow:
      return en ? "more records whose templates did not fit the limit"
                : "筆記錄的樣板超出上限，只計數";
    case Label::kDocs: return en ? "docs" : "文件";
    case Label::kMore: return en ? "more" : "其他";
    case Label::kAnalysed: return en ? "analysed" : "個已分析";
    case Label::kLines: return en ? "lines" : "行";
  }
  return "";
}

std::string_view SeverityLabel(Language lang, Severity s) {
  const bool en = lang == Language::kEnglish;
  switch (s) {
    case Severity::kCritical: return en ? "CRITICAL" : "嚴重";
    case Severity::kError: return en ? "ERROR" : "錯誤";
    case Severity::kWarning: return en ? "WARNING" : "警告";
    case Severity::kInfo: return en ? "INFO" : "資訊";
  }
  return "";
}

}  // namespace loganalyze::internal
