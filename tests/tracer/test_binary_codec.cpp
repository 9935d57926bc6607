// The binary record encoding: every field of every kind survives a round trip, records are
// compact, and malformed bytes are refused with a reason.
#include <csptrace/binary_codec.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <type_traits>

using namespace csptrace;

namespace {

// Sets every field the kind takes (required and optional) to a distinctive non-default value.
Event full_event(EventKind k, uint64_t seq, int64_t t) {
  Event e(k);
  e.present = required_fields(k) | optional_fields(k);
  e.seq = seq;
  e.t = t;
  auto fill = [](auto& v, int salt) {
    using T = std::decay_t<decltype(v)>;
    if constexpr (std::is_same_v<T, Value>)
      v = salt % 2 ? Value::integer(-123456789012345) : Value::text_id(7);
    else if constexpr (std::is_same_v<T, bool>)
      v = true;
    else if constexpr (std::is_enum_v<T>)
      v = static_cast<T>(1);
    else if constexpr (std::is_signed_v<T>)
      v = static_cast<T>(-1 - salt);
    else
      v = static_cast<T>(1000 + salt);
  };
  int salt = static_cast<int>(k);
#define FILL(member, key, type, doc) \
  if ((f::member & ~(f::seq | f::t))) fill(e.member, salt++);
  CSPTRACE_FIELDS(FILL)
#undef FILL
  return e;
}

}  // namespace

TEST_CASE("every kind with every field round-trips through a binary record", "[binary]") {
  uint8_t buf[binary::kMaxRecordBytes * kKindCount];
  uint8_t* p = buf;
  uint64_t prev_seq = 0;
  int64_t prev_t = 0;
  std::vector<Event> in;
  for (int k = 0; k < kKindCount; ++k) {
    in.push_back(full_event(static_cast<EventKind>(k), 10 + 3 * k, 5000 - 100 * k));
    uint8_t* before = p;
    p = binary::encode_record(p, in.back(), prev_seq, prev_t);
    REQUIRE(size_t(p - before) <= binary::kMaxRecordBytes);
  }
  binary::Cursor c{buf, buf, p};
  prev_seq = 0;
  prev_t = 0;
  for (const Event& want : in) {
    Event got;
    binary::decode_record(c, got, prev_seq, prev_t);
    CHECK(got == want);
  }
  CHECK(c.left() == 0);
}

// The recorder's typed path (encode_unstamped_as, the kind fixed at compile time) against the
// run-time dispatch: the same bytes for every kind, with every optional field present or none,
// and with text ids below and above the limit (those at or above it are written as "").
TEST_CASE("a record encoded for a kind known at compile time has the same bytes", "[binary]") {
  auto typed = [](uint8_t* p, const Event& e, uint32_t limit) -> uint8_t* {
    switch (e.kind) {
      // Unformatted: clang-format would join the macro's use and the #undef into one line.
      // clang-format off
#define TYPED(E, name, req, opt, doc, example) \
  case EventKind::E: return binary::encode_unstamped_as<EventKind::E>(p, e, limit);
      CSPTRACE_KINDS(TYPED)
#undef TYPED
      // clang-format on
      case EventKind::count_: break;
    }
    return p;
  };
  const bool optional = GENERATE(true, false);
  const uint32_t limit = GENERATE(8u, 7u, 1u);  // full_event's text ids are 7 and 1000 + salt
  for (int k = 0; k < kKindCount; ++k) {
    const EventKind kind = static_cast<EventKind>(k);
    Event e = full_event(kind, 1, 1);
    if (!optional) e.present = required_fields(kind);
    uint8_t want[binary::kMaxRecordBytes] = {}, got[binary::kMaxRecordBytes] = {};
    const size_t want_len = size_t(binary::encode_unstamped(want, e, limit) - want);
    const size_t got_len = size_t(typed(got, e, limit) - got);
    INFO(to_string(kind) << (optional ? " with" : " without") << " optional fields, limit "
                         << limit);
    REQUIRE(got_len == want_len);
    CHECK(std::equal(got, got + got_len, want));
  }
}

TEST_CASE("a ping-pong record takes a few bytes", "[binary]") {
  uint8_t buf[binary::kMaxRecordBytes];
  uint64_t prev_seq = 100;
  int64_t prev_t = 1'000'000;
  Event park =
      Event(EventKind::Park).with_proc(2).with_chan(1).with_op(WaitOp::Take).with_thread(1);
  park.seq = 101;
  park.t = 1'000'250;
  size_t n = size_t(binary::encode_record(buf, park, prev_seq, prev_t) - buf);
  CHECK(n <= 9);
}

TEST_CASE("malformed records are refused with a reason", "[binary]") {
  uint64_t s = 0;
  int64_t t = 0;
  Event e;
  auto decode = [&](std::vector<uint8_t> bytes) -> std::string {
    binary::Cursor c{bytes.data(), bytes.data(), bytes.data() + bytes.size()};
    s = 0;
    t = 0;
    try {
      binary::decode_record(c, e, s, t);
    } catch (const std::invalid_argument& ex) {
      return ex.what();
    }
    return "accepted";
  };
  CHECK_THAT(decode({200}), Catch::Contains("unknown event kind number 200"));
  CHECK_THAT(decode({uint8_t(EventKind::Park), 0x7f, 0, 0}), Catch::Contains("optional fields"));
  CHECK_THAT(decode({uint8_t(EventKind::Park), 0, 0}), Catch::Contains("ends in the middle"));
  // park needs proc and op: op 9 is not a WaitOp.
  CHECK_THAT(decode({uint8_t(EventKind::Park), 0, 0, 0, 1, 9}), Catch::Contains("\"op\""));
}

TEST_CASE("the header round-trips and a newer version is refused", "[binary]") {
  TraceHeader h;
  h.program = "ping-pong";
  h.scheduler = "pool";
  h.seed = 42;
  h.clock = "tsc_ns";
  h.start_unix_ns = 1700000000000000000;
  std::string bytes = binary::encode_header(h);
  TraceHeader got;
  auto data = reinterpret_cast<const uint8_t*>(bytes.data());
  REQUIRE(binary::decode_header(data, bytes.size(), got) == bytes.size());
  CHECK(got.program == "ping-pong");
  CHECK(got.seed == 42);
  CHECK(got.start_unix_ns == h.start_unix_ns);
  bytes[8] = char(kFormatVersion + 1);
  try {
    binary::decode_header(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), got);
    FAIL("a newer version was accepted");
  } catch (const binary::HeaderError& ex) {
    CHECK(ex.offset == 8);
    CHECK_THAT(ex.what(), Catch::Contains("newer than this cspscope"));
  }
}
