// The jsonl, csptrace and chrome exports, written as the trace loads: no export holds every
// event, so a trace larger than memory exports (docs/reliability.md, "30 000 000 distinct
// strings"). jsonl and csptrace need nothing but the events in order; chrome labels its tracks
// with names only the whole trace settles, so it reads a file twice (read_twice) and holds a
// pipe whole.
#include "export_stream.hpp"

#include <csptrace/binary_trace_writer.hpp>
#include <csptrace/chrome_export.hpp>
#include <csptrace/jsonl_codec.hpp>

#include <sys/stat.h>
#include <unistd.h>
#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <optional>
#include <stdexcept>

namespace csptrace::cli {

ExportTarget::ExportTarget(const std::string& out) : out_(out), path_(out) {
  struct stat st {};
  const bool exists = ::lstat(out.c_str(), &st) == 0;
  if (exists && !S_ISREG(st.st_mode)) return;  // a device, a pipe, a link: written in place
  std::string tmpl = out + ".partial-XXXXXX";
  const int fd = ::mkstemp(tmpl.data());
  if (fd < 0) throw std::runtime_error("cannot create " + out + ": " + std::strerror(errno));
  // mkstemp makes the file private; OUT gets the mode a plain create would give it.
  const mode_t mask = ::umask(0);
  ::umask(mask);
  ::fchmod(fd, exists ? (st.st_mode & 07777) : (0666 & ~mask));
  ::close(fd);
  path_ = tmpl;
  temporary_ = true;
}

ExportTarget::~ExportTarget() {
  if (temporary_) std::remove(path_.c_str());
}

void ExportTarget::commit() {
  if (!temporary_) return;
  if (std::rename(path_.c_str(), out_.c_str()) != 0)
    throw std::runtime_error("cannot replace " + out_ + ": " + std::strerror(errno));
  temporary_ = false;
}

namespace {

[[noreturn]] void line_too_long(const TraceModel& m, size_t i, size_t n) {
  throw std::runtime_error("event " + std::to_string(i + 1) + " (seq " + std::to_string(m.seq(i)) +
                           ") would be a JSON Lines line of " + std::to_string(n) +
                           " bytes, more than a reader accepts (" +
                           std::to_string(kMaxJsonlLineBytes) +
                           "); export it with --format csptrace");
}

// JSON Lines: the header, then a line an event. A line longer than a reader accepts stops the
// export (its target is then thrown away: ExportTarget).
class JsonlOut {
 public:
  JsonlOut(const std::string& path, TraceHeader h) : path_(path) {
    out_.open(path, std::ios::binary | std::ios::trunc);
    if (!out_) throw std::runtime_error("cannot create " + path + ": " + std::strerror(errno));
    h.version = kFormatVersion;
    errno = 0;
    out_ << encode_jsonl_header(h) << '\n';
  }
  size_t add(const TraceModel& m, size_t end) {
    for (; next_ < end && out_; ++next_) {
      const std::string line = encode_jsonl_event(m.event(next_), m.strings());
      if (line.size() > kMaxJsonlLineBytes) line_too_long(m, next_, line.size());
      out_ << line << '\n';
    }
    return end;
  }
  void close() {
    out_.close();
    if (out_.fail())
      throw std::runtime_error("error writing " + path_ + ": " +
                               (errno != 0 ? std::strerror(errno) : "a write failed"));
  }

 private:
  std::string path_;
  std::ofstream out_;
  size_t next_ = 0;
};

class BinaryOut {
 public:
  BinaryOut(const std::string& path, TraceHeader h) : w_(path, with_version(h)) {}
  size_t add(const TraceModel& m, size_t end) {
    for (; next_ < end; ++next_) w_.add(m.event(next_), m.strings());
    return end;
  }
  void close() { w_.close(); }

 private:
  static TraceHeader with_version(TraceHeader h) {
    h.version = kFormatVersion;
    return h;
  }
  BinaryTraceWriter w_;
  size_t next_ = 0;
};

// A pipe or a device cannot take back a line it was given, so a JSON Lines export there checks
// every line before it writes one: it holds the trace whole. Only a trace holding a long
// string can have a line too long (a line has a few texts, each at most 6 bytes of JSON a
// byte), so the events are encoded twice only then.
void check_jsonl_lines(const TraceModel& m) {
  size_t longest = 0;
  for (StrId id = 0; id < m.strings().size(); ++id)
    longest = std::max(longest, m.strings().get(id).size());
  if (longest <= kMaxJsonlLineBytes / 32) return;
  for (size_t i = 0; i < m.size(); ++i) {
    const size_t n = encode_jsonl_event(m.event(i), m.strings()).size();
    if (n > kMaxJsonlLineBytes) line_too_long(m, i, n);
  }
}

// Streams the events of `file` into an Out made from the header at the first batch.
template <class Out>
void stream_events(const std::string& file, const std::string& path, const std::string& verb) {
  std::optional<Out> out;
  const TraceModel m = load_input(file, one_pass([&](const TraceModel& so_far) {
                                    if (!out) out.emplace(path, so_far.header());
                                    return out->add(so_far, so_far.size());
                                  }));
  if (!out) out.emplace(path, m.header());
  out->add(m, m.size());  // a JSON Lines trace's last line without a newline comes last
  out->close();
  if (!verb.empty()) report_text_not_utf8(verb, m);
}

}  // namespace

void export_jsonl(const std::string& file, const ExportTarget& target) {
  if (target.replaces()) return stream_events<JsonlOut>(file, target.path(), "export");
  const TraceModel m = load_input(file);
  report_text_not_utf8("export", m);
  check_jsonl_lines(m);
  JsonlOut out(target.path(), m.header());
  out.add(m, m.size());
  out.close();
}

void export_binary(const std::string& file, const ExportTarget& target) {
  stream_events<BinaryOut>(file, target.path(), "");
}

void export_chrome(const std::string& file, const ExportTarget& target) {
  const std::string& path = target.path();
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw std::runtime_error("cannot create " + path + ": " + std::strerror(errno));
  errno = 0;
  if (rereadable(file)) {
    std::unique_ptr<ChromeTraceStream> chrome;
    const TwiceRead read = read_twice(
        file,
        [&](const TraceModel& whole) { chrome = std::make_unique<ChromeTraceStream>(whole, out); },
        [&](const TraceModel& so_far, size_t end) { return chrome->add(so_far, end); });
    // The first read kept names only; the second holds every text.
    report_text_not_utf8("export", read.model);
    chrome->finish(read.model, read.events);
  } else {
    const TraceModel m = load_input(file);
    report_text_not_utf8("export", m);
    write_chrome_trace(m, out);
  }
  out.close();
  if (out.fail())
    throw std::runtime_error("error writing " + path + ": " +
                             (errno != 0 ? std::strerror(errno) : "a write failed"));
}

}  // namespace csptrace::cli
