#include <csptrace/binary_recorder.hpp>
#include <csptrace/chunk_builder.hpp>

#include "chunk_window.hpp"
#include "crash_guard.hpp"
#include "string_log.hpp"

#include <fcntl.h>
#include <time.h>
#include <unistd.h>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <stdexcept>

namespace csptrace {

constinit thread_local recorder_detail::LocalRing recorder_detail::tl_ring{0, nullptr, 0};

namespace {

using recorder_detail::tl_ring;

std::atomic<uint64_t> g_next_recorder_id{1};

// Keeps tl_ring's ring alive until the thread ends, even if the recorder is destroyed first,
// and hands it back (owned = false) when the thread ends or moves to another recorder.
struct RingLease {
  std::shared_ptr<ThreadRing> ring;
  void release() {
    if (ring && !ring->shared) ring->owned.store(false, std::memory_order_release);
    ring.reset();
    tl_ring = {0, nullptr, 0};
  }
  ~RingLease() { release(); }
};
thread_local RingLease tl_lease;

}  // namespace

BinaryRecorder::BinaryRecorder(const std::string& path, const TraceHeader& header_in,
                               uint64_t ring_bytes)
    : id_(g_next_recorder_id.fetch_add(1)),
      clock_(&TickClock::instance()),
      path_(path),
      strings_(std::make_unique<StringLog>()),
      published_(&strings_->published_count()),
      ring_owners_(std::make_unique<std::shared_ptr<ThreadRing>[]>(kMaxRings + 1)),
      chunk_(std::make_unique<binary::ChunkBuilder>()) {
  const TickClock& clock = TickClock::instance();
  fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd_ < 0)
    throw std::runtime_error("cannot create trace file " + path + ": " + std::strerror(errno));
  ignore_file_size_signal();
  TraceHeader header = header_in;
  header.version = kFormatVersion;
  if (header.clock.empty()) header.clock = clock.name();
  if (header.start_unix_ns == 0)
    header.start_unix_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count();
  std::string h = binary::encode_header(header);
  if (::write(fd_, h.data(), h.size()) != static_cast<ssize_t>(h.size())) {
    int err = errno;
    ::close(fd_);
    throw std::runtime_error("cannot write trace file " + path + ": " + std::strerror(err));
  }
  if (ring_bytes > 0) {
    // The file exists from the start (the path is checked now), then is written whole.
    ::close(fd_);
    fd_ = -1;
    window_ = std::make_unique<ChunkWindow>(ring_bytes);
    side_ = std::make_unique<binary::ChunkBuilder>();
    part_path_ = path + ".part";
    window_label_ = strings_->intern(kWindowMark);
    const std::string size = std::to_string(ring_bytes >> 20) + " MiB";
    header.window = "flight recorder (--trace-ring " + size + "): the whole run, nothing dropped";
    window_header_[0] = binary::encode_header(header);
    header.window = "flight recorder (--trace-ring " + size +
                    "): the run's most recent events; those before the snapshot were dropped";
    header.snapshot = "the state of the run when the flight recorder's window began";
    window_header_[1] = binary::encode_header(header);
  }
  for (int sig : crash_guard::kSignals)
    crash_message_[sig] = strings_->intern(std::string("killed by ") + crash_guard::describe(sig));
  crash_message_[0] = strings_->intern("std::terminate was called");
  ring_owners_[kMaxRings] = std::make_shared<ThreadRing>(/*shared=*/true);
  rings_[kMaxRings].store(ring_owners_[kMaxRings].get(), std::memory_order_release);
  start_ticks_ = clock.ticks();
  writer_ = std::thread([this] { writer_loop(); });
  crash_ = std::make_unique<CrashFlushOf<BinaryRecorder>>(*this);
  crash_guard::install(crash_.get());
}

BinaryRecorder::~BinaryRecorder() {
  finish(EndReason::Normal, {});
  if (tl_ring.owner == id_) tl_lease.release();
}

StrId BinaryRecorder::intern(std::string_view s) { return strings_->intern(s); }

ThreadRing* BinaryRecorder::claim_ring() {
  tl_lease.release();
  std::shared_ptr<ThreadRing> ring;
  {
    std::lock_guard lock(rings_mu_);
    const uint32_t n = n_rings_.load(std::memory_order_relaxed);
    for (uint32_t i = 0; i < n && !ring; ++i) {
      bool expected = false;
      if (ring_owners_[i]->owned.compare_exchange_strong(expected, true, std::memory_order_acquire))
        ring = ring_owners_[i];
    }
    if (!ring && n < kMaxRings) {
      ring = std::make_shared<ThreadRing>();
      ring->owned.store(true, std::memory_order_relaxed);
      ring_owners_[n] = ring;
      rings_[n].store(ring.get(), std::memory_order_release);
      n_rings_.store(n + 1, std::memory_order_release);
    }
    if (!ring) ring = ring_owners_[kMaxRings];
  }
  tl_ring = {id_, ring.get(), current_thread_index()};
  tl_lease.ring = std::move(ring);
  return tl_ring.raw;
}

