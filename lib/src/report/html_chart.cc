// The time views of the HTML report (html_writer.cc writes the document and the sections): times
// and durations, each job's phase chart, and the timeline section, an inline SVG of errors and
// warnings per hour over whole days with a per-day table. Also the page's style sheet and script.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fmt/format.h"
#include "loganalyze/report.h"

namespace loganalyze::internal::html {

// html_writer.cc
void AppendEscaped(std::string& out, std::string_view s);
std::string Bilingual(std::string_view en, std::string_view zh);
// Defined at the end of this file; html_writer.cc puts them in the page.
extern const char kStyle[];
extern const char kScript[];

// H. Hinnant's days_from_civil: days since 1970-01-01. Also used by html_writer.cc.
int64_t DaysFromCivil(int year, int month, int day) {
  const int y = year - (month <= 2);
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

namespace {

constexpr int kWidth = 1200, kHeight = 252;
constexpr int kLeft = 46, kRight = 10, kTop = 12, kBottom = 44;
constexpr double kPlotW = kWidth - kLeft - kRight, kPlotH = kHeight - kTop - kBottom;
constexpr double kBase = kTop + kPlotH;
// Beyond this span a bar per hour gets thinner than about two pixels: draw days instead.
constexpr int64_t kMaxHourlyDays = 21;

const auto& L = Bilingual;

template <typename... Args>
void Put(std::string& out, fmt::format_string<Args...> f, Args&&... args) {
  fmt::format_to(std::back_inserter(out), f, std::forward<Args>(args)...);
}

std::string DayName(int64_t z) {  // H. Hinnant's civil_from_days
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t day = doy - (153 * mp + 2) / 5 + 1, month = mp < 10 ? mp + 3 : mp - 9;
  return fmt::format("{:04}-{:02}-{:02}", era * 400 + yoe + (month <= 2), month, day);
}

// "YYYY-MM-DDTHH" -> hours since 1970-01-01T00, or nullopt for anything else.
std::optional<int64_t> HourIndex(std::string_view key) {
  if (key.size() != 13 || key[4] != '-' || key[7] != '-' || key[10] != 'T') return std::nullopt;
  auto num = [&](size_t pos, size_t len) {
    int v = 0;
    for (size_t i = pos; i < pos + len; ++i) {
      if (key[i] < '0' || key[i] > '9') return -1;
      v = v * 10 + (key[i] - '0');
    }
    return v;
  };
  const int y = num(0, 4), m = num(5, 2), d = num(8, 2), h = num(11, 2);
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > 31 || h < 0 || h > 23) return std::nullopt;
  return DaysFromCivil(y, m, d) * 24 + h;
}

// A round step (1, 2 or 5 times a power of ten) that gives at most four grid lines.
uint64_t GridStep(uint64_t max) {
  for (uint64_t p = 1;; p *= 10) {
    for (uint64_t m : {1, 2, 5}) {
      if (m * p * 4 >= max) return m * p;
    }
  }
}

struct Bucket {
  uint64_t errors = 0, warnings = 0;
  uint64_t total() const { return errors + warnings; }
};

// Stacked bars (errors below warnings), one per hour, or per day over a long span.
void AppendChart(std::string& out, const std::map<int64_t, Bucket>& hours) {
  const int64_t first_day = hours.begin()->first / 24, last_day = hours.rbegin()->first / 24;
  const int64_t days = last_day - first_day + 1;
  const bool hourly = days <= kMaxHourlyDays;
  std::map<int64_t, Bucket> buckets;  // by position from the chart's start
  for (const auto& [hour, b] : hours) {
    Bucket& into = buckets[hourly ? hour - first_day * 24 : hour / 24 - first_day];
    into.errors += b.errors;
    into.warnings += b.warnings;
  }
  uint64_t max = 1;
  for (const auto& [i, b] : buckets) max = std::max(max, b.total());
  const uint64_t step = GridStep(max), top = (max + step - 1) / step * step;
  const double day_px = kPlotW / static_cast<double>(days);
  const double bw = hourly ? day_px / 24 : day_px, gap = bw >= 4 ? std::max(1.0, bw * 0.18) : 0;
  auto height = [&](uint64_t v) {
    return kPlotH * static_cast<double>(v) / static_cast<double>(top);
  };

  Put(out, R"(<svg class="chart" viewBox="0 0 {} {}" role="img" aria-label="{}">)", kWidth, kHeight,
      hourly ? "Errors and warnings per hour" : "Errors and warnings per day");
  for (uint64_t v = 0; v <= top; v += step) {
    const double y = kBase - height(v);
    Put(out,
        R"(<line class="{}" x1="{}" x2="{}" y1="{:.1f}" y2="{:.1f}"/>)"
        R"(<text x="{}" y="{:.1f}" text-anchor="end">{}</text>)",
        v == 0 ? "axis" : "grid", kLeft, kWidth - kRight, y, y, kLeft - 6, y + 4, v);
  }
  // Day boundaries and labels, thinned out so that they never overlap; hour ticks when the
  // days are wide enough.
  const bool full_date = day_px >= 78;
  const auto label_every = std::max<int64_t>(1, static_cast<int64_t>(std::ceil(44 / day_px)));
  for (int64_t d = 0; d < days; ++d) {
    const double x = kLeft + static_cast<double>(d) * day_px;
    if (hourly && d > 0) {
      Put(out, R"(<line class="day" x1="{0:.1f}" x2="{0:.1f}" y1="{1}" y2="{2}"/>)", x, kTop,
          kBase + 30);
    }
    for (int h : {6, 12, 18}) {
      if (hourly && (day_px >= 150 || (h == 12 && day_px >= 70))) {
        const double hx = x + day_px * h / 24;
        Put(out,
            R"(<line class="axis" x1="{0:.1f}" x2="{0:.1f}" y1="{1}" y2="{2}"/>)"
            R"(<text class="hour" x="{0:.1f}" y="{3}" text-anchor="middle">{4:02}</text>)",
            hx, kBase, kBase + 4, kBase + 14, h);
      }
    }
    if (d % label_every != 0) continue;
    const std::string name = DayName(first_day + d);
    Put(out, R"(<text class="date" x="{:.1f}" y="{}" text-anchor="{}">{}</text>)",
        label_every == 1 ? x + day_px / 2 : x, kBase + 32, label_every == 1 ? "middle" : "start",
        full_date ? name : name.substr(5));
  }
  for (const auto& [i, b] : buckets) {
    if (b.total() == 0) continue;
    const std::string day = DayName(first_day + (hourly ? i / 24 : i));
    const std::string when =
        hourly ? fmt::format("{} {:02}:00–{:02}:59", day, i % 24, i % 24) : day;
    const double x = kLeft + static_cast<double>(i) * bw + gap / 2, w = std::max(bw - gap, 0.8);
    const double he = b.errors ? std::max(height(b.errors), 1.0) : 0;
    const double hw = b.warnings ? std::max(height(b.warnings), 1.0) : 0;
    Put(out, R"(<g><title>{} UTC · errors 錯誤 {} · warnings 警告 {}</title>)", when, b.errors,
        b.warnings);
    if (b.errors) {
      Put(out, R"(<rect class="e" x="{:.2f}" y="{:.2f}" width="{:.2f}" height="{:.2f}"/>)", x,
          kBase - he, w, he);
    }
    if (b.warnings) {
      Put(out, R"(<rect class="w" x="{:.2f}" y="{:.2f}" width="{:.2f}" height="{:.2f}"/>)", x,
          kBase - he - hw, w, hw);
    }
    out += "</g>";
  }
  out += "</svg>\n";
}

}  // namespace

// As logged (the errlog clock is UTC), with a space instead of the 'T'.
std::string Time(LogTime t) {
  if (!t.is_set()) return R"(<span class="muted">–</span>)";
  std::string s = t.ToString();
  if (s.size() > 10 && s[10] == 'T') s[10] = ' ';
  std::string out = R"(<time class="t">)";
  AppendEscaped(out, s);
  return out + "</time>";
}

std::optional<int64_t> DurationMs(LogTime a, LogTime b) {
  if (!a.is_set() || !b.is_set() || b < a) return std::nullopt;
  auto millis = [](LogTime t) {
    return DaysFromCivil(t.year(), t.month(), t.day()) * 86400000 + t.millis_of_day();
  };
  return millis(b) - millis(a);
}

std::string Duration(std::optional<int64_t> ms) {
  if (!ms) return R"(<span class="muted">–</span>)";
  const int64_t s = *ms / 1000, m = s / 60, h = m / 60, d = h / 24;
  if (s < 60) {
    const std::string v = fmt::format("{:.1f}", static_cast<double>(*ms) / 1000);
    return L(v + " s", v + " 秒");
  }
  if (m < 60)
    return L(fmt::format("{} min {} s", m, s % 60), fmt::format("{} 分 {} 秒", m, s % 60));
  if (h < 24)
    return L(fmt::format("{} h {} min", h, m % 60), fmt::format("{} 小時 {} 分", h, m % 60));
  return L(fmt::format("{} d {} h", d, h % 24), fmt::format("{} 天 {} 小時", d, h % 24));
}

// Each phase's bar starts at its offset from the job's start, so the table reads as a chart.
void AppendPhaseChart(std::string& out, const ReportJob& job, std::string_view failed_phase,
                      const std::vector<std::string_view>& slow) {
  if (job.phases.empty()) return;
  std::vector<std::pair<std::string_view, const JobPhase*>> phases;
  for (const auto& [name, p] : job.phases) phases.emplace_back(name, &p);
  std::stable_sort(phases.begin(), phases.end(),
                   [](const auto& a, const auto& b) { return a.second->start < b.second->start; });
  // The chart spans the job; without an end, up to the last line or phase time seen.
  const LogTime start = job.Start();
  LogTime end = std::max(job.End(), job.last_seen);
  for (const auto& [name, p] : phases) end = std::max({end, p->start, p->end});
  const double span = static_cast<double>(DurationMs(start, end).value_or(0));
  auto pct = [&](LogTime t) {
    const auto ms = DurationMs(start, t);
    return span > 0 && ms ? std::clamp(100.0 * static_cast<double>(*ms) / span, 0.0, 100.0) : 0.0;
  };
  Put(out,
      R"(<div class="wrap"><table class="phases"><thead><tr><th>{}</th><th>{}</th><th>{}</th>)"
      R"(<th class="n">{}</th><th class="gantt"></th></tr></thead><tbody>)"
      "\n",
      L("Phase", "階段"), L("Start", "開始"), L("End", "結束"), L("Duration", "耗時"));
  for (const auto& [name, p] : phases) {
    const bool marked = std::find(slow.begin(), slow.end(), name) != slow.end();
    const double left = pct(p->start), right = p->end.is_set() ? pct(p->end) : 100.0;
    std::string escaped_name;
    AppendEscaped(escaped_name, name);
    Put(out,
        R"(<tr class="{}{}"><td>{}{}</td><td class="nw">{}</td><td class="nw">{}</td>)"
        R"(<td class="n">{}</td><td class="gantt"><span class="pbar{}" )"
        R"(style="margin-left:{:.1f}%;width:{:.1f}%"></span></td></tr>)"
        "\n",
        name == failed_phase ? "failed" : "", marked ? " slow" : "", escaped_name,
        marked ? fmt::format(R"( <span class="badge o-slow">{}</span>)", L("slow", "耗時長")) : "",
        Time(p->start), Time(p->end), Duration(DurationMs(p->start, p->end)),
        p->end.is_set() ? "" : " open", left, std::max(right - left, 0.6));
  }
  out += "</tbody></table></div>\n";
}

void AppendTimelineSection(std::string& out, const Report& report) {
  std::map<int64_t, Bucket> hours;
  for (const auto& [key, c] : report.timeline) {
    if (auto h = HourIndex(key)) {
      hours[*h].errors += c.errors;
      hours[*h].warnings += c.warnings;
    }
  }
  Put(out, R"(<section id="timeline"><h2>{}</h2>)", L("Timeline", "時間軸"));
  if (hours.empty()) {
    Put(out, "<p class=\"empty\">{}</p>\n</section>\n",
        L("No error or warning with a time.", "沒有帶時間的錯誤或警告。"));
    return;
  }
  const bool hourly = hours.rbegin()->first / 24 - hours.begin()->first / 24 < kMaxHourlyDays;
  Put(out,
      R"(<div class="legend"><span>{}</span><span><i class="sw e"></i>{}</span>)"
      R"(<span><i class="sw w"></i>{}</span></div>)",
      hourly ? L("Errors and warnings per hour, UTC as logged.",
                 "每小時的錯誤與警告數（UTC，依記錄原樣）。")
             : L("Errors and warnings per day (too many days to show hours), UTC as logged.",
                 "每日的錯誤與警告數（天數過多，不以小時顯示；UTC，依記錄原樣）。"),
      L("Errors", "錯誤"), L("Warnings", "警告"));
  AppendChart(out, hours);

  struct Day {
    Bucket total;
    int64_t peak_hour = 0;
    uint64_t peak = 0;
  };
  std::map<int64_t, Day> days;
  uint64_t max_day = 1;
  for (const auto& [hour, b] : hours) {
    Day& d = days[hour / 24];
    d.total.errors += b.errors;
    d.total.warnings += b.warnings;
    if (b.total() > d.peak) d.peak = b.total(), d.peak_hour = hour % 24;
    max_day = std::max(max_day, d.total.total());
  }
  Put(out,
      R"(<h3>{}</h3><div class="wrap"><table class="days"><thead><tr><th>{}</th>)"
      R"(<th class="n">{}</th><th class="n">{}</th><th>{}</th><th class="gantt"></th>)"
      "</tr></thead><tbody>\n",
      L("Per day", "每日統計"), L("Day (UTC)", "日期（UTC）"), L("Errors", "錯誤"),
      L("Warnings", "警告"), L("Busiest hour", "最多的時段"));
  auto pct = [&](uint64_t v) {
    return 100.0 * static_cast<double>(v) / static_cast<double>(max_day);
  };
  // Quiet days too, as on the chart, unless the span is long (a stray date in a log).
  const int64_t first = days.begin()->first, last = days.rbegin()->first;
  if (last - first < 62) {
    for (int64_t day = first; day < last; ++day) days.try_emplace(day);
  }
  for (const auto& [day, d] : days) {
    Put(out,
        R"(<tr><td class="nw">{}</td><td class="n">{}</td><td class="n">{}</td><td class="nw">)",
        DayName(day), d.total.errors, d.total.warnings);
    if (d.peak > 0) {
      Put(out, R"({:02}:00–{:02}:59 <span class="muted">({})</span>)", d.peak_hour, d.peak_hour,
          d.peak);
    }
    Put(out,
        R"(</td><td class="gantt"><span class="pbar e" style="width:{:.1f}%"></span>)"
        R"(<span class="pbar w" style="width:{:.1f}%"></span></td></tr>)"
        "\n",
        pct(d.total.errors), pct(d.total.warnings));
  }
  out += "</tbody></table></div>\n</section>\n";
}

// Calm and print-friendly: system fonts, neutral greys, colour only where it means something.
const char kStyle[] = R"css(:root{--fg:#1f2328;--muted:#5b6570;--line:#d8dee4;--panel:#f6f8fa;
--accent:#0b5cad;--crit:#8a1c1c;--err:#b42318;--err-bg:#fdeceb;--warn:#8a5300;--warn-bg:#fff4d6;
--info:#2f5f8a;--info-bg:#e8f1fa;--ok:#1a7f37;--ok-bg:#e3f4e8;--bar-e:#c2412f;--bar-w:#e3a72f}
*{box-sizing:border-box}
body{margin:0;color:var(--fg);background:#fff;font:15px/1.55 system-ui,-apple-system,"Segoe UI",
Roboto,"Noto Sans","Helvetica Neue",Arial,"Microsoft JhengHei","PingFang TC","Noto Sans CJK TC",
sans-serif}
.lang-en .l-zh,.lang-zh .l-en{display:none!important}
code,.mono{font-family:ui-monospace,"Cascadia Mono",Consolas,"Liberation Mono",Menlo,monospace;
font-size:.85em}
a{color:var(--accent)}
header.top{position:sticky;top:0;z-index:5;background:#fff;border-bottom:1px solid var(--line)}
.bar,main,footer{max-width:1240px;margin:0 auto;padding-left:1.5rem;padding-right:1.5rem}
.bar{display:flex;align-items:center;gap:1.2rem;padding-top:.45rem;padding-bottom:.45rem}
.brand{font-weight:650}
nav{display:flex;flex-wrap:wrap;gap:.2rem 1rem;font-size:.88rem}
nav a{color:var(--muted);text-decoration:none}nav a:hover{color:var(--accent)}
button{font:inherit;font-size:.82rem;cursor:pointer;color:var(--muted);background:#fff;
border:1px solid var(--line);border-radius:6px;padding:.2rem .7rem}
button:hover{color:var(--fg)}
.langsel{margin-left:auto;display:flex;flex:none;border:1px solid var(--line);border-radius:6px;
overflow:hidden}
.langsel button{border:0;border-radius:0}
.langsel button[aria-pressed=true]{background:var(--fg);color:#fff}
h1{font-size:1.55rem;font-weight:650;margin:1.4rem 0 .2rem}
h2{font-size:1.2rem;font-weight:650;margin:2.4rem 0 .8rem;padding-bottom:.3rem;
border-bottom:2px solid var(--line)}
h3{font-size:.98rem;font-weight:650;margin:1.4rem 0 .5rem}
h4{font-size:.9rem;font-weight:650;margin:1rem 0 .3rem;color:var(--muted)}
section,details{scroll-margin-top:3.5rem}
.count{display:inline-block;min-width:1.6em;padding:0 .45em;border-radius:999px;
background:var(--panel);border:1px solid var(--line);color:var(--muted);font-size:.78em;
font-weight:500;text-align:center;vertical-align:middle}
.sub{color:var(--muted);margin:0 0 1rem;font-size:.9rem}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:.7rem;
margin:1rem 0 .5rem}
.card{display:block;border:1px solid var(--line);border-top:3px solid var(--line);
border-radius:8px;padding:.55rem .8rem;color:inherit;text-decoration:none}
.card:hover{background:var(--panel)}
.card b{display:block;font-size:1.6rem;font-weight:600;line-height:1.2}
.card span{color:var(--muted);font-size:.82rem}
.c-critical{border-top-color:var(--crit)}.c-critical b{color:var(--crit)}
.c-error{border-top-color:var(--err)}.c-error b{color:var(--err)}
.c-warning{border-top-color:var(--bar-w)}.c-warning b{color:var(--warn)}
.wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.87rem;margin:.3rem 0 .8rem}
th,td{text-align:left;padding:.36rem .6rem;border-bottom:1px solid var(--line);vertical-align:top}
th{font-weight:600;background:var(--panel);white-space:nowrap}
.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.nw{white-space:nowrap}
tfoot td{font-weight:600;border-top:2px solid var(--line);border-bottom:0}
.path{overflow-wrap:anywhere;min-width:14rem}
table.inputs td.path{min-width:22rem}table.inputs td:last-child{min-width:12rem}
.member{color:var(--muted)}
.t{font-variant-numeric:tabular-nums}
.muted,.note,.empty{color:var(--muted)}
.note{font-size:.86rem;margin:.3rem 0}.empty{font-style:italic}
.badge{display:inline-block;font-size:.74rem;font-weight:600;line-height:1.5;padding:0 .5rem;
border-radius:999px;border:1px solid;white-space:nowrap;vertical-align:1px}
.s-critical{color:#fff;background:var(--crit);border-color:var(--crit)}
.s-error{color:var(--err);background:var(--err-bg)}
.s-warning{color:var(--warn);background:var(--warn-bg)}
.s-info{color:var(--info);background:var(--info-bg)}
.o-ok{color:var(--ok);background:var(--ok-bg)}
.o-unknown{color:var(--muted);background:var(--panel)}
.o-slow{color:var(--info);background:var(--info-bg);font-weight:500}
.chip{display:inline-block;background:var(--panel);border:1px solid var(--line);border-radius:4px;
padding:0 .35rem;margin:0 .2rem .1rem 0;white-space:nowrap;max-width:100%;overflow:hidden;
text-overflow:ellipsis;vertical-align:bottom}
.tools{display:flex;gap:.4rem;justify-content:flex-end;margin:-.4rem 0 .4rem}
details.item{border:1px solid var(--line);border-left:4px solid #aab3bd;border-radius:6px;
margin:.45rem 0;background:#fff}
details.k-critical{border-left-color:var(--crit)}
details.k-error,details.j-failed{border-left-color:var(--err)}
details.k-warning{border-left-color:var(--bar-w)}details.k-info{border-left-color:var(--info)}
details.j-succeeded{border-left-color:#7cc08f}
details.item>summary{cursor:pointer;list-style:none;padding:.5rem .8rem;display:flex;
flex-wrap:wrap;align-items:baseline;gap:.3rem .7rem}
details.item>summary::-webkit-details-marker{display:none}
details.item>summary::before{content:"";width:.45em;height:.45em;flex:none;align-self:center;
border-right:2px solid var(--muted);border-bottom:2px solid var(--muted);transform:rotate(-45deg)}
details.item[open]>summary::before{transform:rotate(45deg)}
details.item>summary:hover{background:var(--panel)}
summary .title{font-weight:600;flex:1 1 24rem}
summary .times{font-variant-numeric:tabular-nums;color:var(--muted);font-weight:600}
summary .when,summary .kind,summary .dur,summary .start{color:var(--muted);font-size:.86rem}
summary .fphase{color:var(--err);font-size:.86rem;margin-right:.5rem}
details.job>summary{display:grid;align-items:center;
grid-template-columns:.5rem 5.6rem 17.5rem 7.5rem 11.5rem 6.5rem minmax(0,1fr)}
details.job>summary>.badge{justify-self:start}
summary .extra{display:flex;flex-wrap:wrap;align-items:baseline;gap:.2rem}
summary .tid{font-size:.8rem;overflow:hidden;text-overflow:ellipsis}
.body{padding:.3rem 1.2rem .8rem 2rem;border-top:1px solid var(--line)}
.body p{max-width:62rem}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1.2rem;margin:.6rem 0;
font-size:.87rem}
dl.meta dt{color:var(--muted)}dl.meta dd{margin:0}
ol.actions{padding-left:1.6rem;margin:.3rem 0;max-width:62rem}
ol.actions li{margin:.3rem 0;padding-left:.2rem}
ol.actions code,.body p code{background:var(--panel);padding:0 .2rem;border-radius:3px}
.nokb{background:var(--warn-bg);border:1px solid #efd38a;border-radius:6px;padding:.5rem .8rem}
.docs{font-size:.87rem;overflow-wrap:anywhere}
.samples{list-style:none;padding:0;margin:.3rem 0}
.samples li{background:var(--panel);border:1px solid var(--line);border-radius:5px;
padding:.3rem .6rem;margin:.3rem 0}
.loc{display:block;color:var(--muted);font-size:.78rem}
.samples code,code.line,code.tpl{white-space:pre-wrap;overflow-wrap:anywhere}
table.unknown td:first-child{width:42%}
.cols{display:grid;grid-template-columns:repeat(auto-fit,minmax(420px,1fr));gap:0 2rem}
table.phases{max-width:64rem}
tr.failed td{background:var(--err-bg)}tr.failed td:first-child{color:var(--err);font-weight:600}
td.gantt,th.gantt{width:32%;min-width:8rem;white-space:nowrap;font-size:0}
.pbar{display:inline-block;height:.65rem;border-radius:2px;background:#9fb7cf;vertical-align:middle}
.pbar.open{background:repeating-linear-gradient(45deg,#9fb7cf 0 4px,#dbe5ef 4px 8px)}
tr.slow .pbar{background:var(--accent)}tr.failed .pbar{background:var(--err)}
.pbar.e{background:var(--bar-e);border-radius:2px 0 0 2px}
.pbar.w{background:var(--bar-w);border-radius:0 2px 2px 0}
.chart{display:block;width:100%;height:auto;margin:.2rem 0 .4rem}
.chart text{font-size:11px;fill:var(--muted)}.chart text.hour{font-size:9px}
.chart text.date{font-size:12px;fill:var(--fg)}
.chart .grid{stroke:#e7ebef}.chart .axis{stroke:#98a2ad}.chart .day{stroke:#c9d1d9}
.chart .e{fill:var(--bar-e)}.chart .w{fill:var(--bar-w)}.chart g:hover rect{opacity:.7}
.legend{display:flex;flex-wrap:wrap;gap:.3rem 1.2rem;font-size:.86rem;color:var(--muted)}
.legend span:first-child{margin-right:auto}
.sw{display:inline-block;width:.8rem;height:.8rem;border-radius:2px;margin-right:.35rem;
vertical-align:-1px}
.sw.e{background:var(--bar-e)}.sw.w{background:var(--bar-w)}
footer{color:var(--muted);font-size:.8rem;padding-top:1rem;padding-bottom:2rem;
border-top:1px solid var(--line);margin-top:3rem}
@media (max-width:1000px){details.job>summary{display:flex}.bar{flex-wrap:wrap}}
@media print{header.top{position:static}nav,.langsel,.tools{display:none}
body{font-size:10pt}.bar,main,footer{max-width:none;padding:0}
details.item,tr,.card{break-inside:avoid}h2,h3{break-after:avoid}a{color:inherit}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
)css";

// Language switch (buttons or "#lang=..."), expand / collapse all, open the <details> a link
// points to, open everything for printing. Sets data-ready last: the browser test checks that
// the script ran to the end.
const char kScript[] = R"js((function () {
  "use strict";
  var root = document.documentElement;
  function each(selector, scope, fn) {
    var list = (scope || document).querySelectorAll(selector);
    for (var i = 0; i < list.length; i++) fn(list[i], i);
  }
  function setLang(tag) {
    var zh = tag === "zh-TW";
    root.classList.toggle("lang-zh", zh);
    root.classList.toggle("lang-en", !zh);
    root.setAttribute("lang", zh ? "zh-TW" : "en");
    root.setAttribute("data-lang", zh ? "zh-TW" : "en");
    each("[data-set-lang]", null, function (b) {
      b.setAttribute("aria-pressed", String((b.getAttribute("data-set-lang") === "zh-TW") === zh));
    });
  }
  document.addEventListener("click", function (e) {
    var t = e.target instanceof Element ? e.target.closest("[data-set-lang],[data-open]") : null;
    if (!t) return;
    if (t.hasAttribute("data-set-lang")) {
      setLang(t.getAttribute("data-set-lang"));
      return;
    }
    var scope = document.getElementById(t.getAttribute("data-scope"));
    var open = t.getAttribute("data-open") === "1";
    if (scope) each("details", scope, function (d) { d.open = open; });
  });
  // "#lang=zh-TW" picks the language (a link can share it); "#job-3" opens that job.
  function fromHash() {
    var id = "";
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (err) { id = ""; }
    var lang = /^lang=(en|zh-TW)$/.exec(id);
    if (lang) {
      setLang(lang[1]);
      return;
    }
    var el = id ? document.getElementById(id) : null;
    if (el && el.tagName === "DETAILS") el.open = true;
  }
  window.addEventListener("hashchange", fromHash);
  var saved = null;
  window.addEventListener("beforeprint", function () {
    saved = [];
    each("details", null, function (d) { saved.push(d.open); d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    if (saved) each("details", null, function (d, i) { d.open = saved[i]; });
    saved = null;
  });
  setLang(root.getAttribute("data-lang"));
  fromHash();
  root.dataset.ready = "1";
})();
)js";

}  // namespace loganalyze::internal::html
