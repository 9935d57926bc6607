// ChannelCore: making channels (one allocation: the channel, its buffer and its name), the
// result channel in a go process's block, recording chan_make, and freeing. The operations are
// in channel_core.cpp and channel_close.cpp.
#include <csp/detail/channel_core.hpp>

#include "channel_registry.hpp"
#include "channel_trace.hpp"
#include "runtime.hpp"

#include <csp/errors.hpp>

#include <algorithm>
#include <bit>
#include <cstdlib>
#include <memory>
#include <new>

namespace csp::detail {

using csptrace::BufferKind;

Runtime& runtime_for(const char* what, csp::SourceLocation loc) {
  Runtime* rt = g_runtime.load(std::memory_order_acquire);
  if (rt == nullptr)
    throw ChannelError(format_loc(loc) + ": " + what +
                       " called outside csp::run; start the program with csp::run(options, main)");
  return *rt;
}

namespace {
constexpr std::size_t round_up(std::size_t n, std::size_t align) {
  return (n + align - 1) / align * align;
}
}  // namespace

// Offsets within a channel's allocation: [ChannelCore][extra][buffer][from_][name chars].
struct ChannelCore::Layout {
  std::size_t stride, storage_at, from_at, name_at, extra_at, size, align;
};

ChannelCore::Layout ChannelCore::layout(const ValueOps& ops, std::size_t capacity,
                                        std::size_t name_chars, std::size_t extra_size,
                                        std::size_t extra_align) {
  Layout l{};
  l.stride = round_up(ops.size, ops.align);
  l.extra_at = extra_offset(extra_align);
  l.storage_at = round_up(l.extra_at + extra_size, ops.align);
  l.from_at = round_up(l.storage_at + capacity * l.stride, alignof(csptrace::ProcId));
  l.name_at = l.from_at + capacity * sizeof(csptrace::ProcId);
  l.size = l.name_at + name_chars;
  l.align = std::max({alignof(ChannelCore), ops.align, extra_align});
  return l;
}

void* ChannelCore::allocate(const Layout& l) {
  if (l.align > __STDCPP_DEFAULT_NEW_ALIGNMENT__)
    return ::operator new(l.size, std::align_val_t(l.align));
  return ::operator new(l.size);
}

void ChannelCore::deallocate(void* block, std::size_t align) noexcept {
  if (align > __STDCPP_DEFAULT_NEW_ALIGNMENT__) {
    ::operator delete(block, std::align_val_t(align));
  } else {
    ::operator delete(block);
  }
}

ChannelCore* ChannelCore::construct(void* block, const Layout& l, Runtime& rt, const ValueOps& ops,
                                    BufferKind kind, std::size_t capacity, std::string_view name,
                                    const char* kept_name, NameForm form, ChannelTransform* xform) {
  auto* bytes = static_cast<unsigned char*>(block);
  const char* name_chars = kept_name;
  if (form == NameForm::Plain) {
    char* chars = reinterpret_cast<char*>(bytes + l.name_at);
    name.copy(chars, name.size());
    chars[name.size()] = '\0';
    name_chars = chars;
  }
  const auto align_log2 = static_cast<uint8_t>(std::countr_zero(l.align));
  if (xform) ::new (bytes + l.extra_at) ChannelTransform*(xform);
  auto* ch = new (block)
      ChannelCore(rt, ops, kind, static_cast<uint32_t>(capacity), static_cast<uint32_t>(l.stride),
                  name_chars, form, align_log2, xform != nullptr);
  if (capacity > 0) {
    ch->storage_ = bytes + l.storage_at;
    ch->from_ = reinterpret_cast<csptrace::ProcId*>(bytes + l.from_at);
  }
  return ch;
}

void ChannelCore::destroy(ChannelCore* ch) noexcept {
  if (ch->registered_) ChannelRegistry::remove(ch);
  const std::size_t align = std::size_t{1} << ch->align_log2_;
  ch->~ChannelCore();
  deallocate(ch, align);
}

ChannelCore* ChannelCore::make(const ValueOps& ops, BufferKind kind, std::size_t capacity,
                               std::string_view name, csp::SourceLocation loc, int64_t timer_ns,
                               const Process* result_of, ChannelTransform* xform) {
  std::unique_ptr<ChannelTransform> owned(xform);  // until the channel holds it
  Runtime& rt = runtime_for("csp::chan", loc);
  const bool sized =
      kind == BufferKind::Fixed || kind == BufferKind::Dropping || kind == BufferKind::Sliding;
  // core.async: "buffer must be supplied when transducer is" (a rendezvous has nowhere to put
  // the values one put adds).
  if (xform && !sized)
    throw ChannelError(format_loc(loc) + ": channel '" + std::string(name) +
                       "' has a transform but no buffer; give it one (csp::fixed(n), " +
                       "csp::dropping(n) or csp::sliding(n))");
  if (sized && capacity == 0)
    throw ChannelError(format_loc(loc) + ": channel '" + std::string(name) +
                       "' has a buffer of size 0; use an unbuffered channel (csp::chan<T>(name))");
  if (!sized && kind != BufferKind::Promise) capacity = 0;
  const std::size_t stride = round_up(ops.size, ops.align);
  if (capacity > UINT32_MAX || (capacity > 0 && stride > (SIZE_MAX / 4) / capacity))
    throw ChannelError(format_loc(loc) + ": channel '" + std::string(name) +
                       "' asks for a buffer of " + std::to_string(capacity) +
                       " values, more than fit in memory; use a smaller buffer");
  const NameForm form = name.empty() ? NameForm::Numbered : NameForm::Plain;
  const Layout l =
      layout(ops, capacity, form == NameForm::Plain ? name.size() + 1 : 0,
             xform ? sizeof(ChannelTransform*) : 0, xform ? alignof(ChannelTransform*) : 1);
  ChannelCore* ch =
      construct(allocate(l), l, rt, ops, kind, capacity, name, nullptr, form, owned.release());
  ch->record_make(loc, timer_ns, result_of);
  return ch;
}

ChannelCore::ResultBlock ChannelCore::allocate_result_block(const ValueOps& ops,
                                                            std::size_t process_size,
                                                            std::size_t process_align) {
  const Layout l = layout(ops, 1, 0, process_size, process_align);
  void* block = allocate(l);
  return {block, static_cast<unsigned char*>(block) + l.extra_at, process_size, process_align,
          l.align};
}

void ChannelCore::free_result_block(const ResultBlock& b) noexcept { deallocate(b.block, b.align); }

ChannelCore* ChannelCore::make_result(const ResultBlock& b, const ValueOps& ops, const Process& of,
                                      csp::SourceLocation loc) {
  const Layout l = layout(ops, 1, 0, b.process_size, b.process_align);
  ChannelCore* ch = construct(b.block, l, the_runtime(), ops, BufferKind::Fixed, 1, {},
                              of.name().c_str(), NameForm::ResultOf);
  ch->record_make(loc, -1, &of);
  return ch;
}

void ChannelCore::record_make(csp::SourceLocation loc, int64_t timer_ns, const Process* result_of) {
  if (!rt_.dumps()) {
    trace().make(tl_current, loc, timer_ns, result_of);
    return;
  }
  ChannelFacts facts;
  facts.run = rt_.generation();
  facts.creator = tl_current ? tl_current->id : 0;
  facts.owner = result_of ? result_of->id : 0;
  facts.loc = loc;
  facts.timer_ns = timer_ns;
  // chan_make on the registration's side of a cut's mark (Runtime::dumps()).
  ChannelRegistry::add(this, facts, [&] { trace().make(tl_current, loc, timer_ns, result_of); });
  registered_ = true;
}

ChannelCore::ChannelCore(Runtime& rt, const ValueOps& ops, BufferKind kind, uint32_t capacity,
                         uint32_t stride, const char* name, NameForm form, uint8_t align_log2,
                         bool has_xform)
    : rt_(rt),
      ops_(ops),
      name_(name),
      id_(rt.next_chan_id()),
      cap_(capacity),
      stride_(stride),
      kind_(kind),
      name_form_(form),
      align_log2_(align_log2),
      plain_buffer_(capacity > 0 && kind != BufferKind::Promise && rt.rec == nullptr && !has_xform),
      has_xform_(has_xform) {}

ChannelCore::~ChannelCore() {
  for (std::size_t i = 0; i < count_; ++i) ops_.destroy(slot(i));
  delete xform();  // with its overflow
}

ChannelTransform* ChannelCore::xform() const noexcept {
  if (!has_xform_) return nullptr;
  const auto* at =
      reinterpret_cast<const unsigned char*>(this) + extra_offset(alignof(ChannelTransform*));
  return *std::launder(reinterpret_cast<ChannelTransform* const*>(at));
}

std::string ChannelCore::name() const {
  switch (name_form_) {
    case NameForm::Plain: return name_;
    case NameForm::ResultOf: return std::string("result of ") + name_;
    case NameForm::Numbered: break;
  }
  return "chan-" + std::to_string(id_);
}

}  // namespace csp::detail
