<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AuditSummary</name>
    <message>
        <source>%1 @ %2</source>
        <translation>%1 @ %2</translation>
    </message>
    <message>
        <source>%1 %2 %3</source>
        <translation>%1 %2 %3</translation>
    </message>
    <message>
        <source>%1 rejected: %2</source>
        <translation>%1 abgelehnt: %2</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>%1 %2: %3</source>
        <translation>%1 %2: %3</translation>
    </message>
    <message>
        <source>replaced</source>
        <translation>geändert</translation>
    </message>
    <message>
        <source>replace</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <source>filled %1 %2 @ %3</source>
        <translation>ausgeführt %1 %2 @ %3</translation>
    </message>
    <message>
        <source>alert %1: %2</source>
        <translation>Alarm %1: %2</translation>
    </message>
    <message>
        <source>alert %1 removed</source>
        <translation>Alarm %1 entfernt</translation>
    </message>
    <message numerus="yes">
        <source>breakout alerts at most every %n minute(s) per instrument</source>
        <translation>
            <numerusform>Ausbruchsalarme höchstens jede %n Minute je Instrument</numerusform>
            <numerusform>Ausbruchsalarme höchstens alle %n Minuten je Instrument</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
</context>
<context>
    <name>ClickToTrade</name>
    <message>
        <source>Large order</source>
        <translation>Großorder</translation>
    </message>
    <message>
        <source>market</source>
        <translation>Marktpreis</translation>
    </message>
    <message>
        <source>Sell %1 %2 at %3 for $%L4. Send?</source>
        <translation>Verkauf %1 %2 zu %3 für $%L4. Senden?</translation>
    </message>
    <message>
        <source>Buy %1 %2 at %3 for $%L4. Send?</source>
        <translation>Kauf %1 %2 zu %3 für $%L4. Senden?</translation>
    </message>
</context>
<context>
    <name>instant::AboutDialog</name>
    <message>
        <source>About Instant</source>
        <translation>Über Instant</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Instant %1&lt;/h2&gt;&lt;p&gt;A trading workstation: order lifecycle, a hash-chained audit trail, dockable panels.&lt;/p&gt;&lt;p&gt;Built from commit &lt;tt&gt;%2&lt;/tt&gt;&lt;br&gt;Qt %3 · %4 · SQLite %5&lt;br&gt;%6 (%7)&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Instant %1&lt;/h2&gt;&lt;p&gt;Ein Handelsarbeitsplatz: Order-Lebenszyklus, ein hashverkettetes Prüfprotokoll, andockbare Fenster.&lt;/p&gt;&lt;p&gt;Gebaut aus Commit &lt;tt&gt;%2&lt;/tt&gt;&lt;br&gt;Qt %3 · %4 · SQLite %5&lt;br&gt;%6 (%7)&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>Bibliothek</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Lizenz</translation>
    </message>
    <message>
        <source>Made with these libraries:</source>
        <translation>Erstellt mit diesen Bibliotheken:</translation>
    </message>
</context>
<context>
    <name>instant::AlertRuleDialog</name>
    <message>
        <source>Alert when…</source>
        <translation>Alarm, wenn…</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Kurs</translation>
    </message>
    <message>
        <source>Yield (%)</source>
        <translation>Rendite (%)</translation>
    </message>
    <message>
        <source>Spread to another Treasury (bp)</source>
        <translation>Spread zu einer anderen Treasury (Bp)</translation>
    </message>
    <message>
        <source>crosses above</source>
        <translation>nach oben kreuzt</translation>
    </message>
    <message>
        <source>crosses below</source>
        <translation>nach unten kreuzt</translation>
    </message>
    <message>
        <source>Optional note</source>
        <translation>Notiz (optional)</translation>
    </message>
    <message>
        <source>Set alert</source>
        <translation>Alarm setzen</translation>
    </message>
    <message>
        <source>&amp;Instrument</source>
        <translation>&amp;Instrument</translation>
    </message>
    <message>
        <source>&amp;Measure</source>
        <translation>&amp;Messgröße</translation>
    </message>
    <message>
        <source>&amp;Minus</source>
        <translation>&amp;Minus</translation>
    </message>
    <message>
        <source>&amp;When it</source>
        <translation>&amp;Wenn sie</translation>
    </message>
    <message>
        <source>&amp;Level</source>
        <translation>&amp;Schwelle</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>&amp;Notiz</translation>
    </message>
    <message>
        <source>Pick an instrument</source>
        <translation>Instrument wählen</translation>
    </message>
    <message>
        <source>Type a yield in percent: 4.25</source>
        <translation>Rendite in Prozent eingeben: 4.25</translation>
    </message>
    <message>
        <source>Type a spread in bp: 35</source>
        <translation>Spread in Bp eingeben: 35</translation>
    </message>
</context>
<context>
    <name>instant::AlertsModel</name>
    <message>
        <source>Time (UTC)</source>
        <translation>Zeit (UTC)</translation>
    </message>
    <message>
        <source>Instrument</source>
        <translation>Instrument</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>Alarm</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Was geschah</translation>
    </message>
</context>
<context>
    <name>instant::AlertsPanel</name>
    <message>
        <source>All alerts</source>
        <translation>Alle Alarme</translation>
    </message>
    <message>
        <source>Filter alerts…</source>
        <translation>Alarme filtern…</translation>
    </message>
    <message>
        <source>Stage ticket</source>
        <translation>Ins Ticket</translation>
    </message>
    <message>
        <source>Put the alert&apos;s instrument on the order ticket. Nothing is sent.</source>
        <translation>Das Instrument des Alarms ins Orderticket übernehmen. Es wird nichts gesendet.</translation>
    </message>
    <message>
        <source>Show instrument</source>
        <translation>Instrument zeigen</translation>
    </message>
    <message>
        <source>Show the alert&apos;s instrument on the linked panels.</source>
        <translation>Das Instrument des Alarms in den verknüpften Fenstern zeigen.</translation>
    </message>
    <message>
        <source>Today: %1</source>
        <translation>Heute: %1</translation>
    </message>
    <message>
        <source>no alerts yet</source>
        <translation>noch keine Alarme</translation>
    </message>
    <message>
        <source>Alert when…</source>
        <translation>Alarm, wenn…</translation>
    </message>
    <message>
        <source>Be told when a price, a Treasury&apos;s yield or a spread crosses a level</source>
        <translation>Benachrichtigung, wenn ein Kurs, die Rendite einer Treasury oder ein Spread eine Schwelle kreuzt</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source> min</source>
        <translation> Min.</translation>
    </message>
    <message>
        <source>A breakout alert at most once per instrument this often (recorded)</source>
        <translation>Ein Ausbruchsalarm höchstens einmal je Instrument in diesem Abstand (wird erfasst)</translation>
    </message>
    <message>
        <source>Breakouts at most every</source>
        <translation>Ausbrüche höchstens alle</translation>
    </message>
    <message>
        <source>My alerts</source>
        <translation>Meine Alarme</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
</context>
<context>
    <name>instant::ApprovalsModel</name>
    <message>
        <source>%1: %2 against %3</source>
        <translation>%1: %2 gegenüber %3</translation>
    </message>
    <message>
        <source>Sell</source>
        <translation>Verkauf</translation>
    </message>
    <message>
        <source>Buy</source>
        <translation>Kauf</translation>
    </message>
    <message>
        <source>market</source>
        <translation>Marktpreis</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%1 um %2</translation>
    </message>
    <message>
        <source>waiting for you</source>
        <translation>wartet auf Sie</translation>
    </message>
    <message>
        <source>waiting for %1</source>
        <translation>wartet auf %1</translation>
    </message>
    <message>
        <source> or </source>
        <translation> oder </translation>
    </message>
    <message>
        <source>approved</source>
        <translation>freigegeben</translation>
    </message>
    <message>
        <source>refused: %1</source>
        <translation>abgelehnt: %1</translation>
    </message>
    <message>
        <source>withdrawn</source>
        <translation>zurückgezogen</translation>
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
        <source>Side</source>
        <translation>Seite</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>Menge</translation>
    </message>
    <message>
        <source>Instrument</source>
        <translation>Instrument</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Kurs</translation>
    </message>
    <message>
        <source>Rules overridden</source>
        <translation>Übersteuerte Regeln</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Asked by</source>
        <translation>Angefragt von</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Decided by</source>
        <translation>Entschieden von</translation>
    </message>
