// Assembles one chunk of the binary encoding (binary_codec.hpp) in memory it allocates once, so
// the recorder's writer thread and its crash path can both use it without allocating.
//
// Strings must be added before the events that refer to them; a chunk may hold only strings.
#pragma once

#include <csptrace/binary_codec.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

namespace csptrace::binary {

class ChunkBuilder {
 public:
  // capacity: bytes for strings and, separately, for records.
  explicit ChunkBuilder(size_t capacity = 1 << 20);

  void reset() noexcept;
  // False when the string does not fit (finish this chunk and add it to the next).
  bool add_string(std::string_view s) noexcept;
  // False when the record might not fit; seq must exceed the chunk's previous seq.
  bool add_event(const Event& e) noexcept;
  // The same for a record encoded with zero seq / t deltas (binary::reframe_record; rec must
  // have max(len, kReframeReadable) readable bytes). Inline: the recorder's writer calls it per
  // event.
  bool add_encoded(const uint8_t* rec, size_t len, uint64_t seq, int64_t t) noexcept {
    if (static_cast<size_t>(rec_end_ - records_.get()) - kFront > capacity_) return false;
    rec_end_ = reframe_record(rec_end_, rec, len, seq, t, prev_seq_, prev_t_);
    ++n_events_;
    return true;
  }
  size_t events() const noexcept { return n_events_; }
  size_t strings() const noexcept { return n_strings_; }
  bool empty() const noexcept { return n_events_ == 0 && n_strings_ == 0; }
  uint64_t last_seq() const noexcept { return prev_seq_; }

  // The finished chunk as two pieces to write back to back (valid until reset()).
  struct Piece {
    const uint8_t* data;
    size_t size;
  };
  struct Pieces {
    Piece a, b;
    size_t size() const { return a.size + b.size; }
  };
  Pieces finish() noexcept;

 private:
  // Each buffer keeps room in front for a varint count (and, for strings, the chunk header).
  static constexpr size_t kFront = kChunkHeaderBytes + 10;
  size_t capacity_;
  std::unique_ptr<uint8_t[]> strings_, records_;
  uint8_t* str_end_;
  uint8_t* rec_end_;
  size_t n_strings_ = 0, n_events_ = 0;
  uint64_t prev_seq_ = 0;
  int64_t prev_t_ = 0;
};

}  // namespace csptrace::binary
