// The terminal report: what a support engineer reads first. Fits `options.width` columns.
// Text that comes from the inputs or from a merged report (names, lines, templates, codes,
// messages) is passed through EscapeControls before it is measured, cut or styled: a log
// never sends the terminal a command, and the only escape sequences are this writer's
// colours.
#include <algorithm>
#include <string>

#include "fmt/format.h"
#include "report/escape_controls.h"
#include "report/labels.h"
#include "report/text_layout.h"
#include "report/views.h"
#include "report/writers.h"

namespace loganalyze::internal {
namespace {

constexpr size_t kMaxUnknownShown = 15;
constexpr size_t kMaxRecurringShown = 15;
constexpr size_t kMaxJobsShown = 25;

class TextWriter {
 public:
  TextWriter(const Report& r, const KnowledgeBase& kb, const RenderOptions& o)
      : r_(r), kb_(kb), o_(o), lang_(o.language), v_(MakeViews(r)),
        width_(std::max<size_t>(60, o.width)) {}

  std::string Render() {
    out_ += Style("1", fmt::format("loganalyze {}", o_.tool_version));
    out_ += fmt::format(" · knowledge base {} · {}\n", kb_.version(), L(lang_, Label::kTimesNote));
    Overview();
    Findings();
    FailedFiles();
    Jobs();
    Unknown();
    Timeline();
    Problems();
    // No trailing spaces (an empty last column pads a line).
    return StripTrailingSpaces(out_);
  }

 private:
  std::string Style(std::string_view code, std::string_view text) const {
    if (!o_.color) return std::string(text);
    return fmt::format("\x1b[{}m{}\x1b[0m", code, text);
  }
  std::string SeverityBadge(Severity s) const {
    static constexpr std::string_view kCodes[] = {"36", "33", "31", "1;35"};
    return Style(kCodes[static_cast<int>(s)],
                 fmt::format("[{}]", SeverityLabel(lang_, s)));
  }
  void Heading(std::string_view title) {
    const std::string t = fmt::format("━━ {} ", title);
    const size_t w = DisplayWidth(t);
    std::string rule;
    for (size_t i = w; i < width_; ++i) rule += "━";
    out_ += "\n" + Style("1", t + rule) + "\n";
  }
  // A paragraph, wrapped; `text` and `first_prefix` are escaped here.
  void Para(std::string_view raw_text, size_t indent, std::string_view raw_prefix = {}) {
    const std::string text = EscapeControls(raw_text), first_prefix = EscapeControls(raw_prefix);
    const std::string pad(indent, ' ');
    const size_t avail = width_ - indent - DisplayWidth(first_prefix);
    bool first = true;
    for (const std::string& line : Wrap(text, avail)) {
      out_ += pad;
      out_ += first ? first_prefix : std::string(DisplayWidth(first_prefix), ' ');
      out_ += line + "\n";
      first = false;
    }
  }
  // An input's name, escaped.
  static std::string Name(const std::string& path, const std::string& member) {
    return EscapeControls(member.empty() ? path : path + "!/" + member);
  }

  void Overview() {
    Heading(L(lang_, Label::kOverview));
    out_ += fmt::format("{} {} ({} {}, {} {}) · {} · {} {} · {} .. {}\n",
                        r_.inputs.size() + r_.unlisted_inputs.inputs,
                        L(lang_, Label::kInputs), v_.analysed, L(lang_, Label::kAnalysed),
                        v_.skipped, L(lang_, Label::kSkipped), HumanBytes(v_.totals.bytes),
                        v_.totals.lines, L(lang_, Label::kLines), Minute(v_.first_time),
                        Minute(v_.last_time));
    for (const ReportInput* in : v_.inputs) {
      const std::string name = Name(in->path, in->member);
      out_ += "  " + Ellipsize(name, width_ - 2) + "\n";
      if (!in->skipped.empty()) {
        Para(in->skipped, 6, fmt::format("{}: ", L(lang_, Label::kSkipped)));
        for (const std::string& note : in->notes) Para(note, 6, "· ");
        continue;
      }
      const std::string range = in->first_time.is_set()
                                    ? fmt::format(" · {} .. {}", Minute(in->first_time),
                                                  Minute(in->last_time))
                                    : std::string();
      out_ += fmt::format("      {} · {} · {} · {} {}{}\n",
                          in->format ? FormatName(*in->format) : "-", EncodingName(in->encoding),
                          HumanBytes(in->stats.bytes), in->stats.lines, L(lang_, Label::kLines),
                          range);
      if (!in->error.empty()) Para(in->error, 6, "(!) ");
      for (const std::string& remark : InputRemarks(*in, lang_)) Para(remark, 6, "· ");
    }
    if (const std::string more = UnlistedInputsText(r_, lang_); !more.empty()) Para(more, 2, "");
    if (!v_.expected.empty()) {
      std::string line = fmt::format("{}:", L(lang_, Label::kExpected));
      for (const ExpectedLog& e : v_.expected) {
        line += fmt::format(" {} {}", e.name,
                            e.present ? Style("32", std::string(L(lang_, Label::kPresent)))
                                      : Style("31", std::string(L(lang_, Label::kMissing))));
        line += ";";
      }
      line.pop_back();
      out_ += line + "\n";
    }
  }

