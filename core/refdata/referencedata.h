#pragma once

#include "refdata/instrument.h"

#include <QHash>
#include <QList>

#include <memory>
#include <vector>

namespace instant {

// Instruments and accounts, looked up by id or by the symbol a trader types.
class ReferenceData
{
public:
    void addInstrument(Instrument instrument);
    void addAccount(Account account);

    const Instrument *instrument(const QString &idOrSymbol) const;
    const Account *account(const QString &id) const;
    QList<const Instrument *> instruments() const;
    QList<const Instrument *> instruments(InstrumentKind kind) const;
    QList<const Account *> accounts() const;

    // The demo set: on-the-run Treasuries (4W…52W bills, 2Y…30Y), 20 liquid stocks, listed
    // options on three of them, and three accounts. Fictitious issues in the Treasury's format.
    static ReferenceData demo();

private:
    std::vector<std::unique_ptr<Instrument>> m_instruments;
    std::vector<std::unique_ptr<Account>> m_accounts;
    QHash<QString, const Instrument *> m_byKey; // id and upper-case symbol
    QHash<QString, const Account *> m_accountsById;
};

// The CUSIP check digit (the ninth character) for the first eight.
QChar cusipCheckDigit(const QString &first8);
bool isValidCusip(const QString &cusip);

} // namespace instant
