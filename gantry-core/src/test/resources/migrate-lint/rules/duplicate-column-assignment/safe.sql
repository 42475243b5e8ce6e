update k set a = 1, "A" = 2 where b = 3;
insert into t (a, b) values (1, 2);
select a, a from t;
create view v as select t.a, u.b from t join u on t.id = u.id;
