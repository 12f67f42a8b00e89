"""Wording for figures the app derives from the marts: what they are and their formulas."""

POPULATION_BASIS_LABEL = (
    "invånarunderlag härlett ur förbundsbidraget och avgiften per invånare "
    "(förbundsbidrag i kr delat med den avgift per invånare som årsredovisningen anger för året)"
)

# The ratios of marts.fct_finance_ratios: column → (name, formula as the help text says it).
FINANCE_RATIOS = {
    "result_share_of_income": (
        "Resultat i procent av intäkterna",
        "Årets resultat delat med resultaträkningens intäkter: verksamhetens intäkter, förbundsbidrag, "
        "medlemsavgifter och finansiella och extraordinära intäkter.",
    ),
    "soliditet": (
        "Soliditet",
        "Eget kapital delat med summa tillgångar. Avsättningen för pensioner räknas som en skuld.",
    ),
    "soliditet_pension_as_equity": (
        "Soliditet utan pensionsavsättningen som skuld",
        "Eget kapital plus avsättningar för pensioner, delat med summa tillgångar: soliditeten om "
        "pensionsavsättningen inte räknades som en skuld. Årsredovisningen anger inga pensionsförpliktelser "
        "utanför balansräkningen (ansvarsförbindelse), så någon soliditet inklusive sådana kan inte räknas fram.",
    ),
    "kassalikviditet": (
        "Kassalikviditet",
        "Omsättningstillgångar (minus varulager, som balansräkningen inte har) delat med kortfristiga skulder. "
        "Över 100 % betyder att de kortfristiga skulderna kan betalas med omsättningstillgångarna.",
    ),
}
