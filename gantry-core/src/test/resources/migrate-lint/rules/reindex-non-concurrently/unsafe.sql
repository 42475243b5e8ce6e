REINDEX TABLE foo; -- expect
