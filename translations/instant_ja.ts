<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ja_JP">
<context>
    <name>TradingEngine</name>
    <message>
        <source>Pick an instrument</source>
        <translation>銘柄を選択</translation>
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
        <translation>番号</translation>
    </message>
    <message>
        <source>Recorded (UTC)</source>
        <translation>記録時刻 (UTC)</translation>
    </message>
    <message>
        <source>Stream</source>
        <translation>ストリーム</translation>
    </message>
    <message>
        <source>Ver</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Event</source>
        <translation>イベント</translation>
    </message>
    <message>
        <source>User</source>
        <translation>ユーザー</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>ロール</translation>
    </message>
    <message>
        <source>Hash</source>
        <translation>ハッシュ</translation>
    </message>
</context>
<context>
    <name>instant::AuditViewer</name>
    <message>
        <source>Verify chain</source>
        <translation>チェーンを検証</translation>
    </message>
    <message>
        <source>Search anywhere, payloads too…</source>
        <translation>全体を検索 (ペイロード含む)…</translation>
    </message>
    <message>
        <source>All events</source>
        <translation>全イベント</translation>
    </message>
    <message>
        <source>Order id or stream</source>
        <translation>注文IDまたはストリーム</translation>
    </message>
    <message>
        <source>User or role</source>
        <translation>ユーザーまたはロール</translation>
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
        <translation>エクスポート…</translation>
    </message>
    <message>
        <source>Recompute every hash of the chain and name the first bad event</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Show as of</source>
        <translation>時点表示</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>ライブ</translation>
    </message>
    <message>
        <source>Show the blotter and holdings as they were at this time</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>From</source>
        <translation>開始</translation>
    </message>
    <message>
        <source>to</source>
        <translation>終了</translation>
    </message>
    <message>
        <source>As of (UTC)</source>
        <translation>時点 (UTC)</translation>
    </message>
    <message>
        <source>Select an event to see all of its fields and hashes.</source>
        <translation>イベントを選択すると全フィールドとハッシュを表示します。</translation>
    </message>
    <message>
        <source>Live updates interrupted: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No event store is open.</source>
        <translation>イベントストアが開かれていません。</translation>
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
            <numerusform>チェーン正常: %n 件、先頭 %1</numerusform></translation>
    </message>
    <message>
        <source>Chain BROKEN at sequence %1: %2</source>
        <translation>チェーン破損 (番号 %1): %2</translation>
    </message>
    <message>
        <source>Export audit log</source>
        <translation>監査ログをエクスポート</translation>
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
        </translation>
    </message>
</context>
<context>
    <name>instant::Blotter</name>
    <message>
        <source>All states</source>
        <translation>全ステータス</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>有効</translation>
    </message>
    <message>
        <source>Both sides</source>
        <translation>売買両方</translation>
    </message>
    <message>
        <source>Buy</source>
        <translation>買い</translation>
    </message>
    <message>
        <source>Sell</source>
        <translation>売り</translation>
    </message>
    <message>
        <source>Filter: order, account, instrument, reason…</source>
        <translation>フィルター: 注文、口座、銘柄、理由…</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSVエクスポート…</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>注文</translation>
    </message>
    <message>
        <source>Executions</source>
        <translation>約定</translation>
    </message>
    <message>
        <source>%L1 of %L2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Export orders</source>
        <translation>注文をエクスポート</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancel %1</source>
        <translation>%1 を取消</translation>
    </message>
    <message>
        <source>Replace %1…</source>
        <translation>%1 を訂正…</translation>
    </message>
    <message>
        <source>Replace %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>New total quantity</source>
        <translation>新しい合計数量</translation>
    </message>
    <message>
        <source>New limit price</source>
        <translation>新しい指値</translation>
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
        <translation>買い</translation>
    </message>
    <message>
        <source>Sell</source>
        <translation>売り</translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation>時刻 (UTC)</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>注文</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>口座</translation>
    </message>
    <message>
        <source>Instrument</source>
        <translation>銘柄</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>売買</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>種別</translation>
    </message>
    <message>
        <source>TIF</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>指値</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>逆指値</translation>
    </message>
    <message>
        <source>Filled</source>
        <translation>約定数量</translation>
    </message>
    <message>
        <source>Leaves</source>
        <translation>残数量</translation>
    </message>
    <message>
        <source>Avg px</source>
        <translation>平均価格</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
