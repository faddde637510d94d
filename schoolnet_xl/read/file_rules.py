"""The file rules: what the probe and the readers report about a workbook file.

SN0xx: the file itself (refusals such as an encrypted file or a zip bomb, and
warnings such as macros) and what reading a grid noticed (a guessed category, a
padded instellingsnummer, a skipped totals row). SN4xx: parts of our template
that a card no longer has. The checks live in `schoolnet_xl.read.probe` and
`schoolnet_xl.read`.
"""

from __future__ import annotations

from schoolnet_xl.core.findings import Rule, register

# -- SN0xx: refusals (the file is not read) --------------------------------------

FILE_MISSING = register(Rule(
    code="SN001",
    severity="fout",
    checks_nl="Het bestand bestaat en kan gelezen worden.",
    checks_en="The file exists and can be opened.",
    message_nl="Het bestand kan niet geopend worden ({detail}).",
    message_en="The file cannot be opened ({detail}).",
    hint_nl="Controleer het pad en of je het bestand mag lezen.",
    hint_en="Check the path and that you may read the file.",
    example="pad bestaat niet",
))
LOCK_FILE = register(Rule(
    code="SN002",
    severity="fout",
    checks_nl="Het bestand is geen tijdelijk vergrendelingsbestand van Excel (~$…).",
    checks_en="The file is not a temporary Excel lock file (~$…).",
    message_nl="Tijdelijk vergrendelingsbestand van Excel, geen netwerkkaart.",
    message_en="Temporary Excel lock file, not a network card.",
    hint_nl="Sla dit bestand over: Excel maakt het aan zolang iemand de kaart open heeft.",
    hint_en="Skip this file: Excel creates it while someone has the card open.",
    example="~$netwerkkaart.xlsx",
))
NOT_SPREADSHEET = register(Rule(
    code="SN003",
    severity="fout",
    checks_nl="Het bestand is een werkmap (.xlsx, .xlsm, .xls of .ods).",
    checks_en="The file is a workbook (.xlsx, .xlsm, .xls or .ods).",
    message_nl="Dit bestand is geen werkmap ({detail}).",
    message_en="This file is not a workbook ({detail}).",
    hint_nl="Bewaar de netwerkkaart in Excel of LibreOffice als .xlsx en stuur die opnieuw.",
    hint_en="Save the network card from Excel or LibreOffice as .xlsx and send it again.",
    example="een tekstbestand met de naam kaart.xlsx",
))
ENCRYPTED = register(Rule(
    code="SN004",
    severity="fout",
    checks_nl="De werkmap is niet met een wachtwoord beveiligd.",
    checks_en="The workbook is not password-protected.",
    message_nl="De werkmap is met een wachtwoord beveiligd (versleuteld) en kan niet "
               "gelezen worden.",
    message_en="The workbook is password-protected (encrypted) and cannot be read.",
    hint_nl="Open de kaart in Excel, verwijder het wachtwoord (Bestand > Info > Werkmap "
            "beveiligen) en bewaar ze opnieuw.",
    hint_en="Open the card in Excel, remove the password (File > Info > Protect Workbook) "
            "and save it again.",
    example="bestand bewaard met 'Versleutelen met wachtwoord'",
))
CORRUPT = register(Rule(
    code="SN005",
    severity="fout",
    checks_nl="De werkmap is volledig en niet beschadigd.",
    checks_en="The workbook is complete and not damaged.",
    message_nl="De werkmap is beschadigd of onvolledig ({detail}).",
    message_en="The workbook is damaged or incomplete ({detail}).",
    hint_nl="Vraag de school de kaart opnieuw te bewaren en te versturen.",
    hint_en="Ask the school to save and send the card again.",
    example="een afgebroken download",
))
TOO_LARGE = register(Rule(
    code="SN006",
    severity="fout",
    checks_nl="De werkmap pakt niet uit tot een onredelijk grote omvang (zipbom).",
    checks_en="The workbook does not unpack to an unreasonable size (zip bomb).",
    message_nl="De werkmap zou uitpakken tot {size_mb} MB (grens {limit_mb} MB); "
               "ze wordt niet gelezen.",
    message_en="The workbook would unpack to {size_mb} MB (limit {limit_mb} MB); "
               "it is not read.",
    hint_nl="Een netwerkkaart is hooguit enkele MB groot: controleer waar dit bestand "
            "vandaan komt.",
    hint_en="A network card is a few MB at most: check where this file comes from.",
    example="300 KB die uitpakt tot 400 MB",
))
RATIO = register(Rule(
    code="SN007",
    severity="fout",
    checks_nl="Geen onderdeel van de werkmap is verdacht sterk gecomprimeerd (zipbom).",
    checks_en="No part of the workbook is suspiciously highly compressed (zip bomb).",
    message_nl="Onderdeel {part} is {ratio}:1 gecomprimeerd (grens {limit}:1); "
               "de werkmap wordt niet gelezen.",
    message_en="Part {part} is compressed {ratio}:1 (limit {limit}:1); "
               "the workbook is not read.",
    hint_nl="Dit lijkt op een zipbom: controleer waar dit bestand vandaan komt.",
    hint_en="This looks like a zip bomb: check where this file comes from.",
    example="een blad van 500 MB nullen, gecomprimeerd tot 500 KB",
))
XML_ENTITIES = register(Rule(
    code="SN008",
    severity="fout",
    checks_nl="De XML-onderdelen bevatten geen DOCTYPE- of ENTITY-declaraties.",
    checks_en="The XML parts contain no DOCTYPE or ENTITY declarations.",
    message_nl="Onderdeel {part} bevat XML-entiteitsdeclaraties (mogelijk een "
               "entiteitsbom); de werkmap wordt niet gelezen.",
    message_en="Part {part} contains XML entity declarations (possibly an entity bomb); "
               "the workbook is not read.",
    hint_nl="Excel en LibreOffice schrijven zulke declaraties nooit: controleer waar dit "
            "bestand vandaan komt.",
    hint_en="Excel and LibreOffice never write such declarations: check where this file "
            "comes from.",
    example="'billion laughs' in xl/sharedStrings.xml",
))
PARSE_FAILED = register(Rule(
    code="SN009",
    severity="fout",
    checks_nl="De cellen van de werkmap kunnen gelezen worden.",
    checks_en="The workbook's cells can be read.",
    message_nl="De werkmap kan niet gelezen worden ({detail}).",
    message_en="The workbook cannot be read ({detail}).",
    hint_nl="Open de kaart in Excel of LibreOffice, bewaar ze opnieuw als .xlsx en "
            "probeer nog eens.",
    hint_en="Open the card in Excel or LibreOffice, save it again as .xlsx and retry.",
    example="een beschadigd blad",
))
EMPTY_WORKBOOK = register(Rule(
    code="SN010",
    severity="fout",
    checks_nl="De werkmap bevat ingevulde cellen.",
    checks_en="The workbook contains filled cells.",
    message_nl="De werkmap is leeg: geen enkel blad bevat gegevens.",
    message_en="The workbook is empty: no sheet contains any data.",
    hint_nl="Vul de netwerkkaart in (of stuur het juiste bestand).",
    hint_en="Fill in the network card (or send the right file).",
    example="een nieuwe, lege werkmap",
))
NO_GRID = register(Rule(
    code="SN011",
    severity="fout",
    checks_nl="Een blad bevat een rooster met een kolom Organisatie (of Partner) in de "
              "eerste 30 rijen.",
    checks_en="A sheet contains a grid with an Organisatie (or Partner) column within "
              "the first 30 rows.",
    message_nl="Geen netwerkkaart gevonden: geen kopregel met 'Organisatie' en 'Aard en "
               "specificaties' of de X-kolommen in de eerste 30 rijen van een blad.",
    message_en="No network card found: no header row with 'Organisatie' and 'Aard en "
               "specificaties' or the X columns within the first 30 rows of a sheet.",
    hint_nl="Geef het rooster een kopregel met Organisatie, Aard en specificaties en de "
            "X-kolommen, of gebruik het sjabloon (schoolnet-xl new).",
    hint_en="Give the grid a header row with Organisatie, Aard en specificaties and the "
            "X columns, or use the template (schoolnet-xl new).",
    example="een begroting in plaats van een netwerkkaart",
))
INTERNAL_ERROR = register(Rule(
    code="SN012",
    severity="fout",
    checks_nl="Het lezen van de werkmap loopt zonder onverwachte fout.",
    checks_en="Reading the workbook runs without an unexpected error.",
    message_nl="Onverwachte fout bij het lezen ({detail}).",
    message_en="Unexpected error while reading ({detail}).",
    hint_nl="Meld dit met het bestand aan wie schoolnet-xl beheert.",
    hint_en="Report this, with the file, to whoever maintains schoolnet-xl.",
    example="een fout in schoolnet-xl zelf",
))
MERGE_OUTPUT = register(Rule(
    code="SN013",
    severity="fout",
    checks_nl="Het bestand is geen uitvoer van schoolnet-xl merge (een regionaal werkboek "
              "of een CSV-tabel ervan).",
    checks_en="The file is not output of schoolnet-xl merge (a regional workbook or one of "
              "its CSV tables).",
    message_nl="Dit is uitvoer van schoolnet-xl merge ({what}), geen netwerkkaart van een "
               "school.",
    message_en="This is output of schoolnet-xl merge ({what}), not a school's network card.",
    hint_nl="Bewaar de uitvoer van merge buiten de map met kaarten; merge slaat ze over.",
    hint_en="Keep the output of merge outside the folder of cards; merge skips it.",
    example="regio.xlsx of partners.csv van vorig schooljaar in de map met kaarten",
))

