#include <catch2/catch.hpp>

#include "fixture_document.hpp"
#include "source_locator.hpp"

#include <QTemporaryDir>

#include <filesystem>
#include <fstream>

using namespace cspview;
namespace fs = std::filesystem;

namespace {

void touch(const fs::path& p) {
  fs::create_directories(p.parent_path());
  std::ofstream(p) << "int main() {}\n";
}

}  // namespace

TEST_CASE("a loc reads as file and line", "[source]") {
  CHECK(parse_source_ref("main.cpp:42") == SourceRef{"main.cpp", 42});
  CHECK(parse_source_ref("/a/b:c/main.cpp:7") == SourceRef{"/a/b:c/main.cpp", 7});
  CHECK_FALSE(parse_source_ref("main.cpp"));
  CHECK_FALSE(parse_source_ref("main.cpp:"));
  CHECK_FALSE(parse_source_ref("main.cpp:0"));
  CHECK_FALSE(parse_source_ref("main.cpp:4x"));
}

TEST_CASE("sources are looked for as recorded, beside the trace, then in the given folders",
          "[source]") {
  QTemporaryDir tmp;
  const fs::path root = tmp.path().toStdString();
  const std::string trace = (root / "traces" / "run.csptrace").string();
  const std::string src = (root / "src").string(), picked = (root / "picked").string();

  SECTION("as recorded") {
    touch(root / "abs" / "main.cpp");
    const auto r = locate_source((root / "abs" / "main.cpp").string(), trace, {src});
    CHECK(r.found == (root / "abs" / "main.cpp").string());
    CHECK(r.tried.size() == 1);
  }
  SECTION("beside the trace before --source-dir") {
    touch(root / "traces" / "main.cpp");
    touch(root / "src" / "main.cpp");
    const auto r = locate_source("main.cpp", trace, {src, picked});
    CHECK(r.found == (root / "traces" / "main.cpp").string());
  }
  SECTION("--source-dir before the picked folder") {
    touch(root / "src" / "main.cpp");
    touch(root / "picked" / "main.cpp");
    const auto r = locate_source("main.cpp", trace, {src, picked});
    CHECK(r.found == (root / "src" / "main.cpp").string());
  }
  SECTION("an absolute path from another machine, by its trailing parts") {
    touch(root / "picked" / "samples" / "hotdog" / "main.cpp");
    const auto r =
        locate_source("/home/ann/cspscope/samples/hotdog/main.cpp", trace, {src, picked});
    CHECK(r.found == (root / "picked" / "samples" / "hotdog" / "main.cpp").string());
    CHECK(r.tried.back() == *r.found);
  }
  SECTION("not found: every path tried, in order, in the message") {
    const auto r = locate_source("main.cpp", trace, {src, picked});
    CHECK_FALSE(r.found);
    CHECK(r.tried == std::vector<std::string>{"main.cpp", (root / "traces" / "main.cpp").string(),
                                              (root / "src" / "main.cpp").string(),
                                              (root / "picked" / "main.cpp").string()});
    CHECK(r.message({"main.cpp", 3}) == "main.cpp not found; tried: main.cpp, " +
                                            (root / "traces" / "main.cpp").string() + ", " +
                                            (root / "src" / "main.cpp").string() + ", " +
                                            (root / "picked" / "main.cpp").string());
  }
}

TEST_CASE("an event's source line is its own, else the latest line of the processes it is about",
          "[source]") {
  const auto doc = fixture("hotdog.jsonl");
  CHECK(source_of_event(*doc, 4) == SourceRef{"hotdog.cpp", 17});  // seq 5: the machine parks
  // seq 7: the transfer records no loc; the machine's park to take it is the latest line.
  CHECK(source_of_event(*doc, 6) == SourceRef{"hotdog.cpp", 17});
  CHECK_FALSE(source_of_event(*doc, 0));  // seq 1: main's spawn, nothing recorded before it
}
