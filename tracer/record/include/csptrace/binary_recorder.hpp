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
// The hot path is inline (bottom of this file). record_as<K> / record_pair_as<K1, K2> fix the
// events' kinds at compile time, so an event built next to the call is encoded from registers
// with its kind's layout (the runtime's frequent events go this way); record() and
// record_pair() are the same code with the kind dispatched at run time.
//
// The writer thread wakes at least every kFlushInterval (and when a ring is half full), merges
// the rings in seq order and writes one checksummed chunk: after SIGKILL at most the events of
// the last interval are lost and the file loads as truncated. It emits only the contiguous run
// of seqs, so an event whose thread took its seq but has not yet published it is never
// overtaken. t is made non-decreasing in seq order (clock reads of two threads may cross).
//
// finish(), the destructor, fatal signals and std::terminate (crash_guard) drain every ring,
// then write the end event (reason crash with the signal's name in message on the crash path).
//
// Ring mode (a flight recorder, `ring_bytes` > 0; binary_recorder_ring.cpp): the writer keeps
// the finished chunks in memory (ChunkWindow, chunk_window.hpp) instead of writing them, and the
// file is written whole, as a window, by finish(), the crash path and write_window(). A window
// starts at a window mark (kWindowMark, recorded by the runtime while it takes a snapshot of its
// state) and begins with that snapshot, so it loads on its own.
#pragma once

#include <csptrace/binary_codec.hpp>
#include <csptrace/recorder.hpp>
#include <csptrace/thread_ring.hpp>
#include <csptrace/tick_clock.hpp>
#include <csptrace/write_failure.hpp>

#include <atomic>
#include <cassert>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

namespace csptrace {

class CrashTarget;
template <class R>
class CrashFlushOf;

class StringLog;
class ChunkWindow;
namespace binary {
class ChunkBuilder;
}

namespace recorder_detail {
// The calling thread's ring in the recorder it last recorded into (binary_recorder.cpp keeps
// it alive). Trivially destructible and constant-initialised, so record() reaches it without a
// lazy-initialisation check. Use it by name, not through a reference (see process.hpp's
// tl_frame_slot for the toolchain trap a reference runs into under UBSan).
struct LocalRing {
  uint64_t owner;  // recorder id_ (0: none)
  ThreadRing* raw;
  uint32_t thread;
};
extern constinit thread_local LocalRing tl_ring;

// The kind argument of BinaryRecorder::append for an event whose kind is known only at run
// time (record(), record_pair()).
inline constexpr EventKind kAnyKind = EventKind::count_;
}  // namespace recorder_detail

class BinaryRecorder final : public Recorder {
 public:
  static constexpr std::chrono::milliseconds kFlushInterval{20};
  static constexpr uint32_t kMaxRings = 256;  // threads beyond this share one locked ring

  // The label of the mark that starts a flight recorder's window (ring mode).
  static constexpr std::string_view kWindowMark = "flight recorder: window start";

  // Throws std::runtime_error naming the path when it cannot be created. ring_bytes > 0: ring
  // mode, keeping about that many bytes of the most recent events.
  BinaryRecorder(const std::string& path, const TraceHeader& header, uint64_t ring_bytes = 0);
  ~BinaryRecorder() override;

  StrId intern(std::string_view s) override;
  void record(Event& e) override;
  void record_pair(Event& first, Event& second) override;

  // record() and record_pair() for events whose kinds are known at compile time (the runtime's
  // frequent events): inline, with the kind's record layout and text fields fixed, so that a
  // caller which builds the event in place has it encoded straight from its fields.
  // Precondition: e.kind == K (first.kind == K1, second.kind == K2).
  template <EventKind K>
  [[gnu::always_inline]] void record_as(Event& e) {
    append<K>(e);
  }
  template <EventKind K1, EventKind K2>
  [[gnu::always_inline]] void record_pair_as(Event& first, Event& second) {
    append<K1, K2>(first, second);
  }
  void flush() override;
  void finish(EndReason reason, std::string_view message) override;

  std::string failure() const override;

  // Events written to the file so far (for tests and benchmarks).
  uint64_t events_written() const { return written_.load(std::memory_order_relaxed); }

