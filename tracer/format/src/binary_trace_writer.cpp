#include <csptrace/binary_trace_writer.hpp>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <type_traits>

namespace csptrace {

BinaryTraceWriter::BinaryTraceWriter(const std::string& path, const TraceHeader& header,
                                     size_t events_per_chunk)
    : path_(path),
      out_(path, std::ios::binary | std::ios::trunc),
      events_per_chunk_(events_per_chunk == 0 ? 1 : events_per_chunk) {
  if (!out_) throw std::runtime_error("cannot create " + path + ": " + std::strerror(errno));
  std::string h = binary::encode_header(header);
  out_.write(h.data(), static_cast<std::streamsize>(h.size()));
}

BinaryTraceWriter::~BinaryTraceWriter() {
  try {
    close();
  } catch (const std::exception&) {
    // A destructor cannot report; close() explicitly to see write errors.
  }
}

StrId BinaryTraceWriter::remap(StrId id, const StringTable& strings) {
  if (id == 0) return 0;
  if (id >= remap_.size()) remap_.resize(std::max<size_t>(id + 1, remap_.size() * 2), 0);
  if (remap_[id] == 0) {
    if (!chunk_.add_string(strings.get(id))) {
      write_chunk();
      if (!chunk_.add_string(strings.get(id))) write_long_string(strings.get(id));
    }
    remap_[id] = next_id_++;
  }
  return remap_[id];
}

void BinaryTraceWriter::add(const Event& in, const StringTable& strings) {
  if (!out_.is_open()) throw std::logic_error("BinaryTraceWriter::add after close");
  Event e = in;
  // Generic lambda, so the assignment is only instantiated for StrId-typed fields.
  auto fix = [&](auto& v, FieldMask bit) {
    if constexpr (std::is_same_v<std::decay_t<decltype(v)>, StrId>)
      if ((kTextFields & bit) && (e.present & bit)) v = remap(v, strings);
  };
#define CSPTRACE_REMAP_TEXT(member, key, type, doc) fix(e.member, f::member);
  CSPTRACE_FIELDS(CSPTRACE_REMAP_TEXT)
#undef CSPTRACE_REMAP_TEXT
  if ((e.present & f::value) && e.value.kind == Value::Kind::Text)
    e.value.text = remap(e.value.text, strings);
  if (!chunk_.add_event(e)) {
    write_chunk();
    chunk_.add_event(e);
  }
  if (chunk_.events() >= events_per_chunk_) write_chunk();
}

void BinaryTraceWriter::write_chunk() {
  if (chunk_.empty()) return;
  auto pieces = chunk_.finish();
  out_.write(reinterpret_cast<const char*>(pieces.a.data),
             static_cast<std::streamsize>(pieces.a.size));
  out_.write(reinterpret_cast<const char*>(pieces.b.data),
             static_cast<std::streamsize>(pieces.b.size));
  chunk_.reset();
}

void BinaryTraceWriter::write_long_string(std::string_view s) {
  if (s.size() + 32 > binary::kMaxChunkPayload)
    throw std::runtime_error(path_ + ": a string of " + std::to_string(s.size()) +
                             " bytes is longer than a chunk can hold");
  binary::ChunkBuilder alone(s.size() + 32);
  alone.add_string(s);
  auto pieces = alone.finish();
  out_.write(reinterpret_cast<const char*>(pieces.a.data),
             static_cast<std::streamsize>(pieces.a.size));
  out_.write(reinterpret_cast<const char*>(pieces.b.data),
             static_cast<std::streamsize>(pieces.b.size));
}

void BinaryTraceWriter::close() {
  if (!out_.is_open()) return;
  write_chunk();
  out_.close();
  if (out_.fail()) throw std::runtime_error("error writing " + path_ + ": " + std::strerror(errno));
}

}  // namespace csptrace