  void Findings() {
    Heading(fmt::format("{} ({})", L(lang_, Label::kFindings), v_.findings.size()));
    if (v_.findings.empty()) out_ += std::string(L(lang_, Label::kNoFindings)) + "\n";
    for (const ReportFinding* f : v_.findings) {
      const FindingText t = DescribeFinding(kb_, *f, lang_);
      const std::string count = fmt::format("×{}", f->count);
      const std::string badge = SeverityBadge(f->severity);
      const size_t badge_w = DisplayWidth(fmt::format("[{}]", SeverityLabel(lang_, f->severity)));
      const size_t title_w = width_ - badge_w - 2 - count.size() - 1;
      const std::string title = Ellipsize(EscapeControls(t.title), title_w);
      out_ += fmt::format("\n{} {}{}{}\n", badge, Style("1", title),
                          std::string(title_w - DisplayWidth(title) + 1, ' '), count);
      std::string meta;
      if (!f->codes.empty()) {
        meta += fmt::format("{} ", L(lang_, Label::kCodes));
        for (const std::string& c : f->codes) meta += c + " ";
        meta += "· ";
      }
      meta += fmt::format("{} {} · {} {}", L(lang_, Label::kFirst), Minute(f->first_seen),
                          L(lang_, Label::kLast), Minute(f->last_seen));
      std::string inputs;
      for (const std::string& in : f->inputs) {
        const size_t slash = in.find_last_of("/\\");
        inputs += (inputs.empty() ? "" : ", ") + in.substr(slash == std::string::npos ? 0 : slash + 1);
      }
      meta += fmt::format(" · {} {}", L(lang_, Label::kSeenIn), inputs);
      Para(meta, 2);
      Para(t.cause, 2, fmt::format("{}: ", L(lang_, Label::kCause)));
      out_ += fmt::format("  {}:\n", L(lang_, Label::kActions));
      for (size_t i = 0; i < t.actions.size(); ++i) {
        Para(t.actions[i], 4, fmt::format("{}. ", i + 1));
      }
      // A link is never wrapped, so that it stays clickable.
      if (!t.docs.empty()) {
        out_ += fmt::format("  {}:\n    {}\n", L(lang_, Label::kDocs), EscapeControls(t.docs));
      }
      for (const ReportSample& s : f->samples) {
        const std::string where = fmt::format("{}:{}", Name(s.path, s.member), s.line);
        out_ += Style("2", Ellipsize(fmt::format("  {} {}  {}", L(lang_, Label::kExample), where,
                                                 EscapeControls(s.text)),
                                     width_)) +
                "\n";
      }
    }
  }

