#include "instrumentlinks.h"

#include <QAction>
#include <QActionGroup>
#include <QDockWidget>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QPainter>
#include <QPixmap>
#include <QStyle>

namespace instant {

namespace {

constexpr LinkColour AllColours[] = {LinkColour::None, LinkColour::Red, LinkColour::Green, LinkColour::Blue,
                                     LinkColour::Yellow};

QIcon swatchIcon(LinkColour colour, int size)
{
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF box(1.5, 1.5, size - 3, size - 3);
    if (colour == LinkColour::None) {
        // Unlinked: an empty square with a stroke through it.
        p.setPen(QPen(QColor(0x80, 0x80, 0x80), 1.2));
        p.drawRoundedRect(box, 2, 2);
        p.drawLine(box.bottomLeft(), box.topRight());
    } else {
        p.setPen(QPen(linkColourSwatch(colour).darker(140), 1));
        p.setBrush(linkColourSwatch(colour));
        p.drawRoundedRect(box, 2, 2);
    }
    return QIcon(pixmap);
}

} // namespace

QString linkColourKey(LinkColour colour)
{
    switch (colour) {
    case LinkColour::Red: return QStringLiteral("red");
    case LinkColour::Green: return QStringLiteral("green");
    case LinkColour::Blue: return QStringLiteral("blue");
    case LinkColour::Yellow: return QStringLiteral("yellow");
    case LinkColour::None: break;
    }
    return QStringLiteral("none");
}

LinkColour linkColourFromKey(const QString &key, LinkColour fallback)
{
    for (LinkColour c : AllColours)
        if (linkColourKey(c) == key)
            return c;
    return fallback;
}

QString linkColourName(LinkColour colour)
{
    switch (colour) {
    case LinkColour::Red: return InstrumentLinks::tr("Red");
    case LinkColour::Green: return InstrumentLinks::tr("Green");
    case LinkColour::Blue: return InstrumentLinks::tr("Blue");
    case LinkColour::Yellow: return InstrumentLinks::tr("Yellow");
    case LinkColour::None: break;
    }
    return InstrumentLinks::tr("Not linked");
}

QColor linkColourSwatch(LinkColour colour)
{
    switch (colour) {
    case LinkColour::Red: return QColor(0xe5, 0x39, 0x35);
    case LinkColour::Green: return QColor(0x43, 0xa0, 0x47);
    case LinkColour::Blue: return QColor(0x1e, 0x88, 0xe5);
    case LinkColour::Yellow: return QColor(0xfd, 0xd8, 0x35);
    case LinkColour::None: break;
    }
    return QColor();
}

// ---- the button ----

LinkColourButton::LinkColourButton(QWidget *parent) : QToolButton(parent)
{
    setObjectName(QStringLiteral("LinkColourButton"));
    setAutoRaise(true);
    setPopupMode(QToolButton::InstantPopup);
    setFocusPolicy(Qt::NoFocus);
    auto *menu = new QMenu(this);
    auto *group = new QActionGroup(menu);
    for (LinkColour c : AllColours) {
        QAction *a = menu->addAction(swatchIcon(c, 14), linkColourName(c));
        a->setCheckable(true);
        a->setData(linkColourKey(c));
        group->addAction(a);
        connect(a, &QAction::triggered, this, [this, c] {
            setColour(c);
            Q_EMIT colourPicked(c);
        });
    }
    setMenu(menu);
    setColour(LinkColour::None);
}

void LinkColourButton::setColour(LinkColour colour)
{
    m_colour = colour;
    const int size = fontMetrics().height() - 2;
    setIcon(swatchIcon(colour, size));
    setIconSize(QSize(size, size));
    setToolTip(colour == LinkColour::None ? tr("Not linked: picks here drive no other panel. Click to link by colour.")
                                          : tr("Linked: %1. Panels of this colour follow each other's instrument.")
                                                .arg(linkColourName(colour)));
    for (QAction *a : menu()->actions())
        a->setChecked(a->data().toString() == linkColourKey(colour));
}

// ---- the title bar ----

DockTitleBar::DockTitleBar(QDockWidget *dock)
    : QWidget(dock), m_dock(dock), m_title(new QLabel(dock->windowTitle(), this)), m_link(new LinkColourButton(this)),
      m_float(new QToolButton(this)), m_close(new QToolButton(this))
{
    setObjectName(QStringLiteral("DockTitleBar"));
    setAttribute(Qt::WA_StyledBackground); // the theme colours it like the standard title
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 1, 2, 1);
    layout->setSpacing(2);
    layout->addWidget(m_title, 1);
    layout->addWidget(m_link);
    layout->addWidget(m_float);
    layout->addWidget(m_close);
    const int button = fontMetrics().height();
    for (QToolButton *b : {m_float, m_close}) {
        b->setAutoRaise(true);
        b->setFocusPolicy(Qt::NoFocus);
        b->setIconSize(QSize(button - 4, button - 4));
    }
    m_float->setIcon(style()->standardIcon(QStyle::SP_TitleBarNormalButton, nullptr, dock));
    m_float->setToolTip(tr("Float"));
    m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton, nullptr, dock));
    m_close->setToolTip(tr("Close"));
    connect(m_float, &QToolButton::clicked, dock, [dock] { dock->setFloating(!dock->isFloating()); });
    connect(m_close, &QToolButton::clicked, dock, &QDockWidget::close);
    connect(dock, &QDockWidget::windowTitleChanged, m_title, &QLabel::setText);
    connect(dock, &QDockWidget::featuresChanged, this, &DockTitleBar::updateButtons);
    updateButtons();
}

