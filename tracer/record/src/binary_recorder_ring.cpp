// BinaryRecorder's ring mode: a flight recorder that keeps the most recent events in memory
// (ChunkWindow) and writes them as a window that loads on its own (binary_recorder.hpp).
#include <csptrace/binary_recorder.hpp>
#include <csptrace/chunk_builder.hpp>

#include "chunk_window.hpp"
#include "string_log.hpp"

#include <fcntl.h>
#include <unistd.h>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>

namespace csptrace {

void BinaryRecorder::note_mark(uint64_t seq, const uint8_t* rec, size_t len) noexcept {
  if (direct_fd_ >= 0 || crashed_.load(std::memory_order_relaxed)) return;
  Event e;
  uint8_t copy[binary::kMaxRecordBytes + binary::kReframeReadable] = {};
  std::memcpy(copy, rec, len);
  binary::Cursor c{copy, copy, copy + len};
  uint64_t prev_seq = 0;
  int64_t prev_t = 0;
  try {
    binary::decode_record(c, e, prev_seq, prev_t);
  } catch (...) {
    return;  // cannot happen: the recorder encoded it
  }
  // Only a start the runtime was asked for: a program's own mark with this text is a mark.
  if (e.label != window_label_ || !start_requested_) return;
  write_chunk();  // the mark starts a chunk: a window can start there
  window_->start_generation(seq);
  start_requested_ = false;
}

void BinaryRecorder::on_window_start_wanted(std::function<void()> f) {
  if (!lock_emit(false)) return;
  start_wanted_ = std::move(f);
  unlock_emit();
}

bool BinaryRecorder::attach_snapshot(uint64_t mark, const std::vector<Event>& events) {
  if (!window_) return false;
  binary::ChunkBuilder chunk;
  std::vector<uint8_t> encoded;
  auto keep = [&] {
    const binary::ChunkBuilder::Pieces p = chunk.finish();
    encoded.insert(encoded.end(), p.a.data, p.a.data + p.a.size);
    encoded.insert(encoded.end(), p.b.data, p.b.data + p.b.size);
    chunk.reset();
  };
  for (const Event& e : events) {
    if (e.seq >= mark) return false;  // the numbering the caller promised does not hold
    if (!chunk.add_event(e)) {
      keep();
      chunk.add_event(e);
    }
  }
  if (!chunk.empty()) keep();
  if (!lock_emit(false)) return false;
  const bool kept = window_->attach_snapshot(mark, std::move(encoded));
  unlock_emit();
  return kept;
}

void BinaryRecorder::abandon_window_start(uint64_t mark) {
  if (!window_ || !lock_emit(false)) return;
  if (mark != 0) window_->abandon(mark);
  start_requested_ = false;
  unlock_emit();
}

bool BinaryRecorder::write_window_prefix(int fd, uint32_t& strings) noexcept {
  const std::string& header = window_header_[window_->window_start() == 0 ? 0 : 1];
  if (!write_all(fd, header.data(), header.size())) return false;
  const uint32_t n = strings_->published();
  side_->reset();
  for (uint32_t id = 1; id < n; ++id) {
    if (side_->add_string(strings_->get(id))) continue;
    if (!write_all(fd, side_->finish())) return false;
    side_->reset();
    side_->add_string(strings_->get(id));
  }
  if (!side_->empty() && !write_all(fd, side_->finish())) return false;
  side_->reset();
  strings = n;
  return window_->write(fd);
}

void BinaryRecorder::write_final_window(EndReason reason, StrId message) noexcept {
  auto say = [](const char* text) {
    [[maybe_unused]] ssize_t n = ::write(2, text, std::strlen(text));
  };
  if (!window_->loadable()) {
    // Every start was dropped (evict() said why): nothing loadable to write. The file keeps
    // the header it was made with.
    say("cspscope: the flight recorder has no window to write to ");
    say(path_.c_str());
    say(": its last start was dropped; the file holds no events\n");
    return;
  }
  const int fd = ::open(part_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    failure_.note(errno);
    return;
  }
  // The events still in the rings follow, with the strings added after the prefix's.
  if (!write_window_prefix(fd, strings_written_)) failure_.note(errno);
  direct_fd_ = fd;
  drain(true);
  write_end(reason, message);
  direct_fd_ = -1;
  ::close(fd);
  if (!failure_.failed() && ::rename(part_path_.c_str(), path_.c_str()) != 0) failure_.note(errno);
  if (failure_.failed()) {
    // The file at path_ keeps its header; the failure is reported with its cause.
    ::unlink(part_path_.c_str());
    say("cspscope: the flight recorder could not write its window to ");
    say(path_.c_str());
    say("\n");
  }
}

uint64_t BinaryRecorder::write_window(const std::string& path, std::string_view message) {
  if (!window_) throw std::logic_error("write_window: the recorder is not in ring mode");
  const StrId msg = strings_->intern(message);
  // Its own temporary name: finish() writes path_ + ".part".
  const std::string part = path + ".window.part";
  std::string error;
  off_t size = 0;
  // Everything from the open to the rename under the emit lock, and only while recording goes
  // on: finish() sets finished_ and then takes the lock, so its window is never replaced by an
  // older one, and its temporary file is never touched.
  const bool locked = lock_emit(false);  // fails only after a crash flush
  if (!locked || finished_.load()) {
    if (locked) unlock_emit();
    throw std::runtime_error("cannot write the flight recorder's window to " + path +
                             ": the recording has ended");
  }
  const int fd = ::open(part.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) error = "cannot create " + part + ": " + std::strerror(errno);
  if (error.empty()) {
    drain(false);
    write_chunk();
    if (!window_->loadable()) error = "the flight recorder has no window start (see above)";
    uint32_t strings = 0;
    if (error.empty() && !write_window_prefix(fd, strings)) error = std::strerror(errno);
  }
  if (error.empty()) {
    // The end takes the seq the next event will have: the file ends before that event.
    const Event end = end_event(EndReason::Snapshot, msg, next_seq_, last_t_);
    side_->reset();
    if (!side_->add_event(end)) error = "the end event does not fit a chunk";
    if (error.empty() && !write_all(fd, side_->finish())) error = std::strerror(errno);
    side_->reset();
  }
  if (fd >= 0) {
    size = ::lseek(fd, 0, SEEK_CUR);
    ::close(fd);
    if (error.empty() && ::rename(part.c_str(), path.c_str()) != 0) error = std::strerror(errno);
    if (!error.empty()) ::unlink(part.c_str());
  }
  unlock_emit();
  if (!error.empty())
    throw std::runtime_error("cannot write the flight recorder's window to " + path + ": " + error);
  return size < 0 ? 0 : static_cast<uint64_t>(size);
}

}  // namespace csptrace
