#pragma once

#include "programrun.h"

#include <QFile>
#include <QUrl>

#include <unistd.h>

namespace instant::test {

// A PostgreSQL server of a test's own, started by the suite's fixture script (pg-fixture.sh):
// for a test that stops the server, or needs one nobody has set up anything on yet.
class OwnPostgres
{
public:
    OwnPostgres(const QString &fixtureScript, const QString &stateFile) : m_script(fixtureScript), m_state(stateFile)
    {
        m_started = runProgram(m_script, {QStringLiteral("start"), m_state}, {}, 120000).exitCode == 0;
        QFile f(m_state);
        if (!m_started || !f.open(QIODevice::ReadOnly))
            return;
        for (const QByteArray &line : f.readAll().split('\n')) {
            const QString text = QString::fromUtf8(line);
            const QString value = text.section(u'=', 1);
            if (text.startsWith(QStringLiteral("INSTANT_TEST_PG_URL=")))
                m_url = value;
            else if (text.startsWith(QStringLiteral("INSTANT_TEST_PG_DIR=")))
                m_dir = value;
            else if (text.startsWith(QStringLiteral("INSTANT_TEST_PG_BIN=")))
                m_bin = value;
        }
    }
    ~OwnPostgres() { (void)runProgram(m_script, {QStringLiteral("stop"), m_state}, {}, 120000); }

    bool started() const { return m_started && !m_url.isEmpty(); }
    QString url() const { return m_url; }
    bool stop() { return pgCtl({QStringLiteral("-m"), QStringLiteral("fast"), QStringLiteral("-w"), QStringLiteral("stop")}); }
    bool start()
    {
        const QString port = QString::number(QUrl(m_url).port());
        return pgCtl({QStringLiteral("-l"), m_dir + QStringLiteral("/server.log"), QStringLiteral("-w"), QStringLiteral("-t"),
                      QStringLiteral("60"), QStringLiteral("-o"),
                      QStringLiteral("-c listen_addresses=127.0.0.1 -p %1 -k %2 -c fsync=off -c max_connections=200").arg(port, m_dir),
                      QStringLiteral("start")});
    }

private:
    bool pgCtl(QStringList args)
    {
        args.prepend(m_dir + QStringLiteral("/data"));
        args.prepend(QStringLiteral("-D"));
        const QString pgctl = m_bin + QStringLiteral("/pg_ctl");
        // PostgreSQL does not run as root: as its own user then, as the fixture does.
        if (::geteuid() == 0) {
            args.prepend(pgctl);
            args = QStringList{QStringLiteral("-u"), QStringLiteral("postgres"), QStringLiteral("--")} + args;
            return runProgram(QStringLiteral("runuser"), args, {}, 120000).exitCode == 0;
        }
        return runProgram(pgctl, args, {}, 120000).exitCode == 0;
    }

    QString m_script, m_state, m_url, m_dir, m_bin;
    bool m_started = false;
};

} // namespace instant::test
