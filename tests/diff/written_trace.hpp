// Small runs written out by hand for the diff tests: a trace from its event lines, and a
// two-process run whose ids, interleaving and values a test can vary.
#pragma once

#include <csptrace/trace_model.hpp>
#include <csptrace/trace_reader.hpp>

#include "temp_path.hpp"

#include <fstream>
#include <string>
#include <vector>

namespace test_diff {

using csptrace::TraceModel;

// A trace from its event lines (JSON objects without seq and t, which are numbered here), with a
// deterministic header; `end` adds the end event.
inline TraceModel trace(const std::vector<std::string>& events, const char* end = "normal") {
  const std::string path = csp_test::temp_path("diff.jsonl");
  std::ofstream out(path);
  out << R"({"kind":"header","format":"cspscope-trace","version":3,"program":"p","scheduler":"deterministic","seed":1,"clock":"steady_ns","start_unix_ns":0})"
      << "\n";
  size_t seq = 0;
  auto line = [&](const std::string& body) {
    ++seq;
    out << R"({"seq":)" << seq << R"(,"t":)" << seq * 10 << "," << body << "}\n";
  };
  for (const std::string& e : events) line(e);
  if (end) line(std::string(R"("kind":"end","reason":")") + end + "\"");
  out.close();
  return csptrace::load_trace(path);
}

// main (1) makes channel c and spawns `worker` (2), which puts 1 and 2 on c; main takes both.
// `ids` shifts every id, which must not matter; `v2` is the second value.
inline std::vector<std::string> worker_run(int ids, int v2, bool worker_first = true) {
  const std::string m = std::to_string(1 + ids), w = std::to_string(2 + ids),
                    c = std::to_string(5 + ids);
  std::vector<std::string> e = {
      R"("kind":"spawn","proc":)" + m + R"(,"name":"main","mode":"main")",
      R"("kind":"chan_make","proc":)" + m + R"(,"chan":)" + c +
          R"(,"name":"c","buffer":"unbuffered","cap":0)",
      R"("kind":"spawn","proc":)" + w + R"(,"partner":)" + m + R"(,"name":"worker","mode":"go")"};
  auto put = [&](int v) {
    return R"("kind":"transfer","chan":)" + c + R"(,"from":)" + w + R"(,"to":)" + m +
           R"(,"via":"direct","value":)" + std::to_string(v);
  };
  if (worker_first) {  // the worker waits for main each time
    e.push_back(R"("kind":"park","proc":)" + w + R"(,"chan":)" + c +
                R"(,"op":"put","value":1,"loc":"w.cpp:3")");
    e.push_back(put(1));
    e.push_back(R"("kind":"resume","proc":)" + w + R"(,"chan":)" + c);
  } else {  // main waits for the worker
    e.push_back(R"("kind":"block","proc":)" + m + R"(,"chan":)" + c +
                R"(,"op":"take","loc":"m.cpp:9")");
    e.push_back(put(1));
    e.push_back(R"("kind":"unblock","proc":)" + m + R"(,"chan":)" + c);
  }
  e.push_back(put(v2));
  e.push_back(R"("kind":"exit","proc":)" + w + R"(,"status":"ok")");
  e.push_back(R"("kind":"exit","proc":)" + m + R"(,"status":"ok")");
  return e;
}

// main spawns a (2) and b (3); the scheduler runs `first`, which exits, then `second` (each of
// 2 or 3), then main exits: every process does the same in either order.
inline std::vector<std::string> two_processes_run(int first, int second) {
  return {
      R"("kind":"spawn","proc":1,"name":"main","mode":"main")",
      R"("kind":"spawn","proc":2,"partner":1,"name":"a","mode":"go")",
      R"("kind":"spawn","proc":3,"partner":1,"name":"b","mode":"go")",
      R"("kind":"decide","decision":"run","proc":)" + std::to_string(first) + R"(,"options":2)",
      R"("kind":"exit","proc":)" + std::to_string(first) + R"(,"status":"ok")",
      R"("kind":"decide","decision":"run","proc":)" + std::to_string(second) + R"(,"options":1)",
      R"("kind":"exit","proc":)" + std::to_string(second) + R"(,"status":"ok")",
      R"("kind":"exit","proc":1,"status":"ok")"};
}

}  // namespace test_diff
