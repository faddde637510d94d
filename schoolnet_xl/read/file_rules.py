"""The file rules (SN0xx, SN4xx): what the probe and the readers report about a file.

They are emitted while a file is read, not by the engine's checks, so they are
declared here, beside the readers, grouped as in the catalogue:
SN001–SN013 refusals and SN020 macros (`read.probe`, `read.read_card`),
SN050–SN060 what reading a grid noticed (`read.card`, `read.beside`), SN4xx template parts that a
card no longer has (`read.card`, `read.template`).
"""

from __future__ import annotations

from schoolnet_xl.core.findings import rule

# -- SN0xx: refusals (the file is not read) -----------------------------------------------

FILE_MISSING = rule("SN001", "fout", "file", nl="""
    checks:  Het bestand bestaat en kan gelezen worden.
    message: Het bestand kan niet geopend worden ({detail}).
    hint:    Controleer het pad en of je het bestand mag lezen.
    example: pad bestaat niet
""", en="""
    checks:  The file exists and can be opened.
    message: The file cannot be opened ({detail}).
    hint:    Check the path and that you may read the file.
    example: path does not exist
""")

LOCK_FILE = rule("SN002", "fout", "file", nl="""
    checks:  Het bestand is geen tijdelijk vergrendelingsbestand van Excel (~$…).
    message: Tijdelijk vergrendelingsbestand van Excel, geen netwerkkaart.
    hint:    Sla dit bestand over: Excel maakt het aan zolang iemand de kaart open heeft.
    example: ~$netwerkkaart.xlsx
""", en="""
    checks:  The file is not a temporary Excel lock file (~$…).
    message: Temporary Excel lock file, not a network card.
    hint:    Skip this file: Excel creates it while someone has the card open.
    example: ~$netwerkkaart.xlsx
""")

NOT_SPREADSHEET = rule(
    "SN003", "fout", "file", nl="""
    checks:  Het bestand is een werkmap (.xlsx, .xlsm, .xls of .ods).
    message: Dit bestand is geen werkmap ({detail}).
    hint:    Bewaar de netwerkkaart in Excel of LibreOffice als .xlsx en stuur die opnieuw.
    example: een tekstbestand met de naam kaart.xlsx
""", en="""
    checks:  The file is a workbook (.xlsx, .xlsm, .xls or .ods).
    message: This file is not a workbook ({detail}).
    hint:    Save the network card from Excel or LibreOffice as .xlsx and send it again.
    example: a text file named kaart.xlsx
""")

ENCRYPTED = rule(
    "SN004", "fout", "file", nl="""
    checks:  De werkmap is niet met een wachtwoord beveiligd.
    message: De werkmap is met een wachtwoord beveiligd (versleuteld) en kan niet gelezen worden.
    hint:    Open de kaart in Excel, verwijder het wachtwoord (Bestand > Info > Werkmap beveiligen)
             en bewaar ze opnieuw.
    example: bestand bewaard met 'Versleutelen met wachtwoord'
""", en="""
    checks:  The workbook is not password-protected.
    message: The workbook is password-protected (encrypted) and cannot be read.
    hint:    Open the card in Excel, remove the password (File > Info > Protect Workbook) and save
             it again.
    example: a file saved with 'Encrypt with Password'
""")

CORRUPT = rule("SN005", "fout", "file", nl="""
    checks:  De werkmap is volledig en niet beschadigd.
    message: De werkmap is beschadigd of onvolledig ({detail}).
    hint:    Vraag de school de kaart opnieuw te bewaren en te versturen.
    example: een afgebroken download
""", en="""
    checks:  The workbook is complete and not damaged.
    message: The workbook is damaged or incomplete ({detail}).
    hint:    Ask the school to save and send the card again.
    example: a broken-off download
""")

