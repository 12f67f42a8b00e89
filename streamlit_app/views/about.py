"""Om Sjuhärad Insyn: the federation and its services, what each measure means and how it is
derived, where the figures come from and how often they are updated. What depends on the data
(the years, the reports, the stated fees per inhabitant, the inferred columns) is read from it."""

import pandas as pd
import streamlit as st

from streamlit_app import formatting, queries, state
from streamlit_app.comparison import COLOUR_NOTE, HIGHER, LOWER, MEASURES
from streamlit_app.components import NUMBER, source_note, table
from streamlit_app.derived import FINANCE_RATIOS
from streamlit_app.guard import run_page
from streamlit_app.labels import MEMBERSHIP, merged_groups_text
from streamlit_app.status import published_at_text

DIRECTIONS = {HIGHER: "Högre är bättre", LOWER: "Lägre är bättre", None: "Ingen riktning"}


def render() -> None:
    st.title("Om Sjuhärad Insyn")
    st.markdown(
        "Sjuhärad Insyn visar siffrorna i **Sjuhärads kommunalförbunds årsredovisningar** för förbundets "
        "förtroendevalda och tjänstepersoner i medlemskommunerna: vad varje kommun betalar, vad den får tillbaka, "
        "hur den står sig jämfört med de andra och hur förbundets ekonomi utvecklas."
    )
    _federation()
    _measures()
    _derived()
    _sources_and_updates()


def _federation() -> None:
    st.subheader("Förbundet och tjänsterna")
    municipalities = queries.municipalities.municipality_choices()
    members = [m.name for m in municipalities.values() if m.is_member]
    adjoined = [m.name for m in municipalities.values() if not m.is_member]
    text = f"Förbundet har {NUMBER(len(members))} medlemskommuner: {', '.join(members)}."
    if adjoined:
        text += (
            f" {' och '.join(adjoined)} är {MEMBERSHIP['adjoined'].lower()}e: de betalar ett bidrag till förbundet "
            "men är inte medlemmar, och de ingår inte i medelvärden och placeringar."
        )
    st.markdown(text)
    st.markdown(
        "- **Förbundskansliet**, som förbundsbidraget betalar, bistår förbundets politiska organ och har kontakt med "
        "kommunala förvaltningar och andra myndigheter och organisationer (årsredovisningens beskrivning).\n"
        "- **Navet Science Center** redovisar besök per kommun: temabesök för elever och lärare, kompetensutveckling "
        "för lärare, allmänhet och konferenser. Kommuner som använder Navet betalar en medlemsavgift.\n"
        "- **Medarbetarcentrum** är enligt årsredovisningen en resurs och ett neutralt forum för de tillsvidareanställda "
        "i de samverkande kommunerna. Kommuner som använder det betalar en medlemsavgift; årsredovisningen redovisar "
        "ärenden och hur många som kommit till en positiv förändring.\n\n"
        "Navet och Medarbetarcentrum finansieras och används i olika grad av medlemskommunerna. Vilka tjänster en "
        "kommun betalade för ett visst år syns i kommunprofilen: en tjänst räknas när kommunens avgift i noten är "
        "större än noll."
    )


def _measures() -> None:
    st.subheader("Måtten och hur de räknas")
    rows = [
        {
            "Mått": measure.label,
            "Enhet": "andel" if measure.share else measure.unit,
            "Riktning": DIRECTIONS[measure.direction],
            "Vad det är": measure.help,
        }
        for measure in MEASURES.values()
    ]
    table(
        pd.DataFrame(rows),
        "Måtten",
        None,
        "Sjuhärad Insyn, beräknat ur årsredovisningarnas siffror",
        key="about_measures",
    )
    st.markdown(
        "Jämförelserna görs som i Kolada: **plats** bland de medlemskommuner som har ett värde (”plats 3 av 8”) och "
        "**skillnad mot medelvärdet** för medlemskommunerna, där medelvärdet är **oviktat** (varje kommun räknas "
        f"en gång oavsett storlek). {COLOUR_NOTE}\n\n"
        "**Utvecklingen** över de valda åren visas som förändringen från det första till det sista året med en uppgift, "
        "i kronor eller antal och i procent, som genomsnittlig förändring per år och som förändring mot året före."
    )
    st.markdown(
        "**Ekonomins nyckeltal** räknas ur resultat- och balansräkningen; eget kapital jämförs dessutom med det behov "
        "som årsredovisningen själv anger.\n"
        + "\n".join(f"- **{name}:** {formula}" for name, formula in FINANCE_RATIOS.values())
    )