void DockTitleBar::updateButtons()
{
    m_float->setVisible(m_dock->features() & QDockWidget::DockWidgetFloatable);
    m_close->setVisible(m_dock->features() & QDockWidget::DockWidgetClosable);
}

QSize DockTitleBar::sizeHint() const
{
    return QSize(QWidget::sizeHint().width(), fontMetrics().height() + 6);
}

QSize DockTitleBar::minimumSizeHint() const
{
    return QSize(QWidget::minimumSizeHint().width(), fontMetrics().height() + 6);
}

// ---- the groups ----

InstrumentLinks::InstrumentLinks(QObject *parent) : QObject(parent) {}

void InstrumentLinks::join(QDockWidget *dock, std::function<void(const QString &)> follow)
{
    auto *bar = new DockTitleBar(dock);
    dock->setTitleBarWidget(bar);
    bar->linkButton()->setColour(DefaultColour);
    connect(bar->linkButton(), &LinkColourButton::colourPicked, this, [this, dock](LinkColour c) { setColour(dock, c); });
    m_members.append(Member{dock, std::move(follow), bar->linkButton(), DefaultColour});
}

InstrumentLinks::Member *InstrumentLinks::find(const QDockWidget *dock)
{
    for (Member &m : m_members)
        if (m.dock == dock)
            return &m;
    return nullptr;
}

const InstrumentLinks::Member *InstrumentLinks::find(const QDockWidget *dock) const
{
    return const_cast<InstrumentLinks *>(this)->find(dock);
}

void InstrumentLinks::pick(QDockWidget *from, const QString &instrument)
{
    const Member *origin = find(from);
    if (!origin || origin->colour == LinkColour::None || m_dispatching || instrument.isEmpty())
        return;
    const LinkColour colour = origin->colour;
    m_current.insert(colour, instrument);
    m_dispatching = true; // a panel shown an instrument may report it as its own pick: not again
    for (const Member &m : std::as_const(m_members))
        if (m.dock && m.dock != from && m.colour == colour && m.show)
            m.show(instrument);
    m_dispatching = false;
}

void InstrumentLinks::show(LinkColour colour, const QString &instrument)
{
    if (m_dispatching || instrument.isEmpty())
        return;
    if (colour != LinkColour::None)
        m_current.insert(colour, instrument);
    m_dispatching = true;
    for (const Member &m : std::as_const(m_members))
        if (m.dock && m.colour == colour && m.show)
            m.show(instrument);
    m_dispatching = false;
}

void InstrumentLinks::showEverywhere(const QString &instrument)
{
    for (LinkColour c : AllColours)
        show(c, instrument);
}

LinkColour InstrumentLinks::colour(const QDockWidget *dock) const
{
    const Member *m = find(dock);
    return m ? m->colour : LinkColour::None;
}

void InstrumentLinks::setColour(QDockWidget *dock, LinkColour colour)
{
    Member *m = find(dock);
    if (!m)
        return;
    const bool changed = m->colour != colour;
    m->colour = colour;
    m->button->setColour(colour);
    // Joining a colour shows what that colour is on.
    if (changed && colour != LinkColour::None && m->show && m_current.contains(colour) && !m_dispatching) {
        m_dispatching = true;
        m->show(m_current.value(colour));
        m_dispatching = false;
    }
    if (changed)
        Q_EMIT colourChanged(dock, colour);
}

QList<QDockWidget *> InstrumentLinks::members() const
{
    QList<QDockWidget *> docks;
    for (const Member &m : m_members)
        if (m.dock)
            docks.append(m.dock);
    return docks;
}

QVariantMap InstrumentLinks::save() const
{
    QVariantMap colours;
    for (const Member &m : m_members)
        if (m.dock)
            colours.insert(m.dock->objectName(), linkColourKey(m.colour));
    return colours;
}

void InstrumentLinks::restore(const QVariantMap &colours)
{
    for (Member &m : m_members)
        if (m.dock && colours.contains(m.dock->objectName()))
            setColour(m.dock, linkColourFromKey(colours.value(m.dock->objectName()).toString(), DefaultColour));
}

void InstrumentLinks::reset()
{
    for (Member &m : m_members)
        if (m.dock)
            setColour(m.dock, DefaultColour);
}

} // namespace instant