  void FailedFiles() {
    if (r_.failed_files.total == 0) return;
    Heading(L(lang_, Label::kFailedFiles));
    out_ += fmt::format("{} {} · {} files\n", r_.failed_files.total, L(lang_, Label::kTotal),
                        r_.failed_files.items.size());
    out_ += fmt::format("{}:\n", L(lang_, Label::kByCode));
    std::vector<std::pair<std::string, uint64_t>> codes(r_.failed_files.by_code.begin(),
                                                        r_.failed_files.by_code.end());
    std::sort(codes.begin(), codes.end(), [](const auto& a, const auto& b) {
      return std::tie(b.second, a.first) < std::tie(a.second, b.first);
    });
    for (const auto& [code, n] : codes) {
      const int e = kb_.FindByCode(code);
      const std::string title = e >= 0 ? kb_.entries()[e].title.Get(lang_) : "";
      out_ += Ellipsize(fmt::format("  {:<12} {:>6}  {}", EscapeControls(code), n, title), width_) +
              "\n";
      if (e >= 0 && !kb_.entries()[e].actions.Get(lang_).empty()) {
        Para(kb_.entries()[e].actions.Get(lang_)[0], 22, "→ ");
      }
    }
    out_ += fmt::format("{}:\n", L(lang_, Label::kTopDirectories));
    for (const auto& [dir, n] : v_.top_directories) {
      out_ += Ellipsize(fmt::format("  {:>6}  {}", n, EscapeControls(dir)), width_) + "\n";
    }
    out_ += fmt::format("{}: {}\n", L(lang_, Label::kRecurring), v_.recurring.size());
    for (size_t i = 0; i < v_.recurring.size() && i < kMaxRecurringShown; ++i) {
      const FailedFileItem* item = v_.recurring[i];
      std::string days;
      for (const std::string& d : item->days) days += (days.empty() ? "" : ",") + d.substr(5);
      const std::string tail =
          fmt::format("  {:<11} {}", EscapeControls(item->code), EscapeControls(days));
      out_ += "  " + Ellipsize(EscapeControls(item->path), width_ - 2 - DisplayWidth(tail)) + tail +
              "\n";
    }
    if (v_.recurring.size() > kMaxRecurringShown) {
      out_ += fmt::format("  … {} {}\n", v_.recurring.size() - kMaxRecurringShown,
                          L(lang_, Label::kMore));
    }
  }

  void Jobs() {
    if (v_.jobs.empty()) return;
    size_t failed = 0, unknown = 0;
    for (const ReportJob* j : v_.jobs) {
      failed += j->Outcome() == "failed";
      unknown += j->Outcome() == "unknown";
    }
    Heading(fmt::format("{} ({}: {} succeeded, {} failed, {} unknown)", L(lang_, Label::kJobs),
                        v_.jobs.size(), v_.jobs.size() - failed - unknown, failed, unknown));
    if (r_.jobs_overflow > 0) {
      out_ += fmt::format("  + {} records of further jobs, beyond the bound on jobs kept\n",
                          r_.jobs_overflow);
    }
    out_ += fmt::format("  {:<16}  {:>8}  {:<9}  {:<11}  {:<18}  {:<8}  {}\n",
                        L(lang_, Label::kStart), "duration", L(lang_, Label::kOutcome), "kind",
                        L(lang_, Label::kFailedPhase), "task", L(lang_, Label::kCodes));
    size_t shown = 0;
    for (const ReportJob* j : v_.jobs) {
      if (j->Outcome() == "succeeded" && j->kind != "mars-backup") continue;
      if (++shown > kMaxJobsShown) break;
      std::string codes;
      for (const std::string& c : j->codes) codes += (codes.empty() ? "" : " ") + c;
      codes = EscapeControls(codes);
      const std::string outcome(j->Outcome());
      const std::string styled =
          outcome == "failed" ? Style("31", fmt::format("{:<9}", outcome))
          : outcome == "unknown" ? Style("33", fmt::format("{:<9}", outcome))
                                 : fmt::format("{:<9}", outcome);
      out_ += Ellipsize(fmt::format("  {:<16}  {:>8}  {}  {:<11}  {:<18}  {:<8}  {}",
                                    Minute(j->Start()), HumanDuration(j->Start(), j->End()),
                                    styled, EscapeControls(j->kind),
                                    Ellipsize(EscapeControls(j->FailedPhase()), 18),
                                    EscapeControls(j->task_id.substr(0, 8)), codes),
                        width_) +
              "\n";
    }
    // The slowest phases stand out.
    struct Slow {
      int64_t ms;
      std::string text;
    };
    std::vector<Slow> slow;
    for (const ReportJob* j : v_.jobs) {
      for (const auto& [name, p] : j->phases) {
        const std::string d = HumanDuration(p.start, p.end);
        if (d.empty()) continue;
        const int64_t ms = (p.end.packed() - p.start.packed());
        slow.push_back({ms, fmt::format("  {:<22} {:>8}  job {} ({})", EscapeControls(name), d,
                                        EscapeControls(j->task_id.substr(0, 8)), Minute(p.start))});
      }
    }
    std::sort(slow.begin(), slow.end(), [](const Slow& a, const Slow& b) {
      return std::tie(b.ms, a.text) < std::tie(a.ms, b.text);
    });
    if (!slow.empty()) {
      out_ += fmt::format("{}:\n", L(lang_, Label::kSlowestPhases));
      for (size_t i = 0; i < slow.size() && i < 5; ++i) out_ += slow[i].text + "\n";
    }
  }

