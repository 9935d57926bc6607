// The JSON Lines decoder reads common lines without a JSON document; these check that it reads
// them as nlohmann would, and that unusual lines still get the full decoder's answers.
#include <csptrace/jsonl_codec.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace csptrace;

TEST_CASE("every kind's example decodes to what the JSON says", "[jsonl]") {
  for (int k = 0; k < kKindCount; ++k) {
    const std::string_view example = kind_example(static_cast<EventKind>(k));
    StringTable strings;
    Event e = decode_jsonl_event(example, strings);
    CHECK(nlohmann::json::parse(encode_jsonl_event(e, strings)) == nlohmann::json::parse(example));
  }
}

TEST_CASE("lines off the fast path decode or fail as before", "[jsonl]") {
  StringTable s;
  auto error = [&](std::string_view line) -> std::string {
    try {
      (void)decode_jsonl_event(line, s);
    } catch (const std::invalid_argument& ex) {
      return ex.what();
    }
    return "accepted";
  };
  Event e = decode_jsonl_event(R"({"seq":1,"t":0,"kind":"mark","label":"caf\u00e9 \"x\""})", s);
  CHECK(s.get(e.label) == "caf\xc3\xa9 \"x\"");
  e = decode_jsonl_event(R"( { "seq" : 2 , "t":-0, "kind":"mark","label":"ok" } )", s);
  CHECK(e.seq == 2);
  CHECK_THAT(error(R"({"seq":1,"t":1.5,"kind":"mark","label":"x"})"),
             Catch::Contains("\"t\" must be an integer"));
  CHECK_THAT(error(R"({"seq":-1,"t":0,"kind":"mark","label":"x"})"),
             Catch::Contains("must not be negative"));
  CHECK_THAT(error(R"({"seq":1,"t":0,"kind":"mark","label":7})"),
             Catch::Contains("\"label\" must be a string"));
  CHECK_THAT(error(R"({"seq":1,"t":0,"kind":"mark","label":"x"} junk)"),
             Catch::Contains("not valid JSON"));
  CHECK_THAT(error(R"({"seq":01,"t":0,"kind":"mark","label":"x"})"),
             Catch::Contains("not valid JSON"));
  CHECK_THAT(error(R"({"seq":1,"t":0,"kind":"mark","label":"x","bogus":1})"),
             Catch::Contains("unknown field \"bogus\""));
  CHECK_THAT(error(R"({"seq":1,"t":0,"kind":"nope"})"),
             Catch::Contains("unknown event kind \"nope\""));
  // A duplicate key is refused whatever its values (issue 21).
  CHECK_THAT(error(R"({"seq":1,"t":0,"kind":"mark","label":"a","seq":99999999999999999999})"),
             Catch::Contains("key \"seq\" appears twice"));
}

TEST_CASE("a decoding that interns names only reads every line as the full one but its texts",
          "[jsonl]") {
  for (int k = 0; k < kKindCount; ++k) {
    const std::string_view example = kind_example(static_cast<EventKind>(k));
    StringTable all, names;
    const Event full = decode_jsonl_event(example, all);
    const Event lean = decode_jsonl_event(example, names, f::name);
    CHECK(lean.present == full.present);
    CHECK(names.get(lean.name) == all.get(full.name));
    for (const StrId id : {lean.label, lean.loc, lean.message}) CHECK(names.get(id).empty());
    if (full.value.kind == Value::Kind::Text) CHECK(names.get(lean.value.text).empty());
    CHECK(lean.seq == full.seq);
    CHECK(lean.proc == full.proc);
    CHECK(lean.chan == full.chan);
  }
  // Off the fast path (an escape) too; and a text field that is not a text is still refused.
  StringTable s;
  const Event e =
      decode_jsonl_event(R"({"seq":1,"t":0,"kind":"mark","label":"caf\u00e9"})", s, f::name);
  CHECK(s.get(e.label).empty());
  CHECK(s.size() == 1);
  CHECK_THROWS_WITH(decode_jsonl_event(R"({"seq":1,"t":0,"kind":"mark","label":7})", s, f::name),
                    Catch::Contains("\"label\" must be a string"));
  CHECK_THROWS_WITH(
      decode_jsonl_event(R"({"seq":1,"t":0,"kind":"mark","label":"x","value":1.5})", s, f::name),
      Catch::Contains("fractional"));
}
