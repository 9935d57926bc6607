#include "command_line.hpp"

#include <csptrace/edit_distance.hpp>

#include <QCommandLineParser>
#include <QRegularExpression>

#include <algorithm>
#include <cstring>
#include <vector>

namespace cspview {

bool wants_screenshot(int argc, char** argv) {
  for (int i = 1; i < argc; ++i)
    for (const char* o : {"--screenshot", "--export-steps"})
      if (std::strcmp(argv[i], o) == 0 ||
          (std::strncmp(argv[i], o, std::strlen(o)) == 0 && argv[i][std::strlen(o)] == '='))
        return true;
  return false;
}

std::optional<double> parse_time(const QString& text) {
  static const QRegularExpression re(
      QStringLiteral("^\\s*([0-9]*\\.?[0-9]+)\\s*(ns|us|µs|ms|s)?\\s*$"));
  const auto m = re.match(text);
  if (!m.hasMatch()) return std::nullopt;
  const double v = m.captured(1).toDouble();
  const QString unit = m.captured(2);
  const double scale = unit == QStringLiteral("s")                                    ? 1e9
                       : unit == QStringLiteral("ms")                                 ? 1e6
                       : unit == QStringLiteral("us") || unit == QStringLiteral("µs") ? 1e3
                                                                                      : 1;
  return v * scale;
}

QString nearest_option(const QString& unknown, const QStringList& known) {
  QString best;
  size_t best_d = size_t(-1);
  const std::string word = unknown.toStdString();
  for (const QString& k : known)
    if (const size_t d = csptrace::edit_distance(word, k.toStdString()); d < best_d)
      best_d = d, best = k;
  return best;
}

CommandLine parse_command_line(const QStringList& args) {
  CommandLine out;
  QCommandLineParser p;
  p.setApplicationDescription(
      QStringLiteral("cspview: view, step through and debug cspscope traces."));
  p.addPositionalArgument(QStringLiteral("FILE"),
                          QStringLiteral("trace to open (.jsonl or .csptrace)"));
  QCommandLineOption at(
      QStringLiteral("at"),
      QStringLiteral("put the cursor on event EVENT, numbered as csptrace print numbers it (#1 is "
                     "the first), or on the bookmark of the lecture script titled NAME "
                     "(bookmark:NAME)"),
      QStringLiteral("EVENT|bookmark:NAME"));
  QCommandLineOption shot(
      QStringLiteral("screenshot"),
      QStringLiteral("render the window to OUT.png, or the view shown to OUT.svg (names and values "
                     "as text), and exit (offscreen when there is no display)"),
      QStringLiteral("OUT.png|OUT.svg"));
  QCommandLineOption json(
      QStringLiteral("view-json"),
      QStringLiteral("with --screenshot: also write what the window shows as JSON (visible_ns, "
                     "run_ns, cursor_event, finding, caption, ...)"),
      QStringLiteral("OUT.json"));
  QCommandLineOption view(
      QStringLiteral("view"),
      QStringLiteral("the view to show: timeline, sequence (the sequence chart) or network; or, "
                     "with a colon, the timeline's time from BEGIN to END (trace time, e.g. "
                     "400us:560us; ns without a unit) instead of the whole run"),
      QStringLiteral("NAME|BEGIN:END"));
  QCommandLineOption steps(
      QStringLiteral("export-steps"),
      QStringLiteral("write the view shown at every step as numbered PNGs into DIR (for slides) "
                     "and exit"),
      QStringLiteral("DIR"));
  QCommandLineOption from(QStringLiteral("from"),
                          QStringLiteral("with --export-steps: the first event number"),
                          QStringLiteral("N"));
  QCommandLineOption to(QStringLiteral("to"),
                        QStringLiteral("with --export-steps: the last event number"),
                        QStringLiteral("M"));
  QCommandLineOption size(QStringLiteral("size"), QStringLiteral("window size, default 1280x800"),
                          QStringLiteral("WxH"));
  QCommandLineOption dark(QStringLiteral("dark"), QStringLiteral("dark theme"));
  QCommandLineOption present(
      QStringLiteral("presentation"),
      QStringLiteral("presentation mode: full screen, large type, panels hidden"));
  QCommandLineOption compare(
      QStringLiteral("compare"),
      QStringLiteral("compare FILE (above) with the run B (below): stepped together, the "
                     "first divergence shown, ] and [ for the next and previous difference"),
      QStringLiteral("B"));
  QCommandLineOption follow(
      QStringLiteral("follow"),
      QStringLiteral("FILE is still being written by a running program: show it as it grows, "
                     "the newest events in view, until the trace ends or its writer goes away"));
  QCommandLineOption long_wait(
      QStringLiteral("long-wait"),
      QStringLiteral("with --follow: show a wait as a possible problem once it has lasted "
                     "SECONDS (default 5)"),
      QStringLiteral("SECONDS"));
  QCommandLineOption help = p.addHelpOption();
  QCommandLineOption version = p.addVersionOption();
  p.addOptions(
      {at, shot, json, view, steps, from, to, size, dark, present, compare, follow, long_wait});
  QCommandLineOption source_dir(
      QStringLiteral("source-dir"),
      QStringLiteral("look for the program's sources in DIR too (the source pane)"),
      QStringLiteral("DIR"));
  p.addOption(source_dir);
  // "Usage: cspview ...", whether or not a QCoreApplication exists yet (it may not, see main).
  out.help_text = p.helpText();
  static const QRegularExpression usage(QStringLiteral("^Usage: \\S+"));
  out.help_text.replace(usage, QStringLiteral("Usage: cspview"));
  // An unknown option is named with the nearest known one, before Qt's own message.
  QStringList known;
  for (const QCommandLineOption& o : {at, shot, json, view, steps, from, to, size, dark, present,
                                      compare, follow, long_wait, help, version})
    for (const QString& n : o.names())
      known << (n.size() == 1 ? QStringLiteral("-") : QStringLiteral("--")) + n;
  known << QStringLiteral("--help-all");  // QCommandLineParser's own
  known << QStringLiteral("--source-dir");
  for (qsizetype i = 1; i < args.size(); ++i) {
    const QString& a = args[i];
    if (a == QStringLiteral("--")) break;
    if (!a.startsWith(QLatin1Char('-')) || a == QStringLiteral("-")) continue;
    const QString name = a.section(QLatin1Char('='), 0, 0);
    if (!known.contains(name)) {
      out.error = QStringLiteral("unknown option %1; did you mean %2?")
                      .arg(name, nearest_option(name, known));
      return out;
    }
  }
  if (!p.parse(args)) {
    out.error = p.errorText();
    return out;
  }
  out.help = p.isSet(help) || p.isSet(version);
  if (p.isSet(version)) out.help_text = QStringLiteral("cspview " CSPVIEW_VERSION "\n");
  const QStringList pos = p.positionalArguments();
  if (pos.size() > 1) {
    out.error = QStringLiteral("one trace file at a time, got %1: %2")
                    .arg(pos.size())
                    .arg(pos.join(QStringLiteral(", ")));
    return out;
  }
  if (!pos.isEmpty()) out.file = pos.front();
  // An event number as csptrace prints it ("74" or "#74").
  auto number = [](QString v) -> std::optional<uint64_t> {
    bool ok = false;
    if (v.startsWith(QLatin1Char('#'))) v.remove(0, 1);
    const qulonglong n = v.toULongLong(&ok);
    return ok ? std::optional<uint64_t>(n) : std::nullopt;
  };
  if (p.isSet(at)) {
    const QString v = p.value(at);
    if (v.startsWith(QStringLiteral("bookmark:"))) {
      out.at_bookmark = v.mid(9);
      if (out.at_bookmark.isEmpty()) {
        out.error = QStringLiteral("--at bookmark:NAME needs the bookmark's title after the colon");
        return out;
      }
    } else if (const auto n = number(v)) {
      out.at = *n;
    } else {
      out.error = QStringLiteral(
                      "--at takes an event number as csptrace prints it (1, 2, … or #74) or "
                      "bookmark:NAME, not \"%1\"")
                      .arg(v);
      return out;
    }
  }
  for (const auto& [opt, into] : {std::pair{&from, &out.from}, std::pair{&to, &out.to}}) {
    if (!p.isSet(*opt)) continue;
    *into = number(p.value(*opt));
    if (!*into) {
      out.error = QStringLiteral("--%1 takes an event number as csptrace prints it, not \"%2\"")
                      .arg(opt->names().front(), p.value(*opt));
      return out;
    }
  }
  if ((out.from || out.to) && !p.isSet(steps)) {
    out.error = QStringLiteral("--from and --to go with --export-steps DIR");
    return out;
  }
  if (out.from && out.to && *out.to < *out.from) {
    out.error = QStringLiteral("--to %1 comes before --from %2").arg(*out.to).arg(*out.from);
    return out;
  }
  out.export_steps = p.value(steps);
  if (p.isSet(steps) && out.export_steps.isEmpty()) {
    out.error = QStringLiteral("--export-steps needs a folder");
    return out;
  }
  if (p.isSet(size)) {
    static const QRegularExpression wxh(QStringLiteral("^(\\d+)x(\\d+)$"));
    const auto mt = wxh.match(p.value(size));
    const int w = mt.hasMatch() ? mt.captured(1).toInt() : 0,
              h = mt.hasMatch() ? mt.captured(2).toInt() : 0;
    if (w < 320 || h < 240 || w > 10000 || h > 10000) {
      out.error = QStringLiteral(
                      "--size takes WIDTHxHEIGHT between 320x240 and 10000x10000, e.g. 1600x900, "
                      "not \"%1\"")
                      .arg(p.value(size));
      return out;
    }
    out.size = QSize(w, h);
  }
  static const QRegularExpression view_word(QStringLiteral("^[a-z][a-z-]*$"));
  if (p.isSet(view) && view_word.match(p.value(view)).hasMatch()) {
    out.view_name = p.value(view);  // a view's name; the window knows which exist
  } else if (p.isSet(view)) {
    const QStringList ends = p.value(view).split(QLatin1Char(':'));
    const auto b = ends.size() == 2 ? parse_time(ends[0]) : std::nullopt;
    const auto e = ends.size() == 2 ? parse_time(ends[1]) : std::nullopt;
    if (!b || !e || *e <= *b) {
      out.error =
          QStringLiteral(
              "--view takes a view's name (timeline, sequence, network) or BEGIN:END with BEGIN "
              "before END, e.g. 400us:560us, not \"%1\"")
              .arg(p.value(view));
      return out;
    }
    out.view = std::pair(*b, *e);
  }
  out.screenshot = p.value(shot);
  out.view_json = p.value(json);
  if (p.isSet(shot) && out.screenshot.isEmpty())
    out.error = QStringLiteral("--screenshot needs a file name");
  if (p.isSet(json) && out.view_json.isEmpty())
    out.error = QStringLiteral("--view-json needs a file name");
  if (p.isSet(json) && !p.isSet(shot))
    out.error = QStringLiteral("--view-json goes with --screenshot OUT.png");
  out.dark = p.isSet(dark);
  out.presentation = p.isSet(present);
  out.compare = p.value(compare);
  if (p.isSet(compare) && (out.compare.isEmpty() || out.file.isEmpty()))
    out.error = QStringLiteral(
        "--compare B compares the trace FILE with B: give both, e.g. cspview a.csptrace --compare "
        "b.csptrace");
  out.source_dir = p.value(source_dir);
  out.follow = p.isSet(follow);
  if (out.follow && out.file.isEmpty())
    out.error = QStringLiteral("--follow needs the trace to follow: cspview --follow FILE");
  if (p.isSet(long_wait)) {
    bool ok = false;
    const double s = p.value(long_wait).toDouble(&ok);
    if (!ok || s < 0)
      out.error = QStringLiteral("--long-wait takes a number of seconds (5, 0.5), not \"%1\"")
                      .arg(p.value(long_wait));
    else
      out.long_wait_ns = int64_t(s * 1e9);
  }
  return out;
}

}  // namespace cspview