def _derived() -> None:
    st.subheader("Härledda uppgifter och slutsatser")
    rates = queries.fees.stated_rates(state.selected_years())
    if rates.empty:
        st.markdown(
            "Årsredovisningarna för de valda åren anger ingen avgift per invånare, så inget invånarunderlag kan härledas."
        )
    else:
        year = int(rates["year"].iloc[0])
        stated = "; ".join(
            f"{formatting.format_number(row.kr_per_inhabitant)} kr per invånare för "
            f"{'medlemskommunerna' if row.membership == 'member' else 'de adjungerade kommunerna'}"
            for row in rates.itertuples()
        )
        st.markdown(
            "**Invånarunderlaget** är inte tryckt. Det härleds ur förbundsbidraget: kommunens förbundsbidrag i kronor "
            f"delat med den avgift per invånare som årsredovisningen anger för året ({year}: {stated}). "
            "Förbundsbidraget är tryckt i hela tusental kronor, så underlaget är osäkert med några invånare åt "
            "vardera hållet. Ett år då avgiften inte anges får inget underlag; en avgift antas aldrig gälla ett annat år. "
            "Mått per invånare och per 1 000 invånare bygger på underlaget."
        )
        source_note(rates["rate_source_ref"])
    _visitor_groups()
    inferred = queries.medarbetarcentrum.inferred_columns(state.selected_years())
    if inferred.empty:
        return
    latest = inferred[inferred["year"] == inferred["year"].max()]
    names = ", ".join(f"kolumn {row.column_no}: {row.municipality_name}" for row in latest.itertuples())
    st.markdown(
        f"**Medarbetarcentrums kolumner.** I tabellen över positiva förändringar {int(latest['year'].iloc[0])} saknas "
        f"kolumnrubrikerna. Vilken kommun en kolumn gäller är därför en **slutsats**, inte en tryckt uppgift ({names}), "
        f"och märks så överallt i appen. Underlaget: {latest['inference_evidence'].iloc[0]}"
    )
    source_note(latest["source_ref"])


def _visitor_groups() -> None:
    merged = merged_groups_text(queries.visits.merged_visitor_groups(0, 9999))
    st.markdown(
        "**Navets besöksgrupper.** Årsredovisningarna trycker inte samma besöksgrupper varje år: 2011 står "
        "”Övriga” och ”Högskolan Borås” på egna rader, 2012 bara ”övrigt”. Om Högskolan Borås ingår i 2012 års "
        "”övrigt” framgår inte. Beslut: alla besöksgrupper som inte är en kommun visas som en grupp, "
        "**Övriga besökare**, så att åren går att jämföra och varje års grupper går ihop till årets tryckta summa. "
        "De tryckta raderna finns kvar i datalagret med sina egna namn. En ny rubrik i en kommande årsredovisning "
        "måste få en grupp innan något publiceras; annars stoppar en kontroll publiceringen."
        + (f" Sammanslaget i de publicerade åren: {merged}." if merged else "")
    )


def _sources_and_updates() -> None:
    st.subheader("Var siffrorna kommer ifrån och hur ofta de uppdateras")
    years = queries.meta.published_years()
    reports = queries.meta.reports()
    record = queries.meta.publication()
    if not years.empty and not formatting.is_missing(years["first_year"].iloc[0]):
        st.markdown(
            f"Uppgifterna täcker åren {int(years['first_year'].iloc[0])}–{int(years['last_year'].iloc[0])} "
            f"ur {NUMBER(years['report_years'].iloc[0])} "
            f"{'årsredovisning' if years['report_years'].iloc[0] == 1 else 'årsredovisningar'} "
            "(varje årsredovisning ger också siffror för året före)."
        )
    if not reports.empty:
        latest = reports.iloc[0]
        st.markdown(
            f"Den senaste är **{latest['report_title']}** med {NUMBER(latest['tables'])} tabeller. "
            "Alla tabeller, med not och sida, finns på sidan Datakvalitet och källor."
        )
    st.markdown(
        "Varje siffra är inmatad som den står i den tryckta årsredovisningen och bär en hänvisning till tabell, not och "
        "sida. Där årsredovisningen själv inte går ihop visar kontrollerna den exakta avvikelsen; ingenting rättas i tysthet. "
        "Där en uppgift har gått förlorad när texten togs ut ur PDF-filen, till exempel en kolumnrubrik, står den som okänd.\n\n"
        "**Uppdatering:** årsredovisningen kommer en gång om året. När en ny årsredovisning har lagts in kontrolleras den "
        "och publiceras av sig själv om inga fel hittas; de tidigare publicerade siffrorna ligger kvar tills dess. Alla "
        "kontroller körs dessutom om varje morgon mot det som är publicerat."
    )
    if record:
        st.caption(f"Publicerad version: {published_at_text(record.get('published_at'))} (svensk tid).")
    st.markdown(
        "Frågor om siffrorna eller appen: kontakta den som förvaltar Sjuhärad Insyn hos Sjuhärads kommunalförbund."
    )


run_page(render)
