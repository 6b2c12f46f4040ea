/* The C API, from C11: every function, its results checked against the command line's
 * reports (written by the capi_cli_* fixtures) and its error paths.
 *
 * Usage: capi_test WORK_DIR
 * WORK_DIR holds the command line's reports: samples_en.json, samples_zh.json and
 * engine.json (see tests/CMakeLists.txt); the test writes a knowledge-base file there. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef _WIN32
#include <windows.h>  // MinGW-w64 has no C11 <threads.h>
#else
#include <threads.h>
#endif

#include "loganalyze/loganalyze.h"

#ifndef LOGANALYZE_SAMPLES_DIR
#error "LOGANALYZE_SAMPLES_DIR must be defined"
#endif

static int failures = 0;

#define CHECK(cond)                                                         \
  do {                                                                      \
    if (!(cond)) {                                                          \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
      ++failures;                                                           \
    }                                                                       \
  } while (0)

#define CHECK_STATUS(expr, want)                                                        \
  do {                                                                                  \
    la_status got_ = (expr);                                                            \
    if (got_ != (want)) {                                                               \
      fprintf(stderr, "%s:%d: %s gave %s, want %s (%s)\n", __FILE__, __LINE__, #expr,   \
              la_status_name(got_), la_status_name(want), la_last_error());             \
      ++failures;                                                                       \
    }                                                                                   \
  } while (0)

static const char* work_dir;

static char* ReadWholeFile(const char* path, size_t* size) {
  FILE* f = fopen(path, "rb");
  if (f == NULL) {
    fprintf(stderr, "cannot open %s\n", path);
    exit(2);
  }
  size_t cap = 1 << 16, n = 0, got;
  char* data = malloc(cap + 1);
  while ((got = fread(data + n, 1, cap - n, f)) > 0) {
    n += got;
    if (n == cap) data = realloc(data, (cap *= 2) + 1);
  }
  fclose(f);
  data[n] = '\0';
  *size = n;
  return data;
}

static char* WorkFile(const char* name) {
  static char path[4096];
  snprintf(path, sizeof path, "%s/%s", work_dir, name);
  return path;
}

/* Byte-for-byte equality with the report the command line wrote to WORK_DIR/name. */
static void CheckSameAsCli(const char* json, const char* name) {
  size_t size = 0;
  char* cli = ReadWholeFile(WorkFile(name), &size);
  CHECK(json != NULL);
  if (json != NULL && (strlen(json) != size || memcmp(json, cli, size) != 0)) {
    size_t i = 0;
    while (i < size && json[i] == cli[i]) ++i;
    fprintf(stderr, "the C API differs from the command line's %s at byte %zu of %zu/%zu\n",
            name, i, strlen(json), size);
    ++failures;
  }
  free(cli);
}

/* The first "records": N of a report: its first input's record count. */
static uint64_t FirstRecords(const char* json) {
  const char* at = strstr(json, "\"records\":");
  return at == NULL ? 0 : strtoull(at + strlen("\"records\":"), NULL, 10);
}