</context>
<context>
    <name>instant::ApprovalsPanel</name>
    <message>
        <source>Approve</source>
        <translation>Freigeben</translation>
    </message>
    <message>
        <source>Refuse</source>
        <translation>Ablehnen</translation>
    </message>
    <message>
        <source>Reason for a refusal (recorded)</source>
        <translation>Grund für eine Ablehnung (wird erfasst)</translation>
    </message>
    <message>
        <source>Read-only: the %1 role does not decide orders.</source>
        <translation>Nur lesend: die Rolle %1 entscheidet nicht über Orders.</translation>
    </message>
    <message>
        <source>Four eyes: %1 may approve your order; cancel it in the blotter to withdraw it.</source>
        <translation>Vier-Augen-Prinzip: %1 kann Ihre Order freigeben; zum Zurückziehen im Blotter stornieren.</translation>
    </message>
    <message>
        <source> or </source>
        <translation> oder </translation>
    </message>
    <message>
        <source>Orders waiting for your approval: %1</source>
        <translation>Orders, die auf Ihre Freigabe warten: %1</translation>
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
        <translation>Vers.</translation>
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
    <message>
        <source>What</source>
        <translation>Was</translation>
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
        <translation>vom Anfang</translation>
    </message>
    <message>
        <source>until now</source>
        <translation>bis jetzt</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <source>Recompute every hash of the chain and name the first bad event</source>
        <translation>Jeden Hash der Kette neu berechnen und das erste fehlerhafte Ereignis nennen</translation>
    </message>
    <message>
        <source>Show as of</source>
        <translation>Stand zeigen</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>Live</translation>
    </message>
    <message>
        <source>Show the blotter and holdings as they were at this time</source>
        <translation>Blotter und Bestände so zeigen, wie sie zu diesem Zeitpunkt waren</translation>
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
        <translation>Live-Aktualisierung unterbrochen: %1</translation>
    </message>
    <message>
        <source>No event store is open.</source>
        <translation>Kein Ereignisspeicher geöffnet.</translation>
    </message>
    <message>
        <source>Verifying the chain…</source>
        <translation>Kette wird geprüft…</translation>
    </message>
    <message>
        <source>Verifying the chain… %L1 events</source>
        <translation>Kette wird geprüft… %L1 Ereignisse</translation>
    </message>
    <message>
        <source>Verification could not run: %1</source>
        <translation>Prüfung nicht möglich: %1</translation>
    </message>
    <message numerus="yes">
        <source>Chain intact: %n event(s), head %1</source>
        <translation>
            <numerusform>Kette intakt: %n Ereignis, Kopf %1</numerusform>
            <numerusform>Kette intakt: %n Ereignisse, Kopf %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Chain BROKEN at sequence %1: %2</source>
        <translation>Kette GEBROCHEN bei Nr. %1: %2</translation>
    </message>
    <message>
        <source>Export audit log</source>
        <translation>Prüfprotokoll exportieren</translation>
    </message>
    <message>
        <source>JSON lines (*.jsonl);;CSV (*.csv)</source>
        <translation>JSON-Zeilen (*.jsonl);;CSV (*.csv)</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation>Export fehlgeschlagen: %1</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n event(s) to %1</source>
        <translation>
            <numerusform>%n Ereignis nach %1 exportiert</numerusform>
            <numerusform>%n Ereignisse nach %1 exportiert</numerusform>
        </translation>
    </message>
    <message>
        <source>Search whole log</source>
        <translation>Ganzes Protokoll durchsuchen</translation>
    </message>
    <message>
        <source>Run the filter over every event in the store, not only the newest ones shown live</source>
        <translation>Den Filter auf alle Ereignisse im Speicher anwenden, nicht nur auf die neuesten live angezeigten</translation>
    </message>
    <message>
        <source>Live: the newest %L1 events (from %L2 on); &quot;Search whole log&quot; finds older ones.</source>
        <translation>Live: die neuesten %L1 Ereignisse (ab %L2); „Ganzes Protokoll durchsuchen“ findet ältere.</translation>
    </message>
    <message>
        <source>Searching the whole log…</source>
        <translation>Ganzes Protokoll wird durchsucht…</translation>
    </message>
    <message>
        <source>The search failed: %1</source>
        <translation>Suche fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Back to live</source>
        <translation>Zurück zu live</translation>
    </message>
    <message>
        <source>%L1 of %L2 events match; the newest %L3 are shown. Live updates paused.</source>
        <translation>%L1 von %L2 Ereignissen passen; die neuesten %L3 werden gezeigt. Live-Aktualisierung pausiert.</translation>
    </message>
    <message>
        <source>%L1 of %L2 events match. Live updates paused.</source>
        <translation>%L1 von %L2 Ereignissen passen. Live-Aktualisierung pausiert.</translation>
    </message>
    <message>
        <source>Exporting to %1…</source>
        <translation>Export nach %1…</translation>
    </message>
    <message>
        <source>· writers could not be checked: %1</source>
        <translation>· Schreiber nicht prüfbar: %1</translation>
    </message>
    <message>
        <source>· writers FORGED at sequence %1: %2</source>
        <translation>· Schreiber GEFÄLSCHT bei Sequenz %1: %2</translation>
    </message>
    <message>
        <source>· unsigned: the store has no desk administrator</source>
        <translation>· unsigniert: der Speicher hat keinen Desk-Administrator</translation>
    </message>
    <message numerus="yes">
        <source>· %n batch(es) signed by enrolled keys</source>
        <translation>
            <numerusform>· %n Stapel von registrierten Schlüsseln signiert</numerusform>
            <numerusform>· %n Stapel von registrierten Schlüsseln signiert</numerusform>
        </translation>
    </message>
    <message>
        <source>, unsigned up to sequence %1</source>
        <translation>, unsigniert bis Sequenz %1</translation>
    </message>
    <message>
        <source>All but reads</source>
        <translation>Alles außer Lesezugriffen</translation>
    </message>
    <message>
        <source>Reads: who looked at what</source>
        <translation>Lesezugriffe: wer was angesehen hat</translation>
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
        <translation>Im Markt</translation>
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
        <translation>%L1 von %L2</translation>
    </message>
    <message>
        <source>Export orders</source>
        <translation>Orders exportieren</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
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
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Acknowledge…</source>
        <translation>Quittieren…</translation>
    </message>
    <message>
        <source>This instrument only</source>
        <translation>Nur dieses Instrument</translation>
    </message>
    <message>
        <source>My orders</source>
        <translation>Meine Orders</translation>
    </message>
    <message>
        <source>Executions booked that were not expected. The %1 role views them; a trader acknowledges them.</source>
        <translation>Gebuchte Ausführungen, die nicht erwartet waren. Die Rolle %1 sieht sie; ein Händler quittiert sie.</translation>
    </message>
    <message>
        <source>Executions booked that were not expected: acknowledge each with a note.</source>
        <translation>Gebuchte Ausführungen, die nicht erwartet waren: jede mit einer Notiz quittieren.</translation>
    </message>
    <message>
        <source>Exceptions</source>
        <translation>Klärfälle</translation>
    </message>
    <message>
        <source>Brackets</source>
        <translation>Brackets</translation>
    </message>
    <message>
        <source>Only the orders %1 entered or that are on %1&apos;s accounts (not the other desks&apos;)</source>
        <translation>Nur Orders, die %1 erfasst hat oder die auf Konten von %1 laufen (nicht die anderer Desks)</translation>
    </message>
    <message>
        <source>Edit exits in the ticket…</source>
        <translation>Ausstiege im Ticket bearbeiten…</translation>
    </message>
    <message>
        <source>Exit now (sell at the market)</source>
        <translation>Jetzt aussteigen (bestens verkaufen)</translation>
    </message>
    <message>
        <source>Stop the bracket (cancel its orders, keep the position)</source>
        <translation>Bracket beenden (Orders stornieren, Position halten)</translation>
    </message>
    <message>
        <source>Exit now</source>
        <translation>Jetzt aussteigen</translation>
    </message>
    <message>
        <source>Sell what bracket %1 holds at the market now?</source>
        <translation>Den Bestand von Bracket %1 jetzt bestens verkaufen?</translation>
    </message>
    <message>
        <source>Exceptions (%L1)</source>
        <translation>Klärfälle (%L1)</translation>
    </message>
    <message>
        <source>Acknowledge exception</source>
        <translation>Klärfall quittieren</translation>
    </message>
    <message>
        <source>%1, order %2 (%3)
Expected: %4
Came: %5

Note:</source>
        <translation>%1, Order %2 (%3)
Erwartet: %4
Erhalten: %5

Notiz:</translation>
    </message>
    <message>
        <source>Show order %1</source>
        <translation>Order %1 zeigen</translation>
    </message>
    <message>
        <source>Copy order ID</source>
        <translation>Order-ID kopieren</translation>
    </message>
    <message>
        <source>%1 only</source>
        <translation>Nur %1</translation>
    </message>
    <message>
        <source>%1 refused: %2</source>
        <translation>%1 abgelehnt: %2</translation>
    </message>
    <message>
        <source>Replace %1… (amend bracket %2 instead)</source>
        <translation>%1 ändern… (stattdessen Bracket %2 ändern)</translation>
    </message>
    <message>
        <source>Cancel %1 (stop or amend bracket %2 instead)</source>
        <translation>%1 stornieren (stattdessen Bracket %2 beenden oder ändern)</translation>
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
        <translation>Gültigk.</translation>
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
    <message>
        <source>%1 ⚠ %2</source>
        <translation>%1 ⚠ %2</translation>
    </message>
    <message numerus="yes">
        <source>%n execution exception(s): see the Exceptions tab</source>
        <translation>
            <numerusform>%n Klärfall bei Ausführungen: siehe Reiter Klärfälle</numerusform>
            <numerusform>%n Klärfälle bei Ausführungen: siehe Reiter Klärfälle</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>instant::BracketMonitor</name>
    <message>
        <source>Bracket %1: %2 refused: %3</source>
        <translation>Bracket %1: %2 abgelehnt: %3</translation>
    </message>
    <message>
        <source>Bracket %1: the exit order was refused (%2); %L3 still held</source>
        <translation>Bracket %1: die Ausstiegsorder wurde abgelehnt (%2); %L3 noch im Bestand</translation>
    </message>
</context>
<context>
    <name>instant::BracketsModel</name>
    <message>
        <source>bracket</source>
        <translation>Bracket</translation>
    </message>
    <message>
        <source>exiting (%1)</source>
        <translation>im Ausstieg (%1)</translation>
    </message>
    <message>
        <source> (trails %1, high %2)</source>
        <translation> (nachgezogen um %1, Hoch %2)</translation>
    </message>
    <message>
        <source>entry</source>
        <translation>Einstieg</translation>
    </message>
    <message>
        <source>take-profit</source>
        <translation>Take-Profit</translation>
    </message>
    <message>
        <source>exit</source>
        <translation>Ausstieg</translation>
    </message>
    <message>
        <source>lmt %1</source>
        <translation>Lmt %1</translation>
    </message>
    <message>
        <source>%1: %2. Stop-loss %3, take-profit %4. Right-click to edit in the ticket, exit now or stop.</source>
        <translation>%1: %2. Stop-Loss %3, Take-Profit %4. Rechtsklick: im Ticket bearbeiten, jetzt aussteigen oder beenden.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keiner</translation>
    </message>
    <message>
        <source>Bracket / order</source>
        <translation>Bracket / Order</translation>
    </message>
    <message>
        <source>Symbol</source>
        <translation>Symbol</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Menge</translation>
    </message>
    <message>
        <source>Filled</source>
        <translation>Ausgeführt</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Kurs</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stop</translation>
    </message>
    <message>
        <source>Take-profit</source>
        <translation>Take-Profit</translation>
    </message>
    <message>
        <source>Exit at (UTC)</source>
        <translation>Ausstieg um (UTC)</translation>
    </message>
    <message>
        <source>Outcome / reason</source>
        <translation>Ergebnis / Grund</translation>
    </message>
    <message>
        <source>Placed at workstation %1: only it works this bracket.</source>
        <translation>Am Arbeitsplatz %1 platziert: nur dieser bearbeitet die Bracket-Order.</translation>
    </message>
