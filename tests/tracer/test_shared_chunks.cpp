// SharedChunks: copies read the same values as independent vectors would, and share every chunk
// neither has written since the copy.
#include "jsonl_text.hpp"

#include <csptrace/replay.hpp>
#include <csptrace/shared_chunks.hpp>
#include <csptrace/trace_reader.hpp>

#include <catch2/catch.hpp>

#include <filesystem>
#include <random>
#include <string>
#include <thread>
#include <vector>

using csptrace::SharedChunks;

namespace {

bool same(const SharedChunks<int>& s, const std::vector<int>& v) {
  if (s.size() != v.size()) return false;
  for (size_t i = 0; i < v.size(); ++i)
    if (s[i] != v[i]) return false;
  return true;
}

}  // namespace

TEST_CASE("shared chunks behave as independent vectors under random copies and writes",
          "[replay][shared_chunks]") {
  std::mt19937 rng(12345);
  std::vector<SharedChunks<int>> copies(1);
  std::vector<std::vector<int>> models(1);
  copies[0].assign_default(1000);
  models[0].assign(1000, 0);
  for (int step = 0; step < 20000; ++step) {
    const size_t k = rng() % copies.size();
    switch (rng() % 10) {
      case 0:  // copy
        if (copies.size() < 12) {
          copies.push_back(copies[k]);
          models.push_back(models[k]);
        }
        break;
      case 1: {  // grow
        const size_t n = models[k].size() + rng() % 300;
        copies[k].grow_to(n);
        models[k].resize(n, 0);
        break;
      }
      default: {  // write
        const size_t i = rng() % models[k].size();
        const int v = int(rng() % 1000);
        copies[k].mut(i) = v;
        models[k][i] = v;
      }
    }
  }
  for (size_t k = 0; k < copies.size(); ++k) {
    INFO("copy " << k);
    CHECK(same(copies[k], models[k]));
    for (size_t j = 0; j < copies.size(); ++j)
      CHECK((copies[k] == copies[j]) == (models[k] == models[j]));
  }
}

TEST_CASE("a copy shares every chunk but the ones written since", "[replay][shared_chunks]") {
  SharedChunks<int> a;
  a.assign_default(100 * SharedChunks<int>::kChunk);
  for (size_t i = 0; i < a.size(); ++i) a.mut(i) = int(i);
  SharedChunks<int> b = a;
  CHECK(b.chunks_shared_with(a) == a.chunks());
  b.mut(5) = -1;
  b.mut(7) = -2;                              // the same chunk again: copied once
  b.mut(3 * SharedChunks<int>::kChunk) = -3;  // a second chunk
  CHECK(b.chunks_shared_with(a) == a.chunks() - 2);
  CHECK(a[5] == 5);
  CHECK(b[5] == -1);
  CHECK(a[3 * SharedChunks<int>::kChunk] == int(3 * SharedChunks<int>::kChunk));
  // Written alone, a chunk is written in place.
  SharedChunks<int> c = b;
  c = SharedChunks<int>();
  b.mut(6) = -4;
  CHECK(b.chunks_shared_with(a) == a.chunks() - 2);
  // Defaults cost one chunk whatever the size.
  SharedChunks<int> d;
  d.assign_default(1000 * SharedChunks<int>::kChunk);
  SharedChunks<int> e;
  e.assign_default(1000 * SharedChunks<int>::kChunk);
  CHECK(d == e);
  CHECK(d.chunks_shared_with(e) == 0);  // two defaults chunks, equal by value
}

TEST_CASE("the replay's checkpoints share the states of processes that did not change",
          "[replay][shared_chunks]") {
  // 2 000 processes park, then main alone records marks: every checkpoint taken among the
  // marks shares every chunk of processes and channels with the one before.
  csp_test::JsonlText t("marks");
  auto ev = [&](const std::string& body) { t.ev(body); };
  ev(R"("kind":"spawn","proc":1,"name":"main","mode":"main")");
  ev(R"("kind":"chan_make","chan":1,"name":"never","buffer":"unbuffered","cap":0,"proc":1)");
  for (int p = 2; p < 2002; ++p) {
    ev(R"("kind":"spawn","proc":)" + std::to_string(p) + R"(,"name":"w","mode":"go","partner":1)");
    ev(R"("kind":"park","proc":)" + std::to_string(p) + R"(,"op":"take","chan":1)");
  }
  for (int i = 0; i < 30000; ++i) ev(R"("kind":"mark","proc":1,"label":"tick")");
  const std::string path = t.write("shared-checkpoints.jsonl");
  const csptrace::TraceModel m = csptrace::load_trace(path);
  std::filesystem::remove(path);
  const csptrace::Replay r(m);
  // Two states a few checkpoints apart among the marks: each is a copy of its checkpoint, and
  // the marks touched main's chunk at most.
  const size_t late = m.size() - 1, earlier = late - 3 * r.checkpoint_interval();
  REQUIRE(earlier > 4003);  // after the last park
  const csptrace::ReplayState a = r.state_at(earlier), b = r.state_at(late);
  CHECK(b.processes.chunks_shared_with(a.processes) + 1 >= b.processes.chunks());
  CHECK(b.channels.chunks_shared_with(a.channels) == b.channels.chunks());
  // Random access still agrees with a replay from the start.
  csptrace::ReplayState s = csptrace::initial_state(m);
  while (s.steps <= late) csptrace::advance(m, s);
  CHECK(b == s);
}

TEST_CASE("a copy read and dropped on another thread while the owner writes keeps its values",
          "[replay][shared_chunks]") {
  // The viewer's live follow hands a copy of its state to the GUI thread and goes on writing
  // its own. Whether the owner finds a chunk still held (and copies it) or already dropped
  // (and writes in place), the reader sees the values of its copy; ThreadSanitizer (the tsan
  // preset) checks that the drop is ordered before an in-place write.
  SharedChunks<int> owner;
  owner.assign_default(4 * SharedChunks<int>::kChunk);
  for (int round = 0; round < 300; ++round) {
    bool intact = true;
    std::thread reader([copy = owner, round, &intact]() mutable {
      for (size_t i = 0; i < copy.size(); ++i) intact &= copy[i] == round;
      copy = SharedChunks<int>();  // dropped here, on this thread
    });
    for (size_t i = 0; i < owner.size(); ++i) owner.mut(i) = round + 1;
    reader.join();
    REQUIRE(intact);
  }
}
