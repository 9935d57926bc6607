// The schema table is the one definition: every kind has a documented example line that the
// codec reads, and every field survives encode -> decode.
#include <csptrace/jsonl_codec.hpp>
#include <csptrace/schema.hpp>

#include <catch2/catch.hpp>

using namespace csptrace;

TEST_CASE("kind and field names round-trip through the table", "[schema]") {
  for (int k = 0; k < kKindCount; ++k) {
    auto kind = static_cast<EventKind>(k);
    CAPTURE(to_string(kind));
    REQUIRE(parse_EventKind(to_string(kind)) == kind);
    REQUIRE_FALSE(kind_doc(kind).empty());
    REQUIRE((required_fields(kind) & (f::seq | f::t)) == (f::seq | f::t));
    REQUIRE((required_fields(kind) & optional_fields(kind)) == 0);
  }
  for (int i = 0; i < kFieldCount; ++i) {
    auto fl = static_cast<Field>(i);
    REQUIRE(parse_field(field_key(fl)) == fl);
  }
  REQUIRE_FALSE(parse_EventKind("nonsense"));
  REQUIRE(parse_BufferKind("sliding") == BufferKind::Sliding);
  REQUIRE(to_string(AltRule::Priority) == "priority");
}

TEST_CASE("every kind's documented example decodes and re-encodes identically", "[schema]") {
  for (int k = 0; k < kKindCount; ++k) {
    auto kind = static_cast<EventKind>(k);
    CAPTURE(to_string(kind), kind_example(kind));
    StringTable strings;
    Event e = decode_jsonl_event(kind_example(kind), strings);
    REQUIRE(e.kind == kind);
    // The example carries every required field and only allowed ones.
    REQUIRE((e.present & required_fields(kind)) == required_fields(kind));
    REQUIRE((e.present & ~(required_fields(kind) | optional_fields(kind))) == 0);
    std::string line = encode_jsonl_event(e, strings);
    REQUIRE(line == kind_example(kind));
    StringTable strings2;
    Event back = decode_jsonl_event(line, strings2);
    REQUIRE(encode_jsonl_event(back, strings2) == line);
  }
}

TEST_CASE("every field type survives encode and decode", "[schema]") {
  StringTable s;
  Event e(EventKind::AltChoice);
  e.with_seq(7)
      .with_t(123456789012)
      .with_thread(3)
      .with_proc(4)
      .with_alt(2)
      .with_index(-1)
      .with_rule(AltRule::Default)
      .with_chan(9)
      .with_value(Value::integer(-42));
  std::string line = encode_jsonl_event(e, s);
  StringTable s2;
  Event back = decode_jsonl_event(line, s2);
  REQUIRE(back == e);

  Event g(EventKind::AltGuard);
  g.with_seq(8)
      .with_t(1)
      .with_proc(1)
      .with_alt(1)
      .with_index(0)
      .with_op(WaitOp::Put)
      .with_chan(2)
      .with_ready(true)
      .with_value(Value::text_id(s.intern("ünïcode \"quoted\"")));
  StringTable s3;
  Event gb = decode_jsonl_event(encode_jsonl_event(g, s), s3);
  REQUIRE(gb.kind == EventKind::AltGuard);
  REQUIRE(gb.ready);
  REQUIRE(s3.get(gb.value.text) == "ünïcode \"quoted\"");
}

TEST_CASE("header round trip and version check", "[schema]") {
  TraceHeader h;
  h.program = "pingpong";
  h.scheduler = "deterministic";
  h.seed = 42;
  TraceHeader back = decode_jsonl_header(encode_jsonl_header(h));
  REQUIRE(back.program == "pingpong");
  REQUIRE(back.seed == 42);
  REQUIRE(back.version == kFormatVersion);
  std::string newer = R"({"kind":"header","format":"cspscope-trace","version":)" +
                      std::to_string(kFormatVersion + 1) + "}";
  REQUIRE_THROWS_WITH(decode_jsonl_header(newer), Catch::Contains("newer than this cspscope"));
}
