// Finding a fixture's process or channel by name, for tests that assert about named things.
#pragma once

#include <csptrace/trace_model.hpp>

#include <catch2/catch.hpp>

#include <string>

namespace test_lookup {

// The dense index of the process named `name`; fails the test when there is none.
inline uint32_t proc_named(const csptrace::TraceModel& m, const std::string& name) {
  for (uint32_t p = 0; p < m.processes().size(); ++p)
    if (m.str(m.processes()[p].name) == name) return p;
  FAIL("no process " << name);
  return csptrace::kNone;
}

// The dense index of the channel named `name`; fails the test when there is none.
inline uint32_t chan_named(const csptrace::TraceModel& m, const std::string& name) {
  for (uint32_t c = 0; c < m.channels().size(); ++c)
    if (m.str(m.channels()[c].name) == name) return c;
  FAIL("no channel " << name);
  return csptrace::kNone;
}

}  // namespace test_lookup
