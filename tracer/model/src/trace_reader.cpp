#include <csptrace/binary_codec.hpp>
#include <csptrace/trace_error.hpp>
#include <csptrace/trace_reader.hpp>

#include "stream_readers.hpp"

#include <cstring>

namespace csptrace {

namespace {

// read(in, options), with an error from a file that shrank while it was read reported as that:
// a read racing a truncation may see zeros, which the readers would call a corruption.
template <class Reader>
TraceModel read_checked(Reader read, InputFile& in, const LoadOptions& options) {
  try {
    return read(in, options);
  } catch (const TraceError&) {
    in.check_not_shrunk();
    throw;
  }
}

}  // namespace

TraceModel load_trace(const std::string& path, const LoadOptions& options) {
  InputFile in(path, options);
  const std::string_view first_bytes = in.peek(sizeof binary::kMagic);
  if (first_bytes.empty())
    throw TraceError(in.name(), TraceError::Place::File, 0,
                     "the file is empty; a trace starts with a header line");
  const char first = first_bytes[0];
  if (first == '{' || first == ' ' || first == '\n' || first == '\r' || first == '\t')
    return read_checked(read_jsonl, in, options);
  if (first_bytes.size() == sizeof binary::kMagic &&
      std::memcmp(first_bytes.data(), binary::kMagic, sizeof binary::kMagic) == 0)
    return read_checked(read_binary, in, options);
  throw TraceError(in.name(), TraceError::Place::Offset, 0,
                   "not a cspscope trace: expected a JSON Lines header line starting with '{' "
                   "or the binary magic CSPTRACE");
}

TraceModel load_jsonl(const std::string& path, const LoadOptions& options) {
  InputFile in(path, options);
  return read_checked(read_jsonl, in, options);
}

TraceModel load_binary(const std::string& path, const LoadOptions& options) {
  InputFile in(path, options);
  return read_checked(read_binary, in, options);
}

}  // namespace csptrace
