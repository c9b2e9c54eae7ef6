#pragma once

#include "common/texthash.h"
#include "refdata/instrument.h"

#include <QList>

#include <memory>
#include <unordered_map>
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
    qsizetype instrumentCount() const { return qsizetype(m_instruments.size()); } // grows as instruments are recorded
    QList<const Instrument *> instruments(InstrumentKind kind) const;
    QList<const Account *> accounts() const;

private:
    // Looked up for every position on every settlement step and every order: hashed a word at a
    // time (common/texthash.h), where Qt's string hash here is SipHash.
    struct KeyHash
    {
        std::size_t operator()(const QString &key) const noexcept { return std::size_t(hashText(key)); }
    };
    std::vector<std::unique_ptr<Instrument>> m_instruments;
    std::vector<std::unique_ptr<Account>> m_accounts;
    std::unordered_map<QString, const Instrument *, KeyHash> m_byKey; // id and upper-case symbol
    std::unordered_map<QString, const Account *, KeyHash> m_accountsById;
};

// How the street names a Treasury security: "T 4.125 11/15/36" for a note or bond, "B 12/29/26"
// for a bill.
QString treasuryName(const Instrument &instrument);

// The CUSIP check digit (the ninth character) for the first eight.
QChar cusipCheckDigit(const QString &first8);
bool isValidCusip(const QString &cusip);

} // namespace instant