</context>
<context>
    <name>instant::Charts</name>
    <message>
        <source>Volume</source>
        <translation>Volumen</translation>
    </message>
    <message>
        <source>Intraday P&amp;L (realized + unrealized), $</source>
        <translation>Intraday-GuV (realisiert + unrealisiert), $</translation>
    </message>
    <message>
        <source>US Treasury yield curve (on-the-run, %)</source>
        <translation>US-Treasury-Zinskurve (On-the-run, %)</translation>
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
        <translation>GuV</translation>
    </message>
    <message>
        <source>Yield curve</source>
        <translation>Zinskurve</translation>
    </message>
    <message>
        <source>%1 — one-minute candles</source>
        <translation>%1 — Minutenkerzen</translation>
    </message>
    <message>
        <source>SMA</source>
        <translation>SMA</translation>
    </message>
    <message>
        <source>Simple moving average of the closes</source>
        <translation>Einfacher gleitender Durchschnitt der Schlusskurse</translation>
    </message>
    <message>
        <source>EMA</source>
        <translation>EMA</translation>
    </message>
    <message>
        <source>Exponential moving average of the closes (seeded with the SMA)</source>
        <translation>Exponentieller gleitender Durchschnitt der Schlusskurse (Startwert: SMA)</translation>
    </message>
    <message>
        <source>VWAP</source>
        <translation>VWAP</translation>
    </message>
    <message>
        <source>Volume-weighted average price since the start of the UTC day</source>
        <translation>Volumengewichteter Durchschnittskurs seit Beginn des UTC-Tages</translation>
    </message>
    <message>
        <source>Bollinger</source>
        <translation>Bollinger</translation>
    </message>
    <message>
        <source>SMA ± k standard deviations of the closes</source>
        <translation>SMA ± k Standardabweichungen der Schlusskurse</translation>
    </message>
    <message>
        <source>RSI</source>
        <translation>RSI</translation>
    </message>
    <message>
        <source>Wilder&apos;s relative strength index, with its 30 and 70 lines</source>
        <translation>Relative-Stärke-Index nach Wilder, mit den Linien 30 und 70</translation>
    </message>
    <message>
        <source>Period, in one-minute bars</source>
        <translation>Periode in Minutenbalken</translation>
    </message>
    <message>
        <source>Band width, in standard deviations</source>
        <translation>Bandbreite in Standardabweichungen</translation>
    </message>
    <message>
        <source>SMA %1</source>
        <translation>SMA %1</translation>
    </message>
    <message>
        <source>EMA %1</source>
        <translation>EMA %1</translation>
    </message>
    <message>
        <source>BB %1, %2</source>
        <translation>BB %1, %2</translation>
    </message>
</context>
<context>
    <name>instant::ConnectionDialog</name>
    <message>
        <source>&amp;Demo: the simulated venue, in this workstation</source>
        <translation>&amp;Demo: der simulierte Handelsplatz in diesem Arbeitsplatz</translation>
    </message>
    <message>
        <source>&amp;Live: a FIX 4.4 venue and a WebSocket market data feed</source>
        <translation>&amp;Live: ein FIX-4.4-Handelsplatz und ein WebSocket-Marktdatenfeed</translation>
    </message>
    <message>
        <source>TLS (the venue&apos;s certificate is verified)</source>
        <translation>TLS (das Zertifikat des Handelsplatzes wird geprüft)</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>PEM file of the authority that signed the venue&apos;s certificate</source>
        <translation>PEM-Datei der Zertifizierungsstelle, die das Zertifikat des Handelsplatzes signiert hat</translation>
    </message>
    <message>
        <source>FIX session</source>
        <translation>FIX-Session</translation>
    </message>
    <message>
        <source>Venue host</source>
        <translation>Host des Handelsplatzes</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>SenderCompID (this desk)</source>
        <translation>SenderCompID (dieser Desk)</translation>
    </message>
    <message>
        <source>TargetCompID (the venue)</source>
        <translation>TargetCompID (Handelsplatz)</translation>
    </message>
    <message>
        <source>Heartbeat</source>
        <translation>Heartbeat</translation>
    </message>
    <message>
        <source>CA file</source>
        <translation>CA-Datei</translation>
    </message>
    <message>
        <source>Market data</source>
        <translation>Marktdaten</translation>
    </message>
    <message>
        <source>Feed URL</source>
        <translation>Feed-URL</translation>
    </message>
    <message>
        <source>Changes apply at the next start.</source>
        <translation>Änderungen gelten ab dem nächsten Start.</translation>
    </message>
    <message>
        <source>Name the venue&apos;s host.</source>
        <translation>Host des Handelsplatzes angeben.</translation>
    </message>
    <message>
        <source>The feed URL is ws://HOST:PORT/ or wss://HOST:PORT/.</source>
        <translation>Die Feed-URL lautet ws://HOST:PORT/ oder wss://HOST:PORT/.</translation>
    </message>
</context>
<context>
    <name>instant::CopilotPanel</name>
    <message>
        <source>Ask</source>
        <translation>Fragen</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stage on ticket</source>
        <translation>Ins Ticket übernehmen</translation>
    </message>
    <message>
        <source>Reject draft</source>
        <translation>Entwurf verwerfen</translation>
    </message>
    <message>
        <source>Ask about the book, or: buy 5mm 10s at 99-16</source>
        <translation>Fragen zum Buch, oder: buy 5mm 10s at 99-16</translation>
    </message>
    <message>
        <source>Model: %1</source>
        <translation>Modell: %1</translation>
    </message>
    <message>
        <source>Offline assistant: no model is configured (Model settings…).</source>
        <translation>Offline-Assistent: kein Modell eingerichtet (Modelleinstellungen…).</translation>
    </message>
    <message>
        <source>Model settings…</source>
        <translation>Modelleinstellungen…</translation>
    </message>
    <message>
        <source>Copilot model</source>
        <translation>Copilot-Modell</translation>
    </message>
    <message>
        <source>OpenAI-compatible (also llama.cpp, Ollama)</source>
        <translation>OpenAI-kompatibel (auch llama.cpp, Ollama)</translation>
    </message>
    <message>
        <source>Cohere</source>
        <translation>Cohere</translation>
    </message>
    <message>
        <source>leave empty to keep the saved key</source>
        <translation>leer lassen, um den gespeicherten Schlüssel zu behalten</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>Endpunkt</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Anbieter</translation>
    </message>
    <message>
        <source>API key (OS keychain)</source>
        <translation>API-Schlüssel (Schlüsselbund des Systems)</translation>
    </message>
    <message>
        <source>The key was not saved: %1</source>
        <translation>Der Schlüssel wurde nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Model: %1 (applies to the next question)</source>
        <translation>Modell: %1 (gilt ab der nächsten Frage)</translation>
    </message>
    <message>
        <source>Offline assistant: no model is configured.</source>
        <translation>Offline-Assistent: kein Modell eingerichtet.</translation>
    </message>
    <message>
        <source>Ask about the book (read-only: nothing is drafted or recorded)</source>
        <translation>Fragen zum Buch (nur lesend: es wird nichts entworfen oder erfasst)</translation>
    </message>
    <message>
        <source>The copilot could not answer: %1 (trading is not affected).</source>
        <translation>Der Copilot konnte nicht antworten: %1 (der Handel ist nicht betroffen).</translation>
    </message>
    <message>
        <source>Draft %1 %2 and sent by you as %3.</source>
        <translation>Entwurf %1 (%2), von Ihnen als %3 gesendet.</translation>
    </message>
    <message>
        <source>You: %1</source>
        <translation>Sie: %1</translation>
    </message>
    <message>
        <source>
  compliance (%1): %2</source>
        <translation>
  Compliance (%1): %2</translation>
    </message>
    <message>
        <source>hard</source>
        <translation>hart</translation>
    </message>
    <message>
        <source>soft</source>
        <translation>weich</translation>
    </message>
    <message>
        <source>Draft %1: %2 — not sent.%3</source>
        <translation>Entwurf %1: %2 — nicht gesendet.%3</translation>
    </message>
    <message>
        <source>Draft %1 staged on the order ticket: review it and press Send yourself.</source>
        <translation>Entwurf %1 ins Orderticket übernommen: prüfen Sie ihn und drücken Sie selbst auf Senden.</translation>
    </message>
    <message>
        <source>Draft %1 rejected.</source>
        <translation>Entwurf %1 verworfen.</translation>
    </message>
