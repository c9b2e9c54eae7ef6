#pragma once

#include <QColor>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QToolButton>
#include <QVariantMap>

#include <functional>
#include <type_traits>

class QDockWidget;
class QLabel;

namespace instant {

// The colour a panel is linked by. Panels of one colour follow each other's instrument; a panel
// with no colour neither drives nor follows.
enum class LinkColour { None, Red, Green, Blue, Yellow };

QString linkColourKey(LinkColour colour);                // "red": the settings value
LinkColour linkColourFromKey(const QString &key, LinkColour fallback);
QString linkColourName(LinkColour colour);               // translated, for menus and tooltips
QColor linkColourSwatch(LinkColour colour);

// A small coloured square in a dock's title bar; a click opens the colour menu.
class LinkColourButton : public QToolButton
{
    Q_OBJECT

public:
    explicit LinkColourButton(QWidget *parent = nullptr);
    LinkColour colour() const { return m_colour; }
    void setColour(LinkColour colour);

Q_SIGNALS:
    void colourPicked(instant::LinkColour colour);

private:
    LinkColour m_colour = LinkColour::None;
};

// A dock title bar with the link colour next to the float and close buttons. Mouse presses it
// does not use go to the dock, so it drags, floats and docks like the standard one.
class DockTitleBar : public QWidget
{
    Q_OBJECT

public:
    explicit DockTitleBar(QDockWidget *dock);
    LinkColourButton *linkButton() const { return m_link; }
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

private:
    void updateButtons();
    QDockWidget *m_dock;
    QLabel *m_title;
    LinkColourButton *m_link;
    QToolButton *m_float;
    QToolButton *m_close;
};

// Link groups by colour: "picking a symbol in one panel drives the others" of the same colour.
//
// How a panel joins (one call, in MainWindow after addPanel):
//
//     m_links->join(dock, panel, &Panel::setInstrument, &Panel::instrumentSelected);
//
// `follow` (a slot taking the instrument id, or a function) is called when another panel of the dock's colour picks
// an instrument; `picked` (a signal carrying an instrument id) reports the panel's own picks.
// Either may be null: a panel that only follows, or only drives. Joining puts a colour button in
// the dock's title bar; every panel starts in `defaultColour` (red), so out of the box all linked
// panels move together. The colours are saved and restored with the layout (save()/restore()).
class InstrumentLinks : public QObject
{
    Q_OBJECT

public:
    static constexpr LinkColour DefaultColour = LinkColour::Red;

    explicit InstrumentLinks(QObject *parent = nullptr);

    template <typename Panel, typename Show>
    void join(QDockWidget *dock, Panel *panel, Show follow, void (Panel::*picked)(const QString &) = nullptr)
    {
        std::function<void(const QString &)> shows;
        if constexpr (std::is_member_function_pointer_v<Show>)
            shows = [panel, follow](const QString &instrument) { (panel->*follow)(instrument); };
        else if constexpr (!std::is_null_pointer_v<Show>)
            shows = std::move(follow);
        join(dock, std::move(shows));
        if (picked)
            connect(panel, picked, this, [this, dock](const QString &instrument) { pick(dock, instrument); });
    }
    // A panel that only follows, through a function.
    void join(QDockWidget *dock, std::function<void(const QString &)> follow);

    // `from` picked an instrument: every other panel of its colour shows it.
    void pick(QDockWidget *from, const QString &instrument);
    // Every panel of `colour` shows the instrument (a colour's last pick is remembered).
    void show(LinkColour colour, const QString &instrument);
    // Every linked panel, whatever its colour, shows the instrument (start-up).
    void showEverywhere(const QString &instrument);

    LinkColour colour(const QDockWidget *dock) const;
    void setColour(QDockWidget *dock, LinkColour colour);
    QString instrument(LinkColour colour) const { return m_current.value(colour); }
    QList<QDockWidget *> members() const;

    // Dock object name → colour key, for the layout settings.
    QVariantMap save() const;
    void restore(const QVariantMap &colours);
    void reset(); // every panel back to the default colour

Q_SIGNALS:
    void colourChanged(QDockWidget *dock, instant::LinkColour colour);

private:
    struct Member
    {
        QPointer<QDockWidget> dock;
        std::function<void(const QString &)> show;
        LinkColourButton *button = nullptr;
        LinkColour colour = DefaultColour;
    };
    Member *find(const QDockWidget *dock);
    const Member *find(const QDockWidget *dock) const;

    QList<Member> m_members;
    QMap<LinkColour, QString> m_current;
    bool m_dispatching = false;
};

} // namespace instant
