// Reader of the binary encoding, streaming: reads the header, then one chunk at a time into a
// reused buffer, decoding each into TraceModelBuilder (which does the semantic checks shared
// with JSON Lines). A file cut inside a chunk loads up to its last whole chunk, with a warning;
// zero bytes after the last whole chunk (a write the file system never completed) are left out
// with a warning saying so; a chunk whose checksum does not match is corruption and an error.
#include <csptrace/binary_codec.hpp>
#include <csptrace/file_records.hpp>
#include <csptrace/trace_error.hpp>
#include <csptrace/trace_reader.hpp>

#include "stream_readers.hpp"

#include <algorithm>
#include <cstring>
#include <vector>

namespace csptrace {

namespace {

bool all_zero(const uint8_t* p, size_t n) {
  return std::all_of(p, p + n, [](uint8_t b) { return b == 0; });
}

// Reads what is left of `in`; true when every byte is zero. `count` receives how many.
bool rest_is_zero(InputFile& in, std::vector<uint8_t>& buf, uint64_t& count) {
  buf.resize(1 << 16);
  bool zero = true;
  while (size_t n = in.read(buf.data(), buf.size())) {
    count += n;
    zero = zero && all_zero(buf.data(), n);
  }
  return zero;
}

}  // namespace

TraceModel read_binary(InputFile& in, const LoadOptions& options) {
  using namespace binary;
  const std::string& path = in.name();
  auto fail = [&](uint64_t offset, const std::string& what) -> TraceError {
    return TraceError(path, TraceError::Place::Offset, offset, what);
  };

  // The header: its fixed part says how long the rest is.
  std::vector<uint8_t> buf(kFixedHeaderBytes);
  size_t have = in.read(buf.data(), kFixedHeaderBytes);
  if (have == kFixedHeaderBytes) {
    const uint32_t len = std::min(get_u32(buf.data() + 12), kMaxHeaderPayload + 1);
    buf.resize(kFixedHeaderBytes + len);
    have += in.read(buf.data() + kFixedHeaderBytes, len);
  }
  TraceModelBuilder builder(path);
  in.follow_until([&] { return builder.ended(); });
  TraceHeader header;
  uint64_t off;
  try {
    off = decode_header(buf.data(), have, header);
  } catch (const HeaderError& ex) {
    throw fail(ex.offset, ex.what());
  }
  builder.set_header(header);
  if (options.on_skipped) builder.keep_only_lanes(options.on_skipped);
  if (options.records_in_file && !in.following() && in.regular_fd() >= 0)
    if (auto file = FileRecords::open(in.regular_fd(), path)) builder.keep_records_in(file);
  // Records take 3 bytes or more: reserving for that many touches no memory it does not use
  // (untouched capacity is only address space) and avoids regrowing the columns.
  const uint64_t total = in.size_hint();
  if (in.following())
    builder.reserve(kFollowReserveEvents);
  else if (total > off && !options.on_skipped)
    builder.reserve(static_cast<size_t>((total - off) / 3));

  size_t chunks = 0;
  const bool skimming = bool(options.on_skipped);
  uint8_t chunk_header[kChunkHeaderBytes];
  Event e;
  std::string cut;  // why the input ended before a whole chunk, or ""
  while (true) {
    if (options.cancel && options.cancel->load(std::memory_order_relaxed)) throw LoadCancelled();
    if (options.progress && total > 0) options.progress(double(off) / double(total));
    const size_t got = in.read(chunk_header, kChunkHeaderBytes);
    if (got == 0) break;
    if (all_zero(chunk_header, got)) {
      // A writer never frames an empty chunk (a payload holds two counts at least), so zeros
      // here are not a chunk: the tail of a file whose last write never reached the disk.
      uint64_t zeros = got;
      if (!rest_is_zero(in, buf, zeros))
        throw fail(off,
                   "a chunk of length 0 followed by other bytes (the file is corrupted; "
                   "chunks before offset " +
                       std::to_string(off) + " are intact)");
      builder.warn("the file ends with " + std::to_string(zeros) +
                   " zero bytes after its last whole chunk at offset " + std::to_string(off) +
                   " (a write that never reached the disk); they were left out, " +
                   std::to_string(builder.events_read()) + " events from " +
                   std::to_string(chunks) + " chunks were loaded");
      break;
    }
    if (got < kChunkHeaderBytes) {
      cut = std::to_string(got) + " bytes";
      break;
    }
    const uint32_t len = get_u32(chunk_header);
    if (len > kMaxChunkPayload)
      throw fail(off, "chunk length " + std::to_string(len) +
                          " is larger than any writer produces (the file is corrupted)");
    buf.resize(len);
    const size_t payload_got = in.read(buf.data(), len);
    if (payload_got < len) {
      cut = std::to_string(kChunkHeaderBytes + payload_got) + " bytes";
      break;
    }
    const uint8_t* payload = buf.data();
    if (crc32c(0, payload, len) != get_u32(chunk_header + 4))
      throw fail(off, "chunk checksum mismatch (the file is corrupted; chunks before offset " +
                          std::to_string(off) + " are intact)");
    // Offsets in messages are the file's: the payload starts kChunkHeaderBytes after `off`.
    const uint64_t payload_off = off + kChunkHeaderBytes;
    Cursor c{payload, payload, payload + len};
    size_t record_at = c.pos();
    try {
      uint64_t n_strings = c.varint();
      StringTable& strings = builder.strings();
      for (uint64_t i = 0; i < n_strings; ++i) {
        record_at = c.pos();
        std::string_view s = c.bytes(c.varint());
        size_t expected = strings.size();
        if (strings.intern(s) != expected)
          throw std::invalid_argument("string \"" + std::string(s.substr(0, 40)) +
                                      "\" is already in the string table (the file is corrupted)");
      }
      record_at = c.pos();
      uint64_t n_events = c.varint();
      uint64_t prev_seq = 0;
      int64_t prev_t = 0;
      for (uint64_t i = 0; i < n_events; ++i) {
        record_at = c.pos();
        const uint8_t* record = c.p;
        // An event a preview only counts is decoded only as far as it needs (a bad kind byte
        // goes to decode_record, which says so).
        if (skimming && c.p != c.end && *c.p < kKindCount &&
            !TraceModelBuilder::declares_lanes(static_cast<EventKind>(*c.p))) {
          skim_record(c, e, prev_seq, prev_t);
          builder.skip(e);
          continue;
        }
        decode_record(c, e, prev_seq, prev_t);
        builder.add(e, record, static_cast<size_t>(c.p - record),
                    payload_off + static_cast<uint64_t>(record - payload));
        if (options.on_event) options.on_event(builder.so_far(), builder.size() - 1);
      }
      record_at = c.pos();
      if (c.left() != 0)
        throw std::invalid_argument(std::to_string(c.left()) +
                                    " bytes follow the last record of the chunk");
    } catch (const std::invalid_argument& ex) {
      throw fail(payload_off + record_at, ex.what());
    }
    if (options.on_batch) options.on_batch(builder);
    off += kChunkHeaderBytes + len;
    ++chunks;
  }
  if (!cut.empty())
    builder.warn("the file ends inside a chunk at offset " + std::to_string(off) + ": recovered " +
                 std::to_string(builder.events_read()) + " events from " + std::to_string(chunks) +
                 " whole chunks; the last " + cut + " were left out");
  if (options.progress) options.progress(1.0);
  return std::move(builder).finish();
}

}  // namespace csptrace
