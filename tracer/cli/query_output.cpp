#include "query_output.hpp"

#include <csptrace/utf8_text.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

namespace csptrace::cli {

namespace {

std::string real_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.15g", v);
  return buf;
}

// Column c of the current row as text: NULL as "", numbers in decimal, texts and blobs as
// their bytes.
std::string cell(const SqlStatement& s, int c) {
  switch (s.column_type(c)) {
    case SqlType::Null: return {};
    case SqlType::Integer: return std::to_string(s.column_int(c));
    case SqlType::Real: return real_text(s.column_real(c));
    case SqlType::Text:
    case SqlType::Blob: break;
  }
  return std::string(s.column_text(c));
}

// Characters (code points) in UTF-8 text, for alignment.
size_t width(std::string_view s) {
  return static_cast<size_t>(
      std::count_if(s.begin(), s.end(), [](char ch) { return (ch & 0xC0) != 0x80; }));
}

// A cell as the table shows it: control characters as spaces, cut to `max` characters.
std::string fit(const std::string& raw, size_t max) {
  std::string s = valid_utf8(raw);
  for (char& ch : s)
    if (static_cast<unsigned char>(ch) < 0x20) ch = ' ';
  if (width(s) <= max) return s;
  std::string out;
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((s[i] & 0xC0) != 0x80 && ++n == max) break;
    out += s[i];
  }
  return out + "…";
}

class AlignedTable {
 public:
  AlignedTable(SqlStatement& s, std::ostream& out) : s_(s), out_(out), cols_(s.columns()) {}

  uint64_t run() {
    std::vector<std::string> header;
    for (int c = 0; c < cols_; ++c)
      header.push_back(fit(std::string(s_.column_name(c)), kTableMaxWidth));
    widths_.assign(cols_, 0);
    numeric_.assign(cols_, true);
    for (int c = 0; c < cols_; ++c) widths_[c] = width(header[c]);
    // The first rows size the columns; later rows are cut to those widths.
    std::vector<std::vector<std::string>> sample;
    bool more = true;
    while (sample.size() < size_t(kTableSampleRows) && (more = s_.step()))
      sample.push_back(row(true));
    print(header, false);
    std::string rule;
    for (int c = 0; c < cols_; ++c) rule += (c ? "-+-" : "") + std::string(widths_[c], '-');
    out_ << rule << '\n';
    uint64_t rows = 0;
    for (const auto& r : sample) print(r, true), ++rows;
    while (more && out_ && s_.step()) print(row(false), true), ++rows;
    out_ << '(' << rows << (rows == 1 ? " row)\n" : " rows)\n");
    return rows;
  }

 private:
  std::vector<std::string> row(bool sizing) {
    std::vector<std::string> r;
    for (int c = 0; c < cols_; ++c) {
      const SqlType t = s_.column_type(c);
      if (sizing && t != SqlType::Integer && t != SqlType::Real && t != SqlType::Null)
        numeric_[c] = false;
      r.push_back(fit(cell(s_, c), sizing ? kTableMaxWidth : widths_[c]));
      if (sizing) widths_[c] = std::max(widths_[c], width(r.back()));
    }
    return r;
  }

  void print(const std::vector<std::string>& r, bool align_numbers) {
    std::string line;
    for (int c = 0; c < cols_; ++c) {
      const std::string pad(widths_[c] - std::min(widths_[c], width(r[c])), ' ');
      if (c) line += " | ";
      line += align_numbers && numeric_[c] ? pad + r[c] : r[c] + (c + 1 < cols_ ? pad : "");
    }
    out_ << line << '\n';
  }

  SqlStatement& s_;
  std::ostream& out_;
  int cols_;
  std::vector<size_t> widths_;
  std::vector<bool> numeric_;  // every sampled value a number or NULL: right-aligned
};

std::string csv_field(const std::string& v) {
  if (v.find_first_of(",\"\r\n") == std::string::npos &&
      (v.empty() || (v.front() != ' ' && v.back() != ' ')))
    return v;
  std::string q = "\"";
  for (char ch : v) q += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return q + '"';
}

uint64_t write_csv(SqlStatement& s, std::ostream& out) {
  const int cols = s.columns();
  for (int c = 0; c < cols; ++c) out << (c ? "," : "") << csv_field(std::string(s.column_name(c)));
  out << '\n';
  uint64_t rows = 0;
  while (out && s.step()) {
    for (int c = 0; c < cols; ++c) out << (c ? "," : "") << csv_field(cell(s, c));
    out << '\n';
    ++rows;
  }
  return rows;
}

nlohmann::json json_cell(const SqlStatement& s, int c) {
  switch (s.column_type(c)) {
    case SqlType::Null: return nullptr;
    case SqlType::Integer: return s.column_int(c);
    case SqlType::Real: return s.column_real(c);
    case SqlType::Text:
    case SqlType::Blob: break;
  }
  return valid_utf8(s.column_text(c));
}

uint64_t write_json(SqlStatement& s, std::ostream& out) {
  const int cols = s.columns();
  std::vector<std::string> keys;
  for (int c = 0; c < cols; ++c)
    keys.push_back(nlohmann::json(valid_utf8(s.column_name(c))).dump() + ":");
  out << '[';
  uint64_t rows = 0;
  while (out && s.step()) {
    out << (rows ? ",\n" : "\n") << '{';
    for (int c = 0; c < cols; ++c)
      out << (c ? "," : "") << keys[c]
          << json_cell(s, c).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    out << '}';
    ++rows;
  }
  out << (rows ? "\n]\n" : "]\n");
  return rows;
}

}  // namespace

uint64_t write_query_rows(SqlStatement& s, QueryFormat format, std::ostream& out) {
  switch (format) {
    case QueryFormat::Table: return AlignedTable(s, out).run();
    case QueryFormat::Csv: return write_csv(s, out);
    case QueryFormat::Json: return write_json(s, out);
  }
  return 0;
}

}  // namespace csptrace::cli
