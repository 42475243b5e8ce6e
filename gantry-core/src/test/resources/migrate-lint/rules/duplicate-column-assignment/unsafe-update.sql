update k
set
  a = 1,
  A = 2; -- expect
