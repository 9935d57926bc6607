// One recording thread's buffer: a single-producer single-consumer ring of stamped, already
// encoded events. The owning thread appends (record()), the recorder's writer consumes. Events
// in one ring are in increasing seq order, because the owner takes its seq just before appending.
//
// An event takes one 64-byte slot (seq, t, and its binary record with seq and t deltas 0), or,
// when the record is longer than a slot holds, further slots for the rest of its bytes. Unless
// they wrap around the ring's end, a record's bytes are contiguous in memory (record_bytes), so
// the producer encodes in place.
//
// Lock contract: none for an owned ring. The overflow ring shared by threads beyond the
// recorder's limit is appended to under `append_lock`.
#pragma once

#include <csptrace/binary_codec.hpp>
#include <csptrace/event.hpp>

#include <atomic>
#include <cstdint>
#include <cstddef>
#include <cstring>
#include <memory>

namespace csptrace {

struct alignas(64) RingSlot {
  static constexpr size_t kInline = 64 - 8 - 8 - 2;
  uint64_t seq;
  int64_t t;
  uint16_t len;               // record length; bytes past kInline continue in the next slots
  uint8_t bytes[kInline];
  static size_t slots_for(size_t len) { return len <= kInline ? 1 : 1 + (len - kInline + 63) / 64; }
};
static_assert(sizeof(RingSlot) == 64);

struct ThreadRing {
  static constexpr uint64_t kCapacity = 8192;  // slots; a power of two
  static constexpr uint64_t kMask = kCapacity - 1;
  static constexpr uint64_t kMaxRecordSlots = 1 + (binary::kMaxRecordBytes - RingSlot::kInline + 63) / 64;

  explicit ThreadRing(bool shared_ring = false)
      : slots(new RingSlot[kCapacity]), shared(shared_ring) {}

  // Producer side.
  bool full(uint64_t h, uint64_t n) {
    if (h + n - cached_tail <= kCapacity) return false;
    cached_tail = tail.load(std::memory_order_acquire);
    return h + n - cached_tail > kCapacity;
  }
  // Where the record of the event at slot index i starts; its bytes continue through the
  // following slots (as raw bytes) when i's slot is not among the ring's last kMaxRecordSlots.
  uint8_t* record_bytes(uint64_t i) {
    return reinterpret_cast<uint8_t*>(slots.get()) + (i & kMask) * sizeof(RingSlot) +
           offsetof(RingSlot, bytes);
  }
  // Lays out a record of len bytes for slot index i, wrapping around the ring's end.
  void copy_in(uint64_t i, const uint8_t* rec, size_t len) {
    size_t n = len < RingSlot::kInline ? len : RingSlot::kInline;
    std::memcpy(slots[i & kMask].bytes, rec, n);
    for (size_t done = n; done < len; done += 64)
      std::memcpy(&slots[++i & kMask], rec + done, len - done < 64 ? len - done : 64);
  }
  // Copies len record bytes starting at slot index i (as the producer laid them out) to out.
  void copy_record(uint64_t i, uint8_t* out) const {
    const RingSlot& first = slots[i & kMask];
    size_t len = first.len, n = len < RingSlot::kInline ? len : RingSlot::kInline;
    std::memcpy(out, first.bytes, n);
    for (size_t done = n; done < len; done += 64)
      std::memcpy(out + done, &slots[++i & kMask], len - done < 64 ? len - done : 64);
  }

  alignas(64) std::atomic<uint64_t> head{0};  // next slot the producer fills (release-stored)
  uint64_t cached_tail = 0;                   // producer's last view of tail
  alignas(64) std::atomic<uint64_t> tail{0};  // next slot the writer consumes (release-stored)
  alignas(64) std::atomic<bool> owned{false};  // a thread is recording into it
  std::atomic_flag append_lock = ATOMIC_FLAG_INIT;  // shared ring only
  std::unique_ptr<RingSlot[]> slots;
  const bool shared;
};

}  // namespace csptrace