static void TestVersionsAndKnowledgeBases(void) {
  const char* v = la_version();
  CHECK(v != NULL && strlen(v) >= 5 && strchr(v, '.') != NULL);
  CHECK(strcmp(la_status_name(LA_NOT_FOUND), "LA_NOT_FOUND") == 0);
  CHECK(strcmp(la_status_name((la_status)99), "LA_UNKNOWN") == 0);

  la_kb* kb = NULL;
  CHECK_STATUS(la_kb_default(&kb), LA_OK);
  CHECK(kb != NULL);
  CHECK(strcmp(la_last_error(), "") == 0);
  const char* kb_version = NULL;
  CHECK_STATUS(la_kb_version(kb, &kb_version), LA_OK);
  CHECK(kb_version != NULL && strlen(kb_version) > 0 && strstr(kb_version, "+local") == NULL);
  size_t count = 0;
  CHECK_STATUS(la_kb_entry_count(kb, &count), LA_OK);
  CHECK(count > 10);

  /* The patterns folder alone is the default set again; added to it, every id repeats. */
  la_kb* replaced = NULL;
  CHECK_STATUS(la_kb_from_directory(LOGANALYZE_SOURCE_DIR "/patterns", 0, &replaced), LA_OK);
  size_t replaced_count = 0;
  CHECK_STATUS(la_kb_entry_count(replaced, &replaced_count), LA_OK);
  CHECK(replaced_count == count);
  la_kb_free(replaced);
  la_kb* twice = (la_kb*)1;
  CHECK_STATUS(la_kb_from_directory(LOGANALYZE_SOURCE_DIR "/patterns", 1, &twice),
               LA_INVALID_ARGUMENT);
  CHECK(twice == NULL);
  CHECK(strlen(la_last_error()) > 0);

  /* One more entry, added to the default set as --kb-dir does. */
  FILE* f = fopen(WorkFile("kb/extra.json"), "wb");
  CHECK(f != NULL);
  if (f != NULL) {
    fputs("{\"schema\": \"loganalyze.kb/1\", \"entries\": [{\"id\": \"capi.test-entry\", "
          "\"products\": [\"MARS\"], \"codes\": [\"0x8004FFF1\"], \"severity\": \"warning\", "
          "\"title\": {\"en\": \"C API test entry\", \"zh-TW\": \"C API 測試項目\"}, "
          "\"cause\": {\"en\": \"A test.\", \"zh-TW\": \"測試。\"}, "
          "\"actions\": {\"en\": [\"Nothing.\"], \"zh-TW\": [\"無。\"]}, "
          "\"patterns\": [\"capi test marker\"], "
          "\"samples\": {\"match\": [\"capi test marker\"], \"no_match\": [\"other\"]}}]}\n",
          f);
    fclose(f);
  }
  la_kb* combined = NULL;
  CHECK_STATUS(la_kb_from_directory(WorkFile("kb"), 1, &combined), LA_OK);
  size_t combined_count = 0;
  CHECK_STATUS(la_kb_entry_count(combined, &combined_count), LA_OK);
  CHECK(combined_count == count + 1);
  const char* combined_version = NULL;
  CHECK_STATUS(la_kb_version(combined, &combined_version), LA_OK);
  CHECK(combined_version != NULL && strstr(combined_version, "+local") != NULL);
  char* json = NULL;
  CHECK_STATUS(la_explain(combined, "hr=0x8004FFF1", "zh-TW", &json), LA_OK);
  CHECK(json != NULL && strstr(json, "\"id\": \"capi.test-entry\"") != NULL &&
        strstr(json, "C API 測試項目") != NULL);
  la_free(json);
  la_kb_free(combined);

  /* A folder that does not exist: not found, and named. */
  la_kb* missing = (la_kb*)1;
  CHECK_STATUS(la_kb_from_directory("/nonexistent/capi-kb", 0, &missing), LA_NOT_FOUND);
  CHECK(missing == NULL);
  CHECK(strstr(la_last_error(), "/nonexistent/capi-kb") != NULL);
  CHECK_STATUS(la_kb_from_directory("/nonexistent/capi-kb", 1, &missing), LA_NOT_FOUND);
  CHECK(missing == NULL);
  CHECK(strstr(la_last_error(), "/nonexistent/capi-kb") != NULL);

  CHECK_STATUS(la_kb_default(NULL), LA_INVALID_ARGUMENT);
  CHECK_STATUS(la_kb_from_directory(NULL, 0, &missing), LA_INVALID_ARGUMENT);
  CHECK_STATUS(la_kb_version(NULL, &kb_version), LA_INVALID_ARGUMENT);
  CHECK_STATUS(la_kb_entry_count(kb, NULL), LA_INVALID_ARGUMENT);
  la_kb_free(NULL);
  la_free(NULL);
  la_kb_free(kb);
}

