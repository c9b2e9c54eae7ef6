<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="de_DE">
<context>
    <name>TradingEngine</name>
    <message>
        <source>Pick an instrument</source>
        <translation>Instrument wählen</translation>
    </message>
    <message>
        <source>Unknown instrument "%1"</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Pick a side and an order type</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Quantity must be a positive multiple of %L1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 is not on a tick (%2)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Stop price: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>needs $%L1, $%L2 available</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>only %L1 available to sell</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>instant::AuditLogModel</name>
    <message>
        <source>Seq</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <source>Recorded (UTC)</source>
        <translation>Erfasst (UTC)</translation>
    </message>
    <message>
        <source>Stream</source>
        <translation>Stream</translation>
    </message>
    <message>
        <source>Ver</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Hash</source>
        <translation>Hash</translation>
    </message>
</context>
<context>
    <name>instant::AuditViewer</name>
    <message>
        <source>Verify chain</source>
        <translation>Kette prüfen</translation>
    </message>
    <message>
        <source>Search anywhere, payloads too…</source>
        <translation>Überall suchen, auch in Nutzdaten…</translation>
    </message>
    <message>
        <source>All events</source>
        <translation>Alle Ereignisse</translation>
    </message>
    <message>
        <source>Order id or stream</source>
        <translation>Order-ID oder Stream</translation>
    </message>
    <message>
        <source>User or role</source>
        <translation>Benutzer oder Rolle</translation>
    </message>
    <message>
        <source>from the start</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>until now</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <source>Recompute every hash of the chain and name the first bad event</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Show as of</source>
        <translation>Stand anzeigen</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>Live</translation>
    </message>
    <message>
        <source>Show the blotter and holdings as they were at this time</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>to</source>
        <translation>bis</translation>
    </message>
    <message>
        <source>As of (UTC)</source>
        <translation>Stand (UTC)</translation>
    </message>
    <message>
        <source>Select an event to see all of its fields and hashes.</source>
        <translation>Ein Ereignis wählen, um alle Felder und Hashes zu sehen.</translation>
    </message>
    <message>
        <source>Live updates interrupted: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No event store is open.</source>
        <translation>Kein Ereignisspeicher geöffnet.</translation>
    </message>
    <message>
        <source>Verifying the chain…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Verifying the chain… %L1 events</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Verification could not run: %1</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Chain intact: %n event(s), head %1</source>
        <translation>
            <numerusform>Kette intakt: %n Ereignis(se), Kopf %1</numerusform><numerusform>Kette intakt: %n Ereignis(se), Kopf %1</numerusform></translation>
    </message>
    <message>
        <source>Chain BROKEN at sequence %1: %2</source>
        <translation>Kette GEBROCHEN bei Nummer %1: %2</translation>
    </message>
    <message>
        <source>Export audit log</source>
        <translation>Prüfprotokoll exportieren</translation>
    </message>
    <message>
        <source>JSON lines (*.jsonl);;CSV (*.csv)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Exported %n event(s) to %1</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
</context>
<context>
    <name>instant::Blotter</name>
    <message>
        <source>All states</source>
        <translation>Alle Status</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Both sides</source>
        <translation>Beide Seiten</translation>
    </message>
    <message>
        <source>Buy</source>
        <translation>Kauf</translation>
    </message>
    <message>
        <source>Sell</source>
        <translation>Verkauf</translation>
    </message>
    <message>
        <source>Filter: order, account, instrument, reason…</source>
        <translation>Filter: Order, Konto, Instrument, Grund…</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV exportieren…</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Orders</translation>
    </message>
    <message>
        <source>Executions</source>
        <translation>Ausführungen</translation>
    </message>
    <message>
        <source>%L1 of %L2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Export orders</source>
        <translation>Orders exportieren</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancel %1</source>
        <translation>%1 stornieren</translation>
    </message>
    <message>
        <source>Replace %1…</source>
        <translation>%1 ändern…</translation>
    </message>
    <message>
        <source>Replace %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>New total quantity</source>
        <translation>Neue Gesamtmenge</translation>
    </message>
    <message>
        <source>New limit price</source>
        <translation>Neues Limit</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>instant::BlotterModel</name>
    <message>
        <source>Buy</source>
        <translation>Kauf</translation>
    </message>
    <message>
        <source>Sell</source>
        <translation>Verkauf</translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation>Zeit (UTC)</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Order</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Instrument</source>
        <translation>Instrument</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>Seite</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>TIF</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Qty</source>
        <translation>Menge</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>Limit</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stop</translation>
    </message>
    <message>
        <source>Filled</source>
        <translation>Ausgeführt</translation>
    </message>
    <message>
        <source>Leaves</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>Avg px</source>
        <translation>Ø Kurs</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
