#include "engine/orderpreviewer.h"

#include "engine/tradingengine.h"

namespace instant {

OrderPreviewer::OrderPreviewer(QObject *parent) : QObject(parent) {}

void OrderPreviewer::ask(const NewOrderCommand &command)
{
    const quint64 id = ++*m_newest;
    if (!(command.terms() == m_asked.terms()))
        m_answer.reset(); // the same terms again (buying power moves): the last answer stands until the new one
    m_asked = command;
    if (!m_engine)
        return;
    m_engine->preview(
        command, this,
        [this, id](const OrderPreview &p) {
            if (id != m_newest->load())
                return; // an older answer, already replaced
            m_answer = p;
            Q_EMIT answered(p);
        },
        [newest = m_newest, id] { return newest->load() == id; });
}

} // namespace instant
