#include "memory_budget.hpp"

#include <csptrace/trace_error.hpp>

#include <sys/resource.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace cspview {

namespace {

constexpr uint64_t kMiB = uint64_t{1} << 20;
constexpr uint64_t kBytesPerProcess = 500;
constexpr uint64_t kModelFactor = 3;

// A field of /proc/self/status or /proc/meminfo, in bytes; 0 when absent.
uint64_t kb_field(const char* file, const std::string& key) {
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line))
    if (line.compare(0, key.size(), key) == 0) {
      std::istringstream rest(line.substr(key.size()));
      uint64_t kb = 0;
      rest >> kb;
      return kb * 1024;
    }
  return 0;
}

// "40 MiB", "10.7 GiB".
std::string size_text(uint64_t bytes) {
  if (bytes < (uint64_t{1} << 30)) return std::to_string(bytes >> 20) + " MiB";
  std::ostringstream o;
  o.precision(1);
  o << std::fixed << double(bytes) / double(uint64_t{1} << 30) << " GiB";
  return o.str();
}

}  // namespace

MemoryBudget memory_budget() {
  MemoryBudget b;
  auto lower = [&b](uint64_t bytes, const std::string& source) {
    if (bytes > 0 && (b.bytes == 0 || bytes < b.bytes)) b = {bytes, source};
  };
  if (const char* mb = std::getenv("CSPVIEW_MEMORY_MB"))
    lower(std::strtoull(mb, nullptr, 10) * kMiB, "CSPVIEW_MEMORY_MB is");
  lower(kb_field("/proc/meminfo", "MemAvailable:"), "the memory available is");
  if (rlimit as; getrlimit(RLIMIT_AS, &as) == 0 && as.rlim_cur != RLIM_INFINITY) {
    const uint64_t used = kb_field("/proc/self/status", "VmSize:");
    if (as.rlim_cur > used) lower(as.rlim_cur - used, "ulimit -v leaves");
  }
  return b;
}

uint64_t projected_bytes(const csptrace::TraceModel& so_far, double fraction) {
  fraction = std::clamp(fraction, 1e-6, 1.0);
  // What derives from the events (the lanes, the timeline, the replay's peak) grows with the
  // model as a whole: records left in the file count there as if held.
  const uint64_t now = kModelFactor * so_far.memory_bytes() +
                       (kModelFactor - 1) * so_far.file_record_bytes() +
                       kBytesPerProcess * (so_far.processes().size() + so_far.channels().size());
  return static_cast<uint64_t>(double(now) / fraction);
}

void check_budget(const csptrace::TraceModel& so_far, double fraction, const MemoryBudget& b) {
  if (b.bytes == 0 || so_far.size() < 1000000 || fraction < 0.02) return;
  const uint64_t need = projected_bytes(so_far, fraction);
  if (need <= b.bytes) return;
  const auto events = static_cast<uint64_t>(double(so_far.size()) / std::max(fraction, 1e-6));
  throw csptrace::TraceError(
      so_far.source(), csptrace::TraceError::Place::File, 0,
      "too large to view on this machine: about " + std::to_string(events / 1000000) +
          " M events would need about " + size_text(need) + ", and " + b.source + " " +
          size_text(b.bytes) + " (stopped after reading " + std::to_string(int(fraction * 100)) +
          "%). 'csptrace check' and 'csptrace stats' read a trace of any size in one pass; "
          "CSPVIEW_MEMORY_MB sets the viewer's limit");
}

void return_free_memory() {
#if defined(__GLIBC__)
  malloc_trim(0);
#endif
}

std::string out_of_memory_text() {
  return "out of memory: viewing this trace needs more memory than the viewer may use (raise "
         "ulimit -v, or read it with 'csptrace check', which holds no events)";
}

}  // namespace cspview
