#pragma once

// A time-stamping authority on loopback, for the tests: HTTP on a free port, each query answered
// by OpenSSL's own TSA (`openssl ts -reply`) with a CA and a TSA certificate made for the test
// (extended key usage timeStamping, critical, as RFC 3161 asks). Its rude behaviours on demand:
// an HTTP error, or the previous answer sent again (another nonce).

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>

namespace instant::test {

class LoopbackTsa : public QObject
{
public:
    enum class Behaviour { Answer, HttpError, ReplayPrevious };

    LoopbackTsa()
    {
        const QString d = m_dir.path();
        write(QStringLiteral("ext.cnf"), "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\n"
                                         "extendedKeyUsage=critical,timeStamping\n");
        write(QStringLiteral("tsa.cnf"),
              "[ tsa ]\ndefault_tsa = tsa1\n[ tsa1 ]\ndir = " + d.toUtf8()
                  + "\nserial = $dir/serial\ncrypto_device = builtin\nsigner_cert = $dir/tsa.crt\ncerts = $dir/tsa.crt\n"
                    "signer_key = $dir/tsa.key\nsigner_digest = sha256\ndefault_policy = 1.3.6.1.4.1.99999.1\n"
                    "digests = sha256\naccuracy = secs:1\nordering = yes\ntsa_name = yes\ness_cert_id_chain = no\n"
                    "ess_cert_id_alg = sha256\n");
        write(QStringLiteral("serial"), "01\n");
        m_ok = openssl({"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "ca.key",
                        "-out", "ca.crt", "-subj", "/CN=Loopback TSA CA", "-days", "36500", "-addext",
                        "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign"})
               && openssl({"req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "tsa.key",
                           "-out", "tsa.csr", "-subj", "/CN=Loopback TSA"})
               && openssl({"x509", "-req", "-in", "tsa.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-out",
                           "tsa.crt", "-days", "36500", "-extfile", "ext.cnf"})
               && openssl({"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
                           "other.key", "-out", "other.crt", "-subj", "/CN=Another CA", "-days", "36500"})
               && m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                connect(s, &QTcpSocket::readyRead, this, [this, s] { serve(s); });
                connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            }
        });
    }

    bool ready() const { return m_ok; }
    QString url() const { return QStringLiteral("http://127.0.0.1:%1/tsa").arg(m_server.serverPort()); }
    QString caFile() const { return m_dir.filePath(QStringLiteral("ca.crt")); }
    QString otherCaFile() const { return m_dir.filePath(QStringLiteral("other.crt")); }
    void behave(Behaviour b) { m_behaviour = b; }
    int queries() const { return m_queries; }

private:
    void write(const QString &name, const QByteArray &bytes)
    {
        QFile f(m_dir.filePath(name));
        if (f.open(QIODevice::WriteOnly))
            f.write(bytes);
    }

    bool openssl(std::initializer_list<const char *> args)
    {
        QStringList list;
        for (const char *a : args)
            list << QString::fromLatin1(a);
        QProcess p;
        p.setWorkingDirectory(m_dir.path());
        p.start(QStringLiteral("openssl"), list);
        return p.waitForFinished(30000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    }

    // One HTTP request, whole (the tests' queries are small): headers, then Content-Length bytes.
    void serve(QTcpSocket *s)
    {
        QByteArray &buffer = m_buffers[s];
        buffer += s->readAll();
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        qsizetype length = 0;
        for (const QByteArray &line : buffer.left(end).split('\n'))
            if (line.toLower().startsWith("content-length:"))
                length = line.mid(15).trimmed().toLongLong();
        if (buffer.size() < end + 4 + length)
            return;
        const QByteArray query = buffer.mid(end + 4, length);
        m_buffers.remove(s);
        ++m_queries;
        if (m_behaviour == Behaviour::HttpError) {
            s->write("HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            s->disconnectFromHost();
            return;
        }
        QByteArray reply = m_previous;
        if (m_behaviour == Behaviour::Answer || reply.isEmpty()) {
            write(QStringLiteral("q.tsq"), query);
            QFile::remove(m_dir.filePath(QStringLiteral("r.tsr")));
            openssl({"ts", "-reply", "-config", "tsa.cnf", "-queryfile", "q.tsq", "-out", "r.tsr"});
            QFile r(m_dir.filePath(QStringLiteral("r.tsr")));
            reply = r.open(QIODevice::ReadOnly) ? r.readAll() : QByteArray();
            m_previous = reply;
        }
        s->write("HTTP/1.1 200 OK\r\nContent-Type: application/timestamp-reply\r\nConnection: close\r\nContent-Length: "
                 + QByteArray::number(reply.size()) + "\r\n\r\n" + reply);
        s->disconnectFromHost();
    }

    QTemporaryDir m_dir;
    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QByteArray m_previous;
    Behaviour m_behaviour = Behaviour::Answer;
    int m_queries = 0;
    bool m_ok = false;
};

} // namespace instant::test
