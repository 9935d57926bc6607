// Point 5 of issue 22: presentation and dark modes a projector can rely on.
#include <catch2/catch.hpp>

#include "tone_colours.hpp"
#include "window_actions.hpp"
#include "window_fixture.hpp"

#include <QDockWidget>
#include <QStatusBar>
#include <QToolTip>

using namespace cspview;

namespace {

double luminance(const QColor& c) {
  auto lin = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
  return 0.2126 * lin(c.redF()) + 0.7152 * lin(c.greenF()) + 0.0722 * lin(c.blueF());
}

double contrast(const QColor& a, const QColor& b) {
  const double la = luminance(a), lb = luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

// The average colour of an icon's opaque pixels.
QColor ink(const QIcon& icon, QIcon::Mode mode = QIcon::Normal) {
  const QImage img =
      icon.pixmap(QSize(32, 32), mode).toImage().convertToFormat(QImage::Format_ARGB32);
  double r = 0, g = 0, b = 0, n = 0;
  for (int y = 0; y < img.height(); ++y)
    for (int x = 0; x < img.width(); ++x) {
      const QColor c = QColor::fromRgba(img.pixel(x, y));
      if (c.alpha() < 200) continue;
      r += c.redF(), g += c.greenF(), b += c.blueF(), n += 1;
    }
  return n > 0 ? QColor::fromRgbF(float(r / n), float(g / n), float(b / n)) : QColor();
}

}  // namespace

TEST_CASE("the stepping icons read on the dark theme's toolbar", "[window][presentation]") {
  MainWindow w;
  w.set_dark(true);
  const QColor toolbar = Theme::make(true, false).window;
  for (QAction* a : w.actions().stepping()) {
    INFO(a->text().toStdString());
    const QColor c = ink(a->icon());
    REQUIRE(c.isValid());
    CHECK(contrast(c, toolbar) >= 4.5);
  }
  w.set_dark(false);
  const QColor light = Theme::make(false, false).window;
  for (QAction* a : w.actions().stepping()) CHECK(contrast(ink(a->icon()), light) >= 4.5);
}

TEST_CASE("step and view back do not share an icon", "[window][presentation]") {
  MainWindow w;
  const QImage step = w.actions().prev->icon().pixmap(32, 32).toImage();
  const QImage back = w.actions().back->icon().pixmap(32, 32).toImage();
  CHECK(step != back);
  CHECK(w.actions().next->icon().pixmap(32, 32).toImage() !=
        w.actions().forward->icon().pixmap(32, 32).toImage());
}

TEST_CASE("F5 goes full screen with large type, Esc leaves, Ctrl+I brings the Inspector back",
          "[window][presentation]") {
  MainWindow w;
  w.resize(1024, 768);
  w.show();
  QString error;
  REQUIRE(w.open_file_now(fixture_path("hotdog.jsonl"), &error));
  const double tip = QToolTip::font().pointSizeF(), status = w.statusBar()->font().pointSizeF();
  w.actions().presentation->trigger();
  QApplication::processEvents();
  CHECK(w.presentation());
  CHECK(w.isFullScreen());
  CHECK(QToolTip::font().pointSizeF() > tip);
  CHECK(w.statusBar()->font().pointSizeF() > status);
  auto* inspector = w.findChild<QDockWidget*>(QStringLiteral("inspector"));
  REQUIRE(inspector);
  CHECK_FALSE(inspector->isVisible());
  w.actions().toggle_inspector->trigger();
  CHECK(inspector->isVisible());
  REQUIRE(w.actions().leave_presentation->isEnabled());
  CHECK(w.actions().leave_presentation->shortcut() == QKeySequence(Qt::Key_Escape));
  w.actions().leave_presentation->trigger();
  QApplication::processEvents();
  CHECK_FALSE(w.presentation());
  CHECK_FALSE(w.isFullScreen());
  CHECK(QToolTip::font().pointSizeF() == Approx(tip));
  CHECK_FALSE(w.actions().leave_presentation->isEnabled());  // Esc is free again
}

TEST_CASE("the panels' red and amber read on both themes' tables", "[window][presentation]") {
  for (bool dark : {false, true}) {
    const ToneColours c = ToneColours::make(dark);
    const QColor base = Theme::make(dark, false).background;
    INFO("dark " << dark);
    CHECK(contrast(c.problem, base) >= 4.5);
    CHECK(contrast(c.notice, base) >= 4.5);
  }
}