  // ---- ring mode (binary_recorder_ring.cpp) ---------------------------------------------------
  bool ring() const noexcept { return window_ != nullptr; }
  // f is called on the writer thread, under the emit lock (so it must only signal), when the
  // newest window start has aged (holds half the bytes): the runtime should take a snapshot,
  // recording a kWindowMark mark while it holds its state. Setting it (an empty f: none) waits
  // for a call under way, so whatever f uses may go once this returns.
  void on_window_start_wanted(std::function<void()> f);
  // The state at the window mark `mark` as events numbered below `mark`, with ids of this
  // recorder's strings. False when that start is gone already.
  bool attach_snapshot(uint64_t mark, const std::vector<Event>& events);
  // The snapshot of `mark` will not come (0: no mark was recorded, the cut failed): the next
  // start may be asked for.
  void abandon_window_start(uint64_t mark);
  // Writes the current window to `path` (through path.part, renamed), ended by an end event of
  // reason snapshot with `message`, while recording goes on. Returns the bytes written. Throws
  // std::runtime_error naming the path when it cannot.
  uint64_t write_window(const std::string& path, std::string_view message);

 private:
  template <class R>
  friend class CrashFlushOf;

  ThreadRing* claim_ring();
  // The calling thread's ring, locked if it is the shared one (release with leave_ring).
  ThreadRing& enter_ring();
  void leave_ring(ThreadRing& r);
  // Encodes e in place at ring position h, with its length but not yet its seq and time;
  // returns the entry's end. K is e's kind, or kAnyKind.
  template <EventKind K>
  uint64_t encode_entry(ThreadRing& r, uint64_t h, Event& e, uint32_t published);
  uint64_t take_seqs(uint64_t n);         // the first of n consecutive seqs
  int64_t time_of(uint64_t ticks) const;  // ns since the start
  // Hands the entries from h to next to the writer.
  void publish(ThreadRing& r, uint64_t h, uint64_t next);
  // The events of one record() / record_pair() (of kinds Ks, or kAnyKind each): stamped with
  // consecutive seqs and one clock reading.
  template <EventKind... Ks, class... Events>
  void append(Events&... events);
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
  // The end event, stamped with seq and t (message 0: none).
  static Event end_event(EndReason reason, StrId message, uint64_t seq, int64_t t) noexcept;
  void write_end(EndReason reason, StrId message) noexcept;
  void crash_flush(int sig) noexcept;
  // Ring mode: the header, the strings (their count in `strings`) and the kept window to fd.
  // Caller holds the emit lock. Async-signal-safe.
  bool write_window_prefix(int fd, uint32_t& strings) noexcept;
  // Ring mode, from finish() and the crash path: writes the window to path_ with every event
  // still in the rings and the end. Caller holds the emit lock. Async-signal-safe.
  void write_final_window(EndReason reason, StrId message) noexcept;
  // Ring mode: an emitted mark with label kWindowMark starts a new window generation.
  void note_mark(uint64_t seq, const uint8_t* rec, size_t len) noexcept;

  const uint64_t id_;  // distinguishes recorders in the threads' cached ring pointers
  const TickClock* clock_;
  int fd_ = -1;
  std::string path_;
  std::unique_ptr<StringLog> strings_;
  const std::atomic<uint32_t>* published_;  // strings_'s count of published ids
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
  std::atomic<uint64_t> written_{0};
  WriteFailure failure_;  // set by write_chunk; nothing is written after it

  StrId crash_message_[65] = {};  // pre-interned "killed by SIGSEGV" etc., indexed by signal

  // Ring mode (null window_ otherwise), guarded by the emit lock:
  std::unique_ptr<ChunkWindow> window_;
  std::unique_ptr<binary::ChunkBuilder> side_;  // strings and the end of a written window
  std::string window_header_[2];                // encoded: [0] from the start, [1] a window
  std::string part_path_;                       // path_ + ".part"
  int direct_fd_ = -1;            // write_chunk writes here (a final window) instead of keeping
  StrId window_label_ = 0;        // kWindowMark's id
  bool start_requested_ = false;  // a start was asked for and neither taken nor abandoned
  uint32_t request_age_ = 0;      // writer wake-ups since it was asked for
  static constexpr uint32_t kRequestPatience = 50;
  std::function<void()> start_wanted_;

