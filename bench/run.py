"""Run every benchmark in bench/ and print its numbers. `make bench` calls this."""

import pathlib
import subprocess
import sys

HERE = pathlib.Path(__file__).parent

for script in sorted(HERE.glob("*.py")):
    if script.name == "run.py":
        continue
    print(f"== {script.name} ==", flush=True)
    subprocess.run([sys.executable, str(script)], check=True)