</context>
<context>
    <name>instant::DepthLadder</name>
    <message>
        <source>Pick an instrument in the market watch</source>
        <translation>Instrument in der Marktübersicht wählen</translation>
    </message>
    <message>
        <source>Centre</source>
        <translation>Zentrieren</translation>
    </message>
    <message>
        <source>The account a click trades for</source>
        <translation>Das Konto, für das ein Klick handelt</translation>
    </message>
    <message>
        <source>e.g. 5mm, 250k, 100</source>
        <translation>z. B. 5mm, 250k, 100</translation>
    </message>
    <message>
        <source>The quantity a click trades: 5mm, 250k or 100. It goes back to the instrument&apos;s usual quantity when the instrument changes.</source>
        <translation>Die Menge je Klick: 5mm, 250k oder 100. Beim Wechsel des Instruments gilt wieder dessen übliche Menge.</translation>
    </message>
    <message>
        <source>Put the market on the middle row (Space or C)</source>
        <translation>Markt in die mittlere Zeile setzen (Leertaste oder C)</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>Menge</translation>
    </message>
    <message>
        <source>Read-only: the %1 role cannot send orders.</source>
        <translation>Nur lesend: die Rolle %1 kann keine Orders senden.</translation>
    </message>
    <message>
        <source>face</source>
        <translation>Nominal</translation>
    </message>
    <message>
        <source>contracts</source>
        <translation>Kontrakte</translation>
    </message>
    <message>
        <source>shares</source>
        <translation>Stück</translation>
    </message>
    <message>
        <source>Quantity: write 5mm, 250k or 100</source>
        <translation>Menge: 5mm, 250k oder 100 eingeben</translation>
    </message>
    <message>
        <source>Buy %1 %2 at %3 sent (%4)</source>
        <translation>Kauf %1 %2 zu %3 gesendet (%4)</translation>
    </message>
    <message>
        <source>Sell %1 %2 at %3 sent (%4)</source>
        <translation>Verkauf %1 %2 zu %3 gesendet (%4)</translation>
    </message>
    <message numerus="yes">
        <source>Cancelling %n order(s) at %1</source>
        <translation>
            <numerusform>%n Order zu %1 wird storniert</numerusform>
            <numerusform>%n Orders zu %1 werden storniert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Moving %n order(s) to %1</source>
        <translation>
            <numerusform>%n Order wird auf %1 verschoben</numerusform>
            <numerusform>%n Orders werden auf %1 verschoben</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 refused: %2</source>
        <translation>%1 abgelehnt: %2</translation>
    </message>
    <message>
        <source>Not sent: buy %1 %2 at %3</source>
        <translation>Nicht gesendet: Kauf %1 %2 zu %3</translation>
    </message>
    <message>
        <source>Not sent: sell %1 %2 at %3</source>
        <translation>Nicht gesendet: Verkauf %1 %2 zu %3</translation>
    </message>
    <message>
        <source>▼ Centre</source>
        <translation>▼ Zentrieren</translation>
    </message>
    <message>
        <source>▲ Centre</source>
        <translation>▲ Zentrieren</translation>
    </message>
    <message>
        <source>The market is above the rows: Space, C or this button puts it on the middle row</source>
        <translation>Der Markt liegt über den Zeilen: Leertaste, C oder diese Schaltfläche setzt ihn in die mittlere Zeile</translation>
    </message>
    <message>
        <source>The market is below the rows: Space, C or this button puts it on the middle row</source>
        <translation>Der Markt liegt unter den Zeilen: Leertaste, C oder diese Schaltfläche setzt ihn in die mittlere Zeile</translation>
    </message>
    <message>
        <source>Checking %1 %2 at %3…</source>
        <translation>Prüfe %1 %2 zu %3…</translation>
    </message>
</context>
<context>
    <name>instant::DockTitleBar</name>
    <message>
        <source>Float</source>
        <translation>Abdocken</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>instant::ExceptionsModel</name>
    <message>
        <source>Open: nobody has acknowledged it yet (right-click to acknowledge)</source>
        <translation>Offen: noch von niemandem quittiert (Rechtsklick zum Quittieren)</translation>
    </message>
    <message>
        <source>Acknowledged by %1</source>
        <translation>Quittiert von %1</translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation>Zeit (UTC)</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Order</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>Erwartet</translation>
    </message>
    <message>
        <source>Came</source>
        <translation>Erhalten</translation>
    </message>
    <message>
        <source>Exec</source>
        <translation>Ausf.-ID</translation>
    </message>
    <message>
        <source>Acknowledged by</source>
        <translation>Quittiert von</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
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
        <translation>Ausf.-ID</translation>
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
        <translation>Kurswert $</translation>
    </message>
    <message>
        <source>Settles</source>
        <translation>Valuta</translation>
    </message>
    <message>
        <source>Settlement</source>
        <translation>Abwicklung</translation>
    </message>
    <message>
        <source>The venue&apos;s price, off the tick grid; booked at %1</source>
        <translation>Kurs des Handelsplatzes, außerhalb des Tick-Rasters; gebucht zu %1</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Accrued $</source>
        <translation>Stückzinsen $</translation>
    </message>
</context>
<context>
    <name>instant::Holdings</name>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; cash $%2 · reserved $%3 · unsettled buys $%4 · available $%5</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; Cash $%2 · reserviert $%3 · nicht abgewickelte Käufe $%4 · verfügbar $%5</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 more accounts&lt;/b&gt;; all %2: cash $%3 · reserved $%4 · unsettled buys $%5 · available $%6</source>
        <translation>&lt;b&gt;%1 weitere Konten&lt;/b&gt;; alle %2: Cash $%3 · reserviert $%4 · nicht abgewickelte Käufe $%5 · verfügbar $%6</translation>
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
        <translation>Bewertungskurs</translation>
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
    <message>
        <source>Yield</source>
        <translation>Rendite</translation>
    </message>
    <message>
        <source>Accrued $</source>
        <translation>Stückzinsen $</translation>
    </message>
    <message>
        <source>Interest $</source>
        <translation>Zinsertrag $</translation>
    </message>
</context>
<context>
    <name>instant::InstrumentLinks</name>
    <message>
        <source>Red</source>
        <translation>Rot</translation>
    </message>
    <message>
        <source>Green</source>
        <translation>Grün</translation>
    </message>
    <message>
        <source>Blue</source>
        <translation>Blau</translation>
    </message>
    <message>
        <source>Yellow</source>
        <translation>Gelb</translation>
    </message>
    <message>
        <source>Not linked</source>
        <translation>Nicht verknüpft</translation>
    </message>
</context>
<context>
    <name>instant::KillSwitchDialog</name>
    <message>
        <source>Kill switch</source>
        <translation>Notaus</translation>
    </message>
    <message>
        <source>Active: trading as usual</source>
        <translation>Aktiv: normaler Handel</translation>
    </message>
    <message>
        <source>Reducing only: orders that reduce a position</source>
        <translation>Nur Reduzierung: Orders, die eine Position verringern</translation>
    </message>
    <message>
        <source>Halted: no new orders</source>
        <translation>Gestoppt: keine neuen Orders</translation>
    </message>
    <message>
        <source>Why (recorded with your name)</source>
        <translation>Warum (wird mit Ihrem Namen erfasst)</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Jetzt</translation>
    </message>
    <message>
        <source>Set to</source>
        <translation>Setzen auf</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Every workstation of the desk may trade again.</source>
        <translation>Jeder Arbeitsplatz des Desks darf wieder handeln.</translation>
    </message>
    <message>
        <source>Resume trading</source>
        <translation>Handel wieder aufnehmen</translation>
    </message>
    <message>
        <source>Every workstation of the desk may only send orders that reduce a position; orders already working keep working.</source>
        <translation>Jeder Arbeitsplatz des Desks darf nur noch Orders senden, die eine Position verringern; Orders im Markt bleiben im Markt.</translation>
    </message>
    <message>
        <source>Allow only reducing orders</source>
        <translation>Nur reduzierende Orders erlauben</translation>
    </message>
    <message>
        <source>Every new order of the desk is refused until the switch is set back to active; orders already working keep working (cancel them from the blotter).</source>
        <translation>Jede neue Order des Desks wird abgelehnt, bis der Schalter wieder auf aktiv steht; Orders im Markt bleiben im Markt (im Blotter stornieren).</translation>
    </message>
    <message>
        <source>Halt trading</source>
        <translation>Handel stoppen</translation>
    </message>
</context>
<context>
    <name>instant::LadderModel</name>
    <message>
        <source>My bids</source>
        <translation>Meine Gebote</translation>
    </message>
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
        <source>My asks</source>
        <translation>Meine Angebote</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Click to buy at %1</source>
        <translation>Klicken, um zu %1 zu kaufen</translation>
    </message>
    <message>
        <source>Click to sell at %1</source>
        <translation>Klicken, um zu %1 zu verkaufen</translation>
    </message>
    <message>
        <source>%1: %2 at %3 (%4)</source>
        <translation>%1: %2 zu %3 (%4)</translation>
    </message>
    <message>
        <source>Click to cancel; drag to another price to move</source>
        <translation>Klicken zum Stornieren; auf einen anderen Kurs ziehen zum Verschieben</translation>
    </message>
</context>
<context>
    <name>instant::LifecycleModel</name>
    <message>
        <source>Coupon due</source>
        <translation>Kupon fällig</translation>
    </message>
    <message>
        <source>Coupon paid</source>
        <translation>Kupon gezahlt</translation>
    </message>
    <message>
        <source>Maturity due</source>
        <translation>Tilgung fällig</translation>
    </message>
    <message>
        <source>Principal paid</source>
        <translation>Tilgung gezahlt</translation>
    </message>
    <message>
        <source>Expiry due</source>
        <translation>Verfall steht an</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Verfallen</translation>
    </message>
    <message>
        <source>Exercised</source>
        <translation>Ausgeübt</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>Zugeteilt</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
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
        <source>Face / contracts</source>
        <translation>Nominal / Kontrakte</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>Cash</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
</context>
<context>
    <name>instant::LinkColourButton</name>
    <message>
        <source>Not linked: picks here drive no other panel. Click to link by colour.</source>
        <translation>Nicht verknüpft: eine Auswahl hier steuert kein anderes Fenster. Klicken, um per Farbe zu verknüpfen.</translation>
    </message>
    <message>
        <source>Linked: %1. Panels of this colour follow each other&apos;s instrument.</source>
        <translation>Verknüpft: %1. Fenster dieser Farbe folgen gegenseitig ihrem Instrument.</translation>
    </message>
