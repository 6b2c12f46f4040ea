/* The C API of loganalyze: for C, .NET P/Invoke, Python ctypes and anything else that can
 * call a C function. Plain C11; the same analysis as the command line, byte for byte.
 *
 *   la_kb* kb = NULL;
 *   char* json = NULL;
 *   const char* paths[] = {"case-12345.zip", "extra/"};
 *   la_analyze_options opt = {0};  // all zero: the defaults
 *   opt.year = 2026;
 *   if (la_kb_default(&kb) == LA_OK &&
 *       la_analyze(kb, paths, 2, &opt, &json) == LA_OK) puts(json);
 *   else fprintf(stderr, "%s\n", la_last_error());
 *   la_free(json);
 *   la_kb_free(kb);
 *
 * Conventions (zlib's and SQLite's):
 * - Handles are opaque; strings are UTF-8 and NUL-terminated, in and out.
 * - Every function that can fail returns an la_status. On failure, la_last_error() gives a
 *   message naming what failed (a path, an option, an argument). Outputs are set only on
 *   LA_OK unless a function says otherwise.
 * - Memory the library returns is freed by the library only: strings with la_free(), knowledge
 *   bases with la_kb_free(). Both take NULL.
 * - No function keeps a pointer the caller passed after it returns.
 * Link with the shared library `loganalyze_c` (CMake: loganalyze::loganalyze_c). */
#ifndef LOGANALYZE_LOGANALYZE_H_
#define LOGANALYZE_LOGANALYZE_H_

#include <stddef.h>
#include <stdint.h>

/* LOGANALYZE_C_API marks every function of this header as exported from the shared
 * library, also when it is built with hidden visibility. Define LOGANALYZE_BUILDING only
 * when building the library itself; define LOGANALYZE_C_STATIC when linking its code
 * statically on Windows. */
#if defined(_WIN32) || defined(__CYGWIN__)
#if defined(LOGANALYZE_C_STATIC)
#define LOGANALYZE_C_API
#elif defined(LOGANALYZE_BUILDING)
#define LOGANALYZE_C_API __declspec(dllexport)
#else
#define LOGANALYZE_C_API __declspec(dllimport)
#endif
#elif defined(__GNUC__) || defined(__clang__)
#define LOGANALYZE_C_API __attribute__((visibility("default")))
#else
#define LOGANALYZE_C_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* What a call did. The values are fixed: bindings may hard-code them. */
typedef enum la_status {
  LA_OK = 0,
  LA_INVALID_ARGUMENT = 1, /* a NULL or malformed argument, an unknown language, ... */
  LA_NOT_FOUND = 2,        /* a file or folder that does not exist */
  LA_PERMISSION_DENIED = 3,
  LA_IO = 4,               /* a read that failed, a resource the system refused */
  LA_CANCELLED = 5,        /* a callback asked to stop */
  LA_INCOMPLETE = 6,       /* la_analyze: the report was made, but some inputs were not read */
  LA_UNSUPPORTED = 7,
  LA_INTERNAL = 8          /* a bug, or memory exhausted */
} la_status;

/* "LA_OK", "LA_NOT_FOUND", ...; "LA_UNKNOWN" for a value outside the enum. A static
 * string. Thread-safe. */
LOGANALYZE_C_API const char* la_status_name(la_status status);

/* The message of the last failure on this thread: "" when the last call that returns an
 * la_status succeeded. Valid until the next call of this API on this thread. Never NULL.
 * Thread-safe (each thread has its own). */
LOGANALYZE_C_API const char* la_last_error(void);

/* Frees a string this library returned. NULL is allowed. Thread-safe. */
LOGANALYZE_C_API void la_free(char* text);

/* "MAJOR.MINOR.PATCH" of the linked library; a static string. Thread-safe. */
LOGANALYZE_C_API const char* la_version(void);

/* ---- Knowledge bases --------------------------------------------------------------- */

