create index index_very_long_very_long_very_long_very_long_very_long_very_long on t (col); -- expect
