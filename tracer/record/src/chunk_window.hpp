// The flight recorder's memory (BinaryRecorder in ring mode, --trace-ring): the finished chunks
// of the most recent events, in generations. A generation starts at a window mark (seq M, the
// first event of its first chunk) and needs a snapshot of the run's state at M to be loadable on
// its own; the runtime takes that snapshot after the mark and attaches it as encoded chunks.
// Generation 0 starts with the trace and needs none.
//
// Invariants: chunks are kept in seq order and a generation's first chunk starts at its mark;
// a window is the oldest complete generation and every chunk after it, so it holds between
// about half and all of the configured bytes once the run has made that much. The oldest
// generation is dropped when the events kept exceed the bytes and the next one is complete;
// while no later one has its snapshot yet the oldest is kept (the window needs a start) up to
// kHardFactor times the bytes, then dropped with a line on stderr. The bytes counted are the
// memory the chunks hold, so many small chunks (a quiet run) cannot exceed the bound.
//
// Lock contract: the recorder calls every member under its emit lock.
#pragma once

#include <csptrace/chunk_builder.hpp>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <vector>

namespace csptrace {

// write(2) of all the bytes, retrying partial writes and EINTR. Async-signal-safe.
bool write_all(int fd, binary::ChunkBuilder::Pieces p) noexcept;
bool write_all(int fd, const void* data, size_t n) noexcept;

class ChunkWindow {
 public:
  explicit ChunkWindow(uint64_t bytes) : limit_(bytes) { gens_.push_back(Generation{}); }

  // Keeps a finished chunk (in the newest generation).
  void add(binary::ChunkBuilder::Pieces chunk);
  // The chunk that starts with seq `mark` starts a new generation.
  void start_generation(uint64_t mark);
  // The state at `mark` as encoded chunks. False when that generation was dropped already.
  bool attach_snapshot(uint64_t mark, std::vector<uint8_t> encoded);
  // The snapshot for `mark` will not come (it could not be made): the next start may be taken.
  void abandon(uint64_t mark) noexcept;
  // True once the newest generation holds half the bytes and no newer one is starting: the
  // runtime should take a snapshot (a new window start).
  bool wants_generation() const noexcept;

  // The memory the kept chunks hold: what the bytes bound.
  uint64_t kept_bytes() const noexcept { return kept_; }
  // A window can be written: some generation has its start.
  bool loadable() const noexcept { return first() != nullptr; }
  // The window's first generation: 0 (the trace's start) or its mark's seq.
  uint64_t window_start() const noexcept;
  // Writes the window: the snapshot of its first generation, then every chunk from it on.
  // Allocation-free and async-signal-safe; false when a write failed (errno says why).
  bool write(int fd) const noexcept;

 private:
  struct Chunk {
    std::unique_ptr<uint8_t[]> bytes;
    size_t size = 0;
    size_t capacity = 0;
  };
  struct Generation {
    uint64_t mark = 0;     // 0: the trace's start
    bool complete = true;  // has its snapshot (or needs none)
    bool trimmed = false;  // its first chunks were dropped: it can never be a start
    std::vector<uint8_t> snapshot;
    std::deque<Chunk> chunks;
    uint64_t bytes = 0;  // the memory its chunks hold
  };
  static constexpr uint64_t kHardFactor = 4;
  static constexpr size_t kGrain = 4 << 10;  // chunk memory is allocated in multiples of this
  static constexpr size_t kMaxSpare = 64;    // dropped chunks kept for reuse

  const Generation* first() const noexcept;  // the window's first generation, or null
  void evict();
  void warn_lost_start();  // once per recorder
  void keep_spare(Chunk c);

  uint64_t limit_;
  uint64_t kept_ = 0;
  std::deque<Generation> gens_;
  std::vector<Chunk> spare_;  // dropped chunks' memory, for the next ones
  bool warned_ = false;
  bool awaiting_ = false;        // the newest generation waits for its snapshot
  uint64_t abandoned_mark_ = 0;  // a start abandoned before its mark was emitted
  // A snapshot that arrived before its mark's chunk was emitted.
  uint64_t early_mark_ = 0;
  std::vector<uint8_t> early_snapshot_;
};

}  // namespace csptrace
