// Streaming JSON Lines reader: one line at a time, each validated by the codec (syntax, kinds,
// fields, types) and by TraceModelBuilder (references, order), errors as FILE:LINE: ...
#include <csptrace/jsonl_codec.hpp>
#include <csptrace/trace_error.hpp>
#include <csptrace/trace_reader.hpp>

#include "stream_readers.hpp"

#include <stdexcept>
#include <vector>

namespace csptrace {

namespace {

bool blank(std::string_view s) {
  for (char c : s)
    if (c != ' ' && c != '\t' && c != '\r') return false;
  return true;
}

bool all_zero(std::string_view s) { return s.find_first_not_of('\0') == std::string_view::npos; }

}  // namespace

TraceModel read_jsonl(InputFile& in, const LoadOptions& options) {
  const std::string& path = in.name();
  const uint64_t total = in.size_hint();
  TraceModelBuilder builder(path);
  if (options.on_skipped) builder.keep_only_lanes(options.on_skipped);
  in.follow_until([&] { return builder.ended(); });
  if (in.following())
    builder.reserve(kFollowReserveEvents);
  else if (total > 0 && !options.on_skipped)
    builder.reserve(static_cast<size_t>(total / 80));
  // The current line's bytes, not yet ended by a newline. Past kMaxJsonlLineBytes they are
  // counted, not kept (tail_bytes), so a torn tail of any size costs no memory: a line that then
  // ends is an error, one that runs to the end of the input is a torn tail.
  std::string pending;
  uint64_t tail_bytes = 0;
  bool overlong = false, tail_zero = true;
  std::vector<char> chunk(1 << 20);
  uint64_t line_no = 0;
  bool have_header = false;
  const FieldMask interned = options.names_only ? f::name : kInternedTexts;

  auto handle_line = [&](std::string_view line) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (blank(line)) return;
    try {
      if (!have_header) {
        builder.set_header(decode_jsonl_header(line));
        have_header = true;
      } else {
        const Event e = decode_jsonl_event(line, builder.strings(), interned);
        if (options.on_skipped && !TraceModelBuilder::declares_lanes(e.kind)) {
          builder.skip(e);  // a preview's: counted, not kept
          return;
        }
        builder.add(e);
        if (options.on_event) options.on_event(builder.so_far(), builder.size() - 1);
      }
    } catch (const std::invalid_argument& ex) {
      throw TraceError(path, TraceError::Place::Line, line_no, ex.what());
    }
  };
  auto too_long = [&] {
    return TraceError(path, TraceError::Place::Line, line_no + 1,
                      "line is longer than " + std::to_string(kMaxJsonlLineBytes) +
                          " bytes; a trace line is one short JSON object");
  };
  auto keep_tail = [&](std::string_view piece) {
    tail_bytes += piece.size();
    tail_zero = tail_zero && all_zero(piece);
    if (overlong) return;
    pending.append(piece);
    if (pending.size() > kMaxJsonlLineBytes) {
      overlong = true;
      pending.clear();
      pending.shrink_to_fit();
    }
  };

  while (true) {
    const size_t n = in.read_some(chunk.data(), chunk.size());
    if (n == 0) break;
    std::string_view data(chunk.data(), n);
    size_t start = 0;
    while (true) {
      const size_t nl = data.find('\n', start);
      if (nl == std::string_view::npos) {
        keep_tail(data.substr(start));
        break;
      }
      if (overlong) throw too_long();
      if (pending.empty()) {
        handle_line(data.substr(start, nl - start));
      } else {
        pending.append(data.substr(start, nl - start));
        handle_line(pending);
        pending.clear();
      }
      tail_bytes = 0;
      tail_zero = true;
      start = nl + 1;
    }
    if (options.on_batch) options.on_batch(builder);
    if (options.cancel && options.cancel->load(std::memory_order_relaxed)) throw LoadCancelled();
    if (options.progress && total > 0) options.progress(double(in.offset()) / double(total));
  }
  if (tail_bytes > 0) {
    // A last line without a newline: a complete object is accepted; a torn one (the writer died
    // mid-line, or the file system left zeros where its last write should be) is left out with
    // a warning, keeping everything before it.
    const std::string torn = "line " + std::to_string(line_no + 1) + ", " +
                             std::to_string(tail_bytes) + " bytes without a final newline";
    if (overlong && !have_header) throw too_long();
    if (overlong || (tail_zero && have_header)) {
      builder.warn("the last line is incomplete and was left out (" + torn +
                   (tail_zero ? ", all zero bytes: a write the file system never completed)"
                              : ", longer than any trace line: the writer died in it)"));
    } else {
      try {
        handle_line(pending);
      } catch (const TraceError& ex) {
        if (!have_header) throw;
        builder.warn("the last line is incomplete and was left out (" + torn + ": " +
                     ex.what_wrong() + ")");
      }
    }
  }
  if (!have_header)
    throw TraceError(path, TraceError::Place::File, 0,
                     "the file is empty; a trace starts with a header line");
  if (options.progress) options.progress(1.0);
  return std::move(builder).finish();
}

}  // namespace csptrace
