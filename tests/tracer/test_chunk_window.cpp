// The flight recorder's memory (tracer/record/src/chunk_window.hpp, issue 25): which
// generations a window starts from, what is dropped, and that the memory held stays bounded.
// The cases come from a review of the first version, each one a defect it had.
#include "chunk_window.hpp"

#include <catch2/catch.hpp>

#include <unistd.h>
#include <cstdio>
#include <string>
#include <vector>

using namespace csptrace;

namespace {

binary::ChunkBuilder::Pieces piece(const std::vector<uint8_t>& b) {
  return {{b.data(), b.size()}, {nullptr, 0}};
}

void add_n(ChunkWindow& w, const std::vector<uint8_t>& chunk, int n) {
  for (int i = 0; i < n; ++i) w.add(piece(chunk));
}

// What write() writes.
std::string written(const ChunkWindow& w) {
  FILE* f = std::tmpfile();
  REQUIRE(f != nullptr);
  REQUIRE(w.write(::fileno(f)));
  std::string out(static_cast<size_t>(::lseek(::fileno(f), 0, SEEK_END)), '\0');
  ::lseek(::fileno(f), 0, SEEK_SET);
  REQUIRE(::read(::fileno(f), out.data(), out.size()) == static_cast<ssize_t>(out.size()));
  std::fclose(f);
  return out;
}

constexpr uint64_t kLimit = 1 << 20;

}  // namespace

TEST_CASE("a window is the oldest start with its snapshot, then every chunk after it",
          "[record][flight]") {
  ChunkWindow w(kLimit);
  const std::vector<uint8_t> a(100, 'a'), b(100, 'b');
  w.add(piece(a));
  CHECK(w.window_start() == 0);  // the trace's start needs no snapshot
  w.start_generation(1000);
  w.add(piece(b));
  CHECK_FALSE(w.wants_generation());  // a start is waiting for its snapshot
  REQUIRE(w.attach_snapshot(1000, {'S'}));
  CHECK(written(w) == std::string(100, 'a') + std::string(100, 'b'));  // gen 0 is kept yet
  add_n(w, b, 300);  // 300 chunks of 4 KiB of memory each: past the limit, generation 0 goes
  CHECK(w.window_start() == 1000);
  CHECK(written(w).front() == 'S');
}

TEST_CASE("many small chunks are bounded by the memory they hold, not their bytes",
          "[record][flight]") {
  // A quiet run frames a small chunk every 20 ms; the first version counted 300 bytes for each
  // chunk holding 64 KiB and grew to 6 GB of address space for a 64 MiB ring.
  ChunkWindow w(kLimit);
  add_n(w, std::vector<uint8_t>(300, 'x'), 100000);
  CHECK(w.kept_bytes() <= 4 * kLimit + (64 << 10));
}

TEST_CASE("a later complete start lets the oldest go, past an abandoned one", "[record][flight]") {
  ChunkWindow w(kLimit);
  const std::vector<uint8_t> chunk(100 << 10, 'c');
  add_n(w, chunk, 6);
  w.start_generation(1000);
  w.abandon(1000);  // its snapshot could not be made
  add_n(w, chunk, 6);
  w.start_generation(2000);
  REQUIRE(w.attach_snapshot(2000, {'S'}));
  add_n(w, chunk, 20);
  CHECK(w.window_start() == 2000);
  CHECK(w.kept_bytes() == 20 * chunk.size());  // both older generations went
}

TEST_CASE("a start whose first chunks were dropped refuses its snapshot", "[record][flight]") {
  ChunkWindow w(kLimit);
  const std::vector<uint8_t> chunk(100 << 10, 'c');
  add_n(w, chunk, 6);
  w.start_generation(1000);  // its snapshot is slow to come
  add_n(w, chunk, 60);       // past four times the limit: its oldest chunks go
  CHECK_FALSE(w.attach_snapshot(1000, {'S'}));
  CHECK_FALSE(w.loadable());
  w.abandon(1000);              // what the recorder does when a snapshot is refused
  CHECK(w.wants_generation());  // a new start is asked for
}

TEST_CASE("a start abandoned before its mark was emitted does not block the next",
          "[record][flight]") {
  ChunkWindow w(kLimit);
  const std::vector<uint8_t> chunk(100 << 10, 'c');
  add_n(w, chunk, 6);
  w.abandon(1000);
  w.start_generation(1000);
  add_n(w, chunk, 6);
  CHECK(w.wants_generation());
}

TEST_CASE("a snapshot that comes before its mark's chunk is kept for it", "[record][flight]") {
  ChunkWindow w(kLimit);
  const std::vector<uint8_t> chunk(100 << 10, 'c');
  add_n(w, chunk, 6);
  REQUIRE(w.attach_snapshot(1000, {'S'}));
  w.start_generation(1000);
  add_n(w, chunk, 20);
  CHECK(w.window_start() == 1000);
  CHECK(written(w).front() == 'S');
}
