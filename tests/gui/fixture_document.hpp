// Loads a fixture trace of tests/fixtures into a TraceDocument for the viewer tests.
#pragma once

#include "trace_document.hpp"

#include <memory>
#include <string>

inline std::shared_ptr<const cspview::TraceDocument> fixture(const std::string& name) {
  return cspview::load_document(std::string(CSP_FIXTURES) + "/" + name);
}