static void TestAnalyze(const la_kb* kb) {
  /* The samples, as `loganalyze -f json --year 2026 --lang en -j2 samples` prints them. */
  const char* samples[] = {LOGANALYZE_SAMPLES_DIR};
  la_analyze_options opt = {0};
  opt.jobs = 2;
  opt.year = 2026;
  opt.lang = "en";
  char* json = NULL;
  CHECK_STATUS(la_analyze(kb, samples, 1, &opt, &json), LA_OK);
  CheckSameAsCli(json, "samples_en.json");
  CHECK(json != NULL && strstr(json, "\"schema\":\"loganalyze.report/1\"") != NULL);
  /* Known findings of the samples. */
  CHECK(json != NULL && strstr(json, "0x80070570") != NULL);
  CHECK(json != NULL && strstr(json, "File or directory is corrupted and unreadable") != NULL);
  CHECK(json != NULL && strstr(json, "A DPM/MABS service crashed and wrote a dump") != NULL);
  la_free(json);

  /* Every option, in Chinese, on one thread: `--lang zh-TW -j1 --since 2026-01-03 --until
   * 2026-01-04 --min-severity warning`. */
  la_analyze_options zh = {0};
  zh.jobs = 1;
  zh.year = 2026;
  zh.lang = "zh-TW";
  zh.since = "2026-01-03";
  zh.until = "2026-01-04";
  zh.min_severity = "warning";
  json = NULL;
  CHECK_STATUS(la_analyze(kb, samples, 1, &zh, &json), LA_OK);
  CheckSameAsCli(json, "samples_zh.json");
  la_free(json);

  /* One file; its record count is what la_read_records must deliver. */
  const char* engine[] = {LOGANALYZE_SAMPLES_DIR "/mars/CBEngineCurr.errlog"};
  json = NULL;
  CHECK_STATUS(la_analyze(kb, engine, 1, &opt, &json), LA_OK);
  CheckSameAsCli(json, "engine.json");
  la_free(json);

  /* A missing input: the report is made all the same (the command line exits 3), the
   * status says it is incomplete and the message names the path. */
  const char* with_missing[] = {LOGANALYZE_SAMPLES_DIR "/mars/CBEngineCurr.errlog",
                                "/nonexistent/capi-missing.errlog"};
  json = NULL;
  CHECK_STATUS(la_analyze(kb, with_missing, 2, &opt, &json), LA_INCOMPLETE);
  CHECK(strstr(la_last_error(), "/nonexistent/capi-missing.errlog") != NULL);
  CHECK(json != NULL && strstr(json, "/nonexistent/capi-missing.errlog") != NULL);
  la_free(json);

  /* Arguments that are wrong: nothing is returned. */
  json = (char*)1;
  CHECK_STATUS(la_analyze(NULL, samples, 1, &opt, &json), LA_INVALID_ARGUMENT);
  CHECK(json == NULL);
  CHECK(strlen(la_last_error()) > 0);
  CHECK_STATUS(la_analyze(kb, NULL, 1, &opt, &json), LA_INVALID_ARGUMENT);
  CHECK_STATUS(la_analyze(kb, samples, 0, &opt, &json), LA_INVALID_ARGUMENT);
  CHECK_STATUS(la_analyze(kb, samples, 1, &opt, NULL), LA_INVALID_ARGUMENT);
  const char* null_path[] = {NULL};
  CHECK_STATUS(la_analyze(kb, null_path, 1, &opt, &json), LA_INVALID_ARGUMENT);
  la_analyze_options bad = opt;
  bad.lang = "fr";
  CHECK_STATUS(la_analyze(kb, samples, 1, &bad, &json), LA_INVALID_ARGUMENT);
  CHECK(strstr(la_last_error(), "fr") != NULL);
  bad = opt;
  bad.since = "2026-02-30";
  CHECK_STATUS(la_analyze(kb, samples, 1, &bad, &json), LA_INVALID_ARGUMENT);
  CHECK(strstr(la_last_error(), "2026-02-30") != NULL);
  bad = opt;
  bad.since = "2026-01-05";
  bad.until = "2026-01-04";
  CHECK_STATUS(la_analyze(kb, samples, 1, &bad, &json), LA_INVALID_ARGUMENT);
  bad = opt;
  bad.min_severity = "fatal";
  CHECK_STATUS(la_analyze(kb, samples, 1, &bad, &json), LA_INVALID_ARGUMENT);
  bad = opt;
  bad.jobs = -1;
  CHECK_STATUS(la_analyze(kb, samples, 1, &bad, &json), LA_INVALID_ARGUMENT);
  CHECK(json == NULL);
}

