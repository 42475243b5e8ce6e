ALTER TABLE items ADD PRIMARY KEY (id); -- expect