TOO_LARGE = rule("SN006", "fout", "file", nl="""
    checks:  De werkmap pakt niet uit tot een onredelijk grote omvang (zipbom).
    message: De werkmap zou uitpakken tot {size_mb} MB (grens {limit_mb} MB); ze wordt niet
             gelezen.
    hint:    Een netwerkkaart is hooguit enkele MB groot: controleer waar dit bestand vandaan komt.
    example: 300 KB die uitpakt tot 400 MB
""", en="""
    checks:  The workbook does not unpack to an unreasonable size (zip bomb).
    message: The workbook would unpack to {size_mb} MB (limit {limit_mb} MB); it is not read.
    hint:    A network card is a few MB at most: check where this file comes from.
    example: 300 KB that unpacks to 400 MB
""")

RATIO = rule(
    "SN007", "fout", "file", nl="""
    checks:  Geen onderdeel van de werkmap is verdacht sterk gecomprimeerd (zipbom).
    message: Onderdeel {part} is {ratio}:1 gecomprimeerd (grens {limit}:1); de werkmap wordt niet
             gelezen.
    hint:    Dit lijkt op een zipbom: controleer waar dit bestand vandaan komt.
    example: een blad van 500 MB nullen, gecomprimeerd tot 500 KB
""", en="""
    checks:  No part of the workbook is suspiciously highly compressed (zip bomb).
    message: Part {part} is compressed {ratio}:1 (limit {limit}:1); the workbook is not read.
    hint:    This looks like a zip bomb: check where this file comes from.
    example: a sheet of 500 MB of zeros, compressed to 500 KB
""")

XML_ENTITIES = rule(
    "SN008", "fout", "file", nl="""
    checks:  De XML-onderdelen bevatten geen DOCTYPE- of ENTITY-declaraties.
    message: Onderdeel {part} bevat XML-entiteitsdeclaraties (mogelijk een entiteitsbom); de
             werkmap wordt niet gelezen.
    hint:    Excel en LibreOffice schrijven zulke declaraties nooit: controleer waar dit bestand
             vandaan komt.
    example: 'billion laughs' in xl/sharedStrings.xml
""", en="""
    checks:  The XML parts contain no DOCTYPE or ENTITY declarations.
    message: Part {part} contains XML entity declarations (possibly an entity bomb); the workbook
             is not read.
    hint:    Excel and LibreOffice never write such declarations: check where this file comes from.
    example: 'billion laughs' in xl/sharedStrings.xml
""")

PARSE_FAILED = rule("SN009", "fout", "file", nl="""
    checks:  De cellen van de werkmap kunnen gelezen worden.
    message: De werkmap kan niet gelezen worden ({detail}).
    hint:    Open de kaart in Excel of LibreOffice, bewaar ze opnieuw als .xlsx en probeer nog
             eens.
    example: een beschadigd blad
""", en="""
    checks:  The workbook's cells can be read.
    message: The workbook cannot be read ({detail}).
    hint:    Open the card in Excel or LibreOffice, save it again as .xlsx and retry.
    example: a damaged sheet
""")

EMPTY_WORKBOOK = rule("SN010", "fout", "file", nl="""
    checks:  De werkmap bevat ingevulde cellen.
    message: De werkmap is leeg: geen enkel blad bevat gegevens.
    hint:    Vul de netwerkkaart in (of stuur het juiste bestand).
    example: een nieuwe, lege werkmap
""", en="""
    checks:  The workbook contains filled cells.
    message: The workbook is empty: no sheet contains any data.
    hint:    Fill in the network card (or send the right file).
    example: a new, empty workbook
""")

NO_GRID = rule(
    "SN011", "fout", "file", nl="""
    checks:  Een blad bevat een rooster met een kolom Organisatie (of Partner) in de eerste 30
             rijen.
    message: Geen netwerkkaart gevonden: geen kopregel met 'Organisatie' en 'Aard en specificaties'
             of de X-kolommen in de eerste 30 rijen van een blad.
    hint:    Geef het rooster een kopregel met Organisatie, Aard en specificaties en de X-kolommen,
             of gebruik het sjabloon (schoolnet-xl new).
    example: een begroting in plaats van een netwerkkaart
""", en="""
    checks:  A sheet contains a grid with an Organisatie (or Partner) column within the first 30
             rows.
    message: No network card found: no header row with 'Organisatie' and 'Aard en specificaties' or
             the X columns within the first 30 rows of a sheet.
    hint:    Give the grid a header row with Organisatie, Aard en specificaties and the X columns,
             or use the template (schoolnet-xl new).
    example: a budget instead of a network card
""")

