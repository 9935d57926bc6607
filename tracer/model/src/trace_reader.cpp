#include <csptrace/binary_codec.hpp>
#include <csptrace/trace_error.hpp>
#include <csptrace/trace_reader.hpp>

#include <cerrno>
#include <cstring>
#include <fstream>

namespace csptrace {

TraceModel load_trace(const std::string& path, const LoadOptions& options) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw TraceError(path, TraceError::Place::File, 0,
                     std::string("cannot open: ") + std::strerror(errno));
  char first_bytes[sizeof binary::kMagic] = {};
  in.read(first_bytes, sizeof first_bytes);
  const char first = first_bytes[0];
  if (in.gcount() == 0)
    throw TraceError(path, TraceError::Place::File, 0,
                     "the file is empty; a trace starts with a header line");
  if (first == '{' || first == ' ' || first == '\n' || first == '\r' || first == '\t')
    return load_jsonl(path, options);
  if (in.gcount() == sizeof first_bytes &&
      std::memcmp(first_bytes, binary::kMagic, sizeof first_bytes) == 0)
    return load_binary(path, options);
  throw TraceError(path, TraceError::Place::Offset, 0,
                   "not a cspscope trace: expected a JSON Lines header line starting with '{' "
                   "or the binary magic CSPTRACE");
}

}  // namespace csptrace
