<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
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
        <translation>%1 拒否: %2</translation>
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
        <translation>訂正済</translation>
    </message>
    <message>
        <source>replace</source>
        <translation>訂正</translation>
    </message>
    <message>
        <source>filled %1 %2 @ %3</source>
        <translation>約定 %2 %1 @ %3</translation>
    </message>
    <message>
        <source>alert %1: %2</source>
        <translation>アラート %1: %2</translation>
    </message>
    <message>
        <source>alert %1 removed</source>
        <translation>アラート %1 を削除</translation>
    </message>
    <message numerus="yes">
        <source>breakout alerts at most every %n minute(s) per instrument</source>
        <translation>
            <numerusform>ブレイクアウトアラートは銘柄ごとに最短 %n 分間隔</numerusform>
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
        <translation>大口注文</translation>
    </message>
    <message>
        <source>market</source>
        <translation>成行</translation>
    </message>
    <message>
        <source>Sell %1 %2 at %3 for $%L4. Send?</source>
        <translation>%2 を %3 で %1 売り、$%L4。発注しますか？</translation>
    </message>
    <message>
        <source>Buy %1 %2 at %3 for $%L4. Send?</source>
        <translation>%2 を %3 で %1 買い、$%L4。発注しますか？</translation>
    </message>
</context>
<context>
    <name>instant::AboutDialog</name>
    <message>
        <source>About Instant</source>
        <translation>Instant について</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Instant %1&lt;/h2&gt;&lt;p&gt;A trading workstation: order lifecycle, a hash-chained audit trail, dockable panels.&lt;/p&gt;&lt;p&gt;Built from commit &lt;tt&gt;%2&lt;/tt&gt;&lt;br&gt;Qt %3 · %4 · SQLite %5&lt;br&gt;%6 (%7)&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Instant %1&lt;/h2&gt;&lt;p&gt;トレーディング端末：注文のライフサイクル、ハッシュチェーンで連結した監査証跡、ドッキング可能なパネル。&lt;/p&gt;&lt;p&gt;ビルド元コミット &lt;tt&gt;%2&lt;/tt&gt;&lt;br&gt;Qt %3 · %4 · SQLite %5&lt;br&gt;%6 (%7)&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>ライブラリ</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>ライセンス</translation>
    </message>
    <message>
        <source>Made with these libraries:</source>
        <translation>使用ライブラリ:</translation>
    </message>
