#include "step_digest.hpp"

#include <functional>
#include <string_view>

namespace csptrace::diff_detail {

namespace {

// Adds x to the running hash h (a multiply-xorshift step: every bit of x reaches every bit).
uint64_t mix(uint64_t h, uint64_t x) {
  h ^= x + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
  h *= 0xbf58476d1ce4e5b9ull;
  return h ^ (h >> 31);
}

uint64_t text_digest(const TraceModel& m, StrId s) {
  return std::hash<std::string_view>{}(m.str(s));
}

// A text field's digest; an absent one is no text at all, unlike every present one.
uint64_t field_digest(const TraceModel& m, const Event& e, FieldMask field, StrId s) {
  return (e.present & field) ? mix(2, text_digest(m, s)) : 3;
}

}  // namespace

uint64_t value_digest(const TraceModel& m, const Value& v) {
  uint64_t h = mix(0, static_cast<uint64_t>(v.kind));
  if (v.kind == Value::Kind::Int) return mix(h, static_cast<uint64_t>(v.num));
  if (v.kind == Value::Kind::Text) return mix(h, text_digest(m, v.text));
  return h;
}

uint64_t step_digest(const TraceModel& m, size_t i, uint32_t proc, uint32_t chan_in_a,
                     StepCompare how) {
  constexpr FieldMask kCompared = f::value | f::op | f::index | f::status | f::message | f::label |
                                  f::duration | f::mode | f::buffer | f::cap;
  const StepOp op = step_op(m, i, proc);
  uint64_t h = mix(1, static_cast<uint64_t>(op));
  if (op == StepOp::Other) h = mix(h, static_cast<uint64_t>(m.kind(i)));
  h = mix(h, chan_in_a);
  const Event e = m.event(i, kCompared);
  if (!how.ignore_values) h = mix(h, value_digest(m, e.value));
  if (op != StepOp::Other) return h;
  // The same kind: what the process chose or was told, never the interleaving.
  h = mix(h, static_cast<uint64_t>(e.op));
  h = mix(h, static_cast<uint64_t>(static_cast<int64_t>(e.index)));
  h = mix(h, static_cast<uint64_t>(e.status));
  h = mix(h, field_digest(m, e, f::message, e.message));
  h = mix(h, field_digest(m, e, f::label, e.label));
  h = mix(h, static_cast<uint64_t>(e.duration));
  h = mix(h, static_cast<uint64_t>(e.mode));
  h = mix(h, static_cast<uint64_t>(e.buffer));
  return mix(h, e.cap);
}

RunDigest::Decision decision_of(const TraceModel& m, size_t i, uint32_t proc_in_a,
                                uint32_t chan_in_a) {
  const Event e = m.event(i, f::decision | f::options | f::index | f::alt);
  RunDigest::Decision k;
  k.event = static_cast<uint32_t>(i);
  k.proc = proc_in_a;
  k.chan = chan_in_a;
  k.options = e.options;
  k.index = static_cast<uint32_t>(e.index);
  k.alt = e.alt;
  k.decision = static_cast<uint8_t>(e.decision);
  return k;
}

}  // namespace csptrace::diff_detail