</context>
<context>
    <name>instant::MainWindow</name>
    <message>
        <source>Instant — demo</source>
        <translation>Instant — Demo</translation>
    </message>
    <message>
        <source>Instant</source>
        <translation>Instant</translation>
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
        <translation>Alarme</translation>
    </message>
    <message>
        <source>Copilot</source>
        <translation>Copilot</translation>
    </message>
    <message>
        <source> DEMO </source>
        <translation> DEMO </translation>
    </message>
    <message>
        <source> LIVE </source>
        <translation> LIVE </translation>
    </message>
    <message>
        <source> AS OF %1 </source>
        <translation> STAND %1 </translation>
    </message>
    <message>
        <source>%1 (%2) · venue: simulated</source>
        <translation>%1 (%2) · Handelsplatz: simuliert</translation>
    </message>
    <message>
        <source>Kill switch: %1</source>
        <translation>Notaus: %1</translation>
    </message>
    <message numerus="yes">
        <source>projection lag: %n event(s)</source>
        <translation>
            <numerusform>Projektion im Rückstand: %n Ereignis</numerusform>
            <numerusform>Projektion im Rückstand: %n Ereignisse</numerusform>
        </translation>
    </message>
    <message>
        <source>no trading engine</source>
        <translation>keine Handels-Engine</translation>
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
        <translation>Kein Ereignisspeicher</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>leer</translation>
    </message>
    <message>
        <source>head #%1 %2</source>
        <translation>Kopf #%1 %2</translation>
    </message>
    <message numerus="yes">
        <source>Store %1 · %n event(s) · %2</source>
        <translation>
            <numerusform>Speicher %1 · %n Ereignis · %2</numerusform>
            <numerusform>Speicher %1 · %n Ereignisse · %2</numerusform>
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
    <message>
        <source>Watchlists</source>
        <translation>Watchlisten</translation>
    </message>
    <message>
        <source>Settlement</source>
        <translation>Abwicklung</translation>
    </message>
    <message>
        <source>Rebalance</source>
        <translation>Rebalancing</translation>
    </message>
    <message>
        <source>Option Ideas</source>
        <translation>Optionsideen</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source> · database: %1</source>
        <translation> · Datenbank: %1</translation>
    </message>
    <message>
        <source>&amp;Connection…</source>
        <translation>&amp;Verbindung…</translation>
    </message>
    <message>
        <source>Live connection saved: it applies at the next start.</source>
        <translation>Live-Verbindung gespeichert: sie gilt ab dem nächsten Start.</translation>
    </message>
    <message>
        <source>Demo mode saved: it applies at the next start.</source>
        <translation>Demomodus gespeichert: er gilt ab dem nächsten Start.</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>The language changes at the next start.</source>
        <translation>Die Sprache wechselt beim nächsten Start.</translation>
    </message>
    <message>
        <source>&amp;Trading</source>
        <translation>&amp;Handel</translation>
    </message>
    <message>
        <source>&amp;Kill switch…</source>
        <translation>&amp;Notaus…</translation>
    </message>
    <message>
        <source>Halt the desk&apos;s trading, allow only reducing orders, or resume: with a reason</source>
        <translation>Den Handel des Desks stoppen, nur reduzierende Orders erlauben oder fortsetzen: mit Begründung</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;Report a problem…</source>
        <translation>Problem &amp;melden…</translation>
    </message>
    <message>
        <source>Save a problem report</source>
        <translation>Problembericht speichern</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Problem report</source>
        <translation>Problembericht</translation>
    </message>
    <message>
        <source>Saved to %1.

It holds the versions, the settings without passwords or keys, and the last log lines. Attach it to your report.</source>
        <translation>Gespeichert unter %1.

Er enthält die Versionen, die Einstellungen ohne Passwörter oder Schlüssel und die letzten Protokollzeilen. Hängen Sie ihn an Ihre Meldung an.</translation>
    </message>
    <message>
        <source>&amp;About Instant</source>
        <translation>Über &amp;Instant</translation>
    </message>
    <message>
        <source>Read-only session</source>
        <translation>Nur-Lese-Sitzung</translation>
    </message>
    <message>
        <source>Kill switch: %1 asked (%2)</source>
        <translation>Notaus: %1 angefordert (%2)</translation>
    </message>
    <message>
        <source>Approvals</source>
        <translation>Freigaben</translation>
    </message>
    <message>
        <source>Approvals (%1)</source>
        <translation>Freigaben (%1)</translation>
    </message>
    <message>
        <source>READ-ONLY COMPLIANCE SESSION · %1 · the record and the market, to view and export: nothing here trades, cancels, acknowledges or reaches a venue</source>
        <translation>NUR-LESEN-SITZUNG COMPLIANCE · %1 · Aufzeichnung und Markt zum Ansehen und Exportieren: hier wird nichts gehandelt, storniert, bestätigt oder an einen Handelsplatz gesendet</translation>
    </message>
    <message>
        <source>This session records nothing but its start; the engine refuses every command that would record or send. Start the workstation as a trader to trade.</source>
        <translation>Diese Sitzung zeichnet nur ihren Start auf; die Engine lehnt jeden Befehl ab, der etwas aufzeichnen oder senden würde. Starten Sie die Arbeitsstation als Händler, um zu handeln.</translation>
    </message>
    <message>
        <source>Trading halted: the store cannot record</source>
        <translation>Handel angehalten: der Speicher kann nicht aufzeichnen</translation>
    </message>
    <message>
        <source>writes signed · %1</source>
        <translation>Schreibvorgänge signiert · %1</translation>
    </message>
    <message>
        <source>Every batch this workstation writes is signed with its key %1 (instant audit verify checks them).</source>
        <translation>Jeder Stapel, den diese Arbeitsstation schreibt, ist mit ihrem Schlüssel %1 signiert (instant audit verify prüft die Signaturen).</translation>
    </message>
    <message>
        <source> UNSIGNED writes </source>
        <translation> UNSIGNIERTE Schreibvorgänge </translation>
    </message>
    <message>
        <source>This workstation&apos;s key is not enrolled on the store, so instant audit verify will name its events. `instant store key` shows the key; the desk administrator enrols it with `instant store enroll`.</source>
        <translation>Der Schlüssel dieser Arbeitsstation ist im Speicher nicht registriert, daher nennt instant audit verify ihre Ereignisse. `instant store key` zeigt den Schlüssel; der Desk-Administrator registriert ihn mit `instant store enroll`.</translation>
    </message>
    <message>
        <source>clock: unknown</source>
        <translation>Uhr: unbekannt</translation>
    </message>
    <message>
        <source>The operating system does not say how this machine&apos;s clock is kept.</source>
        <translation>Das Betriebssystem sagt nicht, wie die Uhr dieses Rechners geführt wird.</translation>
    </message>
    <message>
        <source> clock NOT synchronised </source>
        <translation> Uhr NICHT synchronisiert </translation>
    </message>
    <message>
        <source>The operating system does not keep this machine&apos;s clock synchronised (maximum error %1 ms): the times it records are not known to be within CAT&apos;s 50 ms of NIST.</source>
        <translation>Das Betriebssystem hält die Uhr dieses Rechners nicht synchron (maximaler Fehler %1 ms): Es ist nicht bekannt, ob die aufgezeichneten Zeiten innerhalb der 50 ms von NIST liegen, die CAT verlangt.</translation>
    </message>
    <message>
        <source>clock ±%1 ms</source>
        <translation>Uhr ±%1 ms</translation>
    </message>
    <message>
        <source>Synchronised by the operating system: estimated error %1 ms, at most %2 ms (CAT asks for 50 ms).</source>
        <translation>Vom Betriebssystem synchronisiert: geschätzter Fehler %1 ms, höchstens %2 ms (CAT verlangt 50 ms).</translation>
    </message>
    <message>
        <source>clock %1%2 ms vs %3</source>
        <translation>Uhr %1%2 ms ggü. %3</translation>
    </message>
    <message>
        <source>The last measurement failed: %1</source>
        <translation>Die letzte Messung schlug fehl: %1</translation>
    </message>
    <message>
        <source>Measured against %1 (stratum %2) at %3 UTC: this clock is %4 ms behind it, give or take %5 ms (half the round trip); CAT asks for 50 ms.</source>
        <translation>Gemessen gegen %1 (Stratum %2) um %3 UTC: diese Uhr geht %4 ms nach, auf %5 ms genau (die halbe Umlaufzeit); CAT verlangt 50 ms.</translation>
    </message>
    <message>
        <source>Measured against %1 (stratum %2) at %3 UTC: this clock is %4 ms ahead of it, give or take %5 ms (half the round trip); CAT asks for 50 ms.</source>
        <translation>Gemessen gegen %1 (Stratum %2) um %3 UTC: diese Uhr geht %4 ms vor, auf %5 ms genau (die halbe Umlaufzeit); CAT verlangt 50 ms.</translation>
    </message>
</context>
<context>
    <name>instant::MarketWatch</name>
    <message>
        <source>Alert when…</source>
        <translation>Alarm, wenn…</translation>
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
    <message>
        <source>%1%2 bp</source>
        <translation>%1%2 Bp</translation>
    </message>
    <message>
        <source>Bid size</source>
        <translation>Geld-Volumen</translation>
    </message>
    <message>
        <source>Ask size</source>
        <translation>Brief-Volumen</translation>
    </message>
    <message>
        <source>Yield</source>
        <translation>Rendite</translation>
    </message>
</context>
<context>
    <name>instant::OptionChainModel</name>
    <message>
        <source>Call</source>
        <translation>Call</translation>
    </message>
    <message>
        <source>Δ</source>
        <translation>Δ</translation>
    </message>
    <message>
        <source>Γ</source>
        <translation>Γ</translation>
    </message>
    <message>
        <source>Vega</source>
        <translation>Vega</translation>
    </message>
    <message>
        <source>Θ/day</source>
        <translation>Θ/Tag</translation>
    </message>
    <message>
        <source>Strike</source>
        <translation>Basispreis</translation>
    </message>
    <message>
        <source>Put</source>
        <translation>Put</translation>
    </message>
</context>
<context>
    <name>instant::OptionIdeasModel</name>
    <message>
        <source>liquidity %1 · delta fit %2 · theta cost %3 · IV rank %4</source>
        <translation>Liquidität %1 · Delta-Passung %2 · Theta-Kosten %3 · IV-Rang %4</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Contract</source>
        <translation>Kontrakt</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>Tage</translation>
    </message>
    <message>
        <source>Δ</source>
        <translation>Δ</translation>
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
        <source>IV</source>
        <translation>IV</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Punkte</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>Menge</translation>
    </message>
    <message>
        <source>Cost $</source>
        <translation>Kosten $</translation>
    </message>
    <message>
        <source>Breakeven</source>
        <translation>Break-even</translation>
    </message>
