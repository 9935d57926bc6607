// Writes a whole trace in the binary encoding from events and their string table (csptrace
// export, tests). Strings are renumbered in order of first use and chunks hold a fixed number
// of events, so the output depends only on the events: binary -> jsonl -> binary is exact.
#pragma once

#include <csptrace/chunk_builder.hpp>
#include <csptrace/string_table.hpp>

#include <fstream>
#include <string>
#include <vector>

namespace csptrace {

class BinaryTraceWriter {
 public:
  static constexpr size_t kEventsPerChunk = 8192;

  // Throws std::runtime_error naming the path when it cannot be created. Smaller chunks make
  // more of a cut file recoverable (tests use a few events per chunk).
  BinaryTraceWriter(const std::string& path, const TraceHeader& header,
                    size_t events_per_chunk = kEventsPerChunk);
  ~BinaryTraceWriter();

  // e's string ids refer to `strings`.
  void add(const Event& e, const StringTable& strings);
  // Writes the last chunk and closes; throws std::runtime_error on a write error.
  void close();

 private:
  StrId remap(StrId id, const StringTable& strings);
  void write_chunk();
  // Writes s alone in a chunk of its own size: a string longer than a chunk's usual capacity
  // (a reader accepts up to kMaxChunkPayload), after the chunk before it.
  void write_long_string(std::string_view s);

  std::string path_;
  std::ofstream out_;
  binary::ChunkBuilder chunk_;
  std::vector<StrId> remap_;  // source id -> output id; 0 = not yet written (id 0 is "")
  StrId next_id_ = 1;
  size_t events_per_chunk_;
};

}  // namespace csptrace