INTERNAL_ERROR = rule("SN012", "fout", "file", nl="""
    checks:  Het lezen van de werkmap loopt zonder onverwachte fout.
    message: Onverwachte fout bij het lezen ({detail}).
    hint:    Meld dit met het bestand aan wie schoolnet-xl beheert.
    example: een fout in schoolnet-xl zelf
""", en="""
    checks:  Reading the workbook runs without an unexpected error.
    message: Unexpected error while reading ({detail}).
    hint:    Report this, with the file, to whoever maintains schoolnet-xl.
    example: a bug in schoolnet-xl itself
""")

MERGE_OUTPUT = rule(
    "SN013", "fout", "file",
    nl="""
    checks:  Het bestand is geen uitvoer van schoolnet-xl merge (een regionaal werkboek of een
             CSV-tabel ervan).
    message: Dit is uitvoer van schoolnet-xl merge ({what}), geen netwerkkaart van een school.
    hint:    Bewaar de uitvoer van merge buiten de map met kaarten; merge slaat ze over.
    example: regio.xlsx of partners.csv van vorig schooljaar in de map met kaarten
""", en="""
    checks:  The file is not output of schoolnet-xl merge (a regional workbook or one of its CSV
             tables).
    message: This is output of schoolnet-xl merge ({what}), not a school's network card.
    hint:    Keep the output of merge outside the folder of cards; merge skips it.
    example: regio.xlsx or partners.csv of last school year in the folder of cards
""")

# -- SN02x: warnings about the file -------------------------------------------------------

MACROS = rule("SN020", "waarschuwing", "file", nl="""
    checks:  De werkmap bevat geen macro's (VBA).
    message: De werkmap bevat macro's (vbaProject.bin); ze worden nooit uitgevoerd.
    hint:    Bewaar de kaart als .xlsx zonder macro's; het sjabloon heeft er geen nodig.
    example: kaart.xlsm met een VBA-project
""", en="""
    checks:  The workbook contains no macros (VBA).
    message: The workbook contains macros (vbaProject.bin); they are never run.
    hint:    Save the card as .xlsx without macros; the template needs none.
    example: kaart.xlsm with a VBA project
""")

VOCABULARY_DIFFERS = rule(
    "SN021", "waarschuwing", "file",
    nl="""
    checks:  Een --config die verschilt van de woordenlijst waarmee de kaart gemaakt werd, wordt
             gemeld: de school ziet in Excel het oordeel van haar eigen woordenlijst.
    message: De kaart werd gemaakt met de woordenlijst '{card_vocabulary}' maar beoordeeld met
             --config '{given_vocabulary}'; in Excel kan de school een ander oordeel zien.
    hint:    Zonder --config wordt elke kaart beoordeeld met haar eigen woordenlijst; veranderde
             de regio van woordenlijst, maak de kaarten dan opnieuw met deze --config.
    example: kaart gemaakt met 'Regio Zuid 2026.1', merge met --config regio-noord.toml
""", en="""
    checks:  A --config that differs from the vocabulary the card was made with is reported: the
             school sees the verdict of the card's own vocabulary in Excel.
    message: The card was made with the vocabulary '{card_vocabulary}' but judged with --config
             '{given_vocabulary}'; in Excel the school may see another verdict.
    hint:    Without --config every card is judged with its own vocabulary; if the region changed
             its vocabulary, remake the cards with this --config.
    example: card made with 'Regio Zuid 2026.1', merge with --config regio-noord.toml
""")

# -- SN05x: what reading a grid noticed ---------------------------------------------------

CATEGORY_GUESSED = rule(
    "SN050", "info", "file", nl="""
    checks:  Een rij zonder categorie krijgt een gegokte categorie (gemeld, nooit stil).
    message: '{organisatie}' heeft geen categorie; gegokt uit de naam en omschrijving: {label}.
    hint:    Controleer de gok en vul de categorie zelf in.
    example: Organisatie 'De bib' zonder categorie -> Bibliotheek
""", en="""
    checks:  A row without a category gets a guessed category (reported, never silent).
    message: '{organisatie}' has no category; guessed from its name and description: {label}.
    hint:    Check the guess and fill in the category yourself.
    example: Organisatie 'De bib' without a category -> Bibliotheek
""")

