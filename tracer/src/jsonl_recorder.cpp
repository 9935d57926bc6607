#include <csptrace/jsonl_codec.hpp>
#include <csptrace/jsonl_recorder.hpp>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace csptrace {

JsonlRecorder::JsonlRecorder(const std::string& path, const TraceHeader& header)
    : start_(std::chrono::steady_clock::now()) {
  out_ = std::fopen(path.c_str(), "wb");
  if (!out_)
    throw std::runtime_error("cannot create trace file " + path + ": " + std::strerror(errno));
  std::string line = encode_jsonl_header(header);
  line += '\n';
  std::fwrite(line.data(), 1, line.size(), out_);
}

JsonlRecorder::~JsonlRecorder() { finish(EndReason::Normal, {}); }

StrId JsonlRecorder::intern(std::string_view s) {
  std::lock_guard lock(mu_);
  return strings_.intern(s);
}

void JsonlRecorder::write_locked(Event& e) {
  e.seq = next_seq_++;
  e.t = std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() -
                                                             start_)
            .count();
  e.thread = current_thread_index();
  e.present |= f::seq | f::t | f::thread;
  std::string line = encode_jsonl_event(e, strings_);
  line += '\n';
  std::fwrite(line.data(), 1, line.size(), out_);
}

void JsonlRecorder::record(Event& e) {
  std::lock_guard lock(mu_);
  if (finished_) return;
  write_locked(e);
}

void JsonlRecorder::flush() {
  std::lock_guard lock(mu_);
  if (out_) std::fflush(out_);
}

void JsonlRecorder::finish(EndReason reason, std::string_view message) {
  std::lock_guard lock(mu_);
  if (finished_) return;
  Event end(EventKind::End);
  end.with_reason(reason);
  if (!message.empty()) end.with_message(strings_.intern(message));
  write_locked(end);
  finished_ = true;
  std::fclose(out_);
  out_ = nullptr;
}

}  // namespace csptrace
