"""Wording for figures the app derives from the marts."""

POPULATION_BASIS_LABEL = (
    "invånarunderlag härlett ur förbundsbidraget och avgiften per invånare "
    "(förbundsbidrag i kr delat med den avgift per invånare som årsredovisningen anger för året)"
)
