#include "quitquestion.h"

#include "engine/tradingengine.h"

#include <QMessageBox>
#include <QPushButton>

namespace instant {

QuitQuestion::QuitQuestion(TradingEngine *engine, QWidget *window)
    : QObject(window), m_engine(engine), m_ask(messageBox(window))
{
    setObjectName(QStringLiteral("QuitQuestion"));
}

QStringList QuitQuestion::workingOrders() const
{
    QStringList ids;
    if (!m_engine || !m_engine->canTrade())
        return ids;
    const std::shared_ptr<const TradingState> state = m_engine->snapshot();
    if (!state)
        return ids;
    const OwnBook mine = m_engine->ownBook();
    for (const OrderRecord &o : state->orders())
        if ((isWorking(o.state) || o.state == OrderState::PendingNew) && o.state != OrderState::PendingCancel && mine.has(o))
            ids << o.orderId;
    ids.sort();
    return ids;
}

bool QuitQuestion::mayQuit()
{
    const QStringList working = workingOrders();
    if (working.isEmpty())
        return true;
    switch (m_ask(int(working.size()))) {
    case Answer::QuitAnyway: return true;
    case Answer::CancelAllAndQuit:
        for (const QString &id : working)
            m_engine->cancel(id); // queued before the engine's stop, so sent before it shuts down
        return true;
    case Answer::Stay: return false;
    }
    return false;
}

QuitQuestion::Ask QuitQuestion::messageBox(QWidget *window)
{
    return [window](int working) {
        QMessageBox box(QMessageBox::Warning, tr("Orders are working"),
                        tr("%n of your orders are still working at the venue.", nullptr, working), QMessageBox::NoButton, window);
        box.setInformativeText(tr("They stay working after you quit unless you cancel them."));
        QPushButton *quit = box.addButton(tr("Quit anyway"), QMessageBox::DestructiveRole);
        QPushButton *cancel = box.addButton(tr("Cancel them all and quit"), QMessageBox::AcceptRole);
        QPushButton *stay = box.addButton(tr("Stay"), QMessageBox::RejectRole);
        box.setDefaultButton(stay);
        box.setEscapeButton(stay);
        box.exec();
        if (box.clickedButton() == quit)
            return Answer::QuitAnyway;
        if (box.clickedButton() == cancel)
            return Answer::CancelAllAndQuit;
        return Answer::Stay;
    };
}

} // namespace instant
