Attribute VB_Name = "Netwerkkaart"
' schoolnet-xl: de knoppen van de netwerkkaart voor Excel op de desktop met Python.
'
' Vereist: Python met 'pip install "schoolnet-xl[excel]"' en de xlwings-invoegtoepassing
' ('xlwings addin install'), en in VBA: Extra > Verwijzingen > xlwings aangevinkt.
' Importeer dit bestand in de werkmap (Alt+F11, Bestand > Bestand importeren) en sla de
' kaart op als .xlsm. Koppel de macro's aan een knop of aan de werkbalk Snelle toegang.
' Zie docs/excel-addin.md.

Option Explicit

Sub Valideer()
    RunPython "import schoolnet_xl.excel.runpython as n; n.valideer()"
End Sub

Sub OntbrekendeCategorieen()
    RunPython "import schoolnet_xl.excel.runpython as n; n.ontbrekende_categorieen()"
End Sub

Sub OverzichtVernieuwen()
    RunPython "import schoolnet_xl.excel.runpython as n; n.overzicht_vernieuwen()"
End Sub
