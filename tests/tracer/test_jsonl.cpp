// The codec reports what is wrong with one line, never crashes, never guesses.
#include <csptrace/jsonl_codec.hpp>

#include <catch2/catch.hpp>

using namespace csptrace;

namespace {
std::string decode_error(std::string_view line) {
  StringTable s;
  try {
    (void)decode_jsonl_event(line, s);
  } catch (const std::invalid_argument& ex) {
    return ex.what();
  }
  return "accepted";
}
}  // namespace

TEST_CASE("malformed event lines are rejected with a reason", "[jsonl]") {
  CHECK_THAT(decode_error("{not json"), Catch::Contains("not valid JSON"));
  CHECK_THAT(decode_error("[1,2]"), Catch::Contains("expected a JSON object"));
  CHECK_THAT(decode_error(R"({"seq":1,"t":0})"), Catch::Contains("no \"kind\""));
  CHECK_THAT(decode_error(R"({"seq":1,"t":0,"kind":"teleport"})"),
             Catch::Contains("unknown event kind \"teleport\""));
  CHECK_THAT(decode_error(R"({"seq":1,"t":0,"kind":"mark","colour":"red"})"),
             Catch::Contains("unknown field \"colour\""));
  CHECK_THAT(decode_error(R"({"seq":"one","t":0,"kind":"mark"})"),
             Catch::Contains("\"seq\" must be an integer"));
  CHECK_THAT(decode_error(R"({"seq":-1,"t":0,"kind":"mark"})"),
             Catch::Contains("\"seq\" must not be negative"));
  CHECK_THAT(decode_error(R"({"seq":1,"t":0,"kind":"park","proc":1,"op":"wait"})"),
             Catch::Contains("\"op\" has unknown value \"wait\""));
  CHECK_THAT(decode_error(R"({"seq":1,"t":0,"kind":"mark","proc":99999999999})"),
             Catch::Contains("out of range"));
  CHECK_THAT(decode_error(R"({"seq":1,"t":0,"kind":"mark","value":[1]})"),
             Catch::Contains("must be an integer or a string, not array"));
  CHECK_THAT(
      decode_error(std::string(R"({"seq":1,"t":0,"kind":"mark","label":")") + "\xff\xfe" + "\"}"),
      Catch::Contains("not valid JSON"));
  CHECK_THAT(decode_error(std::string(100, '[') + std::string(100, ']')),
             Catch::Contains("nested deeper"));
  CHECK_THAT(decode_error(std::string("{\"seq\":1,\0\"t\":0}", 17)),
             Catch::Contains("not valid JSON"));
}

TEST_CASE("a header line is required first and checked", "[jsonl]") {
  REQUIRE_THROWS_WITH(decode_jsonl_header(R"({"seq":1,"t":0,"kind":"mark"})"),
                      Catch::Contains("first line must be the header"));
  REQUIRE_THROWS_WITH(decode_jsonl_header(R"({"kind":"header","format":"cspscope-trace"})"),
                      Catch::Contains("version"));
}
