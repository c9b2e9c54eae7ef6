#!/usr/bin/env python3
"""Every word in every language: the committed Qt Linguist files hold every tr() string of the
sources, each one translated, with the source's placeholders.

    translations-complete.py --lupdate LUPDATE --sources DIR... -- TS_FILE...

For each .ts file, lupdate refreshes a temporary copy from the sources, with the options the
update_translations target uses (-no-obsolete -locations none, .cpp and .h files); the test fails when
  - the sources have a message (context, source text, comment) the committed file lacks, or the
    file keeps one the sources no longer have (run the update_translations target);
  - lupdate warns about a tr() call (its text would not be found at run time);
  - a message is unfinished, obsolete or vanished, or a translation (any numerus form) is empty;
  - a translation's placeholders (%1..%9, %L1..%L9, %n, %Ln) or HTML tags differ from the source's.
Python 3 standard library only.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

PLACEHOLDER = re.compile(r'%(L?[1-9]|L?n)')
TAG = re.compile(r'</?[A-Za-z][^<>]*>')
WARNING = re.compile(r'^\S.*:\d+: ')


def messages(path):
    """(context, source, comment) -> the <message> element."""
    result = {}
    for context in ET.parse(path).getroot().iter('context'):
        name = context.findtext('name') or ''
        for message in context.iter('message'):
            key = (name, message.findtext('source') or '', message.findtext('comment') or '')
            result[key] = message
    return result


def describe(key):
    context, source, comment = key
    return f'{context}: {source!r}' + (f' ({comment})' if comment else '')


def translations(message):
    """The texts of a message's translation: one, or one per numerus form."""
    translation = message.find('translation')
    if translation is None:
        return None, []
    if message.get('numerus') == 'yes':
        return translation, [form.text or '' for form in translation.findall('numerusform')]
    return translation, [translation.text or '']


def check_file(ts, lupdate, sources):
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        fresh_path = os.path.join(tmp, os.path.basename(ts))
        shutil.copyfile(ts, fresh_path)
        run = subprocess.run([lupdate, *sources, '-extensions', 'cpp,h', '-no-obsolete', '-locations', 'none',
                              '-silent', '-ts', fresh_path],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if run.returncode != 0:
            return [f'lupdate failed ({run.returncode}):\n{run.stdout}']
        for line in run.stdout.splitlines():
            if WARNING.match(line):  # file:line: what lupdate could not take
                problems.append(f'lupdate: {line.strip()}')
        fresh = messages(fresh_path)
    committed = messages(ts)

    for key in sorted(fresh.keys() - committed.keys()):
        problems.append(f'missing (run the update_translations target, then translate): {describe(key)}')
    for key in sorted(committed.keys() - fresh.keys()):
        problems.append(f'no longer in the sources (run the update_translations target): {describe(key)}')

    for key, message in sorted(committed.items()):
        translation, texts = translations(message)
        if translation is None:
            problems.append(f'no <translation>: {describe(key)}')
            continue
        kind = translation.get('type')
        if kind in ('unfinished', 'obsolete', 'vanished'):
            problems.append(f'{kind}: {describe(key)}')
        if not texts or any(not text.strip() for text in texts):
            problems.append(f'empty translation: {describe(key)}')
            continue
        source = key[1]
        want = sorted(set(PLACEHOLDER.findall(source)))
        want_tags = sorted(TAG.findall(source))
        for text in texts:
            got = sorted(set(PLACEHOLDER.findall(text)))
            if got != want:
                problems.append(f'placeholders {got} instead of {want}: {describe(key)} -> {text!r}')
            got_tags = sorted(TAG.findall(text))
            if got_tags != want_tags:
                problems.append(f'HTML tags {got_tags} instead of {want_tags}: {describe(key)} -> {text!r}')
    return problems, len(committed)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--lupdate', required=True)
    parser.add_argument('--sources', nargs='+', required=True, help='folders lupdate scans')
    parser.add_argument('ts', nargs='+', help='the committed .ts files')
    args = parser.parse_args()

    failed = False
    for ts in args.ts:
        result = check_file(ts, args.lupdate, args.sources)
        if isinstance(result, list):
            problems, count = result, 0
        else:
            problems, count = result
        name = os.path.basename(ts)
        if problems:
            failed = True
            print(f'{name}: {len(problems)} problem(s)')
            for problem in problems:
                print(f'  {problem}')
        else:
            print(f'{name}: {count} messages, all translated')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