NUMBER_PADDED = rule("SN051", "info", "file", nl="""
    checks:  Een instellingsnummer dat als getal werd getypt, krijgt zijn voorloopnullen terug
             (gemeld).
    message: Instellingsnummer {typed} staat als getal in de cel; gelezen als {value}.
    hint:    Typ het nummer als tekst (met een apostrof ervoor: '030569).
    example: 30569 -> 030569
""", en="""
    checks:  An institution number typed as a number gets its leading zeros back (reported).
    message: Institution number {typed} is stored as a number; read as {value}.
    hint:    Type the number as text (with an apostrophe before it: '030569).
    example: 30569 -> 030569
""")

TOTALS_SKIPPED = rule("SN052", "info", "file", nl="""
    checks:  Een totaalrij onder het rooster wordt niet als partner gelezen (gemeld).
    message: Rij {row} ({cells}) lijkt een totaalrij en werd niet als partner gelezen.
    example: Totaal | | 3 | 2 | 4
""", en="""
    checks:  A totals row below the grid is not read as a partner (reported).
    message: Row {row} ({cells}) looks like a totals row and was not read as a partner.
    example: Totaal | | 3 | 2 | 4
""")

CELLS_NOT_READ = rule(
    "SN053", "waarschuwing", "file", nl="""
    checks:  Elke ingevulde cel van de werkmap wordt gelezen of gemeld: niets verdwijnt
             ongemerkt.
    message: {count} ingevulde cel(len) op blad '{sheet_name}' vallen buiten het rooster en
             werden niet gelezen: {shown}.
    hint:    Zet partners in het rooster (de tabel Partners); wis wat niet op de kaart hoort.
    example: een opmerking in H40, ver onder het rooster
""", en="""
    checks:  Every filled cell of the workbook is read or reported: nothing disappears
             silently.
    message: {count} filled cell(s) on sheet '{sheet_name}' lie outside the grid and were not
             read: {shown}.
    hint:    Put partners in the grid (the Partners table); clear what does not belong on the
             card.
    example: a note in H40, far below the grid
""")

ROWS_UNDER_TABLE = rule(
    "SN054", "info", "file", nl="""
    checks:  Rijen die onder (buiten) de tabel Partners getypt werden, worden als partners
             gelezen (gemeld).
    message: Rij(en) {rows} staan onder de tabel Partners; ze werden als partners gelezen.
    hint:    Vergroot de tabel zodat ze erbij horen: sleep het hoekje rechtsonder van de tabel
             naar beneden (Excel: Tabelontwerp > Tabelgrootte wijzigen; LibreOffice: Gegevens >
             Bereik definiëren), dan werken keuzelijsten, hints en het overzicht ook voor deze
             rijen.
    example: twee partners getypt in de rijen onder de tabel
""", en="""
    checks:  Rows typed below (outside) the Partners table are read as partners (reported).
    message: Row(s) {rows} are below the Partners table; they were read as partners.
    hint:    Extend the table so they belong to it: drag the table's bottom-right corner down
             (Excel: Table Design > Resize Table; LibreOffice: Data > Define Range), so that
             dropdowns, hints and the overview work for these rows too.
    example: two partners typed in the rows below the table
""")

COLUMN_NOT_READ = rule(
    "SN055", "waarschuwing", "file", nl="""
    checks:  Een kolom van het rooster met inhoud heeft een kopnaam die de kaart kent; anders
             wordt ze gemeld, nooit stil overgeslagen.
    message: Kolom {column} ('{header}') werd niet herkend; {count} ingevulde cel(len) erin
             werden niet gelezen: {shown}.
    hint:    {advice}
    example: kolom 'Mobiliteit' met X'en
""", en="""
    checks:  A grid column with content has a header the card knows; otherwise it is reported,
             never skipped silently.
    message: Column {column} ('{header}') was not recognised; {count} filled cell(s) in it were
             not read: {shown}.
    hint:    {advice}
    example: a column 'Mobiliteit' with X marks
""")