static void TestMerge(const la_kb* kb) {
  size_t size = 0;
  char* engine = ReadWholeFile(WorkFile("engine.json"), &size);
  char* dpm = ReadWholeFile(WorkFile("dpm.json"), &size);
  /* Named as the command line names them: they are named in notes and errors only. */
  char engine_name[4096], dpm_name[4096];
  snprintf(engine_name, sizeof engine_name, "%s", WorkFile("engine.json"));
  snprintf(dpm_name, sizeof dpm_name, "%s", WorkFile("dpm.json"));
  const char* names[] = {engine_name, dpm_name};

  /* As `loganalyze merge engine.json dpm.json -f json` prints it. */
  const char* both[] = {engine, dpm};
  char* json = NULL;
  CHECK_STATUS(la_merge_reports(kb, both, names, 2, "en", &json), LA_OK);
  CheckSameAsCli(json, "merged.json");

  /* A tree of merges: the merges of one report each, merged, give the same bytes. */
  char* left = NULL;
  char* right = NULL;
  CHECK_STATUS(la_merge_reports(kb, both, NULL, 1, NULL, &left), LA_OK);
  CHECK_STATUS(la_merge_reports(kb, both + 1, NULL, 1, NULL, &right), LA_OK);
  const char* halves[] = {left, right};
  char* tree = NULL;
  CHECK_STATUS(la_merge_reports(kb, halves, NULL, 2, "en", &tree), LA_OK);
  CheckSameAsCli(tree, "merged.json");
  la_free(left);
  la_free(right);
  la_free(tree);
  la_free(json);

  /* The same report twice counts once and says so in a note. */
  const char* twice[] = {engine, engine};
  const char* twice_names[] = {"first.json", "second.json"};
  json = NULL;
  CHECK_STATUS(la_merge_reports(kb, twice, twice_names, 2, "en", &json), LA_OK);
  CHECK(json != NULL && strstr(json, "also in the merged report second.json") != NULL);
  la_free(json);

  /* A report that is not JSON is listed, named, and the rest is merged. */
  const char* with_bad[] = {"not a report", engine};
  json = NULL;
  CHECK_STATUS(la_merge_reports(kb, with_bad, NULL, 2, "en", &json), LA_INCOMPLETE);
  CHECK(strstr(la_last_error(), "report 1") != NULL);
  CHECK(json != NULL && strstr(json, "report 1") != NULL);
  CHECK(json != NULL && strstr(json, "CBEngineCurr.errlog") != NULL);
  la_free(json);

  /* Nothing to merge: an empty report. */
  json = NULL;
  CHECK_STATUS(la_merge_reports(kb, NULL, NULL, 0, NULL, &json), LA_OK);
  CHECK(json != NULL && strstr(json, "\"schema\":\"loganalyze.report/1\"") != NULL);
  la_free(json);

  /* Arguments that are wrong: nothing is returned. */
  json = (char*)1;
  CHECK_STATUS(la_merge_reports(NULL, both, NULL, 2, NULL, &json), LA_INVALID_ARGUMENT);
  CHECK(json == NULL);
  CHECK_STATUS(la_merge_reports(kb, NULL, NULL, 2, NULL, &json), LA_INVALID_ARGUMENT);
  const char* null_report[] = {engine, NULL};
  CHECK_STATUS(la_merge_reports(kb, null_report, NULL, 2, NULL, &json), LA_INVALID_ARGUMENT);
  CHECK(strstr(la_last_error(), "reports[1]") != NULL);
  CHECK_STATUS(la_merge_reports(kb, both, NULL, 2, "fr", &json), LA_INVALID_ARGUMENT);
  CHECK_STATUS(la_merge_reports(kb, both, NULL, 2, NULL, NULL), LA_INVALID_ARGUMENT);
  free(engine);
  free(dpm);
}

