#include "windowplacement.h"

#include <QScreen>
#include <QWidget>

#include <algorithm>

namespace instant {

void fitWindowToScreen(QWidget *window)
{
    if (!window || window->isMaximized() || window->isFullScreen())
        return;
    const QScreen *screen = window->screen();
    if (!screen)
        return;
    const QRect room = screen->availableGeometry();
    // The frame (title bar, borders) counts: the whole window must be in sight, status bar included.
    const QSize frame = window->isVisible() ? window->frameGeometry().size() - window->geometry().size() : QSize();
    const QSize fits = window->size().boundedTo(room.size() - frame);
    if (fits != window->size())
        window->resize(fits);
    const QRect outer(window->pos(), window->size() + frame);
    const int x = std::clamp(outer.x(), room.left(), std::max(room.left(), room.right() + 1 - outer.width()));
    const int y = std::clamp(outer.y(), room.top(), std::max(room.top(), room.bottom() + 1 - outer.height()));
    if (x != outer.x() || y != outer.y())
        window->move(x, y);
}

} // namespace instant
