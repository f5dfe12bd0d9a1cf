#!/usr/bin/python3
"""Checks every feed and calendar under a folder with independent parsers.

Usage: /usr/bin/python3 scripts/check_feeds.py FOLDER

RSS and Atom: feedparser must read them without complaint (bozo is 0), and
every entry must have an id, a title, a link and a date. JSON Feed: the
fields JSON Feed 1.1 requires. iCalendar: the icalendar package must read
the file, every VEVENT must have UID, DTSTAMP, DTSTART and SUMMARY, every
line must end in CRLF and no line may be longer than 75 octets.

Prints one line per problem and exits 1 if there was any; prints a summary
and exits 0 otherwise. Run it with Debian's /usr/bin/python3, which sees
Debian's python3-feedparser and python3-icalendar.
"""

import json
import os
import sys

import feedparser
import icalendar

problems = []
counts = {"rss/atom": 0, "json": 0, "ics": 0, "entries": 0, "events": 0}


def problem(path, msg):
    problems.append(f"{path}: {msg}")


def check_xml_feed(path):
    counts["rss/atom"] += 1
    with open(path, "rb") as f:
        d = feedparser.parse(f.read())
    if d.bozo:
        problem(path, f"feedparser: {d.bozo_exception}")
    if d.version not in ("rss20", "atom10"):
        problem(path, f"not RSS 2.0 or Atom 1.0: {d.version!r}")
    if not d.feed.get("title"):
        problem(path, "the feed has no title")
    for i, e in enumerate(d.entries):
        counts["entries"] += 1
        for key in ("id", "title", "link"):
            if not e.get(key):
                problem(path, f"entry {i + 1} has no {key}")
        if not (e.get("published_parsed") or e.get("updated_parsed")):
            problem(path, f"entry {i + 1} has no date")


def check_json_feed(path):
    counts["json"] += 1
    with open(path, encoding="utf-8") as f:
        try:
            d = json.load(f)
        except ValueError as err:
            problem(path, f"not JSON: {err}")
            return
    if d.get("version") != "https://jsonfeed.org/version/1.1":
        problem(path, f"version is {d.get('version')!r}, not JSON Feed 1.1")
    if not isinstance(d.get("title"), str) or not d["title"]:
        problem(path, "title is missing")
    items = d.get("items")
    if not isinstance(items, list):
        problem(path, "items is missing or not a list")
        return
    for i, item in enumerate(items):
        counts["entries"] += 1
        if not isinstance(item.get("id"), str) or not item["id"]:
            problem(path, f"item {i + 1} has no id (a string)")
        if not (isinstance(item.get("content_html"), str) or isinstance(item.get("content_text"), str)):
            problem(path, f"item {i + 1} has neither content_html nor content_text")
        for key in ("url", "date_published", "date_modified"):
            if key in item and not isinstance(item[key], str):
                problem(path, f"item {i + 1}: {key} is not a string")


def check_calendar(path):
    counts["ics"] += 1
    with open(path, "rb") as f:
        raw = f.read()
    if not raw.endswith(b"\r\n"):
        problem(path, "does not end with CRLF")
    for n, line in enumerate(raw.split(b"\r\n")[:-1], 1):
        if b"\n" in line or b"\r" in line:
            problem(path, f"line {n} ends without CRLF")
        if len(line) > 75:
            problem(path, f"line {n} is {len(line)} octets, over 75: not folded")
    try:
        cal = icalendar.Calendar.from_ical(raw)
    except Exception as err:  # icalendar raises ValueError and others
        problem(path, f"icalendar cannot read it: {err}")
        return
    for i, ev in enumerate(cal.walk("VEVENT")):
        counts["events"] += 1
        for key in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
            if ev.get(key) is None:
                problem(path, f"VEVENT {i + 1} has no {key}")


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    for dirpath, _, files in os.walk(sys.argv[1]):
        for name in sorted(files):
            path = os.path.join(dirpath, name)
            if name in ("feed.xml", "atom.xml"):
                check_xml_feed(path)
            elif name == "feed.json":
                check_json_feed(path)
            elif name.endswith(".ics"):
                check_calendar(path)
    for p in problems:
        print(p)
    print(
        f"checked {counts['rss/atom']} RSS/Atom feeds, {counts['json']} JSON feeds, "
        f"{counts['ics']} calendars, {counts['entries']} entries, {counts['events']} events: "
        f"{len(problems)} problems"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
