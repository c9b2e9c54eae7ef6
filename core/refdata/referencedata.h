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
    // An instrument recorded in the store (traded or imported earlier): added unless its id is
    // known already. A symbol now naming another instrument ("UST 10Y" has rolled to a new issue)
    // gives way to the security's own name ("T 4.125 11/15/36"). False when it was known.
    bool addRecorded(Instrument instrument);

    const Instrument *instrument(const QString &idOrSymbol) const;
    const Account *account(const QString &id) const;
    QList<const Instrument *> instruments() const;
    QList<const Instrument *> instruments(InstrumentKind kind) const;
    QList<const Account *> accounts() const;

private:
    std::vector<std::unique_ptr<Instrument>> m_instruments;
    std::vector<std::unique_ptr<Account>> m_accounts;
    QHash<QString, const Instrument *> m_byKey; // id and upper-case symbol
    QHash<QString, const Account *> m_accountsById;
};

// How the street names a Treasury security: "T 4.125 11/15/36" for a note or bond, "B 12/29/26"
// for a bill.
QString treasuryName(const Instrument &instrument);

// The CUSIP check digit (the ninth character) for the first eight.
QChar cusipCheckDigit(const QString &first8);
bool isValidCusip(const QString &cusip);

} // namespace instant
