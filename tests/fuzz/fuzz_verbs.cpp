// libFuzzer target: csptrace's verbs themselves, not only the libraries under them, on whatever
// bytes arrive (binary checksums rewritten to match, see fuzz_checksums.hpp): check in each of
// its formats (text, json, sarif), stats --json, print, print --csp, and export to every format.
// Nothing may crash, hang or trip a sanitizer; a verb answers 0, 1 or 2, never anything else;
// and what an export wrote, the readers must read back with the same events (what one reader
// accepts every writer can write and every reader can read back, issue 21).
#include "cli.hpp"
#include "fuzz_checksums.hpp"
#include "fuzz_input_file.hpp"

#include <csptrace/event_format.hpp>
#include <csptrace/trace_error.hpp>
#include <csptrace/trace_reader.hpp>

#include <fcntl.h>
#include <unistd.h>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace {

using csptrace::cli::Args;

// Standard output and error go to /dev/null while a verb runs (the verbs print their answers
// there; libFuzzer's own messages are printed outside of it).
class Silenced {
 public:
  Silenced() {
    std::fflush(stdout);
    std::fflush(stderr);
    saved_out_ = ::dup(1);
    saved_err_ = ::dup(2);
    const int null = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
    ::dup2(null, 1);
    ::dup2(null, 2);
    ::close(null);
  }
  ~Silenced() {
    std::fflush(stdout);
    std::fflush(stderr);
    std::clearerr(stdout);
    ::dup2(saved_out_, 1);
    ::dup2(saved_err_, 2);
    ::close(saved_out_);
    ::close(saved_err_);
  }

 private:
  int saved_out_, saved_err_;
};

int run(int (*verb)(const Args&), const char* name, Args args) {
  int rc;
  {
    Silenced quiet;
    rc = csptrace::cli::run_verb(name, verb, args);
  }
  if (rc != csptrace::cli::kOk && rc != csptrace::cli::kFailed && rc != csptrace::cli::kUnreadable)
    std::abort();
  return rc;
}

std::vector<std::string> lines_of(const csptrace::TraceModel& m) {
  std::vector<std::string> out;
  for (size_t i = 0; i < m.size(); ++i)
    out.push_back(csptrace::format_event(m, i, {.time = false}));
  return out;
}

// Exports `in` as `format` into a file in memory, then reads it back: an export that succeeded
// must load, and a lossless one (binary) must hold the same events.
void export_and_read_back(const std::string& in, const csptrace::TraceModel& original,
                          const char* format) {
  csp_fuzz::InputFile out(nullptr, 0);
  if (!out.ok()) return;
  const int rc =
      run(csptrace::cli::cmd_export, "export", {"--format", format, in, "-o", out.path()});
  if (rc != csptrace::cli::kOk || std::string(format) == "chrome") return;
  csptrace::TraceModel back;
  try {
    back = csptrace::load_trace(out.path());
  } catch (const csptrace::TraceError&) {
    std::abort();  // a writer wrote what no reader reads
  }
  if (back.size() != original.size()) std::abort();
  if (std::string(format) == "csptrace" && lines_of(back) != lines_of(original)) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<uint8_t> bytes = csp_fuzz::with_fixed_checksums(data, size);
  csp_fuzz::InputFile file(bytes.data(), bytes.size());
  if (!file.ok()) return 0;
  const std::string& path = file.path();
  const int valid = run(csptrace::cli::cmd_validate, "validate", {path});
  for (const char* format : {"text", "json", "sarif"})
    if (run(csptrace::cli::cmd_check, "check", {"--format", format, path}) ==
            csptrace::cli::kUnreadable &&
        valid == csptrace::cli::kOk)
      std::abort();  // validate accepted what check refuses
  run(csptrace::cli::cmd_stats, "stats", {"--json", path});
  run(csptrace::cli::cmd_print, "print", {path});
  run(csptrace::cli::cmd_print, "print", {"--csp", path});
  if (valid != csptrace::cli::kOk) return 0;
  csptrace::TraceModel m;
  try {
    m = csptrace::load_trace(path);
  } catch (const csptrace::TraceError&) {
    std::abort();  // validate accepted it
  }
  for (const char* format : {"jsonl", "csptrace", "chrome"}) export_and_read_back(path, m, format);
  return 0;
}
