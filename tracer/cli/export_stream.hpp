// The exports that write events as the trace loads (export_stream.cpp), and where they write.
#pragma once

#include "cli.hpp"

#include <string>

namespace csptrace::cli {

// Where an export writes: when OUT is a regular file or does not exist, a new file beside it
// that replaces OUT only once complete (commit()), so that a failed or interrupted export
// leaves OUT as it was, never a trace cut short; otherwise (a device, a pipe, a link) OUT
// itself. Throws std::runtime_error naming OUT when the new file cannot be made.
class ExportTarget {
 public:
  explicit ExportTarget(const std::string& out);
  ~ExportTarget();  // removes the new file unless committed
  ExportTarget(const ExportTarget&) = delete;
  ExportTarget& operator=(const ExportTarget&) = delete;

  const std::string& path() const { return path_; }
  // True when what is written can still be taken back (a new file beside OUT).
  bool replaces() const { return temporary_; }
  void commit();

 private:
  std::string out_, path_;
  bool temporary_ = false;
};

// Each reads FILE and writes the export to target.path(), throwing TraceError for the trace
// and std::runtime_error for the output; the caller commits the target.
void export_jsonl(const std::string& file, const ExportTarget& target);
void export_binary(const std::string& file, const ExportTarget& target);
void export_chrome(const std::string& file, const ExportTarget& target);

}  // namespace csptrace::cli
