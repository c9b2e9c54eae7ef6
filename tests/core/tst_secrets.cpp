// Secrets stay secret: a planted LLM API key and store password never appear in settings files,
// logs, events, the store's file or what a crashing process printed; TLS is verified by default.

#include "copilot/llmclient.h"
#include "teststores.h"

#include <QCoroTask>
#include <QDirIterator>
#include <QProcess>
#include <QSslServer>
#include <QSslSocket>
#include <QSslKey>
#include <QSslCertificate>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <csignal>

using namespace instant;
using namespace instant::test;
using namespace instant::copilot;

class TestSecrets : public QObject
{
    Q_OBJECT

    QTemporaryDir home;
    const QByteArray apiKey = "sk-planted-" + QUuid::createUuid().toByteArray(QUuid::Id128);
    const QByteArray password = "pw-planted-" + QUuid::createUuid().toByteArray(QUuid::Id128);
    QByteArray printed; // everything every process printed

    struct Run
    {
        int exitCode = -1;
        QByteArray output;
    };

    Run instant(const QStringList &args, int killAfterMs = -1)
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("INSTANT_KEYCHAIN"), QStringLiteral("off"));
        env.insert(QStringLiteral("INSTANT_LLM_API_KEY"), QString::fromLatin1(apiKey));
        env.insert(QStringLiteral("INSTANT_STORE_PASSWORD"), QString::fromLatin1(password));
        env.insert(QStringLiteral("HOME"), home.path());
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("XDG_CACHE_HOME"), home.filePath(QStringLiteral("cache")));
        p.setProcessEnvironment(env);
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(QStringLiteral(INSTANT_BINARY), args);
        // Keep this thread's event loop turning: the test's own servers answer the child.
        QElapsedTimer t;
        t.start();
        while (p.state() != QProcess::NotRunning && t.elapsed() < 60000) {
            if (killAfterMs >= 0 && t.elapsed() > killAfterMs) {
                ::kill(pid_t(p.processId()), SIGSEGV); // a crash: whatever it prints on the way down is output too
                p.waitForFinished(10000);
                break;
            }
            QTest::qWait(10);
        }
        Run run{p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAll()};
        printed += run.output;
        return run;
    }

    // Where a secret could end up on disk: every file under the test's home and the store.
    QStringList filesContaining(const QByteArray &secret, const QStringList &roots) const
    {
        QStringList found;
        for (const QString &root : roots) {
            QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                QFile f(it.next());
                if (f.open(QIODevice::ReadOnly) && f.readAll().contains(secret))
                    found << f.fileName();
            }
        }
        return found;
    }

