CLUSTER foo USING foo_pkey; -- expect
