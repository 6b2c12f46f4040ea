// The Markdown report: ready to paste into a support case. Text that comes from the inputs
// or from a merged report goes through EscapeControls (in Cell and Code, or directly): the
// report is also read in terminals.
#include <string>

#include "fmt/format.h"
#include "report/escape_controls.h"
#include "report/labels.h"
#include "report/views.h"
#include "report/writers.h"

namespace loganalyze::internal {

std::string MarkdownCell(std::string_view s) {
  std::string flat(s);
  for (char& c : flat) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  std::string out;
  for (char c : EscapeControls(flat)) {
    if (c == '|' || c == '*' || c == '_' || c == '`' || c == '<' || c == '>' || c == '[' ||
        c == ']' || c == '\\') {
      out += '\\';
    }
    out += c;
  }
  return out;
}

namespace {

const auto& Cell = MarkdownCell;

// Code spans cannot hold a backtick run as long as their fence: use a longer fence. Control
// characters are escaped.
std::string Code(std::string_view s) {
  const std::string fence = s.find('`') == std::string_view::npos ? "`" : "``";
  return fence + " " + EscapeControls(s) + " " + fence;
}

}  // namespace

std::string RenderMarkdown(const Report& r, const KnowledgeBase& kb, const RenderOptions& o) {
  const Language lang = o.language;
  const ReportViews v = MakeViews(r);
  std::string out = fmt::format("# loganalyze report\n\n*loganalyze {} · knowledge base {} · {}*\n",
                                o.tool_version, kb.version(), L(lang, Label::kTimesNote));

  out += fmt::format("\n## {}\n\n", L(lang, Label::kOverview));
  out += fmt::format("{} {} · {} · {} {} · {} .. {}\n\n", r.inputs.size() + r.unlisted_inputs.inputs,
                     L(lang, Label::kInputs), HumanBytes(v.totals.bytes), v.totals.lines,
                     L(lang, Label::kLines), Minute(v.first_time), Minute(v.last_time));
  out += "| input | format | encoding | size | lines | time range | note |\n";
  out += "|---|---|---|---:|---:|---|---|\n";
  for (const ReportInput* in : v.inputs) {
    const std::string name = in->member.empty() ? in->path : in->path + "!/" + in->member;
    std::string note = !in->skipped.empty() ? in->skipped : in->error;
    for (const std::string& remark : InputRemarks(*in, lang)) {
      note += (note.empty() ? "" : "; ") + remark;
    }
    out += fmt::format("| {} | {} | {} | {} | {} | {} .. {} | {} |\n", Cell(name),
                       in->format ? FormatName(*in->format) : "-", EncodingName(in->encoding),
                       HumanBytes(in->stats.bytes), in->stats.lines, Minute(in->first_time),
                       Minute(in->last_time), Cell(note));
  }
  if (const std::string more = UnlistedInputsText(r, lang); !more.empty()) {
    out += "\n" + Cell(more) + "\n";
  }
  if (!v.expected.empty()) {
    out += fmt::format("\n{}:", L(lang, Label::kExpected));
    for (const ExpectedLog& e : v.expected) {
      out += fmt::format(" {} {} ;", Code(e.name),
                         e.present ? L(lang, Label::kPresent) : L(lang, Label::kMissing));
    }
    out.pop_back();
    out += "\n";
  }

  out += fmt::format("\n## {} ({})\n", L(lang, Label::kFindings), v.findings.size());
  if (v.findings.empty()) out += fmt::format("\n{}\n", L(lang, Label::kNoFindings));
  for (const ReportFinding* f : v.findings) {
    const FindingText t = DescribeFinding(kb, *f, lang);
    out += fmt::format("\n### {} {} (×{})\n\n", SeverityLabel(lang, f->severity), Cell(t.title),
                       f->count);
    std::string codes;
    for (const std::string& c : f->codes) codes += (codes.empty() ? "" : ", ") + Code(c);
    if (!codes.empty()) out += fmt::format("- **{}**: {}\n", L(lang, Label::kCodes), codes);
    out += fmt::format("- **{}** {} · **{}** {}\n", L(lang, Label::kFirst), Minute(f->first_seen),
                       L(lang, Label::kLast), Minute(f->last_seen));
    std::string inputs;
    for (const std::string& in : f->inputs) inputs += (inputs.empty() ? "" : ", ") + Code(in);
    out += fmt::format("- **{}**: {}\n", L(lang, Label::kSeenIn), inputs);
    out += fmt::format("- **{}**: {}\n", L(lang, Label::kCause), Cell(t.cause));
    out += fmt::format("\n**{}**\n\n", L(lang, Label::kActions));
    for (size_t i = 0; i < t.actions.size(); ++i) {
      out += fmt::format("{}. {}\n", i + 1, EscapeControls(t.actions[i]));
    }
    if (!t.docs.empty()) {
      out += fmt::format("\n{}: <{}>\n", L(lang, Label::kDocs), EscapeControls(t.docs));
    }
    if (!f->samples.empty()) {
      out += "\n```text\n";
      for (const ReportSample& s : f->samples) {
        const std::string name =
            EscapeControls(s.member.empty() ? s.path : s.path + "!/" + s.member);
        std::string text = EscapeControls(s.text);
        for (size_t p = text.find("```"); p != std::string::npos; p = text.find("```", p + 4)) {
          text.insert(p, " ");
        }
        out += fmt::format("{}:{}  {}\n", name, s.line, text);
      }
      out += "```\n";
    }
  }

  if (r.failed_files.total > 0) {
    out += fmt::format("\n## {}\n\n{} {} · {} files\n\n| code | count | |\n|---|---:|---|\n",
                       L(lang, Label::kFailedFiles), r.failed_files.total,
                       L(lang, Label::kTotal), r.failed_files.items.size());
    for (const auto& [code, n] : r.failed_files.by_code) {
      const int e = kb.FindByCode(code);
      out += fmt::format("| {} | {} | {} |\n", Code(code), n,
                         e >= 0 ? Cell(kb.entries()[e].title.Get(lang)) : "");
    }
    out += fmt::format("\n**{}** ({})\n\n", L(lang, Label::kRecurring), v.recurring.size());
    for (const FailedFileItem* item : v.recurring) {
      std::string days;
      for (const std::string& d : item->days) days += (days.empty() ? "" : ", ") + d;
      out +=
          fmt::format("- {} {} — {}\n", Code(item->path), Code(item->code), EscapeControls(days));
    }
  }

  if (!v.jobs.empty()) {
    out += fmt::format("\n## {} ({})\n\n", L(lang, Label::kJobs), v.jobs.size());
    out += "| start | duration | outcome | kind | failed in | task | codes |\n";
    out += "|---|---:|---|---|---|---|---|\n";
    for (const ReportJob* j : v.jobs) {
      if (j->Outcome() == "succeeded") continue;
      std::string codes;
      for (const std::string& c : j->codes) codes += (codes.empty() ? "" : " ") + c;
      out += fmt::format("| {} | {} | {} | {} | {} | {} | {} |\n", Minute(j->Start()),
                         HumanDuration(j->Start(), j->End()), j->Outcome(), EscapeControls(j->kind),
                         Cell(j->FailedPhase()), Code(j->task_id), EscapeControls(codes));
    }
    size_t ok = 0;
    for (const ReportJob* j : v.jobs) ok += j->Outcome() == "succeeded";
    out += fmt::format("\n{} succeeded jobs not listed.\n", ok);
  }

  if (!v.unknown.empty()) {
    out += fmt::format("\n## {} ({})\n\n| count | severity | template | example |\n"
                       "|---:|---|---|---|\n",
                       L(lang, Label::kUnknown), v.unknown.size());
    for (size_t i = 0; i < v.unknown.size() && i < 25; ++i) {
      const UnknownTemplate* u = v.unknown[i];
      out += fmt::format("| {} | {} | {} | {}:{} |\n", u->count, SeverityName(u->severity),
                         Cell(u->text), Cell(u->example.path), u->example.line);
    }
  }

  if (!v.days.empty()) {
    out += fmt::format("\n## {} ({})\n\n| day | {} | {} |\n|---|---:|---:|\n",
                       L(lang, Label::kTimeline), L(lang, Label::kPerDay),
                       L(lang, Label::kErrors), L(lang, Label::kWarnings));
    for (const auto& [day, c] : v.days) {
      out += fmt::format("| {} | {} | {} |\n", EscapeControls(day), c.errors, c.warnings);
    }
  }
  if (!v.errors.empty()) {
    out += fmt::format("\n## {}\n\n", L(lang, Label::kProblems));
    for (const ReportError* e : v.errors) {
      out += fmt::format("- {}: {}\n", Code(e->member.empty() ? e->path : e->path + "!/" + e->member),
                         Cell(e->message));
    }
    if (const std::string more = UnlistedErrorsText(r, lang); !more.empty()) {
      out += "\n" + Cell(more) + "\n";
    }
  }
  return out;
}

}  // namespace loganalyze::internal
