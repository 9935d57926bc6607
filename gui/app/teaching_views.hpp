// The views beside the timeline, in tab order. One line each in teaching_views.cpp.
#pragma once

namespace cspview {

class ViewTabs;

void add_teaching_views(ViewTabs& tabs);

}  // namespace cspview
