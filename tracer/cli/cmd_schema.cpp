// `csptrace schema`: the reference part of docs/trace-format.md, generated from schema.hpp so
// the document cannot drift from the code (a test compares them).
#include "cli.hpp"

#include <csptrace/schema.hpp>

#include <iostream>
#include <string>
#include <type_traits>

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

// One row per enumerated field, with the values its type's table lists.
template <class T>
void enum_row(Field fl) {
  if constexpr (std::is_enum_v<T>) {
    std::cout << "| `" << field_key(fl) << "` | ";
    for (std::size_t i = 0; i < enum_count<T>(); ++i)
      std::cout << (i ? "<br>" : "") << "`" << EnumTable<T>::entries[i].name
                << "`: " << EnumTable<T>::entries[i].doc;
    std::cout << " |\n";
  }
}

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
#define CSPTRACE_SCHEMA_ENUM_ROW(member, key, type, doc) enum_row<type>(Field::member);
  CSPTRACE_FIELDS(CSPTRACE_SCHEMA_ENUM_ROW)
#undef CSPTRACE_SCHEMA_ENUM_ROW
  std::cout << "\n### Event kinds\n";
  for (int k = 0; k < kKindCount; ++k) {
    auto kind = static_cast<EventKind>(k);
    std::cout << "\n#### `" << to_string(kind) << "`\n\n"
              << kind_doc(kind) << ".\n\n"
              << "- required: " << field_list(required_fields(kind)) << "\n"
              << "- optional: " << field_list(optional_fields(kind)) << "\n\n"
              << "```json\n"
              << kind_example(kind) << "\n```\n";
  }
  return kOk;
}

}  // namespace csptrace::cli
