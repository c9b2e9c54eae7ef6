// Renders the application icon (resources/icons/instant.svg) into the sizes each platform needs:
// PNGs for Linux (hicolor), instant.ico for Windows, instant.icns for macOS. Run by the `icons`
// target; the results are committed in resources/icons.
//   rendericons SVG OUTDIR

#include <QCoreApplication>
#include <QFile>
#include <QGuiApplication>
#include <QIcon>
#include <QImage>
#include <QImageWriter>
#include <QBuffer>
#include <QtEndian>

#include <cstdio>

namespace {

// Through QIcon: Qt's SVG icon engine (a runtime plugin) draws the vector at each size.
QImage render(const QIcon &svg, int size)
{
    return svg.pixmap(QSize(size, size)).toImage().scaled(size, size, Qt::KeepAspectRatio, Qt::SmoothTransformation);
}

QByteArray png(const QImage &image)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

void be32(QByteArray &out, quint32 v)
{
    char b[4];
    qToBigEndian(v, b);
    out.append(b, 4);
}

} // namespace

int main(int argc, char *argv[])
{
    QGuiApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 3) {
        std::fprintf(stderr, "usage: rendericons SVG OUTDIR\n");
        return 2;
    }
    const QIcon svg(args.at(1));
    if (svg.isNull() || svg.pixmap(QSize(16, 16)).isNull()) {
        std::fprintf(stderr, "rendericons: cannot read %s\n", qPrintable(args.at(1)));
        return 1;
    }
    const QString out = args.at(2);
    for (int size : {16, 22, 24, 32, 48, 64, 128, 256, 512})
        if (!render(svg, size).save(QStringLiteral("%1/instant-%2.png").arg(out).arg(size))) {
            std::fprintf(stderr, "rendericons: cannot write the %d px icon\n", size);
            return 1;
        }
    // Windows: one .ico with the sizes Explorer and the taskbar use.
    {
        // ICO: a directory of PNG-compressed images (Vista and later read PNG entries).
        const QList<int> sizes{16, 24, 32, 48, 64, 256};
        QByteArray ico;
        auto le16 = [&ico](quint16 v) { ico.append(char(v & 0xff)).append(char(v >> 8)); };
        auto le32 = [&ico](quint32 v) { for (int i = 0; i < 4; ++i) ico.append(char((v >> (8 * i)) & 0xff)); };
        le16(0); le16(1); le16(quint16(sizes.size()));
        QList<QByteArray> images;
        for (int s : sizes)
            images << png(render(svg, s));
        quint32 offset = 6 + 16 * quint32(sizes.size());
        for (int i = 0; i < sizes.size(); ++i) {
            ico.append(char(sizes[i] >= 256 ? 0 : sizes[i])).append(char(sizes[i] >= 256 ? 0 : sizes[i]));
            ico.append(char(0)).append(char(0));
            le16(1); le16(32);
            le32(quint32(images[i].size())); le32(offset);
            offset += quint32(images[i].size());
        }
        for (const QByteArray &i : images)
            ico += i;
        QFile f(out + QStringLiteral("/instant.ico"));
        if (!f.open(QIODevice::WriteOnly) || f.write(ico) != ico.size())
            return 1;
    }
    // macOS: .icns with PNG entries (ic07 128, ic08 256, ic09 512, ic10 1024, ic11 32@2x…).
    {
        const QList<QPair<const char *, int>> entries{{"ic11", 32}, {"ic12", 64}, {"ic07", 128}, {"ic13", 256},
                                                      {"ic08", 256}, {"ic14", 512}, {"ic09", 512}, {"ic10", 1024}};
        QByteArray body;
        for (const auto &[type, size] : entries) {
            const QByteArray data = png(render(svg, size));
            body.append(type, 4);
            be32(body, quint32(data.size() + 8));
            body += data;
        }
        QByteArray icns("icns");
        be32(icns, quint32(body.size() + 8));
        icns += body;
        QFile f(out + QStringLiteral("/instant.icns"));
        if (!f.open(QIODevice::WriteOnly) || f.write(icns) != icns.size())
            return 1;
    }
    return 0;
}
