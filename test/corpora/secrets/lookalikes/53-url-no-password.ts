export const DATABASE_URL = 'postgres://orders@db.internal:5432/orders';
export const API = 'https://user@example.com/path';
export const dsn = 'mysql://root:${MYSQL_ROOT_PASSWORD}@mysql:3306/app';
