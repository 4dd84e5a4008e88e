/** How long an API token lives unless its owner chooses otherwise, and the choices offered. */
export const TOKEN_LIFETIME_DAYS = [30, 90, 365] as const;
export const DEFAULT_TOKEN_LIFETIME_DAYS = 365;