  std::mutex wake_mu_;
  std::condition_variable wake_;
  bool stop_writer_ = false;  // guarded by wake_mu_
  std::thread writer_;
  std::unique_ptr<CrashTarget> crash_;
};

// ---- the hot path (inline) ------------------------------------------------------------------

[[gnu::always_inline]] inline ThreadRing& BinaryRecorder::enter_ring() {
  using recorder_detail::tl_ring;
  ThreadRing* r = tl_ring.owner == id_ ? tl_ring.raw : claim_ring();
  if (r->shared) [[unlikely]]
    while (r->append_lock.test_and_set(std::memory_order_acquire)) std::this_thread::yield();
  return *r;
}

[[gnu::always_inline]] inline void BinaryRecorder::leave_ring(ThreadRing& r) {
  if (r.shared) [[unlikely]]
    r.append_lock.clear(std::memory_order_release);
}

template <EventKind K>
[[gnu::always_inline]] inline uint64_t BinaryRecorder::encode_entry(ThreadRing& r, uint64_t h,
                                                                    Event& e, uint32_t published) {
  e.thread = recorder_detail::tl_ring.thread;
  e.present |= f::seq | f::t | f::thread;
  uint8_t* entry = r.at(h);
  uint8_t* rec = entry + ThreadRing::kHeader;
  // Text ids this recorder never handed out are written as "", so the file stays loadable.
  uint8_t* end;
  if constexpr (K == recorder_detail::kAnyKind) {
    end = binary::encode_unstamped(rec, e, published);
  } else {
    assert(e.kind == K && "record_as<K> / record_pair_as: the event is of another kind");
    end = binary::encode_unstamped_as<K>(rec, e, published);
  }
  const size_t len = static_cast<size_t>(end - rec);
  ThreadRing::put_length(entry, len);
  return h + ThreadRing::kHeader + len;
}

inline uint64_t BinaryRecorder::take_seqs(uint64_t n) {
  // Relaxed is enough for the ordering contract: RMWs on seq_ are totally ordered, and a
  // happens-before edge between two of them fixes their order (write-write coherence).
  return seq_.fetch_add(n, std::memory_order_relaxed) + 1;
}

inline int64_t BinaryRecorder::time_of(uint64_t ticks) const {
  return ticks > start_ticks_ ? clock_->ns_between(start_ticks_, ticks) : 0;
}

inline void BinaryRecorder::publish(ThreadRing& r, uint64_t h, uint64_t next) {
  r.head.store(next, std::memory_order_release);
  // Wake the writer each time the head crosses into the other half of the ring.
  if ((h ^ next) & ~(ThreadRing::kBytes / 2 - 1)) [[unlikely]]
    wake_.notify_one();
}

template <EventKind... Ks, class... Events>
[[gnu::always_inline]] inline void BinaryRecorder::append(Events&... events) {
  static_assert(sizeof...(Ks) == sizeof...(Events) && (std::is_same_v<Events, Event> && ...));
  constexpr std::size_t N = sizeof...(Ks);
  ThreadRing& r = enter_ring();
  const uint32_t published = published_->load(std::memory_order_acquire);
  const uint64_t h = r.head.load(std::memory_order_relaxed);
  // Room for N of the longest entry, so that the records can be encoded in place before their
  // lengths are known.
  if (r.full(h, N)) [[unlikely]]
    wait_for_room(r, h, N);
  if (!finished_.load(std::memory_order_relaxed)) [[likely]] {
    // The clock is read first: nothing waits for its result but the entries' headers, so the
    // encoding runs while rdtsc (~10 ns in this VM) completes. (The writer keeps t monotonic
    // in seq order, as clock reads and seqs of two threads may cross anyway.)
    const uint64_t now = clock_->ticks();
    uint64_t at[N + 1] = {h};
    std::size_t i = 0;
    ((at[i + 1] = encode_entry<Ks>(r, at[i], events, published), ++i), ...);
    const uint64_t seq = take_seqs(N);
    const int64_t t = time_of(now);
    i = 0;
    ((events.seq = seq + i, events.t = t, ThreadRing::put_stamp(r.at(at[i]), seq + i, t), ++i),
     ...);
    publish(r, h, at[N]);
  }
  leave_ring(r);
}

}  // namespace csptrace