CATEGORY_FROM_KEYWORD = rule(
    "SN056", "info", "file", nl="""
    checks:  Een Categorie in eigen woorden met een gekend trefwoord wordt gelezen als die
             categorie (gemeld als gok, nooit stil).
    message: Categorie '{value}' van '{organisatie}' is geen label uit de lijst; gelezen als
             {label} (trefwoord).
    hint:    Kies de categorie uit de keuzelijst (zie het blad Categorieën).
    example: Categorie 'leersteun' -> Leersteuncentrum
""", en="""
    checks:  A Categorie in one's own words with a known keyword is read as that category
             (reported as a guess, never silently).
    message: Category '{value}' of '{organisatie}' is not a label of the list; read as {label}
             (keyword).
    hint:    Pick the category from the dropdown (see the Categorieën sheet).
    example: Categorie 'leersteun' -> Leersteuncentrum
""")

SINCE_SERIAL = rule(
    "SN057", "info", "file", nl="""
    checks:  Een datum in Sinds die als serienummer van de spreadsheet bewaard werd, wordt
             gelezen als haar jaartal (gemeld).
    message: Sinds {typed} is het serienummer van de datum {date}; gelezen als {value}.
    hint:    Typ in Sinds alleen het jaartal, bv. 2019.
    example: Sinds 43525 (een datum in een getalcel) -> 2019
""", en="""
    checks:  A date in Sinds stored as the spreadsheet's serial number is read as its year
             (reported).
    message: Sinds {typed} is the serial number of the date {date}; read as {value}.
    hint:    Type only the year in Sinds, e.g. 2019.
    example: Sinds 43525 (a date in a number cell) -> 2019
""")

HEADER_FROM_TITLE = rule(
    "SN058", "info", "file", nl="""
    checks:  Schoolnaam, instellingsnummer of schooljaar zonder eigen veld worden uit een
             titelregel, de bladnaam of de bestandsnaam gehaald (gemeld, met de bron).
    message: {field} '{value}' gelezen uit {source}.
    hint:    Controleer de waarde; een regel 'Schoolnaam: …' boven het rooster is duidelijker.
    example: 'Netwerkkaart VBS De Krekel Zwevegem 2026-2027' in A1
""", en="""
    checks:  School name, institution number or school year without a field of their own are
             taken from a title line, the sheet name or the file name (reported, with the source).
    message: {field} '{value}' read from {source}.
    hint:    Check the value; a line 'Schoolnaam: …' above the grid is clearer.
    example: 'Netwerkkaart VBS De Krekel Zwevegem 2026-2027' in A1
""")

SEVERAL_GRIDS = rule(
    "SN059", "waarschuwing", "file",
    nl="""
    checks:  Een werkmap met een rooster op meer dan één blad wordt niet stil op één blad gelezen.
    message: De werkmap heeft een rooster op {count} bladen ({sheets}); gelezen: blad
             '{chosen}' ({why}).
    hint:    Kies een ander blad met 'schoolnet-xl import --blad NAAM', of zet elk schooljaar in
             een eigen bestand.
    example: bladen '2024-2025' en '2025-2026' met elk een rooster
""", en="""
    checks:  A workbook with a grid on more than one sheet is not read from one sheet silently.
    message: The workbook has a grid on {count} sheets ({sheets}); read: sheet '{chosen}' ({why}).
    hint:    Pick another sheet with 'schoolnet-xl import --blad NAME', or put each school year in a
             file of its own.
    example: sheets '2024-2025' and '2025-2026', each with a grid
""")

