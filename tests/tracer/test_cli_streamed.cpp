// print and the jsonl, csptrace and chrome exports write events as a file loads (print and
// chrome read it twice: first for the names, then the events). Their output must be the one
// of a trace held whole, which is what a pipe gets: compared byte for byte on every fixture and
// on a trace whose shared name is declared only megabytes after its first process's events.
#include "temp_path.hpp"

#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

std::string temp(const std::string& name) { return csp_test::temp_path("streamed-" + name); }

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

// Runs `csptrace ARGS` through the shell; stdout to `out_file`, stderr to `err`.
int csptrace(const std::string& args, const std::string& out_file, std::string* err = nullptr) {
  const std::string log = temp("stderr.txt");
  const int st =
      std::system((std::string(CSPTRACE_EXE) + " " + args + " >" + out_file + " 2>" + log).c_str());
  if (err) *err = slurp(log);
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

std::vector<std::string> fixtures() {
  std::vector<std::string> all;
  for (const auto& e : fs::directory_iterator(CSP_FIXTURES))
    if (e.path().extension() == ".jsonl" || e.path().extension() == ".csptrace")
      all.push_back(e.path().string());
  return all;
}

// Two processes named "worker": the first's events fill more than a megabyte of JSON Lines (more
// than one batch of the reader) before the second is spawned, so the first batches are labelled
// before the load knows the name is shared; the same for two channels named "jobs".
std::string shared_name_trace() {
  const std::string path = temp("shared-name.jsonl");
  std::ofstream out(path, std::ios::binary);
  out << R"({"kind":"header","format":"cspscope-trace","version":1,"program":"t",)"
      << R"("scheduler":"deterministic","seed":1,"clock":"steady_ns","start_unix_ns":0})"
      << "\n";
  uint64_t seq = 0;
  const auto ev = [&](const std::string& body) {
    ++seq;
    out << R"({"seq":)" << seq << R"(,"t":)" << seq * 10 << "," << body << "}\n";
  };
  ev(R"("kind":"spawn","proc":1,"name":"main","mode":"main")");
  ev(R"("kind":"spawn","proc":2,"name":"worker","mode":"go","partner":1)");
  ev(R"("kind":"chan_make","chan":1,"name":"jobs","buffer":"unbuffered","cap":0,"proc":1)");
  for (int i = 0; i < 30000; ++i)
    ev(R"("kind":"mark","proc":2,"label":"a mark long enough to fill a batch soon )" +
       std::to_string(i) + "\"");
  ev(R"("kind":"spawn","proc":3,"name":"worker","mode":"go","partner":1)");
  ev(R"("kind":"chan_make","chan":2,"name":"jobs","buffer":"unbuffered","cap":0,"proc":1)");
  ev(R"("kind":"park","proc":2,"op":"take","chan":1)");
  ev(R"("kind":"mark","proc":3,"label":"late")");
  ev(R"("kind":"exit","proc":3,"status":"ok")");
  ev(R"("kind":"exit","proc":1,"status":"ok")");
  ev(R"("kind":"end","reason":"normal")");
  return path;
}

// The output of `csptrace ARGS-with-FILE` reading `file` itself and reading it from a pipe.
void check_same_from_pipe(const std::string& verb, const std::string& file) {
  const std::string a = temp("from-file"), b = temp("from-pipe");
  std::string err_a, err_b;
  const int rc_a = csptrace(verb + " " + file, a, &err_a);
  const int rc_b = csptrace(verb + " - < " + file, b, &err_b);
  INFO(verb << " " << file << "\n" << err_a << "\n" << err_b);
  CHECK(rc_a == rc_b);
  CHECK(slurp(a) == slurp(b));
}

}  // namespace

TEST_CASE("print of a file read twice equals print of a pipe held whole on every fixture",
          "[cli][streamed]") {
  for (const std::string& f : fixtures()) {
    check_same_from_pipe("print", f);
    check_same_from_pipe("print --no-time", f);
  }
}

TEST_CASE("a name shared by a process spawned megabytes later labels the first one too",
          "[cli][streamed]") {
  const std::string f = shared_name_trace();
  check_same_from_pipe("print", f);
  const std::string out = temp("printed");
  REQUIRE(csptrace("print " + f, out) == 0);
  const std::string text = slurp(out);
  CHECK(text.find("worker#2") < 2000);  // its spawn and first marks, in the first batch
  CHECK(text.find("jobs#1") != std::string::npos);
  CHECK(text.find("proc=worker ") == std::string::npos);
}

TEST_CASE("the exports written as a file loads equal those of a pipe held whole",
          "[cli][streamed][export]") {
  std::vector<std::string> traces = fixtures();
  traces.push_back(shared_name_trace());
  for (const std::string& f : traces) {
    for (const char* fmt : {"jsonl", "csptrace", "chrome"}) {
      const std::string a = temp(std::string("a.") + fmt), b = temp(std::string("b.") + fmt);
      const std::string pipe = temp(std::string("pipe.") + fmt);
      std::string err_a, err_b;
      fs::remove(a);
      fs::remove(b);
      const int rc_a = csptrace(std::string("export --format ") + fmt + " " + f + " -o " + a,
                                temp("stdout"), &err_a);
      // From a pipe, and to one: the JSON Lines export to a pipe checks every line first.
      const int rc_b = csptrace(std::string("export --format ") + fmt + " - -o /dev/stdout < " + f,
                                pipe, &err_b);
      INFO(fmt << " " << f << "\n" << err_a << "\n" << err_b);
      CHECK(rc_a == rc_b);
      CHECK(slurp(a) == slurp(pipe));
    }
  }
}

TEST_CASE("a failed export leaves OUT as it was and no file beside it", "[cli][streamed][export]") {
  // Valid for two megabytes of events, then an event of an unknown process: the export has
  // written batches by then.
  const std::string good = shared_name_trace();
  const std::string bad = temp("bad-late.jsonl");
  {
    std::string text = slurp(good);
    text.resize(text.rfind(R"({"seq")"));
    text += R"({"seq":99999,"t":999990,"kind":"mark","proc":77,"label":"x"})"
            "\n";
    std::ofstream(bad, std::ios::binary) << text;
  }
  const fs::path dir = fs::path(temp("export-dir"));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string out = (dir / "out").string();
  for (const char* fmt : {"jsonl", "csptrace", "chrome"}) {
    std::ofstream(out, std::ios::binary) << "what was there";
    std::string err;
    CHECK(csptrace(std::string("export --format ") + fmt + " " + bad + " -o " + out, temp("o"),
                   &err) == 2);
    CHECK_THAT(err, Catch::Contains("proc 77 refers to a process"));
    CHECK(slurp(out) == "what was there");
    CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 1);
    // And a good export replaces it, with no file left beside it either.
    CHECK(csptrace(std::string("export --format ") + fmt + " " + good + " -o " + out, temp("o"),
                   &err) == 0);
    CHECK(slurp(out).size() > 1000000);
    CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 1);
  }
}
