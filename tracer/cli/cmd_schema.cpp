// `csptrace schema`: the reference part of docs/trace-format.md, generated from schema.hpp so
// the document cannot drift from the code (a test compares them).
#include "cli.hpp"

#include <csptrace/schema.hpp>

#include <iostream>
#include <string>

namespace csptrace::cli {

namespace {

std::string field_list(FieldMask mask) {
  std::string out;
  for (int i = 0; i < kFieldCount; ++i) {
    auto fl = static_cast<Field>(i);
    if (!(mask & (FieldMask{1} << i)) || fl == Field::seq || fl == Field::t || fl == Field::thread)
      continue;
    if (!out.empty()) out += ", ";
    out += "`" + std::string(field_key(fl)) + "`";
  }
  return out.empty() ? "—" : out;
}

template <class Names>
void enum_row(const char* field, Names names) {
  std::cout << "| `" << field << "` | ";
  bool first = true;
  for (auto [name, doc] : names) {
    std::cout << (first ? "" : "<br>") << "`" << name << "`: " << doc;
    first = false;
  }
  std::cout << " |\n";
}

#define CSPTRACE_ENUM_PAIR(E, name, doc) std::pair<const char*, const char*>{name, doc},

}  // namespace

int cmd_schema(const Args& args) {
  if (wants_help(args)) {
    std::cout << "usage: csptrace schema\n\nPrints the event reference of the trace format "
                 "(Markdown), generated from the schema the tools are built with.\n";
    return kOk;
  }
  if (!args.empty()) return usage_error("schema", "takes no arguments");
  std::cout << "Format version: **" << kFormatVersion << "**.\n\n"
            << "### Fields\n\n"
               "Every event has `seq` and `t`, may have `thread`, and has the fields its kind "
               "lists below. Any other field is an error.\n\n"
               "| key | meaning |\n|---|---|\n";
  for (int i = 0; i < kFieldCount; ++i) {
    auto fl = static_cast<Field>(i);
    std::cout << "| `" << field_key(fl) << "` | " << field_doc(fl) << " |\n";
  }
  std::cout << "\n### Values of enumerated fields\n\n| field | values |\n|---|---|\n";
  enum_row("mode", std::initializer_list<std::pair<const char*, const char*>>{
                                 CSPTRACE_PROC_MODES(CSPTRACE_ENUM_PAIR)});
  enum_row("buffer", std::initializer_list<std::pair<const char*, const char*>>{
                                     CSPTRACE_BUFFER_KINDS(CSPTRACE_ENUM_PAIR)});
  enum_row("op", std::initializer_list<std::pair<const char*, const char*>>{
                             CSPTRACE_WAIT_OPS(CSPTRACE_ENUM_PAIR)});
  enum_row("via", std::initializer_list<std::pair<const char*, const char*>>{
                           CSPTRACE_VIAS(CSPTRACE_ENUM_PAIR)});
  enum_row("rule", std::initializer_list<std::pair<const char*, const char*>>{
                                CSPTRACE_ALT_RULES(CSPTRACE_ENUM_PAIR)});
  enum_row("status", std::initializer_list<std::pair<const char*, const char*>>{
                                     CSPTRACE_EXIT_STATUSES(CSPTRACE_ENUM_PAIR)});
  enum_row("reason", std::initializer_list<std::pair<const char*, const char*>>{
                                    CSPTRACE_END_REASONS(CSPTRACE_ENUM_PAIR)});
  std::cout << "\n### Event kinds\n";
  for (int k = 0; k < kKindCount; ++k) {
    auto kind = static_cast<EventKind>(k);
    std::cout << "\n#### `" << to_string(kind) << "`\n\n"
              << kind_doc(kind) << ".\n\n"
              << "- required: " << field_list(required_fields(kind)) << "\n"
              << "- optional: " << field_list(optional_fields(kind)) << "\n\n"
              << "```json\n" << kind_example(kind) << "\n```\n";
  }
  return kOk;
}

}  // namespace csptrace::cli
