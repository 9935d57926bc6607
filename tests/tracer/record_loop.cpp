// Test helper: records with the fast recorder, then dies the way argv[2] says, so that
// test_crash can check what reached the file.
//   record_loop FILE forever            record until killed
//   record_loop FILE idle N             record N events, print "ready", sleep until killed
//   record_loop FILE segv|abort|throw N record N events, print "ready", then crash

#include <csptrace/recorder.hpp>

#include <sys/mman.h>
#include <sys/resource.h>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <thread>

using namespace csptrace;

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: record_loop FILE forever|idle|segv|abort|throw [N]\n");
    return 2;
  }
  rlimit no_core{0, 0};
  setrlimit(RLIMIT_CORE, &no_core);  // the crashes below are on purpose
  const std::string mode = argv[2];
  const long n = argc > 3 ? std::atol(argv[3]) : 0;
  TraceHeader h;
  h.program = "record_loop";
  auto rec = open_recorder(argv[1], h);
  Event spawn =
      Event(EventKind::Spawn).with_proc(1).with_name(rec->intern("main")).with_mode(ProcMode::Main);
  rec->record(spawn);
  for (long i = 0; mode == "forever" || i < n; ++i) {
    Event e = Event(EventKind::AltOffer).with_proc(1).with_alt(static_cast<uint32_t>(i));
    rec->record(e);
  }
  std::printf("ready\n");
  std::fflush(stdout);
  if (mode == "idle") std::this_thread::sleep_for(std::chrono::hours(1));
  if (mode == "segv") {
    // A real invalid access, but not undefined behaviour UBSan would stop at first: a store to
    // a mapped page that may not be written.
    void* page = mmap(nullptr, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    *static_cast<volatile int*>(page) = 1;
  }
  if (mode == "abort") std::abort();
  if (mode == "throw") {
    std::thread([] { throw std::runtime_error("escaped"); }).join();
  }
  return 3;
}