/* An immutable knowledge base. A handle may be used by any number of threads at once. */
typedef struct la_kb la_kb;

/* The knowledge base compiled into the library. Thread-safe. */
LOGANALYZE_C_API la_status la_kb_default(la_kb** out);

/* The entries of every *.json file of `dir` (schema in patterns/README.md). With
 * `with_default` non-zero they are added to the default entries, as the command line's
 * --kb-dir does (a duplicate id or code is an error); with zero they replace them
 * (--kb-replace). Fails with LA_NOT_FOUND when there is no such folder, and with
 * LA_INVALID_ARGUMENT and every problem in the message otherwise (JSON syntax, schema, a
 * duplicate id or code). Thread-safe. */
LOGANALYZE_C_API la_status la_kb_from_directory(const char* dir, int with_default, la_kb** out);

/* Frees a knowledge base. NULL is allowed. Not while another thread uses the handle. */
LOGANALYZE_C_API void la_kb_free(la_kb* kb);

/* The knowledge base's version ("2026.11.1"; "+local" appended when entries were added):
 * a string owned by `kb`, valid until la_kb_free(kb). Thread-safe. */
LOGANALYZE_C_API la_status la_kb_version(const la_kb* kb, const char** out);

/* The number of entries. Thread-safe. */
LOGANALYZE_C_API la_status la_kb_entry_count(const la_kb* kb, size_t* out);

/* ---- Analysis ---------------------------------------------------------------------- */

/* Options of la_analyze. All zero (or NULL) gives the defaults, so `la_analyze_options o =
 * {0};` is a valid start. Fields may be appended in later versions. */
typedef struct la_analyze_options {
  int jobs; /* threads; 0: one per core (never more than there are cores) */
  int year; /* the year of each input's newest record; 0: inferred (README, Times) */
  const char* lang;         /* "en" (NULL) or "zh-TW": the report's titles and causes */
  const char* since;        /* NULL, or keep records at or after YYYY-MM-DD[THH:MM[:SS]] */
  const char* until;        /* NULL, or keep records at or before that time (a day: all of it) */
  const char* min_severity; /* NULL ("info"), "warning", "error" or "critical" */
} la_analyze_options;

/* Analyses `paths` (files, folders walked recursively, wildcards with * ? **, archives)
 * as `loganalyze -f json` does with the same options, and sets `*out_json` to the report
 * (schema loganalyze.report/1), byte for byte what the command line prints; free it with
 * la_free(). `options` may be NULL.
 * Returns LA_OK when every input was read. Returns LA_INCOMPLETE, with `*out_json` set all
 * the same, when some inputs could not be read (a missing file, a wildcard that matches
 * nothing, an unreadable archive member: the report's "errors" list them; the command
 * line exits 3): la_last_error() then names the first with its path. Other failures
 * (LA_INVALID_ARGUMENT for a bad option or a NULL argument) leave `*out_json` NULL.
 * Thread-safe; runs on the calling thread and up to options->jobs - 1 more. The patterns
 * are compiled at the first call on `kb` (about 0.1 s) and again only when year, since,
 * until or min_severity change, so that many small analyses with one handle are quick. */
LOGANALYZE_C_API la_status la_analyze(const la_kb* kb, const char* const* paths, size_t path_count,
                                      const la_analyze_options* options, char** out_json);

/* `loganalyze explain`: the entries for a code in any form (0x80070005, -2147024891,
 * [0x1FC07], ID 100050, SalBitmapError, ...) or for words of a title, cause or id in either
 * language, best first, at most five. Sets `*out_json` to a JSON array (free it with
 * la_free()); each element is
 *   {"id", "title", "severity", "products": [...], "codes": [...], "cause",
 *    "actions": [...], "docs"}
 * with the text in `lang` ("en" or "zh-TW"; NULL: "en"). Nothing close gives "[]" and
 * LA_OK. Thread-safe. */
LOGANALYZE_C_API la_status la_explain(const la_kb* kb, const char* query, const char* lang,
                                      char** out_json);