</context>
<context>
    <name>instant::OptionIdeasPanel</name>
    <message>
        <source>Stage ticket</source>
        <translation>Ins Ticket</translation>
    </message>
    <message>
        <source>The stock: follows the instrument selected in the other panels.</source>
        <translation>Die Aktie: folgt dem in den anderen Fenstern gewählten Instrument.</translation>
    </message>
    <message>
        <source>Bullish: buy calls</source>
        <translation>Bullish: Calls kaufen</translation>
    </message>
    <message>
        <source>Bearish: buy puts</source>
        <translation>Bearish: Puts kaufen</translation>
    </message>
    <message>
        <source>Conservative</source>
        <translation>Konservativ</translation>
    </message>
    <message>
        <source>Balanced</source>
        <translation>Ausgewogen</translation>
    </message>
    <message>
        <source>Aggressive</source>
        <translation>Offensiv</translation>
    </message>
    <message>
        <source>|Δ| %1–%2, %3–%4 days to expiry</source>
        <translation>|Δ| %1–%2, %3–%4 Tage bis Verfall</translation>
    </message>
    <message>
        <source>10,000 · 25k · 1mm</source>
        <translation>10,000 · 25k · 1mm</translation>
    </message>
    <message>
        <source>The capital to commit, in dollars: whole contracts at the ask, never more. Remembered for %1.</source>
        <translation>Das einzusetzende Kapital in Dollar: ganze Kontrakte zum Briefkurs, nie mehr. Wird für %1 gespeichert.</translation>
    </message>
    <message>
        <source>Select a recommendation to see why this contract, why this size, and the risks.</source>
        <translation>Eine Empfehlung wählen, um zu sehen: warum dieser Kontrakt, warum diese Größe, und die Risiken.</translation>
    </message>
    <message>
        <source>Put the selected idea on the order ticket: buy, the size, a limit at the ask. Nothing is sent.</source>
        <translation>Die gewählte Idee ins Orderticket übernehmen: Kauf, die Größe, ein Limit zum Briefkurs. Es wird nichts gesendet.</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>Aktie</translation>
    </message>
    <message>
        <source>Capital $</source>
        <translation>Kapital $</translation>
    </message>
    <message>
        <source>Pick a stock.</source>
        <translation>Eine Aktie wählen.</translation>
    </message>
    <message>
        <source>Type the capital to commit in dollars (10,000, 25k, 1mm).</source>
        <translation>Das einzusetzende Kapital in Dollar eingeben (10,000, 25k, 1mm).</translation>
    </message>
    <message>
        <source>Waiting for the market&apos;s first quote.</source>
        <translation>Warte auf die erste Quote des Markts.</translation>
    </message>
    <message>
        <source>Why this contract</source>
        <translation>Warum dieser Kontrakt</translation>
    </message>
    <message>
        <source>Why this size</source>
        <translation>Warum diese Größe</translation>
    </message>
    <message>
        <source>The risks</source>
        <translation>Die Risiken</translation>
    </message>
    <message numerus="yes">
        <source>Not recommended (%n)</source>
        <translation>
            <numerusform>Nicht empfohlen (%n)</numerusform>
            <numerusform>Nicht empfohlen (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>Read-only: the %1 role cannot stage orders.</source>
        <translation>Nur lesend: die Rolle %1 kann keine Orders ins Ticket übernehmen.</translation>
    </message>
    <message>
        <source>Staged on the order ticket: buy %1 %2 at %3. Review it and press Send yourself.</source>
        <translation>Ins Orderticket übernommen: Kauf %1 %2 zu %3. Prüfen Sie es und drücken Sie selbst auf Senden.</translation>
    </message>
</context>
<context>
    <name>instant::OrderPreview</name>
    <message>
        <source>Pick an instrument</source>
        <translation>Instrument wählen</translation>
    </message>
    <message>
        <source>Take-profit would be refused when placed: %1</source>
        <translation>Take-Profit würde beim Platzieren abgelehnt: %1</translation>
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
        <translation>Instrument: UST 10Y, AAPL, CUSIP…</translation>
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
        <translation>z. B. 5mm, 250k, 100</translation>
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
        <translation>99-16+ oder 228.50</translation>
    </message>
    <message>
        <source>stop price</source>
        <translation>Stoppkurs</translation>
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
        <translation>Jetzt kaufen</translation>
    </message>
    <message>
        <source>Sell now</source>
        <translation>Jetzt verkaufen</translation>
    </message>
    <message>
        <source>Cancel all in this instrument</source>
        <translation>Alle in diesem Instrument stornieren</translation>
    </message>
    <message>
        <source>Send (Enter). F2 buys, F3 sells, Ctrl+Shift+X cancels all in the instrument.</source>
        <translation>Senden (Enter). F2 kauft, F3 verkauft, Strg+Umschalt+X storniert alle im Instrument.</translation>
    </message>
    <message>
        <source>Read-only: the %1 role cannot send orders.</source>
        <translation>Nur lesend: die Rolle %1 kann keine Orders senden.</translation>
    </message>
    <message>
        <source>Quantity: write 5mm, 250k or 100</source>
        <translation>Menge: 5mm, 250k oder 100 eingeben</translation>
    </message>
    <message>
        <source>DV01 %1$%L2 per bp</source>
        <translation>DV01 %1$%L2 pro Bp</translation>
    </message>
    <message>
        <source>Yield %1%</source>
        <translation>Rendite %1%</translation>
    </message>
    <message>
        <source>Compliance: passes</source>
        <translation>Compliance: in Ordnung</translation>
    </message>
    <message>
        <source>Compliance will reject: %1</source>
        <translation>Compliance wird ablehnen: %1</translation>
    </message>
    <message>
        <source>Enter a quantity</source>
        <translation>Menge eingeben</translation>
    </message>
    <message>
        <source>Sending %1…</source>
        <translation>%1 wird gesendet…</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 rejected: %2</source>
        <translation>%1 abgelehnt: %2</translation>
    </message>
    <message>
        <source>Bracket: exits for this buy</source>
        <translation>Bracket: Ausstiege für diesen Kauf</translation>
    </message>
    <message>
        <source>Amend exits</source>
        <translation>Ausstiege ändern</translation>
    </message>
    <message>
        <source>New order</source>
        <translation>Neue Order</translation>
    </message>
    <message>
        <source>stop-loss price</source>
        <translation>Stop-Loss-Kurs</translation>
    </message>
    <message>
        <source>trail by, e.g. 1.50 or 0-08</source>
        <translation>nachziehen um, z. B. 1.50 oder 0-08</translation>
    </message>
    <message>
        <source>take-profit price</source>
        <translation>Take-Profit-Kurs</translation>
    </message>
    <message>
        <source> min</source>
        <translation> Min.</translation>
    </message>
    <message>
        <source>no time exit</source>
        <translation>kein Zeitausstieg</translation>
    </message>
    <message>
        <source>Stop-loss</source>
        <translation>Stop-Loss</translation>
    </message>
    <message>
        <source>Trailing</source>
        <translation>Trailing</translation>
    </message>
    <message>
        <source>Take-profit</source>
        <translation>Take-Profit</translation>
    </message>
    <message>
        <source>Exit after</source>
        <translation>Ausstieg nach</translation>
    </message>
    <message>
        <source>Changing the exits of bracket %1 (%2 %3)%4.</source>
        <translation>Ausstiege von Bracket %1 werden geändert (%2 %3)%4.</translation>
    </message>
    <message>
        <source>, time exit at %1 UTC kept unless you set a new one</source>
        <translation>, Zeitausstieg um %1 UTC bleibt, sofern Sie keinen neuen setzen</translation>
    </message>
    <message>
        <source>Amending bracket %1…</source>
        <translation>Bracket %1 wird geändert…</translation>
    </message>
    <message>
        <source>Bracket: its entry is a buy (it protects a bought position)</source>
        <translation>Bracket: der Einstieg ist ein Kauf (es sichert eine gekaufte Position ab)</translation>
    </message>
    <message>
        <source>Bracket: %1</source>
        <translation>Bracket: %1</translation>
    </message>
    <message>
        <source>stop %1</source>
        <translation>Stop %1</translation>
    </message>
    <message>
        <source>trailing %1</source>
        <translation>Trailing %1</translation>
    </message>
    <message>
        <source>take-profit %1</source>
        <translation>Take-Profit %1</translation>
    </message>
    <message>
        <source>out after %1 min</source>
        <translation>raus nach %1 Min.</translation>
    </message>
    <message>
        <source>out at %1 UTC</source>
        <translation>raus um %1 UTC</translation>
    </message>
    <message>
        <source>Bracket %1: exits amended</source>
        <translation>Bracket %1: Ausstiege geändert</translation>
    </message>
    <message>
        <source>Bracket %1: not amended: %2</source>
        <translation>Bracket %1: nicht geändert: %2</translation>
    </message>
    <message>
        <source>Override</source>
        <translation>Übersteuern</translation>
    </message>
    <message>
        <source>Why this order should go out anyway (recorded)</source>
        <translation>Warum diese Order trotzdem hinausgehen soll (wird erfasst)</translation>
    </message>
    <message>
        <source>%1 — needs approval by %2</source>
        <translation>%1 — erfordert Freigabe durch %2</translation>
    </message>
    <message>
        <source> or </source>
        <translation> oder </translation>
    </message>
    <message>
        <source>Needs an override: give a reason below</source>
        <translation>Erfordert eine Übersteuerung: Grund unten angeben</translation>
    </message>
    <message>
        <source>Overridden, with the reason below</source>
        <translation>Übersteuert, mit dem Grund unten</translation>
    </message>
    <message>
        <source>Priced at its protection limit %1</source>
        <translation>Bewertet zu seinem Schutzlimit %1</translation>
    </message>
    <message>
        <source>Principal %1</source>
        <translation>Kurswert %1</translation>
    </message>
    <message>
        <source>Total %1, settles %2</source>
        <translation>Ausmachender Betrag %1, Valuta %2</translation>
    </message>
    <message>
        <source>Notional %1, settles %2</source>
        <translation>Kurswert %1, Valuta %2</translation>
    </message>
    <message>
        <source>Holds %1 of %2 available</source>
        <translation>Reserviert %1 von %2 verfügbar</translation>
    </message>
    <message>
        <source>Available %1</source>
        <translation>Verfügbar %1</translation>
    </message>
    <message>
        <source>Give a reason to override: %1</source>
        <translation>Grund für die Übersteuerung angeben: %1</translation>
    </message>
    <message>
        <source>%1 waits: %2</source>
        <translation>%1 wartet: %2</translation>
    </message>
    <message>
        <source>Accrued interest %1 (%2 days)</source>
        <translation>Stückzinsen %1 (%2 Tage)</translation>
    </message>
    <message>
        <source>Trading is halted: nothing can be sent now (see the status bar)</source>
        <translation>Der Handel ist angehalten: jetzt kann nichts gesendet werden (siehe Statusleiste)</translation>
    </message>
    <message>
        <source>Checking the order…</source>
        <translation>Order wird geprüft…</translation>
    </message>
</context>
<context>
    <name>instant::QuitQuestion</name>
    <message>
        <source>Orders are working</source>
        <translation>Orders im Markt</translation>
    </message>
    <message numerus="yes">
        <source>%n of your orders are still working at the venue.</source>
        <translation>
            <numerusform>%n Ihrer Orders ist noch am Handelsplatz im Markt.</numerusform>
            <numerusform>%n Ihrer Orders sind noch am Handelsplatz im Markt.</numerusform>
        </translation>
    </message>
    <message>
        <source>They stay working after you quit unless you cancel them.</source>
        <translation>Sie bleiben nach dem Beenden im Markt, sofern Sie sie nicht stornieren.</translation>
    </message>
    <message>
        <source>Quit anyway</source>
        <translation>Trotzdem beenden</translation>
    </message>
    <message>
        <source>Cancel them all and quit</source>
        <translation>Alle stornieren und beenden</translation>
    </message>
    <message>
        <source>Stay</source>
        <translation>Bleiben</translation>
    </message>
</context>
<context>
    <name>instant::RebalanceExposureModel</name>
    <message>
        <source>Cash</source>
        <translation>Cash</translation>
    </message>
    <message>
        <source>%1 bucket</source>
        <translation>Laufzeitband %1</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>Gewicht</translation>
    </message>
    <message>
        <source>DV01</source>
        <translation>DV01</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Vorher</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Nachher</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
</context>
<context>
    <name>instant::RebalanceLinesModel</name>
    <message>
        <source>Buy</source>
        <translation>Kauf</translation>
    </message>
    <message>
        <source>Sell</source>
        <translation>Verkauf</translation>
    </message>
    <message>
        <source>Rejected: %1</source>
        <translation>Abgelehnt: %1</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Wird gesendet…</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Zeile</translation>
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
        <source>Limit</source>
        <translation>Limit</translation>
    </message>
    <message>
        <source>Notional</source>
        <translation>Kurswert</translation>
    </message>
    <message>
        <source>DV01</source>
        <translation>DV01</translation>
    </message>
    <message>
        <source>Order / note</source>
        <translation>Order / Notiz</translation>
    </message>
</context>
<context>
    <name>instant::RebalancePanel</name>
    <message>
        <source>Weights by instrument</source>
        <translation>Gewichte je Instrument</translation>
    </message>
    <message>
        <source>DV01 by tenor bucket</source>
        <translation>DV01 je Laufzeitband</translation>
    </message>
    <message>
        <source>Changes smaller than this are not traded</source>
        <translation>Kleinere Änderungen werden nicht gehandelt</translation>
    </message>
    <message>
        <source>Instrument</source>
        <translation>Instrument</translation>
    </message>
    <message>
        <source>Target %</source>
        <translation>Ziel %</translation>
    </message>
    <message>
        <source>Target DV01 ($ per bp)</source>
        <translation>Ziel-DV01 ($ pro Bp)</translation>
    </message>
    <message>
        <source>Remaining maturity: 2Y up to 3.5 years, 5Y to 7.5, 10Y to 15, 30Y beyond. Empty: no target.</source>
        <translation>Restlaufzeit: 2Y bis 3,5 Jahre, 5Y bis 7,5, 10Y bis 15, 30Y darüber. Leer: kein Ziel.</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>From holdings</source>
        <translation>Aus Beständen</translation>
    </message>
    <message>
        <source>The account&apos;s holdings at their current weights, to edit</source>
        <translation>Die Bestände des Kontos mit ihren aktuellen Gewichten, zum Bearbeiten</translation>
    </message>
    <message>
        <source>Save targets</source>
        <translation>Ziele speichern</translation>
    </message>
    <message>
        <source>Propose</source>
        <translation>Vorschlagen</translation>
    </message>
    <message>
        <source>Compute the orders that move the book to the saved targets at the current marks</source>
        <translation>Die Orders berechnen, die das Buch zu aktuellen Bewertungskursen auf die gespeicherten Ziele bringen</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Targets</source>
        <translation>Ziele</translation>
    </message>
    <message>
        <source>Tolerance</source>
        <translation>Toleranz</translation>
    </message>
    <message>
        <source>Remove line</source>
        <translation>Zeile entfernen</translation>
    </message>
    <message>
        <source>Accept…</source>
        <translation>Annehmen…</translation>
    </message>
    <message>
        <source>Shows what compliance says about each line, then sends them as limit orders</source>
        <translation>Zeigt das Compliance-Ergebnis je Zeile und sendet die Zeilen dann als Limit-Orders</translation>
    </message>
    <message>
        <source>Reject…</source>
        <translation>Ablehnen…</translation>
    </message>
    <message>
        <source>Proposal</source>
        <translation>Vorschlag</translation>
    </message>
    <message>
        <source>Override soft rules</source>
        <translation>Weiche Regeln übersteuern</translation>
    </message>
    <message>
        <source>%1

Soft rules flag some lines. Reason to override them (leave empty and compliance refuses those lines):</source>
        <translation>%1

Weiche Regeln beanstanden einige Zeilen. Grund für die Übersteuerung (leer lassen, dann lehnt die Compliance diese Zeilen ab):</translation>
    </message>
    <message>
        <source>%1

Send these orders?</source>
        <translation>%1

Diese Orders senden?</translation>
    </message>
    <message>
        <source>%1

Soft rules overridden: %2
Send these orders?</source>
        <translation>%1

Weiche Regeln übersteuert: %2
Diese Orders senden?</translation>
    </message>
    <message>
        <source>Send rebalance</source>
        <translation>Rebalancing senden</translation>
    </message>
    <message>
        <source>Reject proposal</source>
        <translation>Vorschlag ablehnen</translation>
    </message>
    <message>
        <source>Why is it rejected?</source>
        <translation>Warum wird er abgelehnt?</translation>
    </message>
    <message>
        <source> bp of value</source>
        <translation> Bp des Werts</translation>
    </message>
    <message>
        <source> DV01</source>
        <translation> DV01</translation>
    </message>
    <message>
        <source>Read-only: the %1 role sees proposals but cannot change them</source>
        <translation>Nur lesend: die Rolle %1 sieht Vorschläge, kann sie aber nicht ändern</translation>
    </message>
    <message>
        <source>No engine: targets and proposals need the trading engine</source>
        <translation>Keine Engine: Ziele und Vorschläge brauchen die Handels-Engine</translation>
    </message>
    <message>
        <source>Holdings at their current weights (%1): edit the targets, then save</source>
        <translation>Bestände mit aktuellen Gewichten (%1): Ziele bearbeiten, dann speichern</translation>
    </message>
    <message>
        <source>Saving targets…</source>
        <translation>Ziele werden gespeichert…</translation>
    </message>
    <message>
        <source>Proposing at the current marks…</source>
        <translation>Vorschlag zu aktuellen Bewertungskursen…</translation>
    </message>
    <message>
        <source>Removing line %1…</source>
        <translation>Zeile %1 wird entfernt…</translation>
    </message>
    <message>
        <source>Changing line %1…</source>
        <translation>Zeile %1 wird geändert…</translation>
    </message>
    <message>
        <source>%1 (soft: needs an override)</source>
        <translation>%1 (weich: erfordert Übersteuerung)</translation>
    </message>
    <message>
        <source>%1 (refused)</source>
        <translation>%1 (abgelehnt)</translation>
    </message>
    <message>
        <source>L%1 %2 %L3 %4 at %5 — %6 — %7</source>
        <translation>Z%1 %2 %L3 %4 zu %5 — %6 — %7</translation>
    </message>
    <message>
        <source>buy</source>
        <translation>Kauf</translation>
    </message>
    <message>
        <source>sell</source>
        <translation>Verkauf</translation>
    </message>
    <message>
        <source>compliance: passes</source>
        <translation>Compliance: in Ordnung</translation>
    </message>
    <message>
        <source>Proposal %1 for %2, orders to send:</source>
        <translation>Vorschlag %1 für %2, zu sendende Orders:</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>Nicht gesendet</translation>
    </message>
    <message>
        <source>Sending the orders…</source>
        <translation>Orders werden gesendet…</translation>
    </message>
    <message>
        <source>A rejection needs a reason</source>
        <translation>Eine Ablehnung braucht einen Grund</translation>
    </message>
    <message>
        <source>Targets saved</source>
        <translation>Ziele gespeichert</translation>
    </message>
    <message>
        <source>Proposal %1 accepted: its lines went to the order manager</source>
        <translation>Vorschlag %1 angenommen: seine Zeilen gingen an das Order-Management</translation>
    </message>
    <message>
        <source>Proposal %1 made</source>
        <translation>Vorschlag %1 erstellt</translation>
    </message>
    <message>
        <source>%1 · %2 · %3 · by %4</source>
        <translation>%1 · %2 · %3 · von %4</translation>
    </message>
    <message>
        <source>1 line</source>
        <translation>1 Zeile</translation>
    </message>
    <message>
        <source>%1 lines</source>
        <translation>%1 Zeilen</translation>
    </message>
    <message>
        <source>No proposal yet: Propose computes one from the saved targets.</source>
        <translation>Noch kein Vorschlag: „Vorschlagen“ berechnet einen aus den gespeicherten Zielen.</translation>
    </message>
    <message>
        <source>No targets yet: set weights or DV01 by bucket, then Save targets.</source>
        <translation>Noch keine Ziele: Gewichte oder DV01 je Laufzeitband setzen, dann „Ziele speichern“.</translation>
    </message>
    <message>
        <source>Value %1 · cash %2 → %3 · buying power %4 · buys %5, sales %6</source>
        <translation>Wert %1 · Cash %2 → %3 · Kaufkraft %4 · Käufe %5, Verkäufe %6</translation>
    </message>
    <message>
        <source>&lt;b&gt;Cash short&lt;/b&gt;: buys of %1 scaled to %L2% to fit the buying power</source>
        <translation>&lt;b&gt;Cash knapp&lt;/b&gt;: Käufe über %1 auf %L2% gekürzt, passend zur Kaufkraft</translation>
    </message>
    <message>
        <source>edited once</source>
        <translation>einmal bearbeitet</translation>
    </message>
    <message>
        <source>edited %1 times</source>
        <translation>%1-mal bearbeitet</translation>
    </message>
    <message>
        <source>&lt;b&gt;Rejected&lt;/b&gt;: %1</source>
        <translation>&lt;b&gt;Abgelehnt&lt;/b&gt;: %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Accepted&lt;/b&gt;: lines refused: %1, see their reasons</source>
        <translation>&lt;b&gt;Angenommen&lt;/b&gt;: abgelehnte Zeilen: %1, siehe deren Gründe</translation>
    </message>
    <message>
        <source>&lt;b&gt;Accepted&lt;/b&gt;: every line sent</source>
        <translation>&lt;b&gt;Angenommen&lt;/b&gt;: alle Zeilen gesendet</translation>
    </message>
    <message>
        <source>Checking the lines with compliance…</source>
        <translation>Compliance prüft die Positionen…</translation>
    </message>
</context>
<context>
    <name>instant::ReplaceDialog</name>
    <message>
        <source>Replace %1</source>
        <translation>%1 ändern</translation>
    </message>
    <message>
        <source>%1 %2, %3 filled</source>
        <translation>%1 %2, %3 ausgeführt</translation>
    </message>
    <message>
        <source>New total quantity: 5mm, 250k, 1,000</source>
        <translation>Neue Gesamtmenge: 5mm, 250k, 1,000</translation>
    </message>
    <message>
        <source>&amp;Quantity</source>
        <translation>&amp;Menge</translation>
    </message>
    <message>
        <source>New limit price in 32nds: 99-16, 99-16+, 99-162</source>
        <translation>Neues Limit in 32steln: 99-16, 99-16+, 99-162</translation>
    </message>
    <message>
        <source>New limit price</source>
        <translation>Neues Limit</translation>
    </message>
    <message>
        <source>&amp;Limit price</source>
        <translation>&amp;Limit</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>Ändern</translation>
    </message>
    <message>
        <source>Quantity: a number such as 5mm, 250k or 1,000</source>
        <translation>Menge: eine Zahl wie 5mm, 250k oder 1,000</translation>
    </message>
    <message>
        <source>Quantity must be a multiple of %1</source>
        <translation>Die Menge muss ein Vielfaches von %1 sein</translation>
    </message>
    <message>
        <source>Price: %1</source>
        <translation>Kurs: %1</translation>
    </message>
    <message>
        <source>Nothing to change</source>
        <translation>Nichts zu ändern</translation>
    </message>
</context>
<context>
    <name>instant::SettlementDashboard</name>
    <message>
        <source>Pick a bucket, or one account in it, to list its trades below.</source>
        <translation>Einen Bereich oder ein Konto darin wählen, um unten seine Geschäfte aufzulisten.</translation>
    </message>
    <message>
        <source>Coupons, maturities and option expiries: what is coming (in grey) and what was paid or delivered.</source>
        <translation>Kupons, Fälligkeiten und Optionsverfälle: was ansteht (grau) und was gezahlt oder geliefert wurde.</translation>
    </message>
    <message>
        <source>waiting for the engine</source>
        <translation>warte auf die Engine</translation>
    </message>
    <message numerus="yes">
        <source>Business date %1 · T+1 · &lt;b style=&quot;color:#c62828&quot;&gt;%Ln failed&lt;/b&gt;</source>
        <translation>
            <numerusform>Geschäftstag %1 · T+1 · &lt;b style=&quot;color:#c62828&quot;&gt;%Ln gescheitert&lt;/b&gt;</numerusform>
            <numerusform>Geschäftstag %1 · T+1 · &lt;b style=&quot;color:#c62828&quot;&gt;%Ln gescheitert&lt;/b&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>Business date %1 · T+1 · no fails</source>
        <translation>Geschäftstag %1 · T+1 · keine Fails</translation>
    </message>
</context>
<context>
    <name>instant::SettlementSummaryModel</name>
    <message>
        <source>Pending</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>Settling today</source>
        <translation>Valuta heute</translation>
    </message>
    <message>
        <source>Settled</source>
        <translation>Abgewickelt</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Gescheitert</translation>
    </message>
    <message>
        <source>All accounts</source>
        <translation>Alle Konten</translation>
    </message>
    <message>
        <source>Bucket</source>
        <translation>Bereich</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Trades</source>
        <translation>Geschäfte</translation>
    </message>
    <message>
        <source>Cash to pay</source>
        <translation>Zu zahlen</translation>
    </message>
    <message>
        <source>Cash to receive</source>
        <translation>Zu erhalten</translation>
    </message>
    <message>
        <source>Net</source>
        <translation>Netto</translation>
    </message>
</context>
<context>
    <name>instant::SettlementTradesModel</name>
    <message>
        <source>Buy</source>
        <translation>Kauf</translation>
    </message>
    <message>
        <source>Sell</source>
        <translation>Verkauf</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>offen</translation>
    </message>
    <message>
        <source>due</source>
        <translation>fällig</translation>
    </message>
    <message>
        <source>settled</source>
        <translation>abgewickelt</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>gescheitert</translation>
    </message>
    <message>
        <source>settled after failing on %1: %2</source>
        <translation>abgewickelt nach Fail am %1: %2</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Trade date</source>
        <translation>Schlusstag</translation>
    </message>
    <message>
        <source>Settle date</source>
        <translation>Valuta</translation>
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
        <source>Price</source>
        <translation>Kurs</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
</context>
<context>
    <name>instant::TradingEngine</name>
    <message>
        <source>Waiting for the engine…</source>
        <translation>Warte auf die Engine…</translation>
    </message>
    <message>
        <source>Reads are recorded in the audit log again.</source>
        <translation>Lesezugriffe werden wieder im Prüfprotokoll aufgezeichnet.</translation>
    </message>
    <message>
        <source>A read could not be recorded in the audit log: %1</source>
        <translation>Ein Lesezugriff konnte nicht im Prüfprotokoll aufgezeichnet werden: %1</translation>
    </message>
</context>
<context>
    <name>instant::Watchlists</name>
    <message>
        <source>Double-click to rename; right-click for more. Drop symbols on a tab to add them to that list.</source>
        <translation>Doppelklick zum Umbenennen; Rechtsklick für mehr. Symbole auf einen Reiter ziehen, um sie dieser Liste hinzuzufügen.</translation>
    </message>
    <message>
        <source>New watchlist</source>
        <translation>Neue Watchlist</translation>
    </message>
    <message>
        <source>Add a symbol (AAPL, UST 10Y…) and press Enter</source>
        <translation>Symbol eingeben (AAPL, UST 10Y…) und Enter drücken</translation>
    </message>
    <message>
        <source>Drag symbols here from the market watch; Delete removes the selected rows.</source>
        <translation>Symbole aus der Marktübersicht hierher ziehen; Entf entfernt die gewählten Zeilen.</translation>
    </message>
    <message>
        <source>New watchlist…</source>
        <translation>Neue Watchlist…</translation>
    </message>
    <message>
        <source>Rename “%1”…</source>
        <translation>„%1“ umbenennen…</translation>
    </message>
    <message>
        <source>Delete “%1”…</source>
        <translation>„%1“ löschen…</translation>
    </message>
    <message>
        <source>Remove from list</source>
        <translation>Aus Liste entfernen</translation>
    </message>
    <message>
        <source>There is no watchlist “%1”.</source>
        <translation>Es gibt keine Watchlist „%1“.</translation>
    </message>
    <message>
        <source>“%1” is not an instrument we know.</source>
        <translation>„%1“ ist kein bekanntes Instrument.</translation>
    </message>
    <message>
        <source>%1 has no quotes in the market watch (options are watched from the option chain).</source>
        <translation>%1 hat keine Quotes in der Marktübersicht (Optionen werden in der Optionskette beobachtet).</translation>
    </message>
    <message>
        <source>%1 is already in “%2”.</source>
        <translation>%1 ist bereits in „%2“.</translation>
    </message>
    <message>
        <source>Nothing new for “%1”.</source>
        <translation>Nichts Neues für „%1“.</translation>
    </message>
    <message>
        <source>Treasuries</source>
        <translation>Treasuries</translation>
    </message>
    <message>
        <source>Tech</source>
        <translation>Tech</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>A watchlist needs a name of its own.</source>
        <translation>Eine Watchlist braucht einen eigenen Namen.</translation>
    </message>
    <message>
        <source>Rename watchlist</source>
        <translation>Watchlist umbenennen</translation>
    </message>
    <message>
        <source>The last watchlist stays; rename it instead.</source>
        <translation>Die letzte Watchlist bleibt; benennen Sie sie stattdessen um.</translation>
    </message>
    <message>
        <source>Delete watchlist</source>
        <translation>Watchlist löschen</translation>
    </message>
    <message>
        <source>Delete the watchlist “%1”?</source>
        <translation>Die Watchlist „%1“ löschen?</translation>
    </message>
</context>
</TS>
