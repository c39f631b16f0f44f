"""Run a VBA Sub of a workbook in LibreOffice (its VBA-compatible Basic), once per case.

Run by the system Python that has LibreOffice's ``uno`` module (tests/test_button_vba.py):
    python3 lo_vba_driver.py BOOK.xlsm PROFILE_DIR MACRO CASES.json
Each case is a list of string arguments; the Sub itself writes what it found.
"""

import json
import socket
import subprocess
import sys
import time

import uno  # noqa: F401 - LibreOffice's bridge, before the com.sun.star imports
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def connect(port):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(120):
        try:
            return resolver.resolve(f"uno:socket,host=localhost,port={port};urp;StarOffice.ComponentContext")
        except Exception:  # noqa: BLE001 - not listening yet
            time.sleep(0.5)
    raise SystemExit("LibreOffice did not start")


def allow_macros(ctx):
    provider = ctx.ServiceManager.createInstanceWithContext("com.sun.star.configuration.ConfigurationProvider", ctx)
    for path, name, value in (("/org.openoffice.Office.Common/Security/Scripting", "MacroSecurityLevel", 0),
                              ("/org.openoffice.Office.Calc/Filter/Import/VBA", "Executable", True)):
        access = provider.createInstanceWithArguments("com.sun.star.configuration.ConfigurationUpdateAccess",
                                                      (prop("nodepath", path),))
        access.setPropertyValue(name, value)
        access.commitChanges()


def main(book, profile, macro, cases_file):
    with socket.socket() as s:
        s.bind(("localhost", 0))
        port = s.getsockname()[1]
    office = subprocess.Popen(["soffice", "--headless", "--invisible", "--norestore", "--nologo",
                               f"-env:UserInstallation=file://{profile}",
                               f"--accept=socket,host=localhost,port={port};urp;"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        ctx = connect(port)
        allow_macros(ctx)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        from com.sun.star.document.MacroExecMode import ALWAYS_EXECUTE_NO_WARN

        doc = desktop.loadComponentFromURL(f"file://{book}", "_blank", 0,
                                           (prop("Hidden", True), prop("MacroExecutionMode", ALWAYS_EXECUTE_NO_WARN)))
        script = doc.getScriptProvider().getScript(
            f"vnd.sun.star.script:VBAProject.Module1.{macro}?language=Basic&location=document")
        with open(cases_file, encoding="utf-8") as fh:
            for case in json.load(fh):
                script.invoke(tuple(case), (), ())
        doc.close(True)
    finally:
        office.terminate()
        office.wait(60)


if __name__ == "__main__":
    main(*sys.argv[1:5])
