// The fast recorder: writes the binary encoding (.csptrace) from per-thread buffers.
//
// Hot path (record): no lock, no allocation, no formatting. The calling thread checks its ring
// (a byte ring of packed entries, thread_ring.hpp) for room, reads the tick clock, encodes the
// event (binary record, varints, straight-line code per kind) in place in the ring, takes the
// next seq with one relaxed fetch_add on a shared counter (so if record(a) returns before
// record(b) is called, a.seq < b.seq: the RMWs are ordered by coherence), writes the entry's
// header and release-stores the ring head. When its ring is full the thread waits for the
// writer (back-pressure, never a drop). Text ids that this recorder never handed out are
// written as "" so that the file stays loadable.
//
// The writer thread wakes at least every kFlushInterval (and when a ring is half full), merges
// the rings in seq order and writes one checksummed chunk: after SIGKILL at most the events of
// the last interval are lost and the file loads as truncated. It emits only the contiguous run
// of seqs, so an event whose thread took its seq but has not yet published it is never
// overtaken. t is made non-decreasing in seq order (clock reads of two threads may cross).
//
// finish(), the destructor, fatal signals and std::terminate (crash_guard) drain every ring,
// then write the end event (reason crash with the signal's name in message on the crash path).
#pragma once

#include <csptrace/recorder.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace csptrace {

class CrashTarget;
template <class R>
class CrashFlushOf;

class StringLog;
class TickClock;
struct ThreadRing;
namespace binary {
class ChunkBuilder;
}

class BinaryRecorder final : public Recorder {
 public:
  static constexpr std::chrono::milliseconds kFlushInterval{20};
  static constexpr uint32_t kMaxRings = 256;  // threads beyond this share one locked ring

  // Throws std::runtime_error naming the path when it cannot be created.
  BinaryRecorder(const std::string& path, const TraceHeader& header);
  ~BinaryRecorder() override;

  StrId intern(std::string_view s) override;
  void record(Event& e) override;
  void record_pair(Event& first, Event& second) override;
  void flush() override;
  void finish(EndReason reason, std::string_view message) override;

  // Events written to the file so far (for tests and benchmarks).
  uint64_t events_written() const { return written_.load(std::memory_order_relaxed); }

 private:
  template <class R>
  friend class CrashFlushOf;

  ThreadRing* claim_ring();
  // The calling thread's ring, locked if it is the shared one (release with leave_ring).
  ThreadRing& enter_ring();
  void leave_ring(ThreadRing& r);
  // Encodes e in place at ring position h, with its length but not yet its seq and time;
  // returns the entry's end.
  uint64_t encode_entry(ThreadRing& r, uint64_t h, Event& e, uint32_t published);
  uint64_t take_seqs(uint64_t n);       // the first of n consecutive seqs
  int64_t time_of(uint64_t ticks) const;  // ns since the start
  // Hands the entries from h to next to the writer.
  void publish(ThreadRing& r, uint64_t h, uint64_t next);
  // record() and record_pair(): N events stamped with consecutive seqs and one clock reading.
  template <std::size_t N>
  void append(Event* const (&events)[N]);
  void wait_for_room(ThreadRing& r, uint64_t h, uint64_t entries);
  void writer_loop();
  // Emits ring contents in seq order: the contiguous run from next_seq_, or (force) everything,
  // skipping seqs that were taken but never published. Caller holds the emit lock.
  // Allocation-free and async-signal-safe.
  void drain(bool force) noexcept;
  // Adds the strings with ids below `published` not yet written to the chunk.
  void add_strings(uint32_t published) noexcept;
  // Adds one event (its record encoded with zero seq / t deltas, with
  // max(len, binary::kReframeReadable) bytes readable at rec) to the chunk. The strings it
  // refers to must have been added.
  void emit(uint64_t seq, int64_t t, const uint8_t* rec, size_t len) noexcept;
  void write_chunk() noexcept;
  bool lock_emit(bool crashing) noexcept;
  void unlock_emit() noexcept;
  void write_end(EndReason reason, StrId message) noexcept;
  void crash_flush(int sig) noexcept;

  const uint64_t id_;  // distinguishes recorders in the threads' cached ring pointers
  const TickClock* clock_;
  int fd_ = -1;
  std::string path_;
  std::unique_ptr<StringLog> strings_;
  uint64_t start_ticks_ = 0;

  std::atomic<uint64_t> seq_{0};  // last seq handed out
  std::atomic<bool> finished_{false};
  std::atomic<bool> crashed_{false};

  std::mutex rings_mu_;  // guards creating rings; reading rings_ needs only n_rings_ (acquire)
  std::unique_ptr<std::shared_ptr<ThreadRing>[]> ring_owners_;  // guarded by rings_mu_
  std::atomic<ThreadRing*> rings_[kMaxRings + 1] = {};          // [kMaxRings]: the shared ring
  std::atomic<uint32_t> n_rings_{0};

  // Emit state, guarded by the emit lock (emit_owner_ != 0):
  std::atomic<uint32_t> emit_owner_{0};  // 1 + thread index of the holder, 0 when free
  std::unique_ptr<binary::ChunkBuilder> chunk_;
  uint64_t next_seq_ = 1;
  int64_t last_t_ = 0;
  uint32_t strings_written_ = 1;  // id 0 ("") is implicit
  bool write_failed_ = false;
  std::atomic<uint64_t> written_{0};

  StrId crash_message_[65] = {};  // pre-interned "killed by SIGSEGV" etc., indexed by signal

  std::mutex wake_mu_;
  std::condition_variable wake_;
  bool stop_writer_ = false;  // guarded by wake_mu_
  std::thread writer_;
  std::unique_ptr<CrashTarget> crash_;
};

}  // namespace csptrace
