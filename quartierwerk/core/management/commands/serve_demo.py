"""Serve the demo with its task worker beside it: one command, and one Ctrl-C stops both."""

import os
import signal
import subprocess
import sys
import time

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run the development server and the task worker (which sends the outbox mail) together."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, addrport, **options):
        # Ctrl-C (and a plain `kill`) end the loop below, even where a shell started us with SIGINT ignored.
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, signal.default_int_handler)
        manage = [sys.executable, sys.argv[0]]
        # Each in its own process group, so that stopping one also stops the reloader's child process.
        processes = [
            # Our own interpreter and manage.py; the address is passed as one argument, never to a shell.
            subprocess.Popen([*manage, "db_worker", "--queue-name", "*"], start_new_session=True),  # noqa: S603
            subprocess.Popen([*manage, "runserver", addrport], start_new_session=True),  # noqa: S603
        ]
        self.stdout.write(
            f"Server and task worker run; the demo mailbox is at http://{addrport}/dev/mailbox/"
        )
        try:
            # Whichever stops first (or Ctrl-C) stops the other.
            while all(p.poll() is None for p in processes):
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            for p in processes:
                _stop_group(p, signal.SIGTERM)
            for p in processes:
                try:
                    p.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    _stop_group(p, signal.SIGKILL)
                    p.wait()
        self.stdout.write("Server and task worker stopped.")


def _stop_group(process: subprocess.Popen, sig: int) -> None:
    try:
        os.killpg(process.pid, sig)
    except ProcessLookupError:
        pass
