// Issue 21, reading classes: a torn JSON Lines tail loads up to its last complete line; zeros
// after a binary trace are named as such; a trace is read from a pipe, standard input or a named
// pipe; a file shrinking while it is read is an error, never SIGBUS; duplicate keys, fractional
// numbers and directories get messages that say what is wrong.
#include "sanitized.hpp"
#include "temp_path.hpp"

#include <csptrace/binary_trace_writer.hpp>
#include <csptrace/trace_error.hpp>
#include <csptrace/trace_reader.hpp>

#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

namespace {

const std::string kHeader =
    R"({"kind":"header","format":"cspscope-trace","version":1,"program":"t"})"
    "\n";

using csp_test::temp_path;

std::string write_file(const std::string& name, const std::string& bytes) {
  const std::string path = temp_path(name);
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

// A complete trace of n marks.
std::string marks(int n) {
  std::string s = kHeader + R"({"seq":1,"t":0,"kind":"spawn","proc":1,"name":"main","mode":"main"})"
                            "\n";
  for (int i = 0; i < n; ++i)
    s += R"({"seq":)" + std::to_string(i + 2) + R"(,"t":1,"kind":"mark","proc":1,"label":"m)" +
         std::to_string(i) + "\"}\n";
  return s;
}

std::string error_of(const std::string& path) {
  try {
    (void)csptrace::load_trace(path);
  } catch (const csptrace::TraceError& ex) {
    return ex.what();
  }
  return "(loaded)";
}

std::string to_binary(const std::string& jsonl_path) {
  // The binary writer is what export uses; the model knows its own events.
  const csptrace::TraceModel m = csptrace::load_trace(jsonl_path);
  const std::string out = jsonl_path + ".csptrace";
  const std::string cmd = std::string(CSPTRACE_EXE) + " export --format csptrace " + jsonl_path +
                          " -o " + out + " 2>/dev/null";
  REQUIRE(std::system(cmd.c_str()) == 0);
  return out;
}

}  // namespace

TEST_CASE("a torn JSON Lines tail loads up to its last complete line, with a warning",
          "[hostile][reader]") {
  const std::string good = marks(50);
  struct Tail {
    const char* what;
    std::string bytes;
    const char* says;
  } tails[] = {
      {"a line cut in its middle", R"({"seq":99,"t":1,"kind":"ma)", "incomplete"},
      {"4 KB of NUL bytes", std::string(4096, '\0'), "all zero bytes"},
      {"3 MB of NUL bytes", std::string(3 << 20, '\0'), "all zero bytes"},
      {"a 2 MB torn line", R"({"seq":99,"t":1,"kind":"mark","label":")" + std::string(2 << 20, 'x'),
       "longer than any trace line"},
  };
  for (const Tail& tail : tails) {
    INFO(tail.what);
    const std::string path = write_file("torn.jsonl", good + tail.bytes);
    const csptrace::TraceModel m = csptrace::load_trace(path);
    CHECK(m.size() == 51);
    REQUIRE_FALSE(m.warnings().empty());
    CHECK_THAT(m.warnings().front(), Catch::Contains("last line is incomplete") &&
                                         Catch::Contains(tail.says) && Catch::Contains("line 53"));
    std::filesystem::remove(path);
  }
  SECTION("a long line in the middle is still an error") {
    const std::string path = write_file(
        "long.jsonl", good + R"({"label":")" + std::string(2 << 20, 'y') + "\"}\n" + marks(1));
    CHECK_THAT(error_of(path), Catch::Contains(":53: line is longer than 1048576 bytes"));
    std::filesystem::remove(path);
  }
}

