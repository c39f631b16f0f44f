"""The button's macro in VBA: the source of the module that replaces the quickstart's
``Module1`` (``macro.button_vba`` fills in the names and the Python code it starts).

Each button's sub (``Knappen``, ``KnappenImport``) calls ``StartTool`` with its arguments to
Python. ``StartTool`` reads ``Interpreter_Win`` from the settings sheet (``SettingValue``),
refuses one that ``InterpreterProblem`` finds fault with (the rule of
``macro_paths.interpreter_problem``, kept in step by a test that runs both), and starts
``"<Interpreter_Win>" <args> --wb="<book>" --from_xl=1 --hwnd="<window>"`` hidden, with the
interpreter's folder as working folder, waiting for it; a failing exit names the log.
"""

from __future__ import annotations

MODULE_SOURCE = r"""Attribute VB_Name = "{module}"
' Knappen i arbetsboken (skriven av excelreport new). Den startar verktyget i den Python som
' står i Interpreter_Win på bladet {conf_sheet} och läser ingen kod från arbetsbokens mapp.
Option Explicit

Private Const PYTHON_ARGS As String = {python_args}
Private Const IMPORT_ARGS As String = {import_args}
Private Const TITLE As String = "Delårsrapport"

Public Sub {macro}()
    StartTool PYTHON_ARGS
End Sub

' Importerar redovisningsfilerna i Info!Importfiler och gör sedan som {macro}.
Public Sub {import_macro}()
    StartTool IMPORT_ARGS
End Sub

Private Sub StartTool(pythonArgs As String)
#If Mac Then
    MsgBox "Knappen fungerar bara i Excel för Windows. Kör excelreport run i Terminal i stället.", vbCritical, TITLE
#Else
    Dim interpreter As String, problem As String, commandLine As String, exitCode As Long
    Dim wsh As Object
    interpreter = SettingValue("INTERPRETER_WIN")
    problem = InterpreterProblem(interpreter, ThisWorkbook.Path)
    If problem <> "" Then
        MsgBox "Knappen körs inte: " & problem, vbCritical, TITLE
        Exit Sub
    End If
    commandLine = Chr(34) & interpreter & Chr(34) & pythonArgs & " --wb=" & Chr(34) & ThisWorkbook.Name & _
        Chr(34) & " --from_xl=1 --hwnd=" & Chr(34) & CStr(Application.Hwnd) & Chr(34)
    Set wsh = CreateObject("WScript.Shell")
    wsh.CurrentDirectory = Left$(interpreter, InStrRev(interpreter, "\"))
    exitCode = wsh.Run(commandLine, 0, True)
    If exitCode <> 0 Then
        MsgBox "Verktyget kunde inte köras (felkod " & exitCode & "). Kontrollera att excelreport är " & _
            "installerat för " & interpreter & " från ekonomikontorets mapp (guiden, avsnitt 1) och läs loggen " & _
            "%LOCALAPPDATA%\excelreport\knappen.log.", vbCritical, TITLE
    End If
#End If
End Sub

Private Function SettingValue(key As String) As String
    Dim sheet As Object, r As Long, label As Variant, setting As Variant
    On Error Resume Next
    Set sheet = ThisWorkbook.Worksheets("{conf_sheet}")
    On Error GoTo 0
    If sheet Is Nothing Then Exit Function
    For r = 1 To 100
        label = sheet.Cells(r, 1).Value
        If IsError(label) Then Exit Function
        If Trim$(CStr(label)) = "" Then Exit Function
        If UCase$(Trim$(CStr(label))) = key Then
            setting = sheet.Cells(r, 2).Value
            If Not IsError(setting) Then SettingValue = Trim$(CStr(setting))
            Exit Function
        End If
    Next r
End Function

Private Function InterpreterProblem(p As String, folder As String) As String
    Dim parts() As String, i As Long, c As String, code As Long, lastPart As String, home As String
    InterpreterProblem = "Interpreter_Win på bladet {conf_sheet} är '" & p & "'. Den ska vara hela " & _
        "sökvägen till python.exe, t.ex. C:\Program Files\Python312\python.exe, utan %, ~, .. och " & _
        "tecknen / * ? "" < > | & ^ ! ;. Be ekonomikontoret om hjälp."
    If Len(p) < 4 Or Not (Left$(p, 3) Like "[A-Za-z]:\") Then Exit Function
    For i = 1 To Len(p)
        c = Mid$(p, i, 1)
        code = AscW(c)
        If code >= 0 And code < 32 Then Exit Function
        If InStr(1, "/*?""<>|%~&^!;", c) > 0 Then Exit Function
        If c = ":" And i <> 2 Then Exit Function
    Next i
    parts = Split(Mid$(p, 4), "\")
    For i = 0 To UBound(parts)
        If parts(i) = "" Then Exit Function
        If Right$(parts(i), 1) = "." Or Right$(parts(i), 1) = " " Then Exit Function
    Next i
    lastPart = LCase$(parts(UBound(parts)))
    If lastPart <> "python.exe" And lastPart <> "pythonw.exe" Then Exit Function
    home = folder
    If Right$(home, 1) <> "\" Then home = home & "\"
    If folder <> "" And StrComp(Left$(p, Len(home)), home, vbTextCompare) = 0 Then
        InterpreterProblem = "Interpreter_Win på bladet {conf_sheet} är '" & p & "', ett program i " & _
            "arbetsbokens egen mapp, där den som kan lägga filer bredvid arbetsboken kan byta det. " & _
            "Använd den Python som är installerad på datorn."
        Exit Function
    End If
    If Not CreateObject("Scripting.FileSystemObject").FileExists(p) Then
        InterpreterProblem = "Python finns inte där Interpreter_Win på bladet {conf_sheet} säger: " & p & _
            ". Skriv sökvägen till den python.exe där excelreport är installerat."
        Exit Function
    End If
    InterpreterProblem = ""
End Function
"""


def vba_string(text: str) -> str:
    """``text`` as a VBA string literal."""
    return '"' + text.replace('"', '""') + '"'


def module_source(module: str, conf_sheet: str, macro: str, import_macro: str, python_args: str,
                  import_args: str) -> str:
    """The module's source with CRLF line ends, as the VBA project stores it."""
    text = MODULE_SOURCE.format(module=module, conf_sheet=conf_sheet, macro=macro, import_macro=import_macro,
                                python_args=vba_string(python_args), import_args=vba_string(import_args))
    return text.replace("\r\n", "\n").replace("\n", "\r\n")
