"""A reader of Tributary's change archive written from docs/archive-format.md alone.

Usage: read_archive.py ROOT TABLE
Prints one JSON object: the changes in reading order (typed values decoded to plain Python values) and the
last sequence number of each shard; exits non-zero when a manifest entry disagrees with its data file.
"""
import base64
import glob
import gzip
import json
import os
import sys
from decimal import Decimal


def plain(typed):
    (kind, value), = typed.items()
    if kind == "S":
        return value
    if kind == "N":
        return str(Decimal(value).normalize())
    if kind == "B":
        return base64.b64decode(value).hex()
    if kind == "BOOL":
        return value
    if kind == "NULL":
        return None
    if kind in ("SS", "NS", "BS"):
        return sorted(plain({kind[0]: v}) for v in value)
    if kind == "L":
        return [plain(v) for v in value]
    if kind == "M":
        return {k: plain(v) for k, v in value.items()}
    raise ValueError("unknown type " + kind)


def main(root, table):
    entries = []
    for path in glob.glob(os.path.join(root, "_manifest", table, "**", "*.json"), recursive=True):
        with open(path) as f:
            entries.append(json.load(f))
    # partition (date, hour) then name: the file names sort that way
    entries.sort(key=lambda e: e["file"])
    changes, last = [], {}
    for entry in entries:
        assert entry["formatVersion"] == 1
        data = os.path.join(root, entry["file"])
        assert os.path.getsize(data) == entry["compressedBytes"], entry["file"]
        count, kinds = 0, {"INSERT": 0, "MODIFY": 0, "REMOVE": 0}
        with gzip.open(data, "rt", encoding="utf-8") as f:
            for line in f:
                c = json.loads(line)
                count += 1
                kinds[c["eventName"]] += 1
                changes.append({
                    "eventName": c["eventName"],
                    "keys": {k: plain(v) for k, v in c["keys"].items()},
                    "newImage": {k: plain(v) for k, v in c["newImage"].items()} if "newImage" in c else None,
                    "shardId": c["shardId"],
                    "sequenceNumber": str(int(c["sequenceNumber"])),
                    "approximateCreationTime": c["approximateCreationTime"],
                })
        if (count, kinds["INSERT"], kinds["MODIFY"], kinds["REMOVE"]) != (
                entry["records"], entry["inserts"], entry["modifies"], entry["removes"]):
            sys.exit("manifest entry disagrees with " + entry["file"])
        for shard, span in entry["shards"].items():
            n = int(span["lastSequenceNumber"])
            last[shard] = str(max(n, int(last.get(shard, "0"))))
    print(json.dumps({"changes": changes, "lastSequenceNumbers": last, "files": len(entries)}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
