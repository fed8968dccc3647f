#!/usr/bin/python3
"""Reads HTQ Mapper's accessibility tree over AT-SPI, the bus Orca reads on Linux.

    atspi-focused.py focused   the node with the keyboard: {"role", "name", "description"}
    atspi-focused.py census    counts over the whole tree: nodes, unknown roles, unnamed
                               controls (each listed), table cells and named table cells,
                               and the windows' (frames') names
    atspi-focused.py events S  listens S seconds for what Orca would announce unasked: prints
                               "ready" once listening, then a JSON list of the live regions'
                               announcements and name changes ({"type", "role", "text"})

Prints one line of JSON. Run with Debian's python3 (/usr/bin/python3), where python3-pyatspi
is installed, on a session bus whose org.a11y.Status IsEnabled is true.
"""

import json
import sys
import time

import pyatspi

# Roles a person acts on: each needs a name to be read and found.
CONTROLS = {
    "push button", "toggle button", "check box", "radio button", "combo box", "slider",
    "spin button", "menu item", "check menu item", "radio menu item", "text", "entry",
    "password text", "table cell",
}


def app_nodes():
    """Every node of every application on the bus (here, the app alone), depth first."""
    desktop = pyatspi.Registry.getDesktop(0)
    stack = [a for a in desktop if a is not None]
    seen = 0
    while stack:
        node = stack.pop()
        seen += 1
        if seen > 20000:
            raise SystemExit("more than 20000 nodes: the tree loops?")
        yield node
        try:
            stack.extend(reversed([c for c in node if c is not None]))
        except Exception:
            continue


def describe(node):
    return {
        "role": node.getRoleName(),
        "name": node.name or "",
        "description": node.description or "",
    }


def focused(timeout):
    end = time.time() + timeout
    while True:
        for node in app_nodes():
            try:
                if node.getState().contains(pyatspi.STATE_FOCUSED):
                    return describe(node)
            except Exception:
                continue
        if time.time() > end:
            return None
        time.sleep(0.3)


def census():
    counts = {"nodes": 0, "unknown": 0, "unnamed_controls": [], "table_cells": 0, "named_table_cells": 0,
              "frames": []}
    for node in app_nodes():
        try:
            role = node.getRoleName()
            name = (node.name or "").strip()
        except Exception:
            continue
        counts["nodes"] += 1
        if role == "unknown":
            counts["unknown"] += 1
        if role == "table cell":
            counts["table_cells"] += 1
            counts["named_table_cells"] += bool(name)
        if role in CONTROLS and not name:
            counts["unnamed_controls"].append(role)
        if role == "frame":
            counts["frames"].append(name)
    return counts


def events(seconds):
    """Announcements (AccessKit sends one when a live region's text changes) and name changes,
    which Orca speaks for a live region without the keyboard going there."""
    from gi.repository import GLib

    heard = []

    def on_event(event):
        try:
            text = event.any_data if isinstance(event.any_data, str) else (event.source.name or "")
            heard.append({"type": event.type, "role": event.source.getRoleName(), "text": text or ""})
        except Exception:
            pass

    for kind in ("object:announcement", "object:property-change:accessible-name"):
        pyatspi.Registry.registerEventListener(on_event, kind)
    GLib.timeout_add(int(seconds * 1000), lambda: pyatspi.Registry.stop() and False)
    GLib.idle_add(lambda: print("ready", flush=True) and False)
    pyatspi.Registry.start()
    return heard


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else "focused"
    if mode == "focused":
        print(json.dumps(focused(float(sys.argv[2]) if len(sys.argv) > 2 else 10.0)))
    elif mode == "census":
        print(json.dumps(census()))
    elif mode == "events":
        print(json.dumps(events(float(sys.argv[2]) if len(sys.argv) > 2 else 5.0)))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
