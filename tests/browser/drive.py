#!/usr/bin/env python3
"""Loads a page in headless Chromium and reports what happened, over the DevTools protocol.

Reads a plan (JSON) on stdin:
    {"chromium": "/usr/bin/chromium", "url": "file:///...", "width": 1400, "height": 900,
     "steps": [{"eval": "js expression"}, {"press": "Tab"}, {"type": "text"}],
     "screenshot": "target/page.png"}
and writes a report (JSON) on stdout:
    {"timing": {"wall_ms", "dom_content_loaded_ms", "load_ms", "ready_ms"},
     "results": [one value per step], "requests": [every URL the page asked for],
     "dialogs": [alert/confirm/prompt messages], "errors": [console errors, exceptions]}

`eval` steps may return promises; `press` sends a real key event (Tab, Space, Enter, ...);
`type` inserts text where the focus is. Only the standard library: the browser is spoken to
over --remote-debugging-pipe (file descriptors 3 and 4, NUL-terminated JSON messages).
"""
import fcntl
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import base64

FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--remote-debugging-pipe",
]

KEYS = {
    "Tab": {"key": "Tab", "code": "Tab", "windowsVirtualKeyCode": 9},
    "Space": {"key": " ", "code": "Space", "windowsVirtualKeyCode": 32, "text": " "},
    "Enter": {"key": "Enter", "code": "Enter", "windowsVirtualKeyCode": 13, "text": "\r"},
    "ArrowDown": {"key": "ArrowDown", "code": "ArrowDown", "windowsVirtualKeyCode": 40},
}

# Waiting longer than this for one answer means the browser is stuck.
TIMEOUT_S = 60


