"""Every Dutch text the workbook shows: titles, input messages, the manual."""

from __future__ import annotations

TITLE = "Netwerkkaart van de school"
SUBTITLE = (
    "Vul de gele cellen en de tabel in; kies waar kan uit de keuzelijst. "
    "Rode cellen wijzen op iets dat nog ontbreekt. Uitleg: blad Handleiding."
)


# (title <= 32 characters, message <= 255 characters) per header field.
HEADER_HELP: dict[str, tuple[str, str]] = {
    "schoolnaam": ("Schoolnaam", "De officiële naam van de school of vestigingsplaats."),
    "instellingsnummer": (
        "Instellingsnummer",
        "Zes cijfers, ook met een nul vooraan (bv. 030569). De cel staat als tekst.",
    ),
    "onderwijsniveau": ("Onderwijsniveau", "Kies het niveau: het bepaalt welke categorieën "
                        "in het Overzicht als kern gelden."),
    "scholengemeenschap": ("Scholengemeenschap", "Naam van de scholengemeenschap (mag leeg)."),
    "gemeente": ("Gemeente", "De gemeente waar de school ligt."),
    "schooljaar": ("Schooljaar", "Vorm JJJJ-JJJJ, bv. 2026-2027."),
    "ingevuld_door": ("Ingevuld door", "Naam of functie van wie de kaart bijhoudt."),
    "datum": ("Datum", "Datum van invullen (dd/mm/jjjj)."),
}

# Input messages per grid column key (attribute name; "focus" for every X column).
COLUMN_HELP: dict[str, tuple[str, str]] = {
    "organisatie": ("Organisatie", "Naam van de partnerorganisatie (verplicht op elke "
                    "ingevulde rij)."),
    "aard": ("Aard en specificaties", "Wat doen jullie samen? Bv. leesproject verteltassen, "
             "huiswerkbegeleiding. Geen gegevens over leerlingen of gezinnen."),
    "focus": ("{header}", "Zet een X als deze samenwerking bijdraagt aan "
              "{header_lower}. Elke partner hoort minstens één X te hebben."),
    "categorie": ("Categorie", "Kies de soort partner uit de lijst. Twijfel? Zie het blad "
                  "Categorieën."),
    "contactpersoon": ("Contactpersoon", "Liefst een functie of dienst. Dit zijn "
                       "persoonsgegevens: enkel wat nodig is."),
    "email": ("E-mail", "Liefst een functionele mailbox (bv. info@…), geen privé-adres."),
    "telefoon": ("Telefoon", "Algemeen nummer van de dienst, bv. 09 123 45 67 of +32 …"),
    "intensiteit": ("Intensiteit", "Hoe nauw werken jullie samen? Van 1 Informeren tot "
                    "4 Structureel samenwerken."),
    "interne_trekker": ("Interne trekker", "Wie in de school beheert en kent dit contact?"),
    "antennefunctie": ("Antennefunctie", "Signaleert de partner noden van leerlingen en "
                       "gezinnen terug naar de school? Ja of Nee."),
    "status": ("Status", "Actief, Te verdiepen, Gewenst of Beëindigd (verbreed en verdiep)."),
    "sinds": ("Sinds", "Het jaar waarin de samenwerking begon, bv. 2019."),
    "volgende_stap": ("Volgende stap", "Wat is de volgende afspraak of actie?"),
}

CATEGORIES_TITLE = "Categorieën van partners"
CATEGORIES_SUBTITLE = (
    "Kern: elke school hoort minstens één zo'n partner te hebben. "
    "Aanbevolen: een gemis is een kans om het netwerk te verbreden."
)
CATEGORIES_HEADERS = ("Code", "Categorie", "Omschrijving", "Voorbeelden")
LEVEL_WORDS: dict[str | None, str] = {"core": "kern", "recommended": "aanbevolen", None: "—"}