# -- SN02x: warnings about the file ------------------------------------------------

MACROS = register(Rule(
    code="SN020",
    severity="waarschuwing",
    checks_nl="De werkmap bevat geen macro's (VBA).",
    checks_en="The workbook contains no macros (VBA).",
    message_nl="De werkmap bevat macro's (vbaProject.bin); ze worden nooit uitgevoerd.",
    message_en="The workbook contains macros (vbaProject.bin); they are never run.",
    hint_nl="Bewaar de kaart als .xlsx zonder macro's; het sjabloon heeft er geen nodig.",
    hint_en="Save the card as .xlsx without macros; the template needs none.",
    example="kaart.xlsm met een VBA-project",
))

# -- SN05x: what reading a grid noticed ----------------------------------------------

CATEGORY_GUESSED = register(Rule(
    code="SN050",
    severity="info",
    checks_nl="Een rij zonder categorie krijgt een gegokte categorie (gemeld, nooit stil).",
    checks_en="A row without a category gets a guessed category (reported, never silent).",
    message_nl="'{organisatie}' heeft geen categorie; gegokt uit de naam en "
               "omschrijving: {label}.",
    message_en="'{organisatie}' has no category; guessed from its name and "
               "description: {label}.",
    hint_nl="Controleer de gok en vul de categorie zelf in.",
    hint_en="Check the guess and fill in the category yourself.",
    example="Organisatie 'De bib' zonder categorie -> Bibliotheek",
))
NUMBER_PADDED = register(Rule(
    code="SN051",
    severity="info",
    checks_nl="Een instellingsnummer dat als getal werd getypt, krijgt zijn voorloopnullen "
              "terug (gemeld).",
    checks_en="An institution number typed as a number gets its leading zeros back "
              "(reported).",
    message_nl="Instellingsnummer {typed} staat als getal in de cel; gelezen als {value}.",
    message_en="Institution number {typed} is stored as a number; read as {value}.",
    hint_nl="Typ het nummer als tekst (met een apostrof ervoor: '030569).",
    hint_en="Type the number as text (with an apostrophe before it: '030569).",
    example="30569 -> 030569",
))
TOTALS_SKIPPED = register(Rule(
    code="SN052",
    severity="info",
    checks_nl="Een totaalrij onder het rooster wordt niet als partner gelezen (gemeld).",
    checks_en="A totals row below the grid is not read as a partner (reported).",
    message_nl="Rij {row} lijkt een totaalrij en werd niet als partner gelezen.",
    message_en="Row {row} looks like a totals row and was not read as a partner.",
    example="Totaal | | 3 | 2 | 4",
))

