// loganalyze: the command line. Thin: arguments -> options -> library -> report -> exit code.
#include <algorithm>
#include <charconv>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <thread>
#include <vector>

#include "CLI/CLI.hpp"
#include "cli/compare.h"
#include "cli/console.h"
#include "cli/output.h"
#include "cli/run.h"
#include "fmt/format.h"
#include "loganalyze/knowledge_base.h"
#include "loganalyze/matcher.h"
#include "loganalyze/report.h"
#include "loganalyze/status_text.h"

namespace loganalyze::cli {
namespace {

// Sets the bound "NAME=N" of `limits`; returns what is wrong with `setting`, or "".
std::string SetReportLimit(ReportLimits* limits, std::string_view setting) {
  const std::pair<std::string_view, size_t ReportLimits::*> fields[] = {
      {"samples_per_finding", &ReportLimits::samples_per_finding},
      {"max_templates", &ReportLimits::max_templates},
      {"max_jobs", &ReportLimits::max_jobs},
      {"max_code_findings", &ReportLimits::max_code_findings},
      {"max_inputs", &ReportLimits::max_inputs},
      {"inputs_per_finding", &ReportLimits::inputs_per_finding},
      {"max_failed_files", &ReportLimits::max_failed_files},
      {"max_errors", &ReportLimits::max_errors},
  };
  const size_t eq = setting.find('=');
  const std::string_view name = setting.substr(0, eq);
  for (const auto& [field, member] : fields) {
    if (field != name) continue;
    const std::string_view digits =
        eq == std::string_view::npos ? std::string_view() : setting.substr(eq + 1);
    size_t n = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
    if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size() || n == 0) {
      return "takes NAME=N with N a whole number of at least 1";
    }
    limits->*member = n;
    return "";
  }
  std::string names;
  for (const auto& [field, member] : fields) names += (names.empty() ? "" : ", ") + std::string(field);
  return fmt::format("no bound is called '{}'; the bounds are {}", name, names);
}

constexpr char kExamples[] = R"(
Examples:
  loganalyze "C:\Program Files\Microsoft Azure Recovery Services Agent\Temp\*.errlog"
  loganalyze case-12345.zip                      a support bundle, read in place
  loganalyze -f html -o report.html bundle.zip   a report to open in a browser
  loganalyze -f json -j4 bundles/ > report.json  every file under a folder, 4 threads
  loganalyze --since 2026-01-03 --min-severity error samples/
  loganalyze explain 0x80070005                   what a code means and what to do
  loganalyze explain "replica inconsistent"       or search titles in either language
  loganalyze merge day1.json day2.json -f text    combine reports of separate runs
  loganalyze diff last.json case-2.zip            what changed since the last bundle
  loganalyze recurring b1.zip b2.zip b3.zip       findings that keep coming back

Exit codes: 0 analysis completed (problems or not); 1 a finding reached --fail-on (diff:
something is new under --fail-on new);
2 usage or knowledge-base error, or the report could not be written; 3 some inputs could
not be read (listed in the report).
Times are shown as logged (UTC); the year is inferred from each file's modification time.)";


int Explain(const KnowledgeBase& kb, const std::vector<std::string>& words, Language lang) {
  std::string query;
  for (const std::string& w : words) query += (query.empty() ? "" : " ") + w;
  const std::vector<int> hits = loganalyze::Explain(kb, query);
  std::string out;
  if (hits.empty()) {
    if (const std::optional<Code> code = ParseCode(query)) {
      out = lang == Language::kEnglish
                ? fmt::format("No knowledge-base entry for code {}.\n", code->ToString())
                : fmt::format("知識庫沒有代碼 {} 的項目。\n", code->ToString());
    } else {
      out = lang == Language::kEnglish ? "Nothing in the knowledge base matches.\n"
                                       : "知識庫中沒有符合的項目。\n";
    }
    return ExitCodeAfter(WriteOutput("", out), 1);
  }
  bool first = true;
  for (int i : hits) {
    const KbEntry& e = kb.entries()[i];
    if (!first) out += "\n";
    first = false;
    std::string codes, products;
    for (const std::string& c : e.codes) codes += (codes.empty() ? "" : ", ") + c;
    for (const std::string& p : e.products) products += (products.empty() ? "" : ", ") + p;
    fmt::format_to(std::back_inserter(out), "{}\n  {} · {} · {}{}\n\n", e.title.Get(lang), e.id,
                   SeverityName(e.severity), products, codes.empty() ? "" : " · " + codes);
    fmt::format_to(std::back_inserter(out), "{}\n  {}\n\n",
                   lang == Language::kEnglish ? "Cause" : "原因", e.cause.Get(lang));
    out += lang == Language::kEnglish ? "What to do\n" : "處理方式\n";
    const auto& actions = e.actions.Get(lang);
    for (size_t k = 0; k < actions.size(); ++k) {
      fmt::format_to(std::back_inserter(out), "  {}. {}\n", k + 1, actions[k]);
    }
    if (!e.docs.empty()) out += "\n  " + e.docs + "\n";
  }
  return ExitCodeAfter(WriteOutput("", out), 0);
}

int KbCheck(const std::string& dir) {
  const std::vector<KbProblem> problems =
      dir.empty() ? CheckDefaultKnowledgeBase() : CheckKnowledgeBase(dir);
  for (const KbProblem& p : problems) PrintError("{}\n", p.ToString());
  if (problems.empty()) {
    return ExitCodeAfter(
        WriteOutput(
            "", fmt::format("{}: no problems\n", dir.empty() ? "built-in knowledge base" : dir)),
        0);
  }
  PrintError("{} problem(s)\n", problems.size());
  return 2;
}

}  // namespace