MANUAL_TITLE = "Handleiding netwerkkaart"
# (heading, paragraphs) per section.
MANUAL: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Waarvoor dient de netwerkkaart?", (
        "Je school maakt deel uit van een groter geheel: de buurt, de gemeente, de sociale "
        "context. Kansenbevordering, zorg en armoedebestrijding zijn uitdagingen waaraan je "
        "samen met partners werkt. De netwerkkaart toont welke partners je school heeft, "
        "waarvoor jullie samenwerken en wie in de school het contact beheert.",
        "Antennefunctie: een goede partner vangt signalen op van leerlingen en gezinnen en "
        "geeft ze door aan de school (en omgekeerd). Duid in de kolom Antennefunctie aan "
        "welke partners dat doen.",
        "Verbreed en verdiep: kijk in het blad Overzicht welke soorten partners nog "
        "ontbreken (verbreden) en gebruik Status en Intensiteit om bestaande "
        "samenwerkingen te versterken (verdiepen).",
        "Wie beheert en kent het schoolnetwerk? Vul per partner de interne trekker in, en "
        "bovenaan wie de kaart bijhoudt. Zo gaat het netwerk niet verloren als iemand "
        "vertrekt.",
    )),
    ("Zo vul je de kaart in", (
        "1. Vul bovenaan de gele cellen in: schoolnaam, instellingsnummer (6 cijfers), "
        "onderwijsniveau, schooljaar (bv. 2026-2027), gemeente, wie invult en de datum.",
        "2. Vul per partner één rij van de tabel: de organisatie, wat jullie samen doen, "
        "een X in elke uitdaging waaraan de samenwerking bijdraagt en de categorie uit de "
        "keuzelijst. De overige kolommen zijn nuttig maar niet verplicht.",
        "3. Twijfel je over de categorie? Het blad Categorieën geeft per categorie een "
        "omschrijving en voorbeelden. Past niets, kies dan Andere.",
        "4. Rode cellen zijn hints: een rij zonder organisatie, een rij zonder X, een "
        "e-mailadres dat niet klopt, een categorie die niet in de lijst staat of een "
        "instellingsnummer dat geen 6 cijfers telt.",
        "5. Het blad Overzicht telt zelf de partners per categorie en per uitdaging; rood "
        "is een kerncategorie zonder partner, oranje een aanbevolen categorie zonder partner.",
        "Het blad is beveiligd zonder wachtwoord, zodat je niet per ongeluk een titel of "
        "formule wist. Nodig? Menu Controleren > Beveiliging blad opheffen.",
    )),
    ("Privacy", (
        "Gegevens over organisaties zijn geen persoonsgegevens, de naam, het e-mailadres en "
        "het telefoonnummer van een contactpersoon wel. Gebruik daarom liefst functionele "
        "mailboxen (bv. onthaal@…) en functies in plaats van namen.",
        "Zet NOOIT gegevens over individuele leerlingen of gezinnen in de kaart, ook niet "
        "bij jeugdhulp, CAW of brugfiguren: de kaart beschrijft samenwerkingen, geen dossiers.",
        "Het schoolbestuur is verantwoordelijk voor deze gegevens; deel de kaart enkel met "
        "wie ze nodig heeft.",
    )),
    ("De knop Valideer", (
        "Is de invoegtoepassing van schoolnet-xl geïnstalleerd, dan vind je in Excel het "
        "lint-tabblad Netwerkkaart met drie knoppen.",
        "Valideer: controleert de hele kaart en zet de bevindingen op het blad Validatie; "
        "de betrokken cellen worden gemarkeerd. Klik opnieuw na het verbeteren.",
        "Ontbrekende categorieën: toont welke kern- en aanbevolen categorieën nog geen "
        "partner hebben.",
        "Overzicht vernieuwen: rekent het blad Overzicht opnieuw uit.",
        "Zonder de invoegtoepassing werkt de kaart gewoon: de keuzelijsten, de rode hints en "
        "het Overzicht rekenen zelf.",
    )),
)

SCHOOL_YEAR_WORD = "schooljaar"  # in the printed footer: "<school> - schooljaar 2026-2027"
