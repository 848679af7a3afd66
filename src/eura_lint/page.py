"""The EURA 2014 project description page as EURA prints it: the fund lines, the section
numbers and titles, the fields' labels (Finnish, and English where known) by English key, the
fixed questions and score items of section 8, and how the page writes amounts and dates.

The description parser reads a page with it; the project-list reader, the rule kinds and the
checks name fields and sections by it."""

from __future__ import annotations

import re

FUND_LINES = {
    "euroopan aluekehitysrahaston (eakr) rahoittaman hankkeen kuvaus": "EAKR",
    "euroopan sosiaalirahaston (esr) rahoittaman hankkeen kuvaus": "ESR",
}

# EURA published some descriptions in English too (see shared/reference/eura2014_page_fields.csv):
# such a page is known by its fund line, and read with the English labels known so far.
FUND_LINES_EN = {
    "description of the project funded by the european social fund (esf)": "ESR",
    "description of the project funded by the european regional development fund (erdf)": "EAKR",
}

SECTION_TITLES = {
    "1": "Hanke",
    "2": "Hakijan perustiedot",
    "3": "Suunnitelman mukainen tiivistelmä toteutuksesta",
    "4": "Hankkeen kohderyhmät",
    "4.1": "Varsinaiset kohderyhmät",
    "4.2": "Välilliset kohderyhmät",
    "5": "Projektin julkinen rahoitus, euroa",
    "6": "Maantieteellinen kohdealue",
    "7": "Hakemusvaiheessa ilmoitettavat arviot hankekohtaisista seurantiedoista",
    "7.1": None,  # the title names the indicator, which depends on the fund and objective
    "7.2": None,
    "8": "Horisontaaliset periaatteet",
    "8.1": "Sukupuolten tasa-arvo",
    "8.2": "Kestävä kehitys",
    "9": "Loppuraportin tiivistelmä",
}
FIELD_SECTIONS = {"1", "2", "5", "6"}
SECTION_ORDER = tuple(SECTION_TITLES)
# English section titles as EURA printed them; a header of a section whose English title is not
# known is taken on an English page when it comes in order and reads as a title (see _header)
SECTION_TITLES_EN = {"3": "Plan-specified summary of the project completion"}

# English key -> (section, Finnish label as printed in the description)
FIELDS = {
    "project_code": ("1", "Hankekoodi"),
    "project_name": ("1", "Hankkeen nimi"),
    "axis": ("1", "Toimintalinja"),
    "objective": ("1", "Erityistavoite"),
    "period": ("1", "Suunnitelman mukainen toteutusaika"),
    "status": ("1", "Toiminnan tila"),
    "authority": ("1", "Vastuuviranomainen"),
    "applicant_name": ("2", "Hakijan virallinen nimi"),
    "organisation_type": ("2", "Organisaatiotyyppi"),
    "business_id": ("2", "Y-tunnus"),
    "street_address": ("2", "Jakeluosoite"),
    "phone": ("2", "Puhelinnumero"),
    "postal_code": ("2", "Postinumero"),
    "post_office": ("2", "Postitoimipaikka"),
    "website": ("2", "WWW-osoite"),
    "contact_name": ("2", "Hankkeen yhteyshenkilön nimi"),
    "contact_role": ("2", "Yhteyshenkilön asema hakijaorganisaatiossa"),
    "contact_email": ("2", "Yhteyshenkilön sähköpostisoite"),
    "contact_phone": ("2", "Yhteyshenkilön puhelinnumero"),
    "applicants": ("2", "Hakijoiden lukumäärä tai tuen siirto -menettely"),
    "granted": ("5", "Myönnetty EU- ja valtion rahoitus"),
    "realised_eu_state": ("5", "Toteutunut EU- ja valtion rahoitus"),
    "planned_public": ("5", "Suunniteltu julkinen rahoitus yhteensä"),
    "realised_public": ("5", "Toteutunut julkinen rahoitus yhteensä"),
    "regions": ("6", "Maakunnat"),
    "subregions": ("6", "Seutukunnat"),
    "municipalities": ("6", "Kunnat"),
    "site_street_address": ("6", "Jakeluosoite"),
    "site_postal_code": ("6", "Postinumero"),
    "site_post_office": ("6", "Postitoimipaikka"),
}
# English key -> the label on an English page (the fields whose English label is known)
FIELD_LABELS_EN = {
    "project_code": "Project code",
    "project_name": "Project name",
    "axis": "Policy",
    "objective": "Specific objective",
    "period": "Planned completion time",
    "status": "Operational status",
    "authority": "Responsible authority",
    "applicant_name": "Official name of the applicant",
    "organisation_type": "Organisation type",
    "business_id": "Business ID",
    "street_address": "Street",
    "phone": "Telephone number",
    "postal_code": "Postal code",
    "post_office": "City/town",
    "contact_name": "Project contact person's name",
    "contact_role": "Contact person's position in the organisation",
    "contact_email": "Contact person's email address",
    "contact_phone": "Contact person's phone number",
    "applicants": "Number of applicants or subsidy transfer",
}
# Status values of English pages -> the Finnish status they stand for (S22918: "Ended")
STATUS_EN = {"ended": "Toiminta päättynyt"}
AMOUNT_KEYS = ("granted", "realised_eu_state", "planned_public", "realised_public")
LIST_KEYS = ("regions", "subregions", "municipalities")
SITE_BLOCK = "toteutuspaikan osoite, jos hanke toteutetaan yhdessä paikassa"
SITE_KEYS = {"jakeluosoite": "site_street_address", "postinumero": "site_postal_code",
             "postitoimipaikka": "site_post_office"}
