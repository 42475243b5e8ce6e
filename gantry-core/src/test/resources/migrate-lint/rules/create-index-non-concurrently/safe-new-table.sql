BEGIN;
CREATE TABLE core_foo (id bigint, tenant_id bigint);
CREATE INDEX core_foo_tenant_idx ON core_foo (tenant_id);
COMMIT;