void BinaryRecorder::wait_for_room(ThreadRing& r, uint64_t h, uint64_t entries) {
  while (r.full(h, entries) && !finished_.load(std::memory_order_relaxed)) {
    wake_.notify_one();
    std::this_thread::yield();
  }
}

void BinaryRecorder::record(Event& e) { append<recorder_detail::kAnyKind>(e); }

void BinaryRecorder::record_pair(Event& first, Event& second) {
  append<recorder_detail::kAnyKind, recorder_detail::kAnyKind>(first, second);
}

// ---- writing ------------------------------------------------------------------------------------

bool BinaryRecorder::lock_emit(bool crashing) noexcept {
  const uint32_t me = current_thread_index() + 1;
  for (int attempt = 0;; ++attempt) {
    uint32_t expected = 0;
    if (emit_owner_.compare_exchange_weak(expected, me, std::memory_order_acquire)) return true;
    if (!crashing) {
      // After a crash flush the lock stays held for good (if the process lives on at all).
      if (crashed_.load(std::memory_order_relaxed)) return false;
      std::this_thread::yield();
      continue;
    }
    // The crash interrupted this very thread while it was emitting, or the holder never
    // finishes (it crashed too): give up rather than write from a half-updated state.
    if (expected == me || attempt > 2000) return false;
    timespec ms{0, 1000000};
    nanosleep(&ms, nullptr);
  }
}

void BinaryRecorder::unlock_emit() noexcept { emit_owner_.store(0, std::memory_order_release); }

void BinaryRecorder::write_chunk() noexcept {
  if (chunk_->empty()) return;
  const size_t n = chunk_->events();
  if (window_ && direct_fd_ < 0) {
    window_->add(chunk_->finish());  // the writer thread only: the crash path writes directly
  } else if (!failure_.failed()) {
    if (write_all(window_ ? direct_fd_ : fd_, chunk_->finish()))
      written_.fetch_add(n, std::memory_order_relaxed);
    else
      failure_.note(errno);
  }
  chunk_->reset();
}

void BinaryRecorder::add_strings(uint32_t published) noexcept {
  if (window_ && direct_fd_ < 0) return;  // ring mode: a window writes every string first
  while (strings_written_ < published) {
    if (!chunk_->add_string(strings_->get(strings_written_))) {
      write_chunk();
      if (!chunk_->add_string(strings_->get(strings_written_))) break;  // cannot happen: bounded
    }
    ++strings_written_;
  }
}

inline void BinaryRecorder::emit(uint64_t seq, int64_t t, const uint8_t* rec, size_t len) noexcept {
  if (seq < next_seq_) [[unlikely]]
    return;  // published after a forced drain skipped it: too late
  next_seq_ = seq + 1;
  if (window_ && rec[0] == static_cast<uint8_t>(EventKind::Mark)) [[unlikely]]
    note_mark(seq, rec, len);
  if (t < last_t_) t = last_t_;  // clock reads of two threads may cross; keep t monotonic
  last_t_ = t;
  if (!chunk_->add_encoded(rec, len, seq, t)) [[unlikely]] {
    write_chunk();
    chunk_->add_encoded(rec, len, seq, t);
  }
}

