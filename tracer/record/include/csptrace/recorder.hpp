// The recording side of the tracer: what the runtime calls. No reader, analysis or Qt here.
#pragma once

#include <csptrace/event.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace csptrace {

class Recorder {
 public:
  virtual ~Recorder() = default;

  // Thread-safe. A stable id for `s` in this trace. May lock: call it once per distinct name or
  // source location and keep the id.
  virtual StrId intern(std::string_view s) = 0;

  // Thread-safe. Stamps e.seq, e.t and e.thread, then records e.
  // Ordering contract: if record(a) returns before record(b) is called (on any thread, with a
  // happens-before edge between them), a.seq < b.seq. The runtime relies on this to keep a
  // resume after the transfer that caused it.
  virtual void record(Event& e) = 0;

  // Thread-safe. Records two events that happen at one instant on the calling thread (a
  // transfer and the resume it causes): consecutive seqs, first.seq + 1 == second.seq, and one
  // clock reading for both. Same ordering contract as record().
  virtual void record_pair(Event& first, Event& second) = 0;

  // Pushes what was recorded so far to the file (not necessarily to the disk).
  virtual void flush() = 0;

  // Records the end event and closes the file. Idempotent; record() after it is ignored.
  virtual void finish(EndReason reason, std::string_view message = {}) = 0;

  // Empty while every write to the file succeeded. After a failed write (a full file system,
  // the file-size limit) the recorder stops writing, reports the loss once on stderr, and this
  // says what happened and how many events the file keeps.
  virtual std::string failure() const { return {}; }
};

// Opens a recorder writing to `path`; the encoding follows the extension (.csptrace: the fast
// binary recorder, BinaryRecorder; .jsonl: JSON Lines, JsonlRecorder). ring_bytes > 0: a
// flight recorder keeping about that many bytes of the most recent events (binary only).
// Throws std::runtime_error naming the path when it cannot be created.
std::unique_ptr<Recorder> open_recorder(const std::string& path, const TraceHeader& header,
                                        uint64_t ring_bytes = 0);

// Small dense index of the calling OS thread (0, 1, 2, ... in order of first use).
uint32_t current_thread_index() noexcept;

}  // namespace csptrace