</context>
<context>
    <name>instant::Charts</name>
    <message>
        <source>Volume</source>
        <translation>出来高</translation>
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
        <translation>残存年数</translation>
    </message>
    <message>
        <source>Candles</source>
        <translation>ローソク足</translation>
    </message>
    <message>
        <source>P&amp;&amp;L</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Yield curve</source>
        <translation>イールドカーブ</translation>
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
        <translation>買数量</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>価格</translation>
    </message>
    <message>
        <source>Ask size</source>
        <translation>売数量</translation>
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
        <translation>買い</translation>
    </message>
    <message>
        <source>Sell</source>
        <translation>売り</translation>
    </message>
    <message>
        <source>settled</source>
        <translation>決済済</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>未決済</translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation>時刻 (UTC)</translation>
    </message>
    <message>
        <source>Exec</source>
        <translation>約定ID</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>注文</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>口座</translation>
    </message>
    <message>
        <source>Instrument</source>
        <translation>銘柄</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>売買</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>価格</translation>
    </message>
    <message>
        <source>Notional $</source>
        <translation>約定代金 $</translation>
    </message>
    <message>
        <source>Settles</source>
        <translation>決済日</translation>
    </message>
    <message>
        <source>Settlement</source>
        <translation>決済</translation>
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
        <translation>合計</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>口座</translation>
    </message>
    <message>
        <source>Instrument</source>
        <translation>銘柄</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Settled</source>
        <translation>決済済</translation>
    </message>
    <message>
        <source>Avg cost</source>
        <translation>平均取得価格</translation>
    </message>
    <message>
        <source>Mark</source>
        <translation>評価価格</translation>
    </message>
    <message>
        <source>Market value $</source>
        <translation>時価 $</translation>
    </message>
    <message>
        <source>Unrealized $</source>
        <translation>含み損益 $</translation>
    </message>
    <message>
        <source>Realized $</source>
        <translation>実現損益 $</translation>
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
        <translation>注文チケット</translation>
    </message>
    <message>
        <source>Market Watch</source>
        <translation>マーケットウォッチ</translation>
    </message>
    <message>
        <source>Depth Ladder</source>
        <translation>板情報</translation>
    </message>
    <message>
        <source>Blotter</source>
        <translation>ブロッター</translation>
    </message>
    <message>
        <source>Holdings</source>
        <translation>保有銘柄</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>チャート</translation>
    </message>
    <message>
        <source>Audit Log</source>
        <translation>監査ログ</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>アラート</translation>
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
        <translation>コパイロット</translation>
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
        <translation>キルスイッチ: %1</translation>
    </message>
    <message numerus="yes">
        <source>projection lag: %n event(s)</source>
        <translation type="unfinished">
            <numerusform />
        </translation>
    </message>
    <message>
        <source>no trading engine</source>
        <translation>取引エンジンなし</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;Not available in this build: it arrives with %2.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Lock layout</source>
        <translation>レイアウトをロック(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Reset layout</source>
        <translation>レイアウトをリセット(&amp;R)</translation>
    </message>
    <message>
        <source>Layou&amp;ts</source>
        <translation>レイアウト(&amp;T)</translation>
    </message>
    <message>
        <source>T&amp;heme</source>
        <translation>テーマ(&amp;H)</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>ダーク</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>ライト</translation>
    </message>
    <message>
        <source>&amp;Audit</source>
        <translation>監査(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Verify chain</source>
        <translation>チェーンを検証(&amp;V)</translation>
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
        </translation>
    </message>
    <message>
        <source>&amp;Save layout as…</source>
        <translation>名前を付けてレイアウトを保存(&amp;S)…</translation>
    </message>
    <message>
        <source>Save layout</source>
        <translation>レイアウトを保存</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>削除(&amp;D)</translation>
    </message>
</context>
<context>
    <name>instant::MarketWatchModel</name>
    <message>
        <source>Instrument</source>
        <translation>銘柄</translation>
    </message>
    <message>
        <source>Bid</source>
        <translation>買気配</translation>
    </message>
    <message>
        <source>Ask</source>
        <translation>売気配</translation>
    </message>
    <message>
        <source>Last</source>
        <translation>直近</translation>
    </message>
    <message>
        <source>Chg</source>
        <translation>騰落</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>出来高</translation>
    </message>
</context>
<context>
    <name>instant::OrderTicket</name>
    <message>
        <source>Send</source>
        <translation>発注</translation>
    </message>
    <message>
        <source>Instrument: UST 10Y, AAPL, CUSIP…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Buy</source>
        <translation>買い(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Sell</source>
        <translation>売り(&amp;S)</translation>
    </message>
    <message>
        <source>e.g. 5mm, 250k, 100</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Limit</source>
        <translation>指値</translation>
    </message>
    <message>
        <source>Market</source>
        <translation>成行</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>逆指値</translation>
    </message>
    <message>
        <source>Stop limit</source>
        <translation>逆指値付指値</translation>
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
        <translation>口座</translation>
    </message>
    <message>
        <source>Instrument</source>
        <translation>銘柄</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>売買</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>種別</translation>
    </message>
    <message>
        <source>Time in force</source>
        <translation>有効期限</translation>
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
        <translation>大口注文</translation>
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
        <translation>約定代金 $%L1</translation>
    </message>
    <message>
        <source>DV01 %1$%L2 per bp</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Yield %1%</source>
        <translation>利回り %1%</translation>
    </message>
    <message>
        <source>Available $%L1</source>
        <translation>利用可能 $%L1</translation>
    </message>
    <message>
        <source>Compliance: passes</source>
        <translation>コンプライアンス: 問題なし</translation>
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