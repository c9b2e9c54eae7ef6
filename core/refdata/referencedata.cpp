#include "refdata/referencedata.h"

namespace instant {

void ReferenceData::addInstrument(Instrument instrument)
{
    auto owned = std::make_unique<Instrument>(std::move(instrument));
    m_byKey.insert(owned->id, owned.get());
    m_byKey.insert(owned->symbol.toUpper(), owned.get());
    m_instruments.push_back(std::move(owned));
}

void ReferenceData::addAccount(Account account)
{
    auto owned = std::make_unique<Account>(std::move(account));
    m_accountsById.insert(owned->id, owned.get());
    m_accounts.push_back(std::move(owned));
}

const Instrument *ReferenceData::instrument(const QString &idOrSymbol) const
{
    if (const Instrument *i = m_byKey.value(idOrSymbol))
        return i;
    return m_byKey.value(idOrSymbol.trimmed().toUpper());
}

const Account *ReferenceData::account(const QString &id) const
{
    return m_accountsById.value(id);
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

namespace {

Instrument treasury(const QString &prefix8, const QString &tenor, InstrumentKind kind, double coupon, QDate dated,
                    QDate maturity, qint64 tick256ths, double referencePrice)
{
    Instrument i;
    i.id = prefix8 + cusipCheckDigit(prefix8);
    i.symbol = QStringLiteral("UST %1").arg(tenor);
    i.tenor = tenor;
    i.kind = kind;
    i.quotedPer100 = true;
    i.couponPercent = coupon;
    i.datedDate = dated;
    i.maturityDate = maturity;
    i.lotSize = 1000; // $1,000 face
    if (kind == InstrumentKind::TreasuryBill) {
        i.description = QStringLiteral("US Treasury bill %1 due %2").arg(tenor, maturity.toString(Qt::ISODate));
        i.priceScale = 100000; // decimals per 100 face, 5 places
        i.tickSize = 5;        // 0.00005
        i.referencePrice = Price(qRound64(referencePrice * 100000.0 / 5.0) * 5);
        i.annualVolatility = 15; // bp of yield
    } else {
        i.description = QStringLiteral("US Treasury %1 %2% due %3")
                            .arg(kind == InstrumentKind::TreasuryBond ? QStringLiteral("bond") : QStringLiteral("note"))
                            .arg(coupon, 0, 'f', 3)
                            .arg(maturity.toString(Qt::ISODate));
        i.priceScale = thirtyseconds::UnitsPerPoint;
        i.tickSize = tick256ths;
        i.referencePrice = Price(qRound64(referencePrice * 256.0 / double(tick256ths)) * tick256ths);
        i.annualVolatility = 80; // bp of yield
    }
    return i;
}

Instrument equity(const QString &ticker, const QString &name, double price, double vol)
{
    Instrument i;
    i.id = ticker;
    i.symbol = ticker;
    i.description = name;
    i.kind = InstrumentKind::Equity;
    i.priceScale = 100;
    i.tickSize = 1;
    i.lotSize = 1;
    i.referencePrice = Price(qRound64(price * 100));
    i.annualVolatility = vol;
    return i;
}

} // namespace

ReferenceData ReferenceData::demo()
{
    ReferenceData data;
    // Bills: auctioned weekly; these were issued on 17 and 19 November 2026.
    const QDate tue(2026, 11, 17), thu(2026, 11, 19);
    data.addInstrument(treasury(QStringLiteral("912797RA"), QStringLiteral("4W"), InstrumentKind::TreasuryBill, 0, tue, tue.addDays(28), 0, 99.7080));
    data.addInstrument(treasury(QStringLiteral("912797RB"), QStringLiteral("8W"), InstrumentKind::TreasuryBill, 0, tue, tue.addDays(56), 0, 99.4195));
    data.addInstrument(treasury(QStringLiteral("912797RC"), QStringLiteral("13W"), InstrumentKind::TreasuryBill, 0, thu, thu.addDays(91), 0, 99.0600));
    data.addInstrument(treasury(QStringLiteral("912797RD"), QStringLiteral("17W"), InstrumentKind::TreasuryBill, 0, tue, tue.addDays(119), 0, 98.7860));
    data.addInstrument(treasury(QStringLiteral("912797RE"), QStringLiteral("26W"), InstrumentKind::TreasuryBill, 0, thu, thu.addDays(182), 0, 98.1600));
    data.addInstrument(treasury(QStringLiteral("912797RF"), QStringLiteral("52W"), InstrumentKind::TreasuryBill, 0, thu, thu.addDays(364), 0, 96.4500));
    // Coupons: tick sizes as the interdealer market quotes them (1/8, 1/4, 1/2 of a 32nd).
    data.addInstrument(treasury(QStringLiteral("91282CQA"), QStringLiteral("2Y"), InstrumentKind::TreasuryNote, 3.500, QDate(2026, 10, 31), QDate(2028, 10, 31), 1, 99.890625));
    data.addInstrument(treasury(QStringLiteral("91282CQB"), QStringLiteral("3Y"), InstrumentKind::TreasuryNote, 3.625, QDate(2026, 11, 15), QDate(2029, 11, 15), 1, 99.828125));
    data.addInstrument(treasury(QStringLiteral("91282CQC"), QStringLiteral("5Y"), InstrumentKind::TreasuryNote, 3.750, QDate(2026, 10, 31), QDate(2031, 10, 31), 2, 99.5625));
    data.addInstrument(treasury(QStringLiteral("91282CQD"), QStringLiteral("7Y"), InstrumentKind::TreasuryNote, 3.875, QDate(2026, 10, 31), QDate(2033, 10, 31), 2, 99.25));
    data.addInstrument(treasury(QStringLiteral("91282CQE"), QStringLiteral("10Y"), InstrumentKind::TreasuryNote, 4.125, QDate(2026, 11, 15), QDate(2036, 11, 15), 4, 99.5));
    data.addInstrument(treasury(QStringLiteral("912810UA"), QStringLiteral("20Y"), InstrumentKind::TreasuryBond, 4.500, QDate(2026, 11, 15), QDate(2046, 11, 15), 4, 98.75));
    data.addInstrument(treasury(QStringLiteral("912810UB"), QStringLiteral("30Y"), InstrumentKind::TreasuryBond, 4.625, QDate(2026, 11, 15), QDate(2056, 11, 15), 4, 98.25));

    struct Stock { const char *ticker; const char *name; double price; double vol; };
    const Stock stocks[] = {
        {"AAPL", "Apple Inc.", 228.50, 0.25},       {"MSFT", "Microsoft Corp.", 432.10, 0.22},
        {"NVDA", "NVIDIA Corp.", 141.20, 0.45},     {"AMZN", "Amazon.com Inc.", 201.30, 0.30},
        {"GOOGL", "Alphabet Inc. Class A", 176.40, 0.28}, {"META", "Meta Platforms Inc.", 574.80, 0.33},
        {"TSLA", "Tesla Inc.", 338.60, 0.55},       {"JPM", "JPMorgan Chase & Co.", 241.70, 0.21},
        {"V", "Visa Inc.", 309.90, 0.18},           {"JNJ", "Johnson & Johnson", 153.20, 0.15},
        {"XOM", "Exxon Mobil Corp.", 119.80, 0.22}, {"WMT", "Walmart Inc.", 88.40, 0.17},
        {"PG", "Procter & Gamble Co.", 171.30, 0.14}, {"MA", "Mastercard Inc.", 522.60, 0.19},
        {"HD", "Home Depot Inc.", 407.50, 0.21},    {"KO", "Coca-Cola Co.", 63.90, 0.14},
        {"PEP", "PepsiCo Inc.", 158.70, 0.15},      {"BAC", "Bank of America Corp.", 46.20, 0.25},
        {"DIS", "Walt Disney Co.", 111.40, 0.27},   {"NFLX", "Netflix Inc.", 872.30, 0.35},
    };
    for (const Stock &s : stocks)
        data.addInstrument(equity(QString::fromLatin1(s.ticker), QString::fromLatin1(s.name), s.price, s.vol));

    // Listed options on three of them: two monthly expiries, five strikes around the money.
    for (const char *ticker : {"AAPL", "MSFT", "NVDA"}) {
        const Instrument *u = data.instrument(QString::fromLatin1(ticker));
        const double spot = u->toDouble(u->referencePrice);
        const double step = spot < 200 ? 5.0 : 10.0;
        const double atm = std::round(spot / step) * step;
        for (const QDate expiry : {QDate(2026, 12, 18), QDate(2027, 1, 15)}) {
            for (int k = -2; k <= 2; ++k) {
                const double strike = atm + k * step;
                for (OptionRight right : {OptionRight::Call, OptionRight::Put}) {
                    Instrument o;
                    const QString cp = right == OptionRight::Call ? QStringLiteral("C") : QStringLiteral("P");
                    // OCC symbology: root, yymmdd, C/P, strike × 1000 in 8 digits.
                    o.id = QStringLiteral("%1%2%3%4")
                               .arg(QString::fromLatin1(ticker), expiry.toString(QStringLiteral("yyMMdd")), cp)
                               .arg(qRound64(strike * 1000), 8, 10, QLatin1Char('0'));
                    o.symbol = QStringLiteral("%1 %2 %3 %4")
                                   .arg(QString::fromLatin1(ticker), expiry.toString(QStringLiteral("ddMMMyy")).toUpper())
                                   .arg(strike, 0, 'f', 0)
                                   .arg(cp);
                    o.description = QStringLiteral("%1 %2 %3 %4").arg(u->description, expiry.toString(Qt::ISODate))
                                        .arg(strike, 0, 'f', 2)
                                        .arg(right == OptionRight::Call ? QStringLiteral("call") : QStringLiteral("put"));
                    o.kind = InstrumentKind::EquityOption;
                    o.priceScale = 100;
                    o.tickSize = 1;
                    o.lotSize = 1;
                    o.contractMultiplier = 100;
                    o.underlying = u->id;
                    o.strike = Price(qRound64(strike * 100));
                    o.expiry = expiry;
                    o.right = right;
                    const double intrinsic = right == OptionRight::Call ? std::max(0.0, spot - strike) : std::max(0.0, strike - spot);
                    const double days = QDate(2026, 11, 20).daysTo(expiry);
                    const double timeValue = spot * u->annualVolatility * std::sqrt(days / 365.0) * 0.4;
                    o.referencePrice = Price(std::max<qint64>(5, qRound64((intrinsic + timeValue * std::exp(-std::abs(spot - strike) / (spot * 0.1))) * 100)));
                    o.annualVolatility = u->annualVolatility;
                    data.addInstrument(o);
                }
            }
        }
    }

    data.addAccount({QStringLiteral("DESK-01"), QStringLiteral("Rates desk"), 2'000'000'000'00});
    data.addAccount({QStringLiteral("DESK-02"), QStringLiteral("Equity desk"), 100'000'000'00});
    data.addAccount({QStringLiteral("DEMO-01"), QStringLiteral("Demo trader"), 1'000'000'00});
    return data;
}

} // namespace instant
