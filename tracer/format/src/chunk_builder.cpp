#include <csptrace/chunk_builder.hpp>

#include <cstring>

namespace csptrace::binary {

ChunkBuilder::ChunkBuilder(size_t capacity)
    : capacity_(capacity),
      strings_(new uint8_t[kFront + capacity]),
      // Past capacity: room for one more record, and for reframe_record's fixed-size copies.
      records_(new uint8_t[kFront + capacity + kMaxRecordBytes + 32]) {
  reset();
}

void ChunkBuilder::reset() noexcept {
  str_end_ = strings_.get() + kFront;
  rec_end_ = records_.get() + kFront;
  n_strings_ = n_events_ = 0;
  prev_seq_ = 0;
  prev_t_ = 0;
}

bool ChunkBuilder::add_string(std::string_view s) noexcept {
  if (static_cast<size_t>(str_end_ - strings_.get()) - kFront + s.size() + 10 > capacity_)
    return false;
  str_end_ = put_varint(str_end_, s.size());
  std::memcpy(str_end_, s.data(), s.size());
  str_end_ += s.size();
  ++n_strings_;
  return true;
}

bool ChunkBuilder::add_event(const Event& e) noexcept {
  if (static_cast<size_t>(rec_end_ - records_.get()) - kFront > capacity_) return false;
  rec_end_ = encode_record(rec_end_, e, prev_seq_, prev_t_);
  ++n_events_;
  return true;
}

ChunkBuilder::Pieces ChunkBuilder::finish() noexcept {
  // Right-align the counts in the reserved front space so each piece is contiguous.
  uint8_t tmp[10];
  size_t n = static_cast<size_t>(put_varint(tmp, n_events_) - tmp);
  uint8_t* rec_begin = records_.get() + kFront - n;
  std::memcpy(rec_begin, tmp, n);
  n = static_cast<size_t>(put_varint(tmp, n_strings_) - tmp);
  uint8_t* str_begin = strings_.get() + kFront - n;
  std::memcpy(str_begin, tmp, n);
  Piece a{str_begin, static_cast<size_t>(str_end_ - str_begin)};
  Piece b{rec_begin, static_cast<size_t>(rec_end_ - rec_begin)};
  uint32_t crc = crc32c(crc32c(0, a.data, a.size), b.data, b.size);
  uint8_t* head = str_begin - kChunkHeaderBytes;
  put_u32(head, static_cast<uint32_t>(a.size + b.size));
  put_u32(head + 4, crc);
  a.data = head;
  a.size += kChunkHeaderBytes;
  return {a, b};
}

}  // namespace csptrace::binary
