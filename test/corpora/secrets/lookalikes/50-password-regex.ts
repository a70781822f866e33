export const PASSWORD_PATTERN = /^(?=.*[a-z])(?=.*[A-Z])(?=.*\d).{12,}$/;
export const tokenRegex = 'ghp_[A-Za-z0-9]{36}';
