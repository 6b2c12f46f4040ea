// The HTML report: one self-contained page (inline style and script, and a CSP that forbids
// every load). Each text is written in both languages (classes "l-en" / "l-zh"); a class on
// <html> picks the one shown, so switching needs no re-rendering and the page shows
// `options.language` even with scripts off. Times and durations, the job phase chart, the
// timeline, the style sheet and the script are in html_chart.cc.
#include "report/html_writer.h"

#include <algorithm>
#include <initializer_list>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fmt/format.h"
#include "report/views.h"

namespace loganalyze::internal {

// Shared with html_chart.cc (one writer split in two for size). Each file declares what it
// uses of the other; no other file needs these, so there is no header.
namespace html {

void AppendEscaped(std::string& out, std::string_view s) {
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    const char* entity = c == '&'    ? "&amp;"
                         : c == '<'  ? "&lt;"
                         : c == '>'  ? "&gt;"
                         : c == '"'  ? "&quot;"
                         : c == '\'' ? "&#39;"
                         // Other control characters are not allowed in HTML text.
                         : (u < 0x20 && c != '\t' && c != '\n' && c != '\r') || u == 0x7f ? "\uFFFD"
                                                                                          : nullptr;
    if (entity) {
      out += entity;
    } else {
      out += c;
    }
  }
}

// One UI text in both languages; CSS shows the one selected on <html>.
std::string Bilingual(std::string_view en, std::string_view zh) {
  std::string out = R"(<span class="l-en" lang="en">)";
  AppendEscaped(out, en);
  out += R"(</span><span class="l-zh" lang="zh-TW">)";
  AppendEscaped(out, zh);
  return out + "</span>";
}

// html_chart.cc
std::string Time(LogTime t);                              // as logged, or a dash
std::optional<int64_t> DurationMs(LogTime a, LogTime b);  // nullopt unless a <= b, both set
std::string Duration(std::optional<int64_t> ms);          // "1 h 5 min" / "1 小時 5 分"
// The phases of `job` as a table with a bar chart; `slow` names the phases to mark.
void AppendPhaseChart(std::string& out, const ReportJob& job, std::string_view failed_phase,
                      const std::vector<std::string_view>& slow);
void AppendTimelineSection(std::string& out, const Report& report);
extern const char kStyle[];
extern const char kScript[];

}  // namespace html

