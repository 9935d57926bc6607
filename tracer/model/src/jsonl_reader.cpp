// Streaming JSON Lines reader: one line at a time, each validated by the codec (syntax, kinds,
// fields, types) and by TraceModelBuilder (references, order), errors as FILE:LINE: ...
#include <csptrace/jsonl_codec.hpp>
#include <csptrace/trace_error.hpp>
#include <csptrace/trace_reader.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <stdexcept>

namespace csptrace {

namespace {

struct FileCloser {
  void operator()(FILE* f) const { std::fclose(f); }
};
using FilePtr = std::unique_ptr<FILE, FileCloser>;

bool blank(std::string_view s) {
  for (char c : s)
    if (c != ' ' && c != '\t' && c != '\r') return false;
  return true;
}

}  // namespace

TraceModel load_jsonl(const std::string& path, const LoadOptions& options) {
  FilePtr file(std::fopen(path.c_str(), "rb"));
  if (!file)
    throw TraceError(path, TraceError::Place::File, 0,
                     std::string("cannot open: ") + std::strerror(errno));
  std::fseek(file.get(), 0, SEEK_END);
  const long total = std::ftell(file.get());
  std::fseek(file.get(), 0, SEEK_SET);

  TraceModelBuilder builder(path);
  if (total > 0) builder.reserve(static_cast<size_t>(total / 80));
  std::string pending;  // bytes of the current, not yet complete line
  std::vector<char> chunk(1 << 20);
  uint64_t line_no = 0, bytes_read = 0;
  bool have_header = false;

  auto handle_line = [&](std::string_view line) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (blank(line)) return;
    try {
      if (!have_header) {
        builder.set_header(decode_jsonl_header(line));
        have_header = true;
      } else {
        builder.add(decode_jsonl_event(line, builder.strings()));
      }
    } catch (const std::invalid_argument& ex) {
      throw TraceError(path, TraceError::Place::Line, line_no, ex.what());
    }
  };

  while (true) {
    size_t n = std::fread(chunk.data(), 1, chunk.size(), file.get());
    if (n == 0) break;
    bytes_read += n;
    std::string_view data(chunk.data(), n);
    size_t start = 0;
    while (true) {
      size_t nl = data.find('\n', start);
      if (nl == std::string_view::npos) {
        pending.append(data.substr(start));
        if (pending.size() > kMaxJsonlLineBytes)
          throw TraceError(path, TraceError::Place::Line, line_no + 1,
                           "line is longer than " + std::to_string(kMaxJsonlLineBytes) +
                               " bytes; a trace line is one short JSON object");
        break;
      }
      if (pending.empty()) {
        handle_line(data.substr(start, nl - start));
      } else {
        pending.append(data.substr(start, nl - start));
        handle_line(pending);
        pending.clear();
      }
      start = nl + 1;
    }
    if (options.cancel && options.cancel->load(std::memory_order_relaxed)) throw LoadCancelled();
    if (options.progress && total > 0) options.progress(double(bytes_read) / double(total));
  }
  if (std::ferror(file.get()))
    throw TraceError(path, TraceError::Place::File, 0, "read error");
  if (!pending.empty()) {
    // A last line without a newline: a complete object is accepted, a torn one means the
    // writer died mid-line; keep everything before it.
    try {
      handle_line(pending);
    } catch (const TraceError& ex) {
      if (!have_header) throw;
      builder.warn(std::string("the last line is incomplete and was left out (") +
                   ex.what_wrong() + ")");
    }
  }
  if (!have_header)
    throw TraceError(path, TraceError::Place::File, 0,
                     "the file is empty; a trace starts with a header line");
  if (options.progress) options.progress(1.0);
  return std::move(builder).finish();
}

}  // namespace csptrace
