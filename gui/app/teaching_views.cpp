#include "teaching_views.hpp"

#include "sequence_chart_view.hpp"
#include "view_tabs.hpp"

namespace cspview {

void add_teaching_views(ViewTabs& tabs) {
  tabs.add_view(new SequenceChartView(&tabs), QStringLiteral("Sequence chart"));
}

}  // namespace cspview
