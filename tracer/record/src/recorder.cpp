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

std::unique_ptr<Recorder> open_recorder(const std::string& path, const TraceHeader& header,
                                        uint64_t ring_bytes) {
  if (const auto encoding = encoding_of(path)) {
    if (*encoding == TraceEncoding::Jsonl) {
      if (ring_bytes > 0)
        throw std::runtime_error("cannot keep a flight recorder's ring in " + path +
                                 ": --trace-ring needs a binary trace; name the file *.csptrace");
      return std::make_unique<JsonlRecorder>(path, header);
    }
    return std::make_unique<BinaryRecorder>(path, header, ring_bytes);
  }
  throw std::runtime_error(
      "cannot record to " + path +
      ": unknown trace format; name the file *.csptrace (fast, binary) or *.jsonl (readable)");
}

}  // namespace csptrace
