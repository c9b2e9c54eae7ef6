#pragma once

// Runs a program for a test (the `instant` binary, or a system tool such as mount) and keeps
// what it said. Keychain off and no display, as on a headless test machine.

#include <QProcess>
#include <QStringList>

namespace instant::test {

struct Run
{
    int exitCode = -1; // -1: it crashed
    QString out;
    QString err;
};

inline Run runProgram(const QString &program, const QStringList &args, const QByteArray &input = {}, int timeoutMs = 60000)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("INSTANT_KEYCHAIN"), QStringLiteral("off"));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    p.setProcessEnvironment(env);
    p.start(program, args);
    if (!input.isNull()) {
        p.write(input);
        p.closeWriteChannel();
    }
    if (!p.waitForFinished(timeoutMs))
        qFatal("%s %s did not finish", qPrintable(program), qPrintable(args.join(u' ')));
    return Run{p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
               QString::fromUtf8(p.readAllStandardError())};
}

} // namespace instant::test
