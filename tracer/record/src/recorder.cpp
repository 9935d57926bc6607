#include <csptrace/binary_recorder.hpp>
#include <csptrace/jsonl_recorder.hpp>
#include <csptrace/recorder.hpp>
#include <csptrace/trace_file_writer.hpp>

#include <atomic>
#include <stdexcept>

namespace csptrace {

uint32_t current_thread_index() noexcept {
  static std::atomic<uint32_t> next{0};
  thread_local uint32_t index = next.fetch_add(1, std::memory_order_relaxed);
  return index;
}

std::unique_ptr<Recorder> open_recorder(const std::string& path, const TraceHeader& header) {
  if (const auto encoding = encoding_of(path)) {
    if (*encoding == TraceEncoding::Jsonl) return std::make_unique<JsonlRecorder>(path, header);
    return std::make_unique<BinaryRecorder>(path, header);
  }
  throw std::runtime_error(
      "cannot record to " + path +
      ": unknown trace format; name the file *.csptrace (fast, binary) or *.jsonl (readable)");
}

}  // namespace csptrace
