CREATE TABLE "ééééééééééééééééééééééééééééééééé" (id bigint); -- expect
