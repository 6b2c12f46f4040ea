"""What an error code means and what to do, in Traditional Chinese (or English).

    python3 explain.py 0x80070005 [--lang en]
"""

import argparse

import loganalyze


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("code")
    parser.add_argument("--lang", default="zh-TW", choices=["en", "zh-TW"])
    args = parser.parse_args()
    entries = loganalyze.explain(args.code, lang=args.lang)
    if not entries:
        print(f"{args.code}: no entry")
        return 1
    for entry in entries[:1]:
        print(f"{entry['id']}: {entry['title']}")
        print(entry["cause"])
        for action in entry["actions"]:
            print(f"- {action}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
