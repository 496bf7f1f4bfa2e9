#!/usr/bin/python3
"""Where medallion's time goes when objects are added (scripts/bench.mjs, `taxii` section).

    /usr/bin/python3 scripts/bench/medallion-cost.py BUNDLE.json BATCH [LIMIT]

Loads medallion (../shared/taxii, unmodified; its memory backend, configured as serve.py
configures it) in this process and POSTs the bundle's objects (the first LIMIT) to an empty
read-write collection through medallion's own Flask app (its test client: every view, check
and backend call of a real request, no socket), BATCH objects per request. Medallion is not
patched: its backend's `add_objects` and `get_collection` are wrapped here, at run time, with
timers. Prints one JSON line per request:
    {"stored": objects already in the collection, "added": objects in this request,
     "post_ms": the whole request, "add_ms": inside add_objects, "copy_ms": inside
     get_collection (which deep-copies every collection, objects included; the POST view
     calls it twice)}
"""
import base64
import json
import logging
import os
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TAXII = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "taxii"))
sys.dont_write_bytecode = True
sys.path[:0] = [os.path.join(TAXII, "shims"), TAXII]
logging.disable(logging.CRITICAL)

import serve  # noqa: E402  (../shared/taxii/serve.py: its collection layout and constants)
import medallion  # noqa: E402
import medallion.config  # noqa: E402
from medallion.common import APPLICATION_INSTANCE  # noqa: E402


def main(argv):
    objects = json.load(open(argv[1], encoding="utf-8"))["objects"]
    batch = int(argv[2])
    if len(argv) > 3:
        objects = objects[: int(argv[3])]
    workdir = tempfile.mkdtemp(prefix="casefile-medallion-cost-")
    data_file = os.path.join(workdir, "data.json")
    conf_file = os.path.join(workdir, "medallion.json")
    with open(data_file, "w", encoding="utf-8") as fh:
        json.dump(serve._memory_data("http://127.0.0.1:1/"), fh)
    with open(conf_file, "w", encoding="utf-8") as fh:
        json.dump({"backend": {"module_class": "MemoryBackend", "filename": data_file},
                   "users": {"bench": "bench"}, "taxii": {"max_page_size": 100}}, fh)
    configuration = medallion.config.load_config(conf_file, None)
    for section in ("users", "taxii", "backend"):
        medallion.set_config(APPLICATION_INSTANCE, section, configuration)
    backend = medallion.connect_to_backend(APPLICATION_INSTANCE.backend_config)
    APPLICATION_INSTANCE.medallion_backend = backend
    if not APPLICATION_INSTANCE.blueprints:
        medallion.register_blueprints(APPLICATION_INSTANCE)
    for name in (data_file, conf_file):
        os.unlink(name)
    os.rmdir(workdir)

    spent = {"add": 0.0, "copy": 0.0}

    def timed(key, fn):
        def wrapper(*args, **kwargs):
            t = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[key] += time.perf_counter() - t
        return wrapper

    backend.add_objects = timed("add", backend.add_objects)
    backend.get_collection = timed("copy", backend.get_collection)
    client = APPLICATION_INSTANCE.test_client()
    headers = {
        "Accept": serve.TAXII21,
        "Content-Type": serve.TAXII21,
        "Authorization": "Basic " + base64.b64encode(b"bench:bench").decode(),
    }
    url = "/%s/collections/%s/objects/" % (serve.API_ROOT, serve.TEAM_ID)
    for start in range(0, len(objects), batch):
        chunk = objects[start:start + batch]
        body = json.dumps({"objects": chunk})
        spent["add"] = spent["copy"] = 0.0
        t = time.perf_counter()
        answer = client.post(url, data=body, headers=headers)
        post = time.perf_counter() - t
        if answer.status_code != 202:
            sys.exit("medallion answered %d: %s" % (answer.status_code, answer.data[:300]))
        print(json.dumps({"stored": start, "added": len(chunk), "post_ms": round(post * 1000, 1),
                          "add_ms": round(spent["add"] * 1000, 1),
                          "copy_ms": round(spent["copy"] * 1000, 1)}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
