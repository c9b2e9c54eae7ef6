#include "refdata/referencedata.h"

namespace instant {

void ReferenceData::addInstrument(Instrument instrument)
{
    auto owned = std::make_unique<Instrument>(std::move(instrument));
    m_byKey.insert_or_assign(owned->id, owned.get());
    m_byKey.insert_or_assign(owned->symbol.toUpper(), owned.get());
    m_instruments.push_back(std::move(owned));
}

bool ReferenceData::addRecorded(Instrument instrument)
{
    if (m_byKey.contains(instrument.id))
        return false;
    if (m_byKey.contains(instrument.symbol.toUpper()) || instrument.symbol.isEmpty())
        instrument.symbol = isTreasury(instrument.kind) ? treasuryName(instrument) : instrument.id;
    if (m_byKey.contains(instrument.symbol.toUpper()))
        instrument.symbol = instrument.id;
    addInstrument(std::move(instrument));
    return true;
}

QString treasuryName(const Instrument &i)
{
    const QString maturity = i.maturityDate.toString(QStringLiteral("MM/dd/yy"));
    if (i.kind == InstrumentKind::TreasuryBill)
        return QStringLiteral("B ") + maturity;
    QString coupon = QString::number(i.couponPercent, 'f', 3);
    while (coupon.endsWith(u'0') && !coupon.endsWith(QLatin1String(".0")))
        coupon.chop(1);
    if (coupon.endsWith(QLatin1String(".0")))
        coupon.chop(2);
    return QStringLiteral("T %1 %2").arg(coupon, maturity);
}

void ReferenceData::addAccount(Account account)
{
    auto owned = std::make_unique<Account>(std::move(account));
    m_accountsById.insert_or_assign(owned->id, owned.get());
    m_accounts.push_back(std::move(owned));
}

const Instrument *ReferenceData::instrument(const QString &idOrSymbol) const
{
    if (auto found = m_byKey.find(idOrSymbol); found != m_byKey.end())
        return found->second;
    const auto typed = m_byKey.find(idOrSymbol.trimmed().toUpper());
    return typed != m_byKey.end() ? typed->second : nullptr;
}

const Account *ReferenceData::account(const QString &id) const
{
    const auto found = m_accountsById.find(id);
    return found != m_accountsById.end() ? found->second : nullptr;
}

QList<const Instrument *> ReferenceData::instruments() const
{
    QList<const Instrument *> out;
    for (const auto &i : m_instruments)
        out.append(i.get());
    return out;
}

QList<const Instrument *> ReferenceData::instruments(InstrumentKind kind) const
{
    QList<const Instrument *> out;
    for (const auto &i : m_instruments)
        if (i->kind == kind)
            out.append(i.get());
    return out;
}

QList<const Account *> ReferenceData::accounts() const
{
    QList<const Account *> out;
    for (const auto &a : m_accounts)
        out.append(a.get());
    return out;
}

QChar cusipCheckDigit(const QString &first8)
{
    int sum = 0;
    for (int i = 0; i < 8; ++i) {
        const QChar c = first8.at(i);
        int v = 0;
        if (c.isDigit())
            v = c.digitValue();
        else if (c.isLetter())
            v = c.toUpper().unicode() - u'A' + 10;
        else if (c == u'*')
            v = 36;
        else if (c == u'@')
            v = 37;
        else if (c == u'#')
            v = 38;
        if (i % 2 == 1)
            v *= 2;
        sum += v / 10 + v % 10;
    }
    return QChar(u'0' + (10 - sum % 10) % 10);
}

bool isValidCusip(const QString &cusip)
{
    return cusip.size() == 9 && cusipCheckDigit(cusip.left(8)) == cusip.at(8);
}

} // namespace instant
