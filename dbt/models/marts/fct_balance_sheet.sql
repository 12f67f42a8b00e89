{{ statement_mart('balansrakning') }}
