#pragma once

class QWidget;

namespace instant {

// A top-level window inside its screen's available area (QScreen::availableGeometry, without the
// task bar): no larger than it, and moved in when a restored position hangs off it. A maximized
// or full-screen window is the window system's to place.
void fitWindowToScreen(QWidget *window);

} // namespace instant