void BinaryRecorder::drain(bool force) noexcept {
  ThreadRing* rings[kMaxRings + 1];
  uint64_t heads[kMaxRings + 1];
  for (bool progress = true; progress;) {
    progress = false;
    int n = 0;
    const uint32_t count = n_rings_.load(std::memory_order_acquire);
    for (uint32_t i = 0; i <= kMaxRings; ++i) {
      if (i == count) i = kMaxRings;  // the shared ring
      ThreadRing* r = rings_[i].load(std::memory_order_acquire);
      const uint64_t h = r->head.load(std::memory_order_acquire);
      if (r->tail.load(std::memory_order_relaxed) != h) {
        rings[n] = r;
        heads[n++] = h;
      }
    }
    // The strings the events below these heads refer to go into this chunk (or an earlier one)
    // first: a producer reads published() before it releases its head, so every id it wrote is
    // below the count read after acquiring the heads.
    add_strings(strings_->published());
    while (true) {
      int best = -1;
      uint64_t best_seq = 0;
      for (int i = 0; i < n; ++i) {
        const uint64_t t = rings[i]->tail.load(std::memory_order_relaxed);
        if (t == heads[i]) continue;
        const uint64_t s = ThreadRing::seq_of(rings[i]->at(t));
        if (best < 0 || s < best_seq) best = i, best_seq = s;
      }
      if (best < 0 || (!force && best_seq > next_seq_)) break;
      // Emit the run of consecutive seqs from this ring.
      ThreadRing& r = *rings[best];
      const uint64_t head = heads[best];
      uint64_t pos = r.tail.load(std::memory_order_relaxed);
      uint64_t released = pos;
      do {
        const uint8_t* entry = r.at(pos);
        const size_t len = ThreadRing::len_of(entry);
        const uint8_t* rec = entry + ThreadRing::kHeader;
        pos += ThreadRing::kHeader + len;
        if (pos + ThreadRing::kReadAhead <= head) [[likely]] {
          emit(ThreadRing::seq_of(entry), ThreadRing::t_of(entry), rec, len);
        } else {
          // The bytes after the ring's last entries may still be in the making: copy exactly.
          uint8_t copy[binary::kMaxRecordBytes + binary::kReframeReadable] = {};
          std::memcpy(copy, rec, len);
          emit(ThreadRing::seq_of(entry), ThreadRing::t_of(entry), copy, len);
        }
        // Release space in batches: fewer stores to the line the producer polls.
        if (pos - released >= 4096) r.tail.store(released = pos, std::memory_order_release);
        progress = true;
      } while (pos != head && ThreadRing::seq_of(r.at(pos)) == next_seq_);
      r.tail.store(pos, std::memory_order_release);
    }
    if (!force) break;
  }
}

Event BinaryRecorder::end_event(EndReason reason, StrId message, uint64_t seq, int64_t t) noexcept {
  Event end(EventKind::End);
  end.with_reason(reason);
  if (message != 0) end.with_message(message);
  end.seq = seq;
  end.t = t;
  end.thread = current_thread_index();
  end.present |= f::seq | f::t | f::thread;
  return end;
}

void BinaryRecorder::write_end(EndReason reason, StrId message) noexcept {
  const Event end = end_event(reason, message, seq_.fetch_add(1, std::memory_order_relaxed) + 1,
                              time_of(TickClock::instance().ticks()));
  uint8_t rec[binary::kMaxRecordBytes] = {};  // emit may read kReframeReadable bytes
  const size_t len = static_cast<size_t>(binary::encode_unstamped(rec, end, UINT32_MAX) - rec);
  add_strings(strings_->published());
  emit(end.seq, end.t, rec, len);
  write_chunk();
}

void BinaryRecorder::writer_loop() {
  std::unique_lock lock(wake_mu_);
  while (!stop_writer_) {
    // Woken early by record() every half ring; a notify carries no state, so no predicate.
    wake_.wait_for(lock, kFlushInterval);
    if (stop_writer_) break;
    lock.unlock();
    if (lock_emit(false)) {
      drain(false);
      write_chunk();
      // Ask for a new start, and again if a request seems lost (no answer for a second).
      if (window_ && start_wanted_ && window_->wants_generation() &&
          (!start_requested_ || ++request_age_ > kRequestPatience)) {
        start_requested_ = true;
        request_age_ = 0;
        start_wanted_();  // under the emit lock: see on_window_start_wanted
      }
      unlock_emit();
    }
    failure_.report_once(path_, events_written());
    lock.lock();
  }
}

void BinaryRecorder::flush() {
  if (finished_.load() || !lock_emit(false)) return;
  drain(false);
  write_chunk();
  unlock_emit();
  failure_.report_once(path_, events_written());
}

void BinaryRecorder::finish(EndReason reason, std::string_view message) {
  const bool first = !finished_.exchange(true);
  const StrId msg = first && !message.empty() ? strings_->intern(message) : 0;
  {
    std::lock_guard lock(wake_mu_);
    stop_writer_ = true;
  }
  wake_.notify_all();
  if (writer_.joinable()) writer_.join();
  crash_guard::remove(crash_.get());
  // After a crash flush (the process may outlive it when a previous handler returns) the end
  // is written and the emit lock stays held.
  if (!first || !lock_emit(false)) return;
  if (window_) {
    write_final_window(reason, msg);
  } else {
    drain(true);
    write_end(reason, msg);
    ::close(fd_);
    fd_ = -1;
  }
  unlock_emit();
  failure_.report_once(path_, events_written());
}

std::string BinaryRecorder::failure() const { return failure_.message(path_, events_written()); }

void BinaryRecorder::crash_flush(int sig) noexcept {
  if (crashed_.exchange(true)) return;
  finished_.store(true);
  if (!lock_emit(true)) return;
  const StrId message = crash_message_[sig >= 0 && sig < 65 ? sig : 0];
  if (window_) {
    write_final_window(EndReason::Crash, message);
    return;
  }
  drain(true);
  write_end(EndReason::Crash, message);
  // The emit lock stays held: nothing may be written after the end event.
}

}  // namespace csptrace
