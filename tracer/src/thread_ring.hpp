// One recording thread's buffer: a single-producer single-consumer ring of stamped events.
// The owning thread appends (record()), the recorder's writer consumes. Events in one ring are in
// increasing seq order, because the owner takes its seq just before appending.
//
// Lock contract: none for an owned ring. The overflow ring shared by threads beyond the
// recorder's limit is appended to under `append_lock`.
#pragma once

#include <csptrace/event.hpp>

#include <atomic>
#include <cstdint>
#include <memory>

namespace csptrace {

struct ThreadRing {
  static constexpr uint64_t kCapacity = 4096;  // events; a power of two
  static constexpr uint64_t kMask = kCapacity - 1;

  explicit ThreadRing(bool shared_ring = false)
      : slots(new Event[kCapacity]), shared(shared_ring) {}

  // Producer side.
  bool full(uint64_t h) {
    if (h - cached_tail < kCapacity) return false;
    cached_tail = tail.load(std::memory_order_acquire);
    return h - cached_tail >= kCapacity;
  }

  alignas(64) std::atomic<uint64_t> head{0};  // next slot the producer fills (release-stored)
  uint64_t cached_tail = 0;                   // producer's last view of tail
  alignas(64) std::atomic<uint64_t> tail{0};  // next slot the writer consumes (release-stored)
  alignas(64) std::atomic<bool> owned{false};  // a thread is recording into it
  std::atomic_flag append_lock = ATOMIC_FLAG_INIT;  // shared ring only
  std::unique_ptr<Event[]> slots;
  const bool shared;
};

}  // namespace csptrace
