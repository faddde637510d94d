"""The card rules: each declared once with its code, severity, texts and an example.

SN1xx judge the school header, SN2xx one grid row, SN3xx the card as a whole
(emptiness, category coverage). The checks themselves live in `engine.py`.
"""

from __future__ import annotations

from schoolnet_xl.core.findings import Rule, register

CHOOSE_CATEGORY_NL = "Kies een categorie uit de keuzelijst (zie het blad Categorieën)."
CHOOSE_CATEGORY_EN = "Pick a category from the dropdown (see the Categorieën sheet)."

# -- SN1xx: school header -----------------------------------------------------

SCHOOL_NAME_MISSING = register(Rule(
    code="SN101",
    severity="fout",
    checks_nl="De schoolnaam is ingevuld.",
    checks_en="The school name is filled in.",
    message_nl="De schoolnaam ontbreekt.",
    message_en="The school name is missing.",
    hint_nl="Vul de officiële naam van de school in bij Schoolnaam.",
    hint_en="Fill in the school's official name under Schoolnaam.",
    example="Schoolnaam leeg",
))
NUMBER_MISSING = register(Rule(
    code="SN102",
    severity="fout",
    checks_nl="Het instellingsnummer is ingevuld.",
    checks_en="The institution number (instellingsnummer) is filled in.",
    message_nl="Het instellingsnummer ontbreekt.",
    message_en="The institution number is missing.",
    hint_nl="Vul het instellingsnummer van 6 cijfers in (bv. 030569).",
    hint_en="Fill in the 6-digit instellingsnummer (e.g. 030569).",
    example="Instellingsnummer leeg",
))
NUMBER_INVALID = register(Rule(
    code="SN103",
    severity="fout",
    checks_nl="Het instellingsnummer bestaat uit precies 6 cijfers.",
    checks_en="The institution number is exactly 6 digits.",
    message_nl="Instellingsnummer '{value}' is geen nummer van precies 6 cijfers.",
    message_en="Institution number '{value}' is not exactly 6 digits.",
    hint_nl="Typ het nummer als tekst met de voorloopnul (030569, niet 30569).",
    hint_en="Type the number as text with its leading zero (030569, not 30569).",
    example="30569 of 03-0569",
))
YEAR_MISSING = register(Rule(
    code="SN104",
    severity="fout",
    checks_nl="Het schooljaar is ingevuld.",
    checks_en="The school year is filled in.",
    message_nl="Het schooljaar ontbreekt.",
    message_en="The school year is missing.",
    hint_nl="Vul het schooljaar in als JJJJ-JJJJ, bv. 2026-2027.",
    hint_en="Fill in the school year as YYYY-YYYY, e.g. 2026-2027.",
    example="Schooljaar leeg",
))
YEAR_INVALID = register(Rule(
    code="SN105",
    severity="fout",
    checks_nl="Het schooljaar heeft de vorm JJJJ-JJJJ met twee opeenvolgende jaren.",
    checks_en="The school year has the form YYYY-YYYY with two consecutive years.",
    message_nl="Schooljaar '{value}' heeft niet de vorm JJJJ-JJJJ met opeenvolgende jaren.",
    message_en="School year '{value}' is not YYYY-YYYY with consecutive years.",
    hint_nl="Schrijf het schooljaar als bv. 2026-2027.",
    hint_en="Write the school year as e.g. 2026-2027.",
    example="2026-2028 of 26-27",
))
LEVEL_INVALID = register(Rule(
    code="SN106",
    severity="fout",
    checks_nl="Het onderwijsniveau is een van de niveaus uit de keuzelijst.",
    checks_en="The education level is one of the levels in the dropdown.",
    message_nl="Onderwijsniveau '{value}' is geen gekend niveau.",
    message_en="Education level '{value}' is not a known level.",
    hint_nl="Kies uit: {levels}.",
    hint_en="Choose from: {levels}.",
    example="Lager onderwijs",
))
LEVEL_MISSING = register(Rule(
    code="SN107",
    severity="waarschuwing",
    checks_nl="Het onderwijsniveau is ingevuld (het bepaalt welke categorieën verwacht worden).",
    checks_en="The education level is filled in (it decides which categories are expected).",
    message_nl="Het onderwijsniveau ontbreekt; de verwachte categorieën zijn daardoor onzeker.",
    message_en="The education level is missing, so the expected categories are uncertain.",
    hint_nl="Kies het onderwijsniveau uit de keuzelijst: {levels}.",
    hint_en="Pick the education level from the dropdown: {levels}.",
    example="Onderwijsniveau leeg",
))
DATE_FUTURE = register(Rule(
    code="SN108",
    severity="waarschuwing",
    checks_nl="De datum ligt niet in de toekomst.",
    checks_en="The date is not in the future.",
    message_nl="Datum {value} ligt in de toekomst.",
    message_en="Date {value} is in the future.",
    hint_nl="Vul de datum in waarop de kaart werd ingevuld of bijgewerkt.",
    hint_en="Fill in the date the card was filled in or updated.",
    example="31/12/2099",
))
DATE_UNREADABLE = register(Rule(
    code="SN109",
    severity="waarschuwing",
    checks_nl="De datum is een datum (dd/mm/jjjj of jjjj-mm-dd).",
    checks_en="The date is a date (dd/mm/yyyy or yyyy-mm-dd).",
    message_nl="'{value}' is geen leesbare datum.",
    message_en="'{value}' is not a readable date.",
    hint_nl="Schrijf de datum als dd/mm/jjjj, bv. 15/09/2026.",
    hint_en="Write the date as dd/mm/yyyy, e.g. 15/09/2026.",
    example="half september",
))
HEADER_RECOMMENDED_MISSING = register(Rule(
    code="SN110",
    severity="info",
    checks_nl="Aanbevolen kopvelden zijn ingevuld: Gemeente, Ingevuld door, Datum.",
    checks_en="Recommended header fields are filled in: Gemeente, Ingevuld door, Datum.",
    message_nl="{label} is niet ingevuld.",
    message_en="{label} is not filled in.",
    hint_nl="Aanbevolen: vul {label} in.",
    hint_en="Recommended: fill in {label}.",
    example="Gemeente leeg",
))