private Q_SLOTS:
    void plantedSecretsNeverLeak()
    {
        // A model service that answers 401 and echoes the request back, key included.
        QTcpServer echo;
        QVERIFY(echo.listen(QHostAddress::LocalHost));
        QByteArray seenByService;
        connect(&echo, &QTcpServer::newConnection, this, [&] {
            QTcpSocket *s = echo.nextPendingConnection();
            connect(s, &QTcpSocket::readyRead, s, [s, &seenByService] {
                const QByteArray request = s->readAll();
                seenByService += request;
                const QByteArray body = "{\"error\":\"bad key\",\"request\":\"" + request.simplified().replace('"', '\'') + "\"}";
                s->write("HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size())
                         + "\r\nConnection: close\r\n\r\n" + body);
                s->disconnectFromHost();
            });
        });

        const QString store = QStringLiteral("sqlite://") + home.filePath(QStringLiteral("desk.db"));
        QCOMPARE(instant({QStringLiteral("demo"), QStringLiteral("run"), QStringLiteral("--headless"), QStringLiteral("--orders"),
                          QStringLiteral("30"), QStringLiteral("--store"), store}).exitCode, 0);
        const Run asked = instant({QStringLiteral("copilot"), QStringLiteral("ask"), QStringLiteral("--store"), store,
                                   QStringLiteral("--endpoint"), QStringLiteral("http://127.0.0.1:%1/v1").arg(echo.serverPort()),
                                   QStringLiteral("--model"), QStringLiteral("m"), QStringLiteral("--timeout"), QStringLiteral("5"),
                                   QStringLiteral("what is my DV01?")});
        QCOMPARE(asked.exitCode, 1);
        QVERIFY2(asked.output.contains("401"), asked.output.constData()); // the failure is reported...
        QVERIFY(seenByService.contains(QByteArray("Bearer " + apiKey)));             // ...the key did go to the service...
        QVERIFY(asked.output.contains("[API key removed]"));             // ...and nowhere else

        // A PostgreSQL URL with a password in it is refused, and the message masks it.
        const Run url = instant({QStringLiteral("store"), QStringLiteral("info"), QStringLiteral("--store"),
                                 QStringLiteral("postgresql://desk:%1@127.0.0.1:1/desk").arg(QString::fromLatin1(password))});
        QCOMPARE(url.exitCode, 2);
        // Exports, and a process that crashes halfway through a run.
        QCOMPARE(instant({QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--store"), store, QStringLiteral("--format"),
                          QStringLiteral("jsonl")}).exitCode, 0);
        instant({QStringLiteral("demo"), QStringLiteral("run"), QStringLiteral("--headless"), QStringLiteral("--orders"),
                 QStringLiteral("5000"), QStringLiteral("--store"), store}, 700);

        for (const QByteArray &secret : {apiKey, password}) {
            QVERIFY2(!printed.contains(secret), "a secret was printed");
            const QStringList files = filesContaining(secret, {home.path()});
            QVERIFY2(files.isEmpty(), qPrintable(files.join(u' ')));
        }
        QVERIFY(QFile::exists(home.filePath(QStringLiteral("desk.db"))));
    }

    // HTTPS to a model service with a certificate nobody vouches for: refused by default.
    void httpsIsVerifiedByDefault()
    {
        const QString cert = home.filePath(QStringLiteral("llm.pem")), key = home.filePath(QStringLiteral("llm.key"));
        QProcess openssl;
        openssl.start(QStringLiteral("openssl"), {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
                                                  QStringLiteral("-nodes"), QStringLiteral("-keyout"), key, QStringLiteral("-out"), cert,
                                                  QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"),
                                                  QStringLiteral("-addext"), QStringLiteral("subjectAltName=IP:127.0.0.1")});
        QVERIFY(openssl.waitForFinished(30000) && openssl.exitCode() == 0);
        QFile c(cert), k(key);
        QVERIFY(c.open(QIODevice::ReadOnly) && k.open(QIODevice::ReadOnly));
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setLocalCertificate(QSslCertificate(c.readAll()));
        tls.setPrivateKey(QSslKey(k.readAll(), QSsl::Rsa));
        QSslServer server;
        server.setSslConfiguration(tls);
        QVERIFY(server.listen(QHostAddress::LocalHost));
        bool served = false;
        connect(&server, &QSslServer::pendingConnectionAvailable, this, [&] {
            auto *s = qobject_cast<QSslSocket *>(server.nextPendingConnection());
            connect(s, &QSslSocket::readyRead, s, [s, &served] {
                served = true; // only reached if the client accepted the certificate
                s->write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n"
                         "data: {\"choices\":[{\"delta\":{\"content\":\"hi\"}}]}\n\ndata: [DONE]\n\n");
                s->disconnectFromHost();
            });
        });
        LlmSettings settings;
        settings.endpoint = QUrl(QStringLiteral("https://127.0.0.1:%1/v1").arg(server.serverPort()));
        settings.model = QStringLiteral("m");
        settings.apiKey = QString::fromLatin1(apiKey);
        settings.timeout = std::chrono::milliseconds(5000);
        LlmClient client(settings);
        std::optional<Result<ChatMessage>> answer =
            QCoro::waitFor(client.complete({ChatMessage{QStringLiteral("user"), QStringLiteral("hello"), {}, {}, {}}}, {}));
        QVERIFY(!answer->ok());
        QVERIFY2(answer->message().contains(QStringLiteral("certificate"), Qt::CaseInsensitive)
                     || answer->message().contains(QStringLiteral("SSL"), Qt::CaseInsensitive),
                 qPrintable(answer->message()));
        QVERIFY(!served);
    }
};

QTEST_GUILESS_MAIN(TestSecrets)
#include "tst_secrets.moc"