CO_IMPLEMENTERS = "osatoteuttajat"

PRINCIPLE_QUESTIONS = (
    "Hankkeessa on tehty toimintaympäristön analyysi sukupuolinäkökulmasta",
    "Sukupuolinäkökulma on huomioitu hankkeen toiminnassa (valtavirtaistaminen)",
    "Hankkeen päätavoite on sukupuolten tasa-arvon edistäminen",
)
SCORE_HEADER = "välitönvälillinen"
SCORE_CATEGORIES = (
    "Ekologinen kestävyys",
    "Taloudellinen kestävyys",
    "Sosiaalinen ja kulttuurinen kestävyys sekä yhdenvertaisuus",
)
SCORE_ITEMS = (
    "Luonnonvarojen käytön kestävyys",
    "Ilmastonmuutoksen aiheuttamien riskien vähentäminen",
    "Kasvillisuus, eliöt ja luonnon monimuotoisuus",
    "Pinta- ja pohjavedet, maaperä sekä ilma (ja kasvihuonekaasujen väheneminen)",
    "Natura 2000 -ohjelman kohteet",
    "Materiaalit ja jätteet",
    "Uusiutuvien energialähteiden käyttö",
    "Paikallisen elinkeinorakenteen kestävä kehittäminen",
    "Aineettomien tuotteiden ja palvelujen kehittäminen",
    "Liikkuminen ja logistiikka",
    "Hyvinvoinnin edistäminen",
    "Tasa-arvon edistäminen",
    "Yhteiskunnallinen ja kulttuurinen yhdenvertaisuus",
    "Kulttuuriympäristö",
    "Ympäristöosaaminen",
)

# How the page writes an amount (thousands grouped by spaces, decimal comma or point) and a date
NUMBER_RE = re.compile(r"^-?\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?$|^-?\d+(?:[.,]\d+)?$")
DATE_RE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
THOUSANDS = re.compile(r"[ \u00a0\u202f]")
# No grant, amount or count comes near a million million (10^12): a longer number is a typing
# or export fault, and 400 digits would otherwise be read as infinity.
MAX_NUMBER = 10.0**12


def readable(value: float) -> bool:
    """A number the rules may compute with: finite and at most MAX_NUMBER either way."""
    return -MAX_NUMBER <= value <= MAX_NUMBER
