#include <csptrace/binary_trace_writer.hpp>
#include <csptrace/jsonl_codec.hpp>
#include <csptrace/trace_file_writer.hpp>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <string_view>

namespace csptrace {

std::optional<TraceEncoding> encoding_of(std::string_view path) {
  if (path.ends_with(".csptrace")) return TraceEncoding::Binary;
  if (path.ends_with(".jsonl")) return TraceEncoding::Jsonl;
  return std::nullopt;
}

void write_trace_file(const std::string& path, TraceEncoding encoding, const TraceHeader& header,
                      const std::vector<Event>& events, const StringTable& strings) {
  if (encoding == TraceEncoding::Binary) {
    BinaryTraceWriter w(path, header);
    for (const Event& e : events) w.add(e, strings);
    w.close();
    return;
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw std::runtime_error("cannot create " + path + ": " + std::strerror(errno));
  out << encode_jsonl_header(header) << '\n';
  for (const Event& e : events) out << encode_jsonl_event(e, strings) << '\n';
  out.close();
  if (!out) throw std::runtime_error("cannot write " + path + ": " + std::strerror(errno));
}

}  // namespace csptrace