static void TestExplain(const la_kb* kb) {
  char* en = NULL;
  char* zh = NULL;
  CHECK_STATUS(la_explain(kb, "0x80070005", "en", &en), LA_OK);
  CHECK_STATUS(la_explain(kb, "0x80070005", "zh-TW", &zh), LA_OK);
  CHECK(en != NULL && zh != NULL);
  if (en != NULL && zh != NULL) {
    CHECK(en[0] == '[' && strstr(en, "\"codes\": [") != NULL);
    CHECK(strstr(en, "\"0x80070005\"") != NULL);
    CHECK(strstr(en, "\"title\": \"") != NULL && strstr(en, "\"cause\": \"") != NULL);
    CHECK(strstr(en, "\"actions\": [\"") != NULL && strstr(en, "\"severity\": \"") != NULL);
    /* The same entries, in another language: the same ids, other titles, in Chinese. */
    const char* id_en = strstr(en, "\"id\": ");
    const char* id_zh = strstr(zh, "\"id\": ");
    CHECK(id_en != NULL && id_zh != NULL && strncmp(id_en, id_zh, 40) == 0);
    CHECK(strcmp(en, zh) != 0);
    const char* title = strstr(zh, "\"title\": \"");
    CHECK(title != NULL && (unsigned char)title[10] >= 0x80);
  }
  la_free(en);
  la_free(zh);
  /* Any form of a code: the signed decimal form gives the same entries. */
  char* decimal = NULL;
  CHECK_STATUS(la_explain(kb, "-2147024891", NULL, &decimal), LA_OK);
  CHECK(decimal != NULL && strstr(decimal, "\"0x80070005\"") != NULL);
  la_free(decimal);
  char* nothing = NULL;
  CHECK_STATUS(la_explain(kb, "zzqxv", "en", &nothing), LA_OK);
  CHECK(nothing != NULL && strcmp(nothing, "[]") == 0);
  la_free(nothing);

  CHECK_STATUS(la_explain(kb, NULL, "en", &nothing), LA_INVALID_ARGUMENT);
  CHECK_STATUS(la_explain(NULL, "0x80070005", "en", &nothing), LA_INVALID_ARGUMENT);
  CHECK_STATUS(la_explain(kb, "0x80070005", "de", &nothing), LA_INVALID_ARGUMENT);
  CHECK_STATUS(la_explain(kb, "0x80070005", "en", NULL), LA_INVALID_ARGUMENT);
}

struct Counts {
  uint64_t records, warnings, with_codes, stop_after;
  int bad_time, bad_field;
  char first_time[32], last_time[32]; /* the earliest and the latest time */
};

static int CountRecord(const la_record* r, void* user) {
  struct Counts* c = user;
  ++c->records;
  if (strlen(r->time) != 23 || r->time[4] != '-' || r->time[10] != 'T') ++c->bad_time;
  if (c->first_time[0] == '\0' || strcmp(r->time, c->first_time) < 0) {
    snprintf(c->first_time, sizeof c->first_time, "%s", r->time);
  }
  if (strcmp(r->time, c->last_time) > 0) {
    snprintf(c->last_time, sizeof c->last_time, "%s", r->time);
  }
  if (r->message == NULL || strlen(r->message) > r->message_size || r->source == NULL ||
      r->codes == NULL || r->line == 0 || strcmp(r->format, "errlog") != 0) {
    ++c->bad_field;
  }
  if (strcmp(r->level, "WARNING") == 0) ++c->warnings;
  if (r->codes[0] != '\0') ++c->with_codes;
  return c->stop_after != 0 && c->records >= c->stop_after;
}

static void TestRecords(void) {
  size_t size = 0;
  char* cli = ReadWholeFile(WorkFile("engine.json"), &size);
  const uint64_t want = FirstRecords(cli);
  free(cli);
  CHECK(want > 100);

  const char* path = LOGANALYZE_SAMPLES_DIR "/mars/CBEngineCurr.errlog";
  la_read_options opt = {2026};
  struct Counts c = {0};
  uint64_t delivered = 0;
  CHECK_STATUS(la_read_records(path, &opt, CountRecord, &c, &delivered), LA_OK);
  CHECK(c.records == want);
  CHECK(delivered == want);
  CHECK(c.bad_time == 0);
  CHECK(c.bad_field == 0);
  CHECK(c.warnings > 0 && c.with_codes > 0);
  CHECK(strcmp(c.first_time, "2026-01-02T21:52:22.820") == 0);

  /* Final years: CBEngine1.errlog runs over New Year. Its earliest and latest times are
   * those of the command line's report. */
  char* report = ReadWholeFile(WorkFile("samples_en.json"), &size);
#ifdef _WIN32
  const char* input = strstr(report, "\\\\mars\\\\CBEngine1.errlog\",\"member\"");  // `\` in JSON
#else
  const char* input = strstr(report, "/mars/CBEngine1.errlog\",\"member\"");
#endif
  const char* first = input ? strstr(input, "\"first_time\":\"") : NULL;
  const char* last = input ? strstr(input, "\"last_time\":\"") : NULL;
  CHECK(first != NULL && last != NULL);
  struct Counts rotated = {0};
  CHECK_STATUS(la_read_records(LOGANALYZE_SAMPLES_DIR "/mars/CBEngine1.errlog", &opt,
                               CountRecord, &rotated, NULL),
               LA_OK);
  CHECK(strncmp(rotated.first_time, "2025-12-", 8) == 0);
  CHECK(strncmp(rotated.last_time, "2026-01-", 8) == 0);
  if (first != NULL && last != NULL) {
    CHECK(strncmp(first + strlen("\"first_time\":\""), rotated.first_time, 23) == 0);
    CHECK(strncmp(last + strlen("\"last_time\":\""), rotated.last_time, 23) == 0);
  }
  free(report);

  /* The callback stops it. */
  struct Counts early = {0};
  early.stop_after = 10;
  CHECK_STATUS(la_read_records(path, NULL, CountRecord, &early, &delivered), LA_CANCELLED);
  CHECK(early.records == 10 && delivered == 10);

  /* A missing file: not found, named; nothing delivered. */
  struct Counts none = {0};
  CHECK_STATUS(la_read_records("/nonexistent/capi.errlog", NULL, CountRecord, &none, &delivered),
               LA_NOT_FOUND);
  CHECK(strstr(la_last_error(), "/nonexistent/capi.errlog") != NULL);
  CHECK(none.records == 0 && delivered == 0);

  CHECK_STATUS(la_read_records(NULL, NULL, CountRecord, &none, NULL), LA_INVALID_ARGUMENT);
  CHECK_STATUS(la_read_records(path, NULL, NULL, &none, NULL), LA_INVALID_ARGUMENT);
  la_read_options bad_year = {12};
  CHECK_STATUS(la_read_records(path, &bad_year, CountRecord, &none, NULL), LA_INVALID_ARGUMENT);
}

