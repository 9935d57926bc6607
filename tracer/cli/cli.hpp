// Shared pieces of the csptrace verbs: each verb is a function taking its own arguments.
#pragma once

#include <initializer_list>
#include <string>
#include <vector>

namespace csptrace::cli {

using Args = std::vector<std::string>;

// Exit codes shared by every verb.
inline constexpr int kOk = 0;
inline constexpr int kFailed = 1;      // the file was read, and the verb's answer is "no"
inline constexpr int kUnreadable = 2;  // usage error, or the file cannot be used

int cmd_validate(const Args& args);
int cmd_print(const Args& args);
int cmd_schema(const Args& args);
int cmd_export(const Args& args);
int cmd_stats(const Args& args);
int cmd_check(const Args& args);
int cmd_explore(const Args& args);

// True if args holds -h or --help.
bool wants_help(const Args& args);
// Prints "csptrace VERB: message" and a hint to --help on stderr; returns kUnreadable.
int usage_error(const std::string& verb, const std::string& message);
// usage_error for an option the verb does not have, naming the nearest one it has ("did you
// mean --format?") when one is close.
int unknown_option(const std::string& verb, const std::string& option,
                   std::initializer_list<const char*> known);
// The known word closest to `word` by edit distance, or "" when none is within a third of it.
std::string nearest(const std::string& word, std::initializer_list<const char*> known);

}  // namespace csptrace::cli