# -- SN2xx: one grid row --------------------------------------------------------

ORGANISATION_MISSING = register(Rule(
    code="SN201",
    severity="fout",
    checks_nl="Een rij met inhoud heeft een Organisatie.",
    checks_en="A row with content names its Organisatie.",
    message_nl="Rij {row} heeft inhoud maar geen Organisatie.",
    message_en="Row {row} has content but no Organisatie.",
    hint_nl="Vul de naam van de partnerorganisatie in, of maak de rij leeg.",
    hint_en="Fill in the partner organisation's name, or clear the row.",
    example="Alleen 'Zorg' aangekruist",
))
CATEGORY_UNKNOWN = register(Rule(
    code="SN202",
    severity="fout",
    checks_nl="De Categorie is een categorie uit de woordenlijst (code of label).",
    checks_en="The Categorie is a category of the vocabulary (code or label).",
    message_nl="Categorie '{value}' bestaat niet.",
    message_en="Category '{value}' does not exist.",
    hint_nl="{suggestion}",
    hint_en="{suggestion}",
    example="Bibliotheeek",
))
CATEGORY_MISSING = register(Rule(
    code="SN203",
    severity="fout",
    checks_nl="Elke partner heeft een Categorie (ingevuld of af te leiden uit de naam).",
    checks_en="Every partner has a Categorie (filled in or guessable from its name).",
    message_nl="'{organisatie}' heeft geen categorie.",
    message_en="'{organisatie}' has no category.",
    hint_nl=CHOOSE_CATEGORY_NL,
    hint_en=CHOOSE_CATEGORY_EN,
    example="Categorie leeg bij 'Vzw De Brug'",
))
NO_MARK = register(Rule(
    code="SN204",
    severity="waarschuwing",
    checks_nl="Een partner heeft minstens één X in de focuskolommen.",
    checks_en="A partner has at least one X in the focus columns.",
    message_nl="'{organisatie}' heeft geen X in {columns}.",
    message_en="'{organisatie}' has no X in {columns}.",
    hint_nl="Zet een X bij de uitdaging(en) waaraan deze partner meewerkt.",
    hint_en="Put an X under the challenge(s) this partner helps with.",
    example="Kansen, Zorg en Armoede leeg",
))
MARK_INVALID = register(Rule(
    code="SN205",
    severity="waarschuwing",
    checks_nl="Een X-kolom bevat een X (of een gekend teken) of is leeg.",
    checks_en="An X column holds an X (or an accepted mark) or is empty.",
    message_nl="'{value}' in {column} is geen X; de cel telt niet als aangekruist.",
    message_en="'{value}' in {column} is not an X; the cell does not count as marked.",
    hint_nl="Zet alleen een X in deze kolom; uitleg hoort in Aard en specificaties.",
    hint_en="Put only an X in this column; explanations belong in Aard en specificaties.",
    example="'soms' in Zorg",
))
EMAIL_INVALID = register(Rule(
    code="SN206",
    severity="fout",
    checks_nl="Een E-mail is een e-mailadres.",
    checks_en="An E-mail is an e-mail address.",
    message_nl="'{value}' is geen e-mailadres.",
    message_en="'{value}' is not an e-mail address.",
    hint_nl="Gebruik liefst een functioneel adres, bv. onthaal@organisatie.be.",
    hint_en="Preferably use a functional mailbox, e.g. onthaal@organisatie.be.",
    example="info(at)clb.be",
))
PHONE_SHAPE = register(Rule(
    code="SN207",
    severity="waarschuwing",
    checks_nl="Een Telefoon heeft de vorm van een Belgisch nummer (+32… of 0…, 9 of 10 cijfers).",
    checks_en="A Telefoon looks like a Belgian number (+32… or 0…, 9 or 10 digits).",
    message_nl="'{value}' lijkt geen Belgisch telefoonnummer.",
    message_en="'{value}' does not look like a Belgian phone number.",
    hint_nl="Schrijf het nummer als tekst met de 0 of +32 vooraan, bv. 050 12 34 56.",
    hint_en="Write the number as text starting with 0 or +32, e.g. 050 12 34 56.",
    example="12345 of 471123456 (0 weggevallen)",
))
SINCE_IMPLAUSIBLE = register(Rule(
    code="SN208",
    severity="waarschuwing",
    checks_nl="Sinds is een jaartal tussen 1900 en dit jaar.",
    checks_en="Sinds is a year between 1900 and this year.",
    message_nl="Sinds '{value}' is geen aannemelijk jaartal (1900–{this_year}).",
    message_en="Sinds '{value}' is not a plausible year (1900–{this_year}).",
    hint_nl="Vul het jaar in waarin de samenwerking begon, bv. 2019.",
    hint_en="Fill in the year the partnership started, e.g. 2019.",
    example="2099 of 'lang geleden'",
))
ORGANISATION_DUPLICATE = register(Rule(
    code="SN209",
    severity="waarschuwing",
    checks_nl="Elke organisatie staat maar één keer op de kaart.",
    checks_en="Every organisation appears only once on the card.",
    message_nl="'{value}' staat al op de kaart in cel {first_cell}.",
    message_en="'{value}' is already on the card in cell {first_cell}.",
    hint_nl="Voeg de rijen samen; zet meerdere X'en op één rij.",
    hint_en="Merge the rows; put several X marks on one row.",
    example="'CLB Brugge' en 'clb  brugge'",
))
SCALE_INVALID = register(Rule(
    code="SN210",
    severity="waarschuwing",
    checks_nl="Intensiteit, Antennefunctie en Status hebben een waarde uit hun keuzelijst.",
    checks_en="Intensiteit, Antennefunctie and Status hold a value from their dropdown.",
    message_nl="'{value}' is geen waarde voor {column}.",
    message_en="'{value}' is not a value for {column}.",
    hint_nl="Kies uit: {choices}.",
    hint_en="Choose from: {choices}.",
    example="Intensiteit 'veel'",
))
OWNER_MISSING = register(Rule(
    code="SN211",
    severity="info",
    checks_nl="Elke partner heeft een Interne trekker (wie beheert het contact?).",
    checks_en="Every partner has an Interne trekker (who in the school owns the contact?).",
    message_nl="'{organisatie}' heeft geen interne trekker.",
    message_en="'{organisatie}' has no internal owner.",
    hint_nl="Aanbevolen: noteer wie in de school dit contact beheert (naam of rol).",
    hint_en="Recommended: note who in the school owns this contact (name or role).",
    example="Interne trekker leeg",
))
DESCRIPTION_MISSING = register(Rule(
    code="SN212",
    severity="info",
    checks_nl="Elke partner heeft Aard en specificaties.",
    checks_en="Every partner has Aard en specificaties (what the partnership is).",
    message_nl="'{organisatie}' heeft geen aard en specificaties.",
    message_en="'{organisatie}' has no description.",
    hint_nl="Aanbevolen: beschrijf kort waarvoor jullie samenwerken.",
    hint_en="Recommended: describe briefly what you work on together.",
    example="Aard en specificaties leeg",
))
PRIVACY_CASE = register(Rule(
    code="SN213",
    severity="info",
    checks_nl="Aard en specificaties bij jeugdhulp of brugfiguren noemt geen leerling of gezin.",
    checks_en="Aard en specificaties of youth care or bridge rows names no pupil or family.",
    message_nl="'{organisatie}': de omschrijving lijkt een leerling of gezin te noemen.",
    message_en="'{organisatie}': the description seems to name a pupil or family.",
    hint_nl="Noteer geen leerling- of gezinsgegevens op de netwerkkaart (privacy, AVG).",
    hint_en="Do not note pupil or family case details on the card (privacy, GDPR).",
    example="'dossier leerling Jonas, gezin van Ahmed'",
))