TEST_CASE("zero bytes after a complete binary trace are named, not misread", "[hostile][reader]") {
  const std::string jsonl =
      write_file("zeros.jsonl", marks(20) + R"({"seq":22,"t":2,"kind":"end","reason":"normal"})"
                                            "\n");
  const std::string bin = to_binary(jsonl);
  std::string bytes;
  {
    std::ifstream in(bin, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  const std::string zero_tail = write_file("zeros.csptrace", bytes + std::string(65536, '\0'));
  const csptrace::TraceModel m = csptrace::load_trace(zero_tail);
  CHECK(m.size() == 22);
  REQUIRE(m.warnings().size() == 1);
  CHECK_THAT(m.warnings()[0],
             Catch::Contains("ends with 65536 zero bytes after its last whole chunk"));

  const std::string junk = write_file("junk.csptrace", bytes + std::string(64, '\0') + "junk");
  CHECK_THAT(error_of(junk), Catch::Contains("offset " + std::to_string(bytes.size()) +
                                             ": a chunk of length 0 followed by other bytes"));
  for (const auto& p : {jsonl, bin, zero_tail, junk}) std::filesystem::remove(p);
}

TEST_CASE("a trace is read from a named pipe, telling the user it waits for a writer",
          "[hostile][reader]") {
  const std::string fifo = temp_path("trace.fifo");
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  const std::string trace = marks(100);
  std::thread writer([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(600));
    std::ofstream(fifo, std::ios::binary) << trace;
  });
  std::string told;
  csptrace::LoadOptions options;
  options.notice = [&](const std::string& what) { told = what; };
  const csptrace::TraceModel m = csptrace::load_trace(fifo, options);
  writer.join();
  CHECK(m.size() == 101);
  CHECK_THAT(told,
             Catch::Contains(fifo + " is a named pipe") && Catch::Contains("waiting for a writer"));
  std::filesystem::remove(fifo);
}

TEST_CASE("a file that shrinks while it is read gives a TraceError, never SIGBUS",
          "[hostile][reader]") {
  const std::string jsonl = write_file("shrink.jsonl", marks(200000));
  const std::string bin = to_binary(jsonl);
  std::string bytes;
  {
    std::ifstream in(bin, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  int errors = 0;
  for (int attempt = 0; attempt < 12; ++attempt) {
    std::ofstream(bin, std::ios::binary | std::ios::trunc) << bytes;
    std::thread cutter([&] {
      std::this_thread::sleep_for(std::chrono::microseconds(500 * attempt));
      REQUIRE(::truncate(bin.c_str(), 4096) == 0);
    });
    try {
      (void)csptrace::load_trace(bin);
    } catch (const csptrace::TraceError& ex) {
      ++errors;
      CHECK_THAT(std::string(ex.what()),
                 Catch::Contains("shrank from") || Catch::Contains("ends inside a chunk"));
    }
    cutter.join();
  }
  // Reaching here at all is the point (a mapped file died of SIGBUS); a read that wins the race
  // loads, one that loses says why.
  CHECK(errors >= 0);
  std::filesystem::remove(jsonl);
  std::filesystem::remove(bin);
}

TEST_CASE("messages that used to mislead", "[hostile][reader]") {
  const std::string head = kHeader +
                           R"({"seq":1,"t":0,"kind":"spawn","proc":1,"name":"main","mode":"main"})"
                           "\n" +
                           R"({"seq":2,"t":0,"kind":"spawn","proc":2,"name":"w","mode":"go"})"
                           "\n";
  const std::string dup = write_file(
      "dup.jsonl",
      head + R"({"seq":3,"t":1,"kind":"transfer","chan":1,"from":1,"to":2,"to":1,"via":"direct"})"
             "\n");
  CHECK_THAT(error_of(dup),
             Catch::EndsWith(":4: key \"to\" appears twice in the object; give each field once"));
  const std::string frac =
      write_file("frac.jsonl", head + R"({"seq":3,"t":1,"kind":"mark","label":"x","value":1.5})"
                                      "\n");
  CHECK_THAT(
      error_of(frac),
      Catch::EndsWith(
          ":4: field \"value\" must be an integer or a string, not the fractional number 1.5"));
  const std::string dir = temp_path("dir.jsonl");
  std::filesystem::create_directory(dir);
  CHECK_THAT(error_of(dir), Catch::Contains("is a directory, not a trace file"));
  for (const auto& p : {dup, frac, dir}) std::filesystem::remove(p);
}

TEST_CASE("a name longer than a chunk's usual capacity is written and read back",
          "[hostile][reader]") {
  // Limits that agree: the binary reader accepts strings up to a 64 MB chunk, so the writer
  // (export --format csptrace) must write them; it refused anything past 1 MB.
  const std::string path = temp_path("long-name.csptrace");
  const std::string name(3 << 20, 'n');
  {
    csptrace::StringTable strings;
    csptrace::TraceHeader h;
    h.version = csptrace::kFormatVersion;
    csptrace::BinaryTraceWriter w(path, h);
    csptrace::Event spawn(csptrace::EventKind::Spawn);
    spawn.with_proc(1).with_name(strings.intern(name)).with_mode(csptrace::ProcMode::Main);
    spawn.seq = 1;
    spawn.present |= csptrace::f::seq | csptrace::f::t;
    w.add(spawn, strings);
    w.close();
  }
  const csptrace::TraceModel m = csptrace::load_trace(path);
  REQUIRE(m.processes().size() == 1);
  CHECK(m.str(m.processes()[0].name) == name);
  std::filesystem::remove(path);
}

TEST_CASE("a trace larger than the memory allowed is a message and exit 2, not an abort",
          "[hostile][reader]") {
  if (csp_test::kSanitized) {
    WARN("a sanitizer reserves more address space than the limit this test sets");
    return;
  }
  const std::string path = write_file("oom.jsonl", marks(600000));
  const std::string out = temp_path("oom.txt");
  // 25 MB of address space: enough to start (22 MB is), not to load 600 000 events with as many
  // distinct labels (300 000 just fit in 30 MB once the model's index columns were a byte wide).
  const std::string cmd =
      "ulimit -v 25000; " + std::string(CSPTRACE_EXE) + " validate " + path + " 2>" + out;
  const int status = std::system(("/bin/sh -c '" + cmd + "'").c_str());
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 2);
  std::ifstream in(out);
  const std::string said((std::istreambuf_iterator<char>(in)), {});
  CHECK_THAT(said, Catch::StartsWith("csptrace validate: out of memory"));
  std::filesystem::remove(path);
  std::filesystem::remove(out);
}

TEST_CASE("a large binary file under ulimit -v reserves no more room than the limit allows",
          "[hostile][reader]") {
  if (csp_test::kSanitized) {
    WARN("a sanitizer reserves more address space than the limit this test sets");
    return;
  }
  // The reader reserves the model's columns from the file's size. A 512 MB file (here a small
  // trace and a sparse tail of zeros) once reserved 2.2 GB of address space up front, so every
  // verb failed at once under a 2 GB ulimit -v with nothing read.
  const std::string jsonl =
      write_file("reserve.jsonl", marks(20) + R"({"seq":22,"t":2,"kind":"end","reason":"normal"})"
                                              "\n");
  const std::string bin = to_binary(jsonl);
  std::filesystem::resize_file(bin, std::filesystem::file_size(bin) + (size_t{512} << 20));
  const std::string out = temp_path("reserve.txt");
  const std::string cmd =
      "ulimit -v 1048576; " + std::string(CSPTRACE_EXE) + " validate " + bin + " 2>" + out;
  const int status = std::system(("/bin/sh -c '" + cmd + "'").c_str());
  std::ifstream in(out);
  const std::string said((std::istreambuf_iterator<char>(in)), {});
  INFO(said);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK_THAT(said, Catch::Contains("zero bytes after its last whole chunk"));
  for (const auto& p : {jsonl, bin, out}) std::filesystem::remove(p);
}
