TRUNCATE import_staging, import_errors;
