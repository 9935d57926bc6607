// The error every reader throws: where (file and line, or file and byte offset) and what.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace csptrace {

class TraceError : public std::runtime_error {
 public:
  enum class Place { Line, Offset, File };
  // "FILE:LINE: what"  /  "FILE: offset N: what"  /  "FILE: what"
  TraceError(std::string file, Place place, uint64_t where, std::string what);

  const std::string& file() const { return file_; }
  Place place() const { return place_; }
  uint64_t where() const { return where_; }
  const std::string& what_wrong() const { return what_; }

 private:
  std::string file_;
  Place place_;
  uint64_t where_;
  std::string what_;
};

// Thrown by loaders when the caller asked them to stop.
class LoadCancelled : public std::runtime_error {
 public:
  LoadCancelled() : std::runtime_error("loading cancelled") {}
};

}  // namespace csptrace
