#include "label_fit.hpp"

namespace cspview {

namespace {

// Cut s at a UTF-8 character boundary no later than n bytes.
std::string cut(const std::string& s, size_t n) {
  while (n > 0 && n < s.size() && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
}

}  // namespace

std::string fit_label(const std::string& what, const std::string& where, double max_width,
                      const TextWidth& width) {
  if (!where.empty()) {
    const std::string full = what + " (" + where + ")";
    if (width(full) <= max_width) return full;
    const size_t slash = where.find_last_of('/');
    if (slash != std::string::npos) {
      const std::string file = what + " (" + where.substr(slash + 1) + ")";
      if (width(file) <= max_width) return file;
    }
  }
  if (width(what) <= max_width) return what;
  // Binary search for the longest prefix that fits with its ellipsis.
  size_t lo = 0, hi = what.size();
  while (lo < hi) {
    const size_t mid = (lo + hi + 1) / 2;
    if (width(cut(what, mid) + "…") <= max_width)
      lo = mid;
    else
      hi = mid - 1;
  }
  if (lo == 0) return {};  // a lone "…" says nothing
  return cut(what, lo) + "…";
}

}  // namespace cspview
