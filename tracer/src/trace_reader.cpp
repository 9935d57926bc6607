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
  char first = 0;
  in.read(&first, 1);
  if (in.gcount() == 0)
    throw TraceError(path, TraceError::Place::File, 0,
                     "the file is empty; a trace starts with a header line");
  if (first == '{' || first == ' ' || first == '\n' || first == '\r' || first == '\t')
    return load_jsonl(path, options);
  throw TraceError(path, TraceError::Place::Offset, 0,
                   "not a cspscope trace: expected a JSON Lines header line starting with '{'");
}

}  // namespace csptrace
