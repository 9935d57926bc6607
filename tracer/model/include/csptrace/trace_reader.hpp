// Loading a trace file into a TraceModel. The encoding is chosen by the file's first bytes
// (binary magic, or a JSON Lines header), not by its name.
#pragma once

#include <csptrace/load_options.hpp>
#include <csptrace/trace_model.hpp>

#include <string>

namespace csptrace {

// Throws TraceError ("FILE:LINE: ..." or "FILE: offset N: ...") when the file cannot be used,
// LoadCancelled when options.cancel was set. A trace cut short loads with a warning.
TraceModel load_trace(const std::string& path, const LoadOptions& options = {});

// The JSON Lines reader on its own (load_trace dispatches to it).
TraceModel load_jsonl(const std::string& path, const LoadOptions& options = {});

// The binary (.csptrace) reader on its own. A file cut inside a chunk loads up to its last whole
// chunk with a warning saying how much was recovered.
TraceModel load_binary(const std::string& path, const LoadOptions& options = {});

}  // namespace csptrace
