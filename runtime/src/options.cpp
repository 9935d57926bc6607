#include "runtime.hpp"

#include <csp/run.hpp>

#include <csptrace/edit_distance.hpp>
#include <csptrace/schedule_spec.hpp>

#include <charconv>
#include <stdexcept>
#include <string_view>

namespace csp {

namespace {

// The flags from_args reads.
constexpr std::string_view kRuntimeFlags[] = {"--seed",     "--trace",  "--workers",
                                              "--schedule", "--replay", "--trace-ring"};

bool is_runtime_flag(std::string_view flag) {
  for (std::string_view f : kRuntimeFlags)
    if (flag == f) return true;
  return false;
}

uint64_t parse_number(std::string_view flag, std::string_view text) {
  uint64_t v = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || ptr != text.data() + text.size() || text.empty())
    throw std::invalid_argument(std::string(flag) + ": expected a non-negative integer, got '" +
                                std::string(text) + "'");
  return v;
}

}  // namespace

namespace detail {

uint64_t parse_byte_size(std::string_view what, std::string_view text, uint64_t at_least) {
  uint64_t v = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  const std::string_view unit = text.substr(static_cast<std::size_t>(ptr - text.data()));
  int shift = -1;
  if (unit.empty() || unit == "B") shift = 0;
  if (unit == "K" || unit == "KiB") shift = 10;
  if (unit == "M" || unit == "MiB") shift = 20;
  if (unit == "G" || unit == "GiB") shift = 30;
  if (ec != std::errc() || ptr == text.data() || shift < 0 || v == 0 ||
      v > (uint64_t{1} << 40) >> shift)
    throw std::invalid_argument(std::string(what) +
                                ": expected a size such as 64M (K, M or G; at most 1024G), got '" +
                                std::string(text) + "'");
  if ((v << shift) < at_least)
    throw std::invalid_argument(std::string(what) + ": " + std::string(text) +
                                " is too small; give at least " + std::to_string(at_least >> 10) +
                                "K");
  return v << shift;
}

}  // namespace detail

Options Options::from_args(int argc, const char* const* argv) {
  Options o;
  if (argc > 0 && argv[0]) {
    std::string_view prog = argv[0];
    if (auto slash = prog.find_last_of('/'); slash != std::string_view::npos)
      prog.remove_prefix(slash + 1);
    o.program = std::string(prog);
  }
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    std::string_view flag = a, value;
    bool inline_value = false;
    if (auto eq = a.find('='); a.starts_with("--") && eq != std::string_view::npos) {
      flag = a.substr(0, eq);
      value = a.substr(eq + 1);
      inline_value = true;
    }
    if (a == "--") {  // the rest is the program's, whatever it looks like
      o.rest.insert(o.rest.end(), argv + i, argv + argc);
      break;
    }
    if (!is_runtime_flag(flag)) {
      o.rest.emplace_back(a);
      continue;
    }
    if (!inline_value) {
      if (i + 1 >= argc)
        throw std::invalid_argument(std::string(flag) + ": missing value (e.g. " +
                                    std::string(flag) +
                                    (flag == "--trace" || flag == "--replay" ? " run.csptrace)"
                                     : flag == "--schedule"                  ? " pct:seed=1)"
                                     : flag == "--trace-ring"                ? " 64M)"
                                                                             : " 1)"));
      value = argv[++i];
    }
    if (flag == "--seed") o.seed = parse_number(flag, value);
    if (flag == "--workers") o.workers = static_cast<unsigned>(parse_number(flag, value));
    if (flag == "--schedule") {
      try {  // a malformed spec is reported here, naming the flag
        csptrace::ScheduleSpec::parse(value);
      } catch (const std::invalid_argument& e) {
        throw std::invalid_argument(std::string("--schedule: ") + e.what());
      }
      o.schedule = std::string(value);
    }
    if (flag == "--replay") {
      if (value.empty()) throw std::invalid_argument("--replay: empty path");
      o.replay = std::string(value);
    }
    if (flag == "--trace-ring")
      o.trace_ring_bytes = detail::parse_byte_size(flag, value, detail::kMinRingBytes);
    if (flag == "--trace") {
      if (value.empty()) throw std::invalid_argument("--trace: empty path");
      o.trace_path = std::string(value);
    }
  }
  return o;
}

std::string Options::unknown_flag(std::initializer_list<std::string_view> own) const {
  for (const std::string& word : rest) {
    if (word == "--") break;
    if (word.size() < 2 || word[0] != '-') continue;
    const std::string_view flag = std::string_view(word).substr(0, word.find('='));
    bool known = false;
    for (std::string_view f : own) known = known || flag == f;
    if (known) continue;
    std::string_view best;
    size_t best_d = size_t(-1);
    std::string all;
    auto consider = [&](std::string_view f) {
      if (const size_t d = csptrace::edit_distance(flag, f); d < best_d) best = f, best_d = d;
      all += (all.empty() ? "" : " ") + std::string(f);
    };
    for (std::string_view f : kRuntimeFlags) consider(f);
    for (std::string_view f : own) consider(f);
    return "unknown flag " + std::string(flag) + "; did you mean " + std::string(best) +
           "? (flags: " + all + ")";
  }
  return {};
}

int RunResult::exit_code() const noexcept {
  switch (status) {
    case RunStatus::Ok: return 0;
    case RunStatus::Error: return 1;
    case RunStatus::Deadlock: return 2;
  }
  return 1;
}

}  // namespace csp
