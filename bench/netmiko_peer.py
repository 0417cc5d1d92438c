#!/usr/bin/env python3
"""The peer: what a network engineer writes with netmiko to back up configs.
100 worker threads, send_command('show running-config'), one file per device."""
import json, os, resource, sys, time
from concurrent.futures import ThreadPoolExecutor
from netmiko import ConnectHandler

targets = json.load(open(sys.argv[1]))
outdir = sys.argv[2]
os.makedirs(outdir, exist_ok=True)

def backup(t):
    try:
        conn = ConnectHandler(device_type="cisco_ios", host=t["host"], port=t["port"], username="admin", password="admin")
        config = conn.send_command("show running-config")
        conn.disconnect()
        with open(os.path.join(outdir, t["name"] + ".cfg"), "w") as f:
            f.write(config)
        return True
    except Exception as e:  # a backup script logs and goes on
        print(f"{t['name']}: {e}", file=sys.stderr)
        return False

start = time.time()
with ThreadPoolExecutor(max_workers=100) as pool:
    ok = sum(pool.map(backup, targets))
wall = time.time() - start
usage = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"wall_s": round(wall, 3), "devices_per_s": round(len(targets) / wall, 1), "failures": len(targets) - ok,
                  "cpu_s": round(usage.ru_utime + usage.ru_stime, 3)}))
