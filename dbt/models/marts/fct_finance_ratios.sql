{#-
  The ratios a board reads in an annual report, per year, from the printed statements:

    result_share_of_income        = årets resultat / the income lines of the income statement
                                    (verksamhetens intäkter, förbundsbidrag, medlemsavgifter,
                                    finansiella och extraordinära intäkter)
    soliditet                     = eget kapital / summa tillgångar
    soliditet_pension_as_equity   = (eget kapital + avsättningar för pensioner) / summa tillgångar
    kassalikviditet               = (omsättningstillgångar - varulager) / kortfristiga skulder
    equity_above_target_tkr       = eget kapital - the equity the report states the operations need

  Derived, not printed; a ratio is null when a line it needs is missing or its divisor is 0.
-#}
with income_statement as (

    select * from {{ ref('fct_income_statement') }}

),

balance_sheet as (

    select * from {{ ref('fct_balance_sheet') }}

),

income as (

    select
        year,
        sum(amount_tkr) filter (
            where line_id in (
                'verksamhetens_intakter', 'forbundsbidrag_kansli', 'medlemsavgifter_navet',
                'medlemsavgifter_medarbetarcentrum', 'finansiella_intakter', 'extraordinara_intakter'
            )
        ) as total_income_tkr,
        any_value(amount_tkr) filter (where line_id = 'arets_resultat') as arets_resultat_tkr,
        string_agg(distinct source_ref, '; ' order by source_ref) as income_source_ref
    from income_statement
    group by year

),

balance as (

    select
        year,
        any_value(amount_tkr) filter (where line_id = 'eget_kapital') as eget_kapital_tkr,
        any_value(amount_tkr) filter (where line_id = 'summa_tillgangar') as summa_tillgangar_tkr,
        any_value(amount_tkr) filter (where line_id = 'avsattningar_for_pensioner') as pension_provisions_tkr,
        any_value(amount_tkr) filter (where line_id = 'omsattningstillgangar') as omsattningstillgangar_tkr,
        coalesce(any_value(amount_tkr) filter (where line_id = 'varulager'), 0) as varulager_tkr,
        any_value(amount_tkr) filter (where line_id = 'kortfristiga_skulder') as kortfristiga_skulder_tkr,
        string_agg(distinct source_ref, '; ' order by source_ref) as balance_source_ref
    from balance_sheet
    group by year

),

equity_targets as (

    select
        key_figures.year,
        key_figures.value * units.factor_to_tkr as equity_target_tkr,
        key_figures.qualifier as equity_target_qualifier,
        key_figures.source_ref as equity_target_source_ref
    from {{ ref('fct_key_figures') }} as key_figures
    inner join {{ ref('units') }} as units
        on lower(key_figures.unit) = units.unit
    where key_figures.figure_id = 'eget_kapital_bedomt_behov'

),

years as (

    select year from income
    union
    select year from balance

)

select
    cast(years.year as integer) as year,
    cast(income.total_income_tkr as double) as total_income_tkr,
    cast(income.arets_resultat_tkr as double) as arets_resultat_tkr,
    cast(income.arets_resultat_tkr / nullif(income.total_income_tkr, 0) as double) as result_share_of_income,
    cast(balance.eget_kapital_tkr as double) as eget_kapital_tkr,
    cast(balance.summa_tillgangar_tkr as double) as summa_tillgangar_tkr,
    cast(balance.pension_provisions_tkr as double) as pension_provisions_tkr,
    cast(balance.eget_kapital_tkr / nullif(balance.summa_tillgangar_tkr, 0) as double) as soliditet,
    cast(
        (balance.eget_kapital_tkr + balance.pension_provisions_tkr) / nullif(balance.summa_tillgangar_tkr, 0) as double
    ) as soliditet_pension_as_equity,
    cast(balance.omsattningstillgangar_tkr as double) as omsattningstillgangar_tkr,
    cast(balance.kortfristiga_skulder_tkr as double) as kortfristiga_skulder_tkr,
    cast(
        (balance.omsattningstillgangar_tkr - balance.varulager_tkr) / nullif(balance.kortfristiga_skulder_tkr, 0) as double
    ) as kassalikviditet,
    cast(equity_targets.equity_target_tkr as double) as equity_target_tkr,
    cast(equity_targets.equity_target_qualifier as varchar) as equity_target_qualifier,
    cast(balance.eget_kapital_tkr - equity_targets.equity_target_tkr as double) as equity_above_target_tkr,
    cast(income.income_source_ref as varchar) as income_source_ref,
    cast(balance.balance_source_ref as varchar) as balance_source_ref,
    cast(equity_targets.equity_target_source_ref as varchar) as equity_target_source_ref
from years
left join income
    on years.year = income.year
left join balance
    on years.year = balance.year
left join equity_targets
    on years.year = equity_targets.year
order by years.year
