export const PASSWORD_MIN_LENGTH = 12;
export const TOKEN_EXPIRY_SECONDS = 3600;
export const API_KEY_HEADER = 'X-Api-Key';
export const PASSWORD_RESET_PATH = '/account/password/reset';
