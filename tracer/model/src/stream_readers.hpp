// The two decoders, reading from an opened input (a file, a pipe or standard input) whose
// encoding load_trace chose by its first bytes.
#pragma once

#include <csptrace/load_options.hpp>
#include <csptrace/trace_model.hpp>

#include "input_file.hpp"

namespace csptrace {

TraceModel read_jsonl(InputFile& in, const LoadOptions& options);
TraceModel read_binary(InputFile& in, const LoadOptions& options);

}  // namespace csptrace