</context>
<context>
    <name>instant::AlertRuleDialog</name>
    <message>
        <source>Alert when…</source>
        <translation>アラート条件…</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>価格</translation>
    </message>
    <message>
        <source>Yield (%)</source>
        <translation>利回り (%)</translation>
    </message>
    <message>
        <source>Spread to another Treasury (bp)</source>
        <translation>他の米国債とのスプレッド (bp)</translation>
    </message>
    <message>
        <source>crosses above</source>
        <translation>上抜けたとき</translation>
    </message>
    <message>
        <source>crosses below</source>
        <translation>下抜けたとき</translation>
    </message>
    <message>
        <source>Optional note</source>
        <translation>メモ（任意）</translation>
    </message>
    <message>
        <source>Set alert</source>
        <translation>アラートを設定</translation>
    </message>
    <message>
        <source>&amp;Instrument</source>
        <translation>銘柄(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Measure</source>
        <translation>指標(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Minus</source>
        <translation>差し引く銘柄(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;When it</source>
        <translation>条件(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Level</source>
        <translation>水準(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>メモ(&amp;N)</translation>
    </message>
    <message>
        <source>Pick an instrument</source>
        <translation>銘柄を選択してください</translation>
    </message>
    <message>
        <source>Type a yield in percent: 4.25</source>
        <translation>利回りを % で入力: 4.25</translation>
    </message>
    <message>
        <source>Type a spread in bp: 35</source>
        <translation>スプレッドを bp で入力: 35</translation>
    </message>
</context>
<context>
    <name>instant::AlertsModel</name>
    <message>
        <source>Time (UTC)</source>
        <translation>時刻 (UTC)</translation>
    </message>
    <message>
        <source>Instrument</source>
        <translation>銘柄</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>アラート</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>内容</translation>
    </message>
</context>
<context>
    <name>instant::AlertsPanel</name>
    <message>
        <source>All alerts</source>
        <translation>全アラート</translation>
    </message>
    <message>
        <source>Filter alerts…</source>
        <translation>アラートを絞り込み…</translation>
    </message>
    <message>
        <source>Stage ticket</source>
        <translation>チケットに設定</translation>
    </message>
    <message>
        <source>Put the alert&apos;s instrument on the order ticket. Nothing is sent.</source>
        <translation>アラートの銘柄を注文チケットに設定します。発注はしません。</translation>
    </message>
    <message>
        <source>Show instrument</source>
        <translation>銘柄を表示</translation>
    </message>
    <message>
        <source>Show the alert&apos;s instrument on the linked panels.</source>
        <translation>アラートの銘柄をリンクしたパネルに表示します。</translation>
    </message>
    <message>
        <source>Today: %1</source>
        <translation>本日: %1</translation>
    </message>
    <message>
        <source>no alerts yet</source>
        <translation>アラートなし</translation>
    </message>
    <message>
        <source>Alert when…</source>
        <translation>アラート条件…</translation>
    </message>
    <message>
        <source>Be told when a price, a Treasury&apos;s yield or a spread crosses a level</source>
        <translation>価格、米国債の利回り、スプレッドが指定水準を抜けたときに通知します</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>削除</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分</translation>
    </message>
    <message>
        <source>A breakout alert at most once per instrument this often (recorded)</source>
        <translation>ブレイクアウトアラートは銘柄ごとにこの間隔で最大1回（記録されます）</translation>
    </message>
    <message>
        <source>Breakouts at most every</source>
        <translation>ブレイクアウトの最短間隔</translation>
    </message>
    <message>
        <source>My alerts</source>
        <translation>自分のアラート</translation>
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
        <translation>%1: %2（上限 %3）</translation>
    </message>
    <message>
        <source>Sell</source>
        <translation>売り</translation>
    </message>
    <message>
        <source>Buy</source>
        <translation>買い</translation>
    </message>
    <message>
        <source>market</source>
        <translation>成行</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>waiting for you</source>
        <translation>あなたの承認待ち</translation>
    </message>
    <message>
        <source>waiting for %1</source>
        <translation>%1 の承認待ち</translation>
    </message>
    <message>
        <source> or </source>
        <translation> または </translation>
    </message>
    <message>
        <source>approved</source>
        <translation>承認済</translation>
    </message>
    <message>
        <source>refused: %1</source>
        <translation>却下: %1</translation>
    </message>
    <message>
        <source>withdrawn</source>
        <translation>取下げ</translation>
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
        <source>Side</source>
        <translation>売買</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Instrument</source>
        <translation>銘柄</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>価格</translation>
    </message>
    <message>
        <source>Rules overridden</source>
        <translation>オーバーライド</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Asked by</source>
        <translation>申請者</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Decided by</source>
        <translation>決裁者</translation>
    </message>
</context>
<context>
    <name>instant::ApprovalsPanel</name>
    <message>
        <source>Approve</source>
        <translation>承認</translation>
    </message>
    <message>
        <source>Refuse</source>
        <translation>却下</translation>
    </message>
    <message>
        <source>Reason for a refusal (recorded)</source>
        <translation>却下の理由（記録されます）</translation>
    </message>
    <message>
        <source>Read-only: the %1 role does not decide orders.</source>
        <translation>閲覧のみ: %1 ロールは注文を決裁しません。</translation>
    </message>
    <message>
        <source>Four eyes: %1 may approve your order; cancel it in the blotter to withdraw it.</source>
        <translation>ダブルチェック: %1 があなたの注文を承認できます。取り下げるにはブロッターで取消してください。</translation>
    </message>
    <message>
        <source> or </source>
        <translation> または </translation>
    </message>
    <message>
        <source>Orders waiting for your approval: %1</source>
        <translation>あなたの承認待ちの注文: %1</translation>
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
        <translation>版</translation>
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
    <message>
        <source>What</source>
        <translation>内容</translation>
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
        <translation>全体を検索（ペイロードも）…</translation>
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
        <translation>最初から</translation>
    </message>
    <message>
        <source>until now</source>
        <translation>現在まで</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>エクスポート…</translation>
    </message>
    <message>
        <source>Recompute every hash of the chain and name the first bad event</source>
        <translation>チェーンの全ハッシュを再計算し、最初の不正なイベントを示します</translation>
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
        <translation>この時点のブロッターと保有残高を表示します</translation>
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
        <translation>イベントを選択すると、全フィールドとハッシュを表示します。</translation>
    </message>
    <message>
        <source>Live updates interrupted: %1</source>
        <translation>ライブ更新が中断されました: %1</translation>
    </message>
    <message>
        <source>No event store is open.</source>
        <translation>イベントストアが開かれていません。</translation>
    </message>
    <message>
        <source>Verifying the chain…</source>
        <translation>チェーンを検証中…</translation>
    </message>
    <message>
        <source>Verifying the chain… %L1 events</source>
        <translation>チェーンを検証中… %L1 件</translation>
    </message>
    <message>
        <source>Verification could not run: %1</source>
        <translation>検証を実行できませんでした: %1</translation>
    </message>
    <message numerus="yes">
        <source>Chain intact: %n event(s), head %1</source>
        <translation>
            <numerusform>チェーン正常: %n 件、先頭 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Chain BROKEN at sequence %1: %2</source>
        <translation>チェーン破損（番号 %1）: %2</translation>
    </message>
    <message>
        <source>Export audit log</source>
        <translation>監査ログをエクスポート</translation>
    </message>
    <message>
        <source>JSON lines (*.jsonl);;CSV (*.csv)</source>
        <translation>JSON Lines (*.jsonl);;CSV (*.csv)</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 に書き込めません: %2</translation>
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation>エクスポートに失敗しました: %1</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n event(s) to %1</source>
        <translation>
            <numerusform>%n 件のイベントを %1 にエクスポートしました</numerusform>
        </translation>
    </message>
    <message>
        <source>Search whole log</source>
        <translation>ログ全体を検索</translation>
    </message>
    <message>
        <source>Run the filter over every event in the store, not only the newest ones shown live</source>
        <translation>ライブ表示中の最新分だけでなく、ストア内の全イベントに絞り込みを適用します</translation>
    </message>
    <message>
        <source>Live: the newest %L1 events (from %L2 on); &quot;Search whole log&quot; finds older ones.</source>
        <translation>ライブ: 最新 %L1 件（%L2 以降）。古いイベントは「ログ全体を検索」で探せます。</translation>
    </message>
    <message>
        <source>Searching the whole log…</source>
        <translation>ログ全体を検索中…</translation>
    </message>
    <message>
        <source>The search failed: %1</source>
        <translation>検索に失敗しました: %1</translation>
    </message>
    <message>
        <source>Back to live</source>
        <translation>ライブに戻る</translation>
    </message>
    <message>
        <source>%L1 of %L2 events match; the newest %L3 are shown. Live updates paused.</source>
        <translation>%L2 件中 %L1 件が一致。最新 %L3 件を表示中。ライブ更新は一時停止中です。</translation>
    </message>
    <message>
        <source>%L1 of %L2 events match. Live updates paused.</source>
        <translation>%L2 件中 %L1 件が一致。ライブ更新は一時停止中です。</translation>
    </message>
    <message>
        <source>Exporting to %1…</source>
        <translation>%1 にエクスポート中…</translation>
    </message>
    <message>
        <source>· writers could not be checked: %1</source>
        <translation>· 書き込み者を検証できません: %1</translation>
    </message>
    <message>
        <source>· writers FORGED at sequence %1: %2</source>
        <translation>· シーケンス %1 で書き込み者の偽造: %2</translation>
    </message>
    <message>
        <source>· unsigned: the store has no desk administrator</source>
        <translation>· 未署名: ストアにデスク管理者がいません</translation>
    </message>
    <message numerus="yes">
        <source>· %n batch(es) signed by enrolled keys</source>
        <translation>
            <numerusform>· %n 個のバッチが登録済みの鍵で署名済み</numerusform>
        </translation>
    </message>
    <message>
        <source>, unsigned up to sequence %1</source>
        <translation>、シーケンス %1 まで未署名</translation>
    </message>
    <message>
        <source>All but reads</source>
        <translation>閲覧記録以外すべて</translation>
    </message>
    <message>
        <source>Reads: who looked at what</source>
        <translation>閲覧記録：誰が何を見たか</translation>
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
        <translation>執行中</translation>
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
        <translation>絞り込み: 注文、口座、銘柄、理由…</translation>
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
        <translation>%L1 / %L2</translation>
    </message>
    <message>
        <source>Export orders</source>
        <translation>注文をエクスポート</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
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
        <source>Cannot write %1: %2</source>
        <translation>%1 に書き込めません: %2</translation>
    </message>
    <message>
        <source>Acknowledge…</source>
        <translation>確認…</translation>
    </message>
    <message>
        <source>This instrument only</source>
        <translation>この銘柄のみ</translation>
    </message>
    <message>
        <source>My orders</source>
        <translation>自分の注文</translation>
    </message>
    <message>
        <source>Executions booked that were not expected. The %1 role views them; a trader acknowledges them.</source>
        <translation>想定外に計上された約定です。%1 ロールは閲覧のみ、確認はトレーダーが行います。</translation>
    </message>
    <message>
        <source>Executions booked that were not expected: acknowledge each with a note.</source>
        <translation>想定外に計上された約定です。それぞれメモを付けて確認してください。</translation>
    </message>
    <message>
        <source>Exceptions</source>
        <translation>例外</translation>
    </message>
    <message>
        <source>Brackets</source>
        <translation>ブラケット</translation>
    </message>
    <message>
        <source>Only the orders %1 entered or that are on %1&apos;s accounts (not the other desks&apos;)</source>
        <translation>%1 が入力した注文、または %1 の口座の注文のみ（他デスクの注文を除く）</translation>
    </message>
    <message>
        <source>Edit exits in the ticket…</source>
        <translation>チケットで決済条件を編集…</translation>
    </message>
    <message>
        <source>Exit now (sell at the market)</source>
        <translation>今すぐ決済（成行で売り）</translation>
    </message>
    <message>
        <source>Stop the bracket (cancel its orders, keep the position)</source>
        <translation>ブラケットを停止（注文を取消、ポジションは保持）</translation>
    </message>
    <message>
        <source>Exit now</source>
        <translation>今すぐ決済</translation>
    </message>
    <message>
        <source>Sell what bracket %1 holds at the market now?</source>
        <translation>ブラケット %1 の保有分を今すぐ成行で売却しますか？</translation>
    </message>
    <message>
        <source>Exceptions (%L1)</source>
        <translation>例外 (%L1)</translation>
    </message>
    <message>
        <source>Acknowledge exception</source>
        <translation>例外を確認</translation>
    </message>
    <message>
        <source>%1, order %2 (%3)
Expected: %4
Came: %5

Note:</source>
        <translation>%1、注文 %2（%3）
想定: %4
実際: %5

メモ:</translation>
    </message>
    <message>
        <source>Show order %1</source>
        <translation>注文 %1 を表示</translation>
    </message>
    <message>
        <source>Copy order ID</source>
        <translation>注文IDをコピー</translation>
    </message>
    <message>
        <source>%1 only</source>
        <translation>%1 のみ</translation>
    </message>
    <message>
        <source>%1 refused: %2</source>
        <translation>%1 は拒否されました: %2</translation>
    </message>
    <message>
        <source>Replace %1… (amend bracket %2 instead)</source>
        <translation>%1 を訂正…（代わりにブラケット %2 を変更）</translation>
    </message>
    <message>
        <source>Cancel %1 (stop or amend bracket %2 instead)</source>
        <translation>%1 を取消（代わりにブラケット %2 を停止または変更）</translation>
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
        <translation>期限</translation>
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
        <translation>平均単価</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>%1 ⚠ %2</source>
        <translation>%1 ⚠ %2</translation>
    </message>
    <message numerus="yes">
        <source>%n execution exception(s): see the Exceptions tab</source>
        <translation>
            <numerusform>約定の例外 %n 件:「例外」タブを参照</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>instant::BracketMonitor</name>
    <message>
        <source>Bracket %1: %2 refused: %3</source>
        <translation>ブラケット %1: %2 が拒否されました: %3</translation>
    </message>
    <message>
        <source>Bracket %1: the exit order was refused (%2); %L3 still held</source>
        <translation>ブラケット %1: 決済注文が拒否されました（%2）。%L3 を保有したままです</translation>
    </message>
</context>
<context>
    <name>instant::BracketsModel</name>
    <message>
        <source>bracket</source>
        <translation>ブラケット</translation>
    </message>
    <message>
        <source>exiting (%1)</source>
        <translation>決済中（%1）</translation>
    </message>
    <message>
        <source> (trails %1, high %2)</source>
        <translation> (追従幅 %1、高値 %2)</translation>
    </message>
    <message>
        <source>entry</source>
        <translation>新規</translation>
    </message>
    <message>
        <source>take-profit</source>
        <translation>利益確定</translation>
    </message>
    <message>
        <source>exit</source>
        <translation>決済</translation>
    </message>
    <message>
        <source>lmt %1</source>
        <translation>指値 %1</translation>
    </message>
    <message>
        <source>%1: %2. Stop-loss %3, take-profit %4. Right-click to edit in the ticket, exit now or stop.</source>
        <translation>%1: %2。損切り %3、利益確定 %4。右クリックでチケットでの編集、即時決済、停止ができます。</translation>
    </message>
    <message>
        <source>none</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>Bracket / order</source>
        <translation>ブラケット / 注文</translation>
    </message>
    <message>
        <source>Symbol</source>
        <translation>銘柄コード</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>ロール</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Filled</source>
        <translation>約定数量</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>価格</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>逆指値</translation>
    </message>
    <message>
        <source>Take-profit</source>
        <translation>利益確定</translation>
    </message>
    <message>
        <source>Exit at (UTC)</source>
        <translation>決済時刻 (UTC)</translation>
    </message>
    <message>
        <source>Outcome / reason</source>
        <translation>結果 / 理由</translation>
    </message>
    <message>
        <source>Placed at workstation %1: only it works this bracket.</source>
        <translation>端末 %1 で発注：このブラケットはその端末だけが管理します。</translation>
    </message>
</context>
<context>
    <name>instant::Charts</name>
    <message>
        <source>Volume</source>
        <translation>出来高</translation>
    </message>
    <message>
        <source>Intraday P&amp;L (realized + unrealized), $</source>
        <translation>日中損益（実現＋評価）、$</translation>
    </message>
    <message>
        <source>US Treasury yield curve (on-the-run, %)</source>
        <translation>米国債イールドカーブ（カレント銘柄、%）</translation>
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
        <translation>損益</translation>
    </message>
    <message>
        <source>Yield curve</source>
        <translation>イールドカーブ</translation>
    </message>
    <message>
        <source>%1 — one-minute candles</source>
        <translation>%1 — 1分足</translation>
    </message>
    <message>
        <source>SMA</source>
        <translation>SMA</translation>
    </message>
    <message>
        <source>Simple moving average of the closes</source>
        <translation>終値の単純移動平均</translation>
    </message>
    <message>
        <source>EMA</source>
        <translation>EMA</translation>
    </message>
    <message>
        <source>Exponential moving average of the closes (seeded with the SMA)</source>
        <translation>終値の指数移動平均（初期値はSMA）</translation>
    </message>
    <message>
        <source>VWAP</source>
        <translation>VWAP</translation>
    </message>
    <message>
        <source>Volume-weighted average price since the start of the UTC day</source>
        <translation>UTC日の開始以降の出来高加重平均価格</translation>
    </message>
    <message>
        <source>Bollinger</source>
        <translation>ボリンジャー</translation>
    </message>
    <message>
        <source>SMA ± k standard deviations of the closes</source>
        <translation>SMA ± 終値の標準偏差 × k</translation>
    </message>
    <message>
        <source>RSI</source>
        <translation>RSI</translation>
    </message>
    <message>
        <source>Wilder&apos;s relative strength index, with its 30 and 70 lines</source>
        <translation>ワイルダーの相対力指数（30・70ライン付き）</translation>
    </message>
    <message>
        <source>Period, in one-minute bars</source>
        <translation>期間（1分足の本数）</translation>
    </message>
    <message>
        <source>Band width, in standard deviations</source>
        <translation>バンド幅（標準偏差の倍数）</translation>
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
        <translation>デモ: この端末内の模擬取引所(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Live: a FIX 4.4 venue and a WebSocket market data feed</source>
        <translation>本番: FIX 4.4 取引所と WebSocket 時価配信(&amp;L)</translation>
    </message>
    <message>
        <source>TLS (the venue&apos;s certificate is verified)</source>
        <translation>TLS（取引所の証明書を検証）</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>接続</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>PEM file of the authority that signed the venue&apos;s certificate</source>
        <translation>取引所の証明書に署名した認証局の PEM ファイル</translation>
    </message>
    <message>
        <source>FIX session</source>
        <translation>FIX セッション</translation>
    </message>
    <message>
        <source>Venue host</source>
        <translation>取引所ホスト</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>ポート</translation>
    </message>
    <message>
        <source>SenderCompID (this desk)</source>
        <translation>SenderCompID（当デスク）</translation>
    </message>
    <message>
        <source>TargetCompID (the venue)</source>
        <translation>TargetCompID（取引所）</translation>
    </message>
    <message>
        <source>Heartbeat</source>
        <translation>ハートビート</translation>
    </message>
    <message>
        <source>CA file</source>
        <translation>CA ファイル</translation>
    </message>
    <message>
        <source>Market data</source>
        <translation>時価情報</translation>
    </message>
    <message>
        <source>Feed URL</source>
        <translation>配信 URL</translation>
    </message>
    <message>
        <source>Changes apply at the next start.</source>
        <translation>変更は次回起動時に反映されます。</translation>
    </message>
    <message>
        <source>Name the venue&apos;s host.</source>
        <translation>取引所のホストを入力してください。</translation>
    </message>
    <message>
        <source>The feed URL is ws://HOST:PORT/ or wss://HOST:PORT/.</source>
        <translation>配信 URL は ws://HOST:PORT/ または wss://HOST:PORT/ です。</translation>
    </message>
</context>
<context>
    <name>instant::CopilotPanel</name>
    <message>
        <source>Ask</source>
        <translation>質問</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>中止</translation>
    </message>
    <message>
        <source>Stage on ticket</source>
        <translation>チケットに設定</translation>
    </message>
    <message>
        <source>Reject draft</source>
        <translation>ドラフトを却下</translation>
    </message>
    <message>
        <source>Ask about the book, or: buy 5mm 10s at 99-16</source>
        <translation>ブックについて質問、または: buy 5mm 10s at 99-16</translation>
    </message>
    <message>
        <source>Model: %1</source>
        <translation>モデル: %1</translation>
    </message>
    <message>
        <source>Offline assistant: no model is configured (Model settings…).</source>
        <translation>オフラインアシスタント: モデルが未設定です（モデル設定…）。</translation>
    </message>
    <message>
        <source>Model settings…</source>
        <translation>モデル設定…</translation>
    </message>
    <message>
        <source>Copilot model</source>
        <translation>コパイロットのモデル</translation>
    </message>
    <message>
        <source>OpenAI-compatible (also llama.cpp, Ollama)</source>
        <translation>OpenAI 互換（llama.cpp、Ollama も可）</translation>
    </message>
    <message>
        <source>Cohere</source>
        <translation>Cohere</translation>
    </message>
    <message>
        <source>leave empty to keep the saved key</source>
        <translation>空欄なら保存済みのキーを使用</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>エンドポイント</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>プロバイダー</translation>
    </message>
    <message>
        <source>API key (OS keychain)</source>
        <translation>API キー（OS のキーチェーン）</translation>
    </message>
    <message>
        <source>The key was not saved: %1</source>
        <translation>キーを保存できませんでした: %1</translation>
    </message>
    <message>
        <source>Model: %1 (applies to the next question)</source>
        <translation>モデル: %1（次の質問から適用）</translation>
    </message>
    <message>
        <source>Offline assistant: no model is configured.</source>
        <translation>オフラインアシスタント: モデルが未設定です。</translation>
    </message>
    <message>
        <source>Ask about the book (read-only: nothing is drafted or recorded)</source>
        <translation>ブックについて質問（閲覧のみ: ドラフト作成・記録は行いません）</translation>
    </message>
    <message>
        <source>The copilot could not answer: %1 (trading is not affected).</source>
        <translation>コパイロットが回答できませんでした: %1（取引には影響しません）。</translation>
    </message>
    <message>
        <source>Draft %1 %2 and sent by you as %3.</source>
        <translation>ドラフト %1（%2）を、あなたが %3 として発注しました。</translation>
    </message>
    <message>
        <source>You: %1</source>
        <translation>あなた: %1</translation>
    </message>
    <message>
        <source>
  compliance (%1): %2</source>
        <translation>
  コンプライアンス（%1）: %2</translation>
    </message>
    <message>
        <source>hard</source>
        <translation>ハード</translation>
    </message>
    <message>
        <source>soft</source>
        <translation>ソフト</translation>
    </message>
    <message>
        <source>Draft %1: %2 — not sent.%3</source>
        <translation>ドラフト %1: %2 — 未発注。%3</translation>
    </message>
    <message>
        <source>Draft %1 staged on the order ticket: review it and press Send yourself.</source>
        <translation>ドラフト %1 を注文チケットに設定しました。内容を確認し、ご自身で「発注」を押してください。</translation>
    </message>
    <message>
        <source>Draft %1 rejected.</source>
        <translation>ドラフト %1 を却下しました。</translation>
    </message>
</context>
<context>
    <name>instant::DepthLadder</name>
    <message>
        <source>Pick an instrument in the market watch</source>
        <translation>マーケットウォッチで銘柄を選択</translation>
    </message>
    <message>
        <source>Centre</source>
        <translation>中央へ</translation>
    </message>
    <message>
        <source>The account a click trades for</source>
        <translation>クリック発注に使う口座</translation>
    </message>
    <message>
        <source>e.g. 5mm, 250k, 100</source>
        <translation>例: 5mm, 250k, 100</translation>
    </message>
    <message>
        <source>The quantity a click trades: 5mm, 250k or 100. It goes back to the instrument&apos;s usual quantity when the instrument changes.</source>
        <translation>クリック1回の発注数量: 5mm、250k、100 など。銘柄を変えるとその銘柄の通常数量に戻ります。</translation>
    </message>
    <message>
        <source>Put the market on the middle row (Space or C)</source>
        <translation>気配を中央の行に表示（Space または C）</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>口座</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Read-only: the %1 role cannot send orders.</source>
        <translation>閲覧のみ: %1 ロールは発注できません。</translation>
    </message>
    <message>
        <source>face</source>
        <translation>額面</translation>
    </message>
    <message>
        <source>contracts</source>
        <translation>枚</translation>
    </message>
    <message>
        <source>shares</source>
        <translation>株</translation>
    </message>
    <message>
        <source>Quantity: write 5mm, 250k or 100</source>
        <translation>数量: 5mm、250k、100 のように入力</translation>
    </message>
    <message>
        <source>Buy %1 %2 at %3 sent (%4)</source>
        <translation>買い %2 %1 @ %3 を発注しました（%4）</translation>
    </message>
    <message>
        <source>Sell %1 %2 at %3 sent (%4)</source>
        <translation>売り %2 %1 @ %3 を発注しました（%4）</translation>
    </message>
    <message numerus="yes">
        <source>Cancelling %n order(s) at %1</source>
        <translation>
            <numerusform>%1 の注文 %n 件を取消中</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Moving %n order(s) to %1</source>
        <translation>
            <numerusform>注文 %n 件を %1 に訂正中</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 refused: %2</source>
        <translation>%1 拒否: %2</translation>
    </message>
    <message>
        <source>Not sent: buy %1 %2 at %3</source>
        <translation>未発注: 買い %2 %1 @ %3</translation>
    </message>
    <message>
        <source>Not sent: sell %1 %2 at %3</source>
        <translation>未発注: 売り %2 %1 @ %3</translation>
    </message>
    <message>
        <source>▼ Centre</source>
        <translation>▼ 中央へ</translation>
    </message>
    <message>
        <source>▲ Centre</source>
        <translation>▲ 中央へ</translation>
    </message>
    <message>
        <source>The market is above the rows: Space, C or this button puts it on the middle row</source>
        <translation>気配は表示範囲より上にあります。Space、C またはこのボタンで中央の行に戻します</translation>
    </message>
    <message>
        <source>The market is below the rows: Space, C or this button puts it on the middle row</source>
        <translation>気配は表示範囲より下にあります。Space、C またはこのボタンで中央の行に戻します</translation>
    </message>
    <message>
        <source>Checking %1 %2 at %3…</source>
        <translation>%2 %1 @ %3 を確認中…</translation>
    </message>
</context>
<context>
    <name>instant::DockTitleBar</name>
    <message>
        <source>Float</source>
        <translation>フロート</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
</context>
<context>
    <name>instant::ExceptionsModel</name>
    <message>
        <source>Open: nobody has acknowledged it yet (right-click to acknowledge)</source>
        <translation>未確認: まだ誰も確認していません（右クリックで確認）</translation>
    </message>
    <message>
        <source>Acknowledged by %1</source>
        <translation>確認者: %1</translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation>時刻 (UTC)</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>口座</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>注文</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>想定</translation>
    </message>
    <message>
        <source>Came</source>
        <translation>実際</translation>
    </message>
    <message>
        <source>Exec</source>
        <translation>約定ID</translation>
    </message>
    <message>
        <source>Acknowledged by</source>
        <translation>確認者</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>メモ</translation>
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
        <translation>受渡済</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>未受渡</translation>
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
        <translation>受渡日</translation>
    </message>
    <message>
        <source>Settlement</source>
        <translation>受渡</translation>
    </message>
    <message>
        <source>The venue&apos;s price, off the tick grid; booked at %1</source>
        <translation>取引所の価格（呼値の刻み外）。%1 で計上</translation>
    </message>
    <message>
        <source>History</source>
        <translation>履歴</translation>
    </message>
    <message>
        <source>Accrued $</source>
        <translation>経過利子 $</translation>
    </message>
</context>
<context>
    <name>instant::Holdings</name>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; cash $%2 · reserved $%3 · unsettled buys $%4 · available $%5</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; 現金 $%2 · 拘束中 $%3 · 未受渡の買い $%4 · 利用可能 $%5</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 more accounts&lt;/b&gt;; all %2: cash $%3 · reserved $%4 · unsettled buys $%5 · available $%6</source>
        <translation>&lt;b&gt;他 %1 口座&lt;/b&gt;。全 %2 口座: 現金 $%3 · 拘束中 $%4 · 未受渡の買い $%5 · 利用可能 $%6</translation>
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
        <translation>受渡済数量</translation>
    </message>
    <message>
        <source>Avg cost</source>
        <translation>平均取得単価</translation>
    </message>
    <message>
        <source>Mark</source>
        <translation>評価単価</translation>
    </message>
    <message>
        <source>Market value $</source>
        <translation>時価評価額 $</translation>
    </message>
    <message>
        <source>Unrealized $</source>
        <translation>評価損益 $</translation>
    </message>
    <message>
        <source>Realized $</source>
        <translation>実現損益 $</translation>
    </message>
    <message>
        <source>DV01 $</source>
        <translation>DV01 $</translation>
    </message>
    <message>
        <source>Yield</source>
        <translation>利回り</translation>
    </message>
    <message>
        <source>Accrued $</source>
        <translation>経過利子 $</translation>
    </message>
    <message>
        <source>Interest $</source>
        <translation>利息収入 $</translation>
    </message>
</context>
<context>
    <name>instant::InstrumentLinks</name>
    <message>
        <source>Red</source>
        <translation>赤</translation>
    </message>
    <message>
        <source>Green</source>
        <translation>緑</translation>
    </message>
    <message>
        <source>Blue</source>
        <translation>青</translation>
    </message>
    <message>
        <source>Yellow</source>
        <translation>黄</translation>
    </message>
    <message>
        <source>Not linked</source>
        <translation>リンクなし</translation>
    </message>
</context>
<context>
    <name>instant::KillSwitchDialog</name>
    <message>
        <source>Kill switch</source>
        <translation>キルスイッチ</translation>
    </message>
    <message>
        <source>Active: trading as usual</source>
        <translation>有効: 通常どおり取引</translation>
    </message>
    <message>
        <source>Reducing only: orders that reduce a position</source>
        <translation>縮小のみ: ポジションを減らす注文のみ</translation>
    </message>
    <message>
        <source>Halted: no new orders</source>
        <translation>停止: 新規注文不可</translation>
    </message>
    <message>
        <source>Why (recorded with your name)</source>
        <translation>理由（あなたの名前とともに記録されます）</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>現在</translation>
    </message>
    <message>
        <source>Set to</source>
        <translation>変更後</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Every workstation of the desk may trade again.</source>
        <translation>デスクの全端末が再び取引できるようになります。</translation>
    </message>
    <message>
        <source>Resume trading</source>
        <translation>取引を再開</translation>
    </message>
    <message>
        <source>Every workstation of the desk may only send orders that reduce a position; orders already working keep working.</source>
        <translation>デスクの全端末はポジションを減らす注文のみ発注できます。執行中の注文はそのまま有効です。</translation>
    </message>
    <message>
        <source>Allow only reducing orders</source>
        <translation>縮小注文のみ許可</translation>
    </message>
    <message>
        <source>Every new order of the desk is refused until the switch is set back to active; orders already working keep working (cancel them from the blotter).</source>
        <translation>スイッチを有効に戻すまで、デスクの新規注文はすべて拒否されます。執行中の注文はそのまま有効です（ブロッターから取消してください）。</translation>
    </message>
    <message>
        <source>Halt trading</source>
        <translation>取引を停止</translation>
    </message>
</context>
<context>
    <name>instant::LadderModel</name>
    <message>
        <source>My bids</source>
        <translation>自分の買い</translation>
    </message>
    <message>
        <source>Bid size</source>
        <translation>買気配数量</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>価格</translation>
    </message>
    <message>
        <source>Ask size</source>
        <translation>売気配数量</translation>
    </message>
    <message>
        <source>My asks</source>
        <translation>自分の売り</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Click to buy at %1</source>
        <translation>クリックで %1 に買い注文</translation>
    </message>
    <message>
        <source>Click to sell at %1</source>
        <translation>クリックで %1 に売り注文</translation>
    </message>
    <message>
        <source>%1: %2 at %3 (%4)</source>
        <translation>%1: %2 @ %3（%4）</translation>
    </message>
    <message>
        <source>Click to cancel; drag to another price to move</source>
        <translation>クリックで取消、別の価格へドラッグで訂正</translation>
    </message>
</context>
<context>
    <name>instant::LifecycleModel</name>
    <message>
        <source>Coupon due</source>
        <translation>利払予定</translation>
    </message>
    <message>
        <source>Coupon paid</source>
        <translation>利払済</translation>
    </message>
    <message>
        <source>Maturity due</source>
        <translation>償還予定</translation>
    </message>
    <message>
        <source>Principal paid</source>
        <translation>元本償還済</translation>
    </message>
    <message>
        <source>Expiry due</source>
        <translation>満期予定</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>権利消滅</translation>
    </message>
    <message>
        <source>Exercised</source>
        <translation>権利行使</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>権利割当</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日付</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>イベント</translation>
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
        <source>Face / contracts</source>
        <translation>額面 / 枚数</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>現金</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>詳細</translation>
    </message>
</context>
<context>
    <name>instant::LinkColourButton</name>
    <message>
        <source>Not linked: picks here drive no other panel. Click to link by colour.</source>
        <translation>リンクなし: ここでの選択は他のパネルに反映されません。クリックして色でリンクします。</translation>
    </message>
    <message>
        <source>Linked: %1. Panels of this colour follow each other&apos;s instrument.</source>
        <translation>リンク: %1。同じ色のパネルは互いの銘柄に連動します。</translation>
    </message>
</context>
<context>
    <name>instant::MainWindow</name>
    <message>
        <source>Instant — demo</source>
        <translation>Instant — デモ</translation>
    </message>
    <message>
        <source>Instant</source>
        <translation>Instant</translation>
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
        <translation>保有残高</translation>
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
        <source>Copilot</source>
        <translation>コパイロット</translation>
    </message>
    <message>
        <source> DEMO </source>
        <translation> デモ </translation>
    </message>
    <message>
        <source> LIVE </source>
        <translation> 本番 </translation>
    </message>
    <message>
        <source> AS OF %1 </source>
        <translation> %1 時点 </translation>
    </message>
    <message>
        <source>%1 (%2) · venue: simulated</source>
        <translation>%1（%2）· 取引所: 模擬</translation>
    </message>
    <message>
        <source>Kill switch: %1</source>
        <translation>キルスイッチ: %1</translation>
    </message>
    <message numerus="yes">
        <source>projection lag: %n event(s)</source>
        <translation>
            <numerusform>反映待ち: %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>no trading engine</source>
        <translation>取引エンジンなし</translation>
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
        <translation>レイアウトを固定(&amp;L)</translation>
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
        <translation>イベントストアなし</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>空</translation>
    </message>
    <message>
        <source>head #%1 %2</source>
        <translation>先頭 #%1 %2</translation>
    </message>
    <message numerus="yes">
        <source>Store %1 · %n event(s) · %2</source>
        <translation>
            <numerusform>ストア %1 · %n 件 · %2</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Save layout as…</source>
        <translation>レイアウトに名前を付けて保存(&amp;S)…</translation>
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
    <message>
        <source>Watchlists</source>
        <translation>ウォッチリスト</translation>
    </message>
    <message>
        <source>Settlement</source>
        <translation>受渡</translation>
    </message>
    <message>
        <source>Rebalance</source>
        <translation>リバランス</translation>
    </message>
    <message>
        <source>Option Ideas</source>
        <translation>オプション候補</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source> · database: %1</source>
        <translation> · データベース: %1</translation>
    </message>
    <message>
        <source>&amp;Connection…</source>
        <translation>接続(&amp;C)…</translation>
    </message>
    <message>
        <source>Live connection saved: it applies at the next start.</source>
        <translation>本番接続を保存しました。次回起動時に反映されます。</translation>
    </message>
    <message>
        <source>Demo mode saved: it applies at the next start.</source>
        <translation>デモモードを保存しました。次回起動時に反映されます。</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>言語(&amp;L)</translation>
    </message>
    <message>
        <source>The language changes at the next start.</source>
        <translation>言語は次回起動時に切り替わります。</translation>
    </message>
    <message>
        <source>&amp;Trading</source>
        <translation>取引(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Kill switch…</source>
        <translation>キルスイッチ(&amp;K)…</translation>
    </message>
    <message>
        <source>Halt the desk&apos;s trading, allow only reducing orders, or resume: with a reason</source>
        <translation>デスクの取引を停止、縮小注文のみ許可、または再開（理由を添えて）</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Report a problem…</source>
        <translation>問題を報告(&amp;R)…</translation>
    </message>
    <message>
        <source>Save a problem report</source>
        <translation>問題レポートを保存</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Problem report</source>
        <translation>問題レポート</translation>
    </message>
    <message>
        <source>Saved to %1.

It holds the versions, the settings without passwords or keys, and the last log lines. Attach it to your report.</source>
        <translation>%1 に保存しました。

バージョン、パスワードやキーを除いた設定、ログの末尾が含まれます。報告に添付してください。</translation>
    </message>
    <message>
        <source>&amp;About Instant</source>
        <translation>Instant について(&amp;A)</translation>
    </message>
    <message>
        <source>Read-only session</source>
        <translation>閲覧専用セッション</translation>
    </message>
    <message>
        <source>Kill switch: %1 asked (%2)</source>
        <translation>キルスイッチ: %1 を要求（%2）</translation>
    </message>
    <message>
        <source>Approvals</source>
        <translation>承認</translation>
    </message>
    <message>
        <source>Approvals (%1)</source>
        <translation>承認 (%1)</translation>
    </message>
    <message>
        <source>READ-ONLY COMPLIANCE SESSION · %1 · the record and the market, to view and export: nothing here trades, cancels, acknowledges or reaches a venue</source>
        <translation>読み取り専用コンプライアンスセッション · %1 · 記録と市場の閲覧・エクスポートのみ：ここでは発注・取消・確認・市場への送信は一切行われません</translation>
    </message>
    <message>
        <source>This session records nothing but its start; the engine refuses every command that would record or send. Start the workstation as a trader to trade.</source>
        <translation>このセッションが記録するのは開始のみです。記録や送信を伴うコマンドはエンジンがすべて拒否します。取引するにはトレーダーとしてワークステーションを起動してください。</translation>
    </message>
    <message>
        <source>Trading halted: the store cannot record</source>
        <translation>取引停止: ストアに記録できません</translation>
    </message>
    <message>
        <source>writes signed · %1</source>
        <translation>書き込み署名済み · %1</translation>
    </message>
    <message>
        <source>Every batch this workstation writes is signed with its key %1 (instant audit verify checks them).</source>
        <translation>このワークステーションが書き込むすべてのバッチは鍵 %1 で署名されています（instant audit verify が検証します）。</translation>
    </message>
    <message>
        <source> UNSIGNED writes </source>
        <translation> 未署名の書き込み </translation>
    </message>
    <message>
        <source>This workstation&apos;s key is not enrolled on the store, so instant audit verify will name its events. `instant store key` shows the key; the desk administrator enrols it with `instant store enroll`.</source>
        <translation>このワークステーションの鍵はストアに登録されていないため、instant audit verify がそのイベントを指摘します。`instant store key` で鍵を表示し、デスク管理者が `instant store enroll` で登録します。</translation>
    </message>
    <message>
        <source>clock: unknown</source>
        <translation>時計: 不明</translation>
    </message>
    <message>
        <source>The operating system does not say how this machine&apos;s clock is kept.</source>
        <translation>OS はこのマシンの時計の管理方法を示していません。</translation>
    </message>
    <message>
        <source> clock NOT synchronised </source>
        <translation> 時計が同期されていません </translation>
    </message>
    <message>
        <source>The operating system does not keep this machine&apos;s clock synchronised (maximum error %1 ms): the times it records are not known to be within CAT&apos;s 50 ms of NIST.</source>
        <translation>OS はこのマシンの時計を同期していません（最大誤差 %1 ms）。記録される時刻が CAT の求める NIST との差 50 ms 以内かどうかは分かりません。</translation>
    </message>
    <message>
        <source>clock ±%1 ms</source>
        <translation>時計 ±%1 ms</translation>
    </message>
    <message>
        <source>Synchronised by the operating system: estimated error %1 ms, at most %2 ms (CAT asks for 50 ms).</source>
        <translation>OS により同期: 推定誤差 %1 ms、最大 %2 ms（CAT の要件は 50 ms）。</translation>
    </message>
    <message>
        <source>clock %1%2 ms vs %3</source>
        <translation>時計 %1%2 ms（対 %3）</translation>
    </message>
    <message>
        <source>The last measurement failed: %1</source>
        <translation>前回の測定に失敗しました: %1</translation>
    </message>
    <message>
        <source>Measured against %1 (stratum %2) at %3 UTC: this clock is %4 ms behind it, give or take %5 ms (half the round trip); CAT asks for 50 ms.</source>
        <translation>%3 UTC に %1（ストラタム %2）と比較して測定: この時計は %4 ms 遅れています（誤差 ±%5 ms、往復時間の半分）。CAT の要件は 50 ms です。</translation>
    </message>
    <message>
        <source>Measured against %1 (stratum %2) at %3 UTC: this clock is %4 ms ahead of it, give or take %5 ms (half the round trip); CAT asks for 50 ms.</source>
        <translation>%3 UTC に %1（ストラタム %2）と比較して測定: この時計は %4 ms 進んでいます（誤差 ±%5 ms、往復時間の半分）。CAT の要件は 50 ms です。</translation>
    </message>
</context>
<context>
    <name>instant::MarketWatch</name>
    <message>
        <source>Alert when…</source>
        <translation>アラート条件…</translation>
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
        <translation>現在値</translation>
    </message>
    <message>
        <source>Chg</source>
        <translation>前日比</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>出来高</translation>
    </message>
    <message>
        <source>%1%2 bp</source>
        <translation>%1%2 bp</translation>
    </message>
    <message>
        <source>Bid size</source>
        <translation>買気配数量</translation>
    </message>
    <message>
        <source>Ask size</source>
        <translation>売気配数量</translation>
    </message>
    <message>
        <source>Yield</source>
        <translation>利回り</translation>
    </message>
</context>
<context>
    <name>instant::OptionChainModel</name>
    <message>
        <source>Call</source>
        <translation>コール</translation>
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
        <translation>ベガ</translation>
    </message>
    <message>
        <source>Θ/day</source>
        <translation>Θ/日</translation>
    </message>
    <message>
        <source>Strike</source>
        <translation>権利行使価格</translation>
    </message>
    <message>
        <source>Put</source>
        <translation>プット</translation>
    </message>
</context>
<context>
    <name>instant::OptionIdeasModel</name>
    <message>
        <source>liquidity %1 · delta fit %2 · theta cost %3 · IV rank %4</source>
        <translation>流動性 %1 · デルタ適合 %2 · シータコスト %3 · IVランク %4</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Contract</source>
        <translation>銘柄</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>残日数</translation>
    </message>
    <message>
        <source>Δ</source>
        <translation>Δ</translation>
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
        <source>IV</source>
        <translation>IV</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>スコア</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Cost $</source>
        <translation>費用 $</translation>
    </message>
    <message>
        <source>Breakeven</source>
        <translation>損益分岐点</translation>
    </message>
</context>
<context>
    <name>instant::OptionIdeasPanel</name>
    <message>
        <source>Stage ticket</source>
        <translation>チケットに設定</translation>
    </message>
    <message>
        <source>The stock: follows the instrument selected in the other panels.</source>
        <translation>株式: 他のパネルで選択した銘柄に連動します。</translation>
    </message>
    <message>
        <source>Bullish: buy calls</source>
        <translation>強気: コールを買う</translation>
    </message>
    <message>
        <source>Bearish: buy puts</source>
        <translation>弱気: プットを買う</translation>
    </message>
    <message>
        <source>Conservative</source>
        <translation>保守的</translation>
    </message>
    <message>
        <source>Balanced</source>
        <translation>中庸</translation>
    </message>
    <message>
        <source>Aggressive</source>
        <translation>積極的</translation>
    </message>
    <message>
        <source>|Δ| %1–%2, %3–%4 days to expiry</source>
        <translation>|Δ| %1–%2、満期まで %3–%4 日</translation>
    </message>
    <message>
        <source>10,000 · 25k · 1mm</source>
        <translation>10,000 · 25k · 1mm</translation>
    </message>
    <message>
        <source>The capital to commit, in dollars: whole contracts at the ask, never more. Remembered for %1.</source>
        <translation>投入資金（ドル）: 売気配で買える枚数まで、それを超えません。%1 用に保存されます。</translation>
    </message>
    <message>
        <source>Select a recommendation to see why this contract, why this size, and the risks.</source>
        <translation>候補を選択すると、この銘柄とこの数量を選んだ理由、およびリスクを表示します。</translation>
    </message>
    <message>
        <source>Put the selected idea on the order ticket: buy, the size, a limit at the ask. Nothing is sent.</source>
        <translation>選択した候補を注文チケットに設定します（買い、数量、売気配での指値）。発注はしません。</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>株式</translation>
    </message>
    <message>
        <source>Capital $</source>
        <translation>投入資金 $</translation>
    </message>
    <message>
        <source>Pick a stock.</source>
        <translation>株式を選択してください。</translation>
    </message>
    <message>
        <source>Type the capital to commit in dollars (10,000, 25k, 1mm).</source>
        <translation>投入資金をドルで入力してください（10,000、25k、1mm）。</translation>
    </message>
    <message>
        <source>Waiting for the market&apos;s first quote.</source>
        <translation>最初の気配を待っています。</translation>
    </message>
    <message>
        <source>Why this contract</source>
        <translation>この銘柄を選んだ理由</translation>
    </message>
    <message>
        <source>Why this size</source>
        <translation>この数量にした理由</translation>
    </message>
    <message>
        <source>The risks</source>
        <translation>リスク</translation>
    </message>
    <message numerus="yes">
        <source>Not recommended (%n)</source>
        <translation>
            <numerusform>推奨しない（%n）</numerusform>
        </translation>
    </message>
    <message>
        <source>Read-only: the %1 role cannot stage orders.</source>
        <translation>閲覧のみ: %1 ロールは注文をチケットに設定できません。</translation>
    </message>
    <message>
        <source>Staged on the order ticket: buy %1 %2 at %3. Review it and press Send yourself.</source>
        <translation>注文チケットに設定しました: %2 %1 を %3 で買い。内容を確認し、ご自身で「発注」を押してください。</translation>
    </message>
</context>
<context>
    <name>instant::OrderPreview</name>
    <message>
        <source>Pick an instrument</source>
        <translation>銘柄を選択してください</translation>
    </message>
    <message>
        <source>Take-profit would be refused when placed: %1</source>
        <translation>利益確定注文は発注時に拒否されます: %1</translation>
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
        <translation>銘柄: UST 10Y、AAPL、CUSIP…</translation>
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
        <translation>例: 5mm, 250k, 100</translation>
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
        <translation>逆指値（指値）</translation>
    </message>
    <message>
        <source>99-16+ or 228.50</source>
        <translation>99-16+ または 228.50</translation>
    </message>
    <message>
        <source>stop price</source>
        <translation>逆指値の発動価格</translation>
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
        <translation>今すぐ買い</translation>
    </message>
    <message>
        <source>Sell now</source>
        <translation>今すぐ売り</translation>
    </message>
    <message>
        <source>Cancel all in this instrument</source>
        <translation>この銘柄の注文をすべて取消</translation>
    </message>
    <message>
        <source>Send (Enter). F2 buys, F3 sells, Ctrl+Shift+X cancels all in the instrument.</source>
        <translation>発注（Enter）。F2 で買い、F3 で売り、Ctrl+Shift+X でこの銘柄の注文をすべて取消。</translation>
    </message>
    <message>
        <source>Read-only: the %1 role cannot send orders.</source>
        <translation>閲覧のみ: %1 ロールは発注できません。</translation>
    </message>
    <message>
        <source>Quantity: write 5mm, 250k or 100</source>
        <translation>数量: 5mm、250k、100 のように入力</translation>
    </message>
    <message>
        <source>DV01 %1$%L2 per bp</source>
        <translation>DV01 %1$%L2 / bp</translation>
    </message>
    <message>
        <source>Yield %1%</source>
        <translation>利回り %1%</translation>
    </message>
    <message>
        <source>Compliance: passes</source>
        <translation>コンプライアンス: 問題なし</translation>
    </message>
    <message>
        <source>Compliance will reject: %1</source>
        <translation>コンプライアンスで拒否されます: %1</translation>
    </message>
    <message>
        <source>Enter a quantity</source>
        <translation>数量を入力してください</translation>
    </message>
    <message>
        <source>Sending %1…</source>
        <translation>%1 を発注中…</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 rejected: %2</source>
        <translation>%1 拒否: %2</translation>
    </message>
    <message>
        <source>Bracket: exits for this buy</source>
        <translation>ブラケット: この買いの決済条件</translation>
    </message>
    <message>
        <source>Amend exits</source>
        <translation>決済条件を訂正</translation>
    </message>
    <message>
        <source>New order</source>
        <translation>新規注文</translation>
    </message>
    <message>
        <source>stop-loss price</source>
        <translation>損切り価格</translation>
    </message>
    <message>
        <source>trail by, e.g. 1.50 or 0-08</source>
        <translation>追従幅（例: 1.50、0-08）</translation>
    </message>
    <message>
        <source>take-profit price</source>
        <translation>利益確定価格</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分</translation>
    </message>
    <message>
        <source>no time exit</source>
        <translation>時間決済なし</translation>
    </message>
    <message>
        <source>Stop-loss</source>
        <translation>損切り</translation>
    </message>
    <message>
        <source>Trailing</source>
        <translation>トレーリング</translation>
    </message>
    <message>
        <source>Take-profit</source>
        <translation>利益確定</translation>
    </message>
    <message>
        <source>Exit after</source>
        <translation>時間決済</translation>
    </message>
    <message>
        <source>Changing the exits of bracket %1 (%2 %3)%4.</source>
        <translation>ブラケット %1（%2 %3）の決済条件を訂正中%4。</translation>
    </message>
    <message>
        <source>, time exit at %1 UTC kept unless you set a new one</source>
        <translation>、時間決済 %1 UTC は新たに設定しない限り維持</translation>
    </message>
    <message>
        <source>Amending bracket %1…</source>
        <translation>ブラケット %1 を訂正中…</translation>
    </message>
    <message>
        <source>Bracket: its entry is a buy (it protects a bought position)</source>
        <translation>ブラケット: 新規は買いのみ（買いポジションを保護します）</translation>
    </message>
    <message>
        <source>Bracket: %1</source>
        <translation>ブラケット: %1</translation>
    </message>
    <message>
        <source>stop %1</source>
        <translation>損切り %1</translation>
    </message>
    <message>
        <source>trailing %1</source>
        <translation>トレーリング %1</translation>
    </message>
    <message>
        <source>take-profit %1</source>
        <translation>利益確定 %1</translation>
    </message>
    <message>
        <source>out after %1 min</source>
        <translation>%1 分後に決済</translation>
    </message>
    <message>
        <source>out at %1 UTC</source>
        <translation>%1 UTC に決済</translation>
    </message>
    <message>
        <source>Bracket %1: exits amended</source>
        <translation>ブラケット %1: 決済条件を訂正しました</translation>
    </message>
    <message>
        <source>Bracket %1: not amended: %2</source>
        <translation>ブラケット %1: 訂正できません: %2</translation>
    </message>
    <message>
        <source>Override</source>
        <translation>オーバーライド</translation>
    </message>
    <message>
        <source>Why this order should go out anyway (recorded)</source>
        <translation>それでもこの注文を発注する理由（記録されます）</translation>
    </message>
    <message>
        <source>%1 — needs approval by %2</source>
        <translation>%1 — %2 の承認が必要</translation>
    </message>
    <message>
        <source> or </source>
        <translation> または </translation>
    </message>
    <message>
        <source>Needs an override: give a reason below</source>
        <translation>オーバーライドが必要: 下に理由を入力してください</translation>
    </message>
    <message>
        <source>Overridden, with the reason below</source>
        <translation>下記の理由でオーバーライド済</translation>
    </message>
    <message>
        <source>Priced at its protection limit %1</source>
        <translation>保護指値 %1 で評価</translation>
    </message>
    <message>
        <source>Principal %1</source>
        <translation>約定代金 %1</translation>
    </message>
    <message>
        <source>Total %1, settles %2</source>
        <translation>受渡代金 %1、受渡日 %2</translation>
    </message>
    <message>
        <source>Notional %1, settles %2</source>
        <translation>約定代金 %1、受渡日 %2</translation>
    </message>
    <message>
        <source>Holds %1 of %2 available</source>
        <translation>利用可能額 %2 のうち %1 を拘束</translation>
    </message>
    <message>
        <source>Available %1</source>
        <translation>利用可能 %1</translation>
    </message>
    <message>
        <source>Give a reason to override: %1</source>
        <translation>オーバーライドの理由を入力してください: %1</translation>
    </message>
    <message>
        <source>%1 waits: %2</source>
        <translation>%1 保留中: %2</translation>
    </message>
    <message>
        <source>Accrued interest %1 (%2 days)</source>
        <translation>経過利子 %1（%2 日分）</translation>
    </message>
    <message>
        <source>Trading is halted: nothing can be sent now (see the status bar)</source>
        <translation>取引は停止中です: 現在は何も送信できません（ステータスバーを参照）</translation>
    </message>
    <message>
        <source>Checking the order…</source>
        <translation>注文を確認中…</translation>
    </message>
</context>
<context>
    <name>instant::QuitQuestion</name>
    <message>
        <source>Orders are working</source>
        <translation>執行中の注文があります</translation>
    </message>
    <message numerus="yes">
        <source>%n of your orders are still working at the venue.</source>
        <translation>
            <numerusform>あなたの注文 %n 件がまだ取引所で執行中です。</numerusform>
        </translation>
    </message>
    <message>
        <source>They stay working after you quit unless you cancel them.</source>
        <translation>取消さない限り、終了後も執行中のまま残ります。</translation>
    </message>
    <message>
        <source>Quit anyway</source>
        <translation>このまま終了</translation>
    </message>
    <message>
        <source>Cancel them all and quit</source>
        <translation>すべて取消して終了</translation>
    </message>
    <message>
        <source>Stay</source>
        <translation>終了しない</translation>
    </message>
</context>
<context>
    <name>instant::RebalanceExposureModel</name>
    <message>
        <source>Cash</source>
        <translation>現金</translation>
    </message>
    <message>
        <source>%1 bucket</source>
        <translation>%1 ゾーン</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>比率</translation>
    </message>
    <message>
        <source>DV01</source>
        <translation>DV01</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目標</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>変更前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>変更後</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>変化</translation>
    </message>
</context>
<context>
    <name>instant::RebalanceLinesModel</name>
    <message>
        <source>Buy</source>
        <translation>買い</translation>
    </message>
    <message>
        <source>Sell</source>
        <translation>売り</translation>
    </message>
    <message>
        <source>Rejected: %1</source>
        <translation>拒否: %1</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>発注中…</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>行</translation>
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
        <source>Limit</source>
        <translation>指値</translation>
    </message>
    <message>
        <source>Notional</source>
        <translation>約定代金</translation>
    </message>
    <message>
        <source>DV01</source>
        <translation>DV01</translation>
    </message>
    <message>
        <source>Order / note</source>
        <translation>注文 / メモ</translation>
    </message>
</context>
<context>
    <name>instant::RebalancePanel</name>
    <message>
        <source>Weights by instrument</source>
        <translation>銘柄別の比率</translation>
    </message>
    <message>
        <source>DV01 by tenor bucket</source>
        <translation>年限ゾーン別の DV01</translation>
    </message>
    <message>
        <source>Changes smaller than this are not traded</source>
        <translation>これより小さい変化は取引しません</translation>
    </message>
    <message>
        <source>Instrument</source>
        <translation>銘柄</translation>
    </message>
    <message>
        <source>Target %</source>
        <translation>目標 %</translation>
    </message>
    <message>
        <source>Target DV01 ($ per bp)</source>
        <translation>目標 DV01（$ / bp）</translation>
    </message>
    <message>
        <source>Remaining maturity: 2Y up to 3.5 years, 5Y to 7.5, 10Y to 15, 30Y beyond. Empty: no target.</source>
        <translation>残存期間: 2Y は3.5年まで、5Y は7.5年まで、10Y は15年まで、30Y はそれ以上。空欄は目標なし。</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>追加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>From holdings</source>
        <translation>保有残高から</translation>
    </message>
    <message>
        <source>The account&apos;s holdings at their current weights, to edit</source>
        <translation>口座の保有残高を現在の比率で読み込み、編集します</translation>
    </message>
    <message>
        <source>Save targets</source>
        <translation>目標を保存</translation>
    </message>
    <message>
        <source>Propose</source>
        <translation>提案を作成</translation>
    </message>
    <message>
        <source>Compute the orders that move the book to the saved targets at the current marks</source>
        <translation>現在の評価単価で、ブックを保存済みの目標に近づける注文を計算します</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>口座</translation>
    </message>
    <message>
        <source>Targets</source>
        <translation>目標</translation>
    </message>
    <message>
        <source>Tolerance</source>
        <translation>許容幅</translation>
    </message>
    <message>
        <source>Remove line</source>
        <translation>行を削除</translation>
    </message>
    <message>
        <source>Accept…</source>
        <translation>承認…</translation>
    </message>
    <message>
        <source>Shows what compliance says about each line, then sends them as limit orders</source>
        <translation>各行のコンプライアンス結果を表示してから、指値注文として発注します</translation>
    </message>
    <message>
        <source>Reject…</source>
        <translation>却下…</translation>
    </message>
    <message>
        <source>Proposal</source>
        <translation>提案</translation>
    </message>
    <message>
        <source>Override soft rules</source>
        <translation>ソフトルールをオーバーライド</translation>
    </message>
    <message>
        <source>%1

Soft rules flag some lines. Reason to override them (leave empty and compliance refuses those lines):</source>
        <translation>%1

一部の行がソフトルールに抵触しています。オーバーライドの理由（空欄の場合、それらの行はコンプライアンスで拒否されます）:</translation>
    </message>
    <message>
        <source>%1

Send these orders?</source>
        <translation>%1

これらの注文を発注しますか？</translation>
    </message>
    <message>
        <source>%1

Soft rules overridden: %2
Send these orders?</source>
        <translation>%1

ソフトルールをオーバーライド: %2
これらの注文を発注しますか？</translation>
    </message>
    <message>
        <source>Send rebalance</source>
        <translation>リバランスを発注</translation>
    </message>
    <message>
        <source>Reject proposal</source>
        <translation>提案を却下</translation>
    </message>
    <message>
        <source>Why is it rejected?</source>
        <translation>却下の理由は？</translation>
    </message>
    <message>
        <source> bp of value</source>
        <translation> bp（評価額比）</translation>
    </message>
    <message>
        <source> DV01</source>
        <translation> DV01</translation>
    </message>
    <message>
        <source>Read-only: the %1 role sees proposals but cannot change them</source>
        <translation>閲覧のみ: %1 ロールは提案を閲覧できますが、変更はできません</translation>
    </message>
    <message>
        <source>No engine: targets and proposals need the trading engine</source>
        <translation>エンジンなし: 目標と提案には取引エンジンが必要です</translation>
    </message>
    <message>
        <source>Holdings at their current weights (%1): edit the targets, then save</source>
        <translation>現在の比率の保有残高（%1）: 目標を編集して保存してください</translation>
    </message>
    <message>
        <source>Saving targets…</source>
        <translation>目標を保存中…</translation>
    </message>
    <message>
        <source>Proposing at the current marks…</source>
        <translation>現在の評価単価で提案を作成中…</translation>
    </message>
    <message>
        <source>Removing line %1…</source>
        <translation>行 %1 を削除中…</translation>
    </message>
    <message>
        <source>Changing line %1…</source>
        <translation>行 %1 を変更中…</translation>
    </message>
    <message>
        <source>%1 (soft: needs an override)</source>
        <translation>%1（ソフト: オーバーライドが必要）</translation>
    </message>
    <message>
        <source>%1 (refused)</source>
        <translation>%1（拒否）</translation>
    </message>
    <message>
        <source>L%1 %2 %L3 %4 at %5 — %6 — %7</source>
        <translation>L%1 %2 %4 %L3 @ %5 — %6 — %7</translation>
    </message>
    <message>
        <source>buy</source>
        <translation>買い</translation>
    </message>
    <message>
        <source>sell</source>
        <translation>売り</translation>
    </message>
    <message>
        <source>compliance: passes</source>
        <translation>コンプライアンス: 問題なし</translation>
    </message>
    <message>
        <source>Proposal %1 for %2, orders to send:</source>
        <translation>提案 %1（%2）、発注する注文:</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>未発注</translation>
    </message>
    <message>
        <source>Sending the orders…</source>
        <translation>注文を発注中…</translation>
    </message>
    <message>
        <source>A rejection needs a reason</source>
        <translation>却下には理由が必要です</translation>
    </message>
    <message>
        <source>Targets saved</source>
        <translation>目標を保存しました</translation>
    </message>
    <message>
        <source>Proposal %1 accepted: its lines went to the order manager</source>
        <translation>提案 %1 を承認しました。各行を注文管理に送りました</translation>
    </message>
    <message>
        <source>Proposal %1 made</source>
        <translation>提案 %1 を作成しました</translation>
    </message>
    <message>
        <source>%1 · %2 · %3 · by %4</source>
        <translation>%1 · %2 · %3 · 作成者 %4</translation>
    </message>
    <message>
        <source>1 line</source>
        <translation>1 行</translation>
    </message>
    <message>
        <source>%1 lines</source>
        <translation>%1 行</translation>
    </message>
    <message>
        <source>No proposal yet: Propose computes one from the saved targets.</source>
        <translation>提案はまだありません。「提案を作成」で保存済みの目標から計算します。</translation>
    </message>
    <message>
        <source>No targets yet: set weights or DV01 by bucket, then Save targets.</source>
        <translation>目標はまだありません。比率またはゾーン別 DV01 を設定し、「目標を保存」を押してください。</translation>
    </message>
    <message>
        <source>Value %1 · cash %2 → %3 · buying power %4 · buys %5, sales %6</source>
        <translation>評価額 %1 · 現金 %2 → %3 · 買付余力 %4 · 買い %5、売り %6</translation>
    </message>
    <message>
        <source>&lt;b&gt;Cash short&lt;/b&gt;: buys of %1 scaled to %L2% to fit the buying power</source>
        <translation>&lt;b&gt;現金不足&lt;/b&gt;: 買付余力に合わせ、%1 の買いを %L2% に縮小</translation>
    </message>
    <message>
        <source>edited once</source>
        <translation>1 回編集</translation>
    </message>
    <message>
        <source>edited %1 times</source>
        <translation>%1 回編集</translation>
    </message>
    <message>
        <source>&lt;b&gt;Rejected&lt;/b&gt;: %1</source>
        <translation>&lt;b&gt;却下&lt;/b&gt;: %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Accepted&lt;/b&gt;: lines refused: %1, see their reasons</source>
        <translation>&lt;b&gt;承認&lt;/b&gt;: 拒否された行: %1（各理由を参照）</translation>
    </message>
    <message>
        <source>&lt;b&gt;Accepted&lt;/b&gt;: every line sent</source>
        <translation>&lt;b&gt;承認&lt;/b&gt;: 全行を発注しました</translation>
    </message>
    <message>
        <source>Checking the lines with compliance…</source>
        <translation>各行をコンプライアンス確認中…</translation>
    </message>
</context>
<context>
    <name>instant::ReplaceDialog</name>
    <message>
        <source>Replace %1</source>
        <translation>%1 を訂正</translation>
    </message>
    <message>
        <source>%1 %2, %3 filled</source>
        <translation>%1 %2、約定済 %3</translation>
    </message>
    <message>
        <source>New total quantity: 5mm, 250k, 1,000</source>
        <translation>訂正後の合計数量: 5mm、250k、1,000</translation>
    </message>
    <message>
        <source>&amp;Quantity</source>
        <translation>数量(&amp;Q)</translation>
    </message>
    <message>
        <source>New limit price in 32nds: 99-16, 99-16+, 99-162</source>
        <translation>訂正後の指値（32分の1表記）: 99-16、99-16+、99-162</translation>
    </message>
    <message>
        <source>New limit price</source>
        <translation>訂正後の指値</translation>
    </message>
    <message>
        <source>&amp;Limit price</source>
        <translation>指値(&amp;L)</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>訂正</translation>
    </message>
    <message>
        <source>Quantity: a number such as 5mm, 250k or 1,000</source>
        <translation>数量: 5mm、250k、1,000 のような数値</translation>
    </message>
    <message>
        <source>Quantity must be a multiple of %1</source>
        <translation>数量は %1 の倍数で指定してください</translation>
    </message>
    <message>
        <source>Price: %1</source>
        <translation>価格: %1</translation>
    </message>
    <message>
        <source>Nothing to change</source>
        <translation>変更点がありません</translation>
    </message>
</context>
<context>
    <name>instant::SettlementDashboard</name>
    <message>
        <source>Pick a bucket, or one account in it, to list its trades below.</source>
        <translation>区分またはその中の口座を選ぶと、下に取引を一覧表示します。</translation>
    </message>
    <message>
        <source>Coupons, maturities and option expiries: what is coming (in grey) and what was paid or delivered.</source>
        <translation>利払い、償還、オプション満期: 今後の予定（灰色）と支払・受渡済みのもの。</translation>
    </message>
    <message>
        <source>waiting for the engine</source>
        <translation>エンジン待ち</translation>
    </message>
    <message numerus="yes">
        <source>Business date %1 · T+1 · &lt;b style=&quot;color:#c62828&quot;&gt;%Ln failed&lt;/b&gt;</source>
        <translation>
            <numerusform>営業日 %1 · T+1 · &lt;b style=&quot;color:#c62828&quot;&gt;フェイル %Ln 件&lt;/b&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>Business date %1 · T+1 · no fails</source>
        <translation>営業日 %1 · T+1 · フェイルなし</translation>
    </message>
</context>
<context>
    <name>instant::SettlementSummaryModel</name>
    <message>
        <source>Pending</source>
        <translation>未受渡</translation>
    </message>
    <message>
        <source>Settling today</source>
        <translation>本日受渡</translation>
    </message>
    <message>
        <source>Settled</source>
        <translation>受渡済</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>フェイル</translation>
    </message>
    <message>
        <source>All accounts</source>
        <translation>全口座</translation>
    </message>
    <message>
        <source>Bucket</source>
        <translation>区分</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>口座</translation>
    </message>
    <message>
        <source>Trades</source>
        <translation>取引件数</translation>
    </message>
    <message>
        <source>Cash to pay</source>
        <translation>支払額</translation>
    </message>
    <message>
        <source>Cash to receive</source>
        <translation>受取額</translation>
    </message>
    <message>
        <source>Net</source>
        <translation>差引</translation>
    </message>
</context>
<context>
    <name>instant::SettlementTradesModel</name>
    <message>
        <source>Buy</source>
        <translation>買い</translation>
    </message>
    <message>
        <source>Sell</source>
        <translation>売り</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>未受渡</translation>
    </message>
    <message>
        <source>due</source>
        <translation>本日受渡</translation>
    </message>
    <message>
        <source>settled</source>
        <translation>受渡済</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>フェイル</translation>
    </message>
    <message>
        <source>settled after failing on %1: %2</source>
        <translation>%1 にフェイル後、受渡済: %2</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Trade date</source>
        <translation>約定日</translation>
    </message>
    <message>
        <source>Settle date</source>
        <translation>受渡日</translation>
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
        <source>Price</source>
        <translation>価格</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金額</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
</context>
<context>
    <name>instant::TradingEngine</name>
    <message>
        <source>Waiting for the engine…</source>
        <translation>エンジン待ち…</translation>
    </message>
    <message>
        <source>Reads are recorded in the audit log again.</source>
        <translation>閲覧は再び監査ログに記録されています。</translation>
    </message>
    <message>
        <source>A read could not be recorded in the audit log: %1</source>
        <translation>閲覧を監査ログに記録できませんでした: %1</translation>
    </message>
</context>
<context>
    <name>instant::Watchlists</name>
    <message>
        <source>Double-click to rename; right-click for more. Drop symbols on a tab to add them to that list.</source>
        <translation>ダブルクリックで名前変更、右クリックでその他の操作。銘柄をタブにドロップするとそのリストに追加します。</translation>
    </message>
    <message>
        <source>New watchlist</source>
        <translation>新しいウォッチリスト</translation>
    </message>
    <message>
        <source>Add a symbol (AAPL, UST 10Y…) and press Enter</source>
        <translation>銘柄コード（AAPL、UST 10Y…）を入力して Enter</translation>
    </message>
    <message>
        <source>Drag symbols here from the market watch; Delete removes the selected rows.</source>
        <translation>マーケットウォッチから銘柄をここへドラッグ。Delete で選択行を削除します。</translation>
    </message>
    <message>
        <source>New watchlist…</source>
        <translation>新しいウォッチリスト…</translation>
    </message>
    <message>
        <source>Rename “%1”…</source>
        <translation>「%1」の名前を変更…</translation>
    </message>
    <message>
        <source>Delete “%1”…</source>
        <translation>「%1」を削除…</translation>
    </message>
    <message>
        <source>Remove from list</source>
        <translation>リストから削除</translation>
    </message>
    <message>
        <source>There is no watchlist “%1”.</source>
        <translation>ウォッチリスト「%1」はありません。</translation>
    </message>
    <message>
        <source>“%1” is not an instrument we know.</source>
        <translation>「%1」は登録されていない銘柄です。</translation>
    </message>
    <message>
        <source>%1 has no quotes in the market watch (options are watched from the option chain).</source>
        <translation>%1 はマーケットウォッチに気配がありません（オプションはオプションチェーンで監視します）。</translation>
    </message>
    <message>
        <source>%1 is already in “%2”.</source>
        <translation>%1 はすでに「%2」にあります。</translation>
    </message>
    <message>
        <source>Nothing new for “%1”.</source>
        <translation>「%1」に追加するものはありません。</translation>
    </message>
    <message>
        <source>Treasuries</source>
        <translation>米国債</translation>
    </message>
    <message>
        <source>Tech</source>
        <translation>テック</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>A watchlist needs a name of its own.</source>
        <translation>ウォッチリストには固有の名前が必要です。</translation>
    </message>
    <message>
        <source>Rename watchlist</source>
        <translation>ウォッチリストの名前を変更</translation>
    </message>
    <message>
        <source>The last watchlist stays; rename it instead.</source>
        <translation>最後のウォッチリストは削除できません。名前を変更してください。</translation>
    </message>
    <message>
        <source>Delete watchlist</source>
        <translation>ウォッチリストを削除</translation>
    </message>
    <message>
        <source>Delete the watchlist “%1”?</source>
        <translation>ウォッチリスト「%1」を削除しますか？</translation>
    </message>
</context>
</TS>
