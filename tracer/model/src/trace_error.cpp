#include <csptrace/trace_error.hpp>

namespace csptrace {
namespace {
std::string format(const std::string& file, TraceError::Place place, uint64_t where,
                   const std::string& what) {
  switch (place) {
    case TraceError::Place::Line: return file + ":" + std::to_string(where) + ": " + what;
    case TraceError::Place::Offset: return file + ": offset " + std::to_string(where) + ": " + what;
    case TraceError::Place::File: break;
  }
  return file + ": " + what;
}
}  // namespace

TraceError::TraceError(std::string file, Place place, uint64_t where, std::string what)
    : std::runtime_error(format(file, place, where, what)),
      file_(std::move(file)),
      place_(place),
      where_(where),
      what_(std::move(what)) {}

}  // namespace csptrace