namespace {

using html::AppendEscaped;
using html::Duration;
using html::DurationMs;
using html::Time;
const auto& L = html::Bilingual;

template <typename... Args>
void Put(std::string& out, fmt::format_string<Args...> f, Args&&... args) {
  fmt::format_to(std::back_inserter(out), f, std::forward<Args>(args)...);
}

std::string Esc(std::string_view s) {
  std::string out;
  AppendEscaped(out, s);
  return out;
}

// A path that may wrap after each separator rather than anywhere.
std::string Path(std::string_view s) {
  std::string out;
  for (size_t start = 0; start < s.size();) {
    const size_t sep = std::min(s.find_first_of("\\/", start), s.size() - 1);
    AppendEscaped(out, s.substr(start, sep + 1 - start));
    out += "<wbr>";
    start = sep + 1;
  }
  return out;
}

// Knowledge-base texts mark commands with backticks: show those spans as code.
std::string EscWithCode(std::string_view s) {
  if (std::count(s.begin(), s.end(), '`') % 2 != 0) return Esc(s);
  std::string out;
  bool in_code = false;
  for (size_t start = 0; start <= s.size(); in_code = !in_code) {
    const size_t tick = std::min(s.find('`', start), s.size());
    if (in_code) out += "<code>";
    AppendEscaped(out, s.substr(start, tick - start));
    if (in_code) out += "</code>";
    start = tick + 1;
  }
  return out;
}

// Already-escaped HTML in both languages.
std::string BilingualHtml(std::string_view en, std::string_view zh) {
  return fmt::format(
      R"(<span class="l-en" lang="en">{}</span><span class="l-zh" lang="zh-TW">{}</span>)", en, zh);
}

std::string Badge(std::string_view cls, std::string_view en, std::string_view zh) {
  return fmt::format(R"(<span class="badge {}">{}</span>)", cls, L(en, zh));
}

std::string Note(std::string_view en, std::string_view zh) {
  return fmt::format(R"(<p class="note">{}</p>)", L(en, zh));
}

std::string Num(uint64_t n) {
  const std::string digits = std::to_string(n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string Size(uint64_t bytes) {
  if (bytes < 1024) return fmt::format("{} B", bytes);
  constexpr const char* kUnits[] = {"KiB", "MiB", "GiB", "TiB"};
  double v = static_cast<double>(bytes) / 1024;
  size_t u = 0;
  for (; v >= 1024 && u + 1 < std::size(kUnits); ++u) v /= 1024;
  return fmt::format("{:.1f} {}", v, kUnits[u]);
}

std::string TimeRange(LogTime a, LogTime b, bool stacked = false) {
  if (!a.is_set() && !b.is_set()) return Time(a);
  return Time(a) +
         (stacked ? R"(<br><span class="muted">→ </span>)" : R"( <span class="muted">→</span> )") +
         Time(b);
}

std::string SeverityBadge(Severity s) {
  static constexpr std::string_view kEn[] = {"Info", "Warning", "Error", "Critical"};
  static constexpr std::string_view kZh[] = {"資訊", "警告", "錯誤", "嚴重"};
  const auto i = static_cast<size_t>(s);
  return Badge(fmt::format("s-{}", SeverityName(s)), kEn[i], kZh[i]);
}

std::string OutcomeBadge(std::string_view outcome) {
  if (outcome == "succeeded") return Badge("o-ok", "Succeeded", "成功");
  if (outcome == "failed") return Badge("s-error", "Failed", "失敗");
  return Badge("o-unknown", "Unknown", "不明");
}

std::string KindLabel(std::string_view kind) {
  if (kind == "mars-backup") return L("MARS backup", "MARS 備份");
  if (kind == "mars-task") return L("MARS task", "MARS 工作");
  if (kind == "dpm-task") return L("DPM job", "DPM 作業");
  return Esc(kind);
}

std::string Chip(std::string_view code) {
  return fmt::format(R"(<code class="chip">{}</code>)", Esc(code));
}

// The entry at `index` (from FindById / FindByCode), or null for -1.
const KbEntry* Entry(const KnowledgeBase& kb, int index) {
  return index < 0 ? nullptr : &kb.entries()[static_cast<size_t>(index)];
}

void SectionStart(std::string& out, std::string_view id, std::string_view en, std::string_view zh,
                  uint64_t count, bool tools = false) {
  Put(out, R"(<section id="{}"><h2>{} <span class="count">{}</span></h2>)", id, L(en, zh),
      Num(count));
  if (tools) {
    Put(out,
        R"(<div class="tools"><button type="button" data-open="1" data-scope="{0}">{1}</button>)"
        R"(<button type="button" data-open="0" data-scope="{0}">{2}</button></div>)",
        id, L("Expand all", "全部展開"), L("Collapse all", "全部收合"));
  }
  out += '\n';
}

void SectionEmpty(std::string& out, std::string_view en, std::string_view zh) {
  Put(out, "<p class=\"empty\">{}</p>\n</section>\n", L(en, zh));
}

struct Col {
  std::string_view en, zh;
  std::string_view cls = {};
};

// Opens a table (in a wrapper that scrolls sideways when needed) with these column heads.
void TableStart(std::string& out, std::initializer_list<Col> cols, std::string_view cls = {}) {
  auto attr = [](std::string_view c) { return c.empty() ? "" : fmt::format(R"( class="{}")", c); };
  Put(out, R"(<div class="wrap"><table{}><thead><tr>)", attr(cls));
  for (const Col& c : cols) {
    Put(out, "<th{}>{}</th>", attr(c.cls), c.en.empty() ? "" : L(c.en, c.zh));
  }
  out += "</tr></thead><tbody>\n";
}

constexpr std::string_view kTableEnd = "</tbody></table></div>\n";

std::string SampleList(const std::vector<ReportSample>& samples) {
  std::string out = R"(<ul class="samples">)";
  for (const ReportSample& s : samples) {
    Put(out, R"(<li><span class="loc">{}:{}</span><code>{}</code></li>)",
        Path(InputKey(s.path, s.member)), s.line, Esc(s.text));
  }
  return out + "</ul>";
}

// A definition list of (label, already-escaped value) rows.
std::string Meta(std::initializer_list<std::pair<std::string, std::string>> rows) {
  std::string out = R"(<dl class="meta">)";
  for (const auto& [label, value] : rows) Put(out, "<dt>{}</dt><dd>{}</dd>", label, value);
  return out + "</dl>";
}

std::string PathList(const std::set<std::string>& paths, uint64_t more = 0) {
  std::string out;
  for (const std::string& p : paths) out += (out.empty() ? "" : "<br>") + Path(p);
  if (more > 0) {
    out += "<br>" + L(fmt::format("and {} more (not listed)", Num(more)),
                      fmt::format("另有 {} 個（未列出）", Num(more)));
  }
  return out.empty() ? "–" : out;
}

// ---- head, header and summary ----

struct Totals {
  uint64_t by_severity[4] = {};
  uint64_t jobs_failed = 0;
  LogTime first, last;
};

Totals CountTotals(const Report& r) {
  Totals t;
  for (const auto& [id, f] : r.findings) ++t.by_severity[static_cast<size_t>(f.severity)];
  for (const auto& [id, j] : r.jobs) t.jobs_failed += j.Outcome() == "failed";
  for (const ReportInput& in : r.inputs) {
    if (in.first_time.is_set() && (!t.first.is_set() || in.first_time < t.first)) {
      t.first = in.first_time;
    }
    t.last = std::max(t.last, in.last_time);
  }
  return t;
}

void AppendHead(std::string& out, const Report& r, const KnowledgeBase& kb,
                const RenderOptions& options, const Totals& t) {
  const bool zh = options.language == Language::kTraditionalChinese;
  Put(out,
      "<!DOCTYPE html>\n<html lang=\"{0}\" class=\"{1}\" data-lang=\"{0}\">\n<head>\n"
      "<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n"
      "<title>loganalyze – Azure Backup log report</title>\n<style>\n{2}</style>\n</head>\n"
      "<body>\n",
      zh ? "zh-TW" : "en", zh ? "lang-zh" : "lang-en", html::kStyle);
  Put(out,
      R"(<header class="top"><div class="bar"><span class="brand">loganalyze</span><nav>)"
      R"(<a href="#overview">{}</a><a href="#findings">{}</a><a href="#failed-files">{}</a>)"
      R"(<a href="#jobs">{}</a><a href="#unknown">{}</a><a href="#timeline">{}</a>)"
      R"(<a href="#errors">{}</a></nav>)"
      R"(<div class="langsel" role="group" aria-label="Language / 語言">)"
      R"(<button type="button" data-set-lang="en" aria-pressed="{}">English</button>)"
      R"(<button type="button" data-set-lang="zh-TW" aria-pressed="{}">繁體中文</button>)"
      "</div></div></header>\n<main>\n",
      L("Overview", "概觀"), L("Findings", "問題"), L("Failed files", "失敗檔案"),
      L("Jobs", "作業"), L("Unknown", "未知訊息"), L("Timeline", "時間軸"),
      L("Read errors", "讀取錯誤"), !zh, zh);
  Put(out, "<h1>{}</h1>\n<p class=\"sub\">{} · {}",
      L("Azure Backup log analysis", "Azure 備份記錄分析報告"), TimeRange(t.first, t.last),
      L("times as logged (UTC)", "時間依記錄原樣顯示（UTC）"));
  if (!options.tool_version.empty()) Put(out, " · loganalyze {}", Esc(options.tool_version));
  Put(out, " · {} {}</p>\n<div class=\"cards\">", L("knowledge base", "知識庫版本"),
      Esc(kb.version()));
  // Summary cards: what a support engineer reads first. Coloured only when not zero.
  auto card = [&](std::string_view href, uint64_t n, std::string_view cls, std::string label) {
    Put(out, R"(<a class="card {}" href="#{}"><b>{}</b><span>{}</span></a>)", n > 0 ? cls : "",
        href, Num(n), label);
  };
  card("findings", t.by_severity[3], "c-critical", L("critical findings", "嚴重問題"));
  card("findings", t.by_severity[2], "c-error", L("error findings", "錯誤問題"));
  card("findings", t.by_severity[1], "c-warning", L("warning findings", "警告問題"));
  card("jobs", t.jobs_failed, "c-error",
       L(fmt::format("failed jobs of {}", Num(r.jobs.size())),
         fmt::format("失敗作業（共 {} 個）", Num(r.jobs.size()))));
  card("failed-files", r.failed_files.total, "c-warning", L("failed file items", "備份失敗的項目"));
  card("unknown", r.unknown.size(), "", L("unknown message templates", "未知訊息範本"));
  card("errors", r.errors.size() + r.errors_overflow, "c-error", L("inputs not read", "無法讀取的輸入"));
  out += "</div>\n";
}

// ---- sections ----

void AppendOverview(std::string& out, const Report& r, const Totals& t) {
  const uint64_t all = r.inputs.size() + r.unlisted_inputs.inputs;
  SectionStart(out, "overview", "Overview", "概觀", all);
  if (all == 0) return SectionEmpty(out, "No inputs.", "沒有輸入檔案。");
  TableStart(out,
             {{"#", "#", "n"},
              {"Input", "輸入檔案"},
              {"Format", "格式"},
              {"Encoding", "編碼"},
              {"Size", "大小", "n"},
              {"Lines", "行數", "n"},
              {"Records", "記錄數", "n"},
              {"Time range (UTC)", "時間範圍（UTC）"},
              {"Status", "狀態"}},
             "inputs");
  InputStats sum;
  for (size_t i = 0; i < r.inputs.size(); ++i) {
    const ReportInput& in = r.inputs[i];
    sum.Add(in.stats);
    std::string status = !in.error.empty() ? Badge("s-error", "Error", "錯誤") + " " + Esc(in.error)
                         : !in.skipped.empty()
                             ? Badge("o-unknown", "Skipped", "已略過") + " " + Esc(in.skipped)
                             : Badge("o-ok", "Read", "已讀取");
    if (in.stats.truncated_lines > 0) {
      const std::string n = Num(in.stats.truncated_lines);
      status += Note("Lines cut at the line limit: " + n, "超過長度上限而截斷的行數：" + n);
    }
    if (in.stats.replaced_sequences > 0) {
      const std::string n = Num(in.stats.replaced_sequences);
      status += Note("Invalid byte sequences replaced: " + n, "已取代的無效位元組序列：" + n);
    }
    {
      const std::vector<std::string> en = InputRemarks(in, Language::kEnglish);
      const std::vector<std::string> zh = InputRemarks(in, Language::kTraditionalChinese);
      for (size_t k = 0; k < en.size(); ++k) status += Note(Esc(en[k]), Esc(zh[k]));
    }
    Put(out,
        R"(<tr><td class="n">{}</td><td class="path">{}{}</td><td class="nw">{}</td>)"
        R"(<td class="nw">{}</td><td class="n" title="{} bytes">{}</td><td class="n">{}</td>)"
        R"(<td class="n">{}</td><td class="nw">{}</td><td>{}</td></tr>)"
        "\n",
        i + 1, Path(in.path),
        in.member.empty() ? "" : R"(<br><span class="member">!/ )" + Path(in.member) + "</span>",
        in.format ? FormatName(*in.format) : "–", EncodingName(in.encoding), Num(in.stats.bytes),
        Size(in.stats.bytes), Num(in.stats.lines), Num(in.stats.records),
        TimeRange(in.first_time, in.last_time, true), status);
  }
  if (r.unlisted_inputs.inputs > 0) {
    const UnlistedInputs& u = r.unlisted_inputs;
    sum.Add(u.stats);
    Put(out,
        R"(<tr><td></td><td colspan="4">{}</td><td class="n">{}</td><td class="n">{}</td>)"
        R"(<td class="nw">{}</td><td></td></tr>)"
        "\n",
        L(Esc(UnlistedInputsText(r, Language::kEnglish)),
          Esc(UnlistedInputsText(r, Language::kTraditionalChinese))),
        Num(u.stats.lines), Num(u.stats.records), TimeRange(u.first_time, u.last_time, true));
  }
  Put(out,
      R"(</tbody><tfoot><tr><td></td><td colspan="3">{}</td><td class="n">{}</td>)"
      R"(<td class="n">{}</td><td class="n">{}</td><td class="nw">{}</td><td></td></tr></tfoot>)"
      "</table></div>\n</section>\n",
      L(fmt::format("Total: {} inputs", all), fmt::format("合計：{} 個輸入", all)),
      Size(sum.bytes), Num(sum.lines), Num(sum.records), TimeRange(t.first, t.last, true));
}

void AppendFinding(std::string& out, const ReportFinding& f, const KnowledgeBase& kb,
                   size_t index) {
  const KbEntry* e = Entry(kb, kb.FindById(f.id));
  const bool code_only = std::string_view(f.id).starts_with("code:");
  const std::string code = code_only ? f.id.substr(5) : std::string();
  const std::string title = e           ? BilingualHtml(Esc(e->title.en), Esc(e->title.zh_tw))
                            : code_only ? L("Error code " + code, "錯誤碼 " + code)
                                        : Esc(f.id);
  // The most important ones start open: the top three, when they are errors or worse.
  const bool open = index < 3 && f.severity >= Severity::kError;
  Put(out,
      R"(<details class="item k-{}" id="finding-{}"{}><summary>{}<span class="title">{}</span>)"
      R"(<span class="times">×{}</span><span class="codes">)",
      SeverityName(f.severity), index + 1, open ? " open" : "", SeverityBadge(f.severity), title,
      Num(f.count));
  // The entry's own codes first: a record can carry other codes besides the one it is about.
  std::vector<std::string_view> codes;
  if (e) {
    for (const std::string& c : e->codes) {
      if (f.codes.contains(c)) codes.push_back(c);
    }
  }
  for (const std::string& c : f.codes) {
    if (std::find(codes.begin(), codes.end(), c) == codes.end()) codes.push_back(c);
  }
  for (size_t i = 0; i < codes.size() && i < 3; ++i) out += Chip(codes[i]);
  if (codes.size() > 3) Put(out, R"(<span class="muted">+{}</span>)", codes.size() - 3);
  Put(out, R"(</span><span class="when">{}</span></summary><div class="body">)", Time(f.last_seen));

  if (code_only) {
    Put(out, R"(<p class="nokb">{}</p>)",
        BilingualHtml("The code " + Chip(code) +
                          " has no entry in the knowledge base: loganalyze cannot explain it yet. "
                          "Search Microsoft's documentation for the code and read the sample lines "
                          "below for context.",
                      "知識庫中沒有錯誤碼 " + Chip(code) +
                          " 的說明，loganalyze 目前無法解釋。請以此錯誤碼搜尋 Microsoft "
                          "文件，並參考下方的記錄範例了解前後狀況。"));
  } else if (!e) {
    Put(out, R"(<p class="nokb">{}</p>)",
        L("This entry is not in the knowledge base used to render the report.",
          "產生報告時使用的知識庫中沒有這個項目。"));
  }
  std::string chips;
  for (std::string_view c : codes) chips += Chip(c);
  out += Meta({{L("Entry", "項目"), "<code>" + Esc(f.id) + "</code>"},
               {L("Codes", "錯誤碼"), chips.empty() ? "–" : chips},
               {L("Count", "次數"), Num(f.count)},
               {L("First seen", "首次出現"), Time(f.first_seen)},
               {L("Last seen", "最後出現"), Time(f.last_seen)},
               {L("Inputs", "來源檔案"), PathList(f.inputs, f.more_inputs)}});
  if (e) {
    Put(out, R"(<h4>{}</h4><p>{}</p><h4>{}</h4>)", L("Cause", "原因"),
        BilingualHtml(EscWithCode(e->cause.en), EscWithCode(e->cause.zh_tw)),
        L("What to do", "建議處理方式"));
    for (Language lang : {Language::kEnglish, Language::kTraditionalChinese}) {
      Put(out, R"(<ol class="actions {}" lang="{}">)", lang == Language::kEnglish ? "l-en" : "l-zh",
          LanguageTag(lang));
      for (const std::string& a : e->actions.Get(lang)) Put(out, "<li>{}</li>", EscWithCode(a));
      out += "</ol>";
    }
    if (e->docs.starts_with("https://") || e->docs.starts_with("http://")) {
      Put(out, R"(<p class="docs">{} <a href="{}" rel="noreferrer noopener">{}</a></p>)",
          L("Documentation:", "參考文件："), Esc(e->docs), Path(e->docs));
    }
  }
  if (!f.samples.empty()) {
    Put(out, "<h4>{}</h4>{}", L("Sample lines", "記錄範例"), SampleList(f.samples));
  }
  out += "</div></details>\n";
}

void AppendFindings(std::string& out, const Report& r, const KnowledgeBase& kb) {
  SectionStart(out, "findings", "Findings", "偵測到的問題", r.findings.size(), !r.findings.empty());
  if (r.findings.empty()) {
    return SectionEmpty(out, "No known problem was found.", "沒有發現已知的問題。");
  }
  const std::vector<const ReportFinding*> ordered = OrderedFindings(r);
  for (size_t i = 0; i < ordered.size(); ++i) AppendFinding(out, *ordered[i], kb, i);
  out += "</section>\n";
}

void AppendFailedFiles(std::string& out, const Report& r, const KnowledgeBase& kb) {
  const FailedFiles& ff = r.failed_files;
  SectionStart(out, "failed-files", "Failed files", "備份失敗的檔案", ff.total);
  if (ff.items.empty()) {
    return SectionEmpty(out, "No failed-files list was analysed, or the lists were empty.",
                        "沒有分析到失敗檔案清單，或清單是空的。");
  }
  Put(out, "<p>{}</p>\n<div class=\"cols\"><div><h3>{}</h3>",
      L(fmt::format("{} items in the lists, {} distinct files.", Num(ff.total),
                    Num(ff.items.size())),
        fmt::format("清單中共有 {} 個項目，涉及 {} 個不同的檔案。", Num(ff.total),
                    Num(ff.items.size()))),
      L("By error code", "依錯誤碼"));
  TableStart(out, {{"Code", "錯誤碼"}, {"Items", "項目數", "n"}, {"Meaning", "說明"}});
  std::vector<std::pair<std::string, uint64_t>> codes(ff.by_code.begin(), ff.by_code.end());
  std::stable_sort(codes.begin(), codes.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  for (const auto& [code, n] : codes) {
    const KbEntry* e = Entry(kb, kb.FindByCode(code));
    Put(out, R"(<tr><td>{}</td><td class="n">{}</td><td>{}</td></tr>)", Chip(code), Num(n),
        e ? BilingualHtml(Esc(e->title.en), Esc(e->title.zh_tw))
          : R"(<span class="muted">)" + L("no knowledge-base entry", "知識庫中沒有說明") +
                "</span>");
  }
  out += kTableEnd;

  struct Dir {
    uint64_t files = 0, failures = 0;
  };
  std::map<std::string_view, Dir> dirs;
  for (const auto& [key, item] : ff.items) {
    const std::string_view path = item.path;
    const size_t slash = path.find_last_of("\\/");
    Dir& d = dirs[slash == std::string_view::npos ? "" : path.substr(0, slash + 1)];
    ++d.files;
    d.failures += item.count;
  }
  std::vector<std::pair<std::string_view, Dir>> top(dirs.begin(), dirs.end());
  std::stable_sort(top.begin(), top.end(), [](const auto& a, const auto& b) {
    return a.second.failures > b.second.failures;
  });
  if (top.size() > 10) top.resize(10);
  Put(out, "</div><div><h3>{}</h3>", L("Folders with the most failures", "失敗最多的資料夾"));
  TableStart(out, {{"Folder", "資料夾"}, {"Files", "檔案數", "n"}, {"Failures", "失敗次數", "n"}});
  for (const auto& [dir, d] : top) {
    Put(out, R"(<tr><td class="path">{}</td><td class="n">{}</td><td class="n">{}</td></tr>)",
        dir.empty() ? "–" : Path(dir), Num(d.files), Num(d.failures));
  }
  out += kTableEnd;
  out += "</div></div>\n";

  std::vector<const FailedFileItem*> recurring;
  for (const auto& [key, item] : ff.items) {
    if (item.days.size() >= 2) recurring.push_back(&item);
  }
  std::stable_sort(recurring.begin(), recurring.end(),
                   [](const auto* a, const auto* b) { return a->days.size() > b->days.size(); });
  Put(out, R"(<h3>{} <span class="count">{}</span></h3>)",
      L("Files that failed on several days", "多日重複失敗的檔案"), Num(recurring.size()));
  if (recurring.empty()) {
    out += Note("None: every file failed on one day only.", "沒有：每個檔案都只在一天失敗。");
  } else {
    constexpr size_t kMaxRows = 100;
    TableStart(
        out,
        {{"File", "檔案"}, {"Code", "錯誤碼"}, {"Days", "天數", "n"}, {"Days listed", "出現日期"}});
    for (size_t i = 0; i < recurring.size() && i < kMaxRows; ++i) {
      const FailedFileItem& item = *recurring[i];
      std::string days;
      for (const std::string& d : item.days) days += (days.empty() ? "" : ", ") + Esc(d);
      Put(out, R"(<tr><td class="path">{}</td><td>{}</td><td class="n">{}</td><td>{}</td></tr>)",
          Path(item.path), Chip(item.code), item.days.size(), days);
    }
    out += kTableEnd;
    if (recurring.size() > kMaxRows) {
      const size_t more = recurring.size() - kMaxRows;
      out += Note(fmt::format("{} more not shown (see the JSON report).", more),
                  fmt::format("另有 {} 個未列出（請參閱 JSON 報告）。", more));
    }
  }
  out += "</section>\n";
}

struct PhaseRef {
  const ReportJob* job;
  size_t job_index;
  std::string_view name;
  const JobPhase* phase;
  int64_t ms;
};

// One job: a summary line laid out as a grid row, and its details with the phase chart.
void AppendJob(std::string& out, const ReportJob& j, size_t index,
               const std::vector<PhaseRef>& slowest) {
  const std::string failed_phase = j.FailedPhase();
  const auto total = DurationMs(j.Start(), j.End());
  std::string codes;
  for (const std::string& c : j.codes) codes += Chip(c);
  Put(out,
      R"(<details class="item job j-{}" id="job-{}"><summary>{}<code class="tid">{}</code>)"
      R"(<span class="kind">{}</span><span class="start">{}</span><span class="dur">{}</span>)"
      R"(<span class="extra">{}{}</span></summary><div class="body">)",
      j.Outcome(), index + 1, OutcomeBadge(j.Outcome()), Esc(j.task_id), KindLabel(j.kind),
      Time(j.Start()), Duration(total),
      failed_phase.empty()
          ? ""
          : R"(<span class="fphase">)" + L("failed in ", "失敗於 ") + Esc(failed_phase) + "</span>",
      codes);
  out += Meta({{L("Task ID", "工作識別碼"), "<code>" + Esc(j.task_id) + "</code>"},
               {L("Kind", "類型"), KindLabel(j.kind)},
               {L("Start", "開始"), Time(j.Start())},
               {L("End", "結束"), Time(j.End())},
               {L("Duration", "耗時"), Duration(total)},
               {L("Outcome", "結果"), OutcomeBadge(j.Outcome())},
               {L("Failed phase", "失敗階段"), failed_phase.empty() ? "–" : Esc(failed_phase)},
               {L("Codes", "錯誤碼"), codes.empty() ? "–" : codes},
               {L("Inputs", "來源檔案"), PathList(j.inputs)},
               {L("Records", "記錄數"), Num(j.records)}});
  if (j.Outcome() == "unknown") {
    out += Note(
        "No outcome was logged: the job was still running when the logs were collected, or its "
        "end is in a file that was not collected.",
        "記錄中沒有作業結果：收集記錄時作業可能仍在執行，或結束的部分位於未收集的檔案中。");
  }
  // Only the top three are marked: with few jobs, the slowest list holds nearly every phase.
  std::vector<std::string_view> slow;
  for (size_t i = 0; i < slowest.size() && i < 3; ++i) {
    if (slowest[i].job == &j) slow.push_back(slowest[i].name);
  }
  html::AppendPhaseChart(out, j, failed_phase, slow);
  out += "</div></details>\n";
}

void AppendJobs(std::string& out, const Report& r) {
  std::vector<const ReportJob*> jobs;
  size_t n_ok = 0, n_failed = 0;
  for (const auto& [id, j] : r.jobs) {
    jobs.push_back(&j);
    n_ok += j.Outcome() == "succeeded";
    n_failed += j.Outcome() == "failed";
  }
  SectionStart(out, "jobs", "Jobs", "作業", jobs.size(), !jobs.empty());
  if (jobs.empty())
    return SectionEmpty(out, "No job was found in the logs.", "記錄中沒有找到作業。");
  // Failed first, then unknown, then succeeded; each group in time order.
  auto rank = [](const ReportJob* j) {
    const std::string_view o = j->Outcome();
    return o == "failed" ? 0 : o == "unknown" ? 1 : 2;
  };
  std::stable_sort(jobs.begin(), jobs.end(), [&](const ReportJob* a, const ReportJob* b) {
    return std::make_pair(rank(a), a->Start()) < std::make_pair(rank(b), b->Start());
  });
  const size_t n_unknown = jobs.size() - n_ok - n_failed;
  Put(out, "<p>{}</p>\n",
      L(fmt::format("{} succeeded, {} failed, {} without an outcome (still running, or the end is "
                    "not in the logs). Failed jobs are listed first.",
                    n_ok, n_failed, n_unknown),
        fmt::format("{} 個成功、{} 個失敗、{} 個沒有結果（仍在執行中，或記錄中沒有結束的部分）。"
                    "失敗的作業列在最前面。",
                    n_ok, n_failed, n_unknown)));

  std::vector<PhaseRef> slowest;
  for (size_t i = 0; i < jobs.size(); ++i) {
    for (const auto& [name, p] : jobs[i]->phases) {
      if (auto ms = DurationMs(p.start, p.end)) slowest.push_back({jobs[i], i, name, &p, *ms});
    }
  }
  std::stable_sort(slowest.begin(), slowest.end(),
                   [](const PhaseRef& a, const PhaseRef& b) { return a.ms > b.ms; });
  if (slowest.size() > 8) slowest.resize(8);
  if (!slowest.empty()) {
    Put(out, "<h3>{}</h3>", L("Slowest phases", "耗時最久的階段"));
    TableStart(out, {{"Phase", "階段"},
                     {"Duration", "耗時", "n"},
                     {"Job", "作業"},
                     {"Kind", "類型"},
                     {"Started", "開始時間"}});
    for (const PhaseRef& p : slowest) {
      Put(out,
          R"(<tr><td>{}</td><td class="n">{}</td><td><a class="mono" href="#job-{}">{}</a></td>)"
          R"(<td>{}</td><td class="nw">{}</td></tr>)",
          Esc(p.name), Duration(p.ms), p.job_index + 1, Esc(p.job->task_id), KindLabel(p.job->kind),
          Time(p.phase->start));
    }
    out += kTableEnd;
  }
  Put(out, "<h3>{}</h3>\n", L("All jobs", "所有作業"));
  for (size_t i = 0; i < jobs.size(); ++i) AppendJob(out, *jobs[i], i, slowest);
  out += "</section>\n";
}

void AppendUnknown(std::string& out, const Report& r) {
  SectionStart(out, "unknown", "Unknown errors and warnings", "未知的錯誤與警告", r.unknown.size());
  out += Note(
      "Warnings and errors that no knowledge-base entry explains, grouped by template (numbers, "
      "hex values, GUIDs and paths masked).",
      "知識庫無法解釋的警告與錯誤，依訊息範本分組（數字、十六進位值、GUID 與路徑已遮蔽）。");
  if (r.unknown.empty() && r.unknown_overflow == 0) return SectionEmpty(out, "None.", "沒有。");
  std::vector<const UnknownTemplate*> list;
  for (const auto& [text, t] : r.unknown) list.push_back(&t);
  std::stable_sort(list.begin(), list.end(), [](const auto* a, const auto* b) {
    return std::make_pair(a->severity, a->count) > std::make_pair(b->severity, b->count);
  });
  constexpr size_t kMaxRows = 200;
  TableStart(out,
             {{"Template", "訊息範本"},
              {"Count", "次數", "n"},
              {"Severity", "嚴重性"},
              {"First occurrence", "首次出現位置"}},
             "unknown");
  for (size_t i = 0; i < list.size() && i < kMaxRows; ++i) {
    const UnknownTemplate& t = *list[i];
    Put(out,
        R"(<tr><td><code class="tpl">{}</code></td><td class="n">{}</td><td>{}</td>)"
        R"(<td><span class="loc">{}:{}</span><code class="line">{}</code></td></tr>)"
        "\n",
        Esc(t.text), Num(t.count), SeverityBadge(t.severity),
        Path(InputKey(t.example.path, t.example.member)), t.example.line, Esc(t.example.text));
  }
  out += kTableEnd;
  if (list.size() > kMaxRows) {
    const size_t more = list.size() - kMaxRows;
    out += Note(fmt::format("{} less frequent templates not shown (see the JSON report).", more),
                fmt::format("另有 {} 個較少出現的範本未列出（請參閱 JSON 報告）。", more));
  }
  if (r.unknown_overflow > 0) {
    const std::string n = Num(r.unknown_overflow);
    out += Note("Records not grouped because the template limit was reached: " + n,
                "因範本數量已達上限而未分組的記錄：" + n);
  }
  out += "</section>\n";
}

void AppendErrors(std::string& out, const Report& r) {
  SectionStart(out, "errors", "Inputs that could not be read", "無法讀取的輸入", r.errors.size());
  if (r.errors.empty()) return SectionEmpty(out, "Every input was read.", "所有輸入皆已讀取。");
  TableStart(out, {{"Input", "輸入檔案"}, {"Problem", "問題"}});
  for (const ReportError& e : r.errors) {
    Put(out, R"(<tr><td class="path">{}</td><td>{}</td></tr>)", Path(InputKey(e.path, e.member)),
        Esc(e.message));
  }
  out += kTableEnd;
  out += "</section>\n";
}

}  // namespace

std::string RenderHtml(const Report& report, const KnowledgeBase& kb,
                       const RenderOptions& options) {
  std::string out;
  out.reserve(128 * 1024);
  const Totals totals = CountTotals(report);
  AppendHead(out, report, kb, options, totals);
  AppendOverview(out, report, totals);
  AppendFindings(out, report, kb);
  AppendFailedFiles(out, report, kb);
  AppendJobs(out, report);
  AppendUnknown(out, report);
  html::AppendTimelineSection(out, report);
  AppendErrors(out, report);
  Put(out, "</main>\n<footer>{}", L("Generated by loganalyze", "由 loganalyze 產生"));
  if (!options.tool_version.empty()) Put(out, " {}", Esc(options.tool_version));
  Put(out, " · {} {} · {}</footer>\n<script>\n{}</script>\n</body>\n</html>\n",
      L("knowledge base", "知識庫版本"), Esc(kb.version()),
      L("All times are shown as logged (UTC).", "所有時間均依記錄原樣顯示（UTC）。"),
      html::kScript);
  return out;
}

}  // namespace loganalyze::internal
