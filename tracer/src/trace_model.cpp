#include <csptrace/trace_model.hpp>

#include <stdexcept>

namespace csptrace {

Event TraceModel::event(size_t i) const {
  Event e(kind_[i]);
  e.present = present_[i];
#define CSPTRACE_MODEL_GET(member, key, type, doc) e.member = col_##member##_[i];
  CSPTRACE_FIELDS(CSPTRACE_MODEL_GET)
#undef CSPTRACE_MODEL_GET
  return e;
}

std::string TraceModel::value_text(const Value& v) const {
  switch (v.kind) {
    case Value::Kind::None: return {};
    case Value::Kind::Int: return std::to_string(v.num);
    case Value::Kind::Text: return "\"" + std::string(str(v.text)) + "\"";
  }
  return {};
}

uint32_t TraceModel::process_index(ProcId id) const {
  auto it = proc_by_id_.find(id);
  return it == proc_by_id_.end() ? kNone : it->second;
}

uint32_t TraceModel::channel_index(ChanId id) const {
  auto it = chan_by_id_.find(id);
  return it == chan_by_id_.end() ? kNone : it->second;
}

size_t TraceModel::memory_bytes() const {
  size_t per_event = sizeof(EventKind) + sizeof(FieldMask) + 5 * sizeof(uint32_t);
#define CSPTRACE_MODEL_SIZE(member, key, type, doc) per_event += sizeof(type);
  CSPTRACE_FIELDS(CSPTRACE_MODEL_SIZE)
#undef CSPTRACE_MODEL_SIZE
  return per_event * size() + strings_.bytes();
}

TraceModelBuilder::TraceModelBuilder(std::string source) { model_.source_ = std::move(source); }

void TraceModelBuilder::reserve(size_t n) {
  model_.kind_.reserve(n);
  model_.present_.reserve(n);
#define CSPTRACE_MODEL_RESERVE(member, key, type, doc) model_.col_##member##_.reserve(n);
  CSPTRACE_FIELDS(CSPTRACE_MODEL_RESERVE)
#undef CSPTRACE_MODEL_RESERVE
  for (auto* v : {&model_.proc_ix_, &model_.partner_ix_, &model_.from_ix_, &model_.to_ix_,
                  &model_.chan_ix_})
    v->reserve(n);
}

uint32_t TraceModelBuilder::require_proc(ProcId id, std::string_view field,
                                         bool allow_none) const {
  if (id == 0 && allow_none) return kNone;
  uint32_t ix = model_.process_index(id);
  if (ix == kNone)
    throw std::invalid_argument(std::string(field) + " " + std::to_string(id) +
                                " refers to a process that no earlier spawn event declared");
  return ix;
}

uint32_t TraceModelBuilder::require_chan(ChanId id) const {
  uint32_t ix = model_.channel_index(id);
  if (ix == kNone)
    throw std::invalid_argument("chan " + std::to_string(id) +
                                " refers to a channel that no earlier chan_make event declared");
  return ix;
}

namespace {

std::string missing_fields(FieldMask missing) {
  std::string out;
  for (int i = 0; i < kFieldCount; ++i)
    if (missing & (FieldMask{1} << i)) {
      if (!out.empty()) out += ", ";
      out += field_key(static_cast<Field>(i));
    }
  return out;
}

}  // namespace

void TraceModelBuilder::add(const Event& e) {
  auto& m = model_;
  const std::string kname(to_string(e.kind));
  if (static_cast<int>(e.kind) >= kKindCount) throw std::invalid_argument("unknown event kind");
  if (ended_) throw std::invalid_argument("event after the end event (end must be last)");
  FieldMask req = required_fields(e.kind), opt = optional_fields(e.kind);
  if (FieldMask miss = req & ~e.present)
    throw std::invalid_argument(kname + " event lacks required field(s): " + missing_fields(miss));
  if (FieldMask extra = e.present & ~(req | opt))
    throw std::invalid_argument(kname + " event does not take field(s): " + missing_fields(extra));
  if (!m.col_seq_.empty() && e.seq <= m.col_seq_.back())
    throw std::invalid_argument("seq " + std::to_string(e.seq) +
                                " does not increase (previous event has seq " +
                                std::to_string(m.col_seq_.back()) + ")");
  if (e.t < 0) throw std::invalid_argument("t is negative (" + std::to_string(e.t) + ")");
  auto check_str = [&](StrId s, const char* what) {
    if (!m.strings_.contains(s))
      throw std::invalid_argument(std::string(what) + " refers to an unknown string");
  };
  check_str(e.name, "name");
  check_str(e.message, "message");
  check_str(e.label, "label");
  check_str(e.loc, "loc");
  if (e.value.kind == Value::Kind::Text) check_str(e.value.text, "value");

  const size_t index = m.size();
  uint32_t proc_ix = kNone, chan_ix = kNone;
  switch (e.kind) {
    case EventKind::Spawn: {
      if (e.proc == 0) throw std::invalid_argument("spawn: proc 0 is reserved for \"no process\"");
      if (m.process_index(e.proc) != kNone)
        throw std::invalid_argument("spawn: process " + std::to_string(e.proc) +
                                    " was already spawned");
      ProcessInfo p;
      p.id = e.proc;
      p.name = std::string(m.str(e.name));
      p.mode = e.mode;
      p.parent = e.has(Field::partner) ? require_proc(e.partner, "partner", true) : kNone;
      p.loc = std::string(m.str(e.loc));
      p.spawn_event = index;
      proc_ix = static_cast<uint32_t>(m.processes_.size());
      m.proc_by_id_.emplace(e.proc, proc_ix);
      m.processes_.push_back(std::move(p));
      break;
    }
    case EventKind::ChanMake: {
      if (e.chan == 0) throw std::invalid_argument("chan_make: chan 0 is reserved for \"no channel\"");
      if (m.channel_index(e.chan) != kNone)
        throw std::invalid_argument("chan_make: channel " + std::to_string(e.chan) +
                                    " was already made");
      ChannelInfo c;
      c.id = e.chan;
      c.name = std::string(m.str(e.name));
      c.buffer = e.buffer;
      c.cap = e.cap;
      c.duration = e.duration;
      c.loc = std::string(m.str(e.loc));
      c.make_event = index;
      chan_ix = static_cast<uint32_t>(m.channels_.size());
      m.chan_by_id_.emplace(e.chan, chan_ix);
      m.channels_.push_back(std::move(c));
      break;
    }
    default: break;
  }
  if (proc_ix == kNone && e.has(Field::proc)) proc_ix = require_proc(e.proc, "proc", true);
  if (chan_ix == kNone && e.has(Field::chan)) chan_ix = require_chan(e.chan);
  uint32_t partner_ix = e.has(Field::partner) ? require_proc(e.partner, "partner", true) : kNone;
  uint32_t from_ix = e.has(Field::from) ? require_proc(e.from, "from", false) : kNone;
  uint32_t to_ix = e.has(Field::to) ? require_proc(e.to, "to", false) : kNone;

  if ((e.kind == EventKind::Park || e.kind == EventKind::Block || e.kind == EventKind::Stuck) &&
      e.op != WaitOp::Alts && !e.has(Field::chan))
    throw std::invalid_argument(kname + " with op " + std::string(to_string(e.op)) +
                                " needs the chan it waits on");
  if (e.kind == EventKind::Exit) {
    auto& p = m.processes_[proc_ix];
    if (p.exit_event != kNone)
      throw std::invalid_argument("exit: process " + std::to_string(e.proc) + " (" + p.name +
                                  ") already exited at event " + std::to_string(p.exit_event));
    p.exit_event = index;
    p.status = e.status;
    p.error = std::string(m.str(e.message));
  }
  if (e.kind == EventKind::ChanClose && m.channels_[chan_ix].close_event == kNone)
    m.channels_[chan_ix].close_event = index;
  if (e.kind == EventKind::End) {
    ended_ = true;
    m.complete_ = true;
    m.end_reason_ = e.reason;
  }

  m.kind_.push_back(e.kind);
  m.present_.push_back(e.present);
#define CSPTRACE_MODEL_PUSH(member, key, type, doc) m.col_##member##_.push_back(e.member);
  CSPTRACE_FIELDS(CSPTRACE_MODEL_PUSH)
#undef CSPTRACE_MODEL_PUSH
  m.proc_ix_.push_back(proc_ix);
  m.partner_ix_.push_back(partner_ix);
  m.from_ix_.push_back(from_ix);
  m.to_ix_.push_back(to_ix);
  m.chan_ix_.push_back(chan_ix);
}

TraceModel TraceModelBuilder::finish() && {
  if (!ended_) {
    model_.complete_ = false;
    model_.end_reason_ = EndReason::Truncated;
    model_.warnings_.push_back("the trace has no end event: the recording was cut short after " +
                               std::to_string(model_.size()) + " events");
  }
  return std::move(model_);
}

}  // namespace csptrace
