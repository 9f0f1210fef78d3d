/** The five star tables, each filled by sql/insert_<table>.sql, in the order the ETL reports them. */
export const STAR_TABLES = ['users', 'songs', 'artists', 'time', 'songplays'];
