-- The tables of CiviCRM's schema that a page's SQL session models, as CiviCRM defines them
-- (the columns a sample may touch): one statement each, ending with a semicolon at a line's end.

CREATE TABLE civicrm_contact (
  id int unsigned NOT NULL AUTO_INCREMENT,
  contact_type varchar(64) DEFAULT NULL,
  contact_sub_type varchar(255) DEFAULT NULL,
  do_not_email tinyint NOT NULL DEFAULT 0,
  do_not_phone tinyint NOT NULL DEFAULT 0,
  do_not_mail tinyint NOT NULL DEFAULT 0,
  do_not_sms tinyint NOT NULL DEFAULT 0,
  do_not_trade tinyint NOT NULL DEFAULT 0,
  is_opt_out tinyint NOT NULL DEFAULT 0,
  legal_identifier varchar(32) DEFAULT NULL,
  external_identifier varchar(64) DEFAULT NULL,
  sort_name varchar(128) DEFAULT NULL,
  display_name varchar(128) DEFAULT NULL,
  nick_name varchar(128) DEFAULT NULL,
  legal_name varchar(128) DEFAULT NULL,
  image_URL text DEFAULT NULL,
  preferred_communication_method varchar(255) DEFAULT NULL,
  preferred_language varchar(5) DEFAULT NULL,
  hash varchar(32) DEFAULT NULL,
  api_key varchar(32) DEFAULT NULL COMMENT 'API Key for validating requests related to this contact.',
  source varchar(255) DEFAULT NULL,
  first_name varchar(64) DEFAULT NULL,
  middle_name varchar(64) DEFAULT NULL,
  last_name varchar(64) DEFAULT NULL,
  prefix_id int unsigned DEFAULT NULL,
  suffix_id int unsigned DEFAULT NULL,
  formal_title varchar(64) DEFAULT NULL,
  communication_style_id int unsigned DEFAULT NULL,
  email_greeting_id int unsigned DEFAULT NULL,
  email_greeting_custom varchar(128) DEFAULT NULL,
  email_greeting_display varchar(255) DEFAULT NULL,
  postal_greeting_id int unsigned DEFAULT NULL,
  postal_greeting_custom varchar(128) DEFAULT NULL,
  postal_greeting_display varchar(255) DEFAULT NULL,
  addressee_id int unsigned DEFAULT NULL,
  addressee_custom varchar(128) DEFAULT NULL,
  addressee_display varchar(255) DEFAULT NULL,
  job_title varchar(255) DEFAULT NULL,
  gender_id int unsigned DEFAULT NULL,
  birth_date date DEFAULT NULL,
  is_deceased tinyint NOT NULL DEFAULT 0,
  deceased_date date DEFAULT NULL,
  household_name varchar(128) DEFAULT NULL,
  primary_contact_id int unsigned DEFAULT NULL,
  organization_name varchar(128) DEFAULT NULL,
  sic_code varchar(8) DEFAULT NULL,
  user_unique_id varchar(255) DEFAULT NULL,
  employer_id int unsigned DEFAULT NULL,
  is_deleted tinyint NOT NULL DEFAULT 0,
  created_date timestamp NULL DEFAULT NULL,
  modified_date timestamp NULL DEFAULT NULL,
  preferred_mail_format varchar(8) DEFAULT 'Both',
  PRIMARY KEY (id),
  UNIQUE KEY UI_external_identifier (external_identifier),
  KEY index_contact_type (contact_type),
  KEY index_sort_name (sort_name),
  KEY index_hash (hash),
  KEY index_api_key (api_key),
  KEY index_is_deleted_sort_name (is_deleted, sort_name, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE civicrm_email (
  id int unsigned NOT NULL AUTO_INCREMENT,
  contact_id int unsigned DEFAULT NULL,
  location_type_id int unsigned DEFAULT NULL,
  email varchar(254) DEFAULT NULL,
  is_primary tinyint NOT NULL DEFAULT 0,
  is_billing tinyint NOT NULL DEFAULT 0,
  on_hold tinyint NOT NULL DEFAULT 0,
  is_bulkmail tinyint NOT NULL DEFAULT 0,
  hold_date datetime DEFAULT NULL,
  reset_date datetime DEFAULT NULL,
  signature_text text DEFAULT NULL,
  signature_html text DEFAULT NULL,
  PRIMARY KEY (id),
  KEY index_email (email),
  CONSTRAINT FK_civicrm_email_contact_id FOREIGN KEY (contact_id) REFERENCES civicrm_contact (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE civicrm_uf_match (
  id int unsigned NOT NULL AUTO_INCREMENT,
  domain_id int unsigned NOT NULL DEFAULT 1,
  uf_id int unsigned NOT NULL,
  uf_name varchar(128) DEFAULT NULL,
  contact_id int unsigned DEFAULT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY UI_uf_domain_id (uf_id, domain_id),
  CONSTRAINT FK_civicrm_uf_match_contact_id FOREIGN KEY (contact_id) REFERENCES civicrm_contact (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE civicrm_domain (
  id int unsigned NOT NULL AUTO_INCREMENT, name varchar(64) NOT NULL, description varchar(255) DEFAULT NULL,
  version varchar(32) DEFAULT NULL, contact_id int unsigned DEFAULT NULL, locales text DEFAULT NULL,
  locale_custom_strings text DEFAULT NULL, config_backend text DEFAULT NULL,
  PRIMARY KEY (id), UNIQUE KEY UI_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE civicrm_option_group (
  id int unsigned NOT NULL AUTO_INCREMENT, name varchar(64) NOT NULL, title varchar(255) DEFAULT NULL,
  description text DEFAULT NULL, data_type varchar(128) DEFAULT NULL, is_reserved tinyint NOT NULL DEFAULT 1,
  is_active tinyint NOT NULL DEFAULT 1, is_locked tinyint NOT NULL DEFAULT 0,
  PRIMARY KEY (id), UNIQUE KEY UI_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE civicrm_option_value (
  id int unsigned NOT NULL AUTO_INCREMENT, option_group_id int unsigned NOT NULL, label varchar(512) NOT NULL,
  value varchar(512) NOT NULL, name varchar(255) DEFAULT NULL, `grouping` varchar(255) DEFAULT NULL,
  filter int unsigned DEFAULT 0, is_default tinyint DEFAULT 0, weight int unsigned NOT NULL DEFAULT 1,
  description text DEFAULT NULL, is_optgroup tinyint DEFAULT 0, is_reserved tinyint DEFAULT 0,
  is_active tinyint DEFAULT 1, component_id int unsigned DEFAULT NULL, domain_id int unsigned DEFAULT NULL,
  visibility_id int unsigned DEFAULT NULL, icon varchar(255) DEFAULT NULL, color varchar(255) DEFAULT NULL,
  PRIMARY KEY (id), KEY index_option_group_id_value (value(128), option_group_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE civicrm_group (
  id int unsigned NOT NULL AUTO_INCREMENT, name varchar(64) DEFAULT NULL, title varchar(255) DEFAULT NULL,
  description text DEFAULT NULL, source varchar(64) DEFAULT NULL, saved_search_id int unsigned DEFAULT NULL,
  is_active tinyint DEFAULT NULL, visibility varchar(24) DEFAULT 'User and User Admin Only',
  where_clause text DEFAULT NULL, select_tables text DEFAULT NULL, where_tables text DEFAULT NULL,
  group_type varchar(128) DEFAULT NULL, cache_date timestamp NULL DEFAULT NULL, refresh_date timestamp NULL DEFAULT NULL,
  parents text DEFAULT NULL, children text DEFAULT NULL, is_hidden tinyint DEFAULT 0, is_reserved tinyint DEFAULT 0,
  created_id int unsigned DEFAULT NULL, modified_id int unsigned DEFAULT NULL,
  frontend_title varchar(255) DEFAULT NULL, frontend_description text DEFAULT NULL,
  PRIMARY KEY (id), UNIQUE KEY UI_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE civicrm_group_contact (
  id int unsigned NOT NULL AUTO_INCREMENT, group_id int unsigned NOT NULL, contact_id int unsigned NOT NULL,
  status varchar(8) DEFAULT NULL, location_id int unsigned DEFAULT NULL, email_id int unsigned DEFAULT NULL,
  PRIMARY KEY (id), UNIQUE KEY UI_contact_group (contact_id, group_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE civicrm_setting (
  id int unsigned NOT NULL AUTO_INCREMENT, name varchar(255) DEFAULT NULL, value text DEFAULT NULL,
  domain_id int unsigned DEFAULT NULL, contact_id int unsigned DEFAULT NULL, is_domain tinyint NOT NULL DEFAULT 0,
  component_id int unsigned DEFAULT NULL, created_date datetime DEFAULT NULL, created_id int unsigned DEFAULT NULL,
  PRIMARY KEY (id), UNIQUE KEY index_domain_contact_name (domain_id, contact_id, name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE civicrm_job (
  id int unsigned NOT NULL AUTO_INCREMENT, domain_id int unsigned NOT NULL, run_frequency varchar(8) DEFAULT 'Daily',
  last_run timestamp NULL DEFAULT NULL, scheduled_run_date timestamp NULL DEFAULT NULL, name varchar(255) DEFAULT NULL,
  description varchar(255) DEFAULT NULL, api_entity varchar(255) DEFAULT NULL, api_action varchar(255) DEFAULT NULL,
  parameters text DEFAULT NULL, is_active tinyint DEFAULT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE civicrm_menu (
  id int unsigned NOT NULL AUTO_INCREMENT, domain_id int unsigned NOT NULL, path varchar(255) DEFAULT NULL,
  path_arguments text DEFAULT NULL, title varchar(255) DEFAULT NULL, access_callback varchar(255) DEFAULT NULL,
  access_arguments text DEFAULT NULL, page_callback varchar(255) DEFAULT NULL, page_arguments text DEFAULT NULL,
  breadcrumb text DEFAULT NULL, return_url varchar(255) DEFAULT NULL, return_url_args varchar(255) DEFAULT NULL,
  component_id int unsigned DEFAULT NULL, is_active tinyint DEFAULT NULL, is_public tinyint DEFAULT NULL,
  is_exposed tinyint DEFAULT NULL, is_ssl tinyint DEFAULT NULL, weight int NOT NULL DEFAULT 1,
  type int NOT NULL DEFAULT 1, page_type int NOT NULL DEFAULT 1, skipBreadcrumb tinyint DEFAULT NULL,
  module_data text DEFAULT NULL,
  PRIMARY KEY (id), UNIQUE KEY UI_path_domain_id (path, domain_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
