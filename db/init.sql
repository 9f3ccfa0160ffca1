-- Run once by the MySQL container on its first start (docker-entrypoint-initdb.d).
-- The schema itself is created by the migrations in packages/db (the compose "migrate" job).
CREATE DATABASE IF NOT EXISTS brandi CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
