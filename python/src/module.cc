// loganalyze._loganalyze: the Python binding, a shell over the C API (loganalyze.h) so that
// Python gets what C, .NET and the command line get. python/loganalyze/__init__.py wraps it.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "loganalyze/loganalyze.h"

namespace py = pybind11;

namespace {

// Raises the Python exception that fits `status`, with the library's message.
[[noreturn]] void Raise(la_status status, const std::string& message) {
  PyObject* type = PyExc_RuntimeError;
  switch (status) {
    case LA_INVALID_ARGUMENT: type = PyExc_ValueError; break;
    case LA_NOT_FOUND: type = PyExc_FileNotFoundError; break;
    case LA_PERMISSION_DENIED: type = PyExc_PermissionError; break;
    case LA_IO: type = PyExc_OSError; break;
    case LA_UNSUPPORTED: type = PyExc_NotImplementedError; break;
    default: break;
  }
  PyErr_SetString(type, message.c_str());
  throw py::error_already_set();
}

// The knowledge base, freed with the Python object.
class Kb {
 public:
  explicit Kb(la_kb* kb) : kb_(kb) {}
  ~Kb() { la_kb_free(kb_); }
  Kb(const Kb&) = delete;
  Kb& operator=(const Kb&) = delete;

  static std::shared_ptr<Kb> Default() {
    la_kb* kb = nullptr;
    if (la_status s = la_kb_default(&kb); s != LA_OK) Raise(s, la_last_error());
    return std::make_shared<Kb>(kb);
  }
  static std::shared_ptr<Kb> FromDirectory(const std::string& dir, bool with_default) {
    la_kb* kb = nullptr;
    la_status s;
    std::string error;
    {
      py::gil_scoped_release release;
      s = la_kb_from_directory(dir.c_str(), with_default ? 1 : 0, &kb);
      if (s != LA_OK) error = la_last_error();
    }
    if (s != LA_OK) Raise(s, error);
    return std::make_shared<Kb>(kb);
  }
  std::string Version() const {
    const char* v = nullptr;
    if (la_status s = la_kb_version(kb_, &v); s != LA_OK) Raise(s, la_last_error());
    return v;
  }
  size_t Size() const {
    size_t n = 0;
    if (la_status s = la_kb_entry_count(kb_, &n); s != LA_OK) Raise(s, la_last_error());
    return n;
  }
  const la_kb* get() const { return kb_; }

 private:
  la_kb* kb_;
};

// Takes a string the library allocated.
std::string Take(char* text) {
  std::string out = text == nullptr ? std::string() : std::string(text);
  la_free(text);
  return out;
}

// Returns (json, message): message is None when every input was read, else why not (the
// report lists every input that could not be read). Analyses without the GIL.
py::tuple Analyze(const Kb& kb, const std::vector<std::string>& paths, int jobs,
                  const std::string& lang, int year, std::optional<std::string> since,
                  std::optional<std::string> until, std::optional<std::string> min_severity) {
  std::vector<const char*> args;
  for (const std::string& p : paths) args.push_back(p.c_str());
  la_analyze_options opt{};
  opt.jobs = jobs;
  opt.year = year;
  opt.lang = lang.c_str();
  opt.since = since ? since->c_str() : nullptr;
  opt.until = until ? until->c_str() : nullptr;
  opt.min_severity = min_severity ? min_severity->c_str() : nullptr;
  char* json = nullptr;
  la_status s;
  std::string error;
  {
    py::gil_scoped_release release;
    s = la_analyze(kb.get(), args.data(), args.size(), &opt, &json);
    error = la_last_error();
  }
  std::string text = Take(json);
  if (s == LA_OK) return py::make_tuple(py::str(text), py::none());
  if (s == LA_INCOMPLETE) return py::make_tuple(py::str(text), py::str(error));
  Raise(s, error);
}

// Returns (json, message) as Analyze does: message names the first report not merged.
// Merges without the GIL.
py::tuple Merge(const Kb& kb, const std::vector<std::string>& reports,
                const std::vector<std::string>& names, const std::string& lang) {
  if (names.size() != reports.size()) Raise(LA_INVALID_ARGUMENT, "one name per report");
  std::vector<const char*> texts, labels;
  for (const std::string& r : reports) texts.push_back(r.c_str());
  for (const std::string& n : names) labels.push_back(n.c_str());
  char* json = nullptr;
  la_status s;
  std::string error;
  {
    py::gil_scoped_release release;
    s = la_merge_reports(kb.get(), texts.data(), labels.data(), texts.size(), lang.c_str(),
                         &json);
    error = la_last_error();
  }
  std::string text = Take(json);
  if (s == LA_OK) return py::make_tuple(py::str(text), py::none());
  if (s == LA_INCOMPLETE) return py::make_tuple(py::str(text), py::str(error));
  Raise(s, error);
}

std::string Explain(const Kb& kb, const std::string& query, const std::string& lang) {
  char* json = nullptr;
  if (la_status s = la_explain(kb.get(), query.c_str(), lang.c_str(), &json); s != LA_OK) {
    Raise(s, la_last_error());
  }
  return Take(json);
}

// One record, copied out of the reader's buffers.
struct RecordCopy {
  uint64_t line = 0, offset = 0;
  uint32_t line_count = 0;
  bool truncated = false;
  std::string time, level, format, pid, tid, module, source, object, task_id, message, path,
      code, codes;
};

// The records of one file, read by a thread of its own into a bounded queue and taken by
// Python one at a time: memory stays bounded whatever the size of the file.
class RecordReader {
 public:
  static constexpr size_t kCapacity = 512;