  void Unknown() {
    if (v_.unknown.empty() && r_.unknown_overflow == 0) return;
    Heading(fmt::format("{} ({})", L(lang_, Label::kUnknown), v_.unknown.size()));
    for (size_t i = 0; i < v_.unknown.size() && i < kMaxUnknownShown; ++i) {
      const UnknownTemplate* u = v_.unknown[i];
      out_ += fmt::format("{:>6}  {} ", u->count, SeverityBadge(u->severity));
      out_ += Ellipsize(EscapeControls(u->text),
                        width_ - 11 - DisplayWidth(SeverityLabel(lang_, u->severity))) +
              "\n";
      out_ += Style("2", Ellipsize(fmt::format("        {} {}:{}", L(lang_, Label::kExample),
                                               Name(u->example.path, u->example.member),
                                               u->example.line),
                                   width_)) +
              "\n";
    }
    if (v_.unknown.size() > kMaxUnknownShown) {
      out_ += fmt::format("  … {} {}\n", v_.unknown.size() - kMaxUnknownShown,
                          L(lang_, Label::kMore));
    }
    if (r_.unknown_overflow > 0) {
      out_ += fmt::format("  + {} {}\n", r_.unknown_overflow, L(lang_, Label::kOverflow));
    }
  }

  void Timeline() {
    if (v_.days.empty()) return;
    Heading(fmt::format("{} ({}, {})", L(lang_, Label::kTimeline), L(lang_, Label::kPerDay),
                        L(lang_, Label::kTimesNote)));
    static constexpr std::string_view kBars[] = {" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
    uint64_t peak = 1;
    for (const auto& [hour, c] : r_.timeline) peak = std::max(peak, c.errors + c.warnings);
    out_ += fmt::format("  {:<10}  {:>7}  {:>8}  00h{:>21}23h\n", "", L(lang_, Label::kErrors),
                        L(lang_, Label::kWarnings), "");
    for (const auto& [day, c] : v_.days) {
      std::string spark;
      for (int h = 0; h < 24; ++h) {
        auto it = r_.timeline.find(fmt::format("{}T{:02}", day, h));
        const uint64_t n = it == r_.timeline.end() ? 0 : it->second.errors + it->second.warnings;
        spark += kBars[n == 0 ? 0 : 1 + (n * 7) / peak];
      }
      out_ += fmt::format("  {:<10}  {:>7}  {:>8}  {}\n", EscapeControls(day), c.errors, c.warnings,
                          spark);
    }
  }

  void Problems() {
    if (v_.errors.empty()) return;
    Heading(L(lang_, Label::kProblems));
    for (const ReportError* e : v_.errors) {
      Para(e->message, 2, Name(e->path, e->member) + ": ");
    }
    if (const std::string more = UnlistedErrorsText(r_, lang_); !more.empty()) Para(more, 2, "");
  }

  const Report& r_;
  const KnowledgeBase& kb_;
  const RenderOptions& o_;
  Language lang_;
  ReportViews v_;
  size_t width_;
  std::string out_;
};

}  // namespace

std::string RenderText(const Report& report, const KnowledgeBase& kb, const RenderOptions& o) {
  return TextWriter(report, kb, o).Render();
}

}  // namespace loganalyze::internal