/* One knowledge base shared by threads; each thread has its own last error. */
struct ThreadArgs {
  const la_kb* kb;
  int fail;
  int ok;
};

static int ThreadMain(void* p) {
  struct ThreadArgs* a = p;
  a->ok = 1;
  for (int i = 0; i < 20; ++i) {
    char* json = NULL;
    if (a->fail) {
      if (la_explain(a->kb, "0x80070005", "xx", &json) != LA_INVALID_ARGUMENT ||
          strstr(la_last_error(), "xx") == NULL) {
        a->ok = 0;
      }
    } else {
      if (la_explain(a->kb, "0x80070005", "en", &json) != LA_OK ||
          strcmp(la_last_error(), "") != 0 || strstr(json, "0x80070005") == NULL) {
        a->ok = 0;
      }
    }
    la_free(json);
  }
  return 0;
}

#ifdef _WIN32
typedef HANDLE Thread;
static DWORD WINAPI ThreadEntry(void* p) { return (DWORD)ThreadMain(p); }
static int StartThread(Thread* t, void* arg) {
  *t = CreateThread(NULL, 0, ThreadEntry, arg, 0, NULL);
  return *t != NULL;
}
static void JoinThread(Thread t) {
  WaitForSingleObject(t, INFINITE);
  CloseHandle(t);
}
#else
typedef thrd_t Thread;
static int StartThread(Thread* t, void* arg) { return thrd_create(t, ThreadMain, arg) == thrd_success; }
static void JoinThread(Thread t) { thrd_join(t, NULL); }
#endif

static void TestThreads(const la_kb* kb) {
  struct ThreadArgs args[4];
  Thread threads[4];
  for (int i = 0; i < 4; ++i) {
    args[i] = (struct ThreadArgs){kb, i % 2, 0};
    CHECK(StartThread(&threads[i], &args[i]));
  }
  for (int i = 0; i < 4; ++i) {
    JoinThread(threads[i]);
    CHECK(args[i].ok);
  }
}

int main(int argc, char** argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: capi_test WORK_DIR\n");
    return 2;
  }
  work_dir = argv[1];
  TestVersionsAndKnowledgeBases();
  la_kb* kb = NULL;
  if (la_kb_default(&kb) != LA_OK) {
    fprintf(stderr, "la_kb_default: %s\n", la_last_error());
    return 1;
  }
  TestAnalyze(kb);
  TestExplain(kb);
  TestMerge(kb);
  TestRecords();
  TestThreads(kb);
  la_kb_free(kb);
  if (failures != 0) {
    fprintf(stderr, "%d check(s) failed\n", failures);
    return 1;
  }
  printf("capi_test: all checks passed\n");
  return 0;
}
