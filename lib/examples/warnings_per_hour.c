/* WARNING records per hour of one log, however big: the C API streams its records through a
 * callback, in bounded memory.
 *
 *   warnings_per_hour [--year 2026] LOG
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loganalyze/loganalyze.h"

typedef struct hours {
  char hour[64][14]; /* "YYYY-MM-DDTHH", in the order met */
  unsigned long long count[64];
  size_t used;
} hours;

static int count_warning(const la_record* r, void* user) {
  hours* h = (hours*)user;
  if (strcmp(r->level, "WARNING") != 0 || strlen(r->time) < 13) return 0;
  size_t i = 0;
  while (i < h->used && strncmp(h->hour[i], r->time, 13) != 0) ++i;
  if (i == h->used) {
    if (h->used == 64) return 1; /* more hours than this example keeps: stop */
    memcpy(h->hour[i], r->time, 13);
    h->hour[i][13] = '\0';
    h->count[i] = 0;
    ++h->used;
  }
  ++h->count[i];
  return 0;
}

int main(int argc, char** argv) {
  la_read_options options = {0};
  const char* path = NULL;
  for (int i = 1; i < argc; ++i) {
    if (strcmp(argv[i], "--year") == 0 && i + 1 < argc) {
      options.year = atoi(argv[++i]);
    } else {
      path = argv[i];
    }
  }
  if (path == NULL) {
    fprintf(stderr, "usage: warnings_per_hour [--year YYYY] LOG\n");
    return 2;
  }
  static hours h;
  uint64_t records = 0;
  la_status status = la_read_records(path, &options, count_warning, &h, &records);
  if (status != LA_OK) {
    fprintf(stderr, "%s: %s\n", la_status_name(status), la_last_error());
    return 1;
  }
  printf("%llu records\n", (unsigned long long)records);
  for (size_t i = 0; i < h.used; ++i) printf("%s\t%llu\n", h.hour[i], h.count[i]);
  return 0;
}