PARTNERS_BESIDE_TABLE = rule(
    "SN060", "info", "file", nl="""
    checks:  Partners die met een eigen kopregel rechts naast de tabel Partners geplakt werden,
             worden als partners gelezen (gemeld).
    message: Rij(en) {rows} in de kolommen {columns} (kopregel in {header}) staan rechts van de
             kolommen van de tabel Partners; ze werden als partners gelezen.
    hint:    Verplaats ze in de tabel: knip de cellen {block} en plak ze in de lege rijen onderaan
             de tabel, elke kolom onder de kolom met dezelfde kopnaam (vergroot de tabel zo nodig:
             Excel: Tabelontwerp > Tabelgrootte wijzigen; LibreOffice: Gegevens > Bereik
             definiëren), dan werken keuzelijsten, hints en het overzicht ook voor deze partners.
    example: drie partners met hun kopregel in de kolommen Q:V geplakt
""", en="""
    checks:  Partners pasted with a header row of their own to the right of the Partners table
             are read as partners (reported).
    message: Row(s) {rows} in columns {columns} (header row in {header}) are right of the Partners
             table's columns; they were read as partners.
    hint:    Move them into the table: cut the cells {block} and paste them into the empty rows at
             the bottom of the table, each column under the column with the same header (extend
             the table if needed: Excel: Table Design > Resize Table; LibreOffice: Data > Define
             Range), so that dropdowns, hints and the overview work for these partners too.
    example: three partners pasted with their header row in columns Q:V
""")

# -- SN4xx: template parts missing --------------------------------------------------------

TABLE_REMOVED = rule("SN401", "fout", "file", nl="""
    checks:  Een kaart van het sjabloon heeft nog haar tabel Partners.
    message: De tabel 'Partners' van het sjabloon ontbreekt; het rooster werd gelezen aan de hand
             van de kopregel.
    hint:    Maak een nieuwe kaart (schoolnet-xl new) en kopieer de rijen erin, zodat keuzelijsten,
             hints en het overzicht weer werken.
    example: tabel omgezet naar een bereik
""", en="""
    checks:  A card made from the template still has its Partners table.
    message: The template's 'Partners' table is missing; the grid was read by its header row.
    hint:    Make a new card (schoolnet-xl new) and copy the rows into it, so dropdowns, hints and
             the overview work again.
    example: table converted to a range
""")

DROPDOWNS_REMOVED = rule(
    "SN402", "waarschuwing", "file", nl="""
    checks:  Een kaart van het sjabloon heeft nog haar keuzelijsten.
    message: Het blad {sheet_name} heeft geen keuzelijsten (gegevensvalidatie) meer.
    hint:    Maak een nieuwe kaart (schoolnet-xl new) en kopieer de rijen erin, of plak voortaan
             met 'Plakken speciaal > Waarden'.
    example: een rooster erover geplakt
""", en="""
    checks:  A card made from the template still has its dropdowns.
    message: Sheet {sheet_name} no longer has its dropdowns (data validation).
    hint:    Make a new card (schoolnet-xl new) and copy the rows into it, or paste with 'Paste
             special > Values' from now on.
    example: a grid pasted over it
""")

NAME_REMOVED = rule(
    "SN403", "waarschuwing", "file", nl="""
    checks:  Elke kopcel van het sjabloon heeft nog haar naam (bv. Schoolnaam).
    message: De naam '{name}' van het sjabloon ontbreekt; {field} kon niet gelezen worden.
    hint:    Maak een nieuwe kaart (schoolnet-xl new) en kopieer de gegevens erin.
    example: naam Schoolnaam verwijderd in Namen beheren
""", en="""
    checks:  Every header cell of the template still has its defined name (e.g. Schoolnaam).
    message: The template's defined name '{name}' is missing; {field} could not be read.
    hint:    Make a new card (schoolnet-xl new) and copy the data into it.
    example: name Schoolnaam deleted in Name Manager
""")

COLUMN_REMOVED = rule(
    "SN404", "waarschuwing", "file", nl="""
    checks:  Elke kolom van het sjabloon staat nog in de tabel Partners.
    message: De kolom '{column}' ontbreekt in de tabel Partners (hernoemd of verwijderd).
    hint:    Geef de kolom haar oorspronkelijke kopnaam terug.
    example: kolom Categorie hernoemd tot Soort
""", en="""
    checks:  Every template column is still in the Partners table.
    message: Column '{column}' is missing from the Partners table (renamed or deleted).
    hint:    Give the column back its original header.
    example: column Categorie renamed to Soort
""")
