#include "teaching_views.hpp"

#include "network_view.hpp"
#include "sequence_chart_view.hpp"
#include "view_tabs.hpp"

namespace cspview {

void add_teaching_views(ViewTabs& tabs) {
  tabs.add_view(new SequenceChartView(&tabs), QStringLiteral("Sequence chart"));
  tabs.add_view(new NetworkView(&tabs), QStringLiteral("Network"));
}

}  // namespace cspview