# -- SN3xx: the card as a whole -----------------------------------------------

CARD_EMPTY = register(Rule(
    code="SN301",
    severity="fout",
    checks_nl="De kaart bevat minstens één partner.",
    checks_en="The card lists at least one partner.",
    message_nl="De kaart bevat geen enkele partner.",
    message_en="The card lists no partners.",
    hint_nl="Vul per partnerorganisatie een rij in het raster in.",
    hint_en="Fill in one grid row per partner organisation.",
    example="Een leeg sjabloon",
))
CORE_CATEGORY_MISSING = register(Rule(
    code="SN302",
    severity="waarschuwing",
    checks_nl="Elke kerncategorie voor het onderwijsniveau heeft minstens één partner.",
    checks_en="Every core category for the education level has at least one partner.",
    message_nl="Geen partner in kerncategorie '{label}'.",
    message_en="No partner in core category '{label}'.",
    hint_nl="Zoek bv.: {examples}",
    hint_en="Look for e.g.: {examples}",
    example="Geen CLB op de kaart",
))
RECOMMENDED_CATEGORY_MISSING = register(Rule(
    code="SN303",
    severity="info",
    checks_nl="Elke aanbevolen categorie voor het onderwijsniveau heeft een partner.",
    checks_en="Every recommended category for the education level has a partner.",
    message_nl="Geen partner in aanbevolen categorie '{label}'.",
    message_en="No partner in recommended category '{label}'.",
    hint_nl="Zoek bv.: {examples}",
    hint_en="Look for e.g.: {examples}",
    example="Geen bibliotheek op de kaart",
))