</context>
<context>
    <name>instant::Charts</name>
    <message>
        <source>Volume</source>
        <translation>Volumen</translation>
    </message>
    <message>
        <source>UTC</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Intraday P&amp;L (realized + unrealized), $</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>US Treasury yield curve (on-the-run, %)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Years to maturity</source>
        <translation>Restlaufzeit (Jahre)</translation>
    </message>
    <message>
        <source>Candles</source>
        <translation>Kerzen</translation>
    </message>
    <message>
        <source>P&amp;&amp;L</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Yield curve</source>
        <translation>Zinskurve</translation>
    </message>
    <message>
        <source>%1 — one-minute candles</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>instant::DepthLadder</name>
    <message>
        <source>Bid size</source>
        <translation>Geld-Volumen</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Kurs</translation>
    </message>
    <message>
        <source>Ask size</source>
        <translation>Brief-Volumen</translation>
    </message>
    <message>
        <source>Click a bid size to buy at that price, an ask size to sell</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Pick an instrument in the market watch</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>instant::ExecutionsModel</name>
    <message>
        <source>Buy</source>
        <translation>Kauf</translation>
    </message>
    <message>
        <source>Sell</source>
        <translation>Verkauf</translation>
    </message>
    <message>
        <source>settled</source>
        <translation>abgewickelt</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>offen</translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation>Zeit (UTC)</translation>
    </message>
    <message>
        <source>Exec</source>
        <translation>Ausführung</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Order</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Instrument</source>
        <translation>Instrument</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>Seite</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>Menge</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Kurs</translation>
    </message>
    <message>
        <source>Notional $</source>
        <translation>Nominal $</translation>
    </message>
    <message>
        <source>Settles</source>
        <translation>Valuta</translation>
    </message>
    <message>
        <source>Settlement</source>
        <translation>Abwicklung</translation>
    </message>
</context>
<context>
    <name>instant::Holdings</name>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; cash $%2 · reserved $%3 · unsettled buys $%4 · available $%5</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>instant::HoldingsModel</name>
    <message>
        <source>Total</source>
        <translation>Summe</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Instrument</source>
        <translation>Instrument</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>Menge</translation>
    </message>
    <message>
        <source>Settled</source>
        <translation>Abgewickelt</translation>
    </message>
    <message>
        <source>Avg cost</source>
        <translation>Ø Einstand</translation>
    </message>
    <message>
        <source>Mark</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <source>Market value $</source>
        <translation>Marktwert $</translation>
    </message>
    <message>
        <source>Unrealized $</source>
        <translation>Unrealisiert $</translation>
    </message>
    <message>
        <source>Realized $</source>
        <translation>Realisiert $</translation>
    </message>
    <message>
        <source>DV01 $</source>
        <translation>DV01 $</translation>
    </message>
