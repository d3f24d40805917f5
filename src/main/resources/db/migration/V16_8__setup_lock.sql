-- One row per set-up that nodes starting at once on one database must do one after the other: a node takes the row's
-- lock (SELECT ... FOR UPDATE) before it creates what is missing, so the second finds what the first created
-- (organization.OrganizationSetup: groups, grants, Tasklist filters). Portable SQL: H2 and PostgreSQL.
CREATE TABLE ft_setup_lock (
    name VARCHAR(32) NOT NULL PRIMARY KEY
);
INSERT INTO ft_setup_lock (name) VALUES ('organization');