int Main(int argc, char** argv) {
  CLI::App app{"loganalyze: what went wrong in Azure Backup (MARS, MABS, DPM) logs, and what "
               "to do about it.",
               "loganalyze"};
  app.footer(kExamples);
  // CLI11 takes `/x` for an option on Windows: that is a path there too (`/logs` on the
  // current drive), and only `-x` and `--x` are options, as everywhere.
  app.allow_windows_style_options(false);
  app.get_formatter()->column_width(34);
  Options opt;
  std::string format = "text", lang_tag, color = "auto", since, until, min_severity = "info",
              fail_on;
  app.add_option("inputs", opt.inputs,
                 "Files, folders (walked recursively), wildcards (* ? **, either separator), "
                 "archives (zip 7z cab tar tar.gz gz), or - for standard input");
  app.add_option("--files-from", opt.files_from,
                 "Read input paths from FILE, one per line (- for standard input), in UTF-8 "
                 "or UTF-16 (as PowerShell's > writes it)");
  app.add_option("-f,--format", format, "Report format: text, json, jsonl, markdown, html")
      ->check(CLI::IsMember({"text", "json", "jsonl", "markdown", "md", "html"}));
  app.add_option("-o,--output", opt.output, "Write the report to FILE instead of stdout");
  app.add_option("--lang", lang_tag,
                 "Language: en or zh-TW (default: from LC_ALL/LANG; zh_TW gives zh-TW)");
  app.add_option("-j,--jobs", opt.jobs, "Analyse N files or archive members at once "
                                        "(default: the number of cores)")
      ->check(CLI::Range(1, 256));
  app.add_option("--year", opt.year,
                 "The year of each input's newest record (errlogs carry no year; default: "
                 "from the file's modification time)")
      ->check(CLI::Range(1990, 2200));
  app.add_option("--since", since, "Keep records at or after TIME (YYYY-MM-DD[THH:MM[:SS]])");
  app.add_option("--until", until, "Keep records at or before TIME");
  app.add_option("--min-severity", min_severity,
                 "Drop findings and unknown errors below: info, warning, error, critical")
      ->check(CLI::IsMember({"info", "warning", "error", "critical"}));
  app.add_option("--fail-on", fail_on,
                 "Exit 1 when a finding reaches SEVERITY (info, warning, error, critical)")
      ->check(CLI::IsMember({"info", "warning", "error", "critical"}));
  app.add_option("--kb-dir", opt.kb_dir,
                 "Add the knowledge-base entries of DIR (*.json, schema in patterns/README.md)");
  app.add_flag("--kb-replace", opt.kb_replace, "Use only the entries of --kb-dir");
  app.add_option("--color", color, "Colour: auto (on a terminal unless NO_COLOR), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  app.add_flag("-q,--quiet", opt.quiet, "No progress bar and no notes on stderr");
  app.add_option("--max-member-bytes", opt.limits.max_member_bytes,
                 "Stop an archive member that inflates past BYTES (default 8 GiB)");
  app.add_option("--max-ratio", opt.limits.max_ratio,
                 "Stop an archive member inflating more than RATIO times (default 1000)");
  app.add_flag_callback("--version", [] {
    auto kb = KnowledgeBase::Default();
    fmt::print("loganalyze {}\nknowledge base {} ({} entries)\n", kVersion,
               kb.ok() ? kb->version() : "unavailable", kb.ok() ? kb->entries().size() : 0);
    throw CLI::Success();
  }, "Print the tool and knowledge-base versions");

  std::vector<std::string> explain_words;
  CLI::App* explain = app.add_subcommand(
      "explain", "What a code or error means and what to do: any form of a code, or words from "
                 "a title (either language). Example: loganalyze explain 0x8007018B");
  explain->add_option("query", explain_words, "A code (0x80070005, [0x1FC07], ID 100050, "
                                              "SalBitmapError...) or words")
      ->required();
  explain->add_option("--lang", lang_tag, "en or zh-TW");

  std::string check_dir;
  CLI::App* kb_cmd = app.add_subcommand("kb", "Knowledge-base tools");
  CLI::App* kb_check = kb_cmd->add_subcommand(
      "check", "Validate a knowledge-base directory and list every problem. Example: "
               "loganalyze kb check patterns/");
  kb_check->add_option("dir", check_dir, "Directory or file (default: the built-in set)");
  kb_cmd->require_subcommand(1);

  bool export_patterns = false;
  CLI::App* patterns_cmd = app.add_subcommand("patterns", "Pattern tools");
  CLI::App* patterns_export = patterns_cmd->add_subcommand(
      "export", "Print the knowledge base's RE2 patterns one per line (for other tools)");
  std::string dialect = "re2";
  patterns_export->add_option("--dialect", dialect,
                              "re2 (default), portable (ripgrep: no named groups), or ere "
                              "(an approximation for grep -E -i)")
      ->check(CLI::IsMember({"re2", "portable", "ere"}));
  patterns_export->callback([&] { export_patterns = true; });
  patterns_cmd->require_subcommand(1);

  std::vector<std::string> merge_files;
  CLI::App* merge = app.add_subcommand(
      "merge", "Combine JSON reports of separate runs into the report of one run over all "
               "their inputs. Example: loganalyze merge a.json b.json -f json -o all.json");
  merge->add_option("reports", merge_files, "JSON reports (- for standard input)")->required();
  merge->add_option("-f,--format", format, "Report format (default json)")
      ->check(CLI::IsMember({"text", "json", "jsonl", "markdown", "md", "html"}));
  merge->add_option("-o,--output", opt.output, "Write to FILE");
  merge->add_option("--lang", lang_tag, "en or zh-TW");
  std::vector<std::string> merge_limits;
  merge->add_option("--limit", merge_limits,
                    "NAME=N: a bound of the merged report, as in its \"limits\" (max_inputs, "
                    "inputs_per_finding, max_failed_files, max_errors, samples_per_finding, "
                    "max_templates, max_jobs, max_code_findings); the bounds not named are the "
                    "defaults. Example: --limit max_inputs=500")
      ->allow_extra_args(false);  // one NAME=N each time: the reports that follow are operands

  // diff and recurring: reports or bundles of one server, analysed as the main command does.
  std::vector<std::string> diff_operands, recurring_operands;
  CompareOptions copt;
  std::string diff_fail_on;
  double threshold_pct = 20;
  auto add_analysis_options = [&](CLI::App* cmd) {
    cmd->add_option("-f,--format", format, "Output format: text, json, markdown, html")
        ->check(CLI::IsMember({"text", "json", "markdown", "md", "html"}));
    cmd->add_option("-o,--output", opt.output, "Write to FILE");
    cmd->add_option("--lang", lang_tag, "en or zh-TW");
    cmd->add_option("-j,--jobs", opt.jobs, "Analyse N files of a bundle at once")
        ->check(CLI::Range(1, 256));
    cmd->add_option("--year", opt.year, "The year of each log input's newest record")
        ->check(CLI::Range(1990, 2200));
    cmd->add_option("--min-severity", min_severity, "Drop findings below: info, warning, "
                                                    "error, critical")
        ->check(CLI::IsMember({"info", "warning", "error", "critical"}));
    cmd->add_option("--kb-dir", opt.kb_dir, "Add the knowledge-base entries of DIR");
    cmd->add_flag("--kb-replace", opt.kb_replace, "Use only the entries of --kb-dir");
    cmd->add_option("--color", color, "Colour: auto, always, never")
        ->check(CLI::IsMember({"auto", "always", "never"}));
    cmd->add_flag("-q,--quiet", opt.quiet, "No notes on stderr");
  };
  CLI::App* diff = app.add_subcommand(
      "diff", "What changed between two reports or bundles of one server: findings new, "
              "worse, better or gone (count and rate per day of log), failed files new, still "
              "failing or fixed, jobs that newly fail. Example: loganalyze diff last.json "
              "case-2.zip --fail-on new");
  diff->add_option("reports", diff_operands, "OLD then NEW: each a report (JSON of loganalyze -f json) or "
                                         "a bundle (folder, archive, file)")
      ->expected(2)
      ->required();
  diff->add_option("--fail-on", diff_fail_on,
                   "new: exit 1 when a finding, failed file or kind of job failure is new")
      ->check(CLI::IsMember({"new"}));
  diff->add_option("--threshold", threshold_pct,
                   "Worse or better: a change of more than PERCENT in the rate per day "
                   "(default 20)")
      ->check(CLI::Range(0.0, 1000.0));
  add_analysis_options(diff);
  CLI::App* recurring = app.add_subcommand(
      "recurring", "The findings present in at least K of the last N reports or bundles of "
                   "one server (oldest first), with their first appearance. Example: "
                   "loganalyze recurring b1.zip b2.zip b3.zip b4.zip b5.zip --min 3");
  recurring->add_option("reports", recurring_operands,
                        "Reports or bundles, oldest first (at least two)")
      ->required();
  recurring->add_option("--min", copt.min_present,
                        "Keep findings present in at least K reports (default 2)")
      ->check(CLI::PositiveNumber);
  add_analysis_options(recurring);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }

  if (!lang_tag.empty()) {
    const std::optional<Language> l = LanguageFromTag(lang_tag);
    if (!l) {
      PrintError("loganalyze: --lang takes en or zh-TW, not '{}'\n", lang_tag);
      return 2;
    }
    opt.language = *l;
  } else {
    opt.language = LanguageFromEnvironment();
  }
  if (merge->parsed() && !app.get_subcommand("merge")->get_option("--format")->count()) {
    format = "json";
  }
  opt.format = *ReportFormatFromName(format);
  opt.color = color == "always" || (color == "auto" && opt.output.empty() && StdoutIsTerminal() &&
                                    std::getenv("NO_COLOR") == nullptr);
  opt.min_severity = *SeverityFromName(min_severity);
  if (!fail_on.empty()) opt.fail_on = SeverityFromName(fail_on);
  std::string when_error;
  const char* bad_option = nullptr;
  if (!since.empty() && !(opt.since = LogTime::ParseBound(since, false, &when_error))) {
    bad_option = "--since";
  } else if (!until.empty() && !(opt.until = LogTime::ParseBound(until, true, &when_error))) {
    bad_option = "--until";
  }
  if (bad_option != nullptr) {
    PrintError("loganalyze: {} {}\n", bad_option, when_error);
    return 2;
  }
  if (opt.since && opt.until && *opt.since > *opt.until) {
    PrintError("loganalyze: --since {} is later than --until {}: no record can be kept\n", since,
               until);
    return 2;
  }
  if (opt.jobs <= 0) opt.jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));

  if (kb_check->parsed()) return KbCheck(check_dir);

  absl::StatusOr<KnowledgeBase> kb = LoadKnowledgeBase(opt);
  if (!kb.ok()) {
    PrintError("loganalyze: {}\n", StatusMessage(kb.status()));
    return 2;
  }
  if (explain->parsed()) return Explain(*kb, explain_words, opt.language);
  if (export_patterns) {
    return ExportPatterns(*kb, dialect == "ere"        ? PatternDialect::kEre
                               : dialect == "portable" ? PatternDialect::kPortable
                                                       : PatternDialect::kRe2);
  }
  if (merge->parsed()) {
    std::optional<ReportLimits> limits;
    for (const std::string& setting : merge_limits) {
      if (!limits) limits.emplace();
      if (std::string error = SetReportLimit(&*limits, setting); !error.empty()) {
        PrintError("loganalyze: --limit {}: {}\n", setting, error);
        return 2;
      }
    }
    return Merge(*kb, merge_files, opt, limits ? &*limits : nullptr);
  }
  if (diff->parsed()) {
    copt.fail_on_new = diff_fail_on == "new";
    copt.threshold = threshold_pct / 100;
    return Diff(*kb, diff_operands[0], diff_operands[1], opt, copt);
  }
  if (recurring->parsed()) {
    if (recurring_operands.size() < 2) {
      PrintError("loganalyze: recurring needs at least two reports or bundles, oldest first\n");
      return 2;
    }
    return Recurring(*kb, recurring_operands, opt, copt);
  }
  if (opt.inputs.empty() && opt.files_from.empty()) {
    PrintError("loganalyze: no inputs. Try: loganalyze samples/  (or --help)\n");
    return 2;
  }
  return Analyze(*kb, opt);
}

}  // namespace loganalyze::cli

int main(int argc, char** argv) {
  loganalyze::cli::PrepareStandardStreams();
  std::vector<std::string> args = loganalyze::cli::Utf8Arguments(argc, argv);
  std::vector<char*> utf8_argv;
  for (std::string& a : args) utf8_argv.push_back(a.data());
  utf8_argv.push_back(nullptr);
  return loganalyze::cli::CloseStdout(
      loganalyze::cli::Main(static_cast<int>(args.size()), utf8_argv.data()));
}