/* `loganalyze merge`: merges the JSON reports `reports[0..count)` (schema
 * loganalyze.report/1, as la_analyze and `loganalyze -f json` write them), in that order,
 * counting an input once (README, Counting once), and sets `*out_json` to the merged
 * report, byte for byte what `loganalyze merge -f json` prints for the same reports in
 * the same order; free it with la_free(). `names`, when not NULL, names each report in
 * messages and notes as the command line names its files (a NULL element or array:
 * "report N", counted from 1). `lang` as in la_explain. Merging is associative: merging
 * merged reports of consecutive runs of reports gives the same bytes as merging them all
 * at once, as long as no input is in two of them.
 * Returns LA_OK when every report was merged or was counted already. Returns
 * LA_INCOMPLETE, with `*out_json` set all the same, when some report was not merged (not
 * JSON, another schema, or it shares only some inputs with the reports before it: the
 * merged report's "errors" list it; the command line exits 3): la_last_error() names the
 * first. LA_INVALID_ARGUMENT for a NULL argument or language, with `*out_json` NULL.
 * Thread-safe. */
LOGANALYZE_C_API la_status la_merge_reports(const la_kb* kb, const char* const* reports,
                                            const char* const* names, size_t count,
                                            const char* lang, char** out_json);

/* ---- Records ----------------------------------------------------------------------- */

/* One record of an input, as la_read_records delivers it. Every pointer is valid during
 * the callback only (copy what you keep); every string is UTF-8, NUL-terminated, "" when
 * the record has no such field. Fields may be appended in later versions. */
typedef struct la_record {
  uint64_t line;       /* 1-based line number of the record's first line */
  uint64_t offset;     /* byte offset of that line in the file */
  uint32_t line_count; /* the first line plus its continuation lines */
  int truncated;       /* non-zero when a line or the message was cut at its limit */
  const char* time;    /* "YYYY-MM-DDTHH:MM:SS.mmm" as logged (UTC), "" for plain text */
  const char* level;   /* "WARNING", "NORMAL", ... as logged; "" when there is none */
  const char* format;  /* "errlog", "failed-files" or "text": how the input is read */
  const char* pid;
  const char* tid;
  const char* module;
  const char* source; /* the errlog's source column: "file.cpp(123)" */
  const char* object;
  const char* task_id;
  const char* message; /* continuation lines joined by '\n' */
  size_t message_size; /* bytes of `message` (it may hold NUL characters) */
  const char* path;    /* failed-files items: the path */
  const char* code;    /* failed-files items: the code as written */
  const char* codes;   /* every code in the message, canonical, separated by ',' */
} la_record;

/* Return 0 to go on, anything else to stop. */
typedef int (*la_record_callback)(const la_record* record, void* user);

/* Options of la_read_records; all zero gives the defaults. */
typedef struct la_read_options {
  int year; /* the year of the input's newest record; 0: inferred, as la_analyze does */
} la_read_options;

/* Reads the log file `path` (any encoding and format loganalyze reads; not an archive or a
 * folder) and calls `callback` for each record, in order, on the calling thread; times
 * carry their final years. Memory stays bounded whatever the size of the file. `options`
 * may be NULL; `user` is passed to the callback as is. `*out_records`, when not NULL, is
 * set to the number of records delivered, also on failure.
 * Returns LA_CANCELLED when the callback stopped it, LA_NOT_FOUND / LA_PERMISSION_DENIED
 * when the file cannot be opened, LA_IO when a read failed (the records before it were
 * delivered). A binary file (an executable, an .etl trace) has no records: LA_OK, none
 * delivered. Thread-safe. The file is read twice: once to place every record in its year
 * (errlog times carry none), then to deliver the records. */
LOGANALYZE_C_API la_status la_read_records(const char* path, const la_read_options* options,
                                           la_record_callback callback, void* user,
                                           uint64_t* out_records);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* LOGANALYZE_LOGANALYZE_H_ */
