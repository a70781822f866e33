--liquibase formatted sql

--changeset ada:1
CREATE TABLE orders (id BIGINT PRIMARY KEY);
--rollback DROP TABLE orders;