class Browser:
    """A headless Chromium and one page in it."""

    def __init__(self, binary):
        self.profile = tempfile.mkdtemp(prefix="crosscheck-chromium-")
        commands_r, self._commands = os.pipe()
        self._replies, replies_w = os.pipe()
        # The browser reads commands on fd 3 and writes replies on fd 4; move both out of
        # the way first so that neither dup2 clobbers the other.
        high = [fcntl.fcntl(commands_r, fcntl.F_DUPFD, 10), fcntl.fcntl(replies_w, fcntl.F_DUPFD, 10)]

        def child():
            os.dup2(high[0], 3)
            os.dup2(high[1], 4)

        self.process = subprocess.Popen(
            [binary, *FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=child, pass_fds=(3, 4),
        )
        for fd in (commands_r, replies_w, *high):
            os.close(fd)
        self._buffer = b""
        self._next = 0
        self.events = []
        self.session = None

    def send(self, method, params=None, session=True):
        """Sends a command (to the page's session unless `session` is false); its result."""
        self._next += 1
        message = {"id": self._next, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._receive()
            if reply.get("id") == self._next:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self._event(reply)

    def wait_for(self, method):
        """Reads messages until the event `method` arrives; its parameters."""
        for event in self.events:
            if event["method"] == method:
                return event["params"]
        while True:
            message = self._receive()
            if "id" not in message:
                self._event(message)
                if message["method"] == method:
                    return message["params"]

    def _event(self, event):
        if "method" not in event:
            return  # the answer to a dialog's dismissal
        self.events.append(event)
        if event["method"] == "Page.javascriptDialogOpening":
            # Answer it, or the page stays blocked; the test reads it from the events.
            os.write(self._commands, json.dumps({
                "id": 0, "sessionId": event.get("sessionId"),
                "method": "Page.handleJavaScriptDialog", "params": {"accept": True},
            }).encode() + b"\0")

    def _receive(self):
        deadline = time.monotonic() + TIMEOUT_S
        while b"\0" not in self._buffer:
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError("chromium stopped answering")
            chunk = os.read(self._replies, 1 << 20)
            if not chunk:
                raise RuntimeError("chromium closed the pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def close(self):
        try:
            self.send("Browser.close", session=False)
        except RuntimeError:
            pass
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


def evaluate(browser, expression):
    """The value of a JavaScript expression in the page (promises are awaited)."""
    result = browser.send("Runtime.evaluate", {
        "expression": expression, "awaitPromise": True, "returnByValue": True,
    })
    if "exceptionDetails" in result:
        raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
    return result["result"].get("value")


def press(browser, name):
    """A key pressed and released, as a keyboard would."""
    key = KEYS[name]
    browser.send("Input.dispatchKeyEvent", {"type": "keyDown", **key})
    browser.send("Input.dispatchKeyEvent", {"type": "keyUp", **{k: v for k, v in key.items() if k != "text"}})


def run(plan):
    browser = Browser(plan.get("chromium", "chromium"))
    try:
        target = browser.send("Target.createTarget", {"url": "about:blank"}, session=False)
        browser.session = browser.send(
            "Target.attachToTarget", {"targetId": target["targetId"], "flatten": True}, session=False
        )["sessionId"]
        for domain in ("Page", "Network", "Runtime", "Log"):
            browser.send(f"{domain}.enable")
        browser.send("Emulation.setDeviceMetricsOverride", {
            "width": plan.get("width", 1400), "height": plan.get("height", 900),
            "deviceScaleFactor": 1, "mobile": False,
        })
        # Only what the page itself asks for counts from here on.
        browser.events.clear()
        start = time.monotonic()
        browser.send("Page.navigate", {"url": plan["url"]})
        browser.wait_for("Page.loadEventFired")
        # Two frames after load: the page is laid out and painted.
        ready = evaluate(browser, "new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(performance.now()))))")
        wall = (time.monotonic() - start) * 1000
        navigation = evaluate(browser, "JSON.stringify(performance.getEntriesByType('navigation')[0])")
        navigation = json.loads(navigation) if navigation else {}
        results = []
        for step in plan.get("steps", []):
            if "eval" in step:
                results.append(evaluate(browser, step["eval"]))
            elif "press" in step:
                press(browser, step["press"])
                results.append(None)
            elif "type" in step:
                browser.send("Input.insertText", {"text": step["type"]})
                results.append(None)
        if plan.get("screenshot"):
            size = browser.send("Page.getLayoutMetrics")["cssContentSize"]
            shot = browser.send("Page.captureScreenshot", {
                "format": "png", "captureBeyondViewport": True,
                "clip": {"x": 0, "y": 0, "width": min(size["width"], plan.get("max_width", 2400)),
                         "height": min(size["height"], plan.get("max_height", 3000)), "scale": 1},
            })
            with open(plan["screenshot"], "wb") as f:
                f.write(base64.b64decode(shot["data"]))
        events = browser.events
        return {
            "timing": {
                "wall_ms": round(wall),
                "dom_content_loaded_ms": round(navigation.get("domContentLoadedEventEnd", 0)),
                "load_ms": round(navigation.get("loadEventEnd", 0)),
                "ready_ms": round(ready),
            },
            "results": results,
            "requests": [e["params"]["request"]["url"] for e in events
                         if e["method"] == "Network.requestWillBeSent"],
            "dialogs": [e["params"]["message"] for e in events
                        if e["method"] == "Page.javascriptDialogOpening"],
            "errors": [e["params"]["entry"]["text"] for e in events
                       if e["method"] == "Log.entryAdded" and e["params"]["entry"]["level"] == "error"]
            + [json.dumps(e["params"]["exceptionDetails"]) for e in events
               if e["method"] == "Runtime.exceptionThrown"]
            + [" ".join(str(a.get("value")) for a in e["params"]["args"]) for e in events
               if e["method"] == "Runtime.consoleAPICalled" and e["params"]["type"] == "error"],
        }
    finally:
        browser.close()


if __name__ == "__main__":
    json.dump(run(json.load(sys.stdin)), sys.stdout)
    sys.stdout.write("\n")