  RecordReader(std::string path, int year) : path_(std::move(path)), year_(year) {
    thread_ = std::thread([this] { Run(); });
    // Wait for the first record or the end, so that an input that cannot be opened raises
    // at once.
    bool failed = false;
    {
      py::gil_scoped_release release;
      std::unique_lock<std::mutex> lock(mu_);
      ready_.wait(lock, [this] { return !queue_.empty() || done_; });
      failed = queue_.empty() && status_ != LA_OK;
    }
    if (failed) {
      thread_.join();  // done already
      Raise(status_, error_);
    }
  }
  ~RecordReader() { Close(); }
  RecordReader(const RecordReader&) = delete;
  RecordReader& operator=(const RecordReader&) = delete;

  py::dict Next() {
    RecordCopy r;
    bool have = false;
    {
      py::gil_scoped_release release;
      std::unique_lock<std::mutex> lock(mu_);
      ready_.wait(lock, [this] { return !queue_.empty() || done_; });
      if (!queue_.empty()) {
        r = std::move(queue_.front());
        queue_.pop_front();
        have = true;
      }
    }
    if (!have) Finish();
    space_.notify_one();
    py::dict d;
    d["line"] = r.line;
    d["offset"] = r.offset;
    d["line_count"] = r.line_count;
    d["truncated"] = r.truncated;
    d["time"] = r.time;
    d["level"] = r.level;
    d["format"] = r.format;
    d["pid"] = r.pid;
    d["tid"] = r.tid;
    d["module"] = r.module;
    d["source"] = r.source;
    d["object"] = r.object;
    d["task_id"] = r.task_id;
    // Decoded text is valid UTF-8 (invalid bytes become U+FFFD), so str() never fails.
    d["message"] = py::str(r.message);
    d["path"] = r.path;
    d["code"] = r.code;
    py::list codes;
    for (size_t start = 0; start < r.codes.size();) {
      size_t comma = r.codes.find(',', start);
      if (comma == std::string::npos) comma = r.codes.size();
      codes.append(r.codes.substr(start, comma - start));
      start = comma + 1;
    }
    d["codes"] = codes;
    return d;
  }

  // Stops the reader (the callback returns non-zero), waits for its thread and drops the
  // records read ahead: the iterator is exhausted.
  void Close() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    space_.notify_all();
    if (thread_.joinable()) {
      py::gil_scoped_release release;
      thread_.join();
    }
    std::lock_guard<std::mutex> lock(mu_);
    queue_.clear();
  }

 private:
  // When the queue is empty and the reader is done: raises the reader's error, or
  // StopIteration.
  [[noreturn]] void Finish() {
    if (status_ == LA_OK || (status_ == LA_CANCELLED && stop_)) throw py::stop_iteration();
    Raise(status_, error_);
  }

  static int OnRecord(const la_record* r, void* user) {
    auto* self = static_cast<RecordReader*>(user);
    RecordCopy c;
    c.line = r->line;
    c.offset = r->offset;
    c.line_count = r->line_count;
    c.truncated = r->truncated != 0;
    c.time = r->time;
    c.level = r->level;
    c.format = r->format;
    c.pid = r->pid;
    c.tid = r->tid;
    c.module = r->module;
    c.source = r->source;
    c.object = r->object;
    c.task_id = r->task_id;
    c.message.assign(r->message, r->message_size);
    c.path = r->path;
    c.code = r->code;
    c.codes = r->codes;
    std::unique_lock<std::mutex> lock(self->mu_);
    self->space_.wait(lock, [self] { return self->queue_.size() < kCapacity || self->stop_; });
    if (self->stop_) return 1;
    self->queue_.push_back(std::move(c));
    lock.unlock();
    self->ready_.notify_one();
    return 0;
  }

  void Run() {
    la_read_options opt{};
    opt.year = year_;
    const la_status s = la_read_records(path_.c_str(), &opt, &OnRecord, this, nullptr);
    {
      std::lock_guard<std::mutex> lock(mu_);
      status_ = s;
      error_ = la_last_error();  // this thread's
      done_ = true;
    }
    ready_.notify_all();
  }

  std::string path_;
  int year_;
  std::mutex mu_;
  std::condition_variable ready_, space_;
  std::deque<RecordCopy> queue_;
  bool done_ = false, stop_ = false;
  la_status status_ = LA_OK;
  std::string error_;
  std::thread thread_;
};

}  // namespace

PYBIND11_MODULE(_loganalyze, m) {
  m.doc() = "loganalyze: Azure Backup (MARS, MABS, DPM) log analysis (the C API, for Python)";
  m.def("version", [] { return std::string(la_version()); });

  py::class_<Kb, std::shared_ptr<Kb>>(m, "KnowledgeBase")
      .def_static("default", &Kb::Default)
      .def_static("from_directory", &Kb::FromDirectory, py::arg("dir"),
                  py::arg("with_default") = true)
      .def_property_readonly("version", &Kb::Version)
      .def("__len__", &Kb::Size);

  m.def("analyze_json", &Analyze, py::arg("kb"), py::arg("paths"), py::arg("jobs"),
        py::arg("lang"), py::arg("year"), py::arg("since"), py::arg("until"),
        py::arg("min_severity"));
  m.def("merge_json", &Merge, py::arg("kb"), py::arg("reports"), py::arg("names"),
        py::arg("lang"));
  m.def("explain_json", &Explain, py::arg("kb"), py::arg("query"), py::arg("lang"));

  py::class_<RecordReader>(m, "RecordReader")
      .def(py::init<std::string, int>(), py::arg("path"), py::arg("year"))
      .def("__iter__", [](RecordReader& r) -> RecordReader& { return r; })
      .def("__next__", &RecordReader::Next)
      .def("close", &RecordReader::Close);
}
