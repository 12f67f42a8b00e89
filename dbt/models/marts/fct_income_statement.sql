{{ statement_mart('resultatrakning') }}