</context>
<context>
    <name>instant::MainWindow</name>
    <message>
        <source>Instant — demo</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Instant</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Order Ticket</source>
        <translation>Orderticket</translation>
    </message>
    <message>
        <source>Market Watch</source>
        <translation>Marktübersicht</translation>
    </message>
    <message>
        <source>Depth Ladder</source>
        <translation>Markttiefe</translation>
    </message>
    <message>
        <source>Blotter</source>
        <translation>Blotter</translation>
    </message>
    <message>
        <source>Holdings</source>
        <translation>Bestände</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>Charts</translation>
    </message>
    <message>
        <source>Audit Log</source>
        <translation>Prüfprotokoll</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Warnungen</translation>
    </message>
    <message>
        <source>Screener alerts</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the screener</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Copilot</source>
        <translation>Copilot</translation>
    </message>
    <message>
        <source>The AI copilot</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the copilot</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> DEMO </source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> LIVE </source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> AS OF %1 </source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 (%2) · venue: simulated</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Kill switch: %1</source>
        <translation>Notaus: %1</translation>
    </message>
    <message numerus="yes">
        <source>projection lag: %n event(s)</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message>
        <source>no trading engine</source>
        <translation>keine Handelsengine</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;Not available in this build: it arrives with %2.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Lock layout</source>
        <translation>Layout &amp;sperren</translation>
    </message>
    <message>
        <source>&amp;Reset layout</source>
        <translation>Layout &amp;zurücksetzen</translation>
    </message>
    <message>
        <source>Layou&amp;ts</source>
        <translation>Layou&amp;ts</translation>
    </message>
    <message>
        <source>T&amp;heme</source>
        <translation>&amp;Design</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>&amp;Audit</source>
        <translation>&amp;Prüfung</translation>
    </message>
    <message>
        <source>&amp;Verify chain</source>
        <translation>Kette &amp;prüfen</translation>
    </message>
    <message>
        <source>No event store</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>empty</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>head #%1 %2</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Store %1 · %n event(s) · %2</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message>
        <source>&amp;Save layout as…</source>
        <translation>Layout &amp;speichern unter…</translation>
    </message>
    <message>
        <source>Save layout</source>
        <translation>Layout speichern</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
</context>
<context>
    <name>instant::MarketWatchModel</name>
    <message>
        <source>Instrument</source>
        <translation>Instrument</translation>
    </message>
    <message>
        <source>Bid</source>
        <translation>Geld</translation>
    </message>
    <message>
        <source>Ask</source>
        <translation>Brief</translation>
    </message>
    <message>
        <source>Last</source>
        <translation>Letzter</translation>
    </message>
    <message>
        <source>Chg</source>
        <translation>Änd.</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>Volumen</translation>
    </message>
</context>
<context>
    <name>instant::OrderTicket</name>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Instrument: UST 10Y, AAPL, CUSIP…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Buy</source>
        <translation>&amp;Kaufen</translation>
    </message>
    <message>
        <source>&amp;Sell</source>
        <translation>&amp;Verkaufen</translation>
    </message>
    <message>
        <source>e.g. 5mm, 250k, 100</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Limit</source>
        <translation>Limit</translation>
    </message>
    <message>
        <source>Market</source>
        <translation>Market</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stop</translation>
    </message>
    <message>
        <source>Stop limit</source>
        <translation>Stop-Limit</translation>
    </message>
    <message>
        <source>99-16+ or 228.50</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>stop price</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Instrument</source>
        <translation>Instrument</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>Seite</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Menge</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Time in force</source>
        <translation>Gültigkeit</translation>
    </message>
    <message>
        <source>Buy now</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Sell now</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancel all in this instrument</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Send (Enter). F2 buys, F3 sells, Ctrl+Shift+X cancels all in the instrument.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Large order</source>
        <translation>Großorder</translation>
    </message>
    <message>
        <source>Read-only: the %1 role cannot send orders.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Quantity: write 5mm, 250k or 100</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Notional $%L1</source>
        <translation>Nominal $%L1</translation>
    </message>
    <message>
        <source>DV01 %1$%L2 per bp</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Yield %1%</source>
        <translation>Rendite %1%</translation>
    </message>
    <message>
        <source>Available $%L1</source>
        <translation>Verfügbar $%L1</translation>
    </message>
    <message>
        <source>Compliance: passes</source>
        <translation>Compliance: in Ordnung</translation>
    </message>
    <message>
        <source>Compliance will reject: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Needs an override: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Enter a quantity</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 %L2 %3 for $%L4. Send?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Sending %1…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 rejected: %2</source>
        <translation type="unfinished" />
    </message>
</context>
</TS>