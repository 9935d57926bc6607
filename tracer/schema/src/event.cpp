#include <csptrace/event.hpp>

namespace csptrace {

bool Event::operator==(const Event& o) const {
  if (kind != o.kind || present != o.present) return false;
#define CSPTRACE_EVENT_CMP(member, key, type, doc) \
  if ((present & f::member) && !(member == o.member)) return false;
  CSPTRACE_FIELDS(CSPTRACE_EVENT_CMP)
#undef CSPTRACE_EVENT_CMP
  return true;
}

}  // namespace csptrace
