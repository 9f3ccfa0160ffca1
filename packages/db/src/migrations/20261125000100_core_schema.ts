import { sql, type Kysely } from 'kysely';

const TABLE_OPTIONS = sql.raw('ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci');

// Created parents first; dropped in reverse.
const TABLES = [
  'seller_attributes',
  'main_categories',
  'first_categories',
  'second_categories',
  'sellers',
  'seller_revisions',
  'products',
  'product_images',
  'product_options',
  'product_revisions',
  'shoppers',
  'question_types',
  'questions',
  'answers',
  'storage_objects',
];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE seller_attributes (
    id TINYINT UNSIGNED NOT NULL PRIMARY KEY,
    name VARCHAR(50) NOT NULL,
    group_code ENUM('shop','brand','beauty') NOT NULL
  ) ${TABLE_OPTIONS}`.execute(db);

  await sql`CREATE TABLE main_categories (
    id INT UNSIGNED NOT NULL PRIMARY KEY,
    name VARCHAR(50) NOT NULL,
    group_code ENUM('shop','brand','beauty') NOT NULL,
    UNIQUE KEY uq_main_categories_group (group_code)
  ) ${TABLE_OPTIONS}`.execute(db);

  await sql`CREATE TABLE first_categories (
    id INT UNSIGNED NOT NULL PRIMARY KEY,
    main_category_id INT UNSIGNED NOT NULL,
    name VARCHAR(50) NOT NULL,
    position SMALLINT UNSIGNED NOT NULL,
    KEY ix_first_categories_main (main_category_id, position, id),
    CONSTRAINT fk_first_categories_main FOREIGN KEY (main_category_id) REFERENCES main_categories (id)
  ) ${TABLE_OPTIONS}`.execute(db);

  await sql`CREATE TABLE second_categories (
    id INT UNSIGNED NOT NULL PRIMARY KEY,
    first_category_id INT UNSIGNED NOT NULL,
    name VARCHAR(50) NOT NULL,
    position SMALLINT UNSIGNED NOT NULL,
    KEY ix_second_categories_first (first_category_id, position, id),
    CONSTRAINT fk_second_categories_first FOREIGN KEY (first_category_id) REFERENCES first_categories (id)
  ) ${TABLE_OPTIONS}`.execute(db);

  await sql`CREATE TABLE sellers (
    id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    login_id VARCHAR(50) NOT NULL,
    password_hash VARCHAR(255) NOT NULL,
    role ENUM('seller','admin') NOT NULL DEFAULT 'seller',
    status ENUM('pending','active','paused','closing','closed') NOT NULL DEFAULT 'pending',
    attribute_id TINYINT UNSIGNED NULL,
    name_ko VARCHAR(100) NOT NULL,
    name_en VARCHAR(100) NOT NULL,
    cs_phone VARCHAR(30) NULL,
    site_url VARCHAR(500) NULL,
    manager_name VARCHAR(50) NULL,
    manager_phone VARCHAR(30) NULL,
    manager_email VARCHAR(200) NULL,
    image_url VARCHAR(500) NULL,
    simple_description VARCHAR(200) NULL,
    sales_count INT UNSIGNED NOT NULL DEFAULT 0,
    version INT UNSIGNED NOT NULL DEFAULT 1,
    created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    UNIQUE KEY uq_sellers_login_id (login_id),
    UNIQUE KEY uq_sellers_name_ko (name_ko),
    UNIQUE KEY uq_sellers_name_en (name_en),
    KEY ix_sellers_status_attribute (status, attribute_id, id),
    KEY ix_sellers_status_sales (status, sales_count, id),
    KEY ix_sellers_created (created_at, id),
    KEY ix_sellers_attribute (attribute_id, id),
    CONSTRAINT fk_sellers_attribute FOREIGN KEY (attribute_id) REFERENCES seller_attributes (id)
  ) ${TABLE_OPTIONS}`.execute(db);

  await sql`CREATE TABLE seller_revisions (
    id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    seller_id INT UNSIGNED NOT NULL,
    version INT UNSIGNED NOT NULL,
    valid_from DATETIME(3) NOT NULL,
    valid_to DATETIME(3) NULL,
    changed_by INT UNSIGNED NULL,
    changes JSON NOT NULL,
    snapshot JSON NOT NULL,
    UNIQUE KEY uq_seller_revisions_version (seller_id, version),
    CONSTRAINT fk_seller_revisions_seller FOREIGN KEY (seller_id) REFERENCES sellers (id),
    CONSTRAINT fk_seller_revisions_changed_by FOREIGN KEY (changed_by) REFERENCES sellers (id)
  ) ${TABLE_OPTIONS}`.execute(db);

  await sql`CREATE TABLE products (
    id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    seller_id INT UNSIGNED NOT NULL,
    code VARCHAR(32) NOT NULL,
    name VARCHAR(100) NOT NULL,
    main_category_id INT UNSIGNED NOT NULL,
    first_category_id INT UNSIGNED NOT NULL,
    second_category_id INT UNSIGNED NOT NULL,
    simple_description VARCHAR(100) NULL,
    detail_html MEDIUMTEXT NOT NULL,
    price INT UNSIGNED NOT NULL,
    discount_rate TINYINT UNSIGNED NOT NULL DEFAULT 0,
    discount_starts_at DATETIME(3) NULL,
    discount_ends_at DATETIME(3) NULL,
    effective_price INT UNSIGNED NOT NULL,
    effective_discount_rate TINYINT UNSIGNED NOT NULL DEFAULT 0,
    min_order_qty TINYINT UNSIGNED NOT NULL DEFAULT 1,
    max_order_qty TINYINT UNSIGNED NOT NULL DEFAULT 20,
    is_on_sale TINYINT(1) NOT NULL DEFAULT 1,
    is_displayed TINYINT(1) NOT NULL DEFAULT 1,
    main_image_key VARCHAR(255) NULL,
    sales_count INT UNSIGNED NOT NULL DEFAULT 0,
    ranking_score DOUBLE NOT NULL DEFAULT 0,
    version INT UNSIGNED NOT NULL DEFAULT 1,
    created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    deleted_at DATETIME(3) NULL,
    UNIQUE KEY uq_products_code (code),
    KEY ix_products_seller_created (seller_id, created_at, id),
    KEY ix_products_created (created_at, id),
    KEY ix_products_main_created (main_category_id, created_at, id),
    KEY ix_products_first_created (first_category_id, created_at, id),
    KEY ix_products_second_created (second_category_id, created_at, id),
    CONSTRAINT fk_products_seller FOREIGN KEY (seller_id) REFERENCES sellers (id),
    CONSTRAINT fk_products_main_category FOREIGN KEY (main_category_id) REFERENCES main_categories (id),
    CONSTRAINT fk_products_first_category FOREIGN KEY (first_category_id) REFERENCES first_categories (id),
    CONSTRAINT fk_products_second_category FOREIGN KEY (second_category_id) REFERENCES second_categories (id)
  ) ${TABLE_OPTIONS}`.execute(db);

  await sql`CREATE TABLE product_images (
    id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    product_id INT UNSIGNED NOT NULL,
    object_key VARCHAR(255) NOT NULL,
    position TINYINT UNSIGNED NOT NULL,
    width SMALLINT UNSIGNED NOT NULL,
    height SMALLINT UNSIGNED NOT NULL,
    created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    UNIQUE KEY uq_product_images_key (object_key),
    KEY ix_product_images_product (product_id, position, id),
    CONSTRAINT fk_product_images_product FOREIGN KEY (product_id) REFERENCES products (id)
  ) ${TABLE_OPTIONS}`.execute(db);

  await sql`CREATE TABLE product_options (
    id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    product_id INT UNSIGNED NOT NULL,
    color VARCHAR(50) NOT NULL,
    size VARCHAR(50) NOT NULL,
    stock INT UNSIGNED NULL,
    position SMALLINT UNSIGNED NOT NULL,
    UNIQUE KEY uq_product_options_color_size (product_id, color, size),
    KEY ix_product_options_product (product_id, position, id),
    CONSTRAINT fk_product_options_product FOREIGN KEY (product_id) REFERENCES products (id)
  ) ${TABLE_OPTIONS}`.execute(db);

  await sql`CREATE TABLE product_revisions (
    id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    product_id INT UNSIGNED NOT NULL,
    version INT UNSIGNED NOT NULL,
    valid_from DATETIME(3) NOT NULL,
    valid_to DATETIME(3) NULL,
    changed_by INT UNSIGNED NOT NULL,
    action ENUM('create','update','delete') NOT NULL,
    snapshot JSON NOT NULL,
    changes JSON NOT NULL,
    UNIQUE KEY uq_product_revisions_version (product_id, version),
    KEY ix_product_revisions_valid_from (product_id, valid_from, version),
    CONSTRAINT fk_product_revisions_product FOREIGN KEY (product_id) REFERENCES products (id),
    CONSTRAINT fk_product_revisions_changed_by FOREIGN KEY (changed_by) REFERENCES sellers (id)
  ) ${TABLE_OPTIONS}`.execute(db);

  await sql`CREATE TABLE shoppers (
    id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    login_id VARCHAR(20) NOT NULL,
    password_hash VARCHAR(255) NOT NULL,
    name VARCHAR(50) NOT NULL,
    email VARCHAR(200) NULL,
    phone VARCHAR(30) NULL,
    created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    UNIQUE KEY uq_shoppers_login_id (login_id)
  ) ${TABLE_OPTIONS}`.execute(db);

  await sql`CREATE TABLE question_types (
    id TINYINT UNSIGNED NOT NULL PRIMARY KEY,
    name VARCHAR(50) NOT NULL,
    position TINYINT UNSIGNED NOT NULL
  ) ${TABLE_OPTIONS}`.execute(db);

  await sql`CREATE TABLE questions (
    id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    product_id INT UNSIGNED NOT NULL,
    seller_id INT UNSIGNED NOT NULL,
    shopper_id INT UNSIGNED NOT NULL,
    type_id TINYINT UNSIGNED NOT NULL,
    content TEXT NOT NULL,
    is_private TINYINT(1) NOT NULL DEFAULT 0,
    is_answered TINYINT(1) NOT NULL DEFAULT 0,
    created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    deleted_at DATETIME(3) NULL,
    KEY ix_questions_product (product_id, deleted_at, created_at, id),
    KEY ix_questions_shopper (shopper_id, deleted_at, created_at, id),
    KEY ix_questions_seller (seller_id, deleted_at, created_at, id),
    KEY ix_questions_created (deleted_at, created_at, id),
    CONSTRAINT fk_questions_product FOREIGN KEY (product_id) REFERENCES products (id),
    CONSTRAINT fk_questions_seller FOREIGN KEY (seller_id) REFERENCES sellers (id),
    CONSTRAINT fk_questions_shopper FOREIGN KEY (shopper_id) REFERENCES shoppers (id),
    CONSTRAINT fk_questions_type FOREIGN KEY (type_id) REFERENCES question_types (id)
  ) ${TABLE_OPTIONS}`.execute(db);

  await sql`CREATE TABLE answers (
    id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    question_id INT UNSIGNED NOT NULL,
    author_id INT UNSIGNED NOT NULL,
    content TEXT NOT NULL,
    created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    UNIQUE KEY uq_answers_question (question_id),
    CONSTRAINT fk_answers_question FOREIGN KEY (question_id) REFERENCES questions (id),
    CONSTRAINT fk_answers_author FOREIGN KEY (author_id) REFERENCES sellers (id)
  ) ${TABLE_OPTIONS}`.execute(db);

  await sql`CREATE TABLE storage_objects (
    id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    object_key VARCHAR(255) NOT NULL,
    state ENUM('pending','live','doomed','sweeping','deleted') NOT NULL,
    created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    last_error VARCHAR(500) NULL,
    UNIQUE KEY uq_storage_objects_key (object_key),
    KEY ix_storage_objects_state (state, updated_at, id)
  ) ${TABLE_OPTIONS}`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [...TABLES].reverse()) {
    await sql`DROP TABLE IF EXISTS ${sql.table(table)}`.execute(db);
  }
}
