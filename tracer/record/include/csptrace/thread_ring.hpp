// One recording thread's buffer: a single-producer single-consumer ring of stamped, already
// encoded events. The owning thread appends (record()), the recorder's writer consumes. Events
// in one ring are in increasing seq order, because the owner takes its seq before publishing.
//
// A byte ring: an entry is a header (seq, t, record length) followed by the event's binary
// record with seq and t deltas 0, packed back to back (~28 bytes for a typical event, so the
// producer and the writer touch fewer cache lines than with fixed slots). head and tail are
// byte positions that only grow; position p lives at bytes[p & kMask]. An entry is never split:
// one that starts near the end runs on into the slack past kBytes, and the next starts at the
// wrapped position. So the producer encodes in place and the writer reads an entry as it is.
//
// Read-ahead: the producer keeps kReadAhead bytes free beyond the furthest byte it may write
// (full()), so the writer may read up to kReadAhead bytes past the end of an entry when those
// bytes are published too (entry end + kReadAhead <= head): nothing writes them meanwhile.
//
// Lock contract: none for an owned ring. The overflow ring shared by threads beyond the
// recorder's limit is appended to under `append_lock`.
#pragma once

#include <csptrace/binary_codec.hpp>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>

namespace csptrace {

struct ThreadRing {
  // A power of two. 1 MiB: at ~30 M events/s (a traced ping-pong) half a ring lasts ~0.5 ms,
  // long enough for the writer to be woken and scheduled on a VM. With 256 KiB the writer was
  // often late: a traced ping-pong found its ring full ~2 500 times per million round trips,
  // and ran ~20% slower (docs/performance.md).
  static constexpr uint64_t kBytes = 1024 * 1024;
  static constexpr uint64_t kMask = kBytes - 1;
  static constexpr size_t kHeader = 8 + 8 + 2;  // seq, t, record length
  static constexpr uint64_t kMaxEntry = kHeader + binary::kMaxRecordBytes;
  static constexpr uint64_t kReadAhead = binary::kReframeReadable;
  static constexpr size_t kAllocated = kBytes + kMaxEntry + kReadAhead;

  // Zeroed, so that a read-ahead into slack no entry has reached yet reads defined bytes.
  // calloc takes pages the kernel zeroes when first touched, so a thread that records little
  // costs little memory.
  explicit ThreadRing(bool shared_ring = false)
      : bytes(static_cast<uint8_t*>(std::calloc(kAllocated, 1))), shared(shared_ring) {
    if (!bytes) throw std::bad_alloc();
  }

  uint8_t* at(uint64_t pos) { return bytes.get() + (pos & kMask); }
  const uint8_t* at(uint64_t pos) const { return bytes.get() + (pos & kMask); }

  // Producer side: true unless `entries` of the longest entry (plus the writer's read-ahead)
  // fit at h.
  bool full(uint64_t h, uint64_t entries = 1) {
    if (h + entries * kMaxEntry + kReadAhead - cached_tail <= kBytes) return false;
    cached_tail = tail.load(std::memory_order_acquire);
    return h + entries * kMaxEntry + kReadAhead - cached_tail > kBytes;
  }

  // The header is written in two steps: the record's length once it is encoded, then the seq
  // and time, which are taken last.
  static void put_length(uint8_t* entry, size_t len) {
    const uint16_t l = static_cast<uint16_t>(len);
    std::memcpy(entry + 16, &l, 2);
  }
  static void put_stamp(uint8_t* entry, uint64_t seq, int64_t t) {
    std::memcpy(entry, &seq, 8);
    std::memcpy(entry + 8, &t, 8);
  }
  static uint64_t seq_of(const uint8_t* entry) {
    uint64_t s;
    std::memcpy(&s, entry, 8);
    return s;
  }
  static int64_t t_of(const uint8_t* entry) {
    int64_t t;
    std::memcpy(&t, entry + 8, 8);
    return t;
  }
  static size_t len_of(const uint8_t* entry) {
    uint16_t l;
    std::memcpy(&l, entry + 16, 2);
    return l;
  }

  alignas(64) std::atomic<uint64_t> head{0};   // next byte the producer fills (release-stored)
  uint64_t cached_tail = 0;                    // producer's last view of tail
  alignas(64) std::atomic<uint64_t> tail{0};   // next byte the writer consumes (release-stored)
  alignas(64) std::atomic<bool> owned{false};  // a thread is recording into it
  std::atomic_flag append_lock = ATOMIC_FLAG_INIT;  // shared ring only
  struct Free {
    void operator()(uint8_t* p) const noexcept { std::free(p); }
  };
  std::unique_ptr<uint8_t[], Free> bytes;
  const bool shared;
};

}  // namespace csptrace
