// Reader of the binary encoding: maps the file, checks the header, then decodes chunk by chunk
// into TraceModelBuilder (which does the semantic checks shared with JSON Lines). A file cut
// inside a chunk loads up to its last whole chunk, with a warning; a chunk whose checksum does
// not match is corruption and an error.
#include <csptrace/binary_codec.hpp>
#include <csptrace/trace_error.hpp>
#include <csptrace/trace_reader.hpp>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace csptrace {

namespace {

// The file's bytes, mapped read-only for the duration of the load.
class MappedFile {
 public:
  explicit MappedFile(const std::string& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
      throw TraceError(path, TraceError::Place::File, 0,
                       std::string("cannot open: ") + std::strerror(errno));
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
      int err = errno;
      ::close(fd);
      throw TraceError(path, TraceError::Place::File, 0, std::string("cannot stat: ") + std::strerror(err));
    }
    size_ = static_cast<size_t>(st.st_size);
    if (size_ > 0) {
      void* p = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
      if (p == MAP_FAILED) {
        int err = errno;
        ::close(fd);
        throw TraceError(path, TraceError::Place::File, 0, std::string("cannot map: ") + std::strerror(err));
      }
      data_ = static_cast<const uint8_t*>(p);
      ::madvise(p, size_, MADV_SEQUENTIAL);
    }
    ::close(fd);
  }
  ~MappedFile() {
    if (data_) ::munmap(const_cast<uint8_t*>(data_), size_);
  }
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  const uint8_t* data() const { return data_; }
  size_t size() const { return size_; }

 private:
  const uint8_t* data_ = nullptr;
  size_t size_ = 0;
};

}  // namespace

TraceModel load_binary(const std::string& path, const LoadOptions& options) {
  using namespace binary;
  MappedFile file(path);
  const uint8_t* base = file.data();
  const size_t size = file.size();
  auto fail = [&](size_t offset, const std::string& what) -> TraceError {
    return TraceError(path, TraceError::Place::Offset, offset, what);
  };

  TraceModelBuilder builder(path);
  TraceHeader header;
  size_t off;
  try {
    off = decode_header(base, size, header);
  } catch (const HeaderError& ex) {
    throw fail(ex.offset, ex.what());
  }
  builder.set_header(header);
  // Records take 3 bytes or more: reserving for that many touches no memory it does not use
  // (untouched capacity is only address space) and avoids regrowing the columns.
  builder.reserve((size - off) / 3);

  size_t chunks = 0;
  Event e;
  while (off < size) {
    if (options.cancel && options.cancel->load(std::memory_order_relaxed)) throw LoadCancelled();
    if (options.progress) options.progress(double(off) / double(size));
    if (size - off < kChunkHeaderBytes) break;
    const uint32_t len = get_u32(base + off);
    if (len > kMaxChunkPayload)
      throw fail(off, "chunk length " + std::to_string(len) +
                          " is larger than any writer produces (the file is corrupted)");
    if (size - off - kChunkHeaderBytes < len) break;
    const uint8_t* payload = base + off + kChunkHeaderBytes;
    if (crc32c(0, payload, len) != get_u32(base + off + 4))
      throw fail(off, "chunk checksum mismatch (the file is corrupted; chunks before offset " +
                          std::to_string(off) + " are intact)");
    Cursor c{base, payload, payload + len};
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
        decode_record(c, e, prev_seq, prev_t);
        builder.add(e, record, static_cast<size_t>(c.p - record));
      }
      record_at = c.pos();
      if (c.left() != 0)
        throw std::invalid_argument(std::to_string(c.left()) +
                                    " bytes follow the last record of the chunk");
    } catch (const std::invalid_argument& ex) {
      throw fail(record_at, ex.what());
    }
    off += kChunkHeaderBytes + len;
    ++chunks;
  }
  if (off < size)
    builder.warn("the file ends inside a chunk at offset " + std::to_string(off) + ": recovered " +
                 std::to_string(builder.size()) + " events from " + std::to_string(chunks) +
                 " whole chunks; the last " + std::to_string(size - off) + " bytes were left out");
  if (options.progress) options.progress(1.0);
  return std::move(builder).finish();
}

}  // namespace csptrace