# -- SN4xx: template parts missing ---------------------------------------------------

TABLE_REMOVED = register(Rule(
    code="SN401",
    severity="fout",
    checks_nl="Een kaart van het sjabloon heeft nog haar tabel Partners.",
    checks_en="A card made from the template still has its Partners table.",
    message_nl="De tabel 'Partners' van het sjabloon ontbreekt; het rooster werd gelezen "
               "aan de hand van de kopregel.",
    message_en="The template's 'Partners' table is missing; the grid was read by its "
               "header row.",
    hint_nl="Maak een nieuwe kaart (schoolnet-xl new) en kopieer de rijen erin, zodat "
            "keuzelijsten, hints en het overzicht weer werken.",
    hint_en="Make a new card (schoolnet-xl new) and copy the rows into it, so dropdowns, "
            "hints and the overview work again.",
    example="tabel omgezet naar een bereik",
))
DROPDOWNS_REMOVED = register(Rule(
    code="SN402",
    severity="waarschuwing",
    checks_nl="Een kaart van het sjabloon heeft nog haar keuzelijsten.",
    checks_en="A card made from the template still has its dropdowns.",
    message_nl="Het blad {sheet_name} heeft geen keuzelijsten (gegevensvalidatie) meer.",
    message_en="Sheet {sheet_name} no longer has its dropdowns (data validation).",
    hint_nl="Maak een nieuwe kaart (schoolnet-xl new) en kopieer de rijen erin, of "
            "plak voortaan met 'Plakken speciaal > Waarden'.",
    hint_en="Make a new card (schoolnet-xl new) and copy the rows into it, or paste "
            "with 'Paste special > Values' from now on.",
    example="een rooster erover geplakt",
))
NAME_REMOVED = register(Rule(
    code="SN403",
    severity="waarschuwing",
    checks_nl="Elke kopcel van het sjabloon heeft nog haar naam (bv. Schoolnaam).",
    checks_en="Every header cell of the template still has its defined name "
              "(e.g. Schoolnaam).",
    message_nl="De naam '{name}' van het sjabloon ontbreekt; {field} kon niet gelezen "
               "worden.",
    message_en="The template's defined name '{name}' is missing; {field} could not be "
               "read.",
    hint_nl="Maak een nieuwe kaart (schoolnet-xl new) en kopieer de gegevens erin.",
    hint_en="Make a new card (schoolnet-xl new) and copy the data into it.",
    example="naam Schoolnaam verwijderd in Namen beheren",
))
COLUMN_REMOVED = register(Rule(
    code="SN404",
    severity="waarschuwing",
    checks_nl="Elke kolom van het sjabloon staat nog in de tabel Partners.",
    checks_en="Every template column is still in the Partners table.",
    message_nl="De kolom '{column}' ontbreekt in de tabel Partners (hernoemd of "
               "verwijderd).",
    message_en="Column '{column}' is missing from the Partners table (renamed or "
               "deleted).",
    hint_nl="Geef de kolom haar oorspronkelijke kopnaam terug.",
    hint_en="Give the column back its original header.",
    example="kolom Categorie hernoemd tot Soort",
))
